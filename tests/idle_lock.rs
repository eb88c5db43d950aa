//! An idle workstation locks: personal data leaves the screen and the password is asked again;
//! the same operator gets the hidden screen back as it was, anyone else starts afresh.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, login, request};
use tereze::startup;
use time::OffsetDateTime;

fn app() -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let run = RunArgs {
        data_dir: Some(dir.path().to_path_buf()),
        demo: true,
        lang: Some(Lang::En),
    };
    (
        dir,
        App::new(startup::start(&run, Lang::En).unwrap().context()),
    )
}

fn log_in(app: &mut App, iin: &str, password: &str) {
    let result = login::attempt(
        &app.context().store,
        iin,
        password,
        OffsetDateTime::now_utc(),
    );
    let _ = app.update(Message::Login(login::Message::Finished(result)));
}

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
    let (_dir, mut app) = app();
    log_in(&mut app, "900412442007", "demo-executor-2026");
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

    log_in(&mut app, "900412442007", "demo-executor-2026");
    let Screen::Request(form) = app.screen() else {
        panic!("the same operator gets the form back");
    };
    assert_eq!(form.draft().fields["child-first-name"], "Айсұлу");
}

#[test]
fn another_operator_does_not_see_the_hidden_screen() {
    let (_dir, mut app) = app();
    log_in(&mut app, "900412442007", "demo-executor-2026");
    open_form_and_type(&mut app);
    assert!(app.lock_if_idle(Instant::now() + Duration::from_secs(6 * 60)));
    log_in(&mut app, "790925317006", "demo-head-2026");
    assert!(matches!(app.screen(), Screen::Home(_)));
}
