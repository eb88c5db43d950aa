//! Allocation runs (комплектование): the vacant places of an office's groups offered to the
//! children in its queue by the core's [`allocate`], a pure function of its inputs.
//!
//! Every run stores those inputs (the queue snapshot, the group places, the rules version, the
//! date and the seed) and its result, so [`replay`] can recompute it and prove the same offers
//! came out. A continuous run is the same thing over the places just freed (a declined or
//! expired offer, an annulled referral, a returned lease), so the next eligible child gets them.

use serde::{Deserialize, Serialize};
use tereze_core::lifecycle::QueueState;
use tereze_core::queue::{AllocationRun, Applicant, GroupPlaces, allocate, takes_part};
use tereze_protocol::{PublishedList, PublishedOffer, PublishedVacancy, ReplayResult, RunSummary};
use time::Date;
use uuid::Uuid;

use super::{QueueError, QueueRefusal, entries, groups, offers};
use crate::db::Sql;

/// What a run was given; stored with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunInputs {
    /// The children who took part, as the queue held them.
    pub applicants: Vec<Applicant>,
    /// The groups with their vacant places.
    pub groups: Vec<GroupPlaces>,
}

/// Why a run was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RunKind {
    /// A head of department's run over every vacant place.
    Scheduled,
    /// Freed places offered on to the next eligible children.
    Continuous,
}

impl RunKind {
    /// The stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Scheduled => "scheduled",
            RunKind::Continuous => "continuous",
        }
    }
}

/// A fresh seed from the system's randomness (the run records it).
pub fn fresh_seed() -> u64 {
    getrandom::u64().unwrap_or_else(|_| {
        u64::try_from(crate::clock::now().unix_timestamp_nanos() & i128::from(u64::MAX))
            .unwrap_or(0)
    })
}

/// Makes a run for `office_id` on `date`. `only_groups` limits it to those groups (a
/// continuous run); `exclude` keeps children out of it (the one who just declined).
#[allow(clippy::too_many_arguments)]
pub fn start(
    sql: &mut dyn Sql,
    office_id: &str,
    by: Option<Uuid>,
    date: Date,
    seed: u64,
    kind: RunKind,
    only_groups: Option<&[String]>,
    exclude: &[Uuid],
) -> Result<RunSummary, QueueError> {
    let rules = super::rules()?;
    let calendar = super::calendar()?;
    if rules.is_frozen(date) {
        return Err(QueueRefusal::Frozen.into());
    }
    let entries = entries::of_office(sql, office_id)?;
    let mut stop_listed = Vec::new();
    let mut applicants: Vec<Applicant> = Vec::new();
    for e in entries {
        if takes_part(e.state, e.stop_listed_until, date) && !exclude.contains(&e.applicant.id) {
            if e.state == QueueState::StopListed {
                stop_listed.push(e.applicant.id);
            }
            applicants.push(e.applicant);
        }
    }
    applicants.sort_by_key(|a| (a.cohort(), a.order_key()));
    let group_places: Vec<GroupPlaces> = groups::list(sql, office_id)?
        .groups
        .iter()
        .filter(|g| only_groups.is_none_or(|only| only.contains(&g.group_id)))
        .map(|g| groups::places(g, g.vacant))
        .collect();
    let run = allocate(rules, calendar, date, &applicants, &group_places, seed)
        .map_err(|_| QueueError::Refused(QueueRefusal::Frozen))?;
    let run_id = Uuid::now_v7();
    let inputs = RunInputs {
        applicants,
        groups: group_places,
    };
    sql.execute(
        "INSERT INTO queue_runs (id, office_id, kind, run_date, seed, rules_version, inputs,
                                 result, created_by, created_at, seq)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 (SELECT coalesce(max(seq), 0) + 1 FROM queue_runs))",
        &[
            run_id.to_string().into(),
            office_id.into(),
            kind.as_str().into(),
            entries::day_text(date).into(),
            seed.to_string().into(),
            run.rules_version.as_str().into(),
            serde_json::to_string(&inputs)?.into(),
            serde_json::to_string(&run)?.into(),
            by.map(|b| b.to_string()).into(),
            crate::clock::now_text().into(),
        ],
    )?;
    for offer in &run.offers {
        offers::insert_run_offer(sql, office_id, run_id, offer)?;
        entries::set_state(sql, offer.applicant, QueueState::Offered, None)?;
    }
    Ok(RunSummary {
        run_id,
        kind: kind.as_str().to_owned(),
        date,
        seed,
        rules_version: run.rules_version.clone(),
        offers: offers::by_run(sql, run_id)?,
    })
}

/// Offers freed places of `groups` to the next children on `date`, unless no offers are made
/// now (the August transfer) or nothing is vacant. Returns how many offers were made.
pub fn continue_with(
    sql: &mut dyn Sql,
    office_id: &str,
    date: Date,
    freed: &[String],
    exclude: &[Uuid],
) -> Result<u32, QueueError> {
    if freed.is_empty() || super::rules()?.is_frozen(date) {
        return Ok(0);
    }
    let summary = start(
        sql,
        office_id,
        None,
        date,
        fresh_seed(),
        RunKind::Continuous,
        Some(freed),
        exclude,
    )?;
    Ok(u32::try_from(summary.offers.len()).unwrap_or(u32::MAX))
}

struct Stored {
    date: Date,
    seed: u64,
    rules_version: String,
    inputs: RunInputs,
    result: AllocationRun,
}

/// A stored run (of `office_id` when given).
fn load(sql: &mut dyn Sql, office_id: Option<&str>, run_id: Uuid) -> Result<Stored, QueueError> {
    let row = sql
        .query_opt(
            "SELECT run_date, seed, rules_version, inputs, result, office_id FROM queue_runs
             WHERE id = $1",
            &[run_id.to_string().into()],
        )?
        .ok_or(QueueError::NotFound)?;
    if office_id.is_some_and(|o| row.text(5).ok().as_deref() != Some(o)) {
        return Err(QueueError::NotFound);
    }
    Ok(Stored {
        date: entries::parse_day(&row.text(0)?).ok_or(QueueError::NotFound)?,
        seed: row.text(1)?.parse().map_err(|_| QueueError::NotFound)?,
        rules_version: row.text(2)?,
        inputs: serde_json::from_str(&row.text(3)?)?,
        result: serde_json::from_str(&row.text(4)?)?,
    })
}

/// Recomputes a stored run (of `office_id` when given) from its inputs and says whether the
/// same offers and vacancies came out. Refused when the server applies other rules than the
/// run did.
pub fn replay(
    sql: &mut dyn Sql,
    office_id: Option<&str>,
    run_id: Uuid,
) -> Result<ReplayResult, QueueError> {
    let stored = load(sql, office_id, run_id)?;
    let rules = super::rules()?;
    if rules.version != stored.rules_version {
        return Err(QueueRefusal::RulesChanged.into());
    }
    let again = allocate(
        rules,
        super::calendar()?,
        stored.date,
        &stored.inputs.applicants,
        &stored.inputs.groups,
        stored.seed,
    )
    .map_err(|_| QueueError::Refused(QueueRefusal::Frozen))?;
    Ok(ReplayResult {
        run_id,
        same: again == stored.result,
        offers: stored.result.offers.len(),
    })
}

/// The list a run publishes: the vacant places it had and the offers it made, each child by
/// cohort, queue number and initials only.
pub fn published(
    sql: &mut dyn Sql,
    office_id: &str,
    run_id: Uuid,
) -> Result<PublishedList, QueueError> {
    let stored = load(sql, Some(office_id), run_id)?;
    let vacancies = stored
        .inputs
        .groups
        .iter()
        .filter(|g| g.vacant > 0)
        .map(|g| PublishedVacancy {
            group_id: g.group_id.clone(),
            organisation_id: g.organisation_id.clone(),
            vacant_before: g.vacant,
            vacant_after: stored
                .result
                .vacant_after
                .get(&g.group_id)
                .copied()
                .unwrap_or(g.vacant),
        })
        .collect();
    let rows = sql.query(
        "SELECT e.cohort, e.official_number, e.initials, o.class, o.group_id,
                o.organisation_id, o.state
         FROM queue_offers o JOIN queue_entries e ON e.request_id = o.request_id
         WHERE o.run_id = $1 ORDER BY o.seq",
        &[run_id.to_string().into()],
    )?;
    let mut offers = Vec::with_capacity(rows.len());
    for row in rows {
        offers.push(PublishedOffer {
            cohort: i32::try_from(row.int(0)?).unwrap_or(0),
            queue_number: u32::try_from(row.int(1)?).unwrap_or(0),
            initials: row.text(2)?,
            class: row.text(3)?,
            group_id: row.text(4)?,
            organisation_id: row.text(5)?,
            state: row.text(6)?,
        });
    }
    Ok(PublishedList {
        run_id,
        date: stored.date,
        vacancies,
        offers,
    })
}
