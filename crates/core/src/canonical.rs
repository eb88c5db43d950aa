//! The canonical bytes of a request: what the executor's ЭЦП signs and what the server verifies.
//!
//! Both sides must produce exactly the same bytes from the same request, on any machine and in
//! any version, so the form is fixed here and pinned by a committed test-vector file
//! (`crates/core/tests/vectors/canonical-request.json`):
//!
//! - compact JSON (no white space), object keys in byte order, no floats: numbers are integers;
//! - every string in Unicode NFC; field values exactly as stored (the ФЛК already normalised them);
//! - the top-level keys are `format` (`"tereze-request-1"`), `id`, `version`, `service`,
//!   `profile`, `channel`, `operator_iin` (the executor who signs), `fields` (field id → value)
//!   and `attachments` (a list of `{ "sha256", "slot" }` sorted by slot, then hash): the content
//!   of each scan is bound through its SHA-256, so a changed scan breaks the signature.

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;
use uuid::Uuid;

use crate::channel::Channel;
use crate::form::FieldValues;
use crate::iin::Iin;

/// The format tag inside the signed bytes; a new layout gets a new tag, never a silent change.
pub const FORMAT: &str = "tereze-request-1";

/// A scan as the signature sees it: its slot and the SHA-256 of its content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct AttachmentDigest {
    /// The regulation's attachment slot.
    pub slot: String,
    /// SHA-256 of the content, lower-case hex.
    pub sha256: String,
}

/// Everything about a request that its signature covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRequest<'a> {
    /// The request's UUID.
    pub id: Uuid,
    /// The version being signed.
    pub version: i64,
    /// The service (regulation id).
    pub service_id: &'a str,
    /// The region profile.
    pub profile: &'a str,
    /// The channel it came through.
    pub channel: Channel,
    /// The executor who signs; verification compares it with the certificate's IIN.
    pub operator_iin: Iin,
    /// The form's values as stored.
    pub fields: &'a FieldValues,
    /// The attached scans.
    pub attachments: &'a [AttachmentDigest],
}

fn nfc(s: &str) -> Value {
    Value::String(s.nfc().collect())
}

impl SignedRequest<'_> {
    /// The canonical bytes.
    pub fn bytes(&self) -> Vec<u8> {
        let fields: Map<String, Value> = self
            .fields
            .iter()
            .map(|(k, v)| (k.nfc().collect(), nfc(v)))
            .collect();
        let mut attachments: Vec<(String, String)> = self
            .attachments
            .iter()
            .map(|a| (a.slot.nfc().collect(), a.sha256.to_ascii_lowercase()))
            .collect();
        attachments.sort();
        let attachments: Vec<Value> = attachments
            .into_iter()
            .map(|(slot, sha256)| {
                let mut m = Map::new();
                m.insert("sha256".into(), Value::String(sha256));
                m.insert("slot".into(), Value::String(slot));
                Value::Object(m)
            })
            .collect();
        let mut top = Map::new();
        top.insert("attachments".into(), Value::Array(attachments));
        top.insert("channel".into(), nfc(self.channel.as_str()));
        top.insert("fields".into(), Value::Object(fields));
        top.insert("format".into(), nfc(FORMAT));
        top.insert("id".into(), Value::String(self.id.to_string()));
        top.insert(
            "operator_iin".into(),
            Value::String(self.operator_iin.as_string()),
        );
        top.insert("profile".into(), nfc(self.profile));
        top.insert("service".into(), nfc(self.service_id));
        top.insert("version".into(), Value::from(self.version));
        // serde_json's map is ordered by key, so the output is the same wherever it is made.
        Value::Object(top).to_string().into_bytes()
    }

    /// SHA-256 of the canonical bytes.
    pub fn digest(&self) -> [u8; 32] {
        Sha256::digest(self.bytes()).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    fn iin() -> Iin {
        (0..100)
            .find_map(|s| Iin::compose(date!(1990 - 01 - 02), crate::iin::Sex::Male, s))
            .unwrap()
    }

    #[test]
    fn field_order_attachment_order_and_normalisation_do_not_change_the_bytes() {
        let mut a = FieldValues::new();
        a.insert("child-last-name".into(), "Ахмет\u{0439}".into()); // NFC й
        a.insert("applicant-iin".into(), "900102300017".into());
        let mut b = FieldValues::new();
        b.insert("applicant-iin".into(), "900102300017".into());
        b.insert("child-last-name".into(), "Ахмети\u{0306}".into()); // NFD и + breve
        let scans_a = [
            AttachmentDigest {
                slot: "b".into(),
                sha256: "AA".into(),
            },
            AttachmentDigest {
                slot: "a".into(),
                sha256: "bb".into(),
            },
        ];
        let scans_b = [scans_a[1].clone(), scans_a[0].clone()];
        let make = |fields, attachments| SignedRequest {
            id: Uuid::from_u128(1),
            version: 3,
            service_id: "preschool-queue",
            profile: "default",
            channel: Channel::Office,
            operator_iin: iin(),
            fields,
            attachments,
        };
        assert_eq!(make(&a, &scans_a).bytes(), make(&b, &scans_b).bytes());
    }

    #[test]
    fn any_change_of_content_changes_the_digest() {
        let fields = FieldValues::from([("applicant-iin".to_owned(), "1".to_owned())]);
        let scans = [AttachmentDigest {
            slot: "s".into(),
            sha256: "00".into(),
        }];
        let base = SignedRequest {
            id: Uuid::from_u128(1),
            version: 1,
            service_id: "preschool-queue",
            profile: "default",
            channel: Channel::Office,
            operator_iin: iin(),
            fields: &fields,
            attachments: &scans,
        };
        let other_fields = FieldValues::from([("applicant-iin".to_owned(), "2".to_owned())]);
        let other_scans = [AttachmentDigest {
            slot: "s".into(),
            sha256: "01".into(),
        }];
        let d = base.digest();
        assert_ne!(
            d,
            SignedRequest {
                version: 2,
                ..base.clone()
            }
            .digest()
        );
        assert_ne!(
            d,
            SignedRequest {
                fields: &other_fields,
                ..base.clone()
            }
            .digest()
        );
        assert_ne!(
            d,
            SignedRequest {
                attachments: &other_scans,
                ..base.clone()
            }
            .digest()
        );
        assert_ne!(
            d,
            SignedRequest {
                channel: Channel::Con,
                ..base.clone()
            }
            .digest()
        );
    }
}
