//! Sync benchmark over loopback HTTP against the real server (SQLite, in-process):
//!
//! (a) provisioning a new workstation: 100 000 requests already on the server pulled into an
//!     empty local store, in records per second, next to a raw bulk insert of the same rows
//!     (requests and their fields) into a fresh SQLite file with the same durability settings —
//!     the physical floor — and the ratio;
//! (b) an incremental sync of 100 operations (pull, push, pull): the median of several runs.
//!
//! Run: `cargo bench -p tereze-sync --bench sync`. `TEREZE_BENCH_RECORDS` changes the 100 000,
//! `TEREZE_BENCH_RUNS` the number of incremental runs (default 7).

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, params};
use tereze_core::channel::Channel;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::{NewOperator, RequestDraft, Role, Store};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use tereze_server::{ServeConfig, start};
use tereze_sync::{Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine};
use time::macros::date;
use uuid::Uuid;

const OFFICE: &str = "sko-edu-arys";
const NAMES: [&str; 8] = [
    "Сейтқали",
    "Нұрланов",
    "Әбдірахманова",
    "Иванова",
    "Жұмабеков",
    "Кожахметова",
    "Петров",
    "Өтебаев",
];

type Res<T> = Result<T, Box<dyn Error>>;

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn iin(serial: u16) -> Res<Iin> {
    (serial..)
        .find_map(|s| Iin::compose(date!(1986 - 04 - 21), Sex::Female, s))
        .ok_or_else(|| "no IIN".into())
}

/// A local store with one executor of the office.
fn workstation(dir: &Path, serial: u16) -> Res<(Store, Uuid)> {
    let mut store = Store::open(dir, &test_key())?;
    let op = store.add_operator(
        &NewOperator {
            iin: iin(serial)?,
            full_name: format!("Орындаушы {serial}"),
            role: Role::Executor,
            office_id: OFFICE.into(),
            password_hash: None,
        },
        None,
    )?;
    Ok((store, op.id))
}

/// Registers the workstation and its operator on the server; returns the credential.
fn provision(db: &Db, store: &Store, operator: Uuid, serial: u16) -> Res<String> {
    let p = admin::provision_workstation(db, OFFICE, "bench", Some(store.workstation().0))?;
    admin::add_operator(
        db,
        NewAccount {
            iin: iin(serial)?.as_string(),
            full_name: format!("Орындаушы {serial}"),
            role: Role::Executor,
            office_id: OFFICE.into(),
            password: "correct-horse-battery".into(),
            id: Some(operator),
        },
    )?;
    Ok(p.credential)
}

fn draft(i: usize) -> RequestDraft {
    let name = NAMES[i % NAMES.len()];
    RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields: [
            ("child-last-name", name.to_owned()),
            ("child-first-name", format!("Бала{i}")),
            ("applicant-last-name", name.to_owned()),
            ("applicant-first-name", "Айгүл".to_owned()),
            ("applicant-address", format!("Арыс қ., Төле би к-сі, {i}")),
            ("applicant-phone", format!("+7701{:07}", i % 10_000_000)),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v))
        .collect(),
    }
}

fn engine(url: &str, credential: String, operator: Uuid) -> Res<SyncEngine> {
    let mut config = SyncConfig::new(
        ServerAddress::parse(url)?,
        None,
        Credentials {
            workstation: credential,
            operator,
        },
    );
    config.pull_page = 1000;
    config.push_batch = 500;
    Ok(SyncEngine::new(config)?)
}

/// The floor: the same requests and fields inserted into a fresh SQLite file in one
/// transaction, WAL and `synchronous=FULL`, prepared statements, no index but the keys.
fn raw_insert(from: &Store, dir: &Path) -> Res<(usize, Duration)> {
    let src = from.connection();
    let mut requests = Vec::new();
    {
        let mut stmt = src.prepare(
            "SELECT id, number, service_id, profile, channel, status, status_since, version,
                    created_at, updated_at, created_by FROM requests",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let row: [Option<String>; 11] = [
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get::<_, i64>(7).map(|v| Some(v.to_string()))?,
                r.get(8)?,
                r.get(9)?,
                r.get(10)?,
            ];
            requests.push(row);
        }
    }
    let mut fields: Vec<(String, String, String)> = Vec::new();
    {
        let mut stmt = src.prepare("SELECT request_id, field_id, value FROM request_fields")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            fields.push((r.get(0)?, r.get(1)?, r.get(2)?));
        }
    }
    let mut conn = Connection::open(dir.join("floor.db"))?;
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.execute_batch(
        "CREATE TABLE requests (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, number TEXT,
             service_id TEXT, profile TEXT, channel TEXT, status TEXT, status_since TEXT,
             version INTEGER, created_at TEXT, updated_at TEXT, created_by TEXT);
         CREATE TABLE request_fields (request_id TEXT NOT NULL, field_id TEXT NOT NULL,
             value TEXT NOT NULL, PRIMARY KEY (request_id, field_id)) WITHOUT ROWID;",
    )?;
    let started = Instant::now();
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare(
            "INSERT INTO requests (id, number, service_id, profile, channel, status,
                                   status_since, version, created_at, updated_at, created_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?;
        for r in &requests {
            insert.execute(params![
                r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10]
            ])?;
        }
        let mut insert = tx.prepare(
            "INSERT INTO request_fields (request_id, field_id, value) VALUES (?1, ?2, ?3)",
        )?;
        for (a, b, c) in &fields {
            insert.execute(params![a, b, c])?;
        }
    }
    tx.commit()?;
    Ok((requests.len(), started.elapsed()))
}

fn main() -> Res<()> {
    let records = env_usize("TEREZE_BENCH_RECORDS", 100_000);
    let runs = env_usize("TEREZE_BENCH_RUNS", 7).max(1);
    let tmp = tempfile::tempdir()?;
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;

    // The server, and a first workstation that fills it.
    let server_db = format!("sqlite:{}", tmp.path().join("server.db").display());
    let db = Db::open(&server_db)?;
    let (mut first, first_op) = workstation(&tmp.path().join("first"), 1)?;
    let first_credential = provision(&db, &first, first_op, 1)?;
    let (mut fresh, fresh_op) = workstation(&tmp.path().join("fresh"), 2)?;
    let fresh_credential = provision(&db, &fresh, fresh_op, 2)?;
    drop(db);
    let server = rt.block_on(start(ServeConfig {
        db: server_db,
        listen: "127.0.0.1:0".parse()?,
        blob_dir: tmp.path().join("server-blobs"),
        tls: None,
        mail: None,
    }))?;
    let url = format!("http://{}", server.addr());

    eprintln!("setup: saving {records} requests on the first workstation and pushing them…");
    let setup = Instant::now();
    let drafts: Vec<RequestDraft> = (0..records).map(draft).collect();
    for chunk in drafts.chunks(5_000) {
        first.save_requests(chunk, first_op)?;
    }
    let first_engine = engine(&url, first_credential, first_op)?;
    let pushed = rt.block_on(first_engine.sync_once(&mut first, &EventSender::none()))?;
    eprintln!(
        "setup: {} accepted in {:.1} s",
        pushed.accepted,
        setup.elapsed().as_secs_f64()
    );

    // (a) A new workstation pulls everything.
    let fresh_engine = engine(&url, fresh_credential, fresh_op)?;
    let started = Instant::now();
    let pulled = rt.block_on(fresh_engine.sync_once(&mut fresh, &EventSender::none()))?;
    let pull_time = started.elapsed();
    let (rows, floor_time) = raw_insert(&fresh, tmp.path())?;
    let pull_rate = pulled.pulled as f64 / pull_time.as_secs_f64();
    let floor_rate = rows as f64 / floor_time.as_secs_f64();

    // (b) Incremental syncs of 100 operations each.
    let ids: Vec<Uuid> = first.list_requests(100)?.iter().map(|r| r.id).collect();
    let mut latencies = Vec::new();
    for run in 0..runs {
        for (i, id) in ids.iter().enumerate() {
            let r = first.load_request(*id)?;
            let mut d = draft(i);
            d.id = Some(*id);
            d.expected_version = Some(r.version);
            d.fields.insert("note".into(), format!("правка {run}"));
            first.save_request(&d, first_op)?;
        }
        let started = Instant::now();
        let s = rt.block_on(first_engine.sync_once(&mut first, &EventSender::none()))?;
        latencies.push(started.elapsed());
        if s.accepted != ids.len() {
            return Err(format!("run {run}: {} accepted of {}", s.accepted, ids.len()).into());
        }
    }
    latencies.sort();
    let median = latencies[latencies.len() / 2];

    println!("sync benchmark (loopback HTTP, server on SQLite, release)");
    println!(
        "(a) initial pull of {} records: {:.2} s, {:.0} records/s",
        pulled.pulled,
        pull_time.as_secs_f64(),
        pull_rate
    );
    println!(
        "    raw bulk insert of the same {rows} rows (+ fields): {:.2} s, {:.0} rows/s",
        floor_time.as_secs_f64(),
        floor_rate
    );
    println!("    ratio floor/pull: {:.1}×", floor_rate / pull_rate);
    println!(
        "(b) incremental sync of {} operations: median {:.0} ms over {runs} runs (min {:.0} ms, max {:.0} ms)",
        ids.len(),
        median.as_secs_f64() * 1000.0,
        latencies[0].as_secs_f64() * 1000.0,
        latencies[latencies.len() - 1].as_secs_f64() * 1000.0
    );
    rt.block_on(server.shutdown())?;
    Ok(())
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
