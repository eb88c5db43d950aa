//! What encryption at rest costs: unlocking the master key (Argon2id), opening the encrypted
//! store (key check, `quick_check`, migrations), the whole login-time unlock, and the same reads
//! on the encrypted database and on a plaintext copy of it.
//!
//! Run: `cargo bench -p tereze-core --bench unlock`. Prints a table of p50/max.

use std::error::Error;
use std::path::Path;
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags};
use tereze_core::channel::Channel;
use tereze_core::encryption::{DatabaseKey, database};
use tereze_core::form::FieldValues;
use tereze_core::iin::{Iin, Sex};
use tereze_core::keyring::{Keyring, MasterKey};
use tereze_core::store::{DB_FILE, NewOperator, RequestDraft, Role, Store, StoreOptions};
use time::OffsetDateTime;
use time::macros::date;

const REQUESTS: usize = 20_000;
const CHUNK: usize = 5_000;
const RUNS: usize = 10;
const PASSWORD: &str = "Bench-Password-2026";

const SURNAMES: [&str; 8] = [
    "Сейтқали",
    "Нұрланов",
    "Әбдірахманов",
    "Жұмабеков",
    "Өтебаев",
    "Қасымов",
    "Тоқтаров",
    "Ерғали",
];

fn draft(i: usize) -> RequestDraft {
    let child = Iin::compose(
        date!(2021 - 01 - 01),
        Sex::Male,
        u16::try_from(i % 9000).unwrap_or(0),
    )
    .map(|iin| iin.as_string())
    .unwrap_or_default();
    let fields: FieldValues = [
        ("child-last-name", SURNAMES[i % SURNAMES.len()].to_owned()),
        ("child-first-name", format!("Бала {i}")),
        ("child-iin", child),
        ("applicant-address", format!("Шымкент қ., Абай к-сі, {i}")),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    RequestDraft {
        id: None,
        expected_version: None,
        service_id: "preschool-queue".into(),
        profile: "default".into(),
        channel: Channel::Office,
        fields,
    }
}

fn time<T>(
    runs: usize,
    mut f: impl FnMut() -> Result<T, Box<dyn Error>>,
) -> Result<(Duration, Duration), Box<dyn Error>> {
    let mut samples = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f()?;
        samples.push(t.elapsed());
    }
    samples.sort();
    Ok((samples[samples.len() / 2], samples[samples.len() - 1]))
}

fn row(name: &str, (p50, max): (Duration, Duration)) {
    println!(
        "| {name} | {:.1} | {:.1} |",
        p50.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0
    );
}

/// A plaintext copy of the encrypted database, for the comparison.
fn plaintext_copy(data: &Path, key: &MasterKey, to: &Path) -> Result<(), Box<dyn Error>> {
    let conn = database::open(
        &data.join(DB_FILE),
        &DatabaseKey::derive(key),
        OpenFlags::default(),
    )?;
    conn.execute(
        "ATTACH DATABASE ?1 AS plain KEY ''",
        [to.to_str().ok_or("path")?],
    )?;
    conn.query_row("SELECT sqlcipher_export('plain')", [], |_| Ok(()))?;
    conn.execute_batch("DETACH plain;")?;
    Ok(())
}

fn reads(conn: &Connection) -> Result<(), Box<dyn Error>> {
    let ok: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err("quick_check".into());
    }
    let _: i64 = conn.query_row(
        "SELECT count(*) FROM request_fields WHERE value LIKE '%Абай%'",
        [],
        |r| r.get(0),
    )?;
    Ok(())
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let data = dir.path().join("data");
    let key = MasterKey::generate();
    let mut store = Store::open(&data, &key)?;
    let iin = Iin::compose(date!(1985 - 06 - 01), Sex::Female, 1200).ok_or("iin")?;
    let op = store.add_operator(
        &NewOperator {
            iin,
            full_name: "Бенч Оператор".into(),
            role: Role::Executor,
            office_id: "edu-bench".into(),
            password_hash: None,
        },
        None,
    )?;
    store.set_password(op.id, PASSWORD, None)?;
    for start in (0..REQUESTS).step_by(CHUNK) {
        let batch: Vec<RequestDraft> = (start..start + CHUNK).map(draft).collect();
        store.save_requests(&batch, op.id)?;
    }
    drop(store);
    Keyring::create_for(&data, &key, op.id, &iin, PASSWORD)?;
    let size = std::fs::metadata(data.join(DB_FILE))?.len();
    println!(
        "{REQUESTS} requests, database {:.1} MiB, {RUNS} runs each",
        size as f64 / 1_048_576.0
    );
    println!("| step | p50 ms | max ms |");
    println!("|---|---|---|");
    row(
        "keyring unlock (Argon2id 19 MiB, 2 passes)",
        time(RUNS, || {
            let mut keyring = Keyring::load(&data)?;
            Ok(keyring.unlock(&iin, PASSWORD, OffsetDateTime::now_utc())?)
        })?,
    );
    row(
        "open the encrypted store (key, quick_check, migrations)",
        time(RUNS, || Ok(Store::open(&data, &key)?))?,
    );
    row(
        "login-time unlock (keyring + open + account check + audit)",
        time(RUNS, || {
            Ok(tereze_core::unlock::unlock(
                &data,
                StoreOptions::default(),
                &iin.as_string(),
                PASSWORD,
                OffsetDateTime::now_utc(),
            )?)
        })?,
    );
    let plain = dir.path().join("plain.db");
    plaintext_copy(&data, &key, &plain)?;
    let encrypted = database::open(
        &data.join(DB_FILE),
        &DatabaseKey::derive(&key),
        OpenFlags::SQLITE_OPEN_READ_ONLY,
    )?;
    let plaintext = Connection::open_with_flags(&plain, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    row(
        "quick_check + LIKE scan, encrypted",
        time(RUNS, || reads(&encrypted))?,
    );
    row(
        "quick_check + LIKE scan, plaintext copy",
        time(RUNS, || reads(&plaintext))?,
    );
    Ok(())
}
