//! The allocation run (комплектование): vacant places in, offers out.
//!
//! A run is a pure function of (applicants, places, rules, date, seed): re-running it with the
//! same inputs gives the same offers, which is how a past decision is proven. Within each
//! cohort (year of birth, oldest first) extraordinary applicants are served first, in queue
//! order; then first-priority and general applicants alternate in the configured ratio
//! (1 : 3 gives first-priority, general, general, general, first-priority, …), each class in
//! queue order. An applicant is offered the first vacant group that fits: age band at the run's
//! date, language, correctional only with the PMPK decision, and, when the applicant named
//! organisations, only those, in the order named. An applicant no group fits is passed over
//! and keeps its place. The seed only orders the groups among which an applicant with no wishes
//! is placed, so no kindergarten is always filled first.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::Date;
use uuid::Uuid;

use super::applicant::Applicant;
use super::lease::RatioServed;
use super::rules::{CategoryClass, QueueRules, age_in_years};
use crate::calendar::Calendar;
use crate::i18n::{Localize, Localized};
use crate::lifecycle::QueueState;
use crate::reference::{Group, Language};

/// A group and how many of its places are free for this run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupPlaces {
    /// The group.
    pub group_id: String,
    /// Its kindergarten or mini-centre.
    pub organisation_id: String,
    /// Age band in full years: from (inclusive).
    pub age_min: u8,
    /// Age band in full years: to (exclusive).
    pub age_max: u8,
    /// Language of the group.
    pub language: Language,
    /// A correctional group.
    pub correctional: bool,
    /// Places free for this run (capacity less occupied, offered, referred and leased).
    pub vacant: u32,
}

impl GroupPlaces {
    /// A reference-data group with `vacant` free places.
    pub fn from_group(group: &Group, vacant: u32) -> Self {
        Self {
            group_id: group.id.clone(),
            organisation_id: group.organisation_id.clone(),
            age_min: group.age_min,
            age_max: group.age_max,
            language: group.language,
            correctional: group.correctional,
            vacant,
        }
    }
}

/// A place offered to a child; the applicant answers within the choice window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// The request of the child.
    pub applicant: Uuid,
    /// The class the child was served in.
    pub class: CategoryClass,
    /// The group offered.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// The last day to answer.
    pub respond_by: Date,
}

/// The result of one run: the offers in the order they were made, and what stayed vacant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AllocationRun {
    /// The rules version the run applied.
    pub rules_version: String,
    /// The allocation date (ages are taken on it).
    pub date: Date,
    /// The seed that ordered equivalent groups.
    pub seed: u64,
    /// The offers, in the order they were made.
    pub offers: Vec<Offer>,
    /// Places still free after the run, per group (every group listed).
    pub vacant_after: BTreeMap<String, u32>,
}

/// Why no run can be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum AllocationError {
    /// The date falls in the transfer between age groups, when no offers are made.
    #[error("no offers during the transfer between age groups")]
    Frozen,
}

impl Localize for AllocationError {
    fn localized(&self) -> Localized {
        match self {
            AllocationError::Frozen => Localized::new("queue-frozen"),
        }
    }
}

/// Whether a queue entry takes part in a run on `date`: waiting, or stop-listed with the
/// stop-list over (its return to waiting may not have been recorded yet).
pub fn takes_part(state: QueueState, stop_listed_until: Option<Date>, date: Date) -> bool {
    match state {
        QueueState::Waiting => true,
        QueueState::StopListed => stop_listed_until.is_some_and(|until| until < date),
        _ => false,
    }
}

/// Whether a group fits a child on `date`: the age band, the cut-off age, the language and the
/// correctional rule (a correctional group only for a child who asked for one and has the PMPK
/// decision; a child who asked for one is offered no other).
pub fn fits(rules: &QueueRules, applicant: &Applicant, group: &GroupPlaces, date: Date) -> bool {
    let age = age_in_years(applicant.birth_date, date);
    age < rules.max_age_years
        && group.age_min <= age
        && age < group.age_max
        && group.language == applicant.language
        && group.correctional == applicant.correctional
        && (!group.correctional || applicant.pmpk_decision)
        && (applicant.wishes.is_empty() || applicant.wishes.contains(&group.organisation_id))
}

/// Runs the allocation. `applicants` are the entries that take part (see [`takes_part`]).
pub fn allocate(
    rules: &QueueRules,
    calendar: &Calendar,
    date: Date,
    applicants: &[Applicant],
    groups: &[GroupPlaces],
    seed: u64,
) -> Result<AllocationRun, AllocationError> {
    if rules.is_frozen(date) {
        return Err(AllocationError::Frozen);
    }
    let respond_by = rules.terms.choice_window_ends(date, calendar);
    let mut places = Places::new(groups, seed);

    let mut cohorts: BTreeMap<i32, [Vec<&Applicant>; 3]> = BTreeMap::new();
    for a in applicants {
        let lists = cohorts.entry(a.cohort()).or_default();
        let slot = match a.class {
            CategoryClass::Extraordinary => 0,
            CategoryClass::FirstPriority => 1,
            CategoryClass::General => 2,
        };
        lists[slot].push(a);
    }

    let mut offers = Vec::new();
    for [mut extraordinary, mut first, mut general] in cohorts.into_values() {
        for list in [&mut extraordinary, &mut first, &mut general] {
            list.sort_by_key(|a| a.order_key());
        }
        let offer = |a: &Applicant, places: &mut Places| {
            places.take(rules, a, date).map(|g| Offer {
                applicant: a.id,
                class: a.class,
                group_id: g.group_id.clone(),
                organisation_id: g.organisation_id.clone(),
                respond_by,
            })
        };
        for a in &extraordinary {
            if places.left == 0 {
                break;
            }
            offers.extend(offer(a, &mut places));
        }
        let (mut fi, mut gi) = (0, 0);
        let mut served = RatioServed::default();
        while places.left > 0 {
            let order = if served.first_priority_due(rules.ratio) {
                [true, false]
            } else {
                [false, true]
            };
            let mut made = None;
            for take_first in order {
                let (list, cursor) = if take_first {
                    (&first, &mut fi)
                } else {
                    (&general, &mut gi)
                };
                // Someone passed over now is passed over for the rest of the run: places
                // only ever fill up.
                while made.is_none() && *cursor < list.len() {
                    made = offer(list[*cursor], &mut places);
                    *cursor += 1;
                }
                if made.is_some() {
                    served.count(if take_first {
                        CategoryClass::FirstPriority
                    } else {
                        CategoryClass::General
                    });
                    break;
                }
            }
            match made {
                Some(o) => offers.push(o),
                None => break,
            }
        }
    }

    Ok(AllocationRun {
        rules_version: rules.version.clone(),
        date,
        seed,
        offers,
        vacant_after: places.vacant_after(),
    })
}

/// The groups of a run, indexed for quick matching, with what is still free.
struct Places<'a> {
    groups: Vec<&'a GroupPlaces>,
    vacant: Vec<u32>,
    left: u64,
    /// Groups alike in age band, language and correctional flag, with the first that may
    /// still have a place.
    buckets: Vec<Bucket>,
    by_organisation: HashMap<&'a str, Vec<usize>>,
}

struct Bucket {
    age_min: u8,
    age_max: u8,
    language: Language,
    correctional: bool,
    groups: Vec<usize>,
    first_open: usize,
}

impl<'a> Places<'a> {
    fn new(groups: &'a [GroupPlaces], seed: u64) -> Self {
        let mut ordered: Vec<&GroupPlaces> = groups.iter().collect();
        ordered.sort_by(|a, b| a.group_id.cmp(&b.group_id));
        shuffle(&mut ordered, seed);
        let vacant: Vec<u32> = ordered.iter().map(|g| g.vacant).collect();
        let left = vacant.iter().map(|&v| u64::from(v)).sum();
        let mut keyed: BTreeMap<(u8, u8, Language, bool), Vec<usize>> = BTreeMap::new();
        let mut by_organisation: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, g) in ordered.iter().enumerate() {
            keyed
                .entry((g.age_min, g.age_max, g.language, g.correctional))
                .or_default()
                .push(i);
            by_organisation
                .entry(g.organisation_id.as_str())
                .or_default()
                .push(i);
        }
        let buckets = keyed
            .into_iter()
            .map(
                |((age_min, age_max, language, correctional), groups)| Bucket {
                    age_min,
                    age_max,
                    language,
                    correctional,
                    groups,
                    first_open: 0,
                },
            )
            .collect();
        Self {
            groups: ordered,
            vacant,
            left,
            buckets,
            by_organisation,
        }
    }

    /// Takes a place for the applicant in the first group that fits, if any.
    fn take(&mut self, rules: &QueueRules, a: &Applicant, date: Date) -> Option<&'a GroupPlaces> {
        let found = if a.wishes.is_empty() {
            self.first_in_buckets(rules, a, date)
        } else {
            self.first_in_wishes(rules, a, date)
        }?;
        self.vacant[found] -= 1;
        self.left -= 1;
        Some(self.groups[found])
    }

    fn first_in_wishes(&self, rules: &QueueRules, a: &Applicant, date: Date) -> Option<usize> {
        a.wishes.iter().find_map(|org| {
            self.by_organisation.get(org.as_str()).and_then(|list| {
                list.iter()
                    .copied()
                    .find(|&i| self.vacant[i] > 0 && fits(rules, a, self.groups[i], date))
            })
        })
    }

    fn first_in_buckets(&mut self, rules: &QueueRules, a: &Applicant, date: Date) -> Option<usize> {
        let age = age_in_years(a.birth_date, date);
        if age >= rules.max_age_years {
            return None;
        }
        for bucket in &mut self.buckets {
            let fits = bucket.age_min <= age
                && age < bucket.age_max
                && bucket.language == a.language
                && bucket.correctional == a.correctional
                && (!bucket.correctional || a.pmpk_decision);
            if !fits {
                continue;
            }
            while let Some(&i) = bucket.groups.get(bucket.first_open) {
                if self.vacant[i] > 0 {
                    return Some(i);
                }
                bucket.first_open += 1;
            }
        }
        None
    }

    fn vacant_after(&self) -> BTreeMap<String, u32> {
        self.groups
            .iter()
            .zip(&self.vacant)
            .map(|(g, &v)| (g.group_id.clone(), v))
            .collect()
    }
}

/// Fisher–Yates with SplitMix64: small, portable and the same on every machine.
fn shuffle<T>(items: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let bound = u64::try_from(i + 1).unwrap_or(u64::MAX);
        let j = usize::try_from(next() % bound).unwrap_or(0);
        items.swap(i, j);
    }
}
