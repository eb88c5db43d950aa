//! The inbox after login, driven through `update` as the window would: every demo request is
//! listed with a deadline, a name typed with a Latin I finds the Kazakh one, and the status
//! filter narrows the list.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home};
use tereze_core::lifecycle::Status;

#[path = "support/demo.rs"]
mod demo;

fn logged_in() -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo::logged_in(Lang::Kk);
    reload(&mut app);
    (dir, app)
}

/// Does what the inbox's load task does off the UI thread, for the screen's current filter.
fn reload(app: &mut App) {
    let Screen::Home(screen) = app.screen() else {
        panic!("not logged in");
    };
    let ctx = app.context();
    let loaded = home::read(&ctx.store, &ctx.registry, &ctx.calendar, &screen.filter());
    let _ = app.update(Message::Home(home::Message::Loaded(loaded)));
}

fn rows(app: &App) -> Vec<home::InboxRow> {
    let Screen::Home(screen) = app.screen() else {
        panic!("not logged in");
    };
    screen.loaded().unwrap().rows.clone()
}

#[test]
fn every_request_is_listed_with_its_deadline_and_the_outbox_count() {
    let (_dir, app) = logged_in();
    let rows = rows(&app);
    assert_eq!(rows.len(), 4);
    // Every demo request is in a step the preschool regulation limits.
    assert!(rows.iter().all(|r| r.deadline.is_some()));
    let Screen::Home(screen) = app.screen() else {
        panic!()
    };
    assert!(screen.loaded().unwrap().pending_outbox > 0);
}

#[test]
fn a_name_typed_with_latin_i_finds_the_child() {
    let (_dir, mut app) = logged_in();
    let _ = app.update(Message::Home(home::Message::QueryChanged("Iңкәр".into())));
    reload(&mut app);
    let found = rows(&app);
    assert_eq!(found.len(), 1);
    assert!(found[0].request.names.iter().any(|n| n.contains("Іңкәр")));
}

#[test]
fn the_status_filter_narrows_the_list() {
    let (_dir, mut app) = logged_in();
    let Screen::Home(screen) = app.screen() else {
        panic!()
    };
    let mut filter = screen.filter();
    assert!(filter.statuses.is_empty());
    filter.statuses = vec![Status::InWork];
    let ctx = app.context();
    let loaded = home::read(&ctx.store, &ctx.registry, &ctx.calendar, &filter).unwrap();
    assert_eq!(loaded.rows.len(), 1);
    assert_eq!(loaded.rows[0].request.status, Status::InWork);
    let _ = app.update(Message::Home(home::Message::Loaded(Ok(loaded))));
    assert_eq!(rows(&app).len(), 1);
}
