//! The engine against the real server: a full cycle pushes the outbox with its scans and brings
//! back the official numbers; a second workstation of the office pulls everything, scans
//! verified; an interrupted upload resumes where the server's copy ends; a protocol mismatch is a
//! typed "update needed"; plain HTTP is refused for anything but loopback; the worker reports
//! progress, retries on its own and syncs at once on a manual trigger.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use std::time::Duration;

use proxy::{Fault, Proxy};
use server_support::{TestDb, Workstation, on_both, server_for, sqlite_db};
use support::{assert_exactly_once, config, engine, provision, runtime, scan, server_state};
use tereze_core::i18n::Localize;
use tereze_core::lifecycle::{Action, Status};
use tereze_core::store::OutboxState;
use tereze_sync::{
    AddressError, Backoff, Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine,
    SyncError, SyncEvent, SyncTrigger, WorkerPolicy, worker,
};
use tokio::sync::mpsc::unbounded_channel;
use uuid::Uuid;

#[test]
fn a_cycle_pushes_scans_and_operations_and_pulls_the_official_numbers() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(21);
        let files = tempfile::tempdir().unwrap();
        let a = ws.new_request("Әлия");
        let b = ws.new_request("Нұрсұлтан");
        ws.edit(a, "child-name", "Әлия Серікқызы");
        let scan_path = scan(files.path(), "birth", 5_000);
        let attachment = ws
            .store
            .add_attachment(
                a,
                "birth-certificate",
                "birth.png",
                &scan_path,
                ws.operator.id,
            )
            .unwrap();
        for id in [a, b] {
            ws.act(id, Status::Draft, Action::Sign);
            ws.act(id, Status::Signed, Action::Register);
        }
        let server = server_for(&db, &ws);
        let rt = runtime();
        let engine = engine(&server.url, &server, &ws);
        let (tx, mut rx) = unbounded_channel();
        let summary = rt
            .block_on(engine.sync_once(&mut ws.store, &EventSender::new(tx)))
            .unwrap();
        assert_eq!(summary.accepted, 8, "{}: {summary:?}", db.label);
        assert_eq!(
            (summary.conflicts, summary.rejected, summary.waiting),
            (0, 0, 0)
        );

        // The official numbers came back with the second pull.
        for id in [a, b] {
            let number = ws.store.load_request(id).unwrap().number;
            assert!(
                number
                    .as_deref()
                    .is_some_and(|n| n.contains("2026") || n.len() > 8),
                "{}: no official number for {id}: {number:?}",
                db.label
            );
        }
        // The scan is on the server, whole and verified.
        let head = server
            .client(ws.operator.id)
            .head(&format!("/v1/blobs/{}", attachment.sha256));
        assert_eq!(head.header("x-tereze-blob-complete"), Some("true"));
        assert_eq!(head.header("x-tereze-blob-received"), Some("5000"));
        let counts = ws.store.outbox_counts().unwrap();
        assert_eq!((counts.accepted, counts.waiting()), (8, 0));
        assert_exactly_once(&server, &ws.store, db.label);

        let mut events = Vec::new();
        while let Ok(e) = rx.try_recv() {
            events.push(e);
        }
        assert_eq!(events.first(), Some(&SyncEvent::Started));
        assert!(matches!(events.last(), Some(SyncEvent::Finished(s)) if *s == summary));
        assert!(events.contains(&SyncEvent::Blob { index: 1, total: 1 }));
        assert!(events.contains(&SyncEvent::Pushed { done: 8, total: 8 }));
        assert!(
            events
                .iter()
                .any(|e| matches!(e, SyncEvent::Pulled { count } if *count > 0))
        );
    });
}

#[test]
fn another_workstation_of_the_office_pulls_requests_and_verified_scans() {
    on_both(|db: TestDb| {
        let mut first = Workstation::new(31);
        let files = tempfile::tempdir().unwrap();
        let id = first.new_request("Жансая");
        let scan_path = scan(files.path(), "passport", 4_000);
        let attachment = first
            .store
            .add_attachment(
                id,
                "passport",
                "passport.png",
                &scan_path,
                first.operator.id,
            )
            .unwrap();
        first.act(id, Status::Draft, Action::Sign);
        let server = server_for(&db, &first);
        let rt = runtime();
        rt.block_on(
            engine(&server.url, &server, &first).sync_once(&mut first.store, &EventSender::none()),
        )
        .unwrap();

        let (mut second, credential) = provision(&server, 32);
        let engine2 =
            SyncEngine::new(config(&server.url, &credential, second.operator.id)).unwrap();
        let summary = rt
            .block_on(engine2.sync_once(&mut second.store, &EventSender::none()))
            .unwrap();
        assert_eq!(summary.blobs, 1, "{}", db.label);
        let pulled = second.store.load_request(id).unwrap();
        assert_eq!(pulled.status, Status::Signed);
        assert_eq!(pulled.created_by, first.operator.id);
        let attachments = second.store.attachments(id).unwrap();
        assert_eq!(attachments.len(), 1);
        assert_eq!(
            second.store.read_attachment(&attachment.sha256).unwrap(),
            std::fs::read(&scan_path).unwrap()
        );
        assert_eq!(pulled.fields["child-name"], "Жансая");
        // Nothing pulled went into the second workstation's outbox.
        assert_eq!(second.store.outbox_counts().unwrap(), Default::default());
        // A second cycle finds nothing new.
        let again = rt
            .block_on(engine2.sync_once(&mut second.store, &EventSender::none()))
            .unwrap();
        assert_eq!((again.pulled, again.blobs), (0, 0));
    });
}

#[test]
fn an_interrupted_upload_resumes_where_the_servers_copy_ends() {
    let db = sqlite_db();
    let mut ws = Workstation::new(41);
    let files = tempfile::tempdir().unwrap();
    let id = ws.new_request("Ержан");
    let scan_path = scan(files.path(), "large", 10_000);
    let bytes = std::fs::read(&scan_path).unwrap();
    let attachment = ws
        .store
        .add_attachment(id, "photo", "photo.png", &scan_path, ws.operator.id)
        .unwrap();
    let server = server_for(&db, &ws);
    let rt = runtime();
    let proxy = rt.block_on(Proxy::start(
        server.url.trim_start_matches("http://").parse().unwrap(),
    ));
    let engine = engine(&proxy.url(), &server, &ws);
    // An earlier run got 3000 bytes across before the link went down.
    let client = server.client(ws.operator.id);
    let path = format!("/v1/blobs/{}", attachment.sha256);
    let answer = client.put(&path, Some("bytes 0-2999/10000"), &bytes[..3000]);
    assert_eq!(answer.status, 202, "{}", answer.body);
    // Pieces are 1500 bytes; the one from 4500 is lost on the way this time.
    let put = format!("PUT {path} HTTP/1.1");
    proxy.arm(&format!("{put} [bytes 4500-"), Fault::DropRequest);
    let err = rt
        .block_on(engine.sync_once(&mut ws.store, &EventSender::none()))
        .unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(
        ws.store.outbox_counts().unwrap().queued,
        2,
        "nothing is sent before its scan"
    );
    rt.block_on(engine.sync_once(&mut ws.store, &EventSender::none()))
        .unwrap();
    let ranges: Vec<String> = proxy
        .log()
        .into_iter()
        .filter_map(|l| l.strip_prefix(&put).map(str::to_owned))
        .collect();
    assert_eq!(
        ranges,
        [
            " [bytes 3000-4499/10000]",
            " [bytes 4500-5999/10000]",
            " [bytes 4500-5999/10000]",
            " [bytes 6000-7499/10000]",
            " [bytes 7500-8999/10000]",
            " [bytes 9000-9999/10000]",
        ],
        "the upload did not resume where the server's copy ends"
    );
    let head = client.head(&path);
    assert_eq!(head.header("x-tereze-blob-complete"), Some("true"));
    assert_exactly_once(&server, &ws.store, "resume");
}

#[test]
fn a_protocol_mismatch_is_a_typed_update_needed_and_sends_nothing() {
    let db = sqlite_db();
    let mut ws = Workstation::new(51);
    ws.new_request("Асель");
    let server = server_for(&db, &ws);
    let rt = runtime();
    let proxy = rt.block_on(Proxy::start(
        server.url.trim_start_matches("http://").parse().unwrap(),
    ));
    proxy.arm("GET /v1/changes", Fault::ProtocolVersion(7));
    let engine = engine(&proxy.url(), &server, &ws);
    let (tx, mut rx) = unbounded_channel();
    let err = rt
        .block_on(engine.sync_once(&mut ws.store, &EventSender::new(tx)))
        .unwrap_err();
    match &err {
        SyncError::UpdateNeeded { client, server } => {
            assert_eq!((*client, *server), (7, tereze_protocol::PROTOCOL_VERSION));
        }
        other => panic!("expected UpdateNeeded, got {other:?}"),
    }
    assert_eq!(err.localized().key, "sync-update-needed");
    assert!(!err.is_transient());
    let mut failed = None;
    while let Ok(e) = rx.try_recv() {
        if let SyncEvent::Failed { reason, transient } = e {
            failed = Some((reason.key, transient));
        }
    }
    assert_eq!(failed, Some(("sync-update-needed", false)));
    assert!(server_state(&server).settled.is_empty());
    assert_eq!(ws.store.outbox_counts().unwrap().queued, 1);
}

#[test]
fn plain_http_to_a_remote_host_and_https_without_the_project_ca_are_refused() {
    assert!(matches!(
        ServerAddress::parse("http://192.0.2.10:8443"),
        Err(AddressError::PlainNotLoopback { .. })
    ));
    let credentials = Credentials {
        workstation: "secret".into(),
        operator: Uuid::now_v7(),
    };
    let https = ServerAddress::parse("https://sync.example.kz").unwrap();
    assert!(matches!(
        SyncEngine::new(SyncConfig::new(https.clone(), None, credentials.clone())),
        Err(SyncError::MissingCa)
    ));
    assert!(matches!(
        SyncEngine::new(SyncConfig::new(
            https,
            Some(b"-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----\n".to_vec()),
            credentials.clone()
        )),
        Err(SyncError::BadCa)
    ));
    assert!(!format!("{credentials:?}").contains("secret"));
}

#[test]
fn the_worker_retries_by_itself_and_syncs_at_once_on_a_manual_trigger() {
    let db = sqlite_db();
    let mut ws = Workstation::new(61);
    let first = ws.new_request("Дана");
    let server = server_for(&db, &ws);
    let rt = runtime();
    let proxy = rt.block_on(Proxy::start(
        server.url.trim_start_matches("http://").parse().unwrap(),
    ));
    // The link is down for the first two attempts.
    proxy.arm("GET /v1/changes", Fault::DropRequest);
    proxy.arm("GET /v1/changes", Fault::Reset);
    let engine = engine(&proxy.url(), &server, &ws);
    let data_dir = ws
        .store
        .connection()
        .path()
        .map(std::path::PathBuf::from)
        .unwrap();
    let data_dir = data_dir.parent().unwrap().to_path_buf();
    let store = std::mem::replace(
        &mut ws.store,
        tereze_core::store::Store::open(&data_dir, &test_key()).unwrap(),
    );
    let (tx, mut rx) = unbounded_channel();
    let (trigger, triggers) = SyncTrigger::new();
    let policy = WorkerPolicy {
        backoff: Backoff {
            base: Duration::from_millis(200),
            cap: Duration::from_secs(2),
        },
        interval: Duration::from_secs(3600),
    };
    let handle = rt.spawn(worker::run(
        engine,
        store,
        EventSender::new(tx),
        triggers,
        policy,
    ));

    let mut seen = Vec::new();
    let mut next = |seen: &mut Vec<SyncEvent>| {
        let e = rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(30), rx.recv()).await })
            .expect("no event within 30 s")
            .unwrap();
        seen.push(e.clone());
        e
    };
    // Two failures with growing waits, then a success, all without a trigger.
    let mut finished = 0;
    while finished == 0 {
        if let SyncEvent::Finished(s) = next(&mut seen) {
            assert_eq!(s.accepted, 1);
            finished += 1;
        }
    }
    let failures = seen
        .iter()
        .filter(|e| {
            matches!(
                e,
                SyncEvent::Failed {
                    transient: true,
                    ..
                }
            )
        })
        .count();
    assert_eq!(failures, 2, "{seen:?}");
    assert!(matches!(seen.last(), Some(SyncEvent::Finished(_))));
    // Next automatic cycle is an hour away; a new save goes out on "sync now".
    assert_eq!(next(&mut seen), SyncEvent::NextAttempt { in_secs: 3600 });
    let second = ws.new_request("Тимур");
    trigger.sync_now();
    loop {
        if let SyncEvent::Finished(s) = next(&mut seen) {
            assert_eq!(s.accepted, 1, "{seen:?}");
            break;
        }
    }
    trigger.stop();
    let store = rt.block_on(handle).unwrap();
    for id in [first, second] {
        assert_eq!(
            store
                .outbox_items(Some(OutboxState::Accepted), 10)
                .unwrap()
                .iter()
                .filter(|i| i.entity_id == id)
                .count(),
            1
        );
    }
    assert_exactly_once(&server, &store, "worker");
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
