//! What a workstation caches of its office's queue (`GET /v1/queue/snapshot`): the entries
//! still in the queue with what the offline referral check needs, the open offers and valid
//! referrals, the groups, the caller's leases and the latest runs.

use std::collections::HashMap;

use tereze_core::queue::positions;
use tereze_protocol::{QueueCacheEntry, QueueSnapshot, RunBrief};
use uuid::Uuid;

use super::{QueueError, entries, groups, leases};
use crate::db::{Row, Sql};
use crate::error::ServerError;

/// How many runs the snapshot lists.
pub const RUNS_LISTED: i64 = 20;

/// The snapshot of `office_id`'s queue for `workstation`.
pub fn take(
    sql: &mut dyn Sql,
    office_id: &str,
    workstation: Uuid,
) -> Result<QueueSnapshot, QueueError> {
    let now = crate::clock::now();
    let in_queue: Vec<_> = entries::of_office(sql, office_id)?
        .into_iter()
        .filter(|e| entries::IN_QUEUE.contains(&e.state))
        .collect();
    let applicants: Vec<_> = in_queue.iter().map(|e| e.applicant.clone()).collect();
    let numbers: HashMap<Uuid, u32> = positions(&applicants)
        .into_values()
        .flatten()
        .map(|p| (p.id, p.number))
        .collect();
    let mut cached: Vec<QueueCacheEntry> = in_queue
        .into_iter()
        .map(|e| QueueCacheEntry {
            request_id: e.applicant.id,
            request_number: e.request_number,
            cohort: e.applicant.cohort(),
            position: numbers.get(&e.applicant.id).copied().unwrap_or(0),
            class: e.applicant.class.as_str().to_owned(),
            state: e.state.as_str().to_owned(),
            applied_at: e.applicant.applied_at,
            birth_date: e.applicant.birth_date,
            language: e.applicant.language.as_str().to_owned(),
            correctional: e.applicant.correctional,
            pmpk_decision: e.applicant.pmpk_decision,
            wishes: e.applicant.wishes,
            initials: e.initials,
            stop_listed_until: e.stop_listed_until,
        })
        .collect();
    cached.sort_by_key(|e| (e.cohort, e.position, e.request_id));
    let offers = super::offers::open_of_office(sql, office_id)?;
    let runs = sql
        .query(
            "SELECT r.id, r.kind, r.run_date,
                    (SELECT count(*) FROM queue_offers o WHERE o.run_id = r.id)
             FROM queue_runs r WHERE r.office_id = $1 ORDER BY r.seq DESC LIMIT $2",
            &[office_id.into(), RUNS_LISTED.into()],
        )?
        .iter()
        .map(run_brief)
        .collect::<Result<Vec<_>, _>>()?;
    Ok(QueueSnapshot {
        taken_at: now,
        today: super::local_date(now),
        rules_version: super::rules()?.version.clone(),
        entries: cached,
        offers,
        groups: groups::list(sql, office_id)?.groups,
        leases: leases::of_workstation(sql, office_id, workstation)?,
        runs,
    })
}

fn run_brief(row: &Row) -> Result<RunBrief, ServerError> {
    let shape = |column| ServerError::Db(crate::db::DbError::Shape { column });
    Ok(RunBrief {
        run_id: Uuid::parse_str(&row.text(0)?).map_err(|_| shape(0))?,
        kind: row.text(1)?,
        date: entries::parse_day(&row.text(2)?).ok_or_else(|| shape(2))?,
        offers: u32::try_from(row.int(3)?).unwrap_or(0),
    })
}
