//! Encryption at rest, checked on the bytes: requests with IINs and Cyrillic names and a scan
//! with a marker are written through the store, and while it is still open the raw database,
//! its WAL and every scan file are searched for them (UTF-8 and UTF-16, lower and upper case):
//! nothing may be found. A wrong password opens nothing, a tampered scan is refused, and a
//! plaintext folder from an older installation is converted at the first login with nothing
//! plaintext left behind.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use rusqlite::Connection;
use tereze_core::channel::Channel;
use tereze_core::encryption::convert;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::keyring::{Keyring, KeyringError, MasterKey};
use tereze_core::store::{
    DB_FILE, NewOperator, RequestDraft, Role, Store, StoreError, StoreOptions,
};
use tereze_core::unlock::{self, UnlockError};
use time::OffsetDateTime;
use time::macros::date;
use uuid::Uuid;

const PASSWORD: &str = "Counter-Password-2026";
/// What the scan carries, to be looked for in the scan files.
const MARKER: &str = "SCAN-MARKER-Тереze-7f3a";
const NAMES: [&str; 6] = [
    "Сейтқалиева",
    "Әйгерім",
    "Жұмабекова",
    "Нұрсұлтан",
    "Оспанов",
    "Төле би көшесі",
];

fn iin(born: time::Date, sex: Sex, serial: u16) -> Iin {
    (serial..).find_map(|s| Iin::compose(born, sex, s)).unwrap()
}

struct Fixture {
    operator: Uuid,
    operator_iin: Iin,
    iins: Vec<String>,
    request: Uuid,
    scan_sha: String,
}

/// An operator with a password and two requests with a scan, written into `store`.
fn write_fixture(store: &mut Store, scratch: &Path) -> Fixture {
    let operator_iin = iin(date!(1986 - 05 - 17), Sex::Female, 3100);
    let op = store
        .add_operator(
            &NewOperator {
                iin: operator_iin,
                full_name: format!("{} {}", NAMES[0], NAMES[1]),
                role: Role::Executor,
                office_id: "edu-shymkent".into(),
                password_hash: Some(tereze_core::password::hash(PASSWORD).unwrap()),
            },
            None,
        )
        .unwrap();
    let child = iin(date!(2021 - 08 - 03), Sex::Male, 5200);
    let parent = iin(date!(1992 - 01 - 29), Sex::Female, 6400);
    let other_child = iin(date!(2022 - 11 - 30), Sex::Female, 7100);
    let fields = |pairs: &[(&str, &str)]| -> FieldValues {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    };
    let draft = |f: FieldValues| RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields: f,
    };
    let first = store
        .save_request(
            &draft(fields(&[
                ("child-last-name", NAMES[4]),
                ("child-first-name", NAMES[3]),
                ("child-iin", &child.as_string()),
                ("applicant-last-name", NAMES[2]),
                ("applicant-first-name", NAMES[1]),
                ("applicant-iin", &parent.as_string()),
                ("applicant-address", NAMES[5]),
            ])),
            op.id,
        )
        .unwrap();
    store
        .save_request(
            &draft(fields(&[
                ("child-last-name", NAMES[2]),
                ("child-first-name", NAMES[1]),
                ("child-iin", &other_child.as_string()),
            ])),
            op.id,
        )
        .unwrap();
    let scan = scratch.join("scan.jpg");
    fs::write(
        &scan,
        tereze_core::scan::sample_jpeg(MARKER.as_bytes(), 8192),
    )
    .unwrap();
    let attachment = store
        .add_attachment(first.id, "birth-certificate", "scan.jpg", &scan, op.id)
        .unwrap();
    Fixture {
        operator: op.id,
        operator_iin,
        iins: vec![
            operator_iin.as_string(),
            child.as_string(),
            parent.as_string(),
            other_child.as_string(),
        ],
        request: first.id,
        scan_sha: attachment.sha256,
    }
}

/// Every form a secret can take on disk: UTF-8 and UTF-16 (both byte orders), as written, in
/// lower and in upper case.
fn needles(fixture: &Fixture) -> Vec<(String, Vec<u8>)> {
    let mut secrets: Vec<String> = NAMES.iter().map(|s| (*s).to_owned()).collect();
    secrets.extend(fixture.iins.iter().cloned());
    secrets.push(MARKER.to_owned());
    let mut out = Vec::new();
    for secret in secrets {
        for form in [secret.clone(), secret.to_lowercase(), secret.to_uppercase()] {
            out.push((format!("{secret} (UTF-8)"), form.as_bytes().to_vec()));
            let le: Vec<u8> = form.encode_utf16().flat_map(u16::to_le_bytes).collect();
            let be: Vec<u8> = form.encode_utf16().flat_map(u16::to_be_bytes).collect();
            out.push((format!("{secret} (UTF-16LE)"), le));
            out.push((format!("{secret} (UTF-16BE)"), be));
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Every file under `dir`, recursively.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Which secrets appear in which files under `dir`.
fn plaintext_found(dir: &Path, fixture: &Fixture) -> Vec<String> {
    let needles = needles(fixture);
    let mut found = Vec::new();
    for file in files_under(dir) {
        let bytes = fs::read(&file).unwrap();
        for (name, needle) in &needles {
            if contains(&bytes, needle) {
                found.push(format!("{name} in {}", file.display()));
            }
        }
    }
    found
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// A data folder set up as the app does: master key, encrypted store, keyring with the
/// operator's wrap.
fn encrypted_folder(root: &Path) -> (PathBuf, Store, Fixture, MasterKey) {
    let data = root.join("data");
    let key = MasterKey::generate();
    let mut store = Store::open(&data, &key).unwrap();
    let fixture = write_fixture(&mut store, root);
    Keyring::create_for(
        &data,
        &key,
        fixture.operator,
        &fixture.operator_iin,
        PASSWORD,
    )
    .unwrap();
    (data, store, fixture, key)
}

#[test]
fn no_iin_name_or_scan_content_is_readable_in_the_raw_files() {
    let root = tempfile::tempdir().unwrap();
    let (data, store, fixture, _key) = encrypted_folder(root.path());
    let db = data.join(DB_FILE);
    let wal = with_suffix(&db, "-wal");
    // The store is still open: recent pages are in the WAL, not yet in the main file.
    assert!(fs::metadata(&wal).unwrap().len() > 0, "the WAL holds pages");
    assert!(
        !fs::read(&db).unwrap().starts_with(b"SQLite format 3"),
        "the database has no plaintext header"
    );
    let scan_file = store.attachment_path(&fixture.scan_sha).unwrap();
    assert!(scan_file.is_file());
    // The search itself works: the source scan in the scratch folder does hold the marker.
    let source = fs::read(root.path().join("scan.jpg")).unwrap();
    assert!(contains(&source, MARKER.as_bytes()));

    let found = plaintext_found(&data, &fixture);
    assert!(found.is_empty(), "plaintext on disk: {found:#?}");

    // Through the store everything reads back.
    let request = store.load_request(fixture.request).unwrap();
    assert_eq!(request.fields["child-last-name"], NAMES[4]);
    let scan = store.read_attachment(&fixture.scan_sha).unwrap();
    assert!(contains(&scan, MARKER.as_bytes()));
    assert_eq!(store.search(NAMES[4], 10).unwrap().len(), 1);
}

#[test]
fn a_wrong_password_or_key_opens_nothing_and_the_failures_reach_the_audit_log() {
    let root = tempfile::tempdir().unwrap();
    let (data, store, fixture, _key) = encrypted_folder(root.path());
    drop(store);
    let iin = fixture.operator_iin.as_string();
    let now = OffsetDateTime::now_utc();
    let db = data.join(DB_FILE);
    let before = fs::read(&db).unwrap();
    for _ in 0..2 {
        let err = unlock::unlock(&data, StoreOptions::default(), &iin, "wrong", now).unwrap_err();
        assert!(
            matches!(err, UnlockError::Keyring(KeyringError::Refused)),
            "{err:?}"
        );
    }
    assert_eq!(
        fs::read(&db).unwrap(),
        before,
        "a refused unlock wrote nothing"
    );

    // Another workstation's key does not read the file, and changes nothing.
    let err = Store::open(&data, &MasterKey::generate()).unwrap_err();
    assert!(matches!(err, StoreError::WrongKey), "{err:?}");
    assert_eq!(fs::read(&db).unwrap(), before);
    // Nor does plain SQLite.
    let plain = Connection::open(&db).unwrap();
    assert!(
        plain
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r
                .get::<_, i64>(0))
            .is_err()
    );
    drop(plain);

    let opened = unlock::unlock(&data, StoreOptions::default(), &iin, PASSWORD, now).unwrap();
    assert_eq!(opened.operator.id, fixture.operator);
    let (detail, login_after): (String, i64) = opened
        .store
        .connection()
        .query_row(
            "SELECT detail, (SELECT count(*) FROM audit AS l
                             WHERE l.action = 'login' AND l.seq > u.seq)
             FROM audit AS u WHERE action = 'unlock-refused'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(detail, r#"{"failures":2}"#);
    assert_eq!(
        login_after, 1,
        "the login itself is audited after the failures"
    );
    opened.store.verify_audit().unwrap();
}

#[test]
fn a_tampered_scan_file_is_refused() {
    let root = tempfile::tempdir().unwrap();
    let (_data, store, fixture, _key) = encrypted_folder(root.path());
    let path = store.attachment_path(&fixture.scan_sha).unwrap();
    let mut sealed = fs::read(&path).unwrap();
    let middle = sealed.len() / 2;
    sealed[middle] ^= 0x01;
    fs::write(&path, &sealed).unwrap();
    let err = store.read_attachment(&fixture.scan_sha).unwrap_err();
    assert!(matches!(err, StoreError::BlobTampered { .. }), "{err:?}");
    use tereze_core::i18n::Localize;
    assert_eq!(err.localized().key, "encryption-blob-tampered");
    // Sync sees it as missing, so the intact copy is fetched again.
    assert!(!store.has_blob(&fixture.scan_sha).unwrap());
}

/// Turns an encrypted folder into what an installation from before encryption at rest had:
/// a plaintext database (exported with an empty key) and plaintext scan files, no keyring.
fn make_plaintext_folder(data: &Path, store: Store, key: &MasterKey, fixture: &Fixture) {
    let scan = store.read_attachment(&fixture.scan_sha).unwrap();
    let scan_path = store.attachment_path(&fixture.scan_sha).unwrap();
    let version: i64 = store
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    drop(store);
    let db = data.join(DB_FILE);
    let plain = data.join("plain.db");
    {
        let conn = tereze_core::encryption::database::open(
            &db,
            &tereze_core::encryption::DatabaseKey::derive(key),
            rusqlite::OpenFlags::default(),
        )
        .unwrap();
        conn.execute(
            "ATTACH DATABASE ?1 AS plain KEY ''",
            [plain.to_str().unwrap()],
        )
        .unwrap();
        conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))
            .unwrap();
        conn.execute_batch(&format!(
            "PRAGMA plain.user_version = {version}; DETACH plain;"
        ))
        .unwrap();
    }
    for leftover in ["-wal", "-shm"] {
        let _ = fs::remove_file(with_suffix(&db, leftover));
    }
    fs::rename(&plain, &db).unwrap();
    {
        // In WAL mode with rows in the WAL, as a running older version would leave it.
        let conn = Connection::open(&db).unwrap();
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        conn.execute_batch("PRAGMA wal_autocheckpoint = 0;")
            .unwrap();
        let changed = conn
            .execute("UPDATE request_fields SET value = value", [])
            .unwrap();
        assert!(changed > 0);
        assert!(fs::metadata(with_suffix(&db, "-wal")).unwrap().len() > 0);
        // Left open, as a crashed older version leaves its WAL.
        std::mem::forget(conn);
    }
    fs::write(&scan_path, &scan).unwrap();
    fs::remove_file(Keyring::path_in(data)).unwrap();
}

#[test]
fn a_plaintext_folder_is_converted_at_the_first_login_with_nothing_plaintext_left() {
    let root = tempfile::tempdir().unwrap();
    let (data, store, fixture, key) = encrypted_folder(root.path());
    make_plaintext_folder(&data, store, &key, &fixture);
    // The search finds the plaintext of the old installation (so the test can fail).
    let before = plaintext_found(&data, &fixture);
    assert!(
        before.iter().any(|f| f.contains(DB_FILE)),
        "the old database is plaintext: {before:#?}"
    );
    assert!(before.iter().any(|f| f.contains(MARKER)), "{before:#?}");
    assert!(convert::needs_conversion(&data).unwrap());
    // An interrupted earlier attempt left a half-written copy behind.
    fs::write(data.join("tereze.db.encrypting"), b"half written").unwrap();

    let iin = fixture.operator_iin.as_string();
    let now = OffsetDateTime::now_utc();
    // A wrong password against the plaintext operator table converts nothing.
    let err = unlock::unlock(&data, StoreOptions::default(), &iin, "wrong", now).unwrap_err();
    assert!(matches!(err, UnlockError::Keyring(KeyringError::Refused)));
    assert!(!Keyring::exists(&data));
    assert!(convert::needs_conversion(&data).unwrap());

    let opened = unlock::unlock(&data, StoreOptions::default(), &iin, PASSWORD, now).unwrap();
    let converted = opened.converted.unwrap();
    assert!(converted.database);
    assert_eq!(converted.blobs, 1);
    assert!(Keyring::exists(&data));
    assert!(!convert::needs_conversion(&data).unwrap());
    let request = opened.store.load_request(fixture.request).unwrap();
    assert_eq!(request.fields["applicant-address"], NAMES[5]);
    let scan = opened.store.read_attachment(&fixture.scan_sha).unwrap();
    assert!(contains(&scan, MARKER.as_bytes()));
    opened.store.verify_audit().unwrap();

    let after = plaintext_found(&data, &fixture);
    assert!(after.is_empty(), "plaintext left behind: {after:#?}");
    let names: Vec<String> = files_under(&data)
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("encrypting") || n.contains("plaintext")),
        "{names:?}"
    );
    drop(opened);

    // The next login opens the converted folder with the new keyring.
    let again = unlock::unlock(&data, StoreOptions::default(), &iin, PASSWORD, now).unwrap();
    assert!(again.converted.is_none());
    assert_eq!(again.store.stats().unwrap().requests, 2);
}

#[test]
fn a_folder_whose_keyring_was_written_before_the_conversion_finished_converts_with_it() {
    let root = tempfile::tempdir().unwrap();
    let (data, store, fixture, key) = encrypted_folder(root.path());
    make_plaintext_folder(&data, store, &key, &fixture);
    // The crash came after the keyring was written, before the database was converted.
    let other = MasterKey::generate();
    Keyring::create_for(
        &data,
        &other,
        fixture.operator,
        &fixture.operator_iin,
        PASSWORD,
    )
    .unwrap();
    let opened = unlock::unlock(
        &data,
        StoreOptions::default(),
        &fixture.operator_iin.as_string(),
        PASSWORD,
        OffsetDateTime::now_utc(),
    )
    .unwrap();
    assert!(opened.key == other);
    assert!(opened.converted.unwrap().database);
    assert!(plaintext_found(&data, &fixture).is_empty());
}

#[test]
fn a_folder_with_nothing_to_unlock_says_so() {
    let root = tempfile::tempdir().unwrap();
    let err = unlock::unlock(
        root.path(),
        StoreOptions::default(),
        "900412442007",
        PASSWORD,
        OffsetDateTime::now_utc(),
    )
    .unwrap_err();
    assert!(matches!(err, UnlockError::NotSetUp), "{err:?}");
    assert!(fs::read_dir(root.path()).unwrap().next().is_none());
}

#[test]
fn the_database_library_is_sqlcipher() {
    let conn = Connection::open_in_memory().unwrap();
    let version = tereze_core::encryption::database::cipher_version(&conn).unwrap();
    assert!(!version.is_empty(), "SQLite was built without SQLCipher");
}
