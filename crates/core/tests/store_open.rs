//! Opening the store: a fresh folder is migrated to the latest schema; a damaged file or one
//! written by a newer version is refused with a typed error and left byte for byte as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::Path;

use rusqlite::Connection;
use tereze_core::i18n::Localize;
use tereze_core::store::{DB_FILE, Store, StoreError, migrate};

fn user_version(db: &Path) -> i64 {
    keyed(db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

#[test]
fn a_fresh_folder_gets_the_latest_schema_in_wal_mode() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let store = Store::open(&data, &test_key()).unwrap();
    let ws = store.workstation();
    let conn = store.connection();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let sync: i64 = conn
        .query_row("PRAGMA synchronous", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sync, 2, "synchronous must be FULL");
    let fk: i64 = conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    for table in [
        "workstation",
        "operators",
        "requests",
        "request_fields",
        "attachments",
        "outbox",
        "audit",
        "request_search",
    ] {
        let n: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
                [table],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1, "table {table} missing");
    }
    drop(store);
    assert_eq!(user_version(&data.join(DB_FILE)), migrate::latest());
    assert!(data.join("blobs").is_dir());

    // The workstation keeps its identity across opens.
    let again = Store::open(&data, &test_key()).unwrap();
    assert_eq!(again.workstation(), ws);
}

#[test]
fn an_older_schema_is_upgraded_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    // A database made before any migration ran: just a user table, user_version 0.
    let conn = keyed(&db).unwrap();
    conn.execute_batch("CREATE TABLE keepsake (x TEXT); INSERT INTO keepsake VALUES ('kept');")
        .unwrap();
    drop(conn);
    let store = Store::open(dir.path(), &test_key()).unwrap();
    let kept: String = store
        .connection()
        .query_row("SELECT x FROM keepsake", [], |r| r.get(0))
        .unwrap();
    assert_eq!(kept, "kept");
    drop(store);
    assert_eq!(user_version(&db), migrate::latest());
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path(), &test_key()).unwrap());
    let db = dir.path().join(DB_FILE);
    let newer = migrate::latest() + 1;
    let conn = keyed(&db).unwrap();
    conn.pragma_update(None, "user_version", newer).unwrap();
    drop(conn);
    let before = fs::read(&db).unwrap();

    let err = Store::open(dir.path(), &test_key()).unwrap_err();
    match &err {
        StoreError::Newer { found, supported } => {
            assert_eq!(*found, newer);
            assert_eq!(*supported, migrate::latest());
        }
        other => panic!("expected Newer, got {other:?}"),
    }
    assert_eq!(err.localized().key, "store-newer");
    assert_eq!(fs::read(&db).unwrap(), before, "the file was modified");
    assert_eq!(user_version(&db), newer);
}

#[test]
fn a_newer_rollback_journal_database_is_not_switched_to_wal() {
    // A file in the default rollback-journal mode: switching it to WAL would rewrite its header.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    let conn = keyed(&db).unwrap();
    conn.execute_batch("CREATE TABLE t (x); PRAGMA user_version = 999;")
        .unwrap();
    drop(conn);
    let before = fs::read(&db).unwrap();
    assert!(matches!(
        Store::open(dir.path(), &test_key()),
        Err(StoreError::Newer { found: 999, .. })
    ));
    assert_eq!(fs::read(&db).unwrap(), before);
    assert!(!dir.path().join("blobs").exists(), "nothing may be created");
}

fn assert_refused_as_corrupt(dir: &Path) {
    let db = dir.join(DB_FILE);
    let before = fs::read(&db).unwrap();
    let err = Store::open(dir, &test_key()).unwrap_err();
    assert!(
        matches!(err, StoreError::Corrupt { .. }),
        "expected Corrupt, got {err:?}"
    );
    assert_eq!(err.localized().key, "store-corrupt");
    assert_eq!(fs::read(&db).unwrap(), before, "the file was modified");
    assert!(!dir.join("blobs").exists(), "nothing may be created");
    assert!(!dir.join("tereze.db-wal").exists());
}

#[test]
fn a_file_of_garbage_is_refused_untouched() {
    // Encrypted pages look like garbage too: a file the key cannot read is refused as one the
    // key does not open, and left as it was.
    let dir = tempfile::tempdir().unwrap();
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i * 7919 % 251) as u8).collect();
    let db = dir.path().join(DB_FILE);
    fs::write(&db, &garbage).unwrap();
    let err = Store::open(dir.path(), &test_key()).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey), "{err:?}");
    assert_eq!(err.localized().key, "encryption-wrong-key");
    assert_eq!(fs::read(&db).unwrap(), garbage, "the file was modified");
    assert!(!dir.path().join("blobs").exists(), "nothing may be created");
}

#[test]
fn a_short_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(DB_FILE), b"SQLite format 3\0").unwrap();
    assert_refused_as_corrupt(dir.path());
}

#[test]
fn a_database_with_damaged_pages_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(DB_FILE);
    // A real database in rollback-journal mode with a few pages of data.
    let conn = keyed(&db).unwrap();
    conn.execute_batch(
        "CREATE TABLE t (x TEXT); CREATE INDEX t_x ON t (x);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO t SELECT printf('row %d', i) FROM n;",
    )
    .unwrap();
    drop(conn);
    // Keep the header and the schema page; overwrite the pages after them with garbage.
    let mut bytes = fs::read(&db).unwrap();
    assert!(bytes.len() > 4096 * 4);
    for (i, b) in bytes[4096 * 2..].iter_mut().enumerate() {
        *b = (i * 31 % 256) as u8;
    }
    fs::write(&db, &bytes).unwrap();
    assert_refused_as_corrupt(dir.path());
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
