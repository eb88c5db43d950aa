//! Offline login with IIN and password: one refusal for every wrong case, a growing lock after
//! repeated failures, a clean slate after success, and an audit row for every attempt.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::i18n::Localize;
use tereze_core::iin::{Iin, Sex};
use tereze_core::password::PasswordError;
use tereze_core::store::{LoginError, NewOperator, Role, Store, StoreError};
use time::macros::{date, datetime};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

const PASSWORD: &str = "Көктем-2026-жыл";
const NOW: OffsetDateTime = datetime!(2026-11-23 09:00 +5);

fn iin(serial: u16) -> Iin {
    (serial..serial + 100)
        .find_map(|s| Iin::compose(date!(1988 - 07 - 19), Sex::Female, s))
        .unwrap()
}

fn operator_with_password(store: &mut Store, serial: u16) -> (Uuid, Iin) {
    let iin = iin(serial);
    let op = store
        .add_operator(
            &NewOperator {
                iin,
                full_name: "Жұмабекова Гүлмира".into(),
                role: Role::Executor,
                office_id: "sko-edu-shymkent".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap();
    store.set_password(op.id, PASSWORD, None).unwrap();
    (op.id, iin)
}

fn audit_actions(store: &Store) -> Vec<String> {
    let conn = store.connection();
    let mut stmt = conn
        .prepare("SELECT action FROM audit ORDER BY seq")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn the_right_password_logs_in_and_is_audited() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let (id, iin) = operator_with_password(&mut store, 10);
    let spaced = format!("{} {}", &iin.as_string()[..6], &iin.as_string()[6..]);
    let op = store.login(&spaced, PASSWORD, NOW).unwrap();
    assert_eq!(op.id, id);
    assert_eq!(audit_actions(&store).last().unwrap(), "login");
    store.verify_audit().unwrap();
}

#[test]
fn every_wrong_case_gets_the_same_refusal() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let (id, iin) = operator_with_password(&mut store, 20);
    let unknown = self::iin(400);
    let cases = [
        (iin.as_string(), "wrong-password-1"),
        (unknown.as_string(), PASSWORD),
        ("not an iin".to_owned(), PASSWORD),
    ];
    for (typed, password) in &cases {
        let err = store.login(typed, password, NOW).unwrap_err();
        assert!(matches!(err, LoginError::Refused), "{typed}: {err:?}");
        assert_eq!(err.localized().key, "login-refused");
    }
    // A disabled account is refused with the same words, even with the right password.
    store.set_operator_active(id, false).unwrap();
    assert!(matches!(
        store.login(&iin.as_string(), PASSWORD, NOW),
        Err(LoginError::Refused)
    ));
    // The audit says a login was refused, never which IIN was typed.
    let details: Vec<String> = {
        let conn = store.connection();
        let mut stmt = conn
            .prepare("SELECT detail FROM audit WHERE action = 'login-refused'")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(details.len(), 4);
    for d in details {
        assert!(!d.contains(&iin.as_string()) && !d.contains(&unknown.as_string()));
    }
}

#[test]
fn repeated_failures_lock_the_iin_for_longer_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let (_, iin) = operator_with_password(&mut store, 30);
    let typed = iin.as_string();
    for attempt in 1..=4 {
        let err = store.login(&typed, "wrong-password-1", NOW).unwrap_err();
        assert!(matches!(err, LoginError::Refused), "attempt {attempt}");
    }
    // The fifth failure locks for 30 seconds, and says so.
    let err = store.login(&typed, "wrong-password-1", NOW).unwrap_err();
    assert!(
        matches!(err, LoginError::LockedOut { seconds: 30 }),
        "{err:?}"
    );
    assert_eq!(err.localized().key, "login-locked");
    // While locked even the right password waits.
    let later = NOW + Duration::seconds(10);
    assert!(matches!(
        store.login(&typed, PASSWORD, later),
        Err(LoginError::LockedOut { seconds: 20 })
    ));
    // After the lock a wrong password locks for twice as long.
    let after = NOW + Duration::seconds(31);
    assert!(matches!(
        store.login(&typed, "wrong-password-1", after),
        Err(LoginError::LockedOut { seconds: 60 })
    ));
    // After that lock the right password gets in and clears the count.
    let then = after + Duration::seconds(61);
    store.login(&typed, PASSWORD, then).unwrap();
    assert!(matches!(
        store.login(&typed, "wrong-password-1", then),
        Err(LoginError::Refused)
    ));
}

#[test]
fn a_weak_password_is_refused_and_the_old_one_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let (id, iin) = operator_with_password(&mut store, 40);
    let err = store.set_password(id, "qwerty", None).unwrap_err();
    assert!(matches!(err, StoreError::Password(PasswordError::TooShort)));
    assert_eq!(err.localized().key, "password-too-short");
    store.login(&iin.as_string(), PASSWORD, NOW).unwrap();
    assert!(matches!(
        store.set_password(Uuid::now_v7(), PASSWORD, None),
        Err(StoreError::UnknownOperator { .. })
    ));
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
