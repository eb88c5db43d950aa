//! The verifier's verdict for every case of the test PKI: what the workstation shows the
//! operator and what the server accepts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/fixture.rs"]
mod support;

use support::{NOW, operator_iin, pki, request_bytes, scan};
use tereze_core::i18n::Localize;
use tereze_core::iin::Iin;
use tereze_sign::testpki::fixture::{OTHER_IIN, PASSWORD};
use tereze_sign::testpki::{Ca, Operator, OperatorSpec, pfx};
use tereze_sign::{
    CrlCache, Pkcs12Signer, Reason, Signer, Status, TrustStore, VerifyContext, verify,
};
use time::Duration;

fn sign_with(operator: &Operator, content: &[u8]) -> Vec<u8> {
    let p12 = pki().p12(operator).unwrap();
    let signer = Pkcs12Signer::open(&p12, PASSWORD).unwrap();
    signer.sign(content, NOW - Duration::minutes(3)).unwrap()
}

fn check(cms: &[u8], content: &[u8]) -> tereze_sign::Verdict {
    check_with(
        cms,
        content,
        &pki().trust(),
        &pki().crls(),
        &operator_iin(),
        &[],
    )
}

fn check_with(
    cms: &[u8],
    content: &[u8],
    trust: &TrustStore,
    crls: &CrlCache,
    iin: &Iin,
    attachments: &[(&tereze_core::canonical::AttachmentDigest, &[u8])],
) -> tereze_sign::Verdict {
    verify(
        cms,
        content,
        &VerifyContext {
            trust,
            crls,
            expected_iin: iin,
            attachments,
            now: NOW,
        },
    )
}

#[test]
fn a_valid_signature_is_valid_and_names_the_signer() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);
    let signer = verdict.signer.clone().unwrap();
    assert_eq!(signer.iin, Some(operator_iin()));
    assert_eq!(signer.subject_name, "СЕЙТКАЛИ АЙГЕРИМ");
    assert_eq!(verdict.signing_time, Some(NOW - Duration::minutes(3)));
    assert_eq!(verdict.localized().key, "sign-verdict-valid");
}

#[test]
fn tampered_content_is_invalid() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let mut tampered = content.clone();
    let at = tampered.iter().position(|b| *b == b'5').unwrap();
    tampered[at] = b'6';
    let verdict = check(&cms, &tampered);
    assert_eq!(verdict.status, Status::Invalid);
    assert_eq!(verdict.reasons, vec![Reason::ContentDigestMismatch]);
}

#[test]
fn a_flipped_bit_in_the_signature_value_is_invalid() {
    let content = request_bytes(&[]);
    let mut cms = sign_with(&pki().valid, &content);
    let last = cms.len() - 1;
    cms[last] ^= 0x01;
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::Invalid);
    assert!(
        verdict.reasons.contains(&Reason::SignatureMismatch),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn garbage_is_malformed_not_a_panic() {
    let verdict = check(b"not a signature", b"x");
    assert_eq!(verdict.reasons, vec![Reason::Malformed]);
    assert_eq!(verdict.localized().key, "sign-verdict-invalid");
}

#[test]
fn an_expired_certificate_is_invalid() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().expired, &content);
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::Invalid);
    assert!(
        matches!(verdict.reasons.as_slice(), [Reason::Expired { .. }]),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn a_certificate_not_yet_valid_is_invalid() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().not_yet_valid, &content);
    let verdict = check(&cms, &content);
    assert!(
        matches!(verdict.reasons.as_slice(), [Reason::NotYetValid { .. }]),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn a_revoked_certificate_is_invalid_with_its_revocation_date() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().revoked, &content);
    let verdict = check(&cms, &content);
    assert_eq!(
        verdict.reasons,
        vec![Reason::Revoked {
            revoked_at: NOW - Duration::days(30)
        }]
    );
    let message = verdict.reasons[0].localized();
    assert_eq!(message.key, "sign-reason-revoked");
    assert!(message.get("date").is_some());
}

#[test]
fn a_signature_by_someone_else_than_the_recorded_operator_is_invalid() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let other = Iin::parse(OTHER_IIN).unwrap();
    let verdict = check_with(&cms, &content, &pki().trust(), &pki().crls(), &other, &[]);
    assert_eq!(verdict.reasons, vec![Reason::IinMismatch]);
}

#[test]
fn an_unknown_intermediate_breaks_the_chain() {
    let content = request_bytes(&[]);
    // The key file carries the operator's certificate only, not the hidden intermediate.
    let p12 = pki().orphan.p12(PASSWORD, &[]).unwrap();
    let cms = Pkcs12Signer::open(&p12, PASSWORD)
        .unwrap()
        .sign(&content, NOW)
        .unwrap();
    let verdict = check(&cms, &content);
    assert_eq!(verdict.reasons, vec![Reason::ChainIncomplete]);
}

#[test]
fn an_empty_trust_store_trusts_nothing() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let verdict = check_with(
        &cms,
        &content,
        &TrustStore::new(),
        &pki().crls(),
        &operator_iin(),
        &[],
    );
    assert_eq!(verdict.status, Status::Invalid);
    assert!(
        verdict.reasons.contains(&Reason::ChainIncomplete),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn a_stale_crl_is_a_visible_warning_not_a_silent_pass() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let mut crls = CrlCache::new();
    crls.add_der(&pki().stale_crl).unwrap();
    crls.add_der(&pki().root_crl).unwrap();
    let verdict = check_with(&cms, &content, &pki().trust(), &crls, &operator_iin(), &[]);
    assert_eq!(verdict.status, Status::ValidWithWarnings);
    assert!(
        matches!(&verdict.reasons[..], [Reason::CrlStale { issuer, .. }] if issuer == "Tereze Test Operator CA"),
        "{:?}",
        verdict.reasons
    );
    assert_eq!(verdict.localized().key, "sign-verdict-valid-with-warnings");
}

#[test]
fn a_stale_crl_still_reveals_a_revocation() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().revoked, &content);
    let mut crls = CrlCache::new();
    crls.add_der(&pki().stale_crl).unwrap();
    crls.add_der(&pki().root_crl).unwrap();
    let verdict = check_with(&cms, &content, &pki().trust(), &crls, &operator_iin(), &[]);
    assert_eq!(verdict.status, Status::Invalid);
    assert!(
        verdict
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Revoked { .. }))
    );
}

#[test]
fn missing_crls_are_warnings_for_each_issuer() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().valid, &content);
    let verdict = check_with(
        &cms,
        &content,
        &pki().trust(),
        &CrlCache::new(),
        &operator_iin(),
        &[],
    );
    assert_eq!(verdict.status, Status::ValidWithWarnings);
    assert_eq!(
        verdict.reasons,
        vec![
            Reason::CrlMissing {
                issuer: "Tereze Test Operator CA".into()
            },
            Reason::CrlMissing {
                issuer: "Tereze Test Root CA".into()
            },
        ]
    );
}

#[test]
fn a_crl_signed_by_another_ca_is_not_believed() {
    let content = request_bytes(&[]);
    let cms = sign_with(&pki().revoked, &content);
    // An impostor CA with the intermediate's very name issues a CRL that revokes nothing.
    let impostor = Ca::root(
        "Tereze Test Operator CA",
        NOW - Duration::days(10),
        NOW + Duration::days(900),
    )
    .unwrap();
    let forged = impostor
        .crl(&[], NOW - Duration::days(1), NOW + Duration::days(5))
        .unwrap();
    let mut crls = CrlCache::new();
    crls.add_der(&forged).unwrap();
    crls.add_der(&pki().root_crl).unwrap();
    let verdict = check_with(&cms, &content, &pki().trust(), &crls, &operator_iin(), &[]);
    assert_eq!(verdict.status, Status::ValidWithWarnings);
    assert_eq!(
        verdict.reasons,
        vec![Reason::CrlUnverifiable {
            issuer: "Tereze Test Operator CA".into()
        }]
    );
}

#[test]
fn a_chain_to_a_look_alike_root_is_untrusted() {
    let content = request_bytes(&[]);
    let fake_root = Ca::root(
        "Tereze Test Root CA",
        NOW - Duration::days(10),
        NOW + Duration::days(900),
    )
    .unwrap();
    let mut spec = pki_spec();
    spec.serial = 77;
    let operator = fake_root.issue_operator(&spec).unwrap();
    let cms = operator
        .sign_unchecked(&content, NOW, &[&fake_root.cert_der])
        .unwrap();
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::Invalid);
    assert!(
        verdict.reasons.contains(&Reason::ChainUntrusted),
        "{:?}",
        verdict.reasons
    );
}

#[test]
fn a_gost_signature_is_reported_as_not_checkable_here() {
    let content = request_bytes(&[]);
    let gost = Operator {
        cert_der: pfx::gost_certificate(&pki().valid.cert_der).unwrap(),
        key_pkcs8: pki().valid.key_pkcs8.clone(),
    };
    let cms = gost.sign_unchecked(&content, NOW, &[]).unwrap();
    let verdict = check(&cms, &content);
    assert_eq!(verdict.reasons, vec![Reason::GostUnsupported]);
    assert_eq!(verdict.status, Status::Invalid);
}

fn pki_spec() -> OperatorSpec {
    OperatorSpec {
        name: "СЕЙТКАЛИ АЙГЕРИМ".into(),
        iin: tereze_sign::testpki::fixture::OPERATOR_IIN.into(),
        bin: None,
        organisation: None,
        serial: 1,
        not_before: NOW - Duration::days(30),
        not_after: NOW + Duration::days(300),
        authentication: false,
    }
}

#[test]
fn attachments_must_match_their_recorded_digests() {
    let scans = [
        scan("birth-certificate", vec![1u8; 4096]),
        scan("applicant-id", vec![2u8; 2048]),
    ];
    let content = request_bytes(&scans);
    let cms = sign_with(&pki().valid, &content);
    let good: Vec<_> = scans
        .iter()
        .map(|s| (&s.digest, s.bytes.as_slice()))
        .collect();
    let verdict = check_with(
        &cms,
        &content,
        &pki().trust(),
        &pki().crls(),
        &operator_iin(),
        &good,
    );
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);

    let mut tampered = scans[1].bytes.clone();
    tampered[100] ^= 0xff;
    let bad = [
        (&scans[0].digest, scans[0].bytes.as_slice()),
        (&scans[1].digest, tampered.as_slice()),
    ];
    let verdict = check_with(
        &cms,
        &content,
        &pki().trust(),
        &pki().crls(),
        &operator_iin(),
        &bad,
    );
    assert_eq!(
        verdict.reasons,
        vec![Reason::AttachmentMismatch {
            slot: "applicant-id".into()
        }]
    );
}

#[test]
fn an_attachment_the_signature_does_not_cover_is_refused() {
    let signed = [scan("birth-certificate", vec![1u8; 100])];
    let content = request_bytes(&signed);
    let cms = sign_with(&pki().valid, &content);
    let extra = scan("birth-certificate", vec![9u8; 100]);
    let verdict = check_with(
        &cms,
        &content,
        &pki().trust(),
        &pki().crls(),
        &operator_iin(),
        &[(&extra.digest, extra.bytes.as_slice())],
    );
    assert_eq!(
        verdict.reasons,
        vec![Reason::AttachmentNotSigned {
            slot: "birth-certificate".into()
        }]
    );
}

#[test]
fn a_signing_time_in_the_future_is_flagged() {
    let content = request_bytes(&[]);
    let p12 = pki().p12(&pki().valid).unwrap();
    let cms = Pkcs12Signer::open(&p12, PASSWORD)
        .unwrap()
        .sign(&content, NOW + Duration::hours(2))
        .unwrap();
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::ValidWithWarnings);
    assert_eq!(verdict.reasons, vec![Reason::SigningTimeInFuture]);
}

#[test]
fn every_reason_has_its_own_key() {
    let reasons = [
        Reason::Malformed,
        Reason::GostUnsupported,
        Reason::UnsupportedAlgorithm,
        Reason::SignerCertificateMissing,
        Reason::SignedAttributesMissing,
        Reason::ContentTypeWrong,
        Reason::ContentDigestMismatch,
        Reason::SignatureMismatch,
        Reason::SigningCertificateMismatch,
        Reason::AttachmentMismatch { slot: "a".into() },
        Reason::AttachmentNotSigned { slot: "a".into() },
        Reason::ChainIncomplete,
        Reason::ChainUntrusted,
        Reason::ChainSignatureInvalid,
        Reason::IssuerNotCa,
        Reason::Expired { not_after: NOW },
        Reason::NotYetValid { not_before: NOW },
        Reason::IssuerOutsideValidity,
        Reason::Revoked { revoked_at: NOW },
        Reason::NoIin,
        Reason::IinMismatch,
        Reason::CrlStale {
            issuer: "x".into(),
            next_update: NOW,
        },
        Reason::CrlMissing { issuer: "x".into() },
        Reason::CrlUnverifiable { issuer: "x".into() },
        Reason::SigningTimeMissing,
        Reason::SigningTimeInFuture,
    ];
    let keys: std::collections::BTreeSet<_> = reasons.iter().map(|r| r.localized().key).collect();
    assert_eq!(keys.len(), reasons.len());
    assert!(keys.iter().all(|k| k.starts_with("sign-reason-")));
}

/// Splits DER content into its elements (short or long lengths).
fn elements(mut der: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !der.is_empty() {
        let (head, len) = match der[1] {
            l if l < 0x80 => (2, usize::from(l)),
            0x81 => (3, usize::from(der[2])),
            0x82 => (4, usize::from(der[2]) << 8 | usize::from(der[3])),
            other => panic!("unexpected length byte {other:#x}"),
        };
        out.push(&der[..head + len]);
        der = &der[head + len..];
    }
    out
}

#[test]
fn signed_attributes_in_signer_order_verify_even_when_not_sorted() {
    use rsa::pkcs8::DecodePrivateKey;
    use rsa::signature::{SignatureEncoding, Signer as _};

    let content = request_bytes(&[]);
    let mut cms = sign_with(&pki().valid, &content);
    let parsed = tereze_sign::cms::parse::parse(&cms).unwrap();
    let raw = parsed.signed_attrs_raw.unwrap();
    let old_signature = parsed.signer.signature.as_bytes().to_vec();
    let head = match raw[1] {
        0x81 => 3,
        0x82 => 4,
        other => panic!("unexpected SET length byte {other:#x}"),
    };
    let mut reversed_set = raw[..head].to_vec();
    for attr in elements(&raw[head..]).into_iter().rev() {
        reversed_set.extend_from_slice(attr);
    }
    assert_ne!(
        reversed_set, raw,
        "the attributes should have more than one order"
    );
    let key = rsa::RsaPrivateKey::from_pkcs8_der(&pki().valid.key_pkcs8).unwrap();
    let signature = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key)
        .sign(&reversed_set)
        .to_vec();
    let at = cms
        .windows(raw.len() - 1)
        .position(|w| w == &raw[1..])
        .unwrap();
    cms[at..at + raw.len() - 1].copy_from_slice(&reversed_set[1..]);
    let at = cms
        .windows(old_signature.len())
        .position(|w| w == old_signature)
        .unwrap();
    cms[at..at + signature.len()].copy_from_slice(&signature);
    let verdict = check(&cms, &content);
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);
}
