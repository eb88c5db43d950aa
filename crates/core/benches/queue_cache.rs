//! The cached queue on a workstation of a large office: how long a refresh takes to store, how
//! long the queue screen's read takes, and what one offline referral check and write costs with
//! 20 000 children in the cache (a city department; a district has a few thousand).
//!
//! Run: `cargo bench -p tereze-core --bench queue_cache`. Prints p50/p99/max per step.

use std::error::Error;
use std::time::{Duration, Instant};

use tereze_core::iin::{Iin, Sex};
use tereze_core::queue::QueueRules;
use tereze_core::store::{NewOperator, QueueStepError, Role, Store};
use tereze_protocol::{
    GroupRecord, LeaseRecord, LeasedGroup, QueueCacheEntry, QueueSnapshot, RunBrief,
};
use time::macros::{date, datetime};
use time::{Date, Duration as Span, OffsetDateTime};
use uuid::Uuid;

const CHILDREN: u32 = 20_000;
const ROUNDS: usize = 10;
const REFERRALS: usize = 10;
const NOW: OffsetDateTime = datetime!(2026-03-05 10:00 UTC);
const TODAY: Date = date!(2026 - 03 - 05);

fn snapshot() -> QueueSnapshot {
    let classes = [
        "general",
        "general",
        "general",
        "first-priority",
        "extraordinary",
    ];
    let entries = (0..CHILDREN)
        .map(|n| {
            let cohort = 2021 + (n % 4) as i32;
            QueueCacheEntry {
                request_id: Uuid::from_u128(u128::from(n) + 1),
                request_number: Some(format!("SKO-EDU-ARYS-2026-{n:06}")),
                cohort,
                position: n / 4 + 1,
                class: classes[(n % 5) as usize].into(),
                state: "waiting".into(),
                applied_at: datetime!(2024-01-01 9:00 UTC) + Span::minutes(i64::from(n)),
                birth_date: Date::from_calendar_date(cohort, time::Month::February, 1)
                    .unwrap_or(TODAY),
                language: if n % 3 == 0 { "ru" } else { "kk" }.into(),
                correctional: false,
                pmpk_decision: false,
                wishes: Vec::new(),
                initials: "А. Б.".into(),
                stop_listed_until: None,
            }
        })
        .collect();
    QueueSnapshot {
        taken_at: NOW,
        today: TODAY,
        rules_version: "kz-2024.1".into(),
        entries,
        offers: Vec::new(),
        groups: vec![GroupRecord {
            group_id: "g".into(),
            organisation_id: "org".into(),
            organisation_kind: "kindergarten".into(),
            office_id: "bench".into(),
            age_min: 3,
            age_max: 5,
            language: "kk".into(),
            correctional: false,
            capacity: 5_000,
            occupied: 0,
            reserved: 5_000,
            vacant: 0,
        }],
        leases: vec![LeaseRecord {
            lease_id: Uuid::from_u128(u128::MAX),
            workstation: Uuid::nil(),
            expires_at: NOW + Span::days(3),
            returns_at: NOW + Span::days(5),
            places: vec![LeasedGroup {
                group_id: "g".into(),
                organisation_id: "org".into(),
                places: 5_000,
                used: 0,
            }],
        }],
        runs: vec![RunBrief {
            run_id: Uuid::from_u128(7),
            kind: "scheduled".into(),
            date: TODAY,
            offers: 0,
        }],
    }
}

fn row(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q) as usize];
    println!(
        "{name:<44} n={:<5} p50 {:>9.2?}  p99 {:>9.2?}  max {:>9.2?}",
        samples.len(),
        at(0.5),
        at(0.99),
        samples[samples.len() - 1]
    );
}

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    // A fresh encrypted store under a master key of its own, as on a new workstation.
    let mut store = Store::open(dir.path(), &tereze_core::keyring::MasterKey::generate())?;
    let iin = (1..)
        .find_map(|s| Iin::compose(date!(1985 - 02 - 03), Sex::Female, s))
        .ok_or("no IIN")?;
    let op = store
        .add_operator(
            &NewOperator {
                iin,
                full_name: "Бенчмарк Операторы".into(),
                role: Role::Executor,
                office_id: "bench".into(),
                password_hash: None,
            },
            None,
        )?
        .id;
    let rules = QueueRules::builtin()?;
    let snap = snapshot();
    println!(
        "queue cache, {CHILDREN} children, snapshot JSON {} KiB",
        serde_json::to_vec(&snap)?.len() / 1024
    );

    let mut stores = Vec::new();
    let mut reads = Vec::new();
    for _ in 0..ROUNDS {
        let t = Instant::now();
        store.replace_queue_cache(&snap)?;
        stores.push(t.elapsed());
        let t = Instant::now();
        let cache = store.queue_cache()?;
        reads.push(t.elapsed());
        assert!(cache.is_some());
    }
    row("refresh: replace the whole cache", stores);
    row("queue screen: read the whole cache", reads);

    // The next fitting child each time: the check passes and the referral is written.
    let mut referrals = Vec::new();
    let mut refusals = Vec::new();
    let lease = Uuid::from_u128(u128::MAX);
    for _ in 0..REFERRALS {
        let cache = store.queue_cache()?.ok_or("no cache")?.snapshot;
        let waiting: Vec<_> = cache
            .entries
            .iter()
            .filter(|e| e.state == "waiting" && e.language == "kk" && e.cohort >= 2022)
            .collect();
        let last = waiting.last().ok_or("nobody left")?.request_id;
        let t = Instant::now();
        match store.refer_offline(&rules, lease, "g", last, op, NOW, TODAY) {
            Err(QueueStepError::Refused(_)) => refusals.push(t.elapsed()),
            other => return Err(format!("expected a refusal: {other:?}").into()),
        }
        let mut done = false;
        for e in &waiting {
            let t = Instant::now();
            if store
                .refer_offline(&rules, lease, "g", e.request_id, op, NOW, TODAY)
                .is_ok()
            {
                referrals.push(t.elapsed());
                done = true;
                break;
            }
        }
        if !done {
            return Err("no child could be referred".into());
        }
    }
    row("offline referral refused (another comes first)", refusals);
    row("offline referral checked and written", referrals);
    Ok(())
}
