//! Pulling changes: pages of the server's change log after a cursor.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    AttachmentRecord, DecisionRecord, IssuedDocumentRecord, RequestRecord, SignatureRecord,
};

/// A position in the server's change log; monotonic, 0 before the first change.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Cursor(pub u64);

/// One page of changes after the cursor the client sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangesPage {
    /// The changes, in cursor order.
    pub changes: Vec<Change>,
    /// The cursor to ask from next time (the last change's, or the one sent if none).
    pub next: Cursor,
    /// True when more changes follow this page.
    pub more: bool,
}

/// One entry of the change log: the entity's full state after the change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Its position.
    pub cursor: Cursor,
    /// The new state.
    pub entity: ChangedEntity,
}

/// The state of an entity after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ChangedEntity {
    /// A request, with the server's official number once registered.
    Request {
        /// The request as the server holds it.
        request: RequestRecord,
    },
    /// An attachment's metadata; its bytes are fetched by SHA-256.
    Attachment {
        /// The attachment.
        attachment: AttachmentRecord,
    },
    /// An attachment was taken off its request; its record and content are kept.
    AttachmentRemoved {
        /// The attachment as it was added.
        attachment: AttachmentRecord,
        /// The operator who removed it.
        removed_by: Uuid,
        /// When, in UTC.
        #[serde(with = "time::serde::rfc3339")]
        removed_at: time::OffsetDateTime,
    },
    /// A signature was kept with a request (part of the request's history).
    Signature {
        /// The signature, with its CMS.
        signature: SignatureRecord,
    },
    /// A request was decided.
    Decision {
        /// The decision.
        decision: DecisionRecord,
    },
    /// A request's output document was handed out.
    DocumentIssued {
        /// The document handed out.
        document: IssuedDocumentRecord,
    },
    /// A conflict was recorded on an entity (shown to the head of department).
    Conflict {
        /// The conflict's id.
        conflict_id: Uuid,
        /// The entity in conflict.
        entity_id: Uuid,
    },
}
