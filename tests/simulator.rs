//! The login screen through iced's headless simulator: the cursor waits in the IIN field, the
//! operator types the IIN, the password, presses Enter, and the app logs in. Widgets are found
//! by their ids, never by translated text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use iced::keyboard::key::Named;
use iced::widget::Id;
use iced_test::simulator;
use tereze::app::Message;
use tereze::i18n::Lang;
use tereze::screen::{Screen, login};
use time::OffsetDateTime;

#[path = "support/demo.rs"]
mod demo;

#[test]
fn typing_iin_and_password_then_enter_logs_in() {
    let (_dir, mut app) = demo::demo_app(Lang::Kk);
    let (iin, password) = demo::EXECUTOR;

    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::new(login::id::IIN)).expect("IIN field");
        ui.typewrite(iin);
        ui.click(Id::new(login::id::PASSWORD))
            .expect("password field");
        ui.typewrite(password);
        ui.tap_key(Named::Enter);
        ui.into_messages().collect::<Vec<_>>()
    };
    let mut submitted = false;
    for message in messages {
        submitted |= matches!(message, Message::Login(login::Message::Submit));
        let _ = app.update(message);
    }
    assert!(submitted, "Enter in the password field submits the form");
    let Screen::Login(form) = app.screen() else {
        panic!("still on the login screen until the store answers");
    };
    assert_eq!(form.iin(), iin);

    // The store's answer, as the login task delivers it.
    let result = login::attempt(
        &app.context().store,
        iin,
        password,
        OffsetDateTime::now_utc(),
    );
    let _ = app.update(Message::Login(login::Message::Finished(result)));
    assert!(matches!(app.screen(), Screen::Home(_)));
}

#[test]
fn typing_a_name_with_the_wrong_layout_in_the_inbox_search_finds_the_child() {
    use tereze::screen::home;

    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::new(home::id::SEARCH)).expect("search field");
        ui.typewrite("Iңкәр");
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!messages.is_empty());
    for message in messages {
        let _ = app.update(message);
    }
    let Screen::Home(screen) = app.screen() else {
        panic!("not on the inbox");
    };
    assert_eq!(screen.filter().query, "Iңкәр");
    let ctx = app.context();
    let found = home::read(&ctx.store, &ctx.registry, &ctx.calendar, &screen.filter()).unwrap();
    assert_eq!(found.rows.len(), 1);
    assert!(
        found.rows[0]
            .request
            .names
            .iter()
            .any(|n| n.contains("Іңкәр"))
    );
}
