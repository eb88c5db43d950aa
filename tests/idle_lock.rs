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

/// The `detail` of every screen-locked row in the audit log, oldest first.
fn lock_reasons(app: &App) -> Vec<String> {
    let store = app.context().store.lock().unwrap();
    let mut stmt = store
        .connection()
        .prepare("SELECT detail FROM audit WHERE action = 'screen-locked' ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|d| d.unwrap())
        .collect()
}

#[test]
fn a_session_ends_after_eight_hours_however_busy_and_a_new_login_starts_a_new_one() {
    let (_dir, mut app) = demo::demo_app(Lang::En);
    demo::log_in(&mut app, demo::EXECUTOR);
    open_form_and_type(&mut app);
    let logged_in = Instant::now();

    assert!(app.lock_if_idle(logged_in + tereze::app::SESSION_LIFETIME));
    let Screen::Login(form) = app.screen() else {
        panic!("the end of the session hides the form");
    };
    assert_eq!(form.error().unwrap().key, "login-session-expired");
    assert_eq!(form.iin(), "900412442007");

    // The same operator enters the password again: the form is back and a new session starts.
    demo::log_in(&mut app, demo::EXECUTOR);
    assert!(matches!(app.screen(), Screen::Request(_)));
    assert!(!app.lock_if_idle(Instant::now() + Duration::from_secs(60)));

    assert!(app.lock_if_idle(Instant::now() + Duration::from_secs(6 * 60)));
    let reasons = lock_reasons(&app);
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons[0].contains("session-lifetime"), "{reasons:?}");
    assert!(reasons[1].contains("idle"), "{reasons:?}");
}
