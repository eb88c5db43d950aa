//! The counter flow's records as they travel: the ЭЦП signatures put on a request and on its
//! output document, the decision, the document handed out and the anonymous quality survey.
//!
//! Each is a new entity of version 1 made on the workstation (a UUID v7): it happens once and is
//! never edited. The server checks and keeps them, and sends the first three back with the
//! request's history so every workstation of the office sees who signed and decided what.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

/// A verified ЭЦП signature kept with a request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignatureRecord {
    /// The signature's UUID (v7).
    pub id: Uuid,
    /// Always 1: a signature is made once.
    pub version: i64,
    /// The request signed.
    pub request_id: Uuid,
    /// The request's version the signed bytes were made from.
    pub request_version: i64,
    /// `request` (the canonical request bytes) or `result` (the output document).
    pub kind: String,
    /// The detached CMS SignedData, DER, as lower-case hex.
    #[serde(with = "hex_bytes")]
    pub cms: Vec<u8>,
    /// SHA-256 (hex) of the bytes signed.
    pub content_sha256: String,
    /// For a result signature, the output document's content hash: the signed bytes are this
    /// text, so `content_sha256` is its SHA-256.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_sha256: Option<String>,
    /// For a result signature, which output document it signs (`registration-talon`,
    /// `referral`, …); absent from workstations that predate it (the decision's document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// For a request signature, the attachments whose hashes the signed bytes include.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<Uuid>,
    /// The certificate's subject, as printed in a document's signature block.
    pub signer_subject: String,
    /// The IIN in the certificate.
    pub signer_iin: String,
    /// The certificate's serial number.
    pub serial: String,
    /// The signing time the signature states, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub signed_at: OffsetDateTime,
    /// The workstation's verifier found warnings (a stale revocation list, …) but no failure.
    pub with_warnings: bool,
    /// The operator who signed.
    pub by: Uuid,
}

/// A request's decision: which outcome document, and for a refusal its ground.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionRecord {
    /// The decision's UUID (v7).
    pub id: Uuid,
    /// Always 1.
    pub version: i64,
    /// The request decided.
    pub request_id: Uuid,
    /// The regulation's outcome document id (`registration-talon`, `refusal`, …).
    pub outcome_id: String,
    /// A refusal's ground id; `Some` makes the decision a motivated refusal.
    pub ground_id: Option<String>,
    /// The operator who decided.
    pub by: Uuid,
    /// When, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub decided_at: OffsetDateTime,
}

/// An output document handed to the applicant (or handed again, reprinted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocumentRecord {
    /// The UUID (v7).
    pub id: Uuid,
    /// Always 1.
    pub version: i64,
    /// The request.
    pub request_id: Uuid,
    /// Which document (the regulation's outcome id).
    pub document: String,
    /// The document's content hash, the one its result signature covers.
    pub content_sha256: String,
    /// The operator who handed it out.
    pub by: Uuid,
    /// When, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
}

/// The quality survey answered at issue: anonymous, it names the office, never the request or
/// the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRecord {
    /// The answer's UUID (v7).
    pub id: Uuid,
    /// Always 1.
    pub version: i64,
    /// The office where it was answered.
    pub office_id: String,
    /// Quality of the process and result: 1 not satisfied, 2 partially, 3 satisfied.
    pub process: u8,
    /// Quality of the information about the procedure, on the same scale.
    pub information: u8,
    /// The operator who recorded the answers.
    pub by: Uuid,
    /// When, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub answered_at: OffsetDateTime,
}

/// Bytes as lower-case hex text, so JSON carries a CMS compactly enough and readably.
mod hex_bytes {
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    const DIGITS: &[u8; 16] = b"0123456789abcdef";

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        let mut out = String::with_capacity(bytes.len() * 2);
        for b in bytes {
            out.push(char::from(DIGITS[usize::from(b >> 4)]));
            out.push(char::from(DIGITS[usize::from(b & 0x0f)]));
        }
        s.serialize_str(&out)
    }

    fn nibble(c: u8) -> Option<u8> {
        match c {
            b'0'..=b'9' => Some(c - b'0'),
            b'a'..=b'f' => Some(c - b'a' + 10),
            b'A'..=b'F' => Some(c - b'A' + 10),
            _ => None,
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        let raw = text.as_bytes();
        if raw.len() % 2 != 0 {
            return Err(D::Error::custom("odd number of hex digits"));
        }
        raw.chunks(2)
            .map(|pair| match (nibble(pair[0]), nibble(pair[1])) {
                (Some(hi), Some(lo)) => Ok(hi << 4 | lo),
                _ => Err(D::Error::custom("not a hex digit")),
            })
            .collect()
    }
}
