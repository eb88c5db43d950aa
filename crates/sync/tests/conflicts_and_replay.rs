//! Two workstations edit the same request offline: the one that reaches the server first wins,
//! the other's edit becomes a conflict that keeps both versions, is listed for the head of
//! department and shows as `conflict` in that workstation's outbox. Sending the whole outbox
//! again, three times, leaves the server exactly as it was. On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use server_support::{TestDb, Workstation, on_both, server_for};
use support::{assert_exactly_once, config, engine, provision, runtime, server_state};
use tereze_core::store::OutboxState;
use tereze_protocol::{ChangedEntity, ConflictList, Operation};
use tereze_sync::{EventSender, SyncEngine};

#[test]
fn when_a_syncs_first_a_wins_and_b_holds_the_conflict() {
    on_both(|db: TestDb| offline_edits_of_one_request(&db, "a"));
}

#[test]
fn when_b_syncs_first_b_wins_and_a_holds_the_conflict() {
    on_both(|db: TestDb| offline_edits_of_one_request(&db, "b"));
}

/// Two workstations edit version 1 of the same request offline; `first_wins` syncs first.
fn offline_edits_of_one_request(db: &TestDb, first_wins: &str) {
    let context = format!("{}, {first_wins} syncs first", db.label);
    let mut a = Workstation::new(81);
    let id = a.new_request("Әлібек");
    let server = server_for(db, &a);
    let rt = runtime();
    let engine_a = engine(&server.url, &server, &a);
    let (mut b, credential) = provision(&server, 82);
    let engine_b = SyncEngine::new(config(&server.url, &credential, b.operator.id)).unwrap();
    let none = EventSender::none();
    rt.block_on(engine_a.sync_once(&mut a.store, &none))
        .unwrap();
    rt.block_on(engine_b.sync_once(&mut b.store, &none))
        .unwrap();
    assert_eq!(b.store.load_request(id).unwrap().version, 1);

    // Both edit version 1 while offline.
    a.edit(id, "child-name", "Әлібек (A)");
    b.edit(id, "child-name", "Әлібек (B)");
    let (winner, loser) = if first_wins == "a" {
        rt.block_on(engine_a.sync_once(&mut a.store, &none))
            .unwrap();
        let s = rt
            .block_on(engine_b.sync_once(&mut b.store, &none))
            .unwrap();
        assert_eq!(s.conflicts, 1, "{context}");
        (&mut a, &mut b)
    } else {
        rt.block_on(engine_b.sync_once(&mut b.store, &none))
            .unwrap();
        let s = rt
            .block_on(engine_a.sync_once(&mut a.store, &none))
            .unwrap();
        assert_eq!(s.conflicts, 1, "{context}");
        (&mut b, &mut a)
    };
    let winning = format!("Әлібек ({})", first_wins.to_uppercase());
    let losing = if first_wins == "a" {
        "Әлібек (B)"
    } else {
        "Әлібек (A)"
    };

    // The loser's outbox shows the conflict; its screen now shows the server's version.
    let conflicts = loser
        .store
        .outbox_items(Some(OutboxState::Conflict), 10)
        .unwrap();
    assert_eq!(conflicts.len(), 1, "{context}");
    assert_eq!(
        (conflicts[0].entity_id, conflicts[0].entity_version),
        (id, 2)
    );
    assert_eq!(loser.store.outbox_counts().unwrap().waiting(), 0);
    let shown = loser.store.load_request(id).unwrap();
    assert_eq!(
        (shown.version, shown.fields["child-name"].as_str()),
        (2, winning.as_str()),
        "{context}"
    );
    // Its own version is kept in its outbox.
    let kept = loser
        .store
        .outbox_after(tereze_protocol::Seq(conflicts[0].seq.0 - 1), 1)
        .unwrap();
    match &kept[0].operation {
        Operation::SaveRequest { request } => {
            assert_eq!(request.fields["child-name"], losing, "{context}")
        }
        other => panic!("{context}: {other:?}"),
    }
    assert_eq!(winner.store.outbox_counts().unwrap().conflict, 0);

    // The head of department sees both versions.
    let list: ConflictList = server.client(server.head).get("/v1/conflicts").json();
    assert_eq!(list.conflicts.len(), 1, "{context}");
    let c = &list.conflicts[0];
    assert_eq!((c.entity_id, c.base_version, c.server_version), (id, 1, 2));
    match &c.server_state {
        Some(ChangedEntity::Request { request }) => {
            assert_eq!(request.fields["child-name"], winning, "{context}")
        }
        other => panic!("{context}: {other:?}"),
    }
    match &c.incoming.operation {
        Operation::SaveRequest { request } => {
            assert_eq!(request.fields["child-name"], losing, "{context}")
        }
        other => panic!("{context}: {other:?}"),
    }
    assert_eq!(c.incoming.workstation, loser.store.workstation());

    // Both workstations converge on the server's state.
    rt.block_on(engine_a.sync_once(&mut a.store, &none))
        .unwrap();
    rt.block_on(engine_b.sync_once(&mut b.store, &none))
        .unwrap();
    assert_exactly_once(&server, &a.store, &context);
    assert_exactly_once(&server, &b.store, &context);
    let conflict_id = c.id;
    let loser = if first_wins == "a" { &mut b } else { &mut a };
    let engine_loser = if first_wins == "a" {
        &engine_b
    } else {
        &engine_a
    };

    // Once the head of department has resolved the conflict, the loser's next edit, made
    // against the server's version it has pulled since, is accepted. (While it is open, the
    // server holds such an edit as a conflict too: by the version number alone it cannot tell
    // which version 2 the edit was made against.)
    let head = server.client(server.head);
    let open: ConflictList = head.get("/v1/conflicts").json();
    assert_eq!(open.conflicts[0].id, conflict_id);
    for c in open.conflicts.iter().filter(|c| !c.resolved) {
        let resolved = head.post(&format!("/v1/conflicts/{}/resolve", c.id), b"");
        assert_eq!(resolved.status, 204, "{context}");
    }
    rt.block_on(engine_loser.sync_once(&mut loser.store, &none))
        .unwrap();
    loser.edit(id, "applicant-phone", "+77020000000");
    let s = rt
        .block_on(engine_loser.sync_once(&mut loser.store, &none))
        .unwrap();
    assert_eq!((s.accepted, s.conflicts), (1, 0), "{context}");
    let server_request = server_state(&server).entities[&id.to_string()].clone();
    assert_eq!(server_request.0, 3);
    assert!(
        server_request.1.contains(&winning),
        "{context}: the winner's edit was lost"
    );
}

#[test]
fn the_whole_outbox_sent_three_more_times_leaves_the_server_unchanged() {
    on_both(|db: TestDb| {
        let mut a = Workstation::new(91);
        let id = a.new_request("Мирас");
        let server = server_for(&db, &a);
        let rt = runtime();
        let none = EventSender::none();
        let (mut b, credential) = provision(&server, 92);
        let engine_a = engine(&server.url, &server, &a);
        let engine_b = SyncEngine::new(config(&server.url, &credential, b.operator.id)).unwrap();
        rt.block_on(engine_a.sync_once(&mut a.store, &none))
            .unwrap();
        rt.block_on(engine_b.sync_once(&mut b.store, &none))
            .unwrap();
        // An outbox with accepted operations and a conflict.
        for i in 0..5 {
            let other = b.new_request(&format!("Бала {i}"));
            b.edit(other, "child-name", &format!("Бала {i}!"));
        }
        a.edit(id, "child-name", "Мирас (A)");
        b.edit(id, "child-name", "Мирас (B)");
        rt.block_on(engine_a.sync_once(&mut a.store, &none))
            .unwrap();
        rt.block_on(engine_b.sync_once(&mut b.store, &none))
            .unwrap();
        let before = server_state(&server);
        let items_before = b.store.outbox_items(None, 1000).unwrap();
        assert_eq!(b.store.outbox_counts().unwrap().conflict, 1);

        for round in 1..=3 {
            let tally = rt.block_on(engine_b.resend_all(&mut b.store)).unwrap();
            assert!(!tally.any(), "{}: round {round}: {tally:?}", db.label);
            assert_eq!(server_state(&server), before, "{}: round {round}", db.label);
            assert_eq!(b.store.outbox_items(None, 1000).unwrap(), items_before);
        }
        // New work sent by a resend is applied once; further resends change nothing.
        b.new_request("Жаңа");
        let tally = rt.block_on(engine_b.resend_all(&mut b.store)).unwrap();
        assert_eq!(tally.accepted, 1, "{}", db.label);
        let after_new = server_state(&server);
        for _ in 0..2 {
            rt.block_on(engine_b.resend_all(&mut b.store)).unwrap();
            assert_eq!(server_state(&server), after_new, "{}", db.label);
        }
        rt.block_on(engine_b.sync_once(&mut b.store, &none))
            .unwrap();
        assert_exactly_once(&server, &b.store, db.label);
    });
}
