//! Applying server states to the local store: requests upserted with their form and search
//! index, attachments inserted once, local unsent edits never overwritten.

use rusqlite::{Connection, OptionalExtension, params};
use tereze_protocol::{AttachmentRecord, ChangedEntity, RequestRecord};
use uuid::Uuid;

use super::history;
use crate::store::attachment::MediaType;
use crate::store::{StoreError, blob, clock, search};

/// What one pulled page did to the store.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PullTally {
    /// Requests inserted or brought up to the server's state.
    pub requests: usize,
    /// Attachments stored (content and metadata).
    pub attachments: usize,
    /// Server states held back because the entity has a local edit not yet sent.
    pub held_back: usize,
    /// Conflicts the server recorded (listed for the head of department).
    pub conflicts: usize,
    /// Changes already superseded here (older than the local version).
    pub older: usize,
    /// Signatures, decisions and documents handed out, added to requests' history.
    pub history: usize,
}

impl PullTally {
    /// Adds another page's tally.
    pub fn add(&mut self, other: PullTally) {
        self.requests += other.requests;
        self.attachments += other.attachments;
        self.held_back += other.held_back;
        self.conflicts += other.conflicts;
        self.older += other.older;
        self.history += other.history;
    }

    /// Changes read, whatever became of them.
    pub fn total(&self) -> usize {
        self.requests
            + self.attachments
            + self.held_back
            + self.conflicts
            + self.older
            + self.history
    }
}

/// Applies one change inside the caller's transaction.
pub(super) fn change(
    conn: &Connection,
    blobs: &super::super::blob::Blobs,
    entity: &ChangedEntity,
    tally: &mut PullTally,
) -> Result<(), StoreError> {
    match entity {
        ChangedEntity::Request { request } => {
            if has_pending(conn, request.id)? {
                defer(conn, request.id, request.version, entity)?;
                tally.held_back += 1;
            } else if request_state(conn, request)? {
                tally.requests += 1;
            } else {
                tally.older += 1;
            }
        }
        ChangedEntity::Attachment { attachment } => {
            if attachment_state(conn, blobs, attachment)? {
                tally.attachments += 1;
            } else {
                tally.older += 1;
            }
        }
        ChangedEntity::AttachmentRemoved {
            attachment,
            removed_by,
            removed_at,
        } => {
            if attachment_removed(conn, attachment.id, *removed_by, *removed_at)? {
                tally.attachments += 1;
            } else {
                tally.older += 1;
            }
        }
        ChangedEntity::Conflict { .. } => tally.conflicts += 1,
        ChangedEntity::Signature { signature } => {
            count(history::signature(conn, signature)?, tally);
        }
        ChangedEntity::Decision { decision } => {
            count(history::decision(conn, decision)?, tally);
        }
        ChangedEntity::DocumentIssued { document } => {
            count(history::insert_issued(conn, document)?, tally);
        }
    }
    Ok(())
}

fn count(new: bool, tally: &mut PullTally) {
    if new {
        tally.history += 1;
    } else {
        tally.older += 1;
    }
}

/// Marks a local attachment removed as the server recorded it; returns whether it changed
/// anything. One this store never held stays away: it no longer belongs to the request's file.
fn attachment_removed(
    conn: &Connection,
    id: Uuid,
    by: Uuid,
    at: time::OffsetDateTime,
) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached(
            "UPDATE attachments SET removed_at = ?2, removed_by = ?3
             WHERE id = ?1 AND removed_at IS NULL",
        )?
        .execute(params![id.to_string(), clock::format(at)?, by.to_string()])?;
    Ok(changed > 0)
}

/// Applies the held-back server state of `entity` once it has no unsent edit left.
pub(super) fn resolve_deferred(conn: &Connection, entity: Uuid) -> Result<(), StoreError> {
    if has_pending(conn, entity)? {
        return Ok(());
    }
    let state: Option<String> = conn
        .prepare_cached("SELECT state FROM sync_deferred WHERE entity_id = ?1")?
        .query_row([entity.to_string()], |r| r.get(0))
        .optional()?;
    let Some(state) = state else { return Ok(()) };
    conn.prepare_cached("DELETE FROM sync_deferred WHERE entity_id = ?1")?
        .execute([entity.to_string()])?;
    if let ChangedEntity::Request { request } = serde_json::from_str(&state)? {
        request_state(conn, &request)?;
    }
    Ok(())
}

/// Whether the entity has an outbox operation the server has not settled.
fn has_pending(conn: &Connection, entity: Uuid) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE entity_id = ?1 AND acked_at IS NULL)",
        )?
        .query_row([entity.to_string()], |r| r.get(0))?)
}

/// Holds a server state back, keeping the newest one.
fn defer(
    conn: &Connection,
    entity: Uuid,
    version: i64,
    state: &ChangedEntity,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO sync_deferred (entity_id, version, state) VALUES (?1, ?2, ?3)
         ON CONFLICT (entity_id) DO UPDATE SET version = excluded.version, state = excluded.state
         WHERE excluded.version >= sync_deferred.version",
    )?
    .execute(params![
        entity.to_string(),
        version,
        serde_json::to_string(state)?
    ])?;
    Ok(())
}

/// Whether the newest settled local edit of the entity lost (conflict or rejected): the local
/// state is then not what the server holds, and the server's state replaces it.
fn local_edit_lost(conn: &Connection, entity: Uuid) -> Result<bool, StoreError> {
    let state: Option<String> = conn
        .prepare_cached(
            "SELECT sync_state FROM outbox WHERE entity_id = ?1 ORDER BY seq DESC LIMIT 1",
        )?
        .query_row([entity.to_string()], |r| r.get(0))
        .optional()?;
    Ok(matches!(state.as_deref(), Some("conflict" | "rejected")))
}

/// Writes the server's state of a request that has no unsent local edit; returns whether it
/// changed anything (an older state than the local one is skipped).
fn request_state(conn: &Connection, r: &RequestRecord) -> Result<bool, StoreError> {
    let id = r.id.to_string();
    let local: Option<(i64, i64)> = conn
        .prepare_cached("SELECT rid, version FROM requests WHERE id = ?1")?
        .query_row([&id], |row| Ok((row.get(0)?, row.get(1)?)))
        .optional()?;
    let created_at = clock::format(r.created_at)?;
    let updated_at = clock::format(r.updated_at)?;
    let rid = match local {
        None => {
            conn.prepare_cached(
                "INSERT INTO requests (id, number, service_id, profile, channel, status,
                                       status_since, version, created_at, updated_at, created_by)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?7, ?10)",
            )?
            .execute(params![
                id,
                r.number,
                r.service_id,
                r.profile,
                r.channel,
                r.status,
                updated_at,
                r.version,
                created_at,
                r.created_by.to_string()
            ])?;
            conn.last_insert_rowid()
        }
        Some((rid, version)) => {
            if r.version < version && !local_edit_lost(conn, r.id)? {
                return Ok(false);
            }
            conn.prepare_cached(
                "UPDATE requests
                 SET number = ?1, service_id = ?2, profile = ?3, channel = ?4,
                     status_since = CASE WHEN status = ?5 THEN status_since ELSE ?6 END,
                     status = ?5, version = ?7, created_at = ?8, updated_at = ?6,
                     created_by = ?9
                 WHERE rid = ?10",
            )?
            .execute(params![
                r.number,
                r.service_id,
                r.profile,
                r.channel,
                r.status,
                updated_at,
                r.version,
                created_at,
                r.created_by.to_string(),
                rid
            ])?;
            conn.prepare_cached("DELETE FROM request_fields WHERE request_id = ?1")?
                .execute([&id])?;
            rid
        }
    };
    {
        let mut insert = conn.prepare_cached(
            "INSERT INTO request_fields (request_id, field_id, value) VALUES (?1, ?2, ?3)",
        )?;
        for (field, value) in &r.fields {
            insert.execute(params![id, field, value])?;
        }
    }
    search::index(conn, rid, &r.fields)?;
    history::queue_place(conn, r)?;
    conn.prepare_cached("DELETE FROM sync_deferred WHERE entity_id = ?1 AND version <= ?2")?
        .execute(params![id, r.version])?;
    Ok(true)
}

/// Stores an attachment's metadata once; its content must already be stored intact.
fn attachment_state(
    conn: &Connection,
    blobs: &super::super::blob::Blobs,
    a: &AttachmentRecord,
) -> Result<bool, StoreError> {
    if MediaType::parse(&a.media_type).is_none() {
        return Err(StoreError::UnsupportedType);
    }
    blob::get(blobs, &a.sha256)?;
    let inserted = conn
        .prepare_cached(
            "INSERT INTO attachments (id, request_id, slot, sha256, size, media_type, file_name,
                                      added_at, added_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
             ON CONFLICT (id) DO NOTHING",
        )?
        .execute(params![
            a.id.to_string(),
            a.request_id.to_string(),
            a.slot,
            a.sha256,
            i64::try_from(a.size).unwrap_or(i64::MAX),
            a.media_type,
            a.file_name,
            clock::format(a.added_at)?,
            a.added_by.to_string()
        ])?;
    Ok(inserted > 0)
}
