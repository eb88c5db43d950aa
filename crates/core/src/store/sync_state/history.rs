//! A request's history as pull brings it: signatures, decisions and documents handed out (made
//! here or on another workstation of the office), and the official queue place the server gave.
//! Each is stored once under its id; the copy of a row made here changes nothing.

use rusqlite::{Connection, params};
use tereze_protocol::{DecisionRecord, IssuedDocumentRecord, RequestRecord, SignatureRecord};

use crate::store::{StoreError, clock, request};

/// Keeps a pulled signature; returns whether it was new here.
pub(super) fn signature(conn: &Connection, s: &SignatureRecord) -> Result<bool, StoreError> {
    if !matches!(s.kind.as_str(), "request" | "result") {
        return Err(StoreError::Invalid {
            what: "signature kind",
        });
    }
    if !request::exists(conn, s.request_id)? {
        return Ok(false);
    }
    let inserted = conn
        .prepare_cached(
            "INSERT INTO request_signatures (id, request_id, request_version, kind, cms,
                 content_sha256, signer_subject, signer_iin, serial, signed_at, verdict,
                 operator_id, document_sha256, document)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            s.id.to_string(),
            s.request_id.to_string(),
            s.request_version,
            s.kind,
            s.cms,
            s.content_sha256,
            s.signer_subject,
            s.signer_iin,
            s.serial,
            clock::format(s.signed_at)?,
            if s.with_warnings {
                "valid-with-warnings"
            } else {
                "valid"
            },
            s.by.to_string(),
            s.document_sha256,
            s.document,
        ])?;
    Ok(inserted > 0)
}

/// Keeps a pulled decision (the newest one stands); returns whether anything changed.
pub(super) fn decision(conn: &Connection, d: &DecisionRecord) -> Result<bool, StoreError> {
    if !request::exists(conn, d.request_id)? {
        return Ok(false);
    }
    let changed = conn
        .prepare_cached(
            "INSERT INTO request_decisions (request_id, outcome_id, ground_id, decided_at,
                 decided_by)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (request_id) DO UPDATE SET outcome_id = excluded.outcome_id,
                 ground_id = excluded.ground_id, decided_at = excluded.decided_at,
                 decided_by = excluded.decided_by
             WHERE excluded.decided_at > request_decisions.decided_at",
        )?
        .execute(params![
            d.request_id.to_string(),
            d.outcome_id,
            d.ground_id,
            clock::format(d.decided_at)?,
            d.by.to_string(),
        ])?;
    Ok(changed > 0)
}

/// Keeps a document handed out (made here, or pulled); returns whether it was new here.
pub(crate) fn insert_issued(
    conn: &Connection,
    d: &IssuedDocumentRecord,
) -> Result<bool, StoreError> {
    if !request::exists(conn, d.request_id)? {
        return Ok(false);
    }
    let inserted = conn
        .prepare_cached(
            "INSERT INTO issued_documents (id, request_id, document, content_sha256, issued_at,
                 issued_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            d.id.to_string(),
            d.request_id.to_string(),
            d.document,
            d.content_sha256,
            clock::format(d.issued_at)?,
            d.by.to_string(),
        ])?;
    Ok(inserted > 0)
}

/// Writes the server's queue place of a request into the local queue: the official number
/// replaces the provisional talon's, and a child registered on another workstation appears.
pub(super) fn queue_place(conn: &Connection, r: &RequestRecord) -> Result<(), StoreError> {
    let Some(place) = &r.queue else {
        return Ok(());
    };
    let category = r
        .fields
        .get("privilege-category")
        .map_or("none", String::as_str);
    conn.prepare_cached(
        "INSERT INTO queue_entries (request_id, cohort, category, applied_at, state,
             official_number)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (request_id) DO UPDATE SET state = excluded.state,
             official_number = excluded.official_number",
    )?
    .execute(params![
        r.id.to_string(),
        place.cohort,
        category,
        clock::format(place.applied_at)?,
        place.state,
        place.number,
    ])?;
    Ok(())
}
