//! Where a child stands: by request number or by the child's IIN (only its SHA-256 is stored
//! and compared), within the caller's office; and the office's whole queue for the head.

use tereze_core::queue::positions;
use tereze_protocol::{PositionAnswer, PositionQuery, QueueEntryList, QueueEntryRecord};
use uuid::Uuid;

use super::{QueueError, QueueRefusal, entries};
use crate::db::Sql;

/// How many lookups one operator may make in a minute: enough for a busy counter, too few to
/// walk through IINs.
pub const LOOKUPS_PER_MINUTE: i64 = 30;

/// Refuses a lookup when the operator made [`LOOKUPS_PER_MINUTE`] in the minute before `now`
/// (counted from the audit, where every lookup is recorded).
pub fn within_limit(
    sql: &mut dyn Sql,
    operator: Uuid,
    now: time::OffsetDateTime,
) -> Result<(), QueueError> {
    let since = crate::clock::text(now - time::Duration::minutes(1));
    let made = sql
        .query_opt(
            "SELECT count(*) FROM audit
             WHERE action = 'queue-lookup' AND operator_id = $1 AND at > $2",
            &[operator.to_string().into(), since.into()],
        )?
        .map_or(Ok(0), |r| r.int(0))?;
    if made >= LOOKUPS_PER_MINUTE {
        return Err(QueueRefusal::TooManyLookups.into());
    }
    Ok(())
}

/// Answers a position query.
pub fn position(
    sql: &mut dyn Sql,
    office_id: &str,
    query: &PositionQuery,
) -> Result<PositionAnswer, QueueError> {
    let number = query.request_number.as_deref().map(str::trim);
    let iin = query.child_iin.as_deref().map(str::trim);
    let row = match (number, iin) {
        (Some(n), None) if !n.is_empty() => sql.query_opt(
            "SELECT request_id FROM queue_entries WHERE office_id = $1 AND request_number = $2
             ORDER BY received_at DESC LIMIT 1",
            &[office_id.into(), n.to_uppercase().into()],
        )?,
        (None, Some(i)) if !i.is_empty() => {
            let key = entries::iin_key(i).ok_or(QueueRefusal::BadIin)?;
            sql.query_opt(
                "SELECT request_id FROM queue_entries WHERE office_id = $1 AND child_iin_sha256 = $2
                 ORDER BY received_at DESC LIMIT 1",
                &[office_id.into(), key.into()],
            )?
        }
        _ => return Err(QueueRefusal::LookupKey.into()),
    };
    let id = row
        .map(|r| r.text(0))
        .transpose()?
        .and_then(|t| Uuid::parse_str(&t).ok())
        .ok_or(QueueError::NotFound)?;
    let entry = entries::load(sql, id)?.ok_or(QueueError::NotFound)?;
    Ok(PositionAnswer {
        request_id: id,
        request_number: entry.request_number.clone(),
        cohort: entry.applicant.cohort(),
        position: entries::position(sql, &entry)?,
        state: entry.state.as_str().to_owned(),
    })
}

/// The office's queue with positions and clock flags, by cohort and position (entries that
/// left the queue last).
pub fn list(sql: &mut dyn Sql, office_id: &str) -> Result<QueueEntryList, QueueError> {
    let all = entries::of_office(sql, office_id)?;
    let waiting: Vec<_> = all
        .iter()
        .filter(|e| entries::IN_QUEUE.contains(&e.state))
        .map(|e| e.applicant.clone())
        .collect();
    let numbers: std::collections::HashMap<Uuid, u32> = positions(&waiting)
        .into_values()
        .flatten()
        .map(|p| (p.id, p.number))
        .collect();
    let mut out = Vec::with_capacity(all.len());
    for e in all {
        let position = numbers.get(&e.applicant.id).copied().unwrap_or(0);
        out.push(QueueEntryRecord {
            request_id: e.applicant.id,
            request_number: e.request_number.clone(),
            cohort: e.applicant.cohort(),
            position,
            class: e.applicant.class.as_str().to_owned(),
            state: e.state.as_str().to_owned(),
            applied_at: e.applicant.applied_at,
            claimed_at: e.claimed_at,
            clock_flag: e.clock_flag.clone(),
            stop_listed_until: e.stop_listed_until,
        });
    }
    out.sort_by_key(|r| {
        (
            r.cohort,
            if r.position == 0 {
                u32::MAX
            } else {
                r.position
            },
            r.request_id,
        )
    });
    Ok(QueueEntryList { entries: out })
}
