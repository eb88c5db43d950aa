//! Content-addressed files for attachments: `blobs/ab/abcdef…` named by their SHA-256.
//!
//! A blob is written to a temporary file in its directory, fsynced, renamed into place and the
//! directory fsynced, all before the row that cites it commits; a crash leaves at worst an
//! unreferenced temporary file or blob, never a row without its file. Identical content is
//! stored once.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::StoreError;

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `s` is 64 lower-case hex digits (so it is safe to use as a file name).
fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where the blob with this hash lives.
pub(crate) fn path(blobs: &Path, sha: &str) -> Result<PathBuf, StoreError> {
    if !is_sha256_hex(sha) {
        return Err(StoreError::BadHash);
    }
    Ok(blobs.join(&sha[..2]).join(sha))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("sync blob directory", e))
}

/// Stores `bytes` under `sha` durably; does nothing if an intact copy is already there.
pub(crate) fn put(blobs: &Path, sha: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let target = path(blobs, sha)?;
    if let Ok(existing) = fs::read(&target)
        && sha256_hex(&existing) == sha
    {
        return Ok(target);
    }
    let dir = blobs.join(&sha[..2]);
    if !dir.is_dir() {
        fs::create_dir_all(&dir).map_err(|e| StoreError::io("create blob directory", e))?;
        sync_dir(blobs)?;
    }
    let tmp = dir.join(format!(".tmp-{}", Uuid::now_v7()));
    let written = write_synced(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, &target).map_err(|e| StoreError::io("rename blob", e)));
    if let Err(e) = written {
        // Best effort: the temporary file is unreferenced either way.
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&dir)?;
    Ok(target)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = File::create_new(path).map_err(|e| StoreError::io("create blob", e))?;
    f.write_all(bytes)
        .map_err(|e| StoreError::io("write blob", e))?;
    f.sync_all().map_err(|e| StoreError::io("sync blob", e))
}

/// Reads a blob and checks it still matches its hash.
pub(crate) fn get(blobs: &Path, sha: &str) -> Result<Vec<u8>, StoreError> {
    let bytes = fs::read(path(blobs, sha)?).map_err(|e| StoreError::io("read blob", e))?;
    if sha256_hex(&bytes) == sha {
        Ok(bytes)
    } else {
        Err(StoreError::BlobMismatch {
            sha256: sha.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn hashes_that_could_escape_the_directory_are_refused() {
        let blobs = Path::new("blobs");
        assert!(matches!(
            path(blobs, "../../etc/passwd"),
            Err(StoreError::BadHash)
        ));
        let upper = "A".repeat(64);
        assert!(matches!(path(blobs, &upper), Err(StoreError::BadHash)));
        let ok = "ab".repeat(32);
        assert_eq!(path(blobs, &ok).unwrap(), blobs.join("ab").join(&ok));
    }

    #[test]
    fn a_damaged_blob_is_rewritten_and_detected_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let sha = sha256_hex(b"scan");
        let p = put(dir.path(), &sha, b"scan").unwrap();
        fs::write(&p, b"scam").unwrap();
        assert!(matches!(
            get(dir.path(), &sha),
            Err(StoreError::BlobMismatch { .. })
        ));
        put(dir.path(), &sha, b"scan").unwrap();
        assert_eq!(get(dir.path(), &sha).unwrap(), b"scan");
    }
}
