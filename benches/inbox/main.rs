//! Inbox benchmark: 100 000 requests in a workstation's data folder, and how long the inbox
//! takes to answer through `home::read`, the same function the start screen calls on login and
//! on every keystroke in its search field (requests, deadlines of each row, outbox count).
//!
//! Run: `cargo bench -p tereze --bench inbox` (a temporary folder), or
//! `cargo bench -p tereze --bench inbox -- --data-dir DIR` to keep the seeded folder, as
//! `scripts/bench-inbox` does before it measures the window's memory on it.

use std::error::Error;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::home;
use tereze::startup;
use tereze_core::lifecycle::Status;
use tereze_core::store::{InboxFilter, Store};

mod people;
#[path = "../../crates/core/tests/support/rng.rs"]
mod rng;

use rng::Rng;

const REQUESTS: usize = 100_000;
const CHUNK: usize = 5_000;
const RUNS: usize = 100;

fn data_dir() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--data-dir")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
}

/// Saves `REQUESTS` generated drafts, `CHUNK` per transaction; returns one child IIN.
fn seed(store: &mut Store) -> Result<String, Box<dyn Error>> {
    let operator = store
        .operators()?
        .first()
        .map(|op| op.id)
        .ok_or("the demo operator is missing")?;
    let mut rng = Rng(0x1b0c_5eed);
    let mut iin = String::new();
    let started = Instant::now();
    for _ in 0..REQUESTS / CHUNK {
        let mut drafts = Vec::with_capacity(CHUNK);
        for _ in 0..CHUNK {
            let (draft, child) = people::draft(&mut rng)?;
            iin = child;
            drafts.push(draft);
        }
        store.save_requests(&drafts, operator)?;
    }
    println!(
        "seeded {REQUESTS} requests in {:.1} s ({CHUNK} per transaction)",
        started.elapsed().as_secs_f64()
    );
    Ok(iin)
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn main() -> Result<(), Box<dyn Error>> {
    let temp = tempfile::tempdir()?;
    let dir = data_dir().unwrap_or_else(|| temp.path().to_path_buf());
    let run = RunArgs {
        data_dir: Some(dir.clone()),
        demo: true,
        lang: Some(Lang::Ru),
    };
    let started = startup::start(&run, Lang::Ru)?;
    // The demo executor's password unlocks the master key, as at the login gate.
    let session = started
        .unlock(
            "900412442007",
            "demo-executor-2026",
            time::OffsetDateTime::now_utc(),
        )
        .map_err(|e| format!("unlock: {}", e.key))?;
    let store = std::sync::Arc::new(std::sync::Mutex::new(session.store));
    let child_iin = {
        let mut store = store.lock().map_err(|_| "store lock")?;
        seed(&mut store)?
    };
    let surname = people::KK_SURNAMES[5];
    let prefix: String = surname.chars().take(4).collect();
    let girl = people::KK_FEMALE[0];
    let latin_i = girl.replacen('І', "I", 1);
    let cases: Vec<(String, InboxFilter)> = vec![
        ("inbox on login (newest 200)".into(), InboxFilter::default()),
        (
            "status filter: drafts".into(),
            InboxFilter {
                statuses: vec![Status::Draft],
                ..InboxFilter::default()
            },
        ),
        (format!("search: full surname ({surname})"), query(surname)),
        (format!("search: surname prefix ({prefix})"), query(&prefix)),
        (
            format!("search: surname + first name ({surname} {girl})"),
            query(&format!("{surname} {girl}")),
        ),
        (
            format!("search: first name with Latin I ({latin_i})"),
            query(&latin_i),
        ),
        ("search: broad prefix (Ер)".into(), query("Ер")),
        ("search: street word (Абай)".into(), query("Абай")),
        ("search: exact child IIN".into(), query(&child_iin)),
    ];
    println!("| query | rows | p50 ms | p99 ms | max ms |");
    println!("|---|---|---|---|---|");
    for (name, filter) in cases {
        let mut samples = Vec::with_capacity(RUNS);
        let mut rows = 0;
        for _ in 0..RUNS {
            let t = Instant::now();
            let loaded = home::read(&store, &started.registry, &started.calendar, &filter)
                .map_err(|e| format!("inbox read failed: {}", e.key))?;
            samples.push(t.elapsed());
            rows = loaded.rows.len();
        }
        samples.sort();
        let at = |q: f64| {
            let i = ((samples.len() - 1) as f64 * q).round() as usize;
            samples.get(i).copied().unwrap_or_default()
        };
        println!(
            "| {name} | {rows} | {} | {} | {} |",
            ms(at(0.5)),
            ms(at(0.99)),
            ms(samples.last().copied().unwrap_or_default())
        );
    }
    Ok(())
}

fn query(text: &str) -> InboxFilter {
    InboxFilter {
        query: text.to_owned(),
        ..InboxFilter::default()
    }
}
