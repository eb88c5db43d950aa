//! Saving requests: one transaction for the form, the outbox operation and the audit row; stale
//! versions and statuses are typed conflicts that change nothing; the outbox stays dense.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use rusqlite::Connection;
use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::i18n::Localize;
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action, Flow, Outcome, Status};
use tereze_core::store::{DB_FILE, NewOperator, RequestDraft, Role, Store, StoreError};
use tereze_protocol::{Operation, Seq};
use time::macros::date;
use uuid::Uuid;

fn iin(serial: u16) -> Iin {
    (serial..)
        .find_map(|s| Iin::compose(date!(1988 - 03 - 14), Sex::Female, s))
        .unwrap()
}

fn executor(store: &mut Store, serial: u16) -> Uuid {
    store
        .add_operator(
            &NewOperator {
                iin: iin(serial),
                full_name: "Сейтқалиева Әлия Маратқызы".into(),
                role: Role::Executor,
                office_id: "edu-shymkent".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap()
        .id
}

fn fields(pairs: &[(&str, &str)]) -> FieldValues {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn draft(f: FieldValues) -> RequestDraft {
    RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields: f,
    }
}

fn count(db: &Path, sql: &str) -> i64 {
    keyed(db).unwrap().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_saved_request_loads_back_with_its_outbox_operation_and_audit_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let f = fields(&[
        ("child-last-name", "Сейтқали"),
        ("child-first-name", "Іңкәр"),
        ("applicant-iin", &iin(200).as_string()),
    ]);
    let saved = store.save_request(&draft(f.clone()), op).unwrap();
    assert_eq!(saved.version, 1);
    assert_eq!(saved.seq, Seq(1));
    assert_eq!(saved.id.get_version_num(), 7, "ids are UUIDv7");

    let loaded = store.load_request(saved.id).unwrap();
    assert_eq!(loaded.fields, f);
    assert_eq!(loaded.version, 1);
    assert_eq!(loaded.status, Status::Draft);
    assert_eq!(loaded.channel, Channel::Office);
    assert_eq!(loaded.created_by, op);
    assert_eq!(loaded.number, None);

    let pending = store.pending_outbox(10).unwrap();
    assert_eq!(pending.len(), 1);
    assert_eq!(pending[0].workstation, store.workstation());
    match &pending[0].operation {
        Operation::SaveRequest { request } => {
            assert_eq!(request.id, saved.id);
            assert_eq!(request.version, 1);
            assert_eq!(request.fields, f);
            assert_eq!(request.status, "draft");
            assert_eq!(request.saved_by, op);
        }
        other => panic!("unexpected {other:?}"),
    }
    // One audit row for the operator, one for the request.
    let head = store.verify_audit().unwrap();
    assert_eq!(head.seq, 2);

    // The audit detail carries no personal data.
    let details: Vec<String> = {
        let conn = store.connection();
        let mut stmt = conn.prepare("SELECT detail FROM audit").unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap()
    };
    for d in details {
        assert!(!d.contains("Сейт") && !d.contains("Іңкәр") && !d.contains(&iin(200).as_string()));
    }
}

#[test]
fn a_stale_version_is_a_conflict_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let first = store
        .save_request(&draft(fields(&[("child-first-name", "Арман")])), op)
        .unwrap();

    let mut edit = draft(fields(&[("child-first-name", "Арман"), ("note", "v2")]));
    edit.id = Some(first.id);
    edit.expected_version = Some(1);
    let second = store.save_request(&edit, op).unwrap();
    assert_eq!(second.version, 2);
    assert_eq!(second.seq, Seq(2));

    let outbox_before = count(&db, "SELECT count(*) FROM outbox");
    let audit_before = count(&db, "SELECT count(*) FROM audit");
    let mut stale = draft(fields(&[("child-first-name", "Ерлан")]));
    stale.id = Some(first.id);
    stale.expected_version = Some(1);
    let err = store.save_request(&stale, op).unwrap_err();
    match &err {
        StoreError::Conflict {
            id,
            expected,
            actual,
        } => {
            assert_eq!(*id, first.id);
            assert_eq!(*expected, Some(1));
            assert_eq!(*actual, 2);
        }
        other => panic!("expected Conflict, got {other:?}"),
    }
    assert_eq!(err.localized().key, "store-conflict");
    let loaded = store.load_request(first.id).unwrap();
    assert_eq!(loaded.version, 2);
    assert_eq!(loaded.fields["child-first-name"], "Арман");
    assert_eq!(loaded.fields["note"], "v2");
    assert_eq!(count(&db, "SELECT count(*) FROM outbox"), outbox_before);
    assert_eq!(count(&db, "SELECT count(*) FROM audit"), audit_before);
    assert!(store.search("Ерлан", 10).unwrap().is_empty());

    // Creating with an id that exists is a conflict too.
    let mut again = draft(FieldValues::new());
    again.id = Some(first.id);
    assert!(matches!(
        store.save_request(&again, op),
        Err(StoreError::Conflict {
            expected: None,
            actual: 2,
            ..
        })
    ));
    // Editing a request that does not exist is "not found".
    let mut ghost = draft(FieldValues::new());
    ghost.id = Some(Uuid::now_v7());
    ghost.expected_version = Some(1);
    assert!(matches!(
        store.save_request(&ghost, op),
        Err(StoreError::NotFound { .. })
    ));
}

#[test]
fn a_client_made_id_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let id = Uuid::now_v7();
    let mut d = draft(FieldValues::new());
    d.id = Some(id);
    assert_eq!(store.save_request(&d, op).unwrap().id, id);
    assert_eq!(store.load_request(id).unwrap().version, 1);
}

#[test]
fn an_unknown_operator_cannot_save() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let err = store
        .save_request(&draft(FieldValues::new()), Uuid::now_v7())
        .unwrap_err();
    assert!(matches!(err, StoreError::UnknownOperator { .. }));
    assert!(store.pending_outbox(10).unwrap().is_empty());
}

#[test]
fn a_status_move_checks_where_it_starts_from() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let saved = store.save_request(&draft(FieldValues::new()), op).unwrap();

    let moved = store
        .apply_action(saved.id, Flow::Standard, Status::Draft, Action::Sign, op)
        .unwrap();
    assert_eq!(moved.version, 2);
    assert_eq!(moved.seq, Seq(2));
    assert_eq!(store.load_request(saved.id).unwrap().status, Status::Signed);

    let err = store
        .apply_action(saved.id, Flow::Standard, Status::Draft, Action::Sign, op)
        .unwrap_err();
    assert!(matches!(
        err,
        StoreError::StatusConflict {
            expected: Status::Draft,
            actual: Status::Signed,
            ..
        }
    ));
    assert_eq!(err.localized().key, "store-status-conflict");
    assert_eq!(store.load_request(saved.id).unwrap().version, 2);

    assert!(matches!(
        store.apply_action(
            Uuid::now_v7(),
            Flow::Standard,
            Status::Draft,
            Action::Sign,
            op
        ),
        Err(StoreError::NotFound { .. })
    ));

    let ops = store.pending_outbox(10).unwrap();
    assert_eq!(ops.len(), 2);
    match &ops[1].operation {
        Operation::SetStatus {
            request_id,
            version,
            from,
            to,
            by,
            ..
        } => {
            assert_eq!(*request_id, saved.id);
            assert_eq!(*version, 2);
            assert_eq!(from, "draft");
            assert_eq!(to, "signed");
            assert_eq!(*by, op);
        }
        other => panic!("unexpected {other:?}"),
    }
    store.verify_audit().unwrap();
}

#[test]
fn the_outbox_stays_dense_across_a_rolled_back_save() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    store
        .save_request(&draft(fields(&[("child-first-name", "Бірінші")])), op)
        .unwrap();

    // Make the last step of a save (the audit row) fail for one service, so the transaction
    // rolls back after the outbox row was already inserted.
    keyed(&db)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER fail_audit BEFORE INSERT ON audit
             WHEN json_extract(NEW.detail, '$.service') = 'doomed'
             BEGIN SELECT RAISE(ABORT, 'injected failure'); END;",
        )
        .unwrap();
    let mut doomed = draft(fields(&[("child-first-name", "Жоғалған")]));
    doomed.service_id = "doomed".into();
    assert!(store.save_request(&doomed, op).is_err());
    assert!(store.search("Жоғалған", 10).unwrap().is_empty());
    assert_eq!(count(&db, "SELECT count(*) FROM requests"), 1);

    let third = store
        .save_request(&draft(fields(&[("child-first-name", "Үшінші")])), op)
        .unwrap();
    assert_eq!(third.seq, Seq(2), "the rolled-back number is reused");
    let seqs: Vec<u64> = store
        .pending_outbox(100)
        .unwrap()
        .iter()
        .map(|e| e.seq.0)
        .collect();
    assert_eq!(seqs, vec![1, 2]);
    store.verify_audit().unwrap();
}

#[test]
fn acknowledged_operations_are_marked_not_deleted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    for _ in 0..5 {
        store.save_request(&draft(FieldValues::new()), op).unwrap();
    }
    assert_eq!(store.ack_outbox(Seq(3)).unwrap(), 3);
    assert_eq!(
        store.ack_outbox(Seq(3)).unwrap(),
        0,
        "acking twice is harmless"
    );
    let pending: Vec<u64> = store
        .pending_outbox(100)
        .unwrap()
        .iter()
        .map(|e| e.seq.0)
        .collect();
    assert_eq!(pending, vec![4, 5]);
    assert_eq!(store.pending_outbox(1).unwrap().len(), 1);
    assert_eq!(count(&db, "SELECT count(*) FROM outbox"), 5);
    assert_eq!(
        count(
            &db,
            "SELECT count(*) FROM outbox WHERE acked_at IS NOT NULL"
        ),
        3
    );
    // The schema itself refuses to drop an operation the server has not acknowledged.
    let conn = keyed(&db).unwrap();
    assert!(
        conn.execute("DELETE FROM outbox WHERE seq = 5", [])
            .is_err()
    );
    assert!(
        conn.execute(
            "INSERT INTO outbox VALUES ('x', 9, 'k', 'e', 1, '{}', 't', NULL)",
            []
        )
        .is_err()
    );
}

#[test]
fn the_list_shows_the_newest_first_with_names() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let mut ids = Vec::new();
    for name in ["Айгерім", "Бақыт", "Дәурен"] {
        let f = fields(&[("child-first-name", name), ("child-last-name", "Омаров")]);
        ids.push(store.save_request(&draft(f), op).unwrap().id);
    }
    let list = store.list_requests(2).unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].id, ids[2]);
    assert_eq!(list[1].id, ids[1]);
    assert_eq!(list[0].names, vec!["Омаров Дәурен".to_owned()]);
    assert_eq!(list[0].status, Status::Draft);
}

#[test]
fn operators_are_found_by_iin_and_an_iin_is_used_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let id = executor(&mut store, 100);
    let found = store.operator_by_iin(&iin(100)).unwrap().unwrap();
    assert_eq!(found.id, id);
    assert_eq!(found.role, Role::Executor);
    assert!(found.active);
    assert_eq!(store.operator(id).unwrap().unwrap(), found);
    assert!(store.operator_by_iin(&iin(300)).unwrap().is_none());

    let dup = store.add_operator(
        &NewOperator {
            iin: iin(100),
            full_name: "Басқа адам".into(),
            role: Role::Head,
            office_id: "x".into(),
            password_hash: None,
        },
        Some(id),
    );
    assert!(matches!(dup, Err(StoreError::DuplicateOperator)));
    assert_eq!(store.operators().unwrap().len(), 1);

    store.set_operator_active(id, false).unwrap();
    assert!(!store.operator(id).unwrap().unwrap().active);
    assert!(matches!(
        store.set_operator_active(Uuid::now_v7(), false),
        Err(StoreError::UnknownOperator { .. })
    ));
}

#[test]
fn a_bulk_save_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 100);
    let good = draft(FieldValues::new());
    let mut bad = draft(FieldValues::new());
    bad.id = Some(Uuid::now_v7());
    bad.expected_version = Some(4);
    assert!(store.save_requests(&[good.clone(), bad], op).is_err());
    assert!(store.list_requests(10).unwrap().is_empty());
    let saved = store.save_requests(&[good.clone(), good], op).unwrap();
    assert_eq!(
        saved.iter().map(|s| s.seq.0).collect::<Vec<_>>(),
        vec![1, 2]
    );
}

#[test]
fn the_lifecycle_decides_which_moves_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = executor(&mut store, 101);
    let saved = store.save_request(&draft(FieldValues::new()), op).unwrap();

    // Issuing a draft is not allowed: a typed error, and nothing is written.
    let err = store
        .apply_action(saved.id, Flow::Standard, Status::Draft, Action::Issue, op)
        .unwrap_err();
    assert!(matches!(err, StoreError::Transition(_)), "{err:?}");
    assert_eq!(err.localized().key, "lifecycle-transition-not-allowed");
    let unchanged = store.load_request(saved.id).unwrap();
    assert_eq!((unchanged.status, unchanged.version), (Status::Draft, 1));
    assert_eq!(store.pending_outbox(10).unwrap().len(), 1);

    // A motivated refusal is signed and issued like any result, and stays a refusal.
    let mut status = Status::Draft;
    for action in [
        Action::Sign,
        Action::Register,
        Action::Refuse,
        Action::SignResult,
        Action::Issue,
    ] {
        store
            .apply_action(saved.id, Flow::Standard, status, action, op)
            .unwrap();
        status = store.load_request(saved.id).unwrap().status;
    }
    let issued = store.load_request(saved.id).unwrap();
    assert_eq!(issued.status, Status::Issued);
    assert_eq!(issued.outcome, Some(Outcome::Refused));

    // Saving the form again never moves the status back.
    let mut again = draft(FieldValues::new());
    again.id = Some(saved.id);
    again.expected_version = Some(issued.version);
    store.save_request(&again, op).unwrap();
    assert_eq!(store.load_request(saved.id).unwrap().status, Status::Issued);
    store.verify_audit().unwrap();
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
