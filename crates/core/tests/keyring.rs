//! The master key's wraps: every provisioned operator unlocks the same key offline with their
//! IIN and password, nothing else opens it, removing an operator removes their wrap, failures
//! delay the next attempt, and the file on disk names no one.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::iin::{Iin, Sex};
use tereze_core::keyring::{Keyring, KeyringError};
use time::OffsetDateTime;
use time::macros::date;
use uuid::Uuid;

const EXECUTOR_PASSWORD: &str = "қызғалдақ-дала-2026";
const HEAD_PASSWORD: &str = "Бәйтерек-астана-77";

fn iin(birth: time::Date, sex: Sex) -> Iin {
    (1..).find_map(|s| Iin::compose(birth, sex, s)).unwrap()
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

#[test]
fn each_operator_unlocks_the_same_key_and_nothing_else_opens_it() {
    let dir = tempfile::tempdir().unwrap();
    let (executor, head) = (Uuid::now_v7(), Uuid::now_v7());
    let executor_iin = iin(date!(1990 - 04 - 12), Sex::Female);
    let head_iin = iin(date!(1979 - 09 - 25), Sex::Male);
    let (mut keyring, key) =
        Keyring::create(dir.path(), executor, &executor_iin, EXECUTOR_PASSWORD).unwrap();
    keyring
        .set_wrap(&key, head, &head_iin, HEAD_PASSWORD)
        .unwrap();

    let mut again = Keyring::load(dir.path()).unwrap();
    let opened = again
        .unlock(&executor_iin, EXECUTOR_PASSWORD, now())
        .unwrap();
    assert_eq!((opened.operator, &opened.key), (executor, &key));
    let opened = again.unlock(&head_iin, HEAD_PASSWORD, now()).unwrap();
    assert_eq!((opened.operator, &opened.key), (head, &key));

    // A wrong password, someone else's password, or the right password with another IIN.
    for (who, password) in [
        (&executor_iin, "қызғалдақ-дала-2027"),
        (&executor_iin, HEAD_PASSWORD),
        (&head_iin, EXECUTOR_PASSWORD),
    ] {
        assert!(matches!(
            again.unlock(who, password, now()),
            Err(KeyringError::Refused)
        ));
    }
}

#[test]
fn a_removed_operator_can_no_longer_unlock_and_the_last_wrap_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (executor, head) = (Uuid::now_v7(), Uuid::now_v7());
    let executor_iin = iin(date!(1990 - 04 - 12), Sex::Female);
    let head_iin = iin(date!(1979 - 09 - 25), Sex::Male);
    let (mut keyring, key) =
        Keyring::create(dir.path(), executor, &executor_iin, EXECUTOR_PASSWORD).unwrap();
    keyring
        .set_wrap(&key, head, &head_iin, HEAD_PASSWORD)
        .unwrap();
    keyring.remove_wrap(executor).unwrap();
    let mut reloaded = Keyring::load(dir.path()).unwrap();
    assert_eq!(reloaded.operators(), vec![head]);
    assert!(matches!(
        reloaded.unlock(&executor_iin, EXECUTOR_PASSWORD, now()),
        Err(KeyringError::Refused)
    ));
    assert!(matches!(
        reloaded.remove_wrap(head),
        Err(KeyringError::LastWrap)
    ));
    assert!(matches!(
        reloaded.remove_wrap(executor),
        Err(KeyringError::UnknownOperator(_))
    ));
    assert!(reloaded.unlock(&head_iin, HEAD_PASSWORD, now()).is_ok());
}

#[test]
fn a_new_password_replaces_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let executor = Uuid::now_v7();
    let who = iin(date!(1990 - 04 - 12), Sex::Female);
    let (mut keyring, key) =
        Keyring::create(dir.path(), executor, &who, EXECUTOR_PASSWORD).unwrap();
    keyring
        .set_wrap(&key, executor, &who, "жаңа-құпиясөз-2026")
        .unwrap();
    assert_eq!(keyring.operators().len(), 1);
    assert!(matches!(
        keyring.unlock(&who, EXECUTOR_PASSWORD, now()),
        Err(KeyringError::Refused)
    ));
    assert_eq!(
        keyring
            .unlock(&who, "жаңа-құпиясөз-2026", now())
            .unwrap()
            .key,
        key
    );
}

#[test]
fn failures_delay_the_next_attempt_and_are_reported_at_the_next_unlock() {
    let dir = tempfile::tempdir().unwrap();
    let who = iin(date!(1990 - 04 - 12), Sex::Female);
    let (mut keyring, _) =
        Keyring::create(dir.path(), Uuid::now_v7(), &who, EXECUTOR_PASSWORD).unwrap();
    let start = now();
    for _ in 0..5 {
        assert!(matches!(
            keyring.unlock(&who, "wrong password!", start),
            Err(KeyringError::Refused)
        ));
    }
    // Locked for 30 s, even with the right password; the count survives a restart.
    let mut reloaded = Keyring::load(dir.path()).unwrap();
    let Err(KeyringError::LockedOut { until }) =
        reloaded.unlock(&who, EXECUTOR_PASSWORD, start + time::Duration::seconds(10))
    else {
        panic!("the sixth attempt must wait");
    };
    assert_eq!(until - start, time::Duration::seconds(30));
    // After the delay a sixth failure doubles it.
    let later = start + time::Duration::seconds(31);
    assert!(matches!(
        reloaded.unlock(&who, "wrong again!!", later),
        Err(KeyringError::Refused)
    ));
    let Err(KeyringError::LockedOut { until }) = reloaded.unlock(&who, EXECUTOR_PASSWORD, later)
    else {
        panic!("the delay doubles");
    };
    assert_eq!(until - later, time::Duration::seconds(60));
    let unlocked = reloaded
        .unlock(&who, EXECUTOR_PASSWORD, later + time::Duration::seconds(61))
        .unwrap();
    assert_eq!(unlocked.failed_attempts, 6);
    let unlocked = reloaded
        .unlock(&who, EXECUTOR_PASSWORD, later + time::Duration::seconds(62))
        .unwrap();
    assert_eq!(unlocked.failed_attempts, 0, "a success clears the count");
}

#[test]
fn the_file_names_no_one_and_holds_no_key_or_password() {
    let dir = tempfile::tempdir().unwrap();
    let who = iin(date!(1990 - 04 - 12), Sex::Female);
    let (_, key) = Keyring::create(dir.path(), Uuid::now_v7(), &who, EXECUTOR_PASSWORD).unwrap();
    let raw = std::fs::read(Keyring::path_in(dir.path())).unwrap();
    let text = String::from_utf8_lossy(&raw);
    assert!(!text.contains(&who.as_string()));
    assert!(!text.contains(EXECUTOR_PASSWORD));
    assert!(!text.contains(&hex::encode(key.bytes())));
    assert!(
        !raw.windows(32).any(|w| w == key.bytes()),
        "the raw key bytes are not in the file"
    );
    assert_eq!(format!("{key:?}"), "MasterKey(..)");
}

#[test]
fn a_damaged_keyring_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = Keyring::path_in(dir.path());
    std::fs::write(&path, b"{\"format\": 1, \"wraps\": [").unwrap();
    assert!(matches!(
        Keyring::load(dir.path()),
        Err(KeyringError::Damaged(_))
    ));
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"format\": 1, \"wraps\": ["
    );
    // And an existing keyring is never replaced by a new one.
    assert!(
        Keyring::create(
            dir.path(),
            Uuid::now_v7(),
            &iin(date!(1990 - 04 - 12), Sex::Female),
            EXECUTOR_PASSWORD
        )
        .is_err()
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        b"{\"format\": 1, \"wraps\": ["
    );
}
