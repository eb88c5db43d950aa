//! The typed error body every failed call answers with.

use serde::{Deserialize, Serialize};

/// What went wrong with a whole call (as opposed to one operation of a push).
///
/// Each variant's `key` (see [`ApiError::key`]) is an i18n key the workstation shows the
/// operator; the other fields are its arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "error", rename_all = "kebab-case")]
pub enum ApiError {
    /// Client and server speak different protocol versions: one of them must be updated.
    ProtocolMismatch {
        /// The version the client sent (0 when it sent none or garbage).
        client: u32,
        /// The version the server speaks.
        server: u32,
    },
    /// The workstation credential is missing, unknown or revoked.
    Unauthenticated,
    /// The operator named in the request is unknown, inactive, of another office, or lacks the
    /// role the call needs.
    Forbidden {
        /// The i18n key of the reason.
        reason: String,
    },
    /// The body or a parameter is malformed.
    BadRequest {
        /// The i18n key of the reason.
        reason: String,
    },
    /// The thing asked for does not exist.
    NotFound,
    /// The server could not do it now (database, disk, mail relay); try again later.
    Unavailable {
        /// The i18n key of the reason.
        reason: String,
    },
}

impl ApiError {
    /// The i18n key the workstation shows for this error.
    pub fn key(&self) -> &str {
        match self {
            ApiError::ProtocolMismatch { .. } => "api-protocol-mismatch",
            ApiError::Unauthenticated => "api-unauthenticated",
            ApiError::Forbidden { reason }
            | ApiError::BadRequest { reason }
            | ApiError::Unavailable { reason } => reason,
            ApiError::NotFound => "api-not-found",
        }
    }
}
