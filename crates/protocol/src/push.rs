//! Pushing the outbox: a batch of operations and one result per operation.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{Cursor, Envelope, Seq};

/// A batch of outbox operations from one workstation, in `seq` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushBatch {
    /// The operations, oldest first.
    pub operations: Vec<PushOperation>,
}

/// One outbox operation on the wire.
///
/// The envelope carries the workstation, the dense `seq` and the payload; `entity_id` and
/// `base_version` are spelled out so the server can deduplicate and detect conflicts without
/// interpreting the payload first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushOperation {
    /// The entity the operation writes (must equal the payload's own).
    pub entity_id: Uuid,
    /// The entity version the edit was made against; 0 for a new entity.
    pub base_version: i64,
    /// Workstation, seq and payload.
    pub envelope: Envelope,
}

impl PushOperation {
    /// Wraps an outbox envelope; every edit produces the version after the one it was made
    /// against, so the base is the produced version minus one.
    pub fn from_envelope(envelope: Envelope) -> PushOperation {
        PushOperation {
            entity_id: envelope.operation.entity_id(),
            base_version: envelope.operation.entity_version() - 1,
            envelope,
        }
    }
}

/// The server's answer to a batch: one result per operation, in the batch's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResponse {
    /// The results, in the batch's order.
    pub results: Vec<PushResult>,
}

/// What became of one operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushResult {
    /// The operation's position in its workstation's outbox.
    pub seq: Seq,
    /// The outcome.
    pub outcome: PushOutcome,
}

/// The outcome of one pushed operation.
///
/// Every outcome but [`PushOutcome::Retry`] is final and durably recorded on the server before
/// the answer is sent: the workstation marks those operations acknowledged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum PushOutcome {
    /// Applied now.
    Accepted {
        /// The official request number, when this operation registered the request.
        number: Option<String>,
        /// The change-log position the operation produced.
        cursor: Cursor,
    },
    /// Already applied earlier (same workstation and seq, or the same entity version); nothing
    /// changed.
    Duplicate,
    /// Made against a stale version: the server kept both versions for the head of department.
    Conflict {
        /// The entity's version on the server.
        server_version: i64,
    },
    /// Refused for good (forged, not permitted, not a legal transition); audited on the server.
    Rejected {
        /// The i18n key of the reason, e.g. `push-not-permitted`.
        reason: String,
    },
    /// Not applied yet and not final: send it again later, from `expected` on.
    Retry {
        /// The i18n key of the reason, e.g. `push-seq-gap` or `push-blob-missing`.
        reason: String,
        /// The seq the server expects next from this workstation.
        expected: Seq,
    },
}

impl PushOutcome {
    /// True when the workstation may mark the operation acknowledged.
    pub fn is_final(&self) -> bool {
        !matches!(self, PushOutcome::Retry { .. })
    }
}
