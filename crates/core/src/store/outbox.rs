//! The outbox: operations waiting for the server, numbered densely from 1 per workstation.
//!
//! The next number is `max(seq) + 1`, taken inside the same IMMEDIATE transaction that writes the
//! domain rows, so a rolled-back save gives its number back and no gap can appear. A trigger in
//! the schema refuses any other number and refuses to delete a row that was not acknowledged.

use rusqlite::{Connection, params};
use tereze_protocol::{Operation, Seq, WorkstationId};
use time::OffsetDateTime;

use super::{StoreError, clock};

/// One operation in the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxEntry {
    /// The workstation that wrote it.
    pub workstation: WorkstationId,
    /// Its position, dense from 1.
    pub seq: Seq,
    /// What it does.
    pub operation: Operation,
    /// When it was written, in UTC.
    pub created_at: OffsetDateTime,
    /// When the server acknowledged it, if it has.
    pub acked_at: Option<OffsetDateTime>,
}

/// Appends an operation inside the caller's transaction and returns its number.
pub(crate) fn push(
    conn: &Connection,
    workstation: WorkstationId,
    operation: &Operation,
    at: &str,
) -> Result<Seq, StoreError> {
    let ws = workstation.0.to_string();
    let seq: i64 = conn
        .prepare_cached("SELECT coalesce(max(seq), 0) + 1 FROM outbox WHERE workstation_id = ?1")?
        .query_row([&ws], |r| r.get(0))?;
    let payload = serde_json::to_string(operation)?;
    conn.prepare_cached(
        "INSERT INTO outbox (workstation_id, seq, op_kind, entity_id, entity_version, payload,
                             created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        ws,
        seq,
        operation.kind(),
        operation.entity_id().to_string(),
        operation.entity_version(),
        payload,
        at
    ])?;
    to_seq(seq)
}

/// How many operations of this workstation wait for the server (reads the pending index only).
pub(crate) fn pending_count(
    conn: &Connection,
    workstation: WorkstationId,
) -> Result<u64, StoreError> {
    let n: i64 = conn
        .prepare_cached(
            "SELECT count(*) FROM outbox INDEXED BY outbox_pending
             WHERE workstation_id = ?1 AND acked_at IS NULL",
        )?
        .query_row([workstation.0.to_string()], |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

fn to_seq(seq: i64) -> Result<Seq, StoreError> {
    u64::try_from(seq)
        .map(Seq)
        .map_err(|_| StoreError::Invalid { what: "outbox seq" })
}

/// The oldest operations not yet acknowledged, in order.
pub(crate) fn pending(
    conn: &Connection,
    workstation: WorkstationId,
    limit: usize,
) -> Result<Vec<OutboxEntry>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT seq, payload, created_at FROM outbox INDEXED BY outbox_pending
         WHERE workstation_id = ?1 AND acked_at IS NULL ORDER BY seq LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![workstation.0.to_string(), limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, payload, created_at) = row?;
        out.push(OutboxEntry {
            workstation,
            seq: to_seq(seq)?,
            operation: serde_json::from_str(&payload)?,
            created_at: clock::parse(&created_at)?,
            acked_at: None,
        });
    }
    Ok(out)
}

/// Marks every operation up to `up_to` as acknowledged; returns how many changed.
pub(crate) fn ack(
    conn: &Connection,
    workstation: WorkstationId,
    up_to: Seq,
) -> Result<usize, StoreError> {
    let (_, at) = clock::now()?;
    let up_to = i64::try_from(up_to.0).unwrap_or(i64::MAX);
    Ok(conn
        .prepare_cached(
            "UPDATE outbox SET acked_at = ?1, sync_state = 'accepted', sync_reason = NULL
             WHERE workstation_id = ?2 AND seq <= ?3 AND acked_at IS NULL",
        )?
        .execute(params![at, workstation.0.to_string(), up_to])?)
}

/// Every operation after `after`, acknowledged or not, in order.
pub(crate) fn after(
    conn: &Connection,
    workstation: WorkstationId,
    after: Seq,
    limit: usize,
) -> Result<Vec<OutboxEntry>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let after = i64::try_from(after.0).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(
        "SELECT seq, payload, created_at, acked_at FROM outbox
         WHERE workstation_id = ?1 AND seq > ?2 ORDER BY seq LIMIT ?3",
    )?;
    let rows = stmt.query_map(params![workstation.0.to_string(), after, limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, payload, created_at, acked_at) = row?;
        out.push(OutboxEntry {
            workstation,
            seq: to_seq(seq)?,
            operation: serde_json::from_str(&payload)?,
            created_at: clock::parse(&created_at)?,
            acked_at: acked_at.as_deref().map(clock::parse).transpose()?,
        });
    }
    Ok(out)
}
