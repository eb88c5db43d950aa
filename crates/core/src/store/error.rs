//! What can go wrong in the store, as typed values the operator can be shown.
//!
//! Messages meant for logs carry ids and sizes, never names, IINs or addresses.

use rusqlite::ErrorCode;
use uuid::Uuid;

use crate::i18n::{Localize, Localized};
use crate::lifecycle::{Status, TransitionError};
use crate::password::PasswordError;
use crate::reference::ReferenceError;
use crate::scan::ScanRejection;

/// A store operation failed; nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file is not a database or fails SQLite's own check; it was left untouched.
    #[error("the database file is damaged: {detail}")]
    Corrupt {
        /// What SQLite reported (page and table numbers, no content).
        detail: String,
    },
    /// The database was written by a newer version of the program; it was left untouched.
    #[error("the database has schema version {found}, this program knows up to {supported}")]
    Newer {
        /// `PRAGMA user_version` of the file.
        found: i64,
        /// The newest version this binary can migrate to.
        supported: i64,
    },
    /// The database cannot be read with this workstation's key: another workstation's file, a
    /// wrong key, or damage. It was left untouched.
    #[error("the database cannot be read with this key")]
    WrongKey,
    /// The database is a plaintext SQLite file from before encryption at rest; it must be
    /// converted (at the next login) before it can be opened. It was left untouched.
    #[error("the database is not encrypted yet")]
    Unencrypted,
    /// A scan file fails its authentication tag or format: it was altered or damaged on disk,
    /// or sealed with another workstation's key.
    #[error("scan file {sha256} fails its integrity check")]
    BlobTampered {
        /// The scan's SHA-256 (its file name).
        sha256: String,
    },
    /// An attachment exceeds the configured size limit.
    #[error("attachment of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// An attachment is not a JPEG, PNG or PDF by its content.
    #[error("attachment is not a JPEG, PNG or PDF")]
    UnsupportedType,
    /// An attachment has a scan's type but fails the hostile-file checks (a pixel flood, a
    /// decompression bomb, a truncated or glued-together file, a PDF with scripts).
    #[error("attachment refused: {0}")]
    Rejected(ScanRejection),
    /// The request was changed by someone else since it was loaded.
    #[error("request {id} is at version {actual}, the save expected {expected:?}")]
    Conflict {
        /// The request.
        id: Uuid,
        /// The version the save was made against (`None`: the save meant to create it).
        expected: Option<i64>,
        /// The version in the store.
        actual: i64,
    },
    /// A status move was made against a status the request no longer has.
    #[error("request {id} is {actual:?}, the move expected {expected:?}")]
    StatusConflict {
        /// The request.
        id: Uuid,
        /// The status the move started from.
        expected: Status,
        /// The status in the store.
        actual: Status,
    },
    /// A new password breaks the password policy.
    #[error(transparent)]
    Password(#[from] PasswordError),
    /// The reference data could not be imported.
    #[error(transparent)]
    Reference(#[from] Box<ReferenceError>),
    /// The lifecycle does not allow this action from the request's status.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// No request with this id.
    #[error("request {id} not found")]
    NotFound {
        /// The id looked for.
        id: Uuid,
    },
    /// No attachment with this id on file (never added, or already removed).
    #[error("attachment {id} not found")]
    AttachmentNotFound {
        /// The id looked for.
        id: Uuid,
    },
    /// No operator with this id.
    #[error("operator {id} not found")]
    UnknownOperator {
        /// The id looked for.
        id: Uuid,
    },
    /// An operator with this IIN already exists.
    #[error("an operator with this IIN already exists")]
    DuplicateOperator,
    /// The disk is full (`SQLITE_FULL` or `ENOSPC`); the transaction was rolled back.
    #[error("the disk is full")]
    DiskFull,
    /// A file operation failed.
    #[error("{op} failed: {source}")]
    Io {
        /// What the store was doing.
        op: &'static str,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A stored attachment's content no longer matches its hash.
    #[error("attachment content {sha256} does not match its hash")]
    BlobMismatch {
        /// The expected SHA-256.
        sha256: String,
    },
    /// A string given as an attachment hash is not 64 lower-case hex digits.
    #[error("not a SHA-256 hex string")]
    BadHash,
    /// A stored value could not be read back (edited behind the program's back).
    #[error("stored value is invalid: {what}")]
    Invalid {
        /// Which value.
        what: &'static str,
    },
    /// Any other SQLite failure.
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    /// A payload could not be (de)serialised.
    #[error("payload error: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    /// Wraps an I/O error, recognising a full disk.
    pub(crate) fn io(op: &'static str, source: std::io::Error) -> Self {
        if source.kind() == std::io::ErrorKind::StorageFull {
            StoreError::DiskFull
        } else {
            StoreError::Io { op, source }
        }
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(ErrorCode::DiskFull) => StoreError::DiskFull,
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => StoreError::Corrupt {
                detail: e.to_string(),
            },
            _ => StoreError::Sqlite(e),
        }
    }
}

/// Bytes as mebibytes with one decimal, for messages.
fn mib(bytes: u64) -> String {
    let tenths = bytes.saturating_mul(10) / (1024 * 1024);
    format!("{}.{}", tenths / 10, tenths % 10)
}

impl Localize for StoreError {
    fn localized(&self) -> Localized {
        match self {
            StoreError::Corrupt { .. } | StoreError::Invalid { .. } => {
                Localized::new("store-corrupt")
            }
            StoreError::Newer { found, supported } => Localized::new("store-newer")
                .arg("found", found)
                .arg("supported", supported),
            StoreError::WrongKey => Localized::new("encryption-wrong-key"),
            StoreError::Unencrypted => Localized::new("encryption-unencrypted"),
            StoreError::BlobTampered { .. } => Localized::new("encryption-blob-tampered"),
            StoreError::TooLarge { size, limit } => Localized::new("store-too-large")
                .arg("size", mib(*size))
                .arg("limit", mib(*limit)),
            StoreError::UnsupportedType => Localized::new("store-unsupported-type"),
            StoreError::Conflict { .. } => Localized::new("store-conflict"),
            StoreError::StatusConflict { .. } => Localized::new("store-status-conflict"),
            StoreError::Transition(e) => e.localized(),
            StoreError::Reference(e) => e.localized(),
            StoreError::Password(e) => e.localized(),
            StoreError::Rejected(e) => e.localized(),
            StoreError::NotFound { .. } => Localized::new("store-not-found"),
            StoreError::AttachmentNotFound { .. } => Localized::new("store-attachment-not-found"),
            StoreError::UnknownOperator { .. } => Localized::new("store-unknown-operator"),
            StoreError::DuplicateOperator => Localized::new("store-duplicate-operator"),
            StoreError::DiskFull => Localized::new("store-disk-full"),
            StoreError::Io { .. } => Localized::new("store-io"),
            StoreError::BlobMismatch { .. } => Localized::new("store-blob-mismatch"),
            StoreError::BadHash | StoreError::Sqlite(_) | StoreError::Json(_) => {
                Localized::new("store-internal")
            }
        }
    }
}

/// The audit chain is broken at `seq`: someone edited the log behind the program's back.
#[derive(Debug, thiserror::Error)]
pub enum AuditError {
    /// The row at `seq` was changed after it was written.
    #[error("audit row {seq} was modified")]
    Modified {
        /// The first bad row.
        seq: i64,
    },
    /// The row at `seq` is missing.
    #[error("audit row {seq} was deleted")]
    Deleted {
        /// The missing row.
        seq: i64,
    },
    /// The row found at `seq` belongs elsewhere in the chain.
    #[error("audit row {seq} is out of order")]
    Reordered {
        /// The first row out of place.
        seq: i64,
    },
    /// The log could not be read.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for AuditError {
    fn from(e: rusqlite::Error) -> Self {
        AuditError::Store(e.into())
    }
}

impl Localize for AuditError {
    fn localized(&self) -> Localized {
        match self {
            AuditError::Modified { seq } => Localized::new("store-audit-modified").arg("seq", seq),
            AuditError::Deleted { seq } => Localized::new("store-audit-deleted").arg("seq", seq),
            AuditError::Reordered { seq } => {
                Localized::new("store-audit-reordered").arg("seq", seq)
            }
            AuditError::Store(e) => e.localized(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_shown_in_mebibytes() {
        let e = StoreError::TooLarge {
            size: 2 * 1024 * 1024 * 1024,
            limit: 10 * 1024 * 1024,
        };
        let m = e.localized();
        assert_eq!(m.key, "store-too-large");
        assert_eq!(m.get("size"), Some("2048.0"));
        assert_eq!(m.get("limit"), Some("10.0"));
    }

    #[test]
    fn a_full_disk_is_recognised_from_sqlite_and_from_the_os() {
        let sqlite = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_FULL),
            None,
        );
        assert!(matches!(StoreError::from(sqlite), StoreError::DiskFull));
        let os = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(matches!(StoreError::io("write", os), StoreError::DiskFull));
    }
}
