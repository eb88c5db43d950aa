//! Opening key files: НУЦ-style files, BER with indefinite lengths, OpenSSL's legacy and current
//! files, and the errors an operator must be able to tell apart.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/fixture.rs"]
mod support;

use std::path::Path;
use std::process::Command;

use support::{NOW, operator_iin, pki};
use tereze_core::i18n::Localize;
use tereze_sign::testpki::fixture::{BIN, PASSWORD, serial};
use tereze_sign::testpki::{ber, pfx};
use tereze_sign::{CertificateInfo, KeyAlgorithm, Pkcs12Signer, SignError, Signer};
use time::Duration;

fn openssl(args: &[&str], dir: &Path) {
    let output = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("openssl is needed (Debian package `openssl`, scripts/setup-debian --test): {e}")
        });
    assert!(
        output.status.success(),
        "openssl {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The valid operator's key and certificates as PEM files in `dir`.
fn write_pem_files(dir: &Path) {
    std::fs::write(dir.join("key.der"), &pki().valid.key_pkcs8).unwrap();
    std::fs::write(dir.join("cert.der"), &pki().valid.cert_der).unwrap();
    std::fs::write(dir.join("inter.der"), &pki().intermediate.cert_der).unwrap();
    openssl(
        &[
            "pkey", "-inform", "DER", "-in", "key.der", "-out", "key.pem",
        ],
        dir,
    );
    openssl(
        &[
            "x509", "-inform", "DER", "-in", "cert.der", "-out", "cert.pem",
        ],
        dir,
    );
    openssl(
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            "inter.der",
            "-out",
            "inter.pem",
        ],
        dir,
    );
}

#[test]
fn a_key_file_shows_who_it_belongs_to() {
    let signer = Pkcs12Signer::open(&pki().p12(&pki().valid).unwrap(), PASSWORD).unwrap();
    let cert = signer.certificate();
    assert_eq!(cert.subject_name, "СЕЙТКАЛИ АЙГЕРИМ");
    assert_eq!(cert.iin, Some(operator_iin()));
    assert_eq!(cert.bin.as_deref(), Some(BIN));
    assert_eq!(cert.organisation.as_deref(), Some("ГУ «Отдел образования»"));
    assert_eq!(cert.issuer_name, "Tereze Test Operator CA");
    assert_eq!(cert.serial, format!("{:04x}", serial::VALID));
    assert_eq!(cert.not_before, NOW - Duration::days(365));
    assert_eq!(cert.not_after, NOW + Duration::days(365));
    let usage = cert.key_usage.unwrap();
    assert!(usage.digital_signature && usage.non_repudiation);
    assert_eq!(cert.key_algorithm, KeyAlgorithm::Rsa);
    assert!(cert.subject.contains("SERIALNUMBER=IIN900412442007"));
    assert_eq!(signer.chain().len(), 1);
}

#[test]
fn a_wrong_password_is_told_from_a_damaged_file() {
    let p12 = pki().p12(&pki().valid).unwrap();
    let wrong = Pkcs12Signer::open(&p12, "Test-pki-2025").unwrap_err();
    assert_eq!(wrong, SignError::WrongPassword);
    assert_eq!(wrong.localized().key, "sign-wrong-password");

    let truncated = Pkcs12Signer::open(&p12[..p12.len() / 2], PASSWORD).unwrap_err();
    assert!(
        matches!(truncated, SignError::CorruptFile(_)),
        "{truncated:?}"
    );
    assert_eq!(truncated.localized().key, "sign-corrupt-file");
    let not_a_key = Pkcs12Signer::open(b"%PDF-1.7 definitely not a key", PASSWORD).unwrap_err();
    assert!(matches!(not_a_key, SignError::CorruptFile(_)));
}

#[test]
fn a_ber_file_with_indefinite_lengths_opens() {
    let der = pki().p12(&pki().valid).unwrap();
    let ber = ber::indefinite(&der, 500).unwrap();
    assert_ne!(ber, der);
    assert!(
        ber.windows(2).any(|w| w == [0x30, 0x80]),
        "no indefinite length"
    );
    let signer = Pkcs12Signer::open(&ber, PASSWORD).unwrap();
    assert_eq!(signer.certificate().iin, Some(operator_iin()));
    assert_eq!(
        Pkcs12Signer::open(&ber, "wrong").unwrap_err(),
        SignError::WrongPassword
    );
}

#[test]
fn an_openssl_legacy_file_with_3des_and_rc2_bags_opens() {
    let dir = tempfile::tempdir().unwrap();
    write_pem_files(dir.path());
    openssl(
        &[
            "pkcs12",
            "-export",
            "-legacy",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-certfile",
            "inter.pem",
            "-passout",
            "pass:Legacy-2026",
            "-out",
            "legacy.p12",
        ],
        dir.path(),
    );
    let bytes = std::fs::read(dir.path().join("legacy.p12")).unwrap();
    let signer = Pkcs12Signer::open(&bytes, "Legacy-2026").unwrap();
    assert_eq!(signer.certificate().iin, Some(operator_iin()));
    assert_eq!(signer.chain().len(), 1);
    assert_eq!(
        Pkcs12Signer::open(&bytes, "legacy-2026").unwrap_err(),
        SignError::WrongPassword
    );
}

#[test]
fn a_current_openssl_file_with_aes_opens() {
    let dir = tempfile::tempdir().unwrap();
    write_pem_files(dir.path());
    openssl(
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "key.pem",
            "-in",
            "cert.pem",
            "-passout",
            "pass:Модерн-2026",
            "-out",
            "modern.p12",
        ],
        dir.path(),
    );
    let bytes = std::fs::read(dir.path().join("modern.p12")).unwrap();
    let signer = Pkcs12Signer::open(&bytes, "Модерн-2026").unwrap();
    assert_eq!(signer.certificate().iin, Some(operator_iin()));
    assert_eq!(
        Pkcs12Signer::open(&bytes, "Модерн-2025").unwrap_err(),
        SignError::WrongPassword
    );
}

#[test]
fn a_file_without_a_key_says_so() {
    let dir = tempfile::tempdir().unwrap();
    write_pem_files(dir.path());
    openssl(
        &[
            "pkcs12",
            "-export",
            "-nokeys",
            "-in",
            "cert.pem",
            "-passout",
            "pass:NoKey-2026",
            "-out",
            "nokey.p12",
        ],
        dir.path(),
    );
    let bytes = std::fs::read(dir.path().join("nokey.p12")).unwrap();
    assert_eq!(
        Pkcs12Signer::open(&bytes, "NoKey-2026").unwrap_err(),
        SignError::NoPrivateKey
    );
}

#[test]
fn a_gost_key_is_refused_with_a_pointer_to_ncalayer() {
    let gost_cert = pfx::gost_certificate(&pki().valid.cert_der).unwrap();
    let info = CertificateInfo::from_der(&gost_cert).unwrap();
    assert_eq!(info.key_algorithm, KeyAlgorithm::Gost);
    assert_eq!(info.iin, Some(operator_iin()));

    let key = pfx::gost_private_key().unwrap();
    let p12 = pfx::export(&key, &[&gost_cert], PASSWORD).unwrap();
    let error = Pkcs12Signer::open(&p12, PASSWORD).unwrap_err();
    assert_eq!(error, SignError::GostKey);
    assert_eq!(error.localized().key, "sign-gost-key");
}

#[test]
fn an_authentication_key_is_refused_for_signing() {
    let p12 = pki().p12(&pki().authentication).unwrap();
    let error = Pkcs12Signer::open(&p12, PASSWORD).unwrap_err();
    assert_eq!(error, SignError::AuthenticationKey);
}

#[test]
fn the_same_request_signed_twice_at_the_same_time_gives_the_same_bytes() {
    let signer = Pkcs12Signer::open(&pki().p12(&pki().valid).unwrap(), PASSWORD).unwrap();
    let a = signer.sign(b"request", NOW).unwrap();
    let b = signer.sign(b"request", NOW).unwrap();
    let c = signer.sign(b"request", NOW + Duration::seconds(1)).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}
