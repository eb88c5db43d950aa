//! The outbox operations of the counter flow: each written inside the transaction that stores
//! the local row it describes, with the same id, so the copy that comes back through pull is
//! recognised as the same row.

use rusqlite::{Connection, OptionalExtension};
use tereze_protocol::{
    DecisionRecord, IssuedDocumentRecord, Operation, Seq, SignatureRecord, SurveyRecord,
    WorkstationId,
};
use time::OffsetDateTime;
use uuid::Uuid;

use super::{NewSignature, SurveyAnswers};
use crate::store::{StoreError, outbox};

/// The attachments still on a request: the scans a request signature binds.
fn current_attachments(conn: &Connection, request: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM attachments WHERE request_id = ?1 AND removed_at IS NULL ORDER BY id",
    )?;
    let ids = stmt
        .query_map([request.to_string()], |r| r.get::<_, String>(0))?
        .collect::<Result<Vec<_>, _>>()?;
    ids.iter()
        .map(|s| Uuid::parse_str(s).map_err(|_| StoreError::Invalid { what: "uuid" }))
        .collect()
}

/// Queues the signature `id` just stored.
pub(super) fn signature(
    conn: &Connection,
    workstation: WorkstationId,
    id: Uuid,
    signature: &NewSignature,
    operator: Uuid,
    at: &str,
) -> Result<Seq, StoreError> {
    let attachments = match signature.kind {
        super::SignatureKind::Request => current_attachments(conn, signature.request_id)?,
        super::SignatureKind::Result => Vec::new(),
    };
    let record = SignatureRecord {
        id,
        version: 1,
        request_id: signature.request_id,
        request_version: signature.request_version,
        kind: signature.kind.as_str().to_owned(),
        cms: signature.cms.clone(),
        content_sha256: signature.content_sha256.clone(),
        document_sha256: signature.document_sha256.clone(),
        document: signature.document.clone(),
        attachments,
        signer_subject: signature.signer_subject.clone(),
        signer_iin: signature.signer_iin.as_string(),
        serial: signature.serial.clone(),
        signed_at: signature.signed_at,
        with_warnings: signature.with_warnings,
        by: operator,
    };
    outbox::push(
        conn,
        workstation,
        &Operation::AddSignature { signature: record },
        at,
    )
}

/// Queues a decision.
pub(super) fn decision(
    conn: &Connection,
    workstation: WorkstationId,
    request_id: Uuid,
    outcome_id: &str,
    ground_id: Option<&str>,
    (now, at): (OffsetDateTime, &str),
    operator: Uuid,
) -> Result<Seq, StoreError> {
    let record = DecisionRecord {
        id: Uuid::now_v7(),
        version: 1,
        request_id,
        outcome_id: outcome_id.to_owned(),
        ground_id: ground_id.map(str::to_owned),
        by: operator,
        decided_at: now,
    };
    outbox::push(
        conn,
        workstation,
        &Operation::RecordDecision { decision: record },
        at,
    )
}

/// Stores and queues the handing out of a request's signed document: which document (the
/// decision's outcome) and the content hash its newest result signature covers. Nothing when
/// the request has no decision or no result signature that names its document.
pub(super) fn issued(
    conn: &Connection,
    workstation: WorkstationId,
    request_id: Uuid,
    (now, at): (OffsetDateTime, &str),
    operator: Uuid,
) -> Result<Option<Seq>, StoreError> {
    // The document the latest result signature signs (the referral after the talon), else the
    // decision's outcome document.
    let signed: Option<(Option<String>, String)> = conn
        .prepare_cached(
            "SELECT document, document_sha256 FROM request_signatures
             WHERE request_id = ?1 AND kind = 'result' AND document_sha256 IS NOT NULL
             ORDER BY signed_at DESC, id DESC LIMIT 1",
        )?
        .query_row([request_id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((named, hash)) = signed else {
        return Ok(None);
    };
    let document: Option<String> = match named {
        Some(name) => Some(name),
        None => conn
            .prepare_cached("SELECT outcome_id FROM request_decisions WHERE request_id = ?1")?
            .query_row([request_id.to_string()], |r| r.get(0))
            .optional()?,
    };
    let Some(document) = document else {
        return Ok(None);
    };
    let record = IssuedDocumentRecord {
        id: Uuid::now_v7(),
        version: 1,
        request_id,
        document,
        content_sha256: hash,
        by: operator,
        issued_at: now,
    };
    super::super::sync_state::insert_issued(conn, &record)?;
    outbox::push(
        conn,
        workstation,
        &Operation::IssueDocument { document: record },
        at,
    )
    .map(Some)
}

/// Queues the survey answers, anonymously: the office, never the request.
pub(super) fn survey(
    conn: &Connection,
    workstation: WorkstationId,
    answers: SurveyAnswers,
    office_id: &str,
    (now, at): (OffsetDateTime, &str),
    operator: Uuid,
) -> Result<Seq, StoreError> {
    let record = SurveyRecord {
        id: Uuid::now_v7(),
        version: 1,
        office_id: office_id.to_owned(),
        process: answers.process,
        information: answers.information,
        by: operator,
        answered_at: now,
    };
    outbox::push(
        conn,
        workstation,
        &Operation::AnswerSurvey { survey: record },
        at,
    )
}
