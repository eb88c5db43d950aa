//! Accounts and their wraps move together: a new operator can open the workstation with their
//! password, a changed password re-wraps, a disabled operator can no longer open it, and the
//! last wrap is never removed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::iin::{Iin, Sex};
use tereze_core::keyring::{Keyring, KeyringError, MasterKey};
use tereze_core::operator_keys::{self, OperatorKeyError};
use tereze_core::store::{NewOperator, Role, Store};
use time::OffsetDateTime;
use time::macros::date;

fn iin(serial: u16) -> Iin {
    (serial..)
        .find_map(|s| Iin::compose(date!(1984 - 02 - 21), Sex::Male, s))
        .unwrap()
}

fn new_operator(serial: u16) -> NewOperator {
    NewOperator {
        iin: iin(serial),
        full_name: "Тестов Админ".into(),
        role: Role::Administrator,
        office_id: "edu-shymkent".into(),
        password_hash: None,
    }
}

#[test]
fn wraps_follow_the_accounts() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let key = MasterKey::generate();
    let mut store = Store::open(data, &key).unwrap();
    let admin = store.add_operator(&new_operator(100), None).unwrap();
    store
        .set_password(admin.id, "Admin-Password-1", None)
        .unwrap();
    Keyring::create_for(data, &key, admin.id, &admin.iin, "Admin-Password-1").unwrap();
    let now = OffsetDateTime::now_utc();

    let clerk = operator_keys::add_operator(
        &mut store,
        data,
        &key,
        &new_operator(200),
        "Clerk-Password-1",
        Some(admin.id),
    )
    .unwrap();
    let mut keyring = Keyring::load(data).unwrap();
    let opened = keyring.unlock(&clerk.iin, "Clerk-Password-1", now).unwrap();
    assert!(opened.key == key);
    assert_eq!(
        store
            .login(&clerk.iin.as_string(), "Clerk-Password-1", now)
            .unwrap()
            .id,
        clerk.id
    );

    operator_keys::set_password(&mut store, data, &key, clerk.id, "Clerk-Password-2", None)
        .unwrap();
    let mut keyring = Keyring::load(data).unwrap();
    assert!(matches!(
        keyring.unlock(&clerk.iin, "Clerk-Password-1", now),
        Err(KeyringError::Refused)
    ));
    assert!(keyring.unlock(&clerk.iin, "Clerk-Password-2", now).is_ok());

    operator_keys::disable_operator(&mut store, data, clerk.id).unwrap();
    let mut keyring = Keyring::load(data).unwrap();
    assert!(!keyring.has_wrap(clerk.id));
    assert!(keyring.unlock(&clerk.iin, "Clerk-Password-2", now).is_err());
    assert!(!store.operator(clerk.id).unwrap().unwrap().active);

    // The administrator's is the last wrap: disabling them is refused and changes nothing.
    let err = operator_keys::disable_operator(&mut store, data, admin.id).unwrap_err();
    assert!(
        matches!(err, OperatorKeyError::Keyring(KeyringError::LastWrap)),
        "{err:?}"
    );
    assert!(store.operator(admin.id).unwrap().unwrap().active);
    assert!(Keyring::load(data).unwrap().has_wrap(admin.id));
}

#[test]
fn importing_accounts_prunes_the_wraps_of_disabled_ones() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    let key = MasterKey::generate();
    let mut store = Store::open(data, &key).unwrap();
    let admin = store.add_operator(&new_operator(300), None).unwrap();
    Keyring::create_for(data, &key, admin.id, &admin.iin, "Admin-Password-1").unwrap();
    let clerk = operator_keys::add_operator(
        &mut store,
        data,
        &key,
        &new_operator(400),
        "Clerk-Password-1",
        None,
    )
    .unwrap();
    assert_eq!(operator_keys::prune_wraps(&store, data).unwrap(), 0);
    // The server disabled the clerk (as an import does).
    store.set_operator_active(clerk.id, false).unwrap();
    assert_eq!(operator_keys::prune_wraps(&store, data).unwrap(), 1);
    assert_eq!(Keyring::load(data).unwrap().operators(), vec![admin.id]);
}
