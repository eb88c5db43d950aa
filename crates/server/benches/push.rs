//! Provisioning throughput: how many records per second the real server takes through its HTTP
//! push API over loopback, beside the physical floor of the same rows bulk-inserted into SQLite
//! directly, in the same run.
//!
//! `cargo bench -p tereze-server --bench push [-- --records N --batch M]`. With
//! `TEREZE_TEST_POSTGRES` set (e.g. under `scripts/with-postgres`) the server is also measured
//! on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::time::Instant;

use tereze_core::store::Role;
use tereze_protocol::{
    Envelope, Operation, PushBatch, PushOperation, PushOutcome, PushResponse, RequestRecord, Seq,
    WorkstationId,
};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use time::OffsetDateTime;
use uuid::Uuid;

const OFFICE: &str = "sko-edu-arys";

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// `n` new preschool requests with a realistic form, as a workstation's outbox.
fn outbox(workstation: Uuid, operator: Uuid, n: usize) -> Vec<PushOperation> {
    let at = OffsetDateTime::now_utc();
    (0..n)
        .map(|i| {
            let mut fields = BTreeMap::new();
            for (k, v) in [
                ("applicant-surname", "Серікбаева"),
                ("applicant-name", "Айгүл"),
                ("applicant-patronymic", "Маратқызы"),
                ("applicant-phone", "+77012345678"),
                ("postal-index", "160000"),
                ("address", "Шымкент қ., Тәуке хан даңғылы, 15-үй, 42-пәтер"),
                ("child-surname", "Серікбаев"),
                ("child-name", "Нұрислам"),
                ("child-birth-date", "2022-03-14"),
                ("privilege", "none"),
            ] {
                fields.insert(k.to_owned(), v.to_owned());
            }
            fields.insert(
                "applicant-iin".into(),
                format!("{:012}", 900_000_000_000u64 + i as u64),
            );
            fields.insert(
                "child-iin".into(),
                format!("{:012}", 220_000_000_000u64 + i as u64),
            );
            PushOperation::from_envelope(Envelope {
                workstation: WorkstationId(workstation),
                seq: Seq(i as u64 + 1),
                operation: Operation::SaveRequest {
                    request: RequestRecord {
                        id: Uuid::now_v7(),
                        version: 1,
                        number: None,
                        service_id: "preschool-queue".into(),
                        profile: "default".into(),
                        channel: "office".into(),
                        status: "draft".into(),
                        fields,
                        created_by: operator,
                        saved_by: operator,
                        created_at: at,
                        updated_at: at,
                        queue: None,
                    },
                },
            })
        })
        .collect()
}

/// Pushes everything through a real server on 127.0.0.1:0; returns records per second.
fn through_the_api(address: &str, blob_dir: &std::path::Path, n: usize, batch: usize) -> f64 {
    let db = Db::open(address).unwrap();
    let ws = admin::provision_workstation(&db, OFFICE, "bench", None).unwrap();
    let operator = admin::add_operator(
        &db,
        NewAccount {
            iin: "790925317006".into(),
            full_name: "Bench Executor".into(),
            role: Role::Executor,
            office_id: OFFICE.into(),
            password: "bench-password-2026".into(),
            id: None,
        },
    )
    .unwrap();
    drop(db);
    let ops = outbox(ws.id, operator, n);
    let bodies: Vec<Vec<u8>> = ops
        .chunks(batch)
        .map(|c| {
            serde_json::to_vec(&PushBatch {
                operations: c.to_vec(),
            })
            .unwrap()
        })
        .collect();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(tereze_server::start(tereze_server::ServeConfig {
            db: address.to_owned(),
            listen: "127.0.0.1:0".parse().unwrap(),
            blob_dir: blob_dir.to_path_buf(),
            tls: None,
            mail: None,
        }))
        .unwrap();
    let url = format!("http://{}/v1/push", server.addr());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let started = Instant::now();
    let mut accepted = 0;
    for body in &bodies {
        let response = agent
            .post(&url)
            .header("x-tereze-protocol", "1")
            .header("authorization", &format!("Bearer {}", ws.credential))
            .header("x-tereze-operator", &operator.to_string())
            .header("content-type", "application/json")
            .send(&body[..])
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let answer: PushResponse =
            serde_json::from_str(&response.into_body().read_to_string().unwrap()).unwrap();
        accepted += answer
            .results
            .iter()
            .filter(|r| matches!(r.outcome, PushOutcome::Accepted { .. }))
            .count();
    }
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(accepted, n, "every record accepted");
    runtime.block_on(server.shutdown()).unwrap();
    n as f64 / seconds
}

/// The same rows straight into SQLite (same durability settings, same batch size).
fn raw_sqlite(path: &std::path::Path, n: usize, batch: usize) -> f64 {
    let ops = outbox(Uuid::now_v7(), Uuid::now_v7(), n);
    let rows: Vec<(String, String)> = ops
        .iter()
        .map(|op| {
            let Operation::SaveRequest { request } = &op.envelope.operation else {
                unreachable!()
            };
            (
                request.id.to_string(),
                serde_json::to_string(request).unwrap(),
            )
        })
        .collect();
    let mut conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;
         CREATE TABLE entities (id TEXT PRIMARY KEY NOT NULL, version BIGINT NOT NULL,
                                state TEXT NOT NULL);",
    )
    .unwrap();
    let started = Instant::now();
    for chunk in rows.chunks(batch) {
        let tx = conn.transaction().unwrap();
        {
            let mut stmt = tx
                .prepare_cached("INSERT INTO entities (id, version, state) VALUES (?1, 1, ?2)")
                .unwrap();
            for (id, state) in chunk {
                stmt.execute((id, state)).unwrap();
            }
        }
        tx.commit().unwrap();
    }
    n as f64 / started.elapsed().as_secs_f64()
}

fn main() {
    let n = arg("--records", 100_000);
    let batch = arg("--batch", 1000);
    let dir = tempfile::tempdir().unwrap();
    println!("provisioning {n} records in batches of {batch} over loopback");
    let floor = raw_sqlite(&dir.path().join("raw.db"), n, batch);
    println!("raw SQLite bulk insert (floor)      {floor:>10.0} records/s");
    let sqlite = format!("sqlite:{}", dir.path().join("server.db").display());
    let api = through_the_api(&sqlite, &dir.path().join("blobs"), n, batch);
    println!("server push API, SQLite             {api:>10.0} records/s");
    println!("ratio floor / API (SQLite)          {:>10.1}×", floor / api);
    if let Ok(admin_url) = std::env::var("TEREZE_TEST_POSTGRES") {
        let mut client = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
        let name = format!("tereze_bench_{}", Uuid::now_v7().simple());
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b);
        let pg = through_the_api(
            &format!("{base}/{name}"),
            &dir.path().join("pg-blobs"),
            n,
            batch,
        );
        println!("server push API, PostgreSQL         {pg:>10.0} records/s");
    }
}
