//! E-mailing a request's output document to the applicant through the server: the PDF goes up
//! as a blob (unless the server already holds it), then the server's SMTP relay sends it. The
//! server's refusals come back as [`EmailRefusal`]s the operator can act on.

use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::sha256_hex;
use tereze_protocol::{EmailDocument, EmailSent};
use uuid::Uuid;

use crate::{SyncEngine, SyncError};

/// Why the server would not e-mail the document, in terms the operator can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EmailRefusal {
    /// The server has no mail relay configured.
    #[error("e-mail is not set up on the server")]
    NotConfigured,
    /// The server did not accept the address.
    #[error("the server refused the address")]
    BadAddress,
    /// The request has not reached the server yet (it was not synced).
    #[error("the request is not on the server yet")]
    NotOnServer,
    /// The server holds the request in a status without a signed result.
    #[error("the request has no signed result on the server")]
    NotIssued,
    /// The mail relay refused the message or could not be reached.
    #[error("the mail relay did not accept the message")]
    RelayFailed,
}

impl Localize for EmailRefusal {
    fn localized(&self) -> Localized {
        match self {
            EmailRefusal::NotConfigured => Localized::new("server-mail-not-configured"),
            EmailRefusal::BadAddress => Localized::new("server-bad-email"),
            EmailRefusal::NotOnServer => Localized::new("email-not-on-server"),
            EmailRefusal::NotIssued => Localized::new("email-not-issued-on-server"),
            EmailRefusal::RelayFailed => Localized::new("server-mail-failed"),
        }
    }
}

/// Turns the server's answers to an e-mail call into [`EmailRefusal`]s; other failures (the
/// link, the credential, the protocol version) stay as they are.
fn refusal(error: SyncError) -> SyncError {
    let refusal = match &error {
        SyncError::NotFound => EmailRefusal::NotOnServer,
        SyncError::Unavailable { reason } | SyncError::Refused { reason, .. } => {
            match reason.as_str() {
                "server-mail-not-configured" => EmailRefusal::NotConfigured,
                "server-mail-failed" => EmailRefusal::RelayFailed,
                "server-bad-email" => EmailRefusal::BadAddress,
                "server-not-issued" => EmailRefusal::NotIssued,
                _ => return error,
            }
        }
        _ => return error,
    };
    SyncError::Email(refusal)
}

impl SyncEngine {
    /// Sends the output document `pdf` of request `request_id` to `to` as the attachment
    /// `file_name`, through the server's mail relay. The request must be on the server with a
    /// signed result (result-signed or issued). The address travels only in the call's body.
    pub async fn email_document(
        &self,
        request_id: Uuid,
        pdf: &[u8],
        to: &str,
        file_name: &str,
    ) -> Result<EmailSent, SyncError> {
        let sha256 = sha256_hex(pdf);
        // Asks first how much the server holds: a document sent before is not uploaded again.
        self.api().upload_blob(&sha256, pdf).await?;
        let body = EmailDocument {
            to: to.to_owned(),
            document_sha256: sha256,
            file_name: file_name.to_owned(),
        };
        self.api()
            .post_json(&format!("v1/requests/{request_id}/email"), Some(&body))
            .await
            .map_err(refusal)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_server_refusal_is_its_own_case_with_its_own_message() {
        let cases = [
            (
                SyncError::Unavailable {
                    reason: "server-mail-not-configured".into(),
                },
                EmailRefusal::NotConfigured,
            ),
            (
                SyncError::Unavailable {
                    reason: "server-mail-failed".into(),
                },
                EmailRefusal::RelayFailed,
            ),
            (
                SyncError::Refused {
                    status: 400,
                    reason: "server-bad-email".into(),
                },
                EmailRefusal::BadAddress,
            ),
            (
                SyncError::Refused {
                    status: 400,
                    reason: "server-not-issued".into(),
                },
                EmailRefusal::NotIssued,
            ),
            (SyncError::NotFound, EmailRefusal::NotOnServer),
        ];
        let mut keys = std::collections::BTreeSet::new();
        for (error, expected) in cases {
            let mapped = refusal(error);
            assert!(
                matches!(mapped, SyncError::Email(r) if r == expected),
                "{mapped:?}"
            );
            assert_eq!(mapped.localized().key, expected.localized().key);
            keys.insert(mapped.localized().key);
        }
        assert_eq!(keys.len(), 5, "five different messages: {keys:?}");
    }

    #[test]
    fn failures_that_are_not_about_mail_keep_their_own_message() {
        let link = refusal(SyncError::Timeout);
        assert!(matches!(link, SyncError::Timeout));
        let operator = refusal(SyncError::Forbidden {
            reason: "server-operator-unknown".into(),
        });
        assert_eq!(operator.localized().key, "server-operator-unknown");
        let unknown = refusal(SyncError::Unavailable {
            reason: "server-unavailable".into(),
        });
        assert_eq!(unknown.localized().key, "server-unavailable");
    }
}
