//! Pulling the revocation lists into the workstation's CRL folder when the server's set differs.

use std::path::Path;

use tereze_core::store::sha256_hex;

use crate::api::Api;
use crate::{SyncError, crls};

/// Brings the folder up to the server's set; returns how many files were fetched.
pub(super) async fn pull(api: &Api, dir: &Path) -> Result<usize, SyncError> {
    let io = |e: std::io::Error| SyncError::Crl(e.to_string());
    let list = api.crls().await?;
    if crls::is_current(dir, &list.crls).map_err(io)? {
        return Ok(0);
    }
    let mut fetched = 0;
    for entry in &list.crls {
        if crls::has(dir, &entry.sha256) {
            continue;
        }
        let bytes = api.download_blob(&entry.sha256).await?;
        if sha256_hex(&bytes) != entry.sha256 {
            return Err(SyncError::BlobDamaged {
                sha256: entry.sha256.clone(),
            });
        }
        crls::write_file(dir, &entry.sha256, &bytes).map_err(io)?;
        fetched += 1;
    }
    crls::commit(dir, &list.crls).map_err(io)?;
    Ok(fetched)
}
