//! A preschool request from the inbox to the store, driven through `update` as the window
//! would: a wrong IIN is flagged beside its field, the right one clears it, the draft saves, a
//! scan attaches (and a text file named .jpg does not), and the inbox finds the child by a name
//! typed on the wrong keyboard layout.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, request};
use tereze_core::iin::{Iin, Sex};
use time::macros::date;

#[path = "support/demo.rs"]
mod demo;

fn form(app: &App) -> &request::RequestForm {
    match app.screen() {
        Screen::Request(form) => form,
        other => panic!("not on the form: {other:?}"),
    }
}

fn type_in(app: &mut App, field: &str, value: &str) {
    let _ = app.update(Message::Request(request::Message::FieldChanged(
        field.into(),
        value.into(),
    )));
}

fn pick(id: &str) -> home::Picked {
    home::Picked {
        id: id.into(),
        label: id.into(),
    }
}

#[test]
fn a_preschool_request_is_checked_saved_attached_and_found() {
    let (dir, mut app) = demo::logged_in(Lang::Ru);
    let _ = app.update(Message::Home(home::Message::ServicePicked(pick(
        "preschool-queue",
    ))));
    let _ = app.update(Message::Home(home::Message::ProfilePicked(pick(
        "south-kazakhstan-2012",
    ))));
    let _ = app.update(Message::Home(home::Message::NewRequest));
    assert!(
        form(&app).shown_errors("child-iin").is_empty(),
        "untouched fields stay quiet"
    );

    let child = (0..100)
        .find_map(|s| Iin::compose(date!(2023 - 02 - 14), Sex::Female, 700 + s))
        .unwrap()
        .as_string();
    let mut wrong = child.clone().into_bytes();
    wrong[11] = if wrong[11] == b'9' {
        b'0'
    } else {
        wrong[11] + 1
    };
    let wrong = String::from_utf8(wrong).unwrap();

    for (field, value) in [
        ("applicant-iin", "900412442007"),
        ("applicant-last-name", "Нұрланова"),
        ("applicant-first-name", "Сәуле"),
        ("applicant-address", "г. Шымкент, ул. Жібек жолы, 5"),
        ("applicant-postal-index", "160011"),
        ("applicant-phone", "8 701 555 11 22"),
        ("child-last-name", "Нұрланова"),
        ("child-first-name", "Іңкәр"),
        ("child-birth-date", "14.02.2023"),
        ("child-sex", "female"),
        ("group-language", "kk"),
        ("correctional-group", "false"),
        ("privilege-category", "none"),
        ("child-iin", &wrong),
    ] {
        type_in(&mut app, field, value);
    }
    let keys: Vec<&str> = form(&app)
        .shown_errors("child-iin")
        .iter()
        .map(|m| m.key)
        .collect();
    assert_eq!(keys, ["iin-control-digit"]);

    type_in(&mut app, "child-iin", &child);
    assert!(form(&app).shown_errors("child-iin").is_empty());
    assert!(form(&app).shown_errors("applicant-phone").is_empty());

    // Save, as the save task does.
    let operator = app.context().operator.as_ref().unwrap().id;
    let draft = form(&app).draft();
    assert_eq!(draft.fields["applicant-phone"], "+77015551122");
    let saved = {
        let mut store = app.context().store.lock().unwrap();
        request::save(&mut store, &draft, operator)
    };
    let _ = app.update(Message::Request(request::Message::Saved(saved)));
    let id = form(&app).saved_id().expect("saved");

    // A text file named like a photo is refused by its content; the real scan attaches.
    let fake = dir.path().join("scan.jpg");
    fs::write(&fake, "not an image").unwrap();
    let scan = dir.path().join("birth.pdf");
    fs::write(
        &scan,
        tereze_core::scan::sample_jpeg(b"birth certificate", 2048),
    )
    .unwrap();
    for (path, expect_ok) in [(fake, false), (scan, true)] {
        let result = {
            let mut store = app.context().store.lock().unwrap();
            store
                .add_attachment(id, "birth-certificate", "scan", &path, operator)
                .map_err(|e| tereze_core::i18n::Localize::localized(&e))
        };
        assert_eq!(result.is_ok(), expect_ok, "{path:?}: {result:?}");
        let _ = app.update(Message::Request(request::Message::Attached(result)));
    }
    assert_eq!(form(&app).attachments().len(), 1);
    assert!(
        form(&app).report().unwrap().is_ok(),
        "{:?}",
        form(&app).report()
    );

    // Back in the inbox, the child is found by a name typed with a Latin I.
    let _ = app.update(Message::Request(request::Message::Back));
    let _ = app.update(Message::Home(home::Message::QueryChanged(
        "Iңкәр Нұрл".into(),
    )));
    let Screen::Home(screen) = app.screen() else {
        panic!("not back in the inbox");
    };
    let ctx = app.context();
    let found = home::read(&ctx.store, &ctx.registry, &ctx.calendar, &screen.filter()).unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].request.id, id);
}
