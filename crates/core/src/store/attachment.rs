//! Scanned documents attached to requests: size checked before reading, type by magic bytes
//! (never by file name), structure checked against hostile files ([`crate::scan`]), content
//! stored once by SHA-256.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use rusqlite::{Connection, params};
use serde_json::json;
use tereze_protocol::{AttachmentRecord, Operation, Seq, WorkstationId};
use time::OffsetDateTime;
use uuid::Uuid;

use super::audit::{self, AuditAction, EntityKind};
use super::{StoreError, blob, clock, outbox};
use crate::scan::{self, ScanLimits, ScanRejection};

/// The file types accepted as scans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MediaType {
    /// `image/jpeg`: starts with `FF D8 FF`.
    Jpeg,
    /// `image/png`: starts with `89 50 4E 47 0D 0A 1A 0A`.
    Png,
    /// `application/pdf`: starts with `%PDF-`.
    Pdf,
}

impl MediaType {
    /// Every accepted type.
    pub const ALL: [MediaType; 3] = [MediaType::Jpeg, MediaType::Png, MediaType::Pdf];

    /// The MIME type, as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
            MediaType::Pdf => "application/pdf",
        }
    }

    /// Parses the MIME type.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.as_str() == s)
    }

    fn magic(self) -> &'static [u8] {
        match self {
            MediaType::Jpeg => &[0xFF, 0xD8, 0xFF],
            MediaType::Png => &[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
            MediaType::Pdf => b"%PDF-",
        }
    }

    /// The type of `content` by its first bytes, if it is one we accept.
    pub fn sniff(content: &[u8]) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|m| content.starts_with(m.magic()))
    }
}

/// A stored attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    /// The attachment's UUID.
    pub id: Uuid,
    /// The request it belongs to.
    pub request_id: Uuid,
    /// The regulation's attachment slot.
    pub slot: String,
    /// SHA-256 of the content, lower-case hex; names the blob file.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// The type found by magic bytes.
    pub media_type: MediaType,
    /// The file name the operator picked (display only).
    pub file_name: String,
    /// When it was attached, in UTC.
    pub added_at: OffsetDateTime,
    /// Who attached it.
    pub added_by: Uuid,
}

/// A checked, hashed file ready to be stored.
pub(crate) struct Checked {
    pub bytes: Vec<u8>,
    pub sha256: String,
    pub media_type: MediaType,
}

/// Reads `source` if it is within `limit` and a type we accept. The size comes from the metadata
/// first, so a huge file is refused without reading it.
pub(crate) fn check(source: &Path, limit: u64) -> Result<Checked, StoreError> {
    let meta = std::fs::metadata(source).map_err(|e| StoreError::io("read attachment", e))?;
    if !meta.is_file() {
        return Err(StoreError::UnsupportedType);
    }
    if meta.len() > limit {
        return Err(StoreError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    File::open(source)
        .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
        .map_err(|e| StoreError::io("read attachment", e))?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if read > limit {
        // The file grew after its size was checked.
        return Err(StoreError::TooLarge { size: read, limit });
    }
    let media_type = match scan::inspect(&bytes, &ScanLimits::default()) {
        Ok(info) => info.media_type,
        Err(ScanRejection::UnsupportedType) => return Err(StoreError::UnsupportedType),
        Err(rejection) => return Err(StoreError::Rejected(rejection)),
    };
    Ok(Checked {
        sha256: blob::sha256_hex(&bytes),
        bytes,
        media_type,
    })
}

/// What [`insert`] writes.
pub(crate) struct NewAttachment<'a> {
    pub request_id: Uuid,
    pub slot: &'a str,
    pub file_name: &'a str,
    pub checked: &'a Checked,
    pub by: Uuid,
}

/// Writes the row, the outbox operation and the audit row inside the caller's transaction. The
/// blob must already be durable.
pub(crate) fn insert(
    conn: &Connection,
    workstation: WorkstationId,
    new: &NewAttachment<'_>,
) -> Result<(Attachment, Seq), StoreError> {
    let (now, at) = clock::now()?;
    let size = u64::try_from(new.checked.bytes.len()).unwrap_or(u64::MAX);
    let attachment = Attachment {
        id: Uuid::now_v7(),
        request_id: new.request_id,
        slot: new.slot.to_owned(),
        sha256: new.checked.sha256.clone(),
        size,
        media_type: new.checked.media_type,
        file_name: new.file_name.to_owned(),
        added_at: now,
        added_by: new.by,
    };
    conn.prepare_cached(
        "INSERT INTO attachments (id, request_id, slot, sha256, size, media_type, file_name,
                                  added_at, added_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        attachment.id.to_string(),
        attachment.request_id.to_string(),
        attachment.slot,
        attachment.sha256,
        i64::try_from(size).unwrap_or(i64::MAX),
        attachment.media_type.as_str(),
        attachment.file_name,
        at,
        attachment.added_by.to_string()
    ])?;
    let operation = Operation::AddAttachment {
        attachment: AttachmentRecord {
            id: attachment.id,
            version: 1,
            request_id: attachment.request_id,
            slot: attachment.slot.clone(),
            sha256: attachment.sha256.clone(),
            size,
            media_type: attachment.media_type.as_str().to_owned(),
            file_name: attachment.file_name.clone(),
            added_by: attachment.added_by,
            added_at: now,
        },
    };
    let seq = outbox::push(conn, workstation, &operation, &at)?;
    // The file name may carry a person's name: it stays out of the audit detail.
    audit::append(
        conn,
        &audit::Entry {
            at: &at,
            operator: Some(new.by),
            action: AuditAction::AddAttachment,
            kind: EntityKind::Attachment,
            entity: Some(attachment.id),
            detail: &json!({
                "request": attachment.request_id.to_string(),
                "slot": attachment.slot,
                "sha256": attachment.sha256,
                "size": size,
                "media_type": attachment.media_type.as_str(),
                "outbox_seq": seq.0,
            }),
        },
    )?;
    Ok((attachment, seq))
}

/// Marks an attachment removed inside the caller's transaction, with its outbox operation and
/// audit row. The row and the blob stay; [`StoreError::AttachmentNotFound`] if the attachment
/// is unknown or already removed.
pub(crate) fn remove(
    conn: &Connection,
    workstation: WorkstationId,
    id: Uuid,
    by: Uuid,
) -> Result<(Attachment, Seq), StoreError> {
    let removed = of_request_where(conn, "id = ?1 AND removed_at IS NULL", &id.to_string())?
        .pop()
        .ok_or(StoreError::AttachmentNotFound { id })?;
    let (now, at) = clock::now()?;
    conn.prepare_cached(
        "UPDATE attachments SET removed_at = ?2, removed_by = ?3
         WHERE id = ?1 AND removed_at IS NULL",
    )?
    .execute(params![id.to_string(), at, by.to_string()])?;
    let operation = Operation::RemoveAttachment {
        attachment_id: id,
        request_id: removed.request_id,
        version: 2,
        by,
        at: now,
    };
    let seq = outbox::push(conn, workstation, &operation, &at)?;
    audit::append(
        conn,
        &audit::Entry {
            at: &at,
            operator: Some(by),
            action: AuditAction::RemoveAttachment,
            kind: EntityKind::Attachment,
            entity: Some(id),
            detail: &json!({
                "request": removed.request_id.to_string(),
                "slot": removed.slot,
                "sha256": removed.sha256,
                "outbox_seq": seq.0,
            }),
        },
    )?;
    Ok((removed, seq))
}

/// The attachments of a request still on file (not removed), oldest first.
pub(crate) fn of_request(
    conn: &Connection,
    request_id: Uuid,
) -> Result<Vec<Attachment>, StoreError> {
    of_request_where(
        conn,
        "request_id = ?1 AND removed_at IS NULL",
        &request_id.to_string(),
    )
}

/// Attachments matching `condition` (a fixed SQL condition with one parameter `?1`).
fn of_request_where(
    conn: &Connection,
    condition: &'static str,
    param: &str,
) -> Result<Vec<Attachment>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, slot, sha256, size, media_type, file_name, added_at, added_by, request_id
         FROM attachments WHERE {condition} ORDER BY added_at, id"
    ))?;
    let rows = stmt.query_map([param], |r| {
        Ok((
            (
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, String>(4)?,
            ),
            (
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ),
        ))
    })?;
    let bad = |what| StoreError::Invalid { what };
    let mut out = Vec::new();
    for row in rows {
        let ((id, slot, sha256, size, media), (file_name, added_at, added_by, request_id)) = row?;
        out.push(Attachment {
            id: Uuid::parse_str(&id).map_err(|_| bad("attachment id"))?,
            request_id: Uuid::parse_str(&request_id).map_err(|_| bad("request id"))?,
            slot,
            sha256,
            size: u64::try_from(size).map_err(|_| bad("attachment size"))?,
            media_type: MediaType::parse(&media).ok_or(bad("media type"))?,
            file_name,
            added_at: clock::parse(&added_at)?,
            added_by: Uuid::parse_str(&added_by).map_err(|_| bad("added_by"))?,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_are_told_by_their_first_bytes() {
        assert_eq!(
            MediaType::sniff(&[0xFF, 0xD8, 0xFF, 0xE0]),
            Some(MediaType::Jpeg)
        );
        assert_eq!(
            MediaType::sniff(b"\x89PNG\r\n\x1a\n\0\0"),
            Some(MediaType::Png)
        );
        assert_eq!(MediaType::sniff(b"%PDF-1.7\n"), Some(MediaType::Pdf));
        assert_eq!(MediaType::sniff(b"\x89PNG\r\n"), None);
        assert_eq!(MediaType::sniff(b"GIF89a"), None);
        assert_eq!(MediaType::sniff(b""), None);
    }
}
