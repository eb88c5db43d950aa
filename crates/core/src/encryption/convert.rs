//! Converting a data folder from before encryption at rest: the plaintext database becomes an
//! SQLCipher file and every plaintext scan a sealed one.
//!
//! Crash-safe by order: the plaintext database is checkpointed (its WAL emptied into it), copied
//! with `sqlcipher_export` into `tereze.db.encrypting`, which is fsynced, reopened with the key
//! and compared table by table; only then are the emptied `-wal`/`-shm` removed and the
//! encrypted file renamed over the plaintext one. Until that rename the plaintext database is
//! complete and the next login simply converts again. Scans are sealed one by one with an
//! atomic rename each (a sealed scan is skipped the next time). The old plaintext file is
//! overwritten with zeros before it is removed, and leftovers of an interrupted run are wiped
//! by [`remove_leftovers`].

use std::fs::{self, File, OpenOptions};
use std::io::{Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags, params};

use super::{BlobKey, DatabaseKey, blob_cipher, database};
use crate::keyring::MasterKey;
use crate::store::{BLOB_DIR, DB_FILE, StoreError, blob};

/// The encrypted copy while it is being written.
const ENCRYPTING: &str = "tereze.db.encrypting";
/// The plaintext file between the rename and its wiping.
const PLAINTEXT_OLD: &str = "tereze.db.plaintext-old";

/// What a conversion did, for the audit log.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Converted {
    /// Whether the database was converted (false: it was already encrypted or absent).
    pub database: bool,
    /// Scan files sealed.
    pub blobs: usize,
}

/// Whether `data_dir` holds a plaintext database that needs converting.
pub fn needs_conversion(data_dir: &Path) -> Result<bool, StoreError> {
    let db = data_dir.join(DB_FILE);
    if !crate::store::open_has_content(&db)? {
        return Ok(false);
    }
    crate::store::open_is_plaintext(&db)
}

/// Opens the plaintext database of `data_dir` read-only, to check a login against its operator
/// table before the keyring exists. Only for conversion: the app never works on it.
pub fn open_plaintext(data_dir: &Path) -> Result<Connection, StoreError> {
    let conn = Connection::open_with_flags(
        data_dir.join(DB_FILE),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    Ok(conn)
}

/// Converts the data folder to encryption under `key`: scans first, then the database. Does
/// nothing to a folder that is already encrypted.
pub fn convert(data_dir: &Path, key: &MasterKey) -> Result<Converted, StoreError> {
    remove_leftovers(data_dir)?;
    let blobs = seal_plaintext_blobs(&data_dir.join(BLOB_DIR), &BlobKey::derive(key))?;
    let database = if needs_conversion(data_dir)? {
        convert_database(data_dir, &DatabaseKey::derive(key))?;
        true
    } else {
        false
    };
    Ok(Converted { database, blobs })
}

/// Wipes what an interrupted conversion left: a half-written encrypted copy (the plaintext
/// database is still complete then) and a plaintext file renamed aside but not yet wiped.
pub fn remove_leftovers(data_dir: &Path) -> Result<(), StoreError> {
    let encrypting = data_dir.join(ENCRYPTING);
    for leftover in [encrypting.clone(), with_suffix(&encrypting, "-journal")] {
        remove_if_present(&leftover)?;
    }
    let old = data_dir.join(PLAINTEXT_OLD);
    if old.exists() {
        wipe(&old)?;
    }
    Ok(())
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

fn remove_if_present(path: &Path) -> Result<(), StoreError> {
    match fs::remove_file(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(StoreError::io("remove leftover file", e)),
    }
}

/// Overwrites a plaintext file with zeros, fsyncs and removes it. (On SSDs and journalling
/// file systems old blocks may survive; full-disk encryption covers that, see the docs.)
fn wipe(path: &Path) -> Result<(), StoreError> {
    let len = fs::metadata(path)
        .map_err(|e| StoreError::io("inspect plaintext file", e))?
        .len();
    {
        let mut f = OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(|e| StoreError::io("open plaintext file", e))?;
        f.seek(SeekFrom::Start(0))
            .map_err(|e| StoreError::io("wipe plaintext file", e))?;
        let zeros = vec![0u8; 64 * 1024];
        let mut left = len;
        while left > 0 {
            let n = usize::try_from(left.min(zeros.len() as u64)).unwrap_or(zeros.len());
            f.write_all(&zeros[..n])
                .map_err(|e| StoreError::io("wipe plaintext file", e))?;
            left -= n as u64;
        }
        f.sync_all()
            .map_err(|e| StoreError::io("wipe plaintext file", e))?;
    }
    fs::remove_file(path).map_err(|e| StoreError::io("remove plaintext file", e))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("sync data folder", e))
}

/// Seals every plaintext scan in `dir` in place; returns how many. Leftover temporary files
/// (plaintext from an interrupted write) are wiped.
fn seal_plaintext_blobs(dir: &Path, key: &BlobKey) -> Result<usize, StoreError> {
    let mut sealed = 0;
    let Ok(shards) = fs::read_dir(dir) else {
        return Ok(0);
    };
    for shard in shards {
        let shard = shard.map_err(|e| StoreError::io("list scans", e))?.path();
        if !shard.is_dir() {
            continue;
        }
        for entry in fs::read_dir(&shard).map_err(|e| StoreError::io("list scans", e))? {
            let path = entry.map_err(|e| StoreError::io("list scans", e))?.path();
            let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if name.starts_with(".tmp-") {
                wipe(&path)?;
                continue;
            }
            let Ok(target) = blob::path_in(dir, name) else {
                continue;
            };
            let bytes = fs::read(&path).map_err(|e| StoreError::io("read scan", e))?;
            if blob_cipher::is_sealed(&bytes) {
                continue;
            }
            let sha = name.to_owned();
            let file = blob_cipher::seal(key, &sha, &bytes)?;
            blob::write_file(dir, &target, &sha, &file)?;
            sealed += 1;
        }
    }
    Ok(sealed)
}

/// The tables of a database and their row counts, to compare the copy with the original.
fn table_counts(conn: &Connection) -> Result<Vec<(String, i64)>, StoreError> {
    let names = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
             ORDER BY name",
        )?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    let mut counts = Vec::with_capacity(names.len());
    for name in names {
        // Table names come from the schema this program wrote, quoted as identifiers.
        let quoted = format!("\"{}\"", name.replace('"', "\"\""));
        let n: i64 = conn.query_row(&format!("SELECT count(*) FROM {quoted}"), [], |r| r.get(0))?;
        counts.push((name, n));
    }
    Ok(counts)
}

fn convert_database(data_dir: &Path, key: &DatabaseKey) -> Result<(), StoreError> {
    let db = data_dir.join(DB_FILE);
    let encrypting = data_dir.join(ENCRYPTING);
    super::database::wait_for_cipher_start();
    let (expected, user_version) = {
        // CREATE is for the attached copy; the plaintext file exists (checked by the caller).
        let plain = Connection::open_with_flags(
            &db,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        // Everything in the WAL goes into the main file first, and the WAL is emptied.
        plain.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let user_version: i64 = plain.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let expected = table_counts(&plain)?;
        let path = encrypting
            .to_str()
            .ok_or(StoreError::Invalid {
                what: "data folder path",
            })?
            .to_owned();
        plain.execute(
            "ATTACH DATABASE ?1 AS encrypted KEY ?2",
            params![path, key.pragma_value().as_str()],
        )?;
        plain.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        // An integer read from the file itself, not input.
        plain.execute_batch(&format!("PRAGMA encrypted.user_version = {user_version};"))?;
        plain.execute_batch("DETACH DATABASE encrypted;")?;
        (expected, user_version)
    };
    File::open(&encrypting)
        .and_then(|f| f.sync_all())
        .map_err(|e| StoreError::io("sync encrypted database", e))?;
    {
        let copy = database::open(
            &encrypting,
            key,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        let ok: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        let version: i64 = copy.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if ok != "ok" || version != user_version || table_counts(&copy)? != expected {
            return Err(StoreError::Corrupt {
                detail: "the encrypted copy differs from the original".to_owned(),
            });
        }
    }
    // The WAL is empty after the checkpoint; a stale one must never meet the new file.
    remove_if_present(&with_suffix(&db, "-wal"))?;
    remove_if_present(&with_suffix(&db, "-shm"))?;
    let old = data_dir.join(PLAINTEXT_OLD);
    remove_if_present(&old)?;
    fs::hard_link(&db, &old).map_err(|e| StoreError::io("keep plaintext aside", e))?;
    fs::rename(&encrypting, &db).map_err(|e| StoreError::io("rename encrypted database", e))?;
    sync_dir(data_dir)?;
    wipe(&old)?;
    sync_dir(data_dir)
}
