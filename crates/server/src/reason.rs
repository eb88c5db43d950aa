//! Why the server refused something: one i18n key per reason, sent on the wire and shown to the
//! operator by the workstation in their language.

use tereze_core::i18n::{Localize, Localized};

/// A refusal reason: a whole call's, or one pushed operation's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The operation names another workstation than the credential's.
    ForeignWorkstation,
    /// `entity_id` or `base_version` do not match the payload.
    EntityMismatch,
    /// The operator who made the operation is unknown or inactive.
    UnknownAuthor,
    /// The operator who made the operation belongs to another office than the workstation.
    AuthorOtherOffice,
    /// The author's role does not allow this operation.
    NotPermitted,
    /// A new request must start as a draft and be created by the operator who saved it.
    NewRequestNotDraft,
    /// Saving a form tried to change the request's status.
    SaveChangesStatus,
    /// The operation refers to a request the server does not have.
    UnknownRequest,
    /// The status move starts from another status than the server's.
    StatusMismatch,
    /// The status move is not a legal transition of the lifecycle.
    IllegalTransition,
    /// An attachment must have version 1.
    AttachmentVersion,
    /// The attachment's content has not been uploaded (or did not verify) yet.
    BlobMissing,
    /// The operation's seq leaves a gap after the last one settled.
    SeqGap,
    /// An earlier operation of the batch must be settled first.
    EarlierPending,
    /// The call names no operator, or an unknown, inactive or foreign one.
    OperatorUnknown,
    /// Only a head of department may do this.
    HeadOnly,
    /// The body or a parameter is malformed.
    BadBody,
    /// The blob's hash is not 64 lower-case hex digits.
    BadHash,
    /// The upload does not continue where the stored part ends.
    BadRange,
    /// The uploaded bytes do not match their SHA-256.
    HashMismatch,
    /// No SMTP relay is configured.
    MailNotConfigured,
    /// The SMTP relay refused or could not be reached.
    MailFailed,
    /// The address is not an e-mail address.
    BadEmail,
    /// Only an issued request's document can be e-mailed.
    NotIssued,
    /// The server could not do it now (database or disk).
    Unavailable,
    /// A signature's certificate IIN is not the IIN of the operator who pushed it as theirs.
    SignerNotAuthor,
    /// A signature's content hash does not match what it claims to sign.
    SignatureContentMismatch,
}

impl Reason {
    /// The i18n key, as sent on the wire.
    pub fn key(self) -> &'static str {
        self.localized().key
    }
}

impl Localize for Reason {
    fn localized(&self) -> Localized {
        match self {
            Reason::ForeignWorkstation => Localized::new("server-foreign-workstation"),
            Reason::EntityMismatch => Localized::new("server-entity-mismatch"),
            Reason::UnknownAuthor => Localized::new("server-unknown-author"),
            Reason::AuthorOtherOffice => Localized::new("server-author-other-office"),
            Reason::NotPermitted => Localized::new("server-not-permitted"),
            Reason::NewRequestNotDraft => Localized::new("server-new-request-not-draft"),
            Reason::SaveChangesStatus => Localized::new("server-save-changes-status"),
            Reason::UnknownRequest => Localized::new("server-unknown-request"),
            Reason::StatusMismatch => Localized::new("server-status-mismatch"),
            Reason::IllegalTransition => Localized::new("server-illegal-transition"),
            Reason::AttachmentVersion => Localized::new("server-attachment-version"),
            Reason::BlobMissing => Localized::new("server-blob-missing"),
            Reason::SeqGap => Localized::new("server-seq-gap"),
            Reason::EarlierPending => Localized::new("server-earlier-pending"),
            Reason::OperatorUnknown => Localized::new("server-operator-unknown"),
            Reason::HeadOnly => Localized::new("server-head-only"),
            Reason::BadBody => Localized::new("server-bad-body"),
            Reason::BadHash => Localized::new("server-bad-hash"),
            Reason::BadRange => Localized::new("server-bad-range"),
            Reason::HashMismatch => Localized::new("server-hash-mismatch"),
            Reason::MailNotConfigured => Localized::new("server-mail-not-configured"),
            Reason::MailFailed => Localized::new("server-mail-failed"),
            Reason::BadEmail => Localized::new("server-bad-email"),
            Reason::NotIssued => Localized::new("server-not-issued"),
            Reason::Unavailable => Localized::new("server-unavailable"),
            Reason::SignerNotAuthor => Localized::new("server-signer-not-author"),
            Reason::SignatureContentMismatch => Localized::new("server-signature-content-mismatch"),
        }
    }
}
