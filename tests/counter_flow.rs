#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter flow end to end on a demo data folder, through the screens' `update` with their
//! tasks run as the window runs them: a new preschool request is signed with the demo
//! executor's key file, registered under a provisional number, decided into the queue, its
//! talon signed, rendered and read back with pdftotext, and issued with the survey. A key whose
//! certificate is revoked is refused and nothing is registered; a refusal prints its ground.

use std::path::{Path, PathBuf};
use std::process::Command;

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, decide, document, home, sign};
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::Status;
use tereze_core::store::SurveyAnswers;
use tereze_sign::Reason;
use tereze_sign::testpki::fixture::{self, Fixture};
use time::OffsetDateTime;
use time::macros::date;
use uuid::Uuid;

#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

const DEMO_KEY_PASSWORD: &str = "demo-sign-2026";

fn demo_key() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/pki/executor.p12")
}

fn demo_scan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo-scan.pdf")
}

/// A new preschool request with its birth certificate, saved as a draft by the logged-in
/// operator.
fn new_request(app: &App) -> Uuid {
    let ctx = app.context();
    let operator = ctx.operator.as_ref().unwrap().id;
    let regulation = ctx.registry.get("preschool-queue").unwrap();
    let mut fields = tereze_core::form::FieldValues::new();
    let mut put = |k: &str, v: String| {
        fields.insert(k.to_owned(), v);
    };
    let applicant = (0..200)
        .find_map(|s| Iin::compose(date!(1993 - 03 - 14), Sex::Female, 3300 + s))
        .unwrap();
    let child = (0..200)
        .find_map(|s| Iin::compose(date!(2022 - 08 - 09), Sex::Male, 5300 + s))
        .unwrap();
    put("applicant-iin", applicant.as_string());
    put("applicant-last-name", "Серікова".into());
    put("applicant-first-name", "Дана".into());
    put("applicant-patronymic", "Қайратқызы".into());
    put("applicant-address", "г. Шымкент, ул. Толе би, д. 3".into());
    put("applicant-postal-index", "160000".into());
    put("applicant-phone", "+7 701 555 04 04".into());
    put("child-iin", child.as_string());
    put("child-last-name", "Сериков".into());
    put("child-first-name", "Әли".into());
    put("child-patronymic", "Асқарұлы".into());
    put("child-birth-date", "09.08.2022".into());
    put("child-sex", "male".into());
    put("group-language", "kk".into());
    put("correctional-group", "false".into());
    put("privilege-category", "none".into());
    let profile = tereze_core::demo::DEMO_PROFILE;
    let report =
        tereze_core::flk::check(regulation, profile, &fields, &["birth-certificate"]).unwrap();
    assert!(report.is_ok(), "the test form passes the ФЛК: {report:?}");
    let mut store = ctx.store.lock().unwrap();
    let saved = store
        .save_request(
            &tereze_core::store::RequestDraft {
                id: None,
                expected_version: None,
                service_id: "preschool-queue".into(),
                profile: profile.into(),
                channel: tereze_core::channel::Channel::Office,
                fields: report.values,
            },
            operator,
        )
        .unwrap();
    store
        .add_attachment(
            saved.id,
            "birth-certificate",
            "birth.pdf",
            &demo_scan(),
            operator,
        )
        .unwrap();
    saved.id
}

fn decide_screen(app: &App) -> &decide::DecideScreen {
    match app.screen() {
        Screen::Decide(s) => s,
        other => panic!("not on the decision screen: {other:?}"),
    }
}

fn sign_screen(app: &App) -> &sign::SignScreen {
    match app.screen() {
        Screen::Sign(s) => s,
        other => panic!("not on the signing screen: {other:?}"),
    }
}

fn status(app: &App, id: Uuid) -> Status {
    let store = app.context().store.lock().unwrap();
    store.load_request(id).unwrap().status
}

/// On the signing screen: opens `key` with `password` and signs.
fn sign_with(app: &mut App, key: PathBuf, password: &str) {
    tasks::settle(app, Message::Sign(sign::Message::FileChosen(Some(key))));
    tasks::settle(
        app,
        Message::Sign(sign::Message::PasswordChanged(password.into())),
    );
    tasks::settle(app, Message::Sign(sign::Message::OpenKey));
    let screen = sign_screen(app);
    assert!(screen.error().is_none(), "key opened: {:?}", screen.error());
    assert!(screen.certificate().is_some());
    tasks::settle(app, Message::Sign(sign::Message::Sign));
}

fn pdftotext(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = Command::new("pdftotext")
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext is missing ({e}); install the Debian package poppler-utils")
        });
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Signs the request as the demo executor and registers it; returns the provisional number.
fn sign_and_register(app: &mut App, id: Uuid) -> String {
    tasks::settle(app, Message::Home(home::Message::Open(id)));
    assert_eq!(
        decide_screen(app).loaded().unwrap().request.status,
        Status::Draft
    );
    tasks::settle(app, Message::Decide(decide::Message::Sign));
    sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
    let screen = sign_screen(app);
    let signed = screen.signed().expect("signed");
    assert!(signed.verdict.is_valid(), "{:?}", signed.verdict.reasons);
    assert!(screen.is_kept());
    tasks::settle(app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(app, id), Status::Signed);

    tasks::settle(app, Message::Decide(decide::Message::Register));
    let loaded = decide_screen(app).loaded().unwrap();
    assert_eq!(loaded.request.status, Status::Registered);
    let (number, provisional) = loaded.number.clone().expect("a number at registration");
    assert!(provisional, "offline, the number is provisional");
    number
}

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
    let (dir, mut app) = demo::logged_in(Lang::Kk);
    // The test PKI's operator carries the demo executor's IIN; its root and revocation list
    // are installed where an administrator puts them.
    let pki = Fixture::build(OffsetDateTime::now_utc()).unwrap();
    assert_eq!(fixture::OPERATOR_IIN, demo::EXECUTOR.0);
    let trust = dir.path().join("pki/trust");
    let crl = dir.path().join("pki/crl");
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::create_dir_all(&crl).unwrap();
    std::fs::write(trust.join("test-root.cer"), &pki.root.cert_der).unwrap();
    std::fs::write(crl.join("operators.crl"), &pki.crl).unwrap();
    std::fs::write(crl.join("root.crl"), &pki.root_crl).unwrap();
    let key = dir.path().join("revoked.p12");
    std::fs::write(&key, pki.p12(&pki.revoked).unwrap()).unwrap();

    let id = new_request(&app);
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
        decide_screen(&app).notice().map(|n| n.key.as_ref()),
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
