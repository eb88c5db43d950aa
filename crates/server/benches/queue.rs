//! The preschool queue at district scale, through the real server over loopback: how fast
//! registrations join the queue (each placed and numbered), how long an allocation run over the
//! whole queue and its replay take, and how long a position lookup takes.
//!
//! `cargo bench -p tereze-server --bench queue [-- --children N --places P]`. With
//! `TEREZE_TEST_POSTGRES` set (e.g. under `scripts/with-postgres`) PostgreSQL is measured too.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::time::Instant;

use tereze_core::store::Role;
use tereze_protocol::{
    Envelope, GroupCounts, Operation, PushBatch, PushOperation, PushOutcome, PushResponse,
    ReplayResult, RequestRecord, RunSummary, Seq, WorkstationId,
};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use time::{Date, Duration, Month, OffsetDateTime};
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

/// Three operations per child (save, sign, register), applied over the last year in order;
/// children born over four years, a tenth of them first-priority without the document (general).
fn outbox(workstation: Uuid, operator: Uuid, n: usize) -> Vec<PushOperation> {
    let start = OffsetDateTime::now_utc() - Duration::days(365);
    let mut seq = 0;
    let mut ops = Vec::with_capacity(n * 3);
    for i in 0..n {
        let at = start + Duration::seconds(i as i64 * 60);
        let id = Uuid::now_v7();
        let born =
            Date::from_calendar_date(2021 + (i % 4) as i32, Month::March, 1 + (i % 28) as u8)
                .unwrap();
        let mut fields = BTreeMap::new();
        fields.insert("child-last-name".to_owned(), "Серікбаев".to_owned());
        fields.insert("child-first-name".to_owned(), "Нұрислам".to_owned());
        fields.insert(
            "child-birth-date".to_owned(),
            tereze_core::validate::date::to_stored(born),
        );
        fields.insert(
            "group-language".to_owned(),
            if i % 3 == 0 { "ru" } else { "kk" }.to_owned(),
        );
        fields.insert("correctional-group".to_owned(), "false".to_owned());
        fields.insert("privilege-category".to_owned(), "none".to_owned());
        let mut push = |operation: Operation| {
            seq += 1;
            ops.push(PushOperation::from_envelope(Envelope {
                workstation: WorkstationId(workstation),
                seq: Seq(seq),
                operation,
            }));
        };
        push(Operation::SaveRequest {
            request: RequestRecord {
                id,
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
        });
        for (version, from, to, action) in [
            (2, "draft", "signed", "sign"),
            (3, "signed", "registered", "register"),
        ] {
            push(Operation::SetStatus {
                request_id: id,
                version,
                from: from.into(),
                to: to.into(),
                action: action.into(),
                outcome: None,
                by: operator,
                at: at + Duration::seconds(version),
            });
        }
    }
    ops
}

struct Figures {
    registrations_per_s: f64,
    run_s: f64,
    offers: usize,
    replay_s: f64,
    lookup_ms: f64,
}

fn measure(address: &str, blob_dir: &std::path::Path, n: usize, places: u32) -> Figures {
    let db = Db::open(address).unwrap();
    let ws = admin::provision_workstation(&db, OFFICE, "bench", None).unwrap();
    let account = |iin: &str, role| {
        admin::add_operator(
            &db,
            NewAccount {
                iin: iin.into(),
                full_name: "Bench".into(),
                role,
                office_id: OFFICE.into(),
                password: "bench-password-2026".into(),
                id: None,
            },
        )
        .unwrap()
    };
    let executor = account("790925317006", Role::Executor);
    let head = account("800101300016", Role::Head);
    let assets = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference");
    admin::import_reference(&db, &assets).unwrap();
    let groups = db
        .run_blocking(|sql| tereze_server::queue::groups::list(sql, OFFICE))
        .unwrap();
    let per_group = places / groups.groups.len().max(1) as u32 + 1;
    for g in groups.groups {
        let id = g.group_id.clone();
        tereze_server::queue::in_transaction(&db, move |sql| {
            tereze_server::queue::groups::set_counts(
                sql,
                None,
                &id,
                &GroupCounts {
                    capacity: Some(per_group),
                    occupied: Some(0),
                },
            )
        })
        .unwrap();
    }
    drop(db);
    let bodies: Vec<Vec<u8>> = outbox(ws.id, executor, n)
        .chunks(600)
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
    let base = format!("http://{}/v1", server.addr());
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let post = |path: &str, operator: Uuid, body: &[u8]| {
        let r = agent
            .post(format!("{base}{path}"))
            .header("x-tereze-protocol", "1")
            .header("authorization", &format!("Bearer {}", ws.credential))
            .header("x-tereze-operator", &operator.to_string())
            .header("content-type", "application/json")
            .send(body)
            .unwrap();
        assert_eq!(r.status().as_u16(), 200);
        r.into_body()
            .with_config()
            .limit(1 << 30)
            .read_to_string()
            .unwrap()
    };

    let started = Instant::now();
    let mut numbers = Vec::new();
    for body in &bodies {
        let answer: PushResponse = serde_json::from_str(&post("/push", executor, body)).unwrap();
        for r in answer.results {
            match r.outcome {
                PushOutcome::Accepted { number, .. } => numbers.extend(number),
                other => panic!("{other:?}"),
            }
        }
    }
    let registrations_per_s = n as f64 / started.elapsed().as_secs_f64();
    assert_eq!(numbers.len(), n);

    let mut date = tereze_server::queue::today();
    if date.month() == Month::August {
        date = Date::from_calendar_date(date.year(), Month::September, 1).unwrap();
    }
    let body = serde_json::to_vec(&serde_json::json!({
        "date": tereze_core::validate::date::to_stored(date), "seed": 2026
    }))
    .unwrap();
    let started = Instant::now();
    let run: RunSummary = serde_json::from_str(&post("/queue/runs", head, &body)).unwrap();
    let run_s = started.elapsed().as_secs_f64();

    let started = Instant::now();
    let replay: ReplayResult = serde_json::from_str(&post(
        &format!("/queue/runs/{}/replay", run.run_id),
        head,
        b"",
    ))
    .unwrap();
    let replay_s = started.elapsed().as_secs_f64();
    assert!(replay.same);

    let lookups = 20;
    let started = Instant::now();
    for number in numbers.iter().rev().take(lookups) {
        let body = serde_json::to_vec(&serde_json::json!({ "request_number": number })).unwrap();
        post("/queue/position", executor, &body);
    }
    let lookup_ms = started.elapsed().as_secs_f64() * 1000.0 / lookups as f64;
    runtime.block_on(server.shutdown()).unwrap();
    Figures {
        registrations_per_s,
        run_s,
        offers: run.offers.len(),
        replay_s,
        lookup_ms,
    }
}

fn report(label: &str, f: &Figures) {
    println!(
        "{label}: registrations joining the queue  {:>8.0} /s",
        f.registrations_per_s
    );
    println!(
        "{label}: allocation run ({} offers)     {:>8.2} s",
        f.offers, f.run_s
    );
    println!(
        "{label}: replay of that run               {:>8.2} s",
        f.replay_s
    );
    println!(
        "{label}: position lookup                  {:>8.1} ms",
        f.lookup_ms
    );
}

fn main() {
    let n = arg("--children", 10_000);
    let places = arg("--places", 1_000) as u32;
    let dir = tempfile::tempdir().unwrap();
    println!("{n} children in one office's queue, about {places} places in its groups");
    let sqlite = format!("sqlite:{}", dir.path().join("server.db").display());
    report(
        "SQLite",
        &measure(&sqlite, &dir.path().join("blobs"), n, places),
    );
    if let Ok(admin_url) = std::env::var("TEREZE_TEST_POSTGRES") {
        let mut client = postgres::Client::connect(&admin_url, postgres::NoTls).unwrap();
        let name = format!("tereze_bench_{}", Uuid::now_v7().simple());
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let base = admin_url
            .rsplit_once('/')
            .map_or(admin_url.as_str(), |(b, _)| b);
        let f = measure(
            &format!("{base}/{name}"),
            &dir.path().join("pg-blobs"),
            n,
            places,
        );
        report("PostgreSQL", &f);
    }
}
