//! An idle workstation locks: personal data leaves the screen and the password is asked again;
//! the same operator gets the hidden screen back as it was, anyone else starts afresh.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, request};

#[path = "support/demo.rs"]
mod demo;

fn open_form_and_type(app: &mut App) {
    let pick = |id: &str| home::Picked {
        id: id.into(),
        label: id.into(),
    };
    let _ = app.update(Message::Home(home::Message::ServicePicked(pick(
        "preschool-queue",
    ))));
    let _ = app.update(Message::Home(home::Message::NewRequest));
    let _ = app.update(Message::Request(request::Message::FieldChanged(
        "child-first-name".into(),
        "Айсұлу".into(),
    )));
}

#[test]
fn an_idle_screen_locks_and_comes_back_for_the_same_operator() {
    let (_dir, mut app) = demo::demo_app(Lang::En);
    demo::log_in(&mut app, demo::EXECUTOR);
    open_form_and_type(&mut app);
    let typed_at = Instant::now();

    assert!(!app.lock_if_idle(typed_at + Duration::from_secs(4 * 60)));
    assert!(matches!(app.screen(), Screen::Request(_)));

    assert!(app.lock_if_idle(typed_at + Duration::from_secs(6 * 60)));
    let Screen::Login(form) = app.screen() else {
        panic!("the lock must hide the form");
    };
    assert_eq!(form.iin(), "900412442007");
    assert_eq!(form.error().unwrap().key, "login-locked-idle");

    demo::log_in(&mut app, demo::EXECUTOR);
    let Screen::Request(form) = app.screen() else {
        panic!("the same operator gets the form back");
    };
    assert_eq!(form.draft().fields["child-first-name"], "Айсұлу");
}

#[test]
fn another_operator_does_not_see_the_hidden_screen() {
    let (_dir, mut app) = demo::demo_app(Lang::En);
    demo::log_in(&mut app, demo::EXECUTOR);
    open_form_and_type(&mut app);
    assert!(app.lock_if_idle(Instant::now() + Duration::from_secs(6 * 60)));
    demo::log_in(&mut app, demo::HEAD);
    assert!(matches!(app.screen(), Screen::Home(_)));
}
