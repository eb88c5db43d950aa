//! Pictures of the screens an operator walks through to serve one applicant, rendered headless
//! by the same CPU renderer as the window, in the window's size and with its bundled font, and
//! compared pixel for pixel with the images kept in `tests/snapshots/`. A screen that changes
//! fails here until its new picture is reviewed and committed; the README's walk-through shows
//! these same files, so it never drifts from the real screens.
//!
//! Only states that look the same on every day and every machine are taken: nothing here shows
//! a date, a number or an id made at run time.
//!
//! To accept a change: delete the old picture, run this test (it writes the new one), look at
//! it and commit it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use iced_test::Simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{decide, home, request, sign};
use tereze::theme;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

/// The window's size (`src/main.rs`).
const WINDOW: (f32, f32) = (960.0, 640.0);

/// Renders the app's current screen and compares it with `tests/snapshots/<name>-<renderer>.png`
/// (written when missing).
fn matches_snapshot(app: &App, name: &str) {
    let settings = iced::Settings {
        fonts: vec![theme::FONT_REGULAR.into(), theme::FONT_BOLD.into()],
        default_font: theme::FONT,
        ..iced::Settings::default()
    };
    let mut ui = Simulator::with_size(settings, WINDOW, app.view());
    let snapshot = ui.snapshot(&iced::Theme::Light).expect("render the screen");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    assert!(
        snapshot
            .matches_image(&path)
            .expect("read or write the picture"),
        "the screen `{name}` no longer looks like tests/snapshots/{name}-*.png; if the change \
         is wanted, delete that picture, run this test again and commit the new one"
    );
}

/// The fields of the demo applicant as an operator types them into a new preschool request.
fn type_the_form(app: &mut App) {
    use tereze_core::iin::{Iin, Sex};
    use time::macros::date;
    let applicant = (0..200)
        .find_map(|s| Iin::compose(date!(1993 - 03 - 14), Sex::Female, 3300 + s))
        .unwrap()
        .as_string();
    let child = (0..200)
        .find_map(|s| Iin::compose(date!(2022 - 08 - 09), Sex::Male, 5300 + s))
        .unwrap()
        .as_string();
    let fields = [
        ("applicant-iin", applicant.as_str()),
        ("applicant-last-name", "Серікова"),
        ("applicant-first-name", "Дана"),
        ("applicant-patronymic", "Қайратқызы"),
        ("applicant-address", "г. Шымкент, ул. Толе би, д. 3"),
        ("applicant-postal-index", "160000"),
        ("applicant-phone", "+7 701 555 04 04"),
        ("child-iin", child.as_str()),
        ("child-last-name", "Сериков"),
        ("child-first-name", "Әли"),
        ("child-patronymic", "Асқарұлы"),
    ];
    for (field, value) in fields {
        tasks::settle(
            app,
            Message::Request(request::Message::FieldChanged(
                field.to_owned(),
                value.to_owned(),
            )),
        );
    }
}

#[test]
fn login_in_kazakh() {
    let (_dir, app) = demo::demo_app(Lang::Kk);
    matches_snapshot(&app, "login-kk");
}

#[test]
fn new_preschool_request_in_russian() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let service = home::Picked {
        id: "preschool-queue".to_owned(),
        label: String::new(),
    };
    let profile = home::Picked {
        id: tereze_core::demo::DEMO_PROFILE.to_owned(),
        label: String::new(),
    };
    tasks::settle(
        &mut app,
        Message::Home(home::Message::ServicePicked(service)),
    );
    tasks::settle(
        &mut app,
        Message::Home(home::Message::ProfilePicked(profile)),
    );
    tasks::settle(&mut app, Message::Home(home::Message::NewRequest));
    assert!(matches!(app.screen(), tereze::screen::Screen::Request(_)));
    type_the_form(&mut app);
    matches_snapshot(&app, "request-form-ru");
}

#[test]
fn signing_key_opened_in_kazakh() {
    let (_dir, mut app) = demo::logged_in(Lang::Kk);
    let id = counter::new_request(&app);
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    matches_snapshot(&app, "draft-kk");
    tasks::settle(&mut app, Message::Decide(decide::Message::Sign));
    tasks::settle(
        &mut app,
        Message::Sign(sign::Message::FileChosen(Some(counter::demo_key()))),
    );
    tasks::settle(
        &mut app,
        Message::Sign(sign::Message::PasswordChanged(
            counter::DEMO_KEY_PASSWORD.to_owned(),
        )),
    );
    tasks::settle(&mut app, Message::Sign(sign::Message::OpenKey));
    assert!(counter::sign_screen(&app).certificate().is_some());
    matches_snapshot(&app, "sign-kk");
}
