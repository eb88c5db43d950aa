//! The transport trusts the project's CA and nothing else: against the real server over HTTPS
//! (certificates made by openssl for the test), an engine given the project CA syncs, and one
//! given another CA refuses the server before anything is sent.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/openssl_ca.rs"]
mod openssl_ca;
#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use std::path::Path;

use openssl_ca::{ca, server_cert};
use server_support::{OFFICE, Workstation, add_operator, sqlite_db};
use support::runtime;
use tereze_core::i18n::Localize;
use tereze_core::store::Role;
use tereze_server::ServeConfig;
use tereze_server::db::Db;
use tereze_sync::{Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine, SyncError};

#[test]
fn only_a_server_certified_by_the_project_ca_is_trusted() {
    let pki = tempfile::tempdir().unwrap();
    let project = ca(pki.path(), "tereze-project-ca");
    let stranger = ca(pki.path(), "some-other-ca");
    let tls = server_cert(pki.path(), &project);

    let mut ws = Workstation::new(111);
    ws.new_request("Айдана");
    let test_db = sqlite_db();
    let db = Db::open(&test_db.address).unwrap();
    let provisioned =
        tereze_server::admin::provision_workstation(&db, OFFICE, "tls", Some(ws.id())).unwrap();
    add_operator(&db, Role::Executor, 111, Some(ws.operator.id), OFFICE);
    drop(db);

    let rt = runtime();
    let server = rt
        .block_on(tereze_server::start(ServeConfig {
            db: test_db.address.clone(),
            listen: "127.0.0.1:0".parse().unwrap(),
            blob_dir: test_db.dir.path().join("blobs"),
            tls: Some(tls),
            mail: None,
        }))
        .unwrap();
    let address = ServerAddress::parse(&format!("https://{}", server.addr())).unwrap();
    let credentials = Credentials {
        workstation: provisioned.credential,
        operator: ws.operator.id,
    };
    let engine_with = |ca: &Path| {
        SyncEngine::new(SyncConfig::new(
            address.clone(),
            Some(std::fs::read(ca).unwrap()),
            credentials.clone(),
        ))
        .unwrap()
    };

    let err = rt
        .block_on(engine_with(&stranger.0).sync_once(&mut ws.store, &EventSender::none()))
        .unwrap_err();
    assert!(matches!(err, SyncError::Tls(_)), "{err:?}");
    assert_eq!(err.localized().key, "sync-tls");
    assert!(!err.is_transient());
    assert_eq!(
        ws.store.outbox_counts().unwrap().queued,
        1,
        "something was sent"
    );

    let summary = rt
        .block_on(engine_with(&project.0).sync_once(&mut ws.store, &EventSender::none()))
        .unwrap();
    assert_eq!(summary.accepted, 1);
    assert_eq!(ws.store.outbox_counts().unwrap().waiting(), 0);
    rt.block_on(server.shutdown()).unwrap();
}
