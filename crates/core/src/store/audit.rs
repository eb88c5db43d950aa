//! The tamper-evident audit log: every action appends a row whose hash covers the previous one.
//!
//! # Canonical form
//!
//! For the row with sequence number `seq`, the canonical bytes are the compact JSON array (UTF-8,
//! no white space, as `serde_json` writes it)
//!
//! ```text
//! ["tereze-audit-1", seq, at, operator_id, action, entity_kind, entity_id, detail]
//! ```
//!
//! where `seq` is a JSON number, `operator_id` and `entity_id` are the lower-case hyphenated UUID
//! strings or `null`, `at` is the stored UTC text (`2026-03-08T09:15:02.123456Z`), and `detail`
//! is the stored detail JSON *as a string* (so its own spelling is covered byte for byte).
//!
//! `hash = SHA-256(prev ‖ canonical)` where `prev` is the 32 raw bytes of the previous row's hash
//! (32 zero bytes for row 1). Hashes are stored as lower-case hex. Deleting the newest rows cannot
//! be seen locally; that is why the head `(seq, hash)` goes to the server at every sync.

use rusqlite::{Connection, OptionalExtension, params};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{AuditError, StoreError, clock};

/// The hash that row 1 links to.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The newest row of the chain: what the server records at each sync.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditHead {
    /// Its sequence number (0 for an empty log).
    pub seq: i64,
    /// Its hash, lower-case hex ([`GENESIS`] for an empty log).
    pub hash: String,
}

/// What an operator did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditAction {
    /// Logged in.
    Login,
    /// A login attempt was refused.
    LoginRefused,
    /// Logged out.
    Logout,
    /// The screen locked (idle too long, or the session reached its lifetime); the password is
    /// asked for again.
    ScreenLocked,
    /// Created a request.
    CreateRequest,
    /// Saved an existing request's form.
    SaveRequest,
    /// Moved a request to another status.
    SetStatus,
    /// Attached a scan.
    AddAttachment,
    /// Took a scan off a request (removed or replaced it).
    RemoveAttachment,
    /// Signed a request or document with ЭЦП.
    Sign,
    /// Decided a request.
    Decide,
    /// Printed a document.
    Print,
    /// Synchronised with the server.
    Sync,
    /// Added an operator account.
    AddOperator,
    /// Set or changed an operator's password.
    SetPassword,
    /// Loaded or updated the reference data (offices, organisations, groups).
    ImportReference,
    /// Failed attempts to unlock the workstation's keys, counted while the database was still
    /// closed and written here at the next successful unlock.
    UnlockRefused,
    /// Converted the data folder from plaintext to encryption at rest.
    EncryptData,
}

impl AuditAction {
    /// The stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::Login => "login",
            AuditAction::LoginRefused => "login-refused",
            AuditAction::Logout => "logout",
            AuditAction::ScreenLocked => "screen-locked",
            AuditAction::CreateRequest => "create-request",
            AuditAction::SaveRequest => "save-request",
            AuditAction::SetStatus => "set-status",
            AuditAction::AddAttachment => "add-attachment",
            AuditAction::RemoveAttachment => "remove-attachment",
            AuditAction::Sign => "sign",
            AuditAction::Decide => "decide",
            AuditAction::Print => "print",
            AuditAction::Sync => "sync",
            AuditAction::AddOperator => "add-operator",
            AuditAction::ImportReference => "import-reference",
            AuditAction::SetPassword => "set-password",
            AuditAction::UnlockRefused => "unlock-refused",
            AuditAction::EncryptData => "encrypt-data",
        }
    }
}

/// The kind of thing an action was done to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EntityKind {
    /// A request.
    Request,
    /// An attachment.
    Attachment,
    /// An operator account.
    Operator,
    /// An output document.
    Document,
    /// The workstation itself (sync, login).
    Workstation,
}

impl EntityKind {
    /// The stable name stored in the log.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Request => "request",
            EntityKind::Attachment => "attachment",
            EntityKind::Operator => "operator",
            EntityKind::Document => "document",
            EntityKind::Workstation => "workstation",
        }
    }
}

/// One row to append; `detail` must hold no personal data.
pub(crate) struct Entry<'a> {
    pub at: &'a str,
    pub operator: Option<Uuid>,
    pub action: AuditAction,
    pub kind: EntityKind,
    pub entity: Option<Uuid>,
    pub detail: &'a serde_json::Value,
}

struct Row {
    seq: i64,
    at: String,
    operator: Option<String>,
    action: String,
    kind: String,
    entity: Option<String>,
    detail: String,
    prev_hash: String,
    hash: String,
}

impl Row {
    fn canonical(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(&(
            "tereze-audit-1",
            self.seq,
            &self.at,
            &self.operator,
            &self.action,
            &self.kind,
            &self.entity,
            &self.detail,
        ))
    }

    /// The hash this row should have given its stored `prev_hash`; `None` if that is not hex.
    fn expected_hash(&self) -> Result<Option<String>, StoreError> {
        let Ok(prev) = hex::decode(&self.prev_hash) else {
            return Ok(None);
        };
        Ok(Some(chain_hash(&prev, &self.canonical()?)))
    }
}

fn chain_hash(prev: &[u8], canonical: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(prev);
    h.update(canonical);
    hex::encode(h.finalize())
}

/// The newest row, or the genesis head for an empty log.
pub(crate) fn head(conn: &Connection) -> Result<AuditHead, StoreError> {
    let head = conn
        .prepare_cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1")?
        .query_row([], |r| {
            Ok(AuditHead {
                seq: r.get(0)?,
                hash: r.get(1)?,
            })
        })
        .optional()?;
    Ok(head.unwrap_or(AuditHead {
        seq: 0,
        hash: GENESIS.to_owned(),
    }))
}

/// Appends one row inside the caller's transaction.
pub(crate) fn append(conn: &Connection, entry: &Entry<'_>) -> Result<AuditHead, StoreError> {
    let prev = head(conn)?;
    let prev_bytes =
        hex::decode(&prev.hash).map_err(|_| StoreError::Invalid { what: "audit hash" })?;
    let row = Row {
        seq: prev.seq + 1,
        at: entry.at.to_owned(),
        operator: entry.operator.map(|u| u.to_string()),
        action: entry.action.as_str().to_owned(),
        kind: entry.kind.as_str().to_owned(),
        entity: entry.entity.map(|u| u.to_string()),
        detail: serde_json::to_string(entry.detail)?,
        prev_hash: prev.hash,
        hash: String::new(),
    };
    let hash = chain_hash(&prev_bytes, &row.canonical()?);
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, operator_id, action, entity_kind, entity_id, detail,
                            prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        row.seq,
        row.at,
        row.operator,
        row.action,
        row.kind,
        row.entity,
        row.detail,
        row.prev_hash,
        hash
    ])?;
    Ok(AuditHead { seq: row.seq, hash })
}

/// Appends one row in its own transaction, stamped now.
pub(crate) fn append_now(
    conn: &Connection,
    operator: Option<Uuid>,
    action: AuditAction,
    kind: EntityKind,
    entity: Option<Uuid>,
    detail: &serde_json::Value,
) -> Result<AuditHead, StoreError> {
    let (_, at) = clock::now()?;
    append(
        conn,
        &Entry {
            at: &at,
            operator,
            action,
            kind,
            entity,
            detail,
        },
    )
}

/// Walks the whole chain from row 1 and reports the first row that does not fit.
pub(crate) fn verify(conn: &Connection) -> Result<AuditHead, AuditError> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, operator_id, action, entity_kind, entity_id, detail, prev_hash, hash
         FROM audit ORDER BY seq",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Row {
            seq: r.get(0)?,
            at: r.get(1)?,
            operator: r.get(2)?,
            action: r.get(3)?,
            kind: r.get(4)?,
            entity: r.get(5)?,
            detail: r.get(6)?,
            prev_hash: r.get(7)?,
            hash: r.get(8)?,
        })
    })?;
    let mut expected = AuditHead {
        seq: 0,
        hash: GENESIS.to_owned(),
    };
    for row in rows {
        let row = row?;
        let seq = expected.seq + 1;
        if row.seq != seq {
            return Err(AuditError::Deleted { seq });
        }
        let self_consistent = row.expected_hash()?.as_deref() == Some(row.hash.as_str());
        if row.prev_hash != expected.hash {
            if is_some_hash(conn, &row.prev_hash, row.seq)? {
                return Err(AuditError::Reordered { seq: row.seq });
            }
            // The link is broken but points nowhere: either this row's prev_hash was edited, or
            // the row before it was rewritten with a recomputed hash.
            let seq = if self_consistent {
                row.seq - 1
            } else {
                row.seq
            };
            return Err(AuditError::Modified { seq: seq.max(1) });
        }
        if !self_consistent {
            return Err(AuditError::Modified { seq: row.seq });
        }
        expected = AuditHead {
            seq: row.seq,
            hash: row.hash,
        };
    }
    Ok(expected)
}

/// Whether `hash` is the stored hash of some row other than `except`.
fn is_some_hash(conn: &Connection, hash: &str, except: i64) -> Result<bool, StoreError> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit WHERE hash = ?1 AND seq <> ?2)",
        params![hash, except],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn canonical_form_is_the_documented_json_array() {
        let row = Row {
            seq: 3,
            at: "2026-03-08T09:15:02.123456Z".into(),
            operator: None,
            action: "login".into(),
            kind: "workstation".into(),
            entity: None,
            detail: "{\"k\":1}".into(),
            prev_hash: GENESIS.into(),
            hash: String::new(),
        };
        assert_eq!(
            String::from_utf8(row.canonical().unwrap()).unwrap(),
            r#"["tereze-audit-1",3,"2026-03-08T09:15:02.123456Z",null,"login","workstation",null,"{\"k\":1}"]"#
        );
        // SHA-256 over 32 zero bytes followed by the canonical bytes.
        let mut h = Sha256::new();
        h.update([0u8; 32]);
        h.update(row.canonical().unwrap());
        assert_eq!(
            row.expected_hash().unwrap().unwrap(),
            hex::encode(h.finalize())
        );
    }
}
