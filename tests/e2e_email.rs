#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! E-mailing the output document from the document screen, end to end: the demo workstation
//! connected to a real `tereze-server` on 127.0.0.1:0 over HTTPS, whose mail goes to a real
//! SMTP server on loopback (Python's smtpd).
//!
//! - a preschool request registered, decided and its talon signed: while the server still has it
//!   unsigned the send is refused with its own message; once synced, the talon reaches the
//!   applicant's address (prefilled from the form) as a PDF attachment;
//! - a bad address is refused on the workstation, without a call;
//! - a server without mail says so in the operator's language, and nothing is sent.

use iced::widget::Id;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::document::{self, email};
use tereze::screen::{Screen, decide, home, sign};
use tereze_core::lifecycle::Status;
use tereze_core::store::{Operator, RequestDraft};
use tereze_server::email::{MailConfig, MailSecurity};
use uuid::Uuid;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

#[path = "../crates/sync/tests/support/openssl_ca.rs"]
mod openssl_ca;

#[path = "support/counter_server.rs"]
mod counter_server;

#[path = "support/smtp.rs"]
mod smtp;

use counter::*;
use counter_server::CounterServer;
use smtp::SmtpSink;

const APPLICANT: &str = "dana.serikova@mail.kz";

/// The relay settings for `sink`.
fn mail_to(sink: &SmtpSink) -> MailConfig {
    MailConfig {
        host: "127.0.0.1".into(),
        port: sink.port,
        from: "noreply@edu.example.kz".into(),
        security: MailSecurity::Plain,
        ca_file: None,
    }
}

/// The demo workstation connected to `server` (started here) with the executor logged in, and
/// the workstation's credential.
fn connected(server: &mut CounterServer, lang: Lang) -> (tempfile::TempDir, App, String, Operator) {
    server.start();
    let mut credential = String::new();
    let (dir, app) = demo::logged_in_with(lang, |store| {
        credential = server.provision(store, "counter 1");
        Some(server.connection(store, &credential))
    });
    let op = app.context().operator.clone().unwrap();
    server.add_account(&op.iin.as_string(), op.role, Some(op.id));
    (dir, app, credential, op)
}

fn sync(server: &CounterServer, app: &App, credential: &str, op: &Operator) {
    let mut store = app.context().store.lock().unwrap();
    let summary = server.sync(&mut store, credential, op.id).unwrap();
    assert_eq!(summary.waiting, 0, "{summary:?}");
}

/// A new preschool request whose form gives the applicant's e-mail.
fn request_with_email(app: &App) -> Uuid {
    let id = new_request(app);
    let ctx = app.context();
    let mut store = ctx.store.lock().unwrap();
    let r = store.load_request(id).unwrap();
    let mut fields = r.fields.clone();
    fields.insert(
        email::APPLICANT_EMAIL_FIELD.to_owned(),
        APPLICANT.to_owned(),
    );
    store
        .save_request(
            &RequestDraft {
                id: Some(id),
                expected_version: Some(r.version),
                service_id: r.service_id.clone(),
                profile: r.profile.clone(),
                channel: r.channel,
                fields,
            },
            ctx.operator.as_ref().unwrap().id,
        )
        .unwrap();
    id
}

/// Registered and synced (the official number arrives), then taken into work, queued and its
/// talon signed: on the decision screen, the server still holding it as registered.
fn signed_talon(app: &mut App, server: &CounterServer, credential: &str, op: &Operator) -> Uuid {
    let id = request_with_email(app);
    sign_and_register(app, id);
    sync(server, app, credential, op);
    tasks::settle(app, Message::Decide(decide::Message::Back));
    tasks::settle(app, Message::Home(home::Message::Open(id)));
    tasks::settle(app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(app, Message::Decide(decide::Message::Decide));
    tasks::settle(app, Message::Decide(decide::Message::SignResult));
    sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(app, id), Status::ResultSigned);
    id
}

fn document_screen(app: &App) -> &document::DocumentScreen {
    match app.screen() {
        Screen::Document(s) => s,
        other => panic!("not on the document screen: {other:?}"),
    }
}

fn sending(app: &App) -> email::Sending {
    document_screen(app).email().sending().clone()
}

/// Presses Send as the operator does: through the window's widgets.
fn click_send(app: &mut App) {
    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::from(document::id::EMAIL))
            .unwrap_or_else(|_| panic!("no e-mail button"));
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!messages.is_empty(), "the e-mail button is disabled");
    for message in messages {
        tasks::settle(app, message);
    }
}

fn type_address(app: &mut App, address: &str) {
    tasks::settle(
        app,
        Message::Document(document::Message::Email(email::Message::AddressChanged(
            address.to_owned(),
        ))),
    );
}

#[test]
fn the_signed_talon_reaches_the_applicants_mailbox_once_the_server_has_it() {
    let sink = SmtpSink::start();
    let mut server = CounterServer::prepare(&[]);
    server.mail = Some(mail_to(&sink));
    let (_dir, mut app, credential, op) = connected(&mut server, Lang::Ru);
    let id = signed_talon(&mut app, &server, &credential, &op);

    // The server still holds the request as registered: its own refusal, translated.
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    assert_eq!(document_screen(&app).email().address(), APPLICANT);
    click_send(&mut app);
    let email::Sending::Failed(why) = sending(&app) else {
        panic!(
            "sent before the server had the signed result: {:?}",
            sending(&app)
        );
    };
    assert_eq!(why.key, "email-not-issued-on-server");
    assert!(
        app.context().translator.text(&why).contains("синхрониз"),
        "{}",
        app.context().translator.text(&why)
    );

    // A bad address never leaves the workstation.
    type_address(&mut app, "dana serikova@mail");
    let produced = tasks::run(app.update(Message::Document(document::Message::Email(
        email::Message::Send,
    ))));
    assert!(produced.is_empty(), "a call was made: {produced:?}");
    assert!(
        matches!(sending(&app), email::Sending::Failed(ref w) if w.key == "email-invalid"),
        "{:?}",
        sending(&app)
    );

    // Synced: the server has the signed talon, and the relay takes the message.
    tasks::settle(&mut app, Message::Document(document::Message::Back));
    sync(&server, &app, &credential, &op);
    assert_eq!(server.request(id).unwrap().status, "result-signed");
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let rendered = document_screen(&app).rendered().cloned().unwrap();
    assert!(rendered.signed && !rendered.provisional);
    assert_eq!(document_screen(&app).email().address(), APPLICANT);
    click_send(&mut app);
    assert_eq!(sending(&app), email::Sending::Sent(rendered.number.clone()));

    let printed = sink.finish();
    assert_eq!(
        printed.matches("MESSAGE FOLLOWS").count(),
        1,
        "one message, only after the sync: {printed}"
    );
    assert!(
        printed.contains(&format!("b'To: {APPLICANT}'")),
        "{printed}"
    );
    let file_name = format!("talon-{}.pdf", rendered.number);
    assert!(printed.contains(&file_name), "{printed}");
    assert!(printed.contains("application/pdf"), "{printed}");
    assert!(
        smtp::flat(&printed).contains(&smtp::base64(&rendered.pdf)[..400]),
        "the signed talon travels intact"
    );
}

#[test]
fn a_server_without_mail_says_so_and_sends_nothing() {
    let mut server = CounterServer::prepare(&[]);
    let (_dir, mut app, credential, op) = connected(&mut server, Lang::Kk);
    signed_talon(&mut app, &server, &credential, &op);
    sync(&server, &app, &credential, &op);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    click_send(&mut app);
    let email::Sending::Failed(why) = sending(&app) else {
        panic!("not refused: {:?}", sending(&app));
    };
    assert_eq!(why.key, "server-mail-not-configured");
    let shown = app.context().translator.text(&why);
    assert!(shown.contains("электрондық пошта бапталмаған"), "{shown}");
}
