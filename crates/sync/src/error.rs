//! Why a sync failed, as typed values the operator is shown in their language.

use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::StoreError;

use crate::{AddressError, EmailRefusal};

/// A sync cycle failed. Nothing is lost: everything not acknowledged stays in the outbox, and
/// the cursor stays at the last page stored.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// The server address is not acceptable.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// An `https` address was given without the project's CA certificate.
    #[error("no CA certificate configured for an https server")]
    MissingCa,
    /// The CA certificate file holds no usable certificate.
    #[error("the CA certificate could not be read")]
    BadCa,
    /// The HTTP client could not be set up.
    #[error("the HTTP client could not be built: {0}")]
    Client(String),
    /// This program and the server speak different protocol versions.
    #[error("protocol {client} here, {server} on the server")]
    UpdateNeeded {
        /// The version this program speaks.
        client: u32,
        /// The version the server speaks.
        server: u32,
    },
    /// The server does not know (or no longer accepts) this workstation's credential.
    #[error("the workstation credential was refused")]
    Unauthenticated,
    /// The server refused the operator or the call.
    #[error("refused by the server: {reason}")]
    Forbidden {
        /// The server's i18n key.
        reason: String,
    },
    /// The server could not read the call.
    #[error("the server refused the call ({status}): {reason}")]
    Refused {
        /// The HTTP status.
        status: u16,
        /// The server's i18n key.
        reason: String,
    },
    /// The server answered that the thing asked for does not exist.
    #[error("not found on the server")]
    NotFound,
    /// The server could not do it now.
    #[error("the server is unavailable: {reason}")]
    Unavailable {
        /// The server's i18n key, or the HTTP status.
        reason: String,
    },
    /// The server did not answer in time.
    #[error("the server did not answer in time")]
    Timeout,
    /// The connection could not be made or broke.
    #[error("connection failed: {0}")]
    Connection(String),
    /// The server's certificate is not signed by the project's CA (or TLS failed).
    #[error("TLS failed: {0}")]
    Tls(String),
    /// The answer was not what the protocol says.
    #[error("unexpected answer from the server: {0}")]
    BadAnswer(String),
    /// A scan fetched from the server did not match its hash (it is fetched again next time).
    #[error("a downloaded file did not match its hash {sha256}")]
    BlobDamaged {
        /// The hash expected.
        sha256: String,
    },
    /// The server refused an uploaded scan as damaged: the local copy no longer matches its hash.
    #[error("the server refused the upload of {sha256}")]
    BlobRejected {
        /// The hash of the scan.
        sha256: String,
    },
    /// The server settled nothing of a push and asked to retry.
    #[error("the server asked to send again later: {reason}")]
    Stuck {
        /// The server's i18n key.
        reason: String,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The revocation lists could not be written to their folder.
    #[error("the revocation lists could not be stored: {0}")]
    Crl(String),
    /// The server would not e-mail a document.
    #[error(transparent)]
    Email(#[from] EmailRefusal),
}

impl SyncError {
    /// Whether retrying soon may help (the link, the server's load); other failures need a
    /// person (update, provisioning, a damaged file) and are retried only at the longest wait.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Unavailable { .. }
                | SyncError::Timeout
                | SyncError::Connection(_)
                | SyncError::BadAnswer(_)
                | SyncError::BlobDamaged { .. }
                | SyncError::Stuck { .. }
        )
    }
}

/// The translation of a reason key the server sent.
fn server_reason(key: &str, fallback: Localized) -> Localized {
    match key {
        "server-operator-unknown" => Localized::new("server-operator-unknown"),
        "server-head-only" => Localized::new("server-head-only"),
        "server-bad-body" => Localized::new("server-bad-body"),
        "server-bad-hash" => Localized::new("server-bad-hash"),
        "server-bad-range" => Localized::new("server-bad-range"),
        "server-hash-mismatch" => Localized::new("server-hash-mismatch"),
        "server-unavailable" => Localized::new("server-unavailable"),
        "server-blob-missing" => Localized::new("server-blob-missing"),
        "server-seq-gap" => Localized::new("server-seq-gap"),
        "server-earlier-pending" => Localized::new("server-earlier-pending"),
        _ => fallback,
    }
}

impl Localize for SyncError {
    fn localized(&self) -> Localized {
        match self {
            SyncError::Address(e) => e.localized(),
            SyncError::MissingCa => Localized::new("sync-missing-ca"),
            SyncError::BadCa => Localized::new("sync-bad-ca"),
            SyncError::Client(_) => Localized::new("sync-client"),
            SyncError::UpdateNeeded { client, server } => Localized::new("sync-update-needed")
                .arg("client", client)
                .arg("server", server),
            SyncError::Unauthenticated => Localized::new("sync-unauthenticated"),
            SyncError::Forbidden { reason } => {
                server_reason(reason, Localized::new("sync-forbidden"))
            }
            SyncError::Refused { reason, .. } => {
                server_reason(reason, Localized::new("sync-refused"))
            }
            SyncError::NotFound => Localized::new("sync-not-found"),
            SyncError::Unavailable { reason } => {
                server_reason(reason, Localized::new("sync-unavailable"))
            }
            SyncError::Timeout => Localized::new("sync-timeout"),
            SyncError::Connection(_) => Localized::new("sync-connection"),
            SyncError::Tls(_) => Localized::new("sync-tls"),
            SyncError::BadAnswer(_) => Localized::new("sync-bad-answer"),
            SyncError::BlobDamaged { .. } => Localized::new("sync-blob-damaged"),
            SyncError::BlobRejected { .. } => Localized::new("sync-blob-rejected"),
            SyncError::Stuck { reason } => server_reason(reason, Localized::new("sync-stuck")),
            SyncError::Store(e) => e.localized(),
            SyncError::Crl(_) => Localized::new("sync-crl-store"),
            SyncError::Email(refusal) => refusal.localized(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_protocol_mismatch_says_update_needed_with_both_versions() {
        let m = SyncError::UpdateNeeded {
            client: 1,
            server: 2,
        }
        .localized();
        assert_eq!(m.key, "sync-update-needed");
        assert_eq!((m.get("client"), m.get("server")), (Some("1"), Some("2")));
        assert!(
            !SyncError::UpdateNeeded {
                client: 1,
                server: 2
            }
            .is_transient()
        );
        assert!(SyncError::Timeout.is_transient());
    }

    #[test]
    fn server_reasons_keep_their_own_translation_or_fall_back() {
        let known = SyncError::Forbidden {
            reason: "server-operator-unknown".into(),
        };
        assert_eq!(known.localized().key, "server-operator-unknown");
        let unknown = SyncError::Forbidden {
            reason: "server-something-new".into(),
        };
        assert_eq!(unknown.localized().key, "sync-forbidden");
    }
}
