//! Signing and verifying a request with three 2 MB scans: hash the scans, build the canonical
//! bytes, sign them (PKCS#12 backend), then verify everything as the server does.
//! Target: median ≤ 50 ms in release.
//!
//! `cargo bench -p tereze-sign --bench sign_verify`

#![allow(missing_docs, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use criterion::{Criterion, criterion_group, criterion_main};
use sha2::{Digest, Sha256};
use tereze_core::canonical::{AttachmentDigest, SignedRequest};
use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::Iin;
use tereze_sign::testpki::fixture::{Fixture, OPERATOR_IIN, PASSWORD};
use tereze_sign::{Pkcs12Signer, Signer, Status, VerifyContext, verify};
use time::macros::datetime;

fn bench(c: &mut Criterion) {
    let now = datetime!(2026-03-02 09:30 UTC);
    let pki = Fixture::build(now).unwrap();
    let signer = Pkcs12Signer::open(&pki.p12(&pki.valid).unwrap(), PASSWORD).unwrap();
    let trust = pki.trust();
    let crls = pki.crls();
    let iin = Iin::parse(OPERATOR_IIN).unwrap();
    let scans: Vec<(String, Vec<u8>)> = (0..3u8)
        .map(|i| {
            let bytes: Vec<u8> = (0..2 * 1024 * 1024u32)
                .map(|n| (n.wrapping_mul(2_654_435_761) >> 13) as u8 ^ i)
                .collect();
            (format!("scan-{i}"), bytes)
        })
        .collect();
    let mut fields = FieldValues::new();
    fields.insert("child-last-name".into(), "Нұрланқызы".into());
    fields.insert("child-iin".into(), "230517600123".into());

    c.bench_function("sign + verify, 3 × 2 MB scans", |b| {
        b.iter(|| {
            let digests: Vec<AttachmentDigest> = scans
                .iter()
                .map(|(slot, bytes)| AttachmentDigest {
                    slot: slot.clone(),
                    sha256: hex::encode(Sha256::digest(bytes)),
                })
                .collect();
            let content = SignedRequest {
                id: uuid::Uuid::from_u128(7),
                version: 1,
                service_id: "preschool-queue",
                profile: "default",
                channel: Channel::Office,
                operator_iin: iin,
                fields: &fields,
                attachments: &digests,
            }
            .bytes();
            let cms = signer.sign(&content, now).unwrap();
            let pairs: Vec<(&AttachmentDigest, &[u8])> = digests
                .iter()
                .zip(&scans)
                .map(|(d, (_, bytes))| (d, bytes.as_slice()))
                .collect();
            let verdict = verify(
                &cms,
                &content,
                &VerifyContext {
                    trust: &trust,
                    crls: &crls,
                    expected_iin: &iin,
                    attachments: &pairs,
                    now,
                },
            );
            assert_eq!(verdict.status, Status::Valid);
        });
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = bench
}
criterion_main!(benches);
