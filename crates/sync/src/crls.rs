//! The revocation lists the server publishes, kept in a folder of the workstation (`crls/` in
//! its data folder): one DER file per list, named by its SHA-256, and `index.json` naming the
//! current ones by issuer. Files are written and synced first; replacing the index in one rename
//! is the commit, so a reader sees the old set or the new one, never a mix. The signing screens
//! feed the files into the verifier's CRL cache.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};
use tereze_protocol::CrlEntry;

/// The index file's name inside the CRL folder.
pub const CRL_INDEX: &str = "index.json";

/// One current revocation list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredCrl {
    /// The issuing CA's name as the server gave it.
    pub issuer: String,
    /// The SHA-256 of the DER file (its name in the folder, with `.der`).
    pub sha256: String,
}

/// The lists the index names now (none when there is no index yet).
pub fn current(dir: &Path) -> io::Result<Vec<StoredCrl>> {
    match fs::read(dir.join(CRL_INDEX)) {
        Ok(bytes) => serde_json::from_slice(&bytes).map_err(io::Error::other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The DER bytes of every current list, for a CRL cache.
pub fn load(dir: &Path) -> io::Result<Vec<(StoredCrl, Vec<u8>)>> {
    current(dir)?
        .into_iter()
        .map(|crl| {
            let bytes = fs::read(dir.join(format!("{}.der", crl.sha256)))?;
            Ok((crl, bytes))
        })
        .collect()
}

/// Whether the folder already holds exactly `entries`.
pub(crate) fn is_current(dir: &Path, entries: &[CrlEntry]) -> io::Result<bool> {
    let mut have: Vec<(String, String)> = current(dir)?
        .into_iter()
        .map(|c| (c.issuer, c.sha256))
        .collect();
    let mut want: Vec<(String, String)> = entries
        .iter()
        .map(|e| (e.issuer.clone(), e.sha256.clone()))
        .collect();
    have.sort();
    want.sort();
    Ok(have == want)
}

/// Whether the DER file of `sha256` is there.
pub(crate) fn has(dir: &Path, sha256: &str) -> bool {
    dir.join(format!("{sha256}.der")).is_file()
}

/// Writes one list's file (synced, then renamed into place).
pub(crate) fn write_file(dir: &Path, sha256: &str, bytes: &[u8]) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    write_atomically(dir, &format!("{sha256}.der"), bytes)
}

/// Makes `entries` the current set (the commit), then removes files no longer named.
pub(crate) fn commit(dir: &Path, entries: &[CrlEntry]) -> io::Result<()> {
    let index: Vec<StoredCrl> = entries
        .iter()
        .map(|e| StoredCrl {
            issuer: e.issuer.clone(),
            sha256: e.sha256.clone(),
        })
        .collect();
    let bytes = serde_json::to_vec_pretty(&index).map_err(io::Error::other)?;
    fs::create_dir_all(dir)?;
    write_atomically(dir, CRL_INDEX, &bytes)?;
    for entry in fs::read_dir(dir)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if let Some(sha) = name.strip_suffix(".der")
            && !index.iter().any(|c| c.sha256 == sha)
        {
            let _ = fs::remove_file(entry.path());
        }
    }
    Ok(())
}

fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<()> {
    let tmp = dir.join(format!("{name}.tmp"));
    let mut file = fs::File::create(&tmp)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    drop(file);
    fs::rename(&tmp, dir.join(name))?;
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}
