//! Pulling the server's reference data (offices, organisations, groups) when its version differs
//! from the one the store holds; the rows and the version commit in one transaction.

use tereze_core::reference::ReferenceData;
use tereze_core::store::Store;

use crate::SyncError;
use crate::api::Api;

/// Takes the server's reference data if it is not the one stored; returns whether it did.
pub(super) async fn pull(api: &Api, store: &mut Store) -> Result<bool, SyncError> {
    let remote = api.reference_version().await?;
    if remote.version.is_empty()
        || store.server_reference_version()?.as_deref() == Some(remote.version.as_str())
    {
        return Ok(false);
    }
    let set = match api.reference().await {
        Ok(set) => set,
        // Nothing imported on the server after all (between the two calls).
        Err(SyncError::NotFound) => return Ok(false),
        Err(e) => return Err(e),
    };
    let data = ReferenceData::parse(&set.offices_csv, &set.organisations_csv, &set.groups_csv)
        .map_err(|e| SyncError::BadAnswer(format!("reference data: {e}")))?;
    store.import_server_reference(&set.version, &data)?;
    Ok(true)
}
