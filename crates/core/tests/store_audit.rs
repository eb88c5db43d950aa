//! The audit chain: every action appends a hash-linked row, and editing the log behind the
//! program's back (raw SQL on the file) is reported with the first bad row and what was done.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};
use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::i18n::Localize;
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{
    AuditAction, AuditError, DB_FILE, EntityKind, GENESIS, NewOperator, RequestDraft, Role, Store,
};
use time::macros::date;

/// A store with eight audit rows: the operator, a login, three saves, a status move, a print
/// and a sync.
fn store_with_history(dir: &Path) -> Store {
    let mut store = Store::open(dir, &test_key()).unwrap();
    let iin = (1..)
        .find_map(|s| Iin::compose(date!(1990 - 06 - 30), Sex::Female, s))
        .unwrap();
    let op = store
        .add_operator(
            &NewOperator {
                iin,
                full_name: "Жұмабекова Гүлнар".into(),
                role: Role::Executor,
                office_id: "edu-1".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap()
        .id;
    store
        .audit(
            Some(op),
            AuditAction::Login,
            EntityKind::Workstation,
            None,
            &serde_json::json!({ "method": "password" }),
        )
        .unwrap();
    let mut last = None;
    for _ in 0..3 {
        let saved = store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "archive-certificate".into(),
                    profile: "default".into(),
                    channel: Channel::Office,
                    fields: FieldValues::new(),
                },
                op,
            )
            .unwrap();
        last = Some(saved.id);
    }
    let id = last.unwrap();
    store
        .apply_action(id, Flow::Standard, Status::Draft, Action::Sign, op)
        .unwrap();
    store
        .audit(
            Some(op),
            AuditAction::Print,
            EntityKind::Request,
            Some(id),
            &serde_json::json!({ "copies": 1 }),
        )
        .unwrap();
    let head = store
        .audit(
            Some(op),
            AuditAction::Sync,
            EntityKind::Workstation,
            None,
            &serde_json::json!({ "pushed": 5 }),
        )
        .unwrap();
    assert_eq!(head.seq, 8);
    store
}

/// Raw access to the file, with the append-only triggers dropped as an attacker would.
fn tamper(dir: &Path, sql: &str) {
    let conn = keyed(dir.join(DB_FILE)).unwrap();
    conn.execute_batch("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;")
        .unwrap();
    conn.execute_batch(sql).unwrap();
}

fn verify_after(dir: &Path) -> AuditError {
    Store::open(dir, &test_key())
        .unwrap()
        .verify_audit()
        .unwrap_err()
}

#[test]
fn an_untouched_chain_verifies_to_its_head() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_history(dir.path());
    let head = store.verify_audit().unwrap();
    assert_eq!(head.seq, 8);
    assert_eq!(head, store.audit_head().unwrap());
    let first_prev: String = store
        .connection()
        .query_row("SELECT prev_hash FROM audit WHERE seq = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(first_prev, GENESIS);
}

#[test]
fn the_chain_follows_the_documented_canonical_form() {
    // Recompute every hash from the stored columns exactly as the module documentation says.
    let dir = tempfile::tempdir().unwrap();
    let store = store_with_history(dir.path());
    let conn = store.connection();
    let mut stmt = conn
        .prepare(
            "SELECT seq, at, operator_id, action, entity_kind, entity_id, detail, prev_hash, hash
             FROM audit ORDER BY seq",
        )
        .unwrap();
    let mut rows = stmt.query([]).unwrap();
    let mut prev = vec![0u8; 32];
    while let Some(r) = rows.next().unwrap() {
        let canonical = serde_json::to_vec(&(
            "tereze-audit-1",
            r.get::<_, i64>(0).unwrap(),
            r.get::<_, String>(1).unwrap(),
            r.get::<_, Option<String>>(2).unwrap(),
            r.get::<_, String>(3).unwrap(),
            r.get::<_, String>(4).unwrap(),
            r.get::<_, Option<String>>(5).unwrap(),
            r.get::<_, String>(6).unwrap(),
        ))
        .unwrap();
        assert_eq!(r.get::<_, String>(7).unwrap(), hex::encode(&prev));
        let mut h = Sha256::new();
        h.update(&prev);
        h.update(&canonical);
        let hash = h.finalize().to_vec();
        assert_eq!(r.get::<_, String>(8).unwrap(), hex::encode(&hash));
        prev = hash;
    }
}

#[test]
fn the_log_refuses_updates_and_deletes_through_sql() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    let conn = keyed(dir.path().join(DB_FILE)).unwrap();
    assert!(
        conn.execute("UPDATE audit SET action = 'x' WHERE seq = 2", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM audit WHERE seq = 8", []).is_err());
}

#[test]
fn a_modified_row_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    tamper(
        dir.path(),
        "UPDATE audit SET detail = '{\"copies\":0}' WHERE seq = 7",
    );
    let err = verify_after(dir.path());
    assert!(matches!(err, AuditError::Modified { seq: 7 }), "{err:?}");
    let msg = err.localized();
    assert_eq!(msg.key, "store-audit-modified");
    assert_eq!(msg.get("seq"), Some("7"));
}

#[test]
fn a_changed_operator_is_reported_as_modified() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    tamper(
        dir.path(),
        "UPDATE audit SET operator_id = NULL WHERE seq = 3",
    );
    assert!(matches!(
        verify_after(dir.path()),
        AuditError::Modified { seq: 3 }
    ));
}

#[test]
fn a_rewritten_row_with_a_recomputed_hash_is_reported() {
    // An attacker who knows the canonical form rewrites row 4 and its hash; row 5 no longer
    // links to it.
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    let conn = keyed(dir.path().join(DB_FILE)).unwrap();
    let (at, operator, action, kind, entity, prev): (
        String,
        Option<String>,
        String,
        String,
        Option<String>,
        String,
    ) = conn
        .query_row(
            "SELECT at, operator_id, action, entity_kind, entity_id, prev_hash
             FROM audit WHERE seq = 4",
            [],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .unwrap();
    let detail = "{\"forged\":true}".to_owned();
    let canonical = serde_json::to_vec(&(
        "tereze-audit-1",
        4,
        &at,
        &operator,
        &action,
        &kind,
        &entity,
        &detail,
    ))
    .unwrap();
    let mut h = Sha256::new();
    h.update(hex::decode(&prev).unwrap());
    h.update(&canonical);
    let forged = hex::encode(h.finalize());
    drop(conn);
    tamper(dir.path(), "SELECT 1");
    keyed(dir.path().join(DB_FILE))
        .unwrap()
        .execute(
            "UPDATE audit SET detail = ?1, hash = ?2 WHERE seq = 4",
            params![detail, forged],
        )
        .unwrap();
    assert!(matches!(
        verify_after(dir.path()),
        AuditError::Modified { seq: 4 }
    ));
}

#[test]
fn a_deleted_row_is_reported_as_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    tamper(dir.path(), "DELETE FROM audit WHERE seq = 5");
    let err = verify_after(dir.path());
    assert!(matches!(err, AuditError::Deleted { seq: 5 }), "{err:?}");
    assert_eq!(err.localized().key, "store-audit-deleted");
}

#[test]
fn a_deleted_first_row_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    tamper(dir.path(), "DELETE FROM audit WHERE seq = 1");
    assert!(matches!(
        verify_after(dir.path()),
        AuditError::Deleted { seq: 1 }
    ));
}

#[test]
fn swapped_rows_are_reported_as_reordered() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    tamper(
        dir.path(),
        "UPDATE audit SET seq = 1000 WHERE seq = 3;
         UPDATE audit SET seq = 3 WHERE seq = 4;
         UPDATE audit SET seq = 4 WHERE seq = 1000;",
    );
    let err = verify_after(dir.path());
    assert!(matches!(err, AuditError::Reordered { seq: 3 }), "{err:?}");
    assert_eq!(err.localized().key, "store-audit-reordered");
}

#[test]
fn a_row_moved_to_the_end_is_reported_as_reordered() {
    let dir = tempfile::tempdir().unwrap();
    drop(store_with_history(dir.path()));
    // Row 2 is moved after row 8 and the rows between are renumbered down: no gap remains.
    tamper(
        dir.path(),
        "UPDATE audit SET seq = 1000 WHERE seq = 2;
         UPDATE audit SET seq = seq - 1 WHERE seq BETWEEN 3 AND 8;
         UPDATE audit SET seq = 8 WHERE seq = 1000;",
    );
    let err = verify_after(dir.path());
    assert!(matches!(err, AuditError::Reordered { seq: 2 }), "{err:?}");
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
