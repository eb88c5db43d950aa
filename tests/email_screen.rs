#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The document screen's e-mail button, by widget id: on a workstation without a server
//! connection it is disabled and says why; on a connected one, with the executor logged in and
//! the talon signed, it sends. An unsigned document is not sent even when connected.

use iced::widget::Id;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::document::{self, email};
use tereze::screen::{Screen, decide, sign};
use tereze_core::lifecycle::Status;
use tereze_protocol::ConnectionFile;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use counter::*;

/// A stored connection to a server that is never called here.
fn connection(store: &tereze_core::store::Store) -> Option<ConnectionFile> {
    Some(ConnectionFile {
        url: "http://127.0.0.1:9".into(),
        workstation: store.workstation().0,
        secret: "workstation-secret".into(),
        ca_pem: None,
    })
}

/// What clicking the e-mail button produces.
fn click_email(app: &App) -> Vec<Message> {
    let mut ui = simulator(app.view());
    ui.click(Id::from(document::id::EMAIL))
        .unwrap_or_else(|_| panic!("no e-mail button"));
    ui.into_messages().collect()
}

fn screen(app: &App) -> &document::DocumentScreen {
    match app.screen() {
        Screen::Document(s) => s,
        other => panic!("not on the document screen: {other:?}"),
    }
}

/// A preschool request decided, with its talon signed when `sign_talon`; on its document screen.
fn talon(app: &mut App, sign_talon: bool) {
    let id = new_request(app);
    sign_and_register(app, id);
    tasks::settle(app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(app, Message::Decide(decide::Message::Decide));
    if sign_talon {
        tasks::settle(app, Message::Decide(decide::Message::SignResult));
        sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
        tasks::settle(app, Message::Sign(sign::Message::Continue));
        assert_eq!(status(app, id), Status::ResultSigned);
    }
    tasks::settle(app, Message::Decide(decide::Message::OpenDocument));
    assert!(screen(app).rendered().is_some());
}

#[test]
fn without_a_connection_the_button_is_disabled_and_says_why() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    talon(&mut app, true);
    assert!(click_email(&app).is_empty(), "the button sent something");
    let ctx = app.context();
    let why = email::blocked(ctx, screen(&app).rendered()).expect("a reason");
    assert_eq!(why.key, "counter-email-needs-connection");
    // The tooltip is there to read, in the operator's language.
    let shown = ctx.translator.text(&why);
    assert!(shown.contains("подключения"), "{shown}");
}

#[test]
fn with_a_connection_the_signed_talon_can_be_sent() {
    let (_dir, mut app) = demo::logged_in_with(Lang::En, connection);
    talon(&mut app, true);
    assert!(email::blocked(app.context(), screen(&app).rendered()).is_none());
    let messages = click_email(&app);
    assert!(
        matches!(
            messages.as_slice(),
            [Message::Document(document::Message::Email(
                email::Message::Send
            ))]
        ),
        "{messages:?}"
    );
}

#[test]
fn with_a_connection_an_unsigned_document_is_still_not_sent() {
    let (_dir, mut app) = demo::logged_in_with(Lang::Kk, connection);
    talon(&mut app, false);
    assert!(click_email(&app).is_empty(), "the button sent something");
    let why = email::blocked(app.context(), screen(&app).rendered()).expect("a reason");
    assert_eq!(why.key, "email-not-ready");
}
