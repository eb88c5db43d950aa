#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The signing and decision screens through iced's headless simulator: the operator clicks the
//! controls found by their stable ids and types the key password; the messages they produce
//! drive the app. Never selected by translated text.

use iced::widget::Id;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{decide, sign};
use tereze_core::lifecycle::Status;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use counter::*;

/// Clicks the widget `id` (and types `typed`, if any) on the window as it is drawn now, and
/// returns the messages produced.
fn click(app: &App, id: &str, typed: Option<&str>) -> Vec<Message> {
    let mut ui = simulator(app.view());
    ui.click(Id::from(id.to_owned()))
        .unwrap_or_else(|_| panic!("widget {id} on screen"));
    if let Some(text) = typed {
        ui.typewrite(text);
    }
    ui.into_messages().collect()
}

fn feed(app: &mut App, messages: Vec<Message>) {
    for m in messages {
        tasks::settle(app, m);
    }
}

#[test]
fn the_operator_picks_the_method_types_the_password_opens_the_key_and_signs() {
    let (_dir, mut app) = demo::logged_in(Lang::Kk);
    let id = new_request(&app);
    tasks::settle(
        &mut app,
        Message::Home(tereze::screen::home::Message::Open(id)),
    );

    let messages = click(&app, decide::id::SIGN, None);
    assert!(matches!(
        messages[..],
        [Message::Decide(decide::Message::Sign)]
    ));
    feed(&mut app, messages);

    let messages = click(&app, sign::id::USE_NCALAYER, None);
    assert!(matches!(
        messages[..],
        [Message::Sign(sign::Message::MethodPicked(
            sign::Method::NcaLayer
        ))]
    ));
    feed(&mut app, messages);
    let messages = click(&app, sign::id::USE_FILE, None);
    feed(&mut app, messages);

    // Before a key is open, the sign button does nothing.
    assert!(click(&app, sign::id::SIGN, None).is_empty());

    // The file dialog's answer, as rfd would give it.
    tasks::settle(
        &mut app,
        Message::Sign(sign::Message::FileChosen(Some(demo_key()))),
    );
    let messages = click(&app, sign::id::PASSWORD, Some(DEMO_KEY_PASSWORD));
    assert!(messages.iter().any(
        |m| matches!(m, Message::Sign(sign::Message::PasswordChanged(p)) if p == DEMO_KEY_PASSWORD)
    ));
    feed(&mut app, messages);
    let messages = click(&app, sign::id::OPEN_KEY, None);
    assert!(matches!(
        messages[..],
        [Message::Sign(sign::Message::OpenKey)]
    ));
    feed(&mut app, messages);
    assert_eq!(
        sign_screen(&app)
            .certificate()
            .and_then(|c| c.iin)
            .map(|i| i.as_string()),
        Some(demo::EXECUTOR.0.to_owned())
    );

    let messages = click(&app, sign::id::SIGN, None);
    assert!(matches!(messages[..], [Message::Sign(sign::Message::Sign)]));
    feed(&mut app, messages);
    assert!(sign_screen(&app).is_kept());

    let messages = click(&app, sign::id::CONTINUE, None);
    feed(&mut app, messages);
    assert_eq!(
        decide_screen(&app).loaded().unwrap().request.status,
        Status::Signed
    );
}

#[test]
fn the_operator_registers_takes_into_work_and_decides_by_clicking() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let id = new_request(&app);
    tasks::settle(
        &mut app,
        Message::Home(tereze::screen::home::Message::Open(id)),
    );
    tasks::settle(&mut app, Message::Decide(decide::Message::Sign));
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));

    let messages = click(&app, decide::id::REGISTER, None);
    assert!(matches!(
        messages[..],
        [Message::Decide(decide::Message::Register)]
    ));
    feed(&mut app, messages);
    assert_eq!(status(&app, id), Status::Registered);

    // Refuse is offered at acceptance but stays disabled until a ground is chosen.
    assert!(click(&app, decide::id::REFUSE, None).is_empty());

    let messages = click(&app, decide::id::TAKE, None);
    feed(&mut app, messages);
    assert_eq!(status(&app, id), Status::InWork);

    let messages = click(&app, decide::id::DECIDE, None);
    assert!(matches!(
        messages[..],
        [Message::Decide(decide::Message::Decide)]
    ));
    feed(&mut app, messages);
    assert_eq!(status(&app, id), Status::Decided);

    let messages = click(&app, decide::id::SIGN_RESULT, None);
    feed(&mut app, messages);
    assert_eq!(
        sign_screen(&app).target(),
        tereze::counter::signing::Target::Result
    );
}
