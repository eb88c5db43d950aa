//! Shared by the integration tests: one test PKI per test binary and a canonical request.

#![allow(dead_code, missing_docs, clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use tereze_core::canonical::{AttachmentDigest, SignedRequest};
use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::Iin;
use tereze_sign::testpki::fixture::{Fixture, OPERATOR_IIN};
use time::OffsetDateTime;
use time::macros::datetime;

/// The moment every test lives at.
pub const NOW: OffsetDateTime = datetime!(2026-03-02 09:30 UTC);

pub fn pki() -> &'static Fixture {
    static PKI: OnceLock<Fixture> = OnceLock::new();
    PKI.get_or_init(|| Fixture::build(NOW).expect("test PKI builds"))
}

pub fn operator_iin() -> Iin {
    Iin::parse(OPERATOR_IIN).unwrap()
}

/// A scan's bytes and the digest the request records for it.
pub struct Scan {
    pub slot: String,
    pub bytes: Vec<u8>,
    pub digest: AttachmentDigest,
}

pub fn scan(slot: &str, bytes: Vec<u8>) -> Scan {
    use sha2::Digest;
    let sha256 = hex::encode(sha2::Sha256::digest(&bytes));
    Scan {
        slot: slot.into(),
        digest: AttachmentDigest {
            slot: slot.into(),
            sha256,
        },
        bytes,
    }
}

/// The canonical bytes of a preschool-queue request with `scans`.
pub fn request_bytes(scans: &[Scan]) -> Vec<u8> {
    let mut fields = FieldValues::new();
    fields.insert("child-iin".into(), "230517600123".into());
    fields.insert("child-last-name".into(), "Нұрланқызы".into());
    let digests: Vec<AttachmentDigest> = scans.iter().map(|s| s.digest.clone()).collect();
    SignedRequest {
        id: uuid::Uuid::from_u128(0x0190_0000_0000_7000_8000_0000_0000_0001),
        version: 1,
        service_id: "preschool-queue",
        profile: "default",
        channel: Channel::Office,
        operator_iin: operator_iin(),
        fields: &fields,
        attachments: &digests,
    }
    .bytes()
}
