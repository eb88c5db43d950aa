//! Network faults between the engine and the real server, injected by an in-process proxy: a
//! call dropped on the way, an answer dropped after the server committed, a 30 s stall, a
//! 1 byte/s trickle and a connection reset, on pushes, pulls and uploads. After the faults heal
//! the outbox drains and the server holds every operation exactly once: 0 lost, 0 duplicated.
//! On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use std::time::Duration;

use proxy::{Fault, Proxy};
use server_support::{TestDb, Workstation, on_both, server_for};
use support::{assert_exactly_once, engine, runtime, scan, server_state};
use tereze_core::lifecycle::{Action, Status};
use tereze_sync::{EventSender, SyncError};

/// A morning's work: new requests, edits, scans, signatures and registrations.
fn workload(ws: &mut Workstation, files: &std::path::Path, round: usize) {
    let mut ids = Vec::new();
    for i in 0..6 {
        ids.push(ws.new_request(&format!("Бала {round}-{i}")));
    }
    for (i, id) in ids.iter().enumerate() {
        ws.edit(*id, "child-name", &format!("Бала {round}-{i} (түзетілген)"));
    }
    for (i, id) in ids.iter().take(2).enumerate() {
        let path = scan(files, &format!("scan-{round}-{i}"), 4_000 + i * 700);
        ws.store
            .add_attachment(*id, "birth-certificate", "scan.png", &path, ws.operator.id)
            .unwrap();
    }
    for id in ids.iter().skip(2).take(3) {
        ws.act(*id, Status::Draft, Action::Sign);
        ws.act(*id, Status::Signed, Action::Register);
    }
}

#[test]
fn every_fault_heals_with_nothing_lost_and_nothing_applied_twice() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(71);
        let files = tempfile::tempdir().unwrap();
        workload(&mut ws, files.path(), 0);
        let server = server_for(&db, &ws);
        let rt = runtime();
        let upstream = server.url.trim_start_matches("http://").parse().unwrap();
        let proxy = rt.block_on(Proxy::start(upstream));
        let engine = engine(&proxy.url(), &server, &ws);

        // Each fault hits the next matching call; the engine is run until a cycle succeeds.
        let stall = Fault::Stall(Duration::from_secs(30));
        let plan = [
            ("POST /v1/push", Fault::DropRequest),
            ("POST /v1/push", Fault::DropResponse),
            ("POST /v1/push", stall),
            ("POST /v1/push", Fault::Trickle),
            ("POST /v1/push", Fault::Reset),
            ("PUT /v1/blobs/", Fault::DropResponse),
            ("PUT /v1/blobs/", Fault::Reset),
            ("GET /v1/changes", Fault::DropResponse),
            ("GET /v1/changes", Fault::Trickle),
            ("HEAD /v1/blobs/", stall),
        ];
        let mut errors = Vec::new();
        for (round, (prefix, fault)) in plan.iter().enumerate() {
            proxy.arm(prefix, *fault);
            // More work arrives while the link is bad.
            if round > 0 {
                workload(&mut ws, files.path(), round);
            }
            let mut attempts = 0;
            loop {
                attempts += 1;
                assert!(
                    attempts < 10,
                    "{}: {prefix} {fault:?} never healed",
                    db.label
                );
                match rt.block_on(engine.sync_once(&mut ws.store, &EventSender::none())) {
                    Ok(_) => break,
                    Err(e) => {
                        assert!(e.is_transient(), "{}: {prefix} {fault:?}: {e:?}", db.label);
                        errors.push(e);
                    }
                }
            }
            assert_eq!(
                proxy.armed(),
                0,
                "{}: {prefix} {fault:?} was never hit",
                db.label
            );
            assert_exactly_once(
                &server,
                &ws.store,
                &format!("{} after {prefix} {fault:?}", db.label),
            );
        }
        assert_eq!(proxy.hits().len(), plan.len());
        assert!(
            errors.iter().any(|e| matches!(e, SyncError::Timeout)),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|e| matches!(e, SyncError::Connection(_))),
            "{errors:?}"
        );

        let state = server_state(&server);
        let ws_id = ws.id().to_string();
        let mine = state
            .settled
            .iter()
            .filter(|s| s.workstation == ws_id)
            .count();
        assert_eq!(
            mine,
            ws.store
                .outbox_after(tereze_protocol::Seq(0), usize::MAX)
                .unwrap()
                .len()
        );
        assert!(
            state.settled.iter().all(|s| s.outcome == "accepted"),
            "{}",
            db.label
        );
        assert_eq!(state.blobs, 20, "{}", db.label);
        // Every registered request carries its official number here.
        let registered = ws
            .store
            .list_requests(1000)
            .unwrap()
            .into_iter()
            .filter(|r| r.status == Status::Registered)
            .collect::<Vec<_>>();
        assert_eq!(registered.len(), 30, "{}", db.label);
        assert!(
            registered.iter().all(|r| r.number.is_some()),
            "{}",
            db.label
        );
    });
}
