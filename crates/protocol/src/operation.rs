//! The operations a workstation pushes from its outbox.
//!
//! Each operation names the entity it writes (a UUID made on the workstation) and the entity
//! version it produces, so the server can deduplicate on `(workstation, seq)` and on the entity,
//! and reject a write made against a stale version. Statuses, channels and field ids travel as
//! their stable names (the same strings the workstation stores), so this crate stays free of the
//! domain types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{Seq, WorkstationId};

/// One outbox operation as it travels to the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    /// The workstation that wrote the operation.
    pub workstation: WorkstationId,
    /// Its position in that workstation's outbox.
    pub seq: Seq,
    /// What happened.
    pub operation: Operation,
}

/// A change made on a workstation, in the order it was committed there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "kebab-case")]
pub enum Operation {
    /// A request was created or its form was saved again; carries the whole new state.
    SaveRequest {
        /// The request as it stands after the save.
        request: RequestRecord,
    },
    /// A request moved from one status to another.
    SetStatus {
        /// The request.
        request_id: Uuid,
        /// The request's version after the move.
        version: i64,
        /// The status it had (stable name, e.g. `draft`).
        from: String,
        /// The status it has now.
        to: String,
        /// What the operator did (stable name, e.g. `refuse`).
        action: String,
        /// For a decision, whether it granted or refused (`granted` / `refused`).
        outcome: Option<String>,
        /// The operator who moved it.
        by: Uuid,
        /// When, in UTC.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// A scanned document was attached to a request; its content travels separately, by hash.
    AddAttachment {
        /// The attachment.
        attachment: AttachmentRecord,
    },
    /// An attachment was taken off its request (removed or replaced by the operator). The row
    /// is marked removed, never deleted, and its content stays stored under its hash.
    RemoveAttachment {
        /// The attachment.
        attachment_id: Uuid,
        /// The request it belonged to.
        request_id: Uuid,
        /// The attachment's version after the removal (2: it was added as version 1).
        version: i64,
        /// The operator who removed it.
        by: Uuid,
        /// When, in UTC.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// A step of the preschool queue taken at the counter, maybe offline: the applicant's
    /// answer to an offer, or a referral issued against this workstation's lease. The server
    /// settles it at once; the step itself is not kept as an entity.
    QueueStep {
        /// A UUID (v7) the workstation made for this step.
        step_id: Uuid,
        /// Always 1: a step happens once.
        version: i64,
        /// What was done.
        step: crate::QueueStep,
        /// The operator who did it.
        by: Uuid,
        /// When, in UTC.
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// A verified ЭЦП signature was kept with a request (the request's own or its output
    /// document's); pushed just before the status move it allows.
    AddSignature {
        /// The signature.
        signature: crate::SignatureRecord,
    },
    /// A request was decided (granted with an outcome document, or refused on a ground);
    /// pushed just after the status move.
    RecordDecision {
        /// The decision.
        decision: crate::DecisionRecord,
    },
    /// An output document was handed to the applicant (or handed again after a reprint).
    IssueDocument {
        /// The document handed out.
        document: crate::IssuedDocumentRecord,
    },
    /// The quality survey was answered at issue (anonymous).
    AnswerSurvey {
        /// The answers.
        survey: crate::SurveyRecord,
    },
}

impl Operation {
    /// The stable name of the operation kind, as stored in the outbox.
    pub fn kind(&self) -> &'static str {
        match self {
            Operation::SaveRequest { .. } => "save-request",
            Operation::SetStatus { .. } => "set-status",
            Operation::AddAttachment { .. } => "add-attachment",
            Operation::RemoveAttachment { .. } => "remove-attachment",
            Operation::QueueStep { .. } => "queue-step",
            Operation::AddSignature { .. } => "add-signature",
            Operation::RecordDecision { .. } => "record-decision",
            Operation::IssueDocument { .. } => "issue-document",
            Operation::AnswerSurvey { .. } => "answer-survey",
        }
    }

    /// The entity the operation writes.
    pub fn entity_id(&self) -> Uuid {
        match self {
            Operation::SaveRequest { request } => request.id,
            Operation::SetStatus { request_id, .. } => *request_id,
            Operation::AddAttachment { attachment } => attachment.id,
            Operation::RemoveAttachment { attachment_id, .. } => *attachment_id,
            Operation::QueueStep { step_id, .. } => *step_id,
            Operation::AddSignature { signature } => signature.id,
            Operation::RecordDecision { decision } => decision.id,
            Operation::IssueDocument { document } => document.id,
            Operation::AnswerSurvey { survey } => survey.id,
        }
    }

    /// The version of that entity the operation produces.
    pub fn entity_version(&self) -> i64 {
        match self {
            Operation::SaveRequest { request } => request.version,
            Operation::SetStatus { version, .. } => *version,
            Operation::AddAttachment { attachment } => attachment.version,
            Operation::RemoveAttachment { version, .. } => *version,
            Operation::QueueStep { version, .. } => *version,
            Operation::AddSignature { signature } => signature.version,
            Operation::RecordDecision { decision } => decision.version,
            Operation::IssueDocument { document } => document.version,
            Operation::AnswerSurvey { survey } => survey.version,
        }
    }
}

/// The full state of a request after a save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestRecord {
    /// The request's UUID (v7), made by the workstation.
    pub id: Uuid,
    /// Its version after this save; 1 for a new request.
    pub version: i64,
    /// The human-readable number, once the request is registered.
    pub number: Option<String>,
    /// The service (regulation id).
    pub service_id: String,
    /// The region profile of the regulation.
    pub profile: String,
    /// The channel (stable name: `office`, `con`, `portal`).
    pub channel: String,
    /// The status (stable name).
    pub status: String,
    /// Field id → value.
    pub fields: BTreeMap<String, String>,
    /// The operator who created the request.
    pub created_by: Uuid,
    /// The operator who made this save.
    pub saved_by: Uuid,
    /// When the request was created, in UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When this save happened, in UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// The child's official place in the preschool queue, set by the server once the request
    /// is registered; never sent by a workstation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue: Option<crate::QueuePlace>,
}

/// An attachment's metadata; the bytes are uploaded by SHA-256 before this operation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentRecord {
    /// The attachment's UUID (v7).
    pub id: Uuid,
    /// Always 1 when added: content never changes; a removal is version 2.
    pub version: i64,
    /// The request it belongs to.
    pub request_id: Uuid,
    /// The attachment slot of the regulation (e.g. `birth-certificate`).
    pub slot: String,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The media type found by the content's magic bytes.
    pub media_type: String,
    /// The file name the operator picked (for display only).
    pub file_name: String,
    /// The operator who attached it.
    pub added_by: Uuid,
    /// When, in UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub added_at: OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_name_their_entity_and_version() {
        let at = OffsetDateTime::UNIX_EPOCH;
        let id = Uuid::from_u128(7);
        let op = Operation::SetStatus {
            request_id: id,
            version: 3,
            from: "draft".into(),
            to: "signed".into(),
            action: "sign".into(),
            outcome: None,
            by: Uuid::from_u128(1),
            at,
        };
        assert_eq!(op.kind(), "set-status");
        assert_eq!(op.entity_id(), id);
        assert_eq!(op.entity_version(), 3);
    }
}
