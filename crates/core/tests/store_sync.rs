//! The store's side of sync: outbox states the app can list, pulled changes committed with their
//! cursor, local unsent edits held against pulled states, pulled scans verified by hash, and the
//! upgrade of a store written before sync existed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use rusqlite::Connection;
use tereze_core::channel::Channel;
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{
    DB_FILE, NewOperator, OutboxState, RequestDraft, Role, Store, StoreError, migrate, sha256_hex,
};
use tereze_protocol::{
    AttachmentRecord, Change, ChangedEntity, ChangesPage, Cursor, PushOutcome, PushResult,
    RequestRecord, Seq,
};
use time::OffsetDateTime;
use time::macros::{date, datetime};
use uuid::Uuid;

fn executor(store: &mut Store) -> Uuid {
    let iin = (1..)
        .find_map(|s| Iin::compose(date!(1990 - 05 - 17), Sex::Male, s))
        .unwrap();
    store
        .add_operator(
            &NewOperator {
                iin,
                full_name: "Нұрланов Ерасыл".into(),
                role: Role::Executor,
                office_id: "sko-edu-arys".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap()
        .id
}

fn save(store: &mut Store, by: Uuid, id: Option<Uuid>, expected: Option<i64>, child: &str) -> Uuid {
    let mut fields = BTreeMap::new();
    fields.insert("child-last-name".to_owned(), child.to_owned());
    store
        .save_request(
            &RequestDraft {
                id,
                expected_version: expected,
                service_id: "preschool-queue".into(),
                profile: "default".into(),
                channel: Channel::Office,
                fields,
            },
            by,
        )
        .unwrap()
        .id
}

/// A request as the server would send it, written by an operator this store does not know.
fn server_request(
    id: Uuid,
    version: i64,
    status: &str,
    number: Option<&str>,
    child: &str,
) -> RequestRecord {
    let mut fields = BTreeMap::new();
    fields.insert("child-last-name".to_owned(), child.to_owned());
    RequestRecord {
        id,
        version,
        number: number.map(str::to_owned),
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: "office".into(),
        status: status.into(),
        fields,
        created_by: Uuid::from_u128(0xA11CE),
        saved_by: Uuid::from_u128(0xA11CE),
        created_at: datetime!(2026-03-02 04:00:00 UTC),
        updated_at: datetime!(2026-03-02 05:00:00 UTC) + time::Duration::minutes(version),
        queue: None,
    }
}

fn page(first: u64, entities: Vec<ChangedEntity>) -> ChangesPage {
    let changes: Vec<Change> = entities
        .into_iter()
        .zip(first..)
        .map(|(entity, c)| Change {
            cursor: Cursor(c),
            entity,
        })
        .collect();
    let next = changes.last().map_or(Cursor(first - 1), |c| c.cursor);
    ChangesPage {
        changes,
        next,
        more: false,
    }
}

fn request(r: RequestRecord) -> ChangedEntity {
    ChangedEntity::Request { request: r }
}

fn result(seq: u64, outcome: PushOutcome) -> PushResult {
    PushResult {
        seq: Seq(seq),
        outcome,
    }
}

#[test]
fn outbox_states_follow_the_servers_answers_and_are_listed_with_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store);
    let a = save(&mut store, op, None, None, "Әлиева");
    save(&mut store, op, Some(a), Some(1), "Әлиева-Серікқызы");
    let b = save(&mut store, op, None, None, "Иванова");
    store
        .apply_action(b, Flow::Standard, Status::Draft, Action::Sign, op)
        .unwrap();
    let counts = store.outbox_counts().unwrap();
    assert_eq!((counts.queued, counts.waiting()), (4, 4));

    store
        .mark_sending(&[Seq(1), Seq(2), Seq(3), Seq(4)])
        .unwrap();
    assert_eq!(store.outbox_counts().unwrap().sending, 4);

    let tally = store
        .record_push(&[
            result(
                1,
                PushOutcome::Accepted {
                    number: None,
                    cursor: Cursor(1),
                },
            ),
            result(2, PushOutcome::Conflict { server_version: 2 }),
            result(
                3,
                PushOutcome::Rejected {
                    reason: "server-not-permitted".into(),
                },
            ),
            result(
                4,
                PushOutcome::Retry {
                    reason: "server-blob-missing".into(),
                    expected: Seq(4),
                },
            ),
        ])
        .unwrap();
    assert_eq!(
        (tally.accepted, tally.conflict, tally.rejected, tally.retry),
        (1, 1, 1, 1)
    );

    let counts = store.outbox_counts().unwrap();
    assert_eq!(
        OutboxState::ALL.map(|s| counts.of(s)),
        [1, 0, 1, 1, 1],
        "queued, sending, accepted, conflict, rejected"
    );
    let items = store.outbox_items(None, 100).unwrap();
    let listed: Vec<_> = items
        .iter()
        .map(|i| {
            (
                i.seq.0,
                i.state,
                i.reason.as_deref(),
                i.settled_at.is_some(),
            )
        })
        .collect();
    assert_eq!(
        listed,
        [
            (1, OutboxState::Accepted, None, true),
            (2, OutboxState::Conflict, None, true),
            (3, OutboxState::Rejected, Some("server-not-permitted"), true),
            (4, OutboxState::Queued, Some("server-blob-missing"), false),
        ]
    );
    assert_eq!(items[1].entity_id, a);
    assert_eq!(items[1].entity_version, 2);
    let conflicts = store
        .outbox_items(Some(OutboxState::Conflict), 100)
        .unwrap();
    assert_eq!(conflicts.len(), 1);
    // Only seq 4 is still pending for the next push.
    let pending: Vec<u64> = store
        .pending_outbox(100)
        .unwrap()
        .iter()
        .map(|e| e.seq.0)
        .collect();
    assert_eq!(pending, [4]);

    // A second answer (the whole outbox sent again) never changes a final state.
    let again = store
        .record_push(&[
            result(2, PushOutcome::Duplicate),
            result(3, PushOutcome::Duplicate),
        ])
        .unwrap();
    assert!(!again.any());
    let states: Vec<_> = store
        .outbox_items(None, 100)
        .unwrap()
        .iter()
        .map(|i| i.state)
        .collect();
    assert_eq!(states[1..3], [OutboxState::Conflict, OutboxState::Rejected]);
}

#[test]
fn a_pulled_page_is_applied_with_its_cursor_and_the_request_is_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    assert_eq!(store.sync_cursor().unwrap(), Cursor(0));
    let id = Uuid::now_v7();
    let tally = store
        .apply_changes(&page(
            1,
            vec![
                request(server_request(id, 1, "draft", None, "Жұмабекова")),
                request(server_request(
                    id,
                    3,
                    "registered",
                    Some("SKO-EDU-ARYS-2026-000007"),
                    "Жұмабекова",
                )),
            ],
        ))
        .unwrap();
    assert_eq!(tally.requests, 2);
    assert_eq!(store.sync_cursor().unwrap(), Cursor(2));
    let loaded = store.load_request(id).unwrap();
    assert_eq!(loaded.version, 3);
    assert_eq!(loaded.status, Status::Registered);
    assert_eq!(loaded.number.as_deref(), Some("SKO-EDU-ARYS-2026-000007"));
    assert_eq!(loaded.created_by, Uuid::from_u128(0xA11CE));
    assert_eq!(store.search("жұмабекова", 10).unwrap().len(), 1);

    // An older state arriving later is skipped; the cursor still moves.
    let tally = store
        .apply_changes(&page(
            3,
            vec![request(server_request(id, 2, "signed", None, "Старая"))],
        ))
        .unwrap();
    assert_eq!((tally.requests, tally.older), (0, 1));
    assert_eq!(store.load_request(id).unwrap().version, 3);
    assert_eq!(store.sync_cursor().unwrap(), Cursor(3));
    assert!(store.search("старая", 10).unwrap().is_empty());
}

#[test]
fn an_unsent_local_edit_is_kept_until_the_server_settles_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store);
    let id = Uuid::now_v7();
    store
        .apply_changes(&page(
            1,
            vec![request(server_request(id, 1, "draft", None, "Петрова"))],
        ))
        .unwrap();
    // Edited here (version 2, not sent) while someone else's version 2 reaches the server.
    save(&mut store, op, Some(id), Some(1), "Петрова-местная");
    let tally = store
        .apply_changes(&page(
            2,
            vec![request(server_request(
                id,
                2,
                "draft",
                None,
                "Петрова-серверная",
            ))],
        ))
        .unwrap();
    assert_eq!(tally.held_back, 1);
    assert_eq!(store.sync_cursor().unwrap(), Cursor(2));
    let here = store.load_request(id).unwrap();
    assert_eq!(
        here.fields["child-last-name"], "Петрова-местная",
        "local edit overwritten"
    );

    // The push answers with a conflict: the server's version now shows here, the local one
    // stays in the outbox (and on the server's conflict list).
    store.mark_sending(&[Seq(1)]).unwrap();
    store
        .record_push(&[result(1, PushOutcome::Conflict { server_version: 2 })])
        .unwrap();
    let here = store.load_request(id).unwrap();
    assert_eq!(here.fields["child-last-name"], "Петрова-серверная");
    let kept = store.outbox_after(Seq(0), 10).unwrap();
    match &kept[0].operation {
        tereze_protocol::Operation::SaveRequest { request } => {
            assert_eq!(request.fields["child-last-name"], "Петрова-местная")
        }
        other => panic!("unexpected {other:?}"),
    }
    assert_eq!(store.outbox_counts().unwrap().conflict, 1);

    // The next edit is made against the server's version.
    save(&mut store, op, Some(id), Some(2), "Петрова-третья");
    assert_eq!(store.load_request(id).unwrap().version, 3);
}

#[test]
fn a_local_edit_accepted_by_the_server_is_not_rolled_back_by_an_older_pull() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store);
    let id = save(&mut store, op, None, None, "Өтебаева");
    save(&mut store, op, Some(id), Some(1), "Өтебаева-2");
    // The server's echo of version 1 arrives while version 2 is unsent: held back.
    let mut echo = server_request(id, 1, "draft", None, "Өтебаева");
    echo.created_by = op;
    store.apply_changes(&page(1, vec![request(echo)])).unwrap();
    store
        .record_push(&[
            result(1, PushOutcome::Duplicate),
            result(
                2,
                PushOutcome::Accepted {
                    number: None,
                    cursor: Cursor(2),
                },
            ),
        ])
        .unwrap();
    let here = store.load_request(id).unwrap();
    assert_eq!(
        (here.version, here.fields["child-last-name"].as_str()),
        (2, "Өтебаева-2")
    );
}

#[test]
fn a_pulled_attachment_needs_its_verified_content_before_the_cursor_moves() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let request_id = Uuid::now_v7();
    store
        .apply_changes(&page(
            1,
            vec![request(server_request(
                request_id,
                1,
                "draft",
                None,
                "Иванов",
            ))],
        ))
        .unwrap();
    let mut scan = b"%PDF-1.7\n".to_vec();
    scan.resize(2048, b' ');
    let sha = sha256_hex(&scan);
    let attachment = ChangedEntity::Attachment {
        attachment: AttachmentRecord {
            id: Uuid::now_v7(),
            version: 1,
            request_id,
            slot: "birth-certificate".into(),
            sha256: sha.clone(),
            size: scan.len() as u64,
            media_type: "application/pdf".into(),
            file_name: "certificate.pdf".into(),
            added_by: Uuid::from_u128(0xA11CE),
            added_at: OffsetDateTime::UNIX_EPOCH,
        },
    };
    let with_attachment = page(2, vec![attachment]);

    assert!(!store.has_blob(&sha).unwrap());
    assert!(store.apply_changes(&with_attachment).is_err());
    assert_eq!(
        store.sync_cursor().unwrap(),
        Cursor(1),
        "cursor moved past a missing scan"
    );
    assert!(store.attachments(request_id).unwrap().is_empty());

    let mut damaged = scan.clone();
    damaged[100] = b'X';
    assert!(matches!(
        store.store_pulled_blob(&sha, &damaged),
        Err(StoreError::BlobMismatch { .. })
    ));
    assert!(!store.has_blob(&sha).unwrap());

    store.store_pulled_blob(&sha, &scan).unwrap();
    assert!(store.has_blob(&sha).unwrap());
    let tally = store.apply_changes(&with_attachment).unwrap();
    assert_eq!(tally.attachments, 1);
    assert_eq!(store.sync_cursor().unwrap(), Cursor(2));
    assert_eq!(store.read_attachment(&sha).unwrap(), scan);
    assert_eq!(store.attachments(request_id).unwrap().len(), 1);
    // The same page again (a retry after a lost answer) stores nothing twice.
    assert_eq!(
        store.apply_changes(&with_attachment).unwrap().attachments,
        0
    );
}

#[test]
fn a_store_written_before_sync_is_upgraded_with_its_rows_and_acknowledgements() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let ws = Uuid::now_v7().to_string();
    let op = Uuid::now_v7().to_string();
    let request = Uuid::now_v7().to_string();
    {
        let mut conn = keyed(&db).unwrap();
        let tx = conn.transaction().unwrap();
        for m in &migrate::MIGRATIONS[..3] {
            tx.execute_batch(m.sql).unwrap();
        }
        tx.pragma_update(None, "user_version", 3).unwrap();
        let at = "2026-03-02T04:00:00.000000Z";
        tx.execute(
            "INSERT INTO workstation (singleton, id, created_at) VALUES (1, ?1, ?2)",
            [&ws, at],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO operators (id, iin, full_name, role, office_id)
             VALUES (?1, '900517300017', 'Test', 'executor', 'sko-edu-arys')",
            [&op],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO requests (id, service_id, profile, channel, status, status_since,
                                   version, created_at, updated_at, created_by)
             VALUES (?1, 'preschool-queue', 'default', 'office', 'draft', ?2, 1, ?2, ?2, ?3)",
            [&request, at, &op],
        )
        .unwrap();
        tx.execute(
            "INSERT INTO request_fields (request_id, field_id, value) VALUES (?1, 'note', 'kept')",
            [&request],
        )
        .unwrap();
        for (seq, acked) in [(1, Some(at)), (2, None)] {
            tx.execute(
                "INSERT INTO outbox (workstation_id, seq, op_kind, entity_id, entity_version,
                                     payload, created_at, acked_at)
                 VALUES (?1, ?2, 'save-request', ?3, ?2, '{}', ?4, ?5)",
                rusqlite::params![ws, seq, request, at, acked],
            )
            .unwrap();
        }
        tx.commit().unwrap();
    }
    let store = Store::open(dir.path(), &test_key()).unwrap();
    let loaded = store
        .load_request(Uuid::parse_str(&request).unwrap())
        .unwrap();
    assert_eq!(loaded.fields["note"], "kept");
    let counts = store.outbox_counts().unwrap();
    assert_eq!((counts.accepted, counts.queued), (1, 1));
    let fk_on: i64 = store
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk_on, 1, "foreign keys are back on after the upgrade");
    // A field row still cannot point at a request that does not exist.
    let dangling = store.connection().execute(
        "INSERT INTO request_fields (request_id, field_id, value) VALUES ('nope', 'x', 'y')",
        [],
    );
    assert!(dangling.is_err());
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}

/// A raw connection to the encrypted database with the tests' key, to look inside or tamper.
fn keyed(db: impl AsRef<std::path::Path>) -> Result<Connection, tereze_core::store::StoreError> {
    tereze_core::encryption::database::open(
        db.as_ref(),
        &tereze_core::encryption::DatabaseKey::derive(&test_key()),
        rusqlite::OpenFlags::default(),
    )
}
