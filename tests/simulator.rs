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

#[test]
fn an_attached_scan_shows_its_thumbnail_and_goes_after_a_confirmed_removal() {
    use iced::Size;
    use iced_test::Simulator;
    use tereze::screen::{home, request};

    #[path = "support/scans.rs"]
    mod scans;
    #[path = "support/tasks.rs"]
    mod tasks;

    // A tall window, so the whole form is on screen without scrolling.
    fn ui(app: &tereze::app::App) -> Simulator<'_, Message> {
        Simulator::with_size(
            iced::Settings::default(),
            Size::new(1024.0, 4000.0),
            app.view(),
        )
    }
    let (dir, mut app) = demo::logged_in(Lang::Kk);
    for message in [
        home::Message::ServicePicked(home::Picked {
            id: "preschool-queue".into(),
            label: String::new(),
        }),
        home::Message::ProfilePicked(home::Picked {
            id: "default".into(),
            label: String::new(),
        }),
        home::Message::NewRequest,
    ] {
        let _ = app.update(Message::Home(message));
    }
    tasks::settle(&mut app, Message::Request(request::Message::Save));
    let scan = dir.path().join("туу-туралы-куәлік.jpg");
    std::fs::write(&scan, scans::jpeg(120, 160)).unwrap();
    tasks::settle(&mut app, Message::FileDropped(scan));
    let Screen::Request(form) = app.screen() else {
        panic!("not on the form");
    };
    let attachment = form.attachments()[0].id;
    assert!(matches!(form.thumbnail(attachment), Some(Ok(_))));

    // The thumbnail is on screen; the remove button asks before anything happens.
    let messages = {
        let mut ui = ui(&app);
        ui.find(Id::from(request::id::thumbnail(attachment)))
            .expect("thumbnail");
        ui.click(Id::from(request::id::remove(attachment)))
            .expect("remove button");
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(
        messages.iter().any(
            |m| matches!(m, Message::Request(request::Message::Remove(id)) if *id == attachment)
        )
    );
    for message in messages {
        tasks::settle(&mut app, message);
    }
    let messages = {
        let mut ui = ui(&app);
        ui.find(Id::from(request::id::thumbnail(attachment)))
            .expect("still there until confirmed");
        ui.click(Id::new(request::id::CONFIRM_REMOVE))
            .expect("confirm button");
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        tasks::settle(&mut app, message);
    }
    let mut ui = ui(&app);
    assert!(
        ui.find(Id::from(request::id::thumbnail(attachment)))
            .is_err(),
        "the thumbnail is gone"
    );
    drop(ui);
    let Screen::Request(form) = app.screen() else {
        panic!("not on the form");
    };
    assert!(form.attachments().is_empty());
    let stored = app
        .context()
        .store
        .lock()
        .unwrap()
        .attachments(form.saved_id().unwrap())
        .unwrap();
    assert!(stored.is_empty());
}
