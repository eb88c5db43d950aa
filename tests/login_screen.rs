//! The login screen, driven through the app's `update` as the window would: the demo executor
//! gets in with the README's password, a wrong password gets the regulation's refusal, and
//! logging out returns to the login screen.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, login};
use time::OffsetDateTime;

#[path = "support/demo.rs"]
mod demo;

/// Types into the form, then does what the login task would do off the UI thread.
fn log_in(app: &mut App, iin: &str, password: &str) {
    let _ = app.update(Message::Login(login::Message::IinChanged(iin.into())));
    let _ = app.update(Message::Login(login::Message::PasswordChanged(
        password.into(),
    )));
    let _ = app.update(Message::Login(login::Message::Submit));
    let result = login::attempt(
        &app.context().store,
        iin,
        password,
        OffsetDateTime::now_utc(),
    );
    let _ = app.update(Message::Login(login::Message::Finished(result)));
}

#[test]
fn the_demo_executor_logs_in_and_out() {
    let (_dir, mut app) = demo::demo_app(Lang::Ru);
    assert!(matches!(app.screen(), Screen::Login(_)));
    log_in(&mut app, "900412 442007", "demo-executor-2026");
    assert!(
        matches!(app.screen(), Screen::Home(_)),
        "{:?}",
        app.screen()
    );
    let operator = app.context().operator.as_ref().unwrap();
    assert!(operator.full_name.contains("демо"));

    let _ = app.update(Message::Home(home::Message::LogOut));
    assert!(matches!(app.screen(), Screen::Login(_)));
    assert!(app.context().operator.is_none());
    let store = app.context().store.lock().unwrap();
    store.verify_audit().unwrap();
}

#[test]
fn a_wrong_password_is_refused_with_the_regulation_message() {
    let (_dir, mut app) = demo::demo_app(Lang::Ru);
    log_in(&mut app, "900412442007", "not-the-password");
    let Screen::Login(screen) = app.screen() else {
        panic!("a wrong password must not log in");
    };
    assert_eq!(screen.error().unwrap().key, "login-refused");
    let shown = app.context().translator.text(screen.error().unwrap());
    assert!(shown.contains("Отказ в авторизации"), "{shown}");
}

#[test]
fn the_iin_field_keeps_only_twelve_digits() {
    let (_dir, mut app) = demo::demo_app(Lang::Ru);
    let _ = app.update(Message::Login(login::Message::IinChanged(
        "9004a12 44200799".into(),
    )));
    let Screen::Login(screen) = app.screen() else {
        panic!("still on the login screen");
    };
    // Letters and spaces never appear; what follows the twelfth digit is dropped.
    assert_eq!(screen.iin(), "900412442007");
}
