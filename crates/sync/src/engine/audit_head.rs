//! Reporting the audit chain head at the end of a cycle, with the hash the chain has today at
//! the position the server acknowledged last.

use tereze_core::store::Store;
use tereze_protocol::{AuditHeadReport, AuditMark};

use crate::SyncError;
use crate::api::Api;

/// Reports the head; returns whether the server found the chain continuous (a rewritten
/// history is flagged there; the acknowledged position then stays where it was).
pub(super) async fn report(api: &Api, store: &mut Store) -> Result<bool, SyncError> {
    let head = store.audit_head()?;
    let at_acknowledged = match store.acknowledged_audit()? {
        None => None,
        Some(seq) => Some(AuditMark {
            seq,
            // A row that is gone has no hash: the server sees the mismatch.
            hash: store.audit_hash_at(seq)?.unwrap_or_default(),
        }),
    };
    let answer = api
        .audit_head(&AuditHeadReport {
            head: AuditMark {
                seq: head.seq,
                hash: head.hash,
            },
            at_acknowledged,
        })
        .await?;
    if answer.continuous {
        store.set_acknowledged_audit(answer.acknowledged.seq)?;
    }
    Ok(answer.continuous)
}
