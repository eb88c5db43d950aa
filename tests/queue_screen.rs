//! The queue screen on the cached queue, by widget ids: the children of one cohort at a time in
//! order, an offer past its deadline marked, this workstation's leases, a referral against a
//! lease refused (translated) for a child another child comes before, the head's allocation
//! controls shown to the head only, and a refresh without a connection refused with a reason.
//! Kindergartens and groups show by name from the store's reference data in the operator's
//! language (the id only when unknown), and without a connection the lease of places for
//! working offline is disabled with the reason.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/tasks.rs"]
mod tasks;

#[path = "support/demo.rs"]
mod demo;

use iced::widget::Id;
use iced_test::selector::Candidate;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::queue::{self as queue_screen, id};
use tereze::screen::{Screen, home};
use tereze_protocol::{
    GroupRecord, LeaseRecord, LeasedGroup, OfferRecord, QueueCacheEntry, QueueSnapshot, RunBrief,
};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

const GROUP: &str = "demo-arys-baldauren-g2";

fn today() -> Date {
    OffsetDateTime::now_utc().date()
}

/// Born so that the child is three today (group G2's age band), `younger` years later.
fn born(younger: i32) -> Date {
    let d = today() - Duration::days(61);
    Date::from_calendar_date(d.year() - 3 + younger, d.month(), d.day().min(28)).unwrap()
}

fn entry(n: u128, younger: i32, position: u32, state: &str) -> QueueCacheEntry {
    let born = born(younger);
    let cohort = born.year();
    QueueCacheEntry {
        request_id: Uuid::from_u128(n),
        request_number: Some(format!("SKO-EDU-ARYS-2026-{n:06}")),
        cohort,
        position,
        class: "general".into(),
        state: state.into(),
        applied_at: OffsetDateTime::now_utc() - Duration::days(300 - n as i64),
        birth_date: born,
        language: "kk".into(),
        correctional: false,
        pmpk_decision: false,
        wishes: Vec::new(),
        initials: "А. Б.".into(),
        stop_listed_until: None,
    }
}

fn offer(n: u128, request: u128, respond_by: Date) -> OfferRecord {
    OfferRecord {
        offer_id: Uuid::from_u128(n),
        run_id: Some(Uuid::from_u128(900)),
        request_id: Uuid::from_u128(request),
        class: "general".into(),
        group_id: GROUP.into(),
        organisation_id: "demo-arys-baldauren".into(),
        state: "offered".into(),
        respond_by,
        referral_until: None,
    }
}

/// Two cohorts: in the older one child 1 has an offer past its deadline, child 2 one still
/// open, children 3 and 4 wait; child 5 is in the younger cohort. One leased place in G2.
fn snapshot() -> QueueSnapshot {
    QueueSnapshot {
        taken_at: OffsetDateTime::now_utc(),
        today: today(),
        rules_version: "kz-2024.1".into(),
        entries: vec![
            entry(1, 0, 1, "offered"),
            entry(2, 0, 2, "offered"),
            entry(3, 0, 3, "waiting"),
            entry(4, 0, 4, "waiting"),
            entry(5, 1, 1, "waiting"),
        ],
        offers: vec![
            offer(101, 1, today() - Duration::days(2)),
            offer(102, 2, today() + Duration::days(5)),
        ],
        groups: vec![GroupRecord {
            group_id: GROUP.into(),
            organisation_id: "demo-arys-baldauren".into(),
            organisation_kind: "kindergarten".into(),
            office_id: "sko-edu-arys".into(),
            age_min: 3,
            age_max: 4,
            language: "kk".into(),
            correctional: false,
            capacity: 25,
            occupied: 22,
            reserved: 3,
            vacant: 0,
        }],
        leases: vec![LeaseRecord {
            lease_id: Uuid::from_u128(700),
            workstation: Uuid::nil(),
            expires_at: OffsetDateTime::now_utc() + Duration::days(2),
            returns_at: OffsetDateTime::now_utc() + Duration::days(4),
            places: vec![LeasedGroup {
                group_id: GROUP.into(),
                organisation_id: "demo-arys-baldauren".into(),
                places: 1,
                used: 0,
            }],
        }],
        runs: vec![RunBrief {
            run_id: Uuid::from_u128(900),
            kind: "scheduled".into(),
            date: today() - Duration::days(3),
            offers: 2,
        }],
    }
}

/// The first text on screen that contains `needle`.
fn text_with(app: &App, needle: &str) -> Option<String> {
    let needle = needle.to_owned();
    simulator(app.view())
        .find(move |c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(needle.as_str()) => {
                Some(content.to_owned())
            }
            _ => None,
        })
        .ok()
}

fn shows(app: &App, widget: String) -> bool {
    simulator(app.view()).find(Id::from(widget)).is_ok()
}

fn queue(app: &App) -> &queue_screen::QueueScreen {
    match app.screen() {
        Screen::Queue(s) => s,
        other => panic!("not on the queue screen: {other:?}"),
    }
}

fn open(app: &mut App, cached: bool) {
    if cached {
        open_with(app, &snapshot());
    } else {
        tasks::settle(app, Message::Home(home::Message::OpenQueue));
        queue(app);
    }
}

fn open_with(app: &mut App, snapshot: &QueueSnapshot) {
    app.context()
        .store
        .lock()
        .unwrap()
        .replace_queue_cache(snapshot)
        .unwrap();
    tasks::settle(app, Message::Home(home::Message::OpenQueue));
    queue(app);
}

#[test]
fn one_cohort_at_a_time_in_order_with_overdue_offers_marked_and_the_leases() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    open(&mut app, true);
    let three = born(0).year();
    assert_eq!(queue(&app).cohort(), Some(three), "the oldest cohort first");
    assert!(shows(&app, id::REFRESHED.to_owned()));
    for n in 1..=4 {
        assert!(shows(&app, id::entry(Uuid::from_u128(n))), "child {n}");
    }
    assert!(!shows(&app, id::entry(Uuid::from_u128(5))));
    assert!(shows(&app, id::overdue(Uuid::from_u128(1))));
    assert!(
        !shows(&app, id::overdue(Uuid::from_u128(2))),
        "the choice window is still open"
    );
    assert!(shows(&app, id::accept(Uuid::from_u128(102))));
    assert!(shows(&app, id::lease(Uuid::from_u128(700))));
    assert!(shows(&app, id::refer(Uuid::from_u128(3), GROUP)));
    assert!(
        !shows(&app, id::refer(Uuid::from_u128(1), GROUP)),
        "a child with an offer is not referred against the lease"
    );
    assert!(
        !shows(&app, id::START_RUN.to_owned()),
        "allocation runs are the head's"
    );

    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::from(id::cohort(three + 1))).unwrap();
        ui.into_messages().collect::<Vec<_>>()
    };
    for m in messages {
        tasks::settle(&mut app, m);
    }
    assert_eq!(queue(&app).cohort(), Some(three + 1));
    assert!(shows(&app, id::entry(Uuid::from_u128(5))));
    assert!(!shows(&app, id::entry(Uuid::from_u128(1))));
}

#[test]
fn a_leased_place_is_refused_for_a_child_another_child_comes_before() {
    let (_dir, mut app) = demo::logged_in(Lang::Kk);
    open(&mut app, true);
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::Refer {
            lease: Uuid::from_u128(700),
            group: GROUP.into(),
            request: Uuid::from_u128(4),
        }),
    );
    let problem = queue(&app).problem().expect("refused").clone();
    let local = (OffsetDateTime::now_utc() + Duration::hours(5)).date();
    let frozen = tereze_core::queue::QueueRules::builtin()
        .unwrap()
        .is_frozen(local);
    let expected = if frozen {
        "queue-frozen"
    } else {
        "queue-offline-not-next"
    };
    assert_eq!(problem.key, expected);
    let shown = app.context().translator.text(&problem);
    assert_ne!(shown, problem.key, "shown translated: {shown}");
    assert!(shows(&app, id::NOTICE.to_owned()));
    let store = app.context().store.lock().unwrap();
    let cached = store.queue_cache().unwrap().unwrap().snapshot;
    assert_eq!(cached.leases[0].places[0].used, 0, "nothing was used");
}

#[test]
fn the_head_sees_the_runs_and_a_refresh_without_a_connection_says_why() {
    let (_dir, mut app) = demo::demo_app(Lang::En);
    demo::log_in(&mut app, demo::HEAD);
    open(&mut app, false);
    assert!(
        matches!(queue(&app).cache(), Some(None)),
        "never refreshed here"
    );
    tasks::settle(&mut app, Message::Queue(queue_screen::Message::Refresh));
    assert_eq!(
        queue(&app).problem().map(|p| p.key),
        Some("connect-status-not-connected")
    );
    app.context()
        .store
        .lock()
        .unwrap()
        .replace_queue_cache(&snapshot())
        .unwrap();
    tasks::settle(&mut app, Message::Queue(queue_screen::Message::Back));
    tasks::settle(&mut app, Message::Home(home::Message::OpenQueue));
    assert!(shows(&app, id::START_RUN.to_owned()));
    assert!(shows(&app, id::run(Uuid::from_u128(900))));
}

#[test]
fn kindergartens_and_groups_show_by_name_in_the_operators_language_and_by_id_only_when_unknown() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    // The server's reference data, once a sync brought it, wins over the built-in set.
    {
        let mut data = tereze_core::reference::ReferenceData::builtin().unwrap();
        let org = data
            .organisations
            .iter_mut()
            .find(|o| o.id == "demo-arys-baldauren")
            .unwrap();
        org.name_ru = "Детский сад «Балдаурен» (с сервера)".into();
        app.context()
            .store
            .lock()
            .unwrap()
            .import_server_reference("server-2", &data)
            .unwrap();
    }
    let mut cached = snapshot();
    cached.entries.push(entry(6, 0, 5, "offered"));
    cached.offers.push(OfferRecord {
        group_id: "sko-nowhere-g9".into(),
        organisation_id: "sko-nowhere".into(),
        ..offer(106, 6, today() + Duration::days(5))
    });
    open_with(&mut app, &cached);

    let offer = format!(
        "Место: Детский сад «Балдаурен» (с сервера), средняя группа «Шаттык», 3–4 лет, на \
         казахском языке · до {}",
        tereze_core::text::format_date(today() + Duration::days(5))
    );
    assert!(
        simulator(app.view()).find(offer.as_str()).is_ok(),
        "the offer of child 2 names the kindergarten and the group: {:?}",
        text_with(&app, "Место: ")
    );
    assert!(
        text_with(&app, "Место: sko-nowhere, sko-nowhere-g9").is_some(),
        "an organisation the reference data does not know shows by its id"
    );
    let lease = text_with(&app, "использовано").expect("the leased group");
    assert_eq!(
        lease,
        "Детский сад «Балдаурен» (с сервера) · средняя группа «Шаттык», 3–4 лет, на казахском \
         языке: использовано 0, осталось 1"
    );
    assert!(
        text_with(&app, "Направить: Детский сад «Балдаурен» (с сервера)").is_some(),
        "the referral against the lease names the group"
    );
    assert!(
        text_with(&app, GROUP).is_none(),
        "no group id shown where the name is known"
    );

    // In Kazakh, the Kazakh names.
    tasks::settle(&mut app, Message::LanguageSelected(Lang::Kk));
    assert_eq!(
        text_with(&app, "пайдаланылды").as_deref(),
        Some(
            "«Балдәурен» демо балабақшасы · «Шаттық» ортаңғы тобы, 3–4 жас, қазақ тілінде: 0 \
             пайдаланылды, 1 қалды"
        )
    );
}

#[test]
fn without_a_connection_the_lease_is_disabled_with_the_reason_and_nothing_is_asked() {
    let (_dir, mut app) = demo::logged_in(Lang::En);
    let mut cached = snapshot();
    cached.groups[0].vacant = 2;
    open_with(&mut app, &cached);
    assert!(shows(&app, id::LEASE_ORGANISATION.to_owned()));
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::LeaseOrganisationPicked(
            "demo-arys-baldauren".into(),
        )),
    );
    let reason = app.context().translator.tr("connect-status-not-connected");
    assert!(shows(&app, id::LEASE_OFFLINE.to_owned()));
    assert!(
        simulator(app.view()).find(reason.as_str()).is_ok(),
        "the reason is shown"
    );
    let clicked = {
        // A tall window, so the form below the queue is on screen without scrolling.
        let mut ui = iced_test::Simulator::with_size(
            iced::Settings::default(),
            iced::Size::new(1024.0, 4000.0),
            app.view(),
        );
        ui.click(Id::from(id::TAKE_LEASE)).unwrap();
        ui.into_messages().count()
    };
    assert_eq!(clicked, 0, "the button is disabled");
    tasks::settle(&mut app, Message::Queue(queue_screen::Message::TakeLease));
    assert_eq!(
        queue(&app).problem().map(|p| p.key),
        Some("connect-status-not-connected")
    );
    let store = app.context().store.lock().unwrap();
    let leases = store.queue_cache().unwrap().unwrap().snapshot.leases;
    assert_eq!(leases.len(), 1, "no lease was added");
}
