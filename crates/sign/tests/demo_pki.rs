//! The committed demo PKI works, and is trusted only in demo mode.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use tereze_core::iin::Iin;
use tereze_sign::{
    CrlCache, Pkcs12Signer, Reason, Signer, Status, TrustStore, VerifyContext, verify,
};
use time::Duration;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn demo_keys_sign_and_verify_in_demo_mode_only() {
    let pki = repo().join("assets/demo/pki");
    let production = repo().join("assets/pki/trust");
    for (file, iin, name) in [
        ("executor.p12", "900412442007", "Сапарова Әйгерім"),
        ("head.p12", "790925317006", "Бекмұратов Ерлан"),
    ] {
        let bytes = std::fs::read(pki.join(file)).unwrap();
        let signer = Pkcs12Signer::open(&bytes, "demo-sign-2026").unwrap();
        let iin = Iin::parse(iin).unwrap();
        assert_eq!(signer.certificate().iin, Some(iin));
        assert_eq!(signer.certificate().subject_name, name);
        let at = signer.certificate().not_before + Duration::days(2);
        let cms = signer.sign(b"demo request", at).unwrap();
        let mut crls = CrlCache::new();
        crls.add_der(&std::fs::read(pki.join("demo-root.crl")).unwrap())
            .unwrap();
        let check = |trust: &TrustStore| {
            verify(
                &cms,
                b"demo request",
                &VerifyContext {
                    trust,
                    crls: &crls,
                    expected_iin: &iin,
                    attachments: &[],
                    now: at,
                },
            )
        };
        let demo = TrustStore::for_mode(&production, Some(&pki.join("trust"))).unwrap();
        let verdict = check(&demo);
        assert_eq!(
            verdict.status,
            Status::Valid,
            "{file}: {:?}",
            verdict.reasons
        );
        let normal = TrustStore::for_mode(&production, None).unwrap();
        assert_eq!(check(&normal).reasons, vec![Reason::ChainIncomplete]);
    }
}
