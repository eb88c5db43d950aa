//! The settings screen applies only valid settings, keeps them in the data folder, and says
//! what is wrong otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::settings::Message as S;
use tereze::screen::{Screen, home};
use tereze::settings;

#[path = "support/demo.rs"]
mod demo;

#[test]
fn only_valid_settings_are_applied_and_kept() {
    let (dir, mut app) = demo::logged_in(Lang::En);
    let _ = app.update(Message::Home(home::Message::OpenSettings));
    assert!(matches!(app.screen(), Screen::Settings(_)));

    let problem = |app: &App| match app.screen() {
        Screen::Settings(form) => form.problem().map(|p| p.key),
        other => panic!("left the settings screen: {other:?}"),
    };
    let _ = app.update(Message::Settings(S::ServerChanged(
        "http://tereze.kz".into(),
    )));
    let _ = app.update(Message::Settings(S::Save));
    assert_eq!(problem(&app), Some("settings-server-https"));
    let _ = app.update(Message::Settings(S::ServerChanged(
        "https://tereze.kz".into(),
    )));
    let _ = app.update(Message::Settings(S::IdleChanged("30".into())));
    let _ = app.update(Message::Settings(S::Save));
    assert_eq!(problem(&app), Some("settings-idle-range"));
    assert_eq!(
        app.context().settings.server_url,
        None,
        "nothing applied yet"
    );

    let _ = app.update(Message::Settings(S::IdleChanged("7".into())));
    let _ = app.update(Message::Settings(S::Save));
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert_eq!(
        app.context().settings.server_url.as_deref(),
        Some("https://tereze.kz")
    );
    let stored = settings::load(dir.path());
    assert_eq!(stored.settings().idle_lock_minutes, 7);
    assert_eq!(
        stored.settings().server_url.as_deref(),
        Some("https://tereze.kz")
    );
}
