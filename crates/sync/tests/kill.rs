//! `kill -9` of the workstation at random moments while it syncs: afterwards the outbox drains
//! and the server holds every operation exactly once (0 lost, 0 duplicated).
//!
//! The test binary re-executes itself as the workstation (`TEREZE_SYNC_KILL_CHILD=<data dir>`):
//! it saves, edits, signs and attaches, and runs sync cycles in a loop, printing `start` and
//! `end` around each cycle. The parent runs the real server in-process, kills the child with
//! SIGKILL a seeded random 5–155 ms after it is up, checks what the server holds, and starts it again on
//! the same data folder. `TEREZE_SYNC_KILL_SEED` replays a run; `TEREZE_SYNC_KILLS` sets the
//! number of kills per database (default 200). On SQLite and on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/proxy.rs"]
mod proxy;
#[path = "../../core/tests/support/rng.rs"]
mod rng;
#[path = "support/server.rs"]
mod server_support;
#[path = "support/sync.rs"]
mod support;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use rng::Rng;
use server_support::{TestDb, Workstation, on_both, server_for};
use support::{assert_exactly_once, config, runtime, scan, server_state};
use tereze_core::channel::Channel;
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{RequestDraft, Store};
use tereze_sync::{EventSender, SyncEngine};
use uuid::Uuid;

const TEST_NAME: &str = "sigkill_during_sync_loses_and_duplicates_nothing";
const CHILD_ENV: &str = "TEREZE_SYNC_KILL_CHILD";
const DEFAULT_SEED: u64 = 0x5eed_0000_5c1e_0009;
const DEFAULT_KILLS: usize = 200;

/// The workstation: writes a little, syncs, and again, until it is killed.
fn child(dir: &Path) -> ! {
    let url = std::env::var("TEREZE_SYNC_KILL_URL").unwrap();
    let credential = std::env::var("TEREZE_SYNC_KILL_CREDENTIAL").unwrap();
    let operator = Uuid::parse_str(&std::env::var("TEREZE_SYNC_KILL_OPERATOR").unwrap()).unwrap();
    let mut rng = Rng(std::env::var("TEREZE_SYNC_KILL_ROUND_SEED")
        .unwrap()
        .parse()
        .unwrap());
    let mut store = Store::open(dir, &test_key()).unwrap();
    let engine = SyncEngine::new(config(&url, &credential, operator)).unwrap();
    let rt = runtime();
    let scans = dir.join("incoming");
    std::fs::create_dir_all(&scans).unwrap();
    let mut out = std::io::stdout();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    loop {
        for _ in 0..1 + rng.below(3) {
            write_something(&mut store, operator, &scans, &mut rng);
        }
        writeln!(out, "start").unwrap();
        out.flush().unwrap();
        let _ = rt.block_on(engine.sync_once(&mut store, &EventSender::none()));
        writeln!(out, "end").unwrap();
        out.flush().unwrap();
    }
}

fn write_something(store: &mut Store, operator: Uuid, scans: &Path, rng: &mut Rng) {
    let requests = store.list_requests(50).unwrap();
    let draft = |id: Option<Uuid>, version: Option<i64>, n: u64| RequestDraft {
        id,
        expected_version: version,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields: [("child-name".to_owned(), format!("Бала {n}"))].into(),
    };
    let n = rng.next();
    match (rng.below(10), requests.first()) {
        (0..=3, _) | (_, None) => {
            store.save_request(&draft(None, None, n), operator).unwrap();
        }
        (4..=6, Some(_)) => {
            let r = &requests[usize::try_from(rng.below(requests.len() as u64)).unwrap()];
            store
                .save_request(&draft(Some(r.id), Some(r.version), n), operator)
                .unwrap();
        }
        (7..=8, Some(_)) => {
            let drafts: Vec<_> = requests
                .iter()
                .filter(|r| r.status == Status::Draft)
                .collect();
            if let Some(r) = drafts.first() {
                store
                    .apply_action(r.id, Flow::Standard, Status::Draft, Action::Sign, operator)
                    .unwrap();
            }
        }
        (_, Some(r)) => {
            let path = scan(
                scans,
                &format!("scan-{n}"),
                2_000 + usize::try_from(n % 5_000).unwrap(),
            );
            store
                .add_attachment(r.id, "birth-certificate", "scan.png", &path, operator)
                .unwrap();
        }
    }
}

fn data_dir(ws: &Workstation) -> PathBuf {
    Path::new(ws.store.connection().path().unwrap())
        .parent()
        .unwrap()
        .to_path_buf()
}

/// After a kill: what the server settled is a prefix of the outbox, operation for operation,
/// and no entity version is in the change log twice.
fn check_prefix(server: &server_support::TestServer, dir: &Path, context: &str) -> usize {
    let store = Store::open(dir, &test_key()).unwrap();
    let state = server_state(server);
    let ws = store.workstation().0.to_string();
    let outbox = store
        .outbox_after(tereze_protocol::Seq(0), usize::MAX)
        .unwrap();
    let settled: Vec<_> = state
        .settled
        .iter()
        .filter(|s| s.workstation == ws)
        .collect();
    assert!(
        settled.len() <= outbox.len(),
        "{context}: server has more than the outbox"
    );
    for (entry, s) in outbox.iter().zip(&settled) {
        assert_eq!(
            (
                entry.seq.0 as i64,
                entry.operation.entity_id().to_string(),
                entry.operation.entity_version()
            ),
            (s.seq, s.entity.clone(), s.version),
            "{context}: settled operation differs from the outbox"
        );
    }
    for (key, n) in &state.changes {
        assert_eq!(*n, 1, "{context}: {key:?} is in the change log {n} times");
    }
    // Nothing this store marked final is unknown to the server.
    let acked = outbox.iter().filter(|e| e.acked_at.is_some()).count();
    assert!(
        acked <= settled.len(),
        "{context}: acknowledged here but not on the server"
    );
    outbox.len()
}

#[test]
fn sigkill_during_sync_loses_and_duplicates_nothing() {
    if let Ok(dir) = std::env::var(CHILD_ENV) {
        child(Path::new(&dir));
    }
    on_both(|db: TestDb| {
        let seed = std::env::var("TEREZE_SYNC_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_SEED);
        let kills = std::env::var("TEREZE_SYNC_KILLS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(DEFAULT_KILLS);
        let mut rng = Rng(seed);
        let ws = Workstation::new(101);
        let dir = data_dir(&ws);
        let server = server_for(&db, &ws);
        let exe = std::env::current_exe().unwrap();
        let mut mid_cycle = 0;
        let mut cycles = 0;
        for round in 0..kills {
            let mut child = Command::new(&exe)
                .args([TEST_NAME, "--exact", "--nocapture", "--test-threads=1"])
                .env(CHILD_ENV, &dir)
                .env("TEREZE_SYNC_KILL_URL", &server.url)
                .env("TEREZE_SYNC_KILL_CREDENTIAL", &server.credential)
                .env("TEREZE_SYNC_KILL_OPERATOR", ws.operator.id.to_string())
                .env("TEREZE_SYNC_KILL_ROUND_SEED", rng.next().to_string())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stdout = child.stdout.take().unwrap();
            let mut stderr = child.stderr.take().unwrap();
            let (tx, rx) = std::sync::mpsc::channel();
            let out = thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
            let err = thread::spawn(move || {
                let mut s = String::new();
                let _ = std::io::Read::read_to_string(&mut stderr, &mut s);
                s
            });
            // The clock starts once the workstation is up (store open, engine built).
            loop {
                match rx.recv_timeout(Duration::from_secs(60)) {
                    // The test harness may print the test's name on the same line.
                    Ok(line) if line.ends_with("ready") => break,
                    Ok(_) => {}
                    Err(e) => panic!("round {round}: the workstation did not start: {e}"),
                }
            }
            let delay = 5 + rng.below(150);
            thread::sleep(Duration::from_millis(delay));
            child.kill().unwrap();
            let status = child.wait().unwrap();
            out.join().unwrap();
            let lines: Vec<String> = rx.try_iter().collect();
            let errors = err.join().unwrap();
            let context = format!(
                "{}: seed {seed}, round {round}, killed after {delay} ms",
                db.label
            );
            assert_eq!(
                status.signal(),
                Some(9),
                "{context}: the workstation stopped: {errors}"
            );
            let mut open = false;
            for line in &lines {
                match line.as_str() {
                    "start" => open = true,
                    "end" => {
                        open = false;
                        cycles += 1;
                    }
                    _ => {}
                }
            }
            if open {
                mid_cycle += 1;
            }
            check_prefix(&server, &dir, &context);
        }
        // The link stays up now: one cycle drains everything.
        let mut store = Store::open(&dir, &test_key()).unwrap();
        let engine =
            SyncEngine::new(config(&server.url, &server.credential, ws.operator.id)).unwrap();
        let rt = runtime();
        rt.block_on(engine.sync_once(&mut store, &EventSender::none()))
            .unwrap();
        let context = format!("{}: seed {seed}, final", db.label);
        assert_exactly_once(&server, &store, &context);
        let total = store
            .outbox_after(tereze_protocol::Seq(0), usize::MAX)
            .unwrap()
            .len();
        let kinds: BTreeMap<String, usize> = store
            .outbox_items(None, usize::MAX)
            .unwrap()
            .into_iter()
            .fold(BTreeMap::new(), |mut m, i| {
                *m.entry(i.kind).or_insert(0) += 1;
                m
            });
        println!(
            "{}: {kills} kills ({mid_cycle} inside a sync cycle), {cycles} cycles completed, {total} operations {kinds:?}",
            db.label
        );
        // The test means something only if most kills hit a sync in progress and work got done.
        assert!(
            mid_cycle * 2 >= kills,
            "{context}: only {mid_cycle} kills hit a sync"
        );
        assert!(total >= kills, "{context}: {total} operations");
        assert!(kinds.len() == 3, "{context}: {kinds:?}");
    });
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
