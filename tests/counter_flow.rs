#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter flow end to end on a demo data folder, through the screens' `update` with their
//! tasks run as the window runs them: a new preschool request is signed with the demo
//! executor's key file, registered under a provisional number, decided into the queue, its
//! talon signed, rendered and read back with pdftotext, and issued with the survey. A key whose
//! certificate is revoked is refused and nothing is registered; a refusal prints its ground.

use tereze::app::Message;
use tereze::i18n::Lang;
use tereze::screen::{Screen, decide, document, home, sign};
use tereze_core::lifecycle::Status;
use tereze_core::store::SurveyAnswers;
use tereze_sign::Reason;
use tereze_sign::testpki::fixture::{self, Fixture};
use time::OffsetDateTime;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use counter::*;

#[test]
fn a_new_preschool_request_is_signed_registered_decided_and_its_talon_printed() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let id = new_request(&app);
    let number = sign_and_register(&mut app, id);
    {
        let store = app.context().store.lock().unwrap();
        let kept = store.signatures(id).unwrap();
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].signer_iin, demo::EXECUTOR.0);
    }

    tasks::settle(&mut app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(&mut app, Message::Decide(decide::Message::Decide));
    assert_eq!(status(&app, id), Status::Decided);
    {
        let store = app.context().store.lock().unwrap();
        let entry = store
            .queue_entry(id)
            .unwrap()
            .expect("the child is in the queue");
        assert_eq!(entry.cohort, 2022);
        assert_eq!(entry.official_number, None);
    }

    // The talon is signed by the executor as the regulation requires.
    tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
    assert_eq!(
        sign_screen(&app).target(),
        tereze::counter::signing::Target::Result
    );
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    assert!(sign_screen(&app).is_kept());
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(&app, id), Status::ResultSigned);

    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let Screen::Document(screen) = app.screen() else {
        panic!("not on the document screen");
    };
    let rendered = screen.rendered().expect("rendered");
    assert!(rendered.signed && rendered.provisional);
    let text = pdftotext(&rendered.pdf);
    assert!(text.contains(&number), "the talon shows {number}: {text}");
    assert!(
        text.contains("ПРЕДВАРИТЕЛЬНЫЙ НОМЕР"),
        "the talon is marked provisional: {text}"
    );
    assert!(text.contains("Сериков Әли Асқарұлы"), "{text}");

    // Issued with the survey answered.
    for m in [
        document::survey::Message::Process(3),
        document::survey::Message::Information(2),
    ] {
        tasks::settle(&mut app, Message::Document(document::Message::Survey(m)));
    }
    tasks::settle(&mut app, Message::Document(document::Message::Issue));
    assert_eq!(status(&app, id), Status::Issued);
    let store = app.context().store.lock().unwrap();
    assert_eq!(
        store.survey(id).unwrap(),
        Some(SurveyAnswers {
            process: 3,
            information: 2
        })
    );
    store.verify_audit().unwrap();
}

#[test]
fn a_signature_with_a_revoked_certificate_is_refused_and_nothing_is_registered() {
    // The revocation lists are installed where an administrator puts them.
    revoked_certificate_is_refused(|data, pki| {
        let crl = data.join("pki/crl");
        std::fs::create_dir_all(&crl).unwrap();
        std::fs::write(crl.join("operators.crl"), &pki.crl).unwrap();
        std::fs::write(crl.join("root.crl"), &pki.root_crl).unwrap();
    });
}

#[test]
fn a_revocation_list_brought_by_sync_refuses_a_revoked_certificate() {
    // The lists are where sync keeps them: DER files named by their SHA-256 and the index.
    revoked_certificate_is_refused(|data, pki| {
        let crls = data.join(tereze::sync::CRL_DIR);
        std::fs::create_dir_all(&crls).unwrap();
        let mut index = Vec::new();
        for (issuer, der) in [("operators", &pki.crl), ("root", &pki.root_crl)] {
            let sha = tereze_core::store::sha256_hex(der);
            std::fs::write(crls.join(format!("{sha}.der")), der).unwrap();
            index.push(serde_json::json!({ "issuer": issuer, "sha256": sha }));
        }
        std::fs::write(
            crls.join(tereze_sync::crls::CRL_INDEX),
            serde_json::to_vec(&index).unwrap(),
        )
        .unwrap();
    });
}

/// Signs a demo request with the test PKI's revoked key once `install_crls` put the revocation
/// lists in place: refused, nothing registered, the refusal audited; a valid key then signs.
fn revoked_certificate_is_refused(install_crls: impl Fn(&std::path::Path, &Fixture)) {
    let (dir, mut app) = demo::logged_in(Lang::Kk);
    // The test PKI's operator carries the demo executor's IIN; its root is installed where an
    // administrator puts it.
    let pki = Fixture::build(OffsetDateTime::now_utc()).unwrap();
    assert_eq!(fixture::OPERATOR_IIN, demo::EXECUTOR.0);
    let trust = dir.path().join("pki/trust");
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::write(trust.join("test-root.cer"), &pki.root.cert_der).unwrap();
    install_crls(dir.path(), &pki);
    let key = dir.path().join("revoked.p12");
    std::fs::write(&key, pki.p12(&pki.revoked).unwrap()).unwrap();

    let id = new_request(&app);
    let audited = app
        .context()
        .store
        .lock()
        .unwrap()
        .audit_head()
        .unwrap()
        .seq;
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    tasks::settle(&mut app, Message::Decide(decide::Message::Sign));
    sign_with(&mut app, key, fixture::PASSWORD);
    let screen = sign_screen(&app);
    let signed = screen.signed().expect("a verdict");
    assert!(!signed.verdict.is_valid());
    assert!(
        signed
            .verdict
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::Revoked { .. })),
        "{:?}",
        signed.verdict.reasons
    );
    assert!(!screen.is_kept());
    // No way on: Continue does nothing.
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    assert!(matches!(app.screen(), Screen::Sign(_)));

    let store = app.context().store.lock().unwrap();
    assert_eq!(store.load_request(id).unwrap().status, Status::Draft);
    assert!(store.signatures(id).unwrap().is_empty());
    assert_eq!(store.provisional_number(id).unwrap(), None);
    // The refused signature is audited, and that is all that was written.
    assert_eq!(store.audit_head().unwrap().seq, audited + 1);
    drop(store);

    // The same folder's valid key of the test PKI signs.
    let valid = dir.path().join("valid.p12");
    std::fs::write(&valid, pki.p12(&pki.valid).unwrap()).unwrap();
    sign_with(&mut app, valid, fixture::PASSWORD);
    assert!(sign_screen(&app).is_kept());
}

#[test]
fn a_refusal_prints_its_reason_and_legal_basis() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let id = new_request(&app);
    let number = sign_and_register(&mut app, id);

    // Refusing needs a ground first.
    tasks::settle(&mut app, Message::Decide(decide::Message::Refuse));
    assert_eq!(status(&app, id), Status::Registered);
    assert_eq!(
        decide_screen(&app).notice().map(|n| n.key),
        Some("counter-choose-ground")
    );
    let ground = decide::Choice::for_tests("documents-incomplete");
    tasks::settle(
        &mut app,
        Message::Decide(decide::Message::GroundPicked(ground)),
    );
    tasks::settle(&mut app, Message::Decide(decide::Message::Refuse));
    assert_eq!(status(&app, id), Status::Refused);
    assert!(
        app.context()
            .store
            .lock()
            .unwrap()
            .queue_entry(id)
            .unwrap()
            .is_none()
    );

    tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let Screen::Document(screen) = app.screen() else {
        panic!("not on the document screen");
    };
    let text = pdftotext(&screen.rendered().unwrap().pdf);
    assert!(text.contains(&number), "{text}");
    assert!(
        text.contains("Представлен неполный пакет необходимых документов"),
        "{text}"
    );
    assert!(text.contains("стандартом государственной услуги"), "{text}");
    assert!(text.contains("Серікова Дана Қайратқызы"), "{text}");
}

#[test]
fn a_wrong_password_and_a_damaged_key_file_have_their_own_messages() {
    let wrong =
        tereze::counter::signing::open_key_file(&demo_key(), "not-the-password").unwrap_err();
    assert_eq!(wrong.key, "sign-wrong-password");
    let dir = tempfile::tempdir().unwrap();
    let damaged = dir.path().join("damaged.p12");
    let mut bytes = std::fs::read(demo_key()).unwrap();
    bytes.truncate(bytes.len() / 2);
    std::fs::write(&damaged, bytes).unwrap();
    let broken = tereze::counter::signing::open_key_file(&damaged, DEMO_KEY_PASSWORD).unwrap_err();
    assert_eq!(broken.key, "sign-corrupt-file");
    let missing =
        tereze::counter::signing::open_key_file(&dir.path().join("none.p12"), "x").unwrap_err();
    assert_eq!(missing.key, "counter-key-file-unreadable");
}
