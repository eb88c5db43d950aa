//! A preschool request on the demo data folder and the steps of the counter flow as the
//! screens take them, shared by the counter tests. Included with `#[path]` (after `demo` and
//! `tasks`) by each test that needs it.

#![allow(dead_code)] // each includer uses only part of it

use std::path::{Path, PathBuf};
use std::process::Command;

use tereze::app::{App, Message};
use tereze::screen::{Screen, decide, home, sign};
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::Status;
use time::macros::date;
use uuid::Uuid;

use super::tasks;

pub const DEMO_KEY_PASSWORD: &str = "demo-sign-2026";

pub fn demo_key() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/pki/executor.p12")
}

pub fn demo_scan() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo-scan.pdf")
}

/// A new preschool request with its birth certificate, saved as a draft by the logged-in
/// operator.
pub fn new_request(app: &App) -> Uuid {
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

pub fn decide_screen(app: &App) -> &decide::DecideScreen {
    match app.screen() {
        Screen::Decide(s) => s,
        other => panic!("not on the decision screen: {other:?}"),
    }
}

pub fn sign_screen(app: &App) -> &sign::SignScreen {
    match app.screen() {
        Screen::Sign(s) => s,
        other => panic!("not on the signing screen: {other:?}"),
    }
}

pub fn status(app: &App, id: Uuid) -> Status {
    let store = app.context().store.lock().unwrap();
    store.load_request(id).unwrap().status
}

/// On the signing screen: opens `key` with `password` and signs.
pub fn sign_with(app: &mut App, key: PathBuf, password: &str) {
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

pub fn pdftotext(pdf: &[u8]) -> String {
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
pub fn sign_and_register(app: &mut App, id: Uuid) -> String {
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
    // The screen shows who signed the request.
    assert_eq!(loaded.signatures.len(), 1);
    assert_eq!(
        loaded.signatures[0].0,
        tereze_core::store::SignatureKind::Request
    );
    assert!(provisional, "offline, the number is provisional");
    number
}
