//! Content-addressed files for attachments: `blobs/ab/abcdef…` named by the SHA-256 of their
//! plaintext, sealed on disk with the workstation's scan key ([`blob_cipher`]).
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
use crate::encryption::{BlobKey, blob_cipher};

/// The scans folder and the key its files are sealed with.
#[derive(Debug, Clone)]
pub(crate) struct Blobs {
    /// The folder.
    pub(crate) dir: PathBuf,
    /// The scan key.
    pub(crate) key: BlobKey,
}

/// SHA-256 of `bytes` as lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `s` is 64 lower-case hex digits (so it is safe to use as a file name).
fn is_sha256_hex(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// Where the blob with this hash lives (its sealed form).
pub(crate) fn path(blobs: &Blobs, sha: &str) -> Result<PathBuf, StoreError> {
    path_in(&blobs.dir, sha)
}

/// Where the blob with this hash lives under the folder `dir`.
pub(crate) fn path_in(dir: &Path, sha: &str) -> Result<PathBuf, StoreError> {
    if !is_sha256_hex(sha) {
        return Err(StoreError::BadHash);
    }
    Ok(dir.join(&sha[..2]).join(sha))
}

fn sync_dir(dir: &Path) -> Result<(), StoreError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| StoreError::io("sync blob directory", e))
}

/// Stores `bytes` under `sha` durably, sealed; does nothing if an intact copy is already there.
pub(crate) fn put(blobs: &Blobs, sha: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let target = path(blobs, sha)?;
    if let Ok(existing) = fs::read(&target)
        && let Ok(plain) = blob_cipher::open(&blobs.key, sha, &existing)
        && sha256_hex(&plain) == sha
    {
        return Ok(target);
    }
    let sealed = blob_cipher::seal(&blobs.key, sha, bytes)?;
    write_file(&blobs.dir, &target, sha, &sealed)?;
    Ok(target)
}

/// Writes `bytes` as the file `target` (the blob `sha` under `root`): a temporary file in the
/// same folder, fsync, rename, fsync of the folder.
pub(crate) fn write_file(
    root: &Path,
    target: &Path,
    sha: &str,
    bytes: &[u8],
) -> Result<(), StoreError> {
    let dir = root.join(&sha[..2]);
    if !dir.is_dir() {
        fs::create_dir_all(&dir).map_err(|e| StoreError::io("create blob directory", e))?;
        sync_dir(root)?;
    }
    let tmp = dir.join(format!(".tmp-{}", Uuid::now_v7()));
    let written = write_synced(&tmp, bytes)
        .and_then(|()| fs::rename(&tmp, target).map_err(|e| StoreError::io("rename blob", e)));
    if let Err(e) = written {
        // Best effort: the temporary file is unreferenced either way.
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    sync_dir(&dir)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    let mut f = File::create_new(path).map_err(|e| StoreError::io("create blob", e))?;
    f.write_all(bytes)
        .map_err(|e| StoreError::io("write blob", e))?;
    f.sync_all().map_err(|e| StoreError::io("sync blob", e))
}

/// Reads a blob, opens its seal and checks it still matches its hash.
pub(crate) fn get(blobs: &Blobs, sha: &str) -> Result<Vec<u8>, StoreError> {
    let sealed = fs::read(path(blobs, sha)?).map_err(|e| StoreError::io("read blob", e))?;
    let bytes = blob_cipher::open(&blobs.key, sha, &sealed)?;
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

    fn blobs(dir: &Path) -> Blobs {
        Blobs {
            dir: dir.to_path_buf(),
            key: BlobKey::derive(&crate::keyring::MasterKey::from_bytes([3; 32])),
        }
    }

    #[test]
    fn hashes_that_could_escape_the_directory_are_refused() {
        let blobs = &blobs(Path::new("blobs"));
        assert!(matches!(
            path(blobs, "../../etc/passwd"),
            Err(StoreError::BadHash)
        ));
        let upper = "A".repeat(64);
        assert!(matches!(path(blobs, &upper), Err(StoreError::BadHash)));
        let ok = "ab".repeat(32);
        assert_eq!(
            path(blobs, &ok).unwrap(),
            Path::new("blobs").join("ab").join(&ok)
        );
    }

    #[test]
    fn a_damaged_blob_is_rewritten_and_detected_on_read() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = blobs(dir.path());
        let sha = sha256_hex(b"scan");
        let p = put(&blobs, &sha, b"scan").unwrap();
        assert!(!fs::read(&p).unwrap().windows(4).any(|w| w == b"scan"));
        let mut sealed = fs::read(&p).unwrap();
        let last = sealed.len() - 1;
        sealed[last] ^= 0x55;
        fs::write(&p, &sealed).unwrap();
        assert!(matches!(
            get(&blobs, &sha),
            Err(StoreError::BlobTampered { .. })
        ));
        put(&blobs, &sha, b"scan").unwrap();
        assert_eq!(get(&blobs, &sha).unwrap(), b"scan");
    }

    #[test]
    fn content_sealed_under_a_wrong_name_is_a_mismatch_or_refused() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = blobs(dir.path());
        let sha = sha256_hex(b"scan");
        // Sealed correctly for its name but holding other content: the hash check catches it.
        let sealed = blob_cipher::seal(&blobs.key, &sha, b"other").unwrap();
        let p = path(&blobs, &sha).unwrap();
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        fs::write(&p, sealed).unwrap();
        assert!(matches!(
            get(&blobs, &sha),
            Err(StoreError::BlobMismatch { .. })
        ));
    }
}
