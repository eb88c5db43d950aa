//! The sync screen and the inbox's sync line: the outbox with each operation's state and the
//! server's reason, a reload when a cycle settled something, and "sync now" only while a worker
//! runs. Widgets are found by their ids, never by translated text.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use iced::widget::Id;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::sync::{self as sync_screen, Outbox};
use tereze::screen::{Screen, home};
use tereze::sync::{Event, SyncStatus};
use tereze_core::store::OutboxState;
use tereze_protocol::{PushOutcome, PushResult};
use tereze_sync::{SyncEvent, SyncSummary, SyncTrigger};

/// Clicks the widget `id` in the simulator and feeds what it produced back to the app.
fn click(app: &mut App, id: &str) {
    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::from(id.to_owned()))
            .unwrap_or_else(|_| panic!("no widget {id}"));
        ui.into_messages().collect::<Vec<_>>()
    };
    assert!(!messages.is_empty(), "clicking {id} did nothing");
    for message in messages {
        tasks::settle(app, message);
    }
}

fn has(app: &App, id: &str) -> bool {
    simulator(app.view()).find(Id::from(id.to_owned())).is_ok()
}

fn outbox(app: &App) -> Outbox {
    let Screen::Sync(screen) = app.screen() else {
        panic!("not on the sync screen");
    };
    screen.outbox().expect("outbox not read").clone().unwrap()
}

#[test]
fn the_sync_screen_lists_what_the_server_has_not_accepted_with_its_reason() {
    let (_dir, mut app) = demo::logged_in(Lang::Ru);
    // A demo folder is not connected: no worker, so no "sync now".
    assert_eq!(app.context().sync, SyncStatus::NotConnected);
    assert!(!has(&app, home::id::SYNC_NOW));

    click(&mut app, home::id::OPEN_SYNC);
    let before = outbox(&app);
    assert!(
        before.items.len() >= 3,
        "the demo requests wait in the outbox: {before:?}"
    );
    assert!(before.items.iter().all(|i| i.state == OutboxState::Queued));
    for item in &before.items {
        assert!(has(&app, &sync_screen::id::item(item.seq.0)));
    }

    // The server's answers: one accepted, one conflict, one refused with its reason.
    let (accepted, conflict, refused) = (
        before.items[0].seq,
        before.items[1].seq,
        before.items[2].seq,
    );
    app.context()
        .store
        .lock()
        .unwrap()
        .record_push(&[
            PushResult {
                seq: accepted,
                outcome: PushOutcome::Accepted {
                    number: None,
                    cursor: tereze_protocol::Cursor(1),
                },
            },
            PushResult {
                seq: conflict,
                outcome: PushOutcome::Conflict { server_version: 7 },
            },
            PushResult {
                seq: refused,
                outcome: PushOutcome::Rejected {
                    reason: "server-not-permitted".into(),
                },
            },
        ])
        .unwrap();
    // A cycle that settled operations makes the screen read the outbox again.
    tasks::settle(
        &mut app,
        Message::Sync(Event::Progress(SyncEvent::Finished(SyncSummary {
            accepted: 1,
            conflicts: 1,
            rejected: 1,
            ..SyncSummary::default()
        }))),
    );
    let after = outbox(&app);
    assert!(
        after.items.iter().all(|i| i.seq != accepted),
        "accepted still listed"
    );
    assert!(!has(&app, &sync_screen::id::item(accepted.0)));
    let state_of = |seq| after.items.iter().find(|i| i.seq == seq).unwrap();
    assert_eq!(state_of(conflict).state, OutboxState::Conflict);
    let refusal = state_of(refused);
    assert_eq!(refusal.state, OutboxState::Rejected);
    assert_eq!(refusal.reason.as_deref(), Some("server-not-permitted"));
    assert!(has(&app, &sync_screen::id::item(refused.0)));
    assert_eq!(
        (
            after.counts.accepted,
            after.counts.conflict,
            after.counts.rejected
        ),
        (1, 1, 1)
    );
    assert!(matches!(app.context().sync, SyncStatus::Synced { .. }));

    // Once a worker runs, the sync line offers "sync now"; "back" returns to the inbox.
    let (trigger, _triggers) = SyncTrigger::new();
    tasks::settle(&mut app, Message::Sync(Event::Ready(trigger)));
    assert!(has(&app, home::id::SYNC_NOW));
    click(&mut app, sync_screen::id::BACK);
    assert!(matches!(app.screen(), Screen::Home(_)));
    assert!(has(&app, home::id::SYNC_NOW));
}
