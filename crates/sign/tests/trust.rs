//! Loading the trust store from a folder of DER and PEM certificates.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/fixture.rs"]
mod support;

use base64::Engine as _;
use support::{NOW, operator_iin, pki, request_bytes};
use tereze_core::i18n::Localize;
use tereze_sign::testpki::fixture::PASSWORD;
use tereze_sign::{Pkcs12Signer, Signer, Status, TrustError, TrustStore, VerifyContext, verify};

fn pem(der: &[u8]) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = b64
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        lines.join("\n")
    )
}

#[test]
fn a_folder_of_pem_and_der_certificates_is_a_trust_store() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("root.pem"), pem(&pki().root.cert_der)).unwrap();
    std::fs::write(
        dir.path().join("operator-ca.cer"),
        &pki().intermediate.cert_der,
    )
    .unwrap();
    std::fs::write(dir.path().join("README.md"), "not a certificate").unwrap();
    let trust = TrustStore::from_dir(dir.path()).unwrap();
    assert!(!trust.is_empty());

    // The key file lacks the intermediate; the trust store supplies it.
    let content = request_bytes(&[]);
    let p12 = pki().valid.p12(PASSWORD, &[]).unwrap();
    let cms = Pkcs12Signer::open(&p12, PASSWORD)
        .unwrap()
        .sign(&content, NOW)
        .unwrap();
    let verdict = verify(
        &cms,
        &content,
        &VerifyContext {
            trust: &trust,
            crls: &pki().crls(),
            expected_iin: &operator_iin(),
            attachments: &[],
            now: NOW,
        },
    );
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);
}

#[test]
fn a_broken_certificate_file_or_folder_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("broken.crt"), b"garbage").unwrap();
    let error = TrustStore::from_dir(dir.path()).unwrap_err();
    assert!(matches!(error, TrustError::BadCertificate(ref p) if p.ends_with("broken.crt")));
    assert_eq!(error.localized().key, "sign-trust-bad-certificate");

    let missing = TrustStore::from_dir(&dir.path().join("absent")).unwrap_err();
    assert!(matches!(missing, TrustError::Unreadable(_)));
}

#[test]
fn a_damaged_crl_is_refused() {
    let mut crls = tereze_sign::CrlCache::new();
    let mut crl = pki().crl.clone();
    crl.truncate(crl.len() / 2);
    assert_eq!(crls.add_der(&crl).unwrap_err(), TrustError::BadCrl);
}
