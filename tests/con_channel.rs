#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A request taken at a ЦОН is saved with the ЦОН channel and runs on the ЦОН terms of its
//! regulation (002:L691-842 for the preschool queue: intake 30 minutes, decision 3 working
//! days); a request taken at the education department keeps the department's terms. Driven
//! through the inbox and the request form as the window would.

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, request};
use tereze_core::channel::Channel;
use tereze_core::deadline::{Step, Term, due_at};
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{InboxFilter, NewOperator, Role};
use time::Duration;
use time::macros::date;
use uuid::Uuid;

#[path = "support/demo.rs"]
mod demo;

const CON_PASSWORD: &str = "Con-operator-2026!";

fn pick(id: &str) -> home::Picked {
    home::Picked {
        id: id.into(),
        label: id.into(),
    }
}

/// A ЦОН operator of `office` added to the demo store and logged in.
fn con_operator(app: &mut App, role: Role, office: &str) {
    let iin = (0..200)
        .find_map(|s| Iin::compose(date!(1995 - 01 - 20), Sex::Female, 2500 + s))
        .unwrap();
    {
        let mut store = app.context().store.lock().unwrap();
        let op = store
            .add_operator(
                &NewOperator {
                    iin,
                    full_name: "Оспанова Әсел Нұрланқызы".into(),
                    role,
                    office_id: office.into(),
                    password_hash: None,
                },
                None,
            )
            .unwrap();
        store.set_password(op.id, CON_PASSWORD, None).unwrap();
    }
    demo::log_in(app, (&iin.as_string(), CON_PASSWORD));
    assert!(
        matches!(app.screen(), Screen::Home(_)),
        "{:?}",
        app.screen()
    );
}

/// A preschool request typed into a new form and saved as the save task does.
fn new_preschool_request(app: &mut App) -> Uuid {
    let _ = app.update(Message::Home(home::Message::ServicePicked(pick(
        "preschool-queue",
    ))));
    let _ = app.update(Message::Home(home::Message::ProfilePicked(pick("default"))));
    let _ = app.update(Message::Home(home::Message::NewRequest));
    let child = (0..100)
        .find_map(|s| Iin::compose(date!(2023 - 02 - 14), Sex::Female, 700 + s))
        .unwrap()
        .as_string();
    let applicant = (0..100)
        .find_map(|s| Iin::compose(date!(1992 - 07 - 03), Sex::Female, 1700 + s))
        .unwrap()
        .as_string();
    for (field, value) in [
        ("applicant-iin", applicant.as_str()),
        ("applicant-rnn", "600400123456"),
        ("applicant-last-name", "Нұрланова"),
        ("applicant-first-name", "Сәуле"),
        ("applicant-address", "г. Шымкент, ул. Жібек жолы, 5"),
        ("applicant-postal-index", "160011"),
        ("applicant-phone", "8 701 555 11 22"),
        ("child-iin", child.as_str()),
        ("child-last-name", "Нұрланова"),
        ("child-first-name", "Іңкәр"),
        ("child-birth-date", "14.02.2023"),
        ("child-sex", "female"),
        ("group-language", "kk"),
        ("correctional-group", "false"),
        ("privilege-category", "none"),
    ] {
        let _ = app.update(Message::Request(request::Message::FieldChanged(
            field.into(),
            value.into(),
        )));
    }
    let Screen::Request(form) = app.screen() else {
        panic!("not on the form: {:?}", app.screen());
    };
    let draft = form.draft();
    let operator = app.context().operator.as_ref().unwrap().id;
    let saved = {
        let mut store = app.context().store.lock().unwrap();
        request::save(&mut store, &draft, operator)
    };
    let _ = app.update(Message::Request(request::Message::Saved(saved)));
    let Screen::Request(form) = app.screen() else {
        panic!("not on the form: {:?}", app.screen());
    };
    form.saved_id().expect("saved")
}

/// The channel the request was stored with, and the deadline of the step it is in now.
fn channel_and_deadline(
    app: &App,
    id: Uuid,
) -> (Channel, Step, time::OffsetDateTime, time::OffsetDateTime) {
    let ctx = app.context();
    let store = ctx.store.lock().unwrap();
    let summary = store
        .inbox(&InboxFilter::default())
        .unwrap()
        .into_iter()
        .find(|r| r.id == id)
        .unwrap();
    let regulation = ctx.registry.get("preschool-queue").unwrap();
    let deadline = summary.deadline(regulation, &ctx.calendar).unwrap();
    (
        summary.channel,
        deadline.step,
        summary.status_since,
        deadline.due_at,
    )
}

#[test]
fn a_con_operators_request_has_the_con_channel_and_the_con_terms() {
    let (_dir, mut app) = demo::demo_app(Lang::Ru);
    con_operator(&mut app, Role::ConOperator, "sko-con-shymkent-1");
    let id = new_preschool_request(&mut app);

    let (channel, step, since, due) = channel_and_deadline(&app, id);
    assert_eq!(channel, Channel::Con);
    assert_eq!(step, Step::Intake);
    // 002:L728: intake at the ЦОН within 30 minutes (the department has 10), as the
    // regulation file says.
    let regulation = app.context().registry.get("preschool-queue").unwrap();
    assert_eq!(
        regulation.deadline(Channel::Con, Step::Intake),
        Some(Term::Minutes(30))
    );
    assert_eq!(due - since, Duration::minutes(30));

    // In work, the department decides within 3 working days of the ЦОН's request (002:L779),
    // not within the department's 15 minutes.
    {
        let ctx = app.context();
        let op = ctx.operator.as_ref().unwrap().id;
        let mut store = ctx.store.lock().unwrap();
        let flow = Flow::PreschoolQueue;
        store
            .apply_action(id, flow, Status::Draft, Action::Sign, op)
            .unwrap();
        store.register(id, flow, op).unwrap();
        store
            .apply_action(id, flow, Status::Registered, Action::TakeIntoWork, op)
            .unwrap();
    }
    let (channel, step, since, due) = channel_and_deadline(&app, id);
    assert_eq!(channel, Channel::Con);
    assert_eq!(step, Step::Decide);
    let regulation = app.context().registry.get("preschool-queue").unwrap();
    assert_eq!(
        regulation.deadline(Channel::Con, Step::Decide),
        Some(Term::WorkingDays(3))
    );
    assert_eq!(
        due,
        due_at(since, Term::WorkingDays(3), &app.context().calendar)
    );
    assert!(due - since >= Duration::days(3), "{since} → {due}");
}

#[test]
fn an_executor_at_a_con_branch_takes_requests_through_the_con() {
    let (_dir, mut app) = demo::demo_app(Lang::Kk);
    con_operator(&mut app, Role::Executor, "sko-con-shymkent-2");
    let id = new_preschool_request(&mut app);
    let (channel, _, since, due) = channel_and_deadline(&app, id);
    assert_eq!(channel, Channel::Con);
    assert_eq!(due - since, Duration::minutes(30));
}

#[test]
fn the_departments_executor_keeps_the_office_channel_and_terms() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    let id = new_preschool_request(&mut app);
    let (channel, step, since, due) = channel_and_deadline(&app, id);
    assert_eq!(channel, Channel::Office);
    assert_eq!(step, Step::Intake);
    // 002:L583: intake at the department within 10 minutes.
    assert_eq!(due - since, Duration::minutes(10));
}

#[test]
fn a_con_does_not_take_the_services_that_have_no_con_channel() {
    // 002:L3423: the disabled-child support has no ЦОН channel; 003:L11-13: neither has school
    // admission. The form does not open, and the operator is told where the applicant applies.
    let (_dir, mut app) = demo::demo_app(Lang::Ru);
    con_operator(&mut app, Role::ConOperator, "sko-con-shymkent-1");
    for service in ["disabled-child-support", "school-admission"] {
        let _ = app.update(Message::Home(home::Message::ServicePicked(pick(service))));
        let _ = app.update(Message::Home(home::Message::ProfilePicked(pick("default"))));
        let _ = app.update(Message::Home(home::Message::NewRequest));
        assert!(
            matches!(app.screen(), Screen::Home(_)),
            "{service}: {:?}",
            app.screen()
        );
        let error = app.error().expect("a message");
        assert!(error.contains("не оказывается через ЦОН"), "{error}");
        let names = &app.context().registry.get(service).unwrap().names;
        assert!(error.contains(&names.ru), "{error}");
    }
    // The services with a ЦОН table open as usual.
    let _ = app.update(Message::Home(home::Message::ServicePicked(pick(
        "unemployed-certificate",
    ))));
    let _ = app.update(Message::Home(home::Message::ProfilePicked(pick("default"))));
    let _ = app.update(Message::Home(home::Message::NewRequest));
    let Screen::Request(form) = app.screen() else {
        panic!(
            "the unemployed certificate's form did not open: {:?}",
            app.screen()
        );
    };
    assert_eq!(form.channel(), Channel::Con);
}
