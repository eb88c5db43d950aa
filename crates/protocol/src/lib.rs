//! Wire types shared by the workstation's sync engine and the central server.
//!
//! Serde only: no database, HTTP or GUI types cross this boundary. Every call carries
//! [`PROTOCOL_HEADER`]; the server checks it before parsing a body, so client and server of
//! different versions get [`ApiError::ProtocolMismatch`] instead of a parse error. The HTTP API
//! itself is described in the server crate's `API.md`.

mod audit_head;
mod conflict;
mod connection;
mod counter;
mod email;
mod error;
mod operation;
mod operator;
mod pull;
mod push;
mod queue;
mod reference;
mod version;

pub use audit_head::{AuditHeadAnswer, AuditHeadReport, AuditMark};
pub use conflict::{ConflictList, ConflictRecord};
pub use connection::{CONNECTION_FILE, ConnectionFile};
pub use counter::{DecisionRecord, IssuedDocumentRecord, SignatureRecord, SurveyRecord};
pub use email::{EmailDocument, EmailSent};
pub use error::ApiError;
pub use operation::{AttachmentRecord, Envelope, Operation, RequestRecord};
pub use operator::{OperatorList, OperatorRecord};
pub use pull::{Change, ChangedEntity, ChangesPage, Cursor};
pub use push::{PushBatch, PushOperation, PushOutcome, PushResponse, PushResult};
pub use queue::{
    ExpirySummary, GroupCounts, GroupList, GroupRecord, LeaseRecord, LeaseReferral, LeaseRequest,
    LeaseWish, LeasedGroup, NewGroup, OfferAnswer, OfferRecord, PositionAnswer, PositionQuery,
    PublishedList, PublishedOffer, PublishedVacancy, QueueCacheEntry, QueueEntryList,
    QueueEntryRecord, QueuePlace, QueueSnapshot, QueueStep, ReplayResult, RunBrief, RunRequest,
    RunSummary,
};
pub use reference::{CrlEntry, CrlList, ReferenceSet, ReferenceVersion};
pub use version::{
    BLOB_COMPLETE_HEADER, BLOB_RECEIVED_HEADER, OPERATOR_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION,
};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies one workstation; issued at provisioning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkstationId(pub Uuid);

/// The position of an operation in a workstation's outbox: dense and gap-free from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub u64);

#[cfg(test)]
mod wire_tests;
