//! The counter flow's records pushed by workstations: signatures, decisions, documents handed
//! out and the anonymous survey. Each is checked against the request as the server holds it,
//! kept once under its id, and (all but the survey) appended to the change log as part of the
//! request's history, so every workstation of the office sees it.
//!
//! The role was re-checked before this runs ([`allowed`]). The server has no ЭЦП verifier of its
//! own yet (no trust store for operator certificates): it does not re-verify the CMS. What it
//! checks is that the signature binds what it claims to: the certificate's IIN is the author's,
//! a request signature's content hash equals the SHA-256 of the canonical bytes the server
//! rebuilds from its own copy of the request and the attachments named, and a result
//! signature's content hash equals the SHA-256 of the document hash it names.

use sha2::{Digest, Sha256};
use tereze_core::canonical::{AttachmentDigest, SignedRequest};
use tereze_core::channel::Channel;
use tereze_core::iin::Iin;
use tereze_core::lifecycle::{Action, Status};
use tereze_core::store::Role;
use tereze_protocol::{
    ChangedEntity, DecisionRecord, IssuedDocumentRecord, Operation, PushOutcome, RequestRecord,
    SignatureRecord, SurveyRecord,
};
use uuid::Uuid;

use crate::auth::Caller;
use crate::db::Sql;
use crate::error::ServerError;
use crate::permission::may_act;
use crate::reason::Reason;

/// Whether `op` is one of the counter flow's records (settled here, not as an entity version).
pub fn handles(op: &Operation) -> bool {
    matches!(
        op,
        Operation::AddSignature { .. }
            | Operation::RecordDecision { .. }
            | Operation::IssueDocument { .. }
            | Operation::AnswerSurvey { .. }
    )
}

/// The operator who made a counter record.
pub fn author(op: &Operation) -> Option<Uuid> {
    match op {
        Operation::AddSignature { signature } => Some(signature.by),
        Operation::RecordDecision { decision } => Some(decision.by),
        Operation::IssueDocument { document } => Some(document.by),
        Operation::AnswerSurvey { survey } => Some(survey.by),
        _ => None,
    }
}

/// The time the workstation's clock gave a counter record.
pub fn claimed_at(op: &Operation) -> Option<time::OffsetDateTime> {
    match op {
        Operation::AddSignature { signature } => Some(signature.signed_at),
        Operation::RecordDecision { decision } => Some(decision.decided_at),
        Operation::IssueDocument { document } => Some(document.issued_at),
        Operation::AnswerSurvey { survey } => Some(survey.answered_at),
        _ => None,
    }
}

/// May `role` make this record? A result signature is the decision's signature and needs the
/// right to sign results; a decision needs the right to decide (or refuse); handing out and the
/// survey need the right to issue.
pub fn allowed(role: Role, op: &Operation) -> bool {
    match op {
        Operation::AddSignature { signature } => match signature.kind.as_str() {
            "request" => may_act(role, Action::Sign),
            "result" => may_act(role, Action::SignResult),
            _ => false,
        },
        Operation::RecordDecision { decision } => {
            let action = if decision.ground_id.is_some() {
                Action::Refuse
            } else {
                Action::Decide
            };
            may_act(role, action)
        }
        Operation::IssueDocument { .. } | Operation::AnswerSurvey { .. } => {
            may_act(role, Action::Issue)
        }
        _ => false,
    }
}

fn rejected(reason: Reason) -> PushOutcome {
    PushOutcome::Rejected {
        reason: reason.key().to_owned(),
    }
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Settles a counter record for `caller`; its author's role was checked already.
pub(crate) fn settle(
    sql: &mut dyn Sql,
    caller: &Caller,
    op: &Operation,
) -> Result<PushOutcome, ServerError> {
    let office = caller.workstation.office_id.as_str();
    if let Operation::AnswerSurvey { survey } = op {
        return survey_answers(sql, office, survey);
    }
    let (table, request_id) = match op {
        Operation::AddSignature { signature } => ("request_signatures", signature.request_id),
        Operation::RecordDecision { decision } => ("request_decisions", decision.request_id),
        Operation::IssueDocument { document } => ("issued_documents", document.request_id),
        _ => return Ok(rejected(Reason::EntityMismatch)),
    };
    if op.entity_version() != 1 {
        return Ok(rejected(Reason::EntityMismatch));
    }
    if exists(sql, table, op.entity_id())? {
        return Ok(PushOutcome::Duplicate);
    }
    let Some(ChangedEntity::Request { request }) =
        crate::push::load_state(sql, request_id, office)?
    else {
        return Ok(rejected(Reason::UnknownRequest));
    };
    let checked = match op {
        Operation::AddSignature { signature } => check_signature(sql, &request, signature, office)?,
        Operation::RecordDecision { decision } => check_decision(&request, decision),
        Operation::IssueDocument { document } => check_issue(&request, document),
        _ => Err(Reason::EntityMismatch),
    };
    let entity = match checked {
        Ok(entity) => entity,
        Err(reason) => return Ok(rejected(reason)),
    };
    insert(sql, caller, &entity)?;
    let cursor = crate::changelog::append(sql, request_id, office, &entity)?;
    if let Some(at) = claimed_at(op) {
        crate::queue::entries::note_operation(sql, caller.workstation.id.0, at)?;
    }
    Ok(PushOutcome::Accepted {
        number: None,
        cursor,
    })
}

fn exists(sql: &mut dyn Sql, table: &str, id: Uuid) -> Result<bool, ServerError> {
    // `table` is one of three literals chosen above, never caller data.
    let query = match table {
        "request_signatures" => "SELECT 1 FROM request_signatures WHERE id = $1",
        "request_decisions" => "SELECT 1 FROM request_decisions WHERE id = $1",
        _ => "SELECT 1 FROM issued_documents WHERE id = $1",
    };
    Ok(sql.query_opt(query, &[id.to_string().into()])?.is_some())
}

fn status_is(request: &RequestRecord, allowed: &[Status]) -> bool {
    Status::parse(&request.status).is_some_and(|s| allowed.contains(&s))
}

fn check_signature(
    sql: &mut dyn Sql,
    request: &RequestRecord,
    s: &SignatureRecord,
    office: &str,
) -> Result<Result<ChangedEntity, Reason>, ServerError> {
    let author_iin = sql
        .query_opt(
            "SELECT iin FROM operators WHERE id = $1",
            &[s.by.to_string().into()],
        )?
        .map(|r| r.text(0))
        .transpose()?;
    if author_iin.as_deref() != Some(s.signer_iin.as_str()) || s.cms.is_empty() {
        return Ok(Err(Reason::SignerNotAuthor));
    }
    let content_matches = match s.kind.as_str() {
        "request" => {
            if !status_is(request, &[Status::Draft]) || request.version != s.request_version {
                return Ok(Err(Reason::StatusMismatch));
            }
            let mut digests = Vec::with_capacity(s.attachments.len());
            for id in &s.attachments {
                match crate::push::load_state(sql, *id, office)? {
                    Some(ChangedEntity::Attachment { attachment })
                        if attachment.request_id == request.id =>
                    {
                        digests.push(AttachmentDigest {
                            slot: attachment.slot,
                            sha256: attachment.sha256,
                        });
                    }
                    _ => return Ok(Err(Reason::SignatureContentMismatch)),
                }
            }
            match (Channel::parse(&request.channel), Iin::parse(&s.signer_iin)) {
                (Some(channel), Ok(iin)) => {
                    let bytes = SignedRequest {
                        id: request.id,
                        version: request.version,
                        service_id: &request.service_id,
                        profile: &request.profile,
                        channel,
                        operator_iin: iin,
                        fields: &request.fields,
                        attachments: &digests,
                    }
                    .bytes();
                    sha256_hex(&bytes) == s.content_sha256
                }
                _ => false,
            }
        }
        "result" => {
            let done = [
                Status::Decided,
                Status::Refused,
                Status::ResultSigned,
                Status::Issued,
            ];
            if !status_is(request, &done) {
                return Ok(Err(Reason::StatusMismatch));
            }
            s.document_sha256.as_deref().is_some_and(|d| {
                crate::blob::valid_hash(d) && sha256_hex(d.as_bytes()) == s.content_sha256
            })
        }
        _ => false,
    };
    if !content_matches {
        return Ok(Err(Reason::SignatureContentMismatch));
    }
    Ok(Ok(ChangedEntity::Signature {
        signature: s.clone(),
    }))
}

fn check_decision(request: &RequestRecord, d: &DecisionRecord) -> Result<ChangedEntity, Reason> {
    // The decision follows its status move: granted → decided, refused → refused.
    let expected = if d.ground_id.is_some() {
        Status::Refused
    } else {
        Status::Decided
    };
    if !status_is(request, &[expected]) {
        return Err(Reason::StatusMismatch);
    }
    Ok(ChangedEntity::Decision {
        decision: d.clone(),
    })
}

fn check_issue(request: &RequestRecord, d: &IssuedDocumentRecord) -> Result<ChangedEntity, Reason> {
    if !status_is(request, &[Status::Issued]) {
        return Err(Reason::NotIssued);
    }
    if !crate::blob::valid_hash(&d.content_sha256) {
        return Err(Reason::BadHash);
    }
    Ok(ChangedEntity::DocumentIssued {
        document: d.clone(),
    })
}

fn insert(sql: &mut dyn Sql, caller: &Caller, entity: &ChangedEntity) -> Result<(), ServerError> {
    let ws = caller.workstation.id.0.to_string();
    let office = caller.workstation.office_id.as_str();
    let now = crate::clock::now_text();
    match entity {
        ChangedEntity::Signature { signature: s } => {
            sql.execute(
                "INSERT INTO request_signatures (id, request_id, office_id, kind, content_sha256,
                     signer_iin, serial, signed_at, operator_id, workstation_id, body, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
                &[
                    s.id.to_string().into(),
                    s.request_id.to_string().into(),
                    office.into(),
                    s.kind.as_str().into(),
                    s.content_sha256.as_str().into(),
                    s.signer_iin.as_str().into(),
                    s.serial.as_str().into(),
                    crate::clock::text(s.signed_at).into(),
                    s.by.to_string().into(),
                    ws.into(),
                    serde_json::to_string(s)?.into(),
                    now.into(),
                ],
            )?;
        }
        ChangedEntity::Decision { decision: d } => {
            sql.execute(
                "INSERT INTO request_decisions (id, request_id, office_id, outcome_id, ground_id,
                     decided_at, operator_id, workstation_id, body, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                &[
                    d.id.to_string().into(),
                    d.request_id.to_string().into(),
                    office.into(),
                    d.outcome_id.as_str().into(),
                    d.ground_id.clone().into(),
                    crate::clock::text(d.decided_at).into(),
                    d.by.to_string().into(),
                    ws.into(),
                    serde_json::to_string(d)?.into(),
                    now.into(),
                ],
            )?;
        }
        ChangedEntity::DocumentIssued { document: d } => {
            sql.execute(
                "INSERT INTO issued_documents (id, request_id, office_id, document,
                     content_sha256, issued_at, operator_id, workstation_id, body, recorded_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                &[
                    d.id.to_string().into(),
                    d.request_id.to_string().into(),
                    office.into(),
                    d.document.as_str().into(),
                    d.content_sha256.as_str().into(),
                    crate::clock::text(d.issued_at).into(),
                    d.by.to_string().into(),
                    ws.into(),
                    serde_json::to_string(d)?.into(),
                    now.into(),
                ],
            )?;
        }
        _ => {}
    }
    Ok(())
}

fn survey_answers(
    sql: &mut dyn Sql,
    office: &str,
    s: &SurveyRecord,
) -> Result<PushOutcome, ServerError> {
    if s.version != 1 || s.office_id != office {
        return Ok(rejected(Reason::EntityMismatch));
    }
    if !(1..=3).contains(&s.process) || !(1..=3).contains(&s.information) {
        return Ok(rejected(Reason::BadBody));
    }
    if sql
        .query_opt(
            "SELECT 1 FROM survey_answers WHERE id = $1",
            &[s.id.to_string().into()],
        )?
        .is_some()
    {
        return Ok(PushOutcome::Duplicate);
    }
    sql.execute(
        "INSERT INTO survey_answers (id, office_id, process, information, answered_at,
             recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            s.id.to_string().into(),
            office.into(),
            i64::from(s.process).into(),
            i64::from(s.information).into(),
            crate::clock::text(s.answered_at).into(),
            crate::clock::now_text().into(),
        ],
    )?;
    Ok(PushOutcome::Accepted {
        number: None,
        cursor: tereze_protocol::Cursor(0),
    })
}

/// A request's counter history as the server keeps it, in the order it was recorded:
/// signatures, decisions and documents handed out (for administrators' checks and tests).
pub fn history(sql: &mut dyn Sql, request_id: Uuid) -> Result<Vec<ChangedEntity>, ServerError> {
    let id = request_id.to_string();
    let mut out = Vec::new();
    for row in sql.query(
        "SELECT body FROM request_signatures WHERE request_id = $1 ORDER BY recorded_at, id",
        &[id.as_str().into()],
    )? {
        out.push(ChangedEntity::Signature {
            signature: serde_json::from_str(&row.text(0)?)?,
        });
    }
    for row in sql.query(
        "SELECT body FROM request_decisions WHERE request_id = $1 ORDER BY recorded_at, id",
        &[id.as_str().into()],
    )? {
        out.push(ChangedEntity::Decision {
            decision: serde_json::from_str(&row.text(0)?)?,
        });
    }
    for row in sql.query(
        "SELECT body FROM issued_documents WHERE request_id = $1 ORDER BY recorded_at, id",
        &[id.as_str().into()],
    )? {
        out.push(ChangedEntity::DocumentIssued {
            document: serde_json::from_str(&row.text(0)?)?,
        });
    }
    Ok(out)
}

/// How many survey answers an office has (for the per-office report).
pub fn survey_count(sql: &mut dyn Sql, office_id: &str) -> Result<i64, ServerError> {
    Ok(sql
        .query_opt(
            "SELECT count(*) FROM survey_answers WHERE office_id = $1",
            &[office_id.into()],
        )?
        .map_or(Ok(0), |r| r.int(0))?)
}
