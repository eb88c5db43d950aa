//! An allocation run for a city: 2 000 groups with 50 000 vacant places in 250 kindergartens
//! and mini-centres, and 10 000, 100 000 and 1 000 000 waiting children (half of them naming
//! one to three organisations). Run with `cargo bench -p tereze-core --bench allocation`.

use std::time::{Duration, Instant};

use tereze_core::calendar::Calendar;
use tereze_core::queue::{Applicant, CategoryClass, GroupPlaces, QueueRules, allocate};
use tereze_core::reference::Language;
use time::macros::date;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const RUN_DAY: Date = date!(2026 - 09 - 15);
const ORGANISATIONS: usize = 250;

/// SplitMix64: the same city on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn language(rng: &mut Rng) -> Language {
    if rng.below(3) < 2 {
        Language::Kk
    } else {
        Language::Ru
    }
}

fn groups(rng: &mut Rng) -> Vec<GroupPlaces> {
    (0..2000)
        .map(|i| {
            let age_min = 1 + (i % 5) as u8;
            GroupPlaces {
                group_id: format!("g{i:04}"),
                organisation_id: format!("org{:03}", i % ORGANISATIONS),
                age_min,
                age_max: age_min + 1,
                language: language(rng),
                correctional: i % 40 == 0,
                vacant: 25,
            }
        })
        .collect()
}

fn children(rng: &mut Rng, n: usize) -> Vec<Applicant> {
    let epoch = OffsetDateTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    (0..n)
        .map(|i| {
            let class = match rng.below(100) {
                0..=2 => CategoryClass::Extraordinary,
                3..=20 => CategoryClass::FirstPriority,
                _ => CategoryClass::General,
            };
            let wishes = if rng.below(2) == 0 {
                Vec::new()
            } else {
                (0..1 + rng.below(3))
                    .map(|_| format!("org{:03}", rng.below(ORGANISATIONS as u64)))
                    .collect()
            };
            let correctional = rng.below(50) == 0;
            Applicant {
                id: Uuid::from_u128(i as u128 + 1),
                birth_date: RUN_DAY - time::Duration::days(200 + rng.below(6 * 365) as i64),
                applied_at: epoch + Duration::from_secs(rng.below(150_000_000)),
                class,
                language: language(rng),
                correctional,
                pmpk_decision: correctional && rng.below(10) != 0,
                wishes,
            }
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rules = QueueRules::builtin()?;
    let calendar = Calendar::builtin()?;
    let mut rng = Rng(2026);
    let places = groups(&mut rng);
    let vacant: u32 = places.iter().map(|g| g.vacant).sum();
    println!(
        "{} groups, {vacant} vacant places, {ORGANISATIONS} organisations",
        places.len()
    );
    for n in [10_000, 100_000, 1_000_000] {
        let queue = children(&mut rng, n);
        let runs = if n >= 1_000_000 { 3 } else { 11 };
        let mut times = Vec::with_capacity(runs);
        let mut offers = 0;
        for seed in 0..runs as u64 {
            let start = Instant::now();
            let run = allocate(&rules, &calendar, RUN_DAY, &queue, &places, seed)?;
            times.push(start.elapsed());
            offers = run.offers.len();
        }
        times.sort();
        println!(
            "{n:>9} children: median {:?} over {runs} runs, {offers} offers",
            times[runs / 2]
        );
    }
    Ok(())
}
