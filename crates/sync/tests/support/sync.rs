//! Test support for the engine: engines pointed at a real server (directly or through the fault
//! proxy), extra workstations of the same office, and the server's state read back from its
//! database to count every operation.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use tereze_core::store::{Role, Store};
use tereze_protocol::ChangedEntity;
use tereze_server::admin;
use tereze_sync::{Credentials, ServerAddress, SyncConfig, SyncEngine, Timeouts};
use uuid::Uuid;

use crate::server_support::{OFFICE, TestServer, Workstation, add_operator};

/// A multi-threaded runtime for the engine (and the proxy).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

/// Settings for tests: short timeouts (the faults themselves still last as long as they do),
/// one connection per call so the proxy sees each call, small batches and pages so that
/// several round trips happen.
pub fn config(url: &str, credential: &str, operator: Uuid) -> SyncConfig {
    let mut config = SyncConfig::new(
        ServerAddress::parse(url).unwrap(),
        None,
        Credentials {
            workstation: credential.to_owned(),
            operator,
        },
    );
    config.timeouts = Timeouts {
        connect: Duration::from_secs(2),
        request: Duration::from_secs(3),
        read: Duration::from_secs(2),
    };
    config.keep_alive = false;
    config.push_batch = 7;
    config.pull_page = 11;
    config.blob_chunk = 1500;
    config
}

/// An engine for `ws` (provisioned as the server's workstation) at `url`.
pub fn engine(url: &str, server: &TestServer, ws: &Workstation) -> SyncEngine {
    SyncEngine::new(config(url, &server.credential, ws.operator.id)).unwrap()
}

/// Another workstation of the same office, provisioned on the server with its own credential
/// and its executor.
pub fn provision(server: &TestServer, serial: u32) -> (Workstation, String) {
    let ws = Workstation::new(serial);
    let db = server.open_db();
    let p = admin::provision_workstation(&db, OFFICE, "second", Some(ws.id())).unwrap();
    add_operator(&db, Role::Executor, serial, Some(ws.operator.id), OFFICE);
    (ws, p.credential)
}

/// A valid JPEG scan of about `size` bytes, different for each `tag`.
pub fn scan(dir: &Path, tag: &str, size: usize) -> std::path::PathBuf {
    let bytes = tereze_core::scan::sample_jpeg(tag.as_bytes(), size);
    let path = dir.join(format!("{tag}.jpg"));
    std::fs::write(&path, bytes).unwrap();
    path
}

/// One settled operation on the server.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Settled {
    pub workstation: String,
    pub seq: i64,
    pub entity: String,
    pub version: i64,
    pub outcome: String,
}

/// What the server holds, read from its database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerState {
    /// Every settled operation, by (workstation, seq).
    pub settled: Vec<Settled>,
    /// Every entity: id → (version, state JSON).
    pub entities: BTreeMap<String, (i64, String)>,
    /// How many change-log entries each (entity, version) has, for requests and attachments.
    pub changes: BTreeMap<(String, i64), usize>,
    /// Conflict rows.
    pub conflicts: i64,
    /// Complete blobs.
    pub blobs: i64,
}

pub fn server_state(server: &TestServer) -> ServerState {
    let db = server.open_db();
    db.run_blocking(|sql| {
        let settled = sql
            .query(
                "SELECT workstation_id, seq, entity_id, entity_version, outcome
                 FROM settled_ops ORDER BY workstation_id, seq",
                &[],
            )?
            .iter()
            .map(|r| {
                Ok(Settled {
                    workstation: r.text(0)?,
                    seq: r.int(1)?,
                    entity: r.text(2)?,
                    version: r.int(3)?,
                    outcome: r.text(4)?,
                })
            })
            .collect::<Result<Vec<_>, tereze_server::db::DbError>>()?;
        let mut entities = BTreeMap::new();
        for r in sql.query("SELECT id, version, state FROM entities", &[])? {
            entities.insert(r.text(0)?, (r.int(1)?, r.text(2)?));
        }
        let mut changes = BTreeMap::new();
        for r in sql.query("SELECT body FROM change_log", &[])? {
            let key = match serde_json::from_str::<ChangedEntity>(&r.text(0)?).unwrap() {
                ChangedEntity::Request { request } => (request.id.to_string(), request.version),
                ChangedEntity::Attachment { attachment } => {
                    (attachment.id.to_string(), attachment.version)
                }
                // A removal is the attachment's second version.
                ChangedEntity::AttachmentRemoved { attachment, .. } => {
                    (attachment.id.to_string(), attachment.version + 1)
                }
                ChangedEntity::Signature { signature } => (signature.id.to_string(), 1),
                ChangedEntity::Decision { decision } => (decision.id.to_string(), 1),
                ChangedEntity::DocumentIssued { document } => (document.id.to_string(), 1),
                ChangedEntity::Conflict { .. } => continue,
            };
            *changes.entry(key).or_insert(0) += 1;
        }
        let conflicts = sql
            .query_opt("SELECT count(*) FROM conflicts", &[])?
            .map_or(Ok(0), |r| r.int(0))?;
        let blobs = sql
            .query_opt("SELECT count(*) FROM blobs", &[])?
            .map_or(Ok(0), |r| r.int(0))?;
        Ok::<_, tereze_server::db::DbError>(ServerState {
            settled,
            entities,
            changes,
            conflicts,
            blobs,
        })
    })
    .unwrap()
}

/// Asserts the safety properties after a run: every operation of the workstation's outbox is
/// settled on the server exactly once (0 lost, 0 duplicated), each accepted entity version is
/// in the change log exactly once, the outbox is drained, and the local requests equal the
/// server's.
pub fn assert_exactly_once(server: &TestServer, store: &Store, context: &str) {
    let state = server_state(server);
    let ws = store.workstation().0.to_string();
    let outbox = store
        .outbox_after(tereze_protocol::Seq(0), usize::MAX)
        .unwrap();
    let settled: Vec<&Settled> = state
        .settled
        .iter()
        .filter(|s| s.workstation == ws)
        .collect();
    let local_seqs: Vec<i64> = outbox.iter().map(|e| e.seq.0 as i64).collect();
    let server_seqs: Vec<i64> = settled.iter().map(|s| s.seq).collect();
    assert_eq!(
        server_seqs, local_seqs,
        "{context}: settled seqs differ from the outbox"
    );
    for (entry, s) in outbox.iter().zip(&settled) {
        assert_eq!(
            (
                entry.operation.entity_id().to_string(),
                entry.operation.entity_version()
            ),
            (s.entity.clone(), s.version),
            "{context}: seq {} settled as another operation",
            s.seq
        );
    }
    for (key, n) in &state.changes {
        assert_eq!(*n, 1, "{context}: {key:?} is in the change log {n} times");
    }
    let counts = store.outbox_counts().unwrap();
    assert_eq!(
        counts.waiting(),
        0,
        "{context}: outbox not drained: {counts:?}"
    );
    for s in &settled {
        if s.outcome == "accepted" {
            assert!(
                state.changes.contains_key(&(s.entity.clone(), s.version)),
                "{context}: accepted seq {} is not in the change log",
                s.seq
            );
        }
    }
    for (id, (version, body)) in &state.entities {
        let ChangedEntity::Request { request } = serde_json::from_str(body).unwrap() else {
            continue;
        };
        let Ok(local) = store.load_request(Uuid::parse_str(id).unwrap()) else {
            panic!("{context}: request {id} of the server is missing here");
        };
        assert_eq!(
            (local.version, &local.number, &local.fields),
            (*version, &request.number, &request.fields),
            "{context}: request {id} differs from the server's"
        );
    }
}
