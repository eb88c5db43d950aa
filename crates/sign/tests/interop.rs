//! Interoperability with the reference implementation: signatures Tereze makes verify with
//! `openssl cms -verify`, and signatures `openssl cms -sign` makes verify with Tereze.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;
use std::process::{Command, Output};

use tereze_core::iin::Iin;
use tereze_sign::testpki::fixture::{Fixture, OPERATOR_IIN, PASSWORD};
use tereze_sign::{Pkcs12Signer, Reason, Signer, Status, VerifyContext, verify};
use time::OffsetDateTime;

fn openssl(args: &[&str], dir: &Path) -> Output {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!("openssl is needed (Debian package `openssl`, scripts/setup-debian --test): {e}")
        })
}

fn ok(output: Output) {
    assert!(
        output.status.success(),
        "openssl failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn pem(dir: &Path, name: &str, der: &[u8]) {
    std::fs::write(dir.join(format!("{name}.der")), der).unwrap();
    ok(openssl(
        &[
            "x509",
            "-inform",
            "DER",
            "-in",
            &format!("{name}.der"),
            "-out",
            &format!("{name}.pem"),
        ],
        dir,
    ));
}

/// openssl checks certificates against the wall clock, so this PKI is built around it.
fn pki_now() -> (Fixture, OffsetDateTime) {
    let now = OffsetDateTime::now_utc().replace_nanosecond(0).unwrap();
    (Fixture::build(now).unwrap(), now)
}

#[test]
fn a_tereze_signature_verifies_with_openssl_cms() {
    let (pki, now) = pki_now();
    let dir = tempfile::tempdir().unwrap();
    let content =
        "{\"format\":\"tereze-request-1\",\"fields\":{\"child-last-name\":\"Нұрланқызы\"}}";
    let signer = Pkcs12Signer::open(&pki.p12(&pki.valid).unwrap(), PASSWORD).unwrap();
    let cms = signer.sign(content.as_bytes(), now).unwrap();
    std::fs::write(dir.path().join("content.bin"), content).unwrap();
    std::fs::write(dir.path().join("sig.der"), &cms).unwrap();
    pem(dir.path(), "root", &pki.root.cert_der);
    ok(openssl(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "sig.der",
            "-content",
            "content.bin",
            "-CAfile",
            "root.pem",
            "-out",
            "/dev/null",
        ],
        dir.path(),
    ));
    // And openssl refuses it for other content, so the check above means something.
    std::fs::write(dir.path().join("other.bin"), "{}").unwrap();
    let refused = openssl(
        &[
            "cms",
            "-verify",
            "-binary",
            "-inform",
            "DER",
            "-in",
            "sig.der",
            "-content",
            "other.bin",
            "-CAfile",
            "root.pem",
            "-out",
            "/dev/null",
        ],
        dir.path(),
    );
    assert!(!refused.status.success());
    // openssl reads our CAdES attributes too.
    let printed = openssl(
        &[
            "cms", "-cmsout", "-print", "-inform", "DER", "-in", "sig.der",
        ],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&printed.stdout);
    assert!(text.contains("id-smime-aa-signingCertificateV2"), "{text}");
    assert!(text.contains("signingTime"), "{text}");
}

#[test]
fn an_openssl_signature_verifies_with_tereze() {
    let (pki, now) = pki_now();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("key.der"), &pki.valid.key_pkcs8).unwrap();
    ok(openssl(
        &[
            "pkey", "-inform", "DER", "-in", "key.der", "-out", "key.pem",
        ],
        dir.path(),
    ));
    pem(dir.path(), "cert", &pki.valid.cert_der);
    pem(dir.path(), "inter", &pki.intermediate.cert_der);
    let content = b"canonical request bytes \xd2\x9b";
    std::fs::write(dir.path().join("content.bin"), content).unwrap();
    ok(openssl(
        &[
            "cms",
            "-sign",
            "-binary",
            "-in",
            "content.bin",
            "-signer",
            "cert.pem",
            "-inkey",
            "key.pem",
            "-certfile",
            "inter.pem",
            "-md",
            "sha256",
            "-outform",
            "DER",
            "-out",
            "sig.der",
        ],
        dir.path(),
    ));
    let cms = std::fs::read(dir.path().join("sig.der")).unwrap();
    let iin = Iin::parse(OPERATOR_IIN).unwrap();
    let check = |content: &[u8]| {
        verify(
            &cms,
            content,
            &VerifyContext {
                trust: &pki.trust(),
                crls: &pki.crls(),
                expected_iin: &iin,
                attachments: &[],
                // openssl stamps its own clock; allow it to be a little ahead of ours.
                now: OffsetDateTime::now_utc() + time::Duration::minutes(1),
            },
        )
    };
    let verdict = check(content);
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);
    assert!(verdict.signing_time.unwrap() >= now - time::Duration::minutes(1));
    let verdict = check(b"other bytes");
    assert_eq!(verdict.reasons, vec![Reason::ContentDigestMismatch]);
}
