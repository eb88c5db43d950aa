//! Each sync reports the workstation's audit chain head; the server acknowledges a chain that
//! extends the one it saw before and flags one whose history was rewritten (here: the local log
//! emptied behind the store's back and written anew), listing it for the administrator.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use server_support::{Workstation, server_for, sqlite_db};
use support::{engine, runtime};
use tereze_core::store::{AuditAction, EntityKind};
use tereze_sync::EventSender;

#[test]
fn a_growing_chain_is_acknowledged_and_a_rewritten_one_is_flagged() {
    let mut ws = Workstation::new(51);
    ws.new_request("Ерасыл");
    let test_db = sqlite_db();
    let server = server_for(&test_db, &ws);
    let engine = engine(&server.url, &server, &ws);
    let rt = runtime();
    let none = EventSender::none();

    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert_eq!(summary.audit_continuous, Some(true));
    let first = ws.store.acknowledged_audit().unwrap().unwrap();
    assert!(first > 0);

    // More work: the chain grows, and still extends what the server acknowledged.
    ws.new_request("Мирас");
    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert_eq!(summary.audit_continuous, Some(true));
    let second = ws.store.acknowledged_audit().unwrap().unwrap();
    assert!(second > first);
    let flagged = |server: &server_support::TestServer| {
        server
            .open_db()
            .run_blocking(tereze_server::audit_chain::flagged)
            .unwrap()
    };
    assert!(flagged(&server).is_empty());

    // Someone empties the local log around the store's guards and writes a new history.
    ws.store
        .connection()
        .execute_batch("DROP TRIGGER audit_no_delete; DELETE FROM audit;")
        .unwrap();
    for _ in 0..(second + 3) {
        ws.store
            .audit(
                Some(ws.operator.id),
                AuditAction::Login,
                EntityKind::Workstation,
                None,
                &serde_json::json!({}),
            )
            .unwrap();
    }
    let summary = rt.block_on(engine.sync_once(&mut ws.store, &none)).unwrap();
    assert_eq!(summary.audit_continuous, Some(false));
    assert_eq!(ws.store.acknowledged_audit().unwrap(), Some(second));
    let flags = flagged(&server);
    assert_eq!(flags.len(), 1, "{flags:?}");
    assert_eq!(flags[0].0, ws.id().to_string());
}
