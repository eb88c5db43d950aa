//! Requests: saving a form and moving its status, each in one transaction with the outbox
//! operation and the audit row.

use std::collections::BTreeMap;

use rusqlite::{Connection, OptionalExtension, Row, params};
use serde_json::json;
use tereze_protocol::{Operation, RequestRecord, Seq, WorkstationId};
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{self, AuditAction, EntityKind};
use super::{StoreError, clock, operator, outbox, search};
use crate::channel::Channel;
use crate::form::FieldValues;
use crate::lifecycle::{Action, Outcome, Status};

/// A form to save: a new request (`id` and `expected_version` both `None`, or a client-made `id`
/// with no expected version) or a new state of an existing one, made against `expected_version`.
/// Saving a form never moves its status: a new request starts as a draft, and only
/// [`crate::store::Store::apply_action`] moves it, through the lifecycle's rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDraft {
    /// The request's UUID; `None` to create one (a UUIDv7 is made).
    pub id: Option<Uuid>,
    /// The version the form was loaded at; `None` for a new request.
    pub expected_version: Option<i64>,
    /// The service (regulation id).
    pub service_id: String,
    /// The region profile of the regulation.
    pub profile: String,
    /// Where the applicant handed the request in.
    pub channel: Channel,
    /// The form's values, already normalised.
    pub fields: FieldValues,
}

/// What a successful save or status move produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SavedRequest {
    /// The request's id.
    pub id: Uuid,
    /// Its version now; pass it as `expected_version` for the next save.
    pub version: i64,
    /// The outbox number of the operation written.
    pub seq: Seq,
}

/// A stored request with its form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// The request's UUID.
    pub id: Uuid,
    /// The human-readable number, once registered.
    pub number: Option<String>,
    /// The service.
    pub service_id: String,
    /// The region profile.
    pub profile: String,
    /// The channel.
    pub channel: Channel,
    /// The status.
    pub status: Status,
    /// Whether the decision granted or refused; `None` until decided. The status alone does
    /// not say it once the document is signed and issued.
    pub outcome: Option<Outcome>,
    /// The version; bumped by every save and status move.
    pub version: i64,
    /// When it was created, in UTC.
    pub created_at: OffsetDateTime,
    /// When it last changed, in UTC.
    pub updated_at: OffsetDateTime,
    /// The operator who created it.
    pub created_by: Uuid,
    /// The form's values.
    pub fields: FieldValues,
}

/// One line of a list or search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestSummary {
    /// The request's UUID.
    pub id: Uuid,
    /// The human-readable number, once registered.
    pub number: Option<String>,
    /// The service.
    pub service_id: String,
    /// The channel.
    pub channel: Channel,
    /// The status.
    pub status: Status,
    /// The version.
    pub version: i64,
    /// When it was created, in UTC.
    pub created_at: OffsetDateTime,
    /// When it last changed, in UTC.
    pub updated_at: OffsetDateTime,
    /// When the request entered its status: the start of the step its deadline counts from.
    pub status_since: OffsetDateTime,
    /// The people named on the form ("last first patronymic"), ordered by field-id prefix
    /// (`applicant-…` before `child-…`).
    pub names: Vec<String>,
}

struct Head {
    rid: i64,
    version: i64,
    status: String,
    number: Option<String>,
    created_at: String,
    created_by: String,
}

fn head(conn: &Connection, id: Uuid) -> Result<Option<Head>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT rid, version, status, number, created_at, created_by
             FROM requests WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok(Head {
                rid: r.get(0)?,
                version: r.get(1)?,
                status: r.get(2)?,
                number: r.get(3)?,
                created_at: r.get(4)?,
                created_by: r.get(5)?,
            })
        })
        .optional()?)
}

/// Whether a request exists.
pub(crate) fn exists(conn: &Connection, id: Uuid) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM requests WHERE id = ?1)")?
        .query_row([id.to_string()], |r| r.get(0))?)
}

fn parse_uuid(s: &str, what: &'static str) -> Result<Uuid, StoreError> {
    Uuid::parse_str(s).map_err(|_| StoreError::Invalid { what })
}

fn parse_status(s: &str) -> Result<Status, StoreError> {
    Status::parse(s).ok_or(StoreError::Invalid { what: "status" })
}

/// Writes a draft inside the caller's IMMEDIATE transaction.
pub(crate) fn save(
    conn: &Connection,
    workstation: WorkstationId,
    draft: &RequestDraft,
    by: Uuid,
) -> Result<SavedRequest, StoreError> {
    operator::require(conn, by)?;
    let (now, at) = clock::now()?;
    let existing = match draft.id {
        Some(id) => head(conn, id)?,
        None => None,
    };
    let (id, version, rid, number, created_at, created_by, status) =
        match (draft.id, existing, draft.expected_version) {
            (None, _, Some(_)) => {
                return Err(StoreError::Invalid {
                    what: "expected version without an id",
                });
            }
            (Some(id), None, Some(_)) => return Err(StoreError::NotFound { id }),
            (Some(id), Some(h), expected) if expected != Some(h.version) => {
                return Err(StoreError::Conflict {
                    id,
                    expected,
                    actual: h.version,
                });
            }
            (Some(id), Some(h), _) => {
                let version = h.version + 1;
                conn.prepare_cached(
                    "UPDATE requests SET service_id = ?1, profile = ?2, channel = ?3,
                                         version = ?4, updated_at = ?5
                     WHERE rid = ?6",
                )?
                .execute(params![
                    draft.service_id,
                    draft.profile,
                    draft.channel.as_str(),
                    version,
                    at,
                    h.rid
                ])?;
                conn.prepare_cached("DELETE FROM request_fields WHERE request_id = ?1")?
                    .execute([id.to_string()])?;
                let created_at = clock::parse(&h.created_at)?;
                let created_by = parse_uuid(&h.created_by, "created_by")?;
                let status = parse_status(&h.status)?;
                (id, version, h.rid, h.number, created_at, created_by, status)
            }
            (maybe_id, _, None) => {
                let id = maybe_id.unwrap_or_else(Uuid::now_v7);
                conn.prepare_cached(
                    "INSERT INTO requests (id, service_id, profile, channel, status, status_since,
                                           version, created_at, updated_at, created_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?6, ?6, ?7)",
                )?
                .execute(params![
                    id.to_string(),
                    draft.service_id,
                    draft.profile,
                    draft.channel.as_str(),
                    Status::Draft.as_str(),
                    at,
                    by.to_string()
                ])?;
                let rid = conn.last_insert_rowid();
                (id, 1, rid, None, now, by, Status::Draft)
            }
        };
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO request_fields (request_id, field_id, value) VALUES (?1, ?2, ?3)",
        )?;
        let id_text = id.to_string();
        for (field, value) in &draft.fields {
            insert.execute(params![id_text, field, value])?;
        }
    }
    search::index(conn, rid, &draft.fields)?;
    let operation = Operation::SaveRequest {
        request: RequestRecord {
            id,
            version,
            number,
            service_id: draft.service_id.clone(),
            profile: draft.profile.clone(),
            channel: draft.channel.as_str().to_owned(),
            status: status.as_str().to_owned(),
            fields: draft.fields.clone(),
            created_by,
            saved_by: by,
            created_at,
            updated_at: now,
            queue: None,
        },
    };
    let seq = outbox::push(conn, workstation, &operation, &at)?;
    let action = if version == 1 {
        AuditAction::CreateRequest
    } else {
        AuditAction::SaveRequest
    };
    audit::append(
        conn,
        &audit::Entry {
            at: &at,
            operator: Some(by),
            action,
            kind: EntityKind::Request,
            entity: Some(id),
            detail: &json!({
                "version": version,
                "service": draft.service_id,
                "status": status.as_str(),
                "outbox_seq": seq.0,
            }),
        },
    )?;
    Ok(SavedRequest { id, version, seq })
}

/// Moves a request's status inside the caller's IMMEDIATE transaction.
pub(crate) fn set_status(
    conn: &Connection,
    workstation: WorkstationId,
    id: Uuid,
    expected_from: Status,
    action: Action,
    to: Status,
    by: Uuid,
) -> Result<SavedRequest, StoreError> {
    operator::require(conn, by)?;
    let h = head(conn, id)?.ok_or(StoreError::NotFound { id })?;
    let actual = parse_status(&h.status)?;
    if actual != expected_from {
        return Err(StoreError::StatusConflict {
            id,
            expected: expected_from,
            actual,
        });
    }
    let (now, at) = clock::now()?;
    let version = h.version + 1;
    conn.prepare_cached(
        "UPDATE requests SET status = ?1, version = ?2, updated_at = ?3, status_since = ?3,
                             outcome = coalesce(?4, outcome)
         WHERE rid = ?5",
    )?
    .execute(params![
        to.as_str(),
        version,
        at,
        action.outcome().map(Outcome::as_str),
        h.rid
    ])?;
    let operation = Operation::SetStatus {
        request_id: id,
        version,
        from: actual.as_str().to_owned(),
        to: to.as_str().to_owned(),
        action: action.as_str().to_owned(),
        outcome: action.outcome().map(|o| o.as_str().to_owned()),
        by,
        at: now,
    };
    let seq = outbox::push(conn, workstation, &operation, &at)?;
    audit::append(
        conn,
        &audit::Entry {
            at: &at,
            operator: Some(by),
            action: AuditAction::SetStatus,
            kind: EntityKind::Request,
            entity: Some(id),
            detail: &json!({
                "version": version,
                "from": actual.as_str(),
                "to": to.as_str(),
                "action": action.as_str(),
                "outbox_seq": seq.0,
            }),
        },
    )?;
    Ok(SavedRequest { id, version, seq })
}

/// A request with its form.
pub(crate) fn load(conn: &Connection, id: Uuid) -> Result<Request, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT number, service_id, profile, channel, status, version, created_at,
                    updated_at, created_by, outcome
             FROM requests WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
                r.get::<_, Option<String>>(9)?,
            ))
        })
        .optional()?
        .ok_or(StoreError::NotFound { id })?;
    let (
        number,
        service_id,
        profile,
        channel,
        status,
        version,
        created,
        updated,
        created_by,
        outcome,
    ) = row;
    let outcome = match outcome {
        Some(o) => Some(Outcome::parse(&o).ok_or(StoreError::Invalid { what: "outcome" })?),
        None => None,
    };
    Ok(Request {
        id,
        number,
        service_id,
        profile,
        channel: Channel::parse(&channel).ok_or(StoreError::Invalid { what: "channel" })?,
        status: parse_status(&status)?,
        outcome,
        version,
        created_at: clock::parse(&created)?,
        updated_at: clock::parse(&updated)?,
        created_by: parse_uuid(&created_by, "created_by")?,
        fields: fields(conn, id)?,
    })
}

/// The form values of a request.
pub(crate) fn fields(conn: &Connection, id: Uuid) -> Result<FieldValues, StoreError> {
    let mut stmt =
        conn.prepare_cached("SELECT field_id, value FROM request_fields WHERE request_id = ?1")?;
    let rows = stmt.query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let mut out = BTreeMap::new();
    for row in rows {
        let (k, v): (String, String) = row?;
        out.insert(k, v);
    }
    Ok(out)
}

/// A summary row as selected, before its names are looked up.
pub(crate) struct RawSummary {
    id: String,
    number: Option<String>,
    service_id: String,
    channel: String,
    status: String,
    version: i64,
    created_at: String,
    updated_at: String,
    status_since: String,
}

/// The columns [`summary_from_row`] reads, in its order.
pub(crate) const SUMMARY_COLUMNS: &str = "r.id, r.number, r.service_id, r.channel, r.status, \
     r.version, r.created_at, r.updated_at, r.status_since";

/// Reads a row selected as [`SUMMARY_COLUMNS`].
pub(crate) fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<RawSummary> {
    Ok(RawSummary {
        id: r.get(0)?,
        number: r.get(1)?,
        service_id: r.get(2)?,
        channel: r.get(3)?,
        status: r.get(4)?,
        version: r.get(5)?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        status_since: r.get(8)?,
    })
}

/// Completes summaries with the names on each form.
pub(crate) fn finish_summaries(
    conn: &Connection,
    rows: Vec<RawSummary>,
) -> Result<Vec<RequestSummary>, StoreError> {
    let mut out = Vec::with_capacity(rows.len());
    for raw in rows {
        let id = parse_uuid(&raw.id, "request id")?;
        out.push(RequestSummary {
            id,
            number: raw.number,
            service_id: raw.service_id,
            channel: Channel::parse(&raw.channel).ok_or(StoreError::Invalid { what: "channel" })?,
            status: parse_status(&raw.status)?,
            version: raw.version,
            created_at: clock::parse(&raw.created_at)?,
            updated_at: clock::parse(&raw.updated_at)?,
            status_since: clock::parse(&raw.status_since)?,
            names: search::display_names(&fields(conn, id)?),
        });
    }
    Ok(out)
}

/// The newest requests first.
pub(crate) fn list(conn: &Connection, limit: usize) -> Result<Vec<RequestSummary>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM requests r
         ORDER BY r.created_at DESC, r.id DESC LIMIT ?1"
    ))?;
    let rows = stmt
        .query_map([limit], summary_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    finish_summaries(conn, rows)
}
