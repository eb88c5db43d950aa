//! Verifying a signature: the same code on the workstation and on the server.
//!
//! A signature is valid when it is a well-formed CMS SignedData whose signer certificate chains
//! to the trust store, was valid at the signing time, is not revoked, carries the IIN of the
//! operator recorded on the request, and whose signature and messageDigest match the canonical
//! bytes; every attachment given must match its recorded SHA-256 and be among those the signed
//! bytes list. ExtendedKeyUsage is not required (government CA certificates lack it).
//!
//! CAdES-BES carries no trusted time, so a revoked certificate makes the signature invalid
//! whatever signing time it states: a thief of the key could state any time.

pub mod chain;
pub mod crypto;
pub mod reason;

pub use reason::Reason;

use der::Encode;
use sha2::{Digest, Sha256};
use tereze_core::canonical::AttachmentDigest;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::iin::Iin;
use time::{Duration, OffsetDateTime};

use crate::certificate::{CertificateInfo, KeyAlgorithm};
use crate::cms::attributes::{self, SigningCertificateV2};
use crate::cms::parse;
use crate::oids;
use crate::trust::{CrlCache, TrustStore};
use crypto::CryptoError;

/// How far in the future a stated signing time may be (clock skew) before it is flagged.
const CLOCK_SKEW: Duration = Duration::minutes(5);

/// Everything the verifier checks a signature against.
#[derive(Debug, Clone, Copy)]
pub struct VerifyContext<'a> {
    /// Trusted roots (and intermediates).
    pub trust: &'a TrustStore,
    /// Revocation lists the caller has.
    pub crls: &'a CrlCache,
    /// The IIN of the operator recorded on the request as its signer.
    pub expected_iin: &'a Iin,
    /// Each attachment as recorded on the request, with the bytes on hand.
    pub attachments: &'a [(&'a AttachmentDigest, &'a [u8])],
    /// The present time (CRL freshness, future signing times). Nothing here reads the clock.
    pub now: OffsetDateTime,
}

/// The overall outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Every check passed.
    Valid,
    /// Every check passed, with warnings the operator should see (stale or missing CRL, …).
    ValidWithWarnings,
    /// At least one check failed.
    Invalid,
}

impl Localize for Status {
    fn localized(&self) -> Localized {
        match self {
            Self::Valid => Localized::new("sign-verdict-valid"),
            Self::ValidWithWarnings => Localized::new("sign-verdict-valid-with-warnings"),
            Self::Invalid => Localized::new("sign-verdict-invalid"),
        }
    }
}

/// The verifier's answer: a status, the reasons behind it, and who signed when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Valid, valid with warnings, or invalid.
    pub status: Status,
    /// Every finding, failures and warnings alike.
    pub reasons: Vec<Reason>,
    /// The signer's certificate, when the signature names one.
    pub signer: Option<CertificateInfo>,
    /// The signing time the signature states.
    pub signing_time: Option<OffsetDateTime>,
}

impl Verdict {
    fn from_reasons(
        reasons: Vec<Reason>,
        signer: Option<CertificateInfo>,
        signing_time: Option<OffsetDateTime>,
    ) -> Self {
        let status = if reasons.iter().any(|r| !r.is_warning()) {
            Status::Invalid
        } else if reasons.is_empty() {
            Status::Valid
        } else {
            Status::ValidWithWarnings
        };
        Self {
            status,
            reasons,
            signer,
            signing_time,
        }
    }

    /// Whether the signature may be relied on (valid, with or without warnings).
    pub fn is_valid(&self) -> bool {
        self.status != Status::Invalid
    }
}

impl Localize for Verdict {
    fn localized(&self) -> Localized {
        self.status.localized()
    }
}

fn invalid(reason: Reason, signer: Option<CertificateInfo>) -> Verdict {
    Verdict::from_reasons(vec![reason], signer, None)
}

/// Verifies a detached CMS signature `cms_der` over `content` (the canonical request bytes).
pub fn verify(cms_der: &[u8], content: &[u8], ctx: &VerifyContext<'_>) -> Verdict {
    let Some(parsed) = parse::parse(cms_der) else {
        return invalid(Reason::Malformed, None);
    };
    let Some(cert) = parse::signer_certificate(&parsed.signer, &parsed.certificates) else {
        return invalid(Reason::SignerCertificateMissing, None);
    };
    let Ok(info) = crate::certificate::CertificateInfo::from_certificate(cert) else {
        return invalid(Reason::Malformed, None);
    };
    if info.key_algorithm == KeyAlgorithm::Gost {
        return invalid(Reason::GostUnsupported, Some(info));
    }
    let signer = &parsed.signer;
    let Some(signed_attrs) = &signer.signed_attrs else {
        return invalid(Reason::SignedAttributesMissing, Some(info));
    };
    let mut reasons = Vec::new();

    // The content and the signature.
    let content_type = attributes::single_value(signed_attrs, oids::ATTR_CONTENT_TYPE)
        .and_then(|v| v.decode_as::<der::oid::ObjectIdentifier>().ok());
    if content_type != Some(oids::DATA) {
        reasons.push(Reason::ContentTypeWrong);
    }
    let Some(digest) = crypto::digest(signer.digest_alg.oid, content) else {
        return invalid(Reason::UnsupportedAlgorithm, Some(info));
    };
    let message_digest = attributes::single_value(signed_attrs, oids::ATTR_MESSAGE_DIGEST)
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok());
    let embedded_differs = parsed
        .embedded_content
        .as_ref()
        .is_some_and(|embedded| embedded != content);
    if message_digest.as_ref().map(|d| d.as_bytes()) != Some(digest.as_slice()) || embedded_differs
    {
        reasons.push(Reason::ContentDigestMismatch);
    }
    let signed_bytes = match (&parsed.signed_attrs_raw, signed_attrs.to_der()) {
        (Some(raw), _) => raw.clone(),
        (None, Ok(der)) => der,
        (None, Err(_)) => return invalid(Reason::Malformed, Some(info)),
    };
    match crypto::verify(
        &cert.tbs_certificate.subject_public_key_info,
        signer.signature_algorithm.oid,
        Some(signer.digest_alg.oid),
        &signed_bytes,
        signer.signature.as_bytes(),
    ) {
        Ok(()) => {}
        Err(CryptoError::Mismatch) => reasons.push(Reason::SignatureMismatch),
        Err(CryptoError::Gost) => return invalid(Reason::GostUnsupported, Some(info)),
        Err(CryptoError::Unsupported) => return invalid(Reason::UnsupportedAlgorithm, Some(info)),
    }
    if let Some(value) = attributes::single_value(signed_attrs, oids::ATTR_SIGNING_CERTIFICATE_V2) {
        let names_this_cert = value
            .decode_as::<SigningCertificateV2>()
            .ok()
            .and_then(|sc| sc.certs.into_iter().next())
            .is_some_and(|id| {
                let alg = id.hash_algorithm.map_or(oids::SHA256, |a| a.oid);
                crypto::digest(alg, &info.der).as_deref() == Some(id.cert_hash.as_bytes())
            });
        if !names_this_cert {
            reasons.push(Reason::SigningCertificateMismatch);
        }
    }

    // When it was signed.
    let signing_time = attributes::single_value(signed_attrs, oids::ATTR_SIGNING_TIME)
        .and_then(attributes::read_time);
    let at = match signing_time {
        Some(t) => {
            if t > ctx.now + CLOCK_SKEW {
                reasons.push(Reason::SigningTimeInFuture);
            }
            t
        }
        None => {
            reasons.push(Reason::SigningTimeMissing);
            ctx.now
        }
    };

    // Who signed, and whether their certificate holds.
    if let Some(chain) = chain::build(cert, &parsed.certificates, ctx.trust, &mut reasons) {
        chain::check_validity(&chain, at, &mut reasons);
        chain::check_revocation(&chain, ctx.crls, ctx.now, &mut reasons);
    } else {
        chain::check_validity(std::slice::from_ref(cert), at, &mut reasons);
    }
    match info.iin {
        None => reasons.push(Reason::NoIin),
        Some(iin) if iin != *ctx.expected_iin => reasons.push(Reason::IinMismatch),
        Some(_) => {}
    }

    // The scans.
    let signed_scans = signed_attachments(content);
    for (recorded, bytes) in ctx.attachments {
        let actual = hex::encode(Sha256::digest(bytes));
        if !actual.eq_ignore_ascii_case(&recorded.sha256) {
            reasons.push(Reason::AttachmentMismatch {
                slot: recorded.slot.clone(),
            });
        }
        if let Some(list) = &signed_scans {
            let listed = list
                .iter()
                .any(|(slot, sha)| *slot == recorded.slot && sha.eq_ignore_ascii_case(&actual));
            if !listed
                && !reasons.iter().any(
                    |r| matches!(r, Reason::AttachmentMismatch { slot } if *slot == recorded.slot),
                )
            {
                reasons.push(Reason::AttachmentNotSigned {
                    slot: recorded.slot.clone(),
                });
            }
        }
    }
    Verdict::from_reasons(reasons, Some(info), signing_time)
}

/// The `(slot, sha256)` list of a canonical request, when `content` is one.
fn signed_attachments(content: &[u8]) -> Option<Vec<(String, String)>> {
    let value: serde_json::Value = serde_json::from_slice(content).ok()?;
    let list = value.get("attachments")?.as_array()?;
    Some(
        list.iter()
            .filter_map(|a| {
                Some((
                    a.get("slot")?.as_str()?.to_owned(),
                    a.get("sha256")?.as_str()?.to_owned(),
                ))
            })
            .collect(),
    )
}
