//! Why a signature is invalid, or valid only with warnings.

use tereze_core::i18n::{Localize, Localized};
use time::OffsetDateTime;
use time::macros::format_description;

/// One finding of the verifier. Each has its own translated message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// The bytes are not a CMS SignedData.
    Malformed,
    /// Signed with a GOST key: this verifier cannot check it yet.
    GostUnsupported,
    /// A digest or signature algorithm this verifier does not accept.
    UnsupportedAlgorithm,
    /// The signer's certificate is not inside the signature.
    SignerCertificateMissing,
    /// No signed attributes (a CAdES-BES signature always has them).
    SignedAttributesMissing,
    /// The signed content is not of type `data`.
    ContentTypeWrong,
    /// The request's bytes differ from what was signed.
    ContentDigestMismatch,
    /// The signature value does not match the signer's key.
    SignatureMismatch,
    /// `signingCertificateV2` names another certificate than the one carried.
    SigningCertificateMismatch,
    /// An attachment's bytes do not match its recorded SHA-256.
    AttachmentMismatch {
        /// The attachment slot.
        slot: String,
    },
    /// An attachment is not among those the signature covers.
    AttachmentNotSigned {
        /// The attachment slot.
        slot: String,
    },
    /// No path from the signer's certificate to a trusted root.
    ChainIncomplete,
    /// The chain ends in a root that is not trusted.
    ChainUntrusted,
    /// A certificate in the chain is not signed by its issuer.
    ChainSignatureInvalid,
    /// An issuing certificate is not a CA.
    IssuerNotCa,
    /// The signer's certificate had expired at the signing time.
    Expired {
        /// End of validity.
        not_after: OffsetDateTime,
    },
    /// The signer's certificate was not yet valid at the signing time.
    NotYetValid {
        /// Start of validity.
        not_before: OffsetDateTime,
    },
    /// A CA certificate in the chain was outside its validity at the signing time.
    IssuerOutsideValidity,
    /// A certificate in the chain is on its issuer's revocation list.
    Revoked {
        /// When it was revoked.
        revoked_at: OffsetDateTime,
    },
    /// The signer's certificate carries no IIN.
    NoIin,
    /// The certificate's IIN is not the IIN of the operator recorded on the request.
    IinMismatch,
    /// The newest CRL of an issuer is past its nextUpdate (warning).
    CrlStale {
        /// The issuer's common name.
        issuer: String,
        /// When the CRL should have been replaced.
        next_update: OffsetDateTime,
    },
    /// No CRL for an issuer in the cache (warning).
    CrlMissing {
        /// The issuer's common name.
        issuer: String,
    },
    /// A CRL for an issuer failed its own signature check and was ignored (warning).
    CrlUnverifiable {
        /// The issuer's common name.
        issuer: String,
    },
    /// The signature states no signing time; validity was checked at the present time (warning).
    SigningTimeMissing,
    /// The stated signing time is in the future (warning).
    SigningTimeInFuture,
}

impl Reason {
    /// Whether this finding leaves the signature valid (a warning) rather than invalid.
    pub fn is_warning(&self) -> bool {
        matches!(
            self,
            Self::CrlStale { .. }
                | Self::CrlMissing { .. }
                | Self::CrlUnverifiable { .. }
                | Self::SigningTimeMissing
                | Self::SigningTimeInFuture
        )
    }
}

fn date(at: &OffsetDateTime) -> String {
    at.format(format_description!("[day].[month].[year]"))
        .unwrap_or_default()
}

impl Localize for Reason {
    fn localized(&self) -> Localized {
        match self {
            Self::Malformed => Localized::new("sign-reason-malformed"),
            Self::GostUnsupported => Localized::new("sign-reason-gost-unsupported"),
            Self::UnsupportedAlgorithm => Localized::new("sign-reason-unsupported-algorithm"),
            Self::SignerCertificateMissing => {
                Localized::new("sign-reason-signer-certificate-missing")
            }
            Self::SignedAttributesMissing => {
                Localized::new("sign-reason-signed-attributes-missing")
            }
            Self::ContentTypeWrong => Localized::new("sign-reason-content-type-wrong"),
            Self::ContentDigestMismatch => Localized::new("sign-reason-content-digest-mismatch"),
            Self::SignatureMismatch => Localized::new("sign-reason-signature-mismatch"),
            Self::SigningCertificateMismatch => {
                Localized::new("sign-reason-signing-certificate-mismatch")
            }
            Self::AttachmentMismatch { slot } => {
                Localized::new("sign-reason-attachment-mismatch").arg("slot", slot)
            }
            Self::AttachmentNotSigned { slot } => {
                Localized::new("sign-reason-attachment-not-signed").arg("slot", slot)
            }
            Self::ChainIncomplete => Localized::new("sign-reason-chain-incomplete"),
            Self::ChainUntrusted => Localized::new("sign-reason-chain-untrusted"),
            Self::ChainSignatureInvalid => Localized::new("sign-reason-chain-signature-invalid"),
            Self::IssuerNotCa => Localized::new("sign-reason-issuer-not-ca"),
            Self::Expired { not_after } => {
                Localized::new("sign-reason-expired").arg("date", date(not_after))
            }
            Self::NotYetValid { not_before } => {
                Localized::new("sign-reason-not-yet-valid").arg("date", date(not_before))
            }
            Self::IssuerOutsideValidity => Localized::new("sign-reason-issuer-outside-validity"),
            Self::Revoked { revoked_at } => {
                Localized::new("sign-reason-revoked").arg("date", date(revoked_at))
            }
            Self::NoIin => Localized::new("sign-reason-no-iin"),
            Self::IinMismatch => Localized::new("sign-reason-iin-mismatch"),
            Self::CrlStale {
                issuer,
                next_update,
            } => Localized::new("sign-reason-crl-stale")
                .arg("issuer", issuer)
                .arg("date", date(next_update)),
            Self::CrlMissing { issuer } => {
                Localized::new("sign-reason-crl-missing").arg("issuer", issuer)
            }
            Self::CrlUnverifiable { issuer } => {
                Localized::new("sign-reason-crl-unverifiable").arg("issuer", issuer)
            }
            Self::SigningTimeMissing => Localized::new("sign-reason-signing-time-missing"),
            Self::SigningTimeInFuture => Localized::new("sign-reason-signing-time-in-future"),
        }
    }
}
