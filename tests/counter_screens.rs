#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter screens through `update`: a failed print says why and the PDF still saves, an
//! unsigned document is neither printed nor issued, an executor cannot sign what needs the
//! head, a ЦОН operator cannot decide, a wrong key password is shown and forgotten, and the
//! inbox lists the documents not yet collected.

use tereze::app::{Context, Message};
use tereze::counter::signing::Target;
use tereze::i18n::Lang;
use tereze::screen::{Screen, decide, document, home, sign};
use tereze_core::i18n::Localized;
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action as Step, Flow, Status};
use tereze_core::store::{NewDecision, NewOperator, Role};
use tereze_report::print::PrintService;
use time::macros::date;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use counter::*;

/// Runs the document screen's messages and tasks until it is quiet.
fn settle_document(screen: &mut document::DocumentScreen, ctx: &Context, m: document::Message) {
    let mut queue = vec![m];
    while let Some(next) = queue.pop() {
        if let document::Action::Run(task) = screen.update(ctx, next) {
            queue.extend(tasks::run(task).into_iter().rev());
        }
    }
}

fn key(notice: Option<&Localized>) -> Option<String> {
    notice.map(|n| n.key.to_string())
}

/// A preschool request taken to `result-signed` through the screens.
fn signed_talon(app: &mut tereze::app::App) -> uuid::Uuid {
    let id = new_request(app);
    sign_and_register(app, id);
    tasks::settle(app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(app, Message::Decide(decide::Message::Decide));
    tasks::settle(app, Message::Decide(decide::Message::SignResult));
    sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(app, id), Status::ResultSigned);
    id
}

#[test]
fn without_a_print_service_printing_says_why_and_the_pdf_still_saves() {
    let (dir, mut app) = demo::logged_in(Lang::Kk);
    let id = signed_talon(&mut app);
    let ctx = app.context();
    let (screen, load) = document::DocumentScreen::new(ctx, id);
    // A scheduler address where nothing answers.
    let mut screen = screen.with_print_service(PrintService::at("127.0.0.1:9"));
    for m in tasks::run(load) {
        settle_document(&mut screen, ctx, m);
    }
    assert!(screen.rendered().unwrap().signed);
    settle_document(&mut screen, ctx, document::Message::Print);
    let why = key(screen.notice()).expect("a message");
    assert!(
        why == "print-scheduler-not-running" || why == "print-no-service",
        "{why}"
    );
    assert!(screen.job().is_none());

    let path = dir.path().join("talon.pdf");
    settle_document(
        &mut screen,
        ctx,
        document::Message::SaveChosen(Some(path.clone())),
    );
    assert_eq!(key(screen.notice()).as_deref(), Some("counter-saved-pdf"));
    let saved = std::fs::read(&path).unwrap();
    assert!(saved.starts_with(b"%PDF"));
    assert_eq!(saved, *screen.rendered().unwrap().pdf);
}

#[test]
fn an_unsigned_document_is_neither_printed_nor_issued() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let id = new_request(&app);
    sign_and_register(&mut app, id);
    tasks::settle(&mut app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(&mut app, Message::Decide(decide::Message::Decide));
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let Screen::Document(screen) = app.screen() else {
        panic!("not on the document screen");
    };
    assert!(!screen.rendered().unwrap().signed);
    tasks::settle(&mut app, Message::Document(document::Message::Print));
    tasks::settle(&mut app, Message::Document(document::Message::Issue));
    let Screen::Document(screen) = app.screen() else {
        panic!("not on the document screen");
    };
    assert_eq!(
        key(screen.notice()).as_deref(),
        Some("counter-sign-before-printing")
    );
    assert!(screen.job().is_none());
    assert_eq!(status(&app, id), Status::Decided);
}

#[test]
fn an_executor_cannot_sign_what_needs_the_head() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    // A school admission decided in the applicant's favour: the admission order is the head's.
    let id = {
        let ctx = app.context();
        let op = ctx.operator.as_ref().unwrap().id;
        let mut store = ctx.store.lock().unwrap();
        let saved = store
            .save_request(
                &tereze_core::store::RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "school-admission".into(),
                    profile: "default".into(),
                    channel: tereze_core::channel::Channel::Office,
                    fields: Default::default(),
                },
                op,
            )
            .unwrap();
        let flow = Flow::Standard;
        store
            .apply_action(saved.id, flow, Status::Draft, Step::Sign, op)
            .unwrap();
        store.register(saved.id, flow, op).unwrap();
        store
            .apply_action(saved.id, flow, Status::Registered, Step::TakeIntoWork, op)
            .unwrap();
        let order = NewDecision {
            outcome_id: "admission-order".into(),
            ground: None,
            queue: None,
        };
        store
            .decide(saved.id, flow, Status::InWork, &order, op)
            .unwrap();
        saved.id
    };
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
    assert_eq!(sign_screen(&app).target(), Target::Result);
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    let screen = sign_screen(&app);
    assert_eq!(
        key(screen.error()).as_deref(),
        Some("counter-head-must-sign")
    );
    assert!(!screen.is_kept());
    let store = app.context().store.lock().unwrap();
    assert!(store.signatures(id).unwrap().is_empty());
    assert_eq!(store.load_request(id).unwrap().status, Status::Decided);
}

#[test]
fn a_con_operator_registers_but_cannot_decide() {
    let (_dir, mut app) = demo::demo_app(Lang::Kk);
    let iin = (0..200)
        .find_map(|s| Iin::compose(date!(1995 - 01 - 20), Sex::Female, 2500 + s))
        .unwrap();
    {
        let mut store = app.context().store.lock().unwrap();
        let op = store
            .add_operator(
                &NewOperator {
                    iin,
                    full_name: "ЦОН операторы (тест)".into(),
                    role: Role::ConOperator,
                    office_id: tereze_core::demo::DEMO_OFFICE.into(),
                    password_hash: None,
                },
                None,
            )
            .unwrap();
        store
            .set_password(op.id, "Con-operator-2026!", None)
            .unwrap();
    }
    demo::log_in(&mut app, (&iin.as_string(), "Con-operator-2026!"));
    assert!(matches!(app.screen(), Screen::Home(_)));
    let id = new_request(&app);
    {
        let ctx = app.context();
        let op = ctx.operator.as_ref().unwrap().id;
        let mut store = ctx.store.lock().unwrap();
        let flow = Flow::PreschoolQueue;
        store
            .apply_action(id, flow, Status::Draft, Step::Sign, op)
            .unwrap();
        store.register(id, flow, op).unwrap();
        store
            .apply_action(id, flow, Status::Registered, Step::TakeIntoWork, op)
            .unwrap();
    }
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    tasks::settle(&mut app, Message::Decide(decide::Message::Decide));
    assert_eq!(
        key(decide_screen(&app).notice()).as_deref(),
        Some("counter-role-cannot-decide")
    );
    assert_eq!(status(&app, id), Status::InWork);
}

#[test]
fn a_wrong_key_password_is_shown_and_forgotten() {
    let (_dir, mut app) = demo::logged_in(Lang::En);
    let id = new_request(&app);
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    tasks::settle(&mut app, Message::Decide(decide::Message::Sign));
    tasks::settle(
        &mut app,
        Message::Sign(sign::Message::FileChosen(Some(demo_key()))),
    );
    tasks::settle(
        &mut app,
        Message::Sign(sign::Message::PasswordChanged("wrong".into())),
    );
    tasks::settle(&mut app, Message::Sign(sign::Message::OpenKey));
    let screen = sign_screen(&app);
    assert_eq!(key(screen.error()).as_deref(), Some("sign-wrong-password"));
    assert!(screen.certificate().is_none());
    assert!(!screen.can_sign());
    // Sign does nothing without an open key.
    tasks::settle(&mut app, Message::Sign(sign::Message::Sign));
    assert!(sign_screen(&app).signed().is_none());
    assert_eq!(status(&app, id), Status::Draft);
    // Back leads to the request, still a draft.
    tasks::settle(&mut app, Message::Sign(sign::Message::Back));
    assert_eq!(
        decide_screen(&app).loaded().unwrap().request.status,
        Status::Draft
    );
}

#[test]
fn the_inbox_lists_documents_signed_but_not_collected() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let ready = signed_talon(&mut app);
    tasks::settle(&mut app, Message::Decide(decide::Message::Back));
    tasks::settle(&mut app, Message::Home(home::Message::ShowUncollected));
    let Screen::Home(screen) = app.screen() else {
        panic!("not on the inbox");
    };
    let rows = &screen.loaded().unwrap().rows;
    assert_eq!(rows.len(), 1, "only the signed, uncollected document");
    assert_eq!(rows[0].request.id, ready);
    // Offline the line shows the provisional number given at registration.
    assert_eq!(rows[0].request.number, None);
    let store = app.context().store.lock().unwrap();
    assert_eq!(
        rows[0].provisional,
        store.provisional_number(ready).unwrap()
    );
    assert!(rows[0].provisional.is_some());
}

#[test]
fn the_form_signs_only_what_was_saved() {
    let pick = |id: &str| home::Picked {
        id: id.into(),
        label: id.into(),
    };
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    tasks::settle(
        &mut app,
        Message::Home(home::Message::ServicePicked(pick("preschool-queue"))),
    );
    tasks::settle(
        &mut app,
        Message::Home(home::Message::ProfilePicked(pick("south-kazakhstan-2012"))),
    );
    tasks::settle(&mut app, Message::Home(home::Message::NewRequest));
    let child = (0..100)
        .find_map(|s| Iin::compose(date!(2023 - 02 - 14), Sex::Female, 700 + s))
        .unwrap()
        .as_string();
    let type_in = |app: &mut tereze::app::App, field: &str, value: &str| {
        tasks::settle(
            app,
            Message::Request(tereze::screen::request::Message::FieldChanged(
                field.into(),
                value.into(),
            )),
        );
    };
    for (field, value) in [
        ("applicant-iin", "900412442007"),
        ("applicant-last-name", "Нұрланова"),
        ("applicant-first-name", "Сәуле"),
        ("applicant-address", "г. Шымкент, ул. Жібек жолы, 5"),
        ("applicant-postal-index", "160011"),
        ("applicant-phone", "8 701 555 11 22"),
        ("child-last-name", "Нұрланова"),
        ("child-first-name", "Іңкәр"),
        ("child-birth-date", "14.02.2023"),
        ("child-sex", "female"),
        ("group-language", "kk"),
        ("correctional-group", "false"),
        ("privilege-category", "none"),
        ("child-iin", &child),
    ] {
        type_in(&mut app, field, value);
    }
    use tereze::screen::request::Message as Form;
    let notice = |app: &tereze::app::App| match app.screen() {
        Screen::Request(form) => key(form.notice()),
        other => panic!("not on the form: {other:?}"),
    };
    // Not saved yet: nothing to sign.
    tasks::settle(&mut app, Message::Request(Form::Sign));
    assert_eq!(notice(&app).as_deref(), Some("counter-save-before-signing"));

    tasks::settle(&mut app, Message::Request(Form::Save));
    tasks::settle(
        &mut app,
        Message::Request(Form::FilePicked(
            "birth-certificate".into(),
            Some(demo_scan()),
        )),
    );
    // Changed after saving: the screen is not what is stored, so it is not signed.
    type_in(&mut app, "applicant-first-name", "Сауле");
    tasks::settle(&mut app, Message::Request(Form::Sign));
    assert_eq!(notice(&app).as_deref(), Some("counter-save-before-signing"));

    tasks::settle(&mut app, Message::Request(Form::Save));
    tasks::settle(&mut app, Message::Request(Form::Sign));
    let screen = sign_screen(&app);
    assert_eq!(screen.target(), Target::Request);
    assert_eq!(status(&app, screen.request_id()), Status::Draft);
}
