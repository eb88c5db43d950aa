//! The workstation's connection to its server, kept in the data folder as `connection.toml`
//! (mode 0600: it holds the workstation's secret). `tereze connect` writes it after checking it
//! against the server; `tereze disconnect` removes it; the window reads it at start-up.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tereze_core::i18n::{Localize, Localized};
use tereze_protocol::{CONNECTION_FILE, ConnectionFile};
use thiserror::Error;

/// Why a connection file could not be used.
#[derive(Debug, Error)]
pub enum ConnectionError {
    /// The file cannot be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
    /// The file is not a connection file.
    #[error("{path} is not a connection file")]
    Invalid {
        /// The file.
        path: PathBuf,
    },
    /// The stored connection cannot be written or removed.
    #[error("cannot store the connection in {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl Localize for ConnectionError {
    fn localized(&self) -> Localized {
        match self {
            ConnectionError::Read { path, .. } => {
                Localized::new("connect-file-unreadable").arg("path", path.display())
            }
            ConnectionError::Invalid { path } => {
                Localized::new("connect-file-invalid").arg("path", path.display())
            }
            ConnectionError::Write { path, .. } => {
                Localized::new("connect-store-failed").arg("path", path.display())
            }
        }
    }
}

/// Where the connection is kept in `data_dir`.
pub fn stored_path(data_dir: &Path) -> PathBuf {
    data_dir.join(CONNECTION_FILE)
}

/// Reads and parses a connection file.
pub fn read(path: &Path) -> Result<ConnectionFile, ConnectionError> {
    let text = fs::read_to_string(path).map_err(|source| ConnectionError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    toml::from_str(&text).map_err(|_| ConnectionError::Invalid {
        path: path.to_path_buf(),
    })
}

/// The connection stored in `data_dir`: `Ok(None)` when the workstation is not connected.
pub fn load(data_dir: &Path) -> Result<Option<ConnectionFile>, ConnectionError> {
    let path = stored_path(data_dir);
    match read(&path) {
        Ok(c) => Ok(Some(c)),
        Err(ConnectionError::Read { source, .. }) if source.kind() == io::ErrorKind::NotFound => {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// Stores `connection` in `data_dir`, replacing the earlier one in one rename: a crash leaves
/// either the old file or the new one, never half of either.
pub fn store(data_dir: &Path, connection: &ConnectionFile) -> Result<(), ConnectionError> {
    let path = stored_path(data_dir);
    let failed = |source| ConnectionError::Write {
        path: path.clone(),
        source,
    };
    let text = toml::to_string(connection).map_err(|e| failed(io::Error::other(e)))?;
    let tmp = data_dir.join(format!("{CONNECTION_FILE}.tmp"));
    let _ = fs::remove_file(&tmp);
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(&tmp).map_err(failed)?;
    file.write_all(text.as_bytes()).map_err(failed)?;
    file.sync_all().map_err(failed)?;
    drop(file);
    fs::rename(&tmp, &path).map_err(failed)?;
    if let Ok(dir) = fs::File::open(data_dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes the stored connection; returns whether there was one.
pub fn remove(data_dir: &Path) -> Result<bool, ConnectionError> {
    let path = stored_path(data_dir);
    match fs::remove_file(&path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(source) => Err(ConnectionError::Write { path, source }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ConnectionFile {
        ConnectionFile {
            url: "https://sync.edu.kz:8443".into(),
            workstation: uuid::Uuid::now_v7(),
            secret: "tzw_00".into(),
            ca_pem: Some("-----BEGIN CERTIFICATE-----\n".into()),
        }
    }

    #[test]
    fn a_stored_connection_reads_back_private_and_is_removed() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load(dir.path()).unwrap().is_none());
        let c = sample();
        store(dir.path(), &c).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(c.clone()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(stored_path(dir.path()))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let newer = ConnectionFile {
            url: "https://other.edu.kz".into(),
            ..c
        };
        store(dir.path(), &newer).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Some(newer));
        assert!(remove(dir.path()).unwrap());
        assert!(!remove(dir.path()).unwrap());
        assert!(load(dir.path()).unwrap().is_none());
    }

    #[test]
    fn a_damaged_file_is_reported_not_taken_for_no_connection() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(stored_path(dir.path()), "url = 5\n").unwrap();
        assert!(matches!(
            load(dir.path()),
            Err(ConnectionError::Invalid { .. })
        ));
    }
}
