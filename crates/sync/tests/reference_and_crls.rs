//! The engine takes the server's reference data when its version changes (rows and version in
//! one transaction) and keeps the server's revocation lists in the CRL folder, replacing a list
//! its issuer renewed. Against the real server on SQLite.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use std::path::Path;

use server_support::{Workstation, server_for, sqlite_db};
use support::{config, runtime};
use tereze_server::admin;
use tereze_server::blob::BlobStore;
use tereze_sync::{EventSender, SyncEngine, crls};

#[test]
fn reference_data_and_revocation_lists_follow_the_server() {
    let mut ws = Workstation::new(41);
    let test_db = sqlite_db();
    let server = server_for(&test_db, &ws);
    let db = server.open_db();
    let version = admin::import_reference(&db, Path::new("../../assets/reference")).unwrap();
    let blobs = BlobStore::open(&server.blob_dir).unwrap();
    let files = tempfile::tempdir().unwrap();
    let first = files.path().join("first.crl");
    std::fs::write(&first, b"0\x82 first revocation list of the test CA").unwrap();
    admin::import_crl(&db, &blobs, "Test CA", &first).unwrap();

    let crl_dir = files.path().join("crls");
    let mut settings = config(&server.url, &server.credential, ws.operator.id);
    settings.crl_dir = Some(crl_dir.clone());
    let engine = SyncEngine::new(settings).unwrap();
    let rt = runtime();
    let none = EventSender::none();

    assert_eq!(ws.store.server_reference_version().unwrap(), None);
    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert!(summary.reference);
    assert_eq!(
        ws.store.server_reference_version().unwrap().as_deref(),
        Some(version.as_str())
    );
    assert_eq!(summary.crls, 1);
    let held = crls::load(&crl_dir).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].0.issuer, "Test CA");
    assert_eq!(held[0].1, std::fs::read(&first).unwrap());

    // Nothing new: nothing fetched.
    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert!(!summary.reference);
    assert_eq!(summary.crls, 0);

    // The CA renews its list: the new one replaces the old one.
    let second = files.path().join("second.crl");
    std::fs::write(&second, b"0\x82 second revocation list of the test CA").unwrap();
    admin::import_crl(&db, &blobs, "Test CA", &second).unwrap();
    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert_eq!(summary.crls, 1);
    let held = crls::load(&crl_dir).unwrap();
    assert_eq!(held.len(), 1);
    assert_eq!(held[0].1, std::fs::read(&second).unwrap());
    let der_files = std::fs::read_dir(&crl_dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".der")
        })
        .count();
    assert_eq!(der_files, 1, "the replaced list is still in the folder");
}
