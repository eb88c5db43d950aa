//! Pulling: pages of the server's change log after the stored cursor; each page's scans are
//! fetched and verified first, then the page and the cursor after it commit together.

use std::collections::BTreeSet;

use tereze_core::store::{Store, StoreError};
use tereze_protocol::ChangedEntity;

use super::SyncSummary;
use crate::api::Api;
use crate::{EventSender, SyncError, SyncEvent};

pub(super) async fn pull(
    api: &Api,
    store: &mut Store,
    events: &EventSender,
    summary: &mut SyncSummary,
) -> Result<(), SyncError> {
    loop {
        let cursor = store.sync_cursor()?;
        let page = api.changes(cursor, api.config().pull_page).await?;
        if page.next < cursor || page.changes.iter().any(|c| c.cursor <= cursor) {
            return Err(SyncError::BadAnswer("change log went backwards".into()));
        }
        let mut needed = BTreeSet::new();
        for change in &page.changes {
            if let ChangedEntity::Attachment { attachment } = &change.entity
                && !store.has_blob(&attachment.sha256)?
            {
                needed.insert(attachment.sha256.clone());
            }
        }
        let total = needed.len();
        for (i, sha256) in needed.iter().enumerate() {
            events.send(SyncEvent::Blob {
                index: i + 1,
                total,
            });
            let bytes = api.download_blob(sha256).await?;
            match store.store_pulled_blob(sha256, &bytes) {
                Ok(()) => summary.blobs += 1,
                Err(StoreError::BlobMismatch { .. }) => {
                    return Err(SyncError::BlobDamaged {
                        sha256: sha256.clone(),
                    });
                }
                Err(e) => return Err(e.into()),
            }
        }
        let tally = store.apply_changes(&page)?;
        summary.pulled += tally.total();
        events.send(SyncEvent::Pulled {
            count: summary.pulled,
        });
        if !page.more {
            return Ok(());
        }
    }
}
