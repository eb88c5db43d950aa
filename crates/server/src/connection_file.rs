//! Writing the connection file of a provisioned workstation (`provision-workstation --out`):
//! the server's address, the project CA inlined, the workstation id and its secret, readable by
//! its owner only.

use std::io::Write;
use std::path::Path;

use tereze_protocol::ConnectionFile;
use thiserror::Error;

/// Why the connection file was not written.
#[derive(Debug, Error)]
pub enum ConnectionFileError {
    /// `--out` was given without `--url`.
    #[error("--out needs --url, the address the workstation reaches the server at")]
    NoUrl,
    /// The address is neither `https://…` nor plain `http://` to a loopback IP.
    #[error("--url must be https://HOST[:PORT], or http://127.0.0.1:PORT for this machine")]
    BadUrl,
    /// An `https` address without the CA the workstation must trust.
    #[error("an https --url needs --ca, the project CA certificate (PEM)")]
    NoCa,
    /// The CA file holds no PEM certificate.
    #[error("the --ca file holds no PEM certificate")]
    BadCa,
    /// Reading the CA or writing the file failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file could not be laid out.
    #[error("the connection file could not be written: {0}")]
    Format(#[from] toml::ser::Error),
}

/// Builds the connection file for `url`, inlining the CA read from `ca` when given.
pub fn build(
    url: Option<&str>,
    ca: Option<&Path>,
    workstation: uuid::Uuid,
    secret: &str,
) -> Result<ConnectionFile, ConnectionFileError> {
    let url = url.ok_or(ConnectionFileError::NoUrl)?.trim();
    let https = url.starts_with("https://") && url.len() > "https://".len();
    let loopback = url
        .strip_prefix("http://")
        .map(|rest| rest.split('/').next().unwrap_or_default())
        .and_then(|host_port| host_port.parse::<std::net::SocketAddr>().ok())
        .is_some_and(|a| a.ip().is_loopback());
    if !https && !loopback {
        return Err(ConnectionFileError::BadUrl);
    }
    let ca_pem = match ca {
        Some(path) => {
            let pem = std::fs::read_to_string(path)?;
            if !pem.contains("-----BEGIN CERTIFICATE-----") {
                return Err(ConnectionFileError::BadCa);
            }
            Some(pem)
        }
        None if https => return Err(ConnectionFileError::NoCa),
        None => None,
    };
    Ok(ConnectionFile {
        url: url.to_owned(),
        workstation,
        secret: secret.to_owned(),
        ca_pem,
    })
}

/// Writes `file` to `path` with mode 0600 (replacing a file there), synced to disk.
pub fn write(path: &Path, file: &ConnectionFile) -> Result<(), ConnectionFileError> {
    let text = format!(
        "# Tereze workstation connection. It holds the workstation's secret: hand it over in\n\
         # person, run `tereze connect {}` on the workstation, then delete this copy.\n{}",
        path.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        toml::to_string(file)?
    );
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        // A file that was there before keeps its mode on open: narrow it first.
        if path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    let mut out = options.open(path)?;
    out.write_all(text.as_bytes())?;
    out.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_file_round_trips_with_the_ca_inlined_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let ca = dir.path().join("ca.pem");
        std::fs::write(
            &ca,
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let id = uuid::Uuid::now_v7();
        let file = build(Some("https://sync.edu.kz:8443"), Some(&ca), id, "tzw_ab").unwrap();
        let out = dir.path().join("connection.toml");
        write(&out, &file).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        let back: ConnectionFile = toml::from_str(&text).unwrap();
        assert_eq!(back, file);
        assert!(back.ca_pem.unwrap().contains("BEGIN CERTIFICATE"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn https_needs_a_ca_and_plain_http_only_loopback() {
        let id = uuid::Uuid::now_v7();
        assert!(matches!(
            build(Some("https://sync.edu.kz"), None, id, "s"),
            Err(ConnectionFileError::NoCa)
        ));
        assert!(matches!(
            build(Some("http://10.0.0.5:8443"), None, id, "s"),
            Err(ConnectionFileError::BadUrl)
        ));
        assert!(matches!(
            build(None, None, id, "s"),
            Err(ConnectionFileError::NoUrl)
        ));
        let local = build(Some("http://127.0.0.1:8443"), None, id, "s").unwrap();
        assert_eq!(local.ca_pem, None);
    }
}
