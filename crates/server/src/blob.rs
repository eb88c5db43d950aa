//! Content-addressed, resumable blobs (scans, signed documents, revocation lists).
//!
//! An upload goes to `partial/<sha256>` in the blob folder and may arrive in pieces, each
//! continuing where the stored part ends. When the last byte arrives the whole file is hashed;
//! only if the SHA-256 matches is it fsynced, renamed to `<sha256>` and recorded in `blobs`, so
//! nothing unverified is ever visible. A mismatch throws the partial file away.

use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::db::{DbError, Sql};
use crate::error::ServerError;
use crate::reason::Reason;

/// The blob folder.
#[derive(Debug, Clone)]
pub struct BlobStore {
    dir: PathBuf,
}

/// How much of a blob the server holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlobState {
    /// Nothing.
    Absent,
    /// This many bytes of an unfinished upload.
    Partial(u64),
    /// All of it, verified; its size.
    Complete(u64),
}

/// What a piece of an upload did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceOutcome {
    /// Stored; the upload now holds this many bytes and is not finished.
    Stored(u64),
    /// The blob is complete and verified.
    Complete(u64),
    /// Refused; the stored part holds this many bytes.
    Refused(Reason, u64),
}

/// Whether `sha256` is 64 lower-case hex digits.
pub fn valid_hash(sha256: &str) -> bool {
    sha256.len() == 64
        && sha256
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Whether a verified blob with this hash is recorded.
pub fn is_stored(sql: &mut dyn Sql, sha256: &str) -> Result<bool, DbError> {
    Ok(sql
        .query_opt("SELECT size FROM blobs WHERE sha256 = $1", &[sha256.into()])?
        .is_some())
}

impl BlobStore {
    /// Uses (and creates) `dir`.
    pub fn open(dir: &Path) -> std::io::Result<BlobStore> {
        fs::create_dir_all(dir.join("partial"))?;
        Ok(BlobStore {
            dir: dir.to_path_buf(),
        })
    }

    fn final_path(&self, sha256: &str) -> PathBuf {
        self.dir.join(sha256)
    }

    fn partial_path(&self, sha256: &str) -> PathBuf {
        self.dir.join("partial").join(sha256)
    }

    /// How much of the blob is here.
    pub fn state(&self, sql: &mut dyn Sql, sha256: &str) -> Result<BlobState, ServerError> {
        if let Some(row) =
            sql.query_opt("SELECT size FROM blobs WHERE sha256 = $1", &[sha256.into()])?
        {
            return Ok(BlobState::Complete(u64::try_from(row.int(0)?).unwrap_or(0)));
        }
        match fs::metadata(self.partial_path(sha256)) {
            Ok(m) => Ok(BlobState::Partial(m.len())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BlobState::Absent),
            Err(e) => Err(e.into()),
        }
    }

    /// Stores a piece starting at `offset` of a blob of `total` bytes.
    pub fn put(
        &self,
        sql: &mut dyn Sql,
        sha256: &str,
        offset: u64,
        total: u64,
        bytes: &[u8],
    ) -> Result<PieceOutcome, ServerError> {
        let held = match self.state(sql, sha256)? {
            BlobState::Complete(size) => return Ok(PieceOutcome::Complete(size)),
            BlobState::Partial(n) => n,
            BlobState::Absent => 0,
        };
        let end = offset + bytes.len() as u64;
        if offset != held || end > total || total == 0 {
            return Ok(PieceOutcome::Refused(Reason::BadRange, held));
        }
        let partial = self.partial_path(sha256);
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&partial)?;
        file.write_all(bytes)?;
        file.sync_data()?;
        if end < total {
            return Ok(PieceOutcome::Stored(end));
        }
        if hash_file(&partial)? != sha256 {
            fs::remove_file(&partial)?;
            return Ok(PieceOutcome::Refused(Reason::HashMismatch, 0));
        }
        fs::rename(&partial, self.final_path(sha256))?;
        File::open(&self.dir)?.sync_all()?;
        sql.execute(
            "INSERT INTO blobs (sha256, size, stored_at) VALUES ($1, $2, $3)
             ON CONFLICT (sha256) DO NOTHING",
            &[
                sha256.into(),
                i64::try_from(total).unwrap_or(i64::MAX).into(),
                crate::clock::now_text().into(),
            ],
        )?;
        Ok(PieceOutcome::Complete(total))
    }

    /// The bytes of a complete blob.
    pub fn read(&self, sql: &mut dyn Sql, sha256: &str) -> Result<Option<Vec<u8>>, ServerError> {
        if !is_stored(sql, sha256)? {
            return Ok(None);
        }
        Ok(Some(fs::read(self.final_path(sha256))?))
    }
}

fn hash_file(path: &Path) -> std::io::Result<String> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
