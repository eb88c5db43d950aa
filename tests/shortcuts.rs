//! Keyboard shortcuts reach the screen on show: Ctrl+N opens the picked service's form in the
//! inbox, Ctrl+S saves it (and shows every field's problems).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze::app::Message;
use tereze::i18n::Lang;
use tereze::screen::{Screen, home};

#[path = "support/demo.rs"]
mod demo;

#[test]
fn ctrl_n_opens_the_form_and_ctrl_s_saves_it() {
    let (_dir, mut app) = demo::logged_in(Lang::En);
    // Nothing picked yet: Ctrl+N stays in the inbox.
    let _ = app.update(Message::NewShortcut);
    assert!(matches!(app.screen(), Screen::Home(_)));

    let _ = app.update(Message::Home(home::Message::ServicePicked(home::Picked {
        id: "preschool-queue".into(),
        label: String::new(),
    })));
    let _ = app.update(Message::NewShortcut);
    let Screen::Request(form) = app.screen() else {
        panic!("Ctrl+N should open the form");
    };
    assert!(form.shown_errors("applicant-iin").is_empty());

    let _ = app.update(Message::SaveShortcut);
    let Screen::Request(form) = app.screen() else {
        panic!("saving stays on the form");
    };
    let keys: Vec<&str> = form
        .shown_errors("applicant-iin")
        .iter()
        .map(|m| m.key)
        .collect();
    assert_eq!(keys, ["flk-mandatory-missing"]);
}
