//! A store with one operator and one draft request, ready to take attachments. Included with
//! `#[path]` by the attachment tests.

#![allow(dead_code)] // each includer uses only part of it

use std::fs;
use std::path::Path;

use tereze_core::channel::Channel;
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::{NewOperator, RequestDraft, Role, Store, StoreOptions};
use time::macros::date;
use uuid::Uuid;

/// The store, its operator and the request the scans go to.
pub struct AttachFixture {
    /// The store, in `<dir>/data`, with a 1 MiB attachment limit.
    pub store: Store,
    /// The operator who attaches.
    pub operator: Uuid,
    /// The draft request.
    pub request: Uuid,
}

impl AttachFixture {
    /// A fresh store under `dir`.
    pub fn new(dir: &Path) -> Self {
        let mut store = Store::open_with(
            &dir.join("data"),
            &test_key(),
            StoreOptions {
                max_attachment_bytes: 1024 * 1024,
                ..StoreOptions::default()
            },
        )
        .unwrap();
        let iin = (1..)
            .find_map(|s| Iin::compose(date!(1979 - 11 - 02), Sex::Male, s))
            .unwrap();
        let operator = store
            .add_operator(
                &NewOperator {
                    iin,
                    full_name: "Омаров Ерлан".into(),
                    role: Role::ConOperator,
                    office_id: "con-shymkent-1".into(),
                    password_hash: None,
                },
                None,
            )
            .unwrap()
            .id;
        let request = store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".into(),
                    profile: "default".into(),
                    channel: Channel::Con,
                    fields: FieldValues::new(),
                },
                operator,
            )
            .unwrap()
            .id;
        Self {
            store,
            operator,
            request,
        }
    }
}

/// How many scan files `store` keeps.
pub fn blob_count(store: &Store) -> usize {
    let root = store.attachment_path(&"0".repeat(64)).unwrap();
    let blobs = root.parent().unwrap().parent().unwrap();
    fs::read_dir(blobs)
        .unwrap()
        .map(|d| fs::read_dir(d.unwrap().path()).unwrap().count())
        .sum()
}

/// The fixed master key these tests open their encrypted stores with.
pub fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
