//! Queue steps pushed in a workstation's outbox: answers to offers and referrals against the
//! workstation's lease, taken at the counter while the link may have been down.
//!
//! They are settled like the HTTP calls, with two differences: the day that counts is the one
//! the workstation recorded (an answer given inside the choice window stays inside it however
//! late it arrives), unless that workstation's clock runs ahead of the server's, and a refusal
//! is a final `rejected` outcome with the queue's reason key, audited like every refusal.

use tereze_core::store::Role;
use tereze_protocol::{PushOutcome, QueueStep};
use time::OffsetDateTime;

use super::{QueueError, QueueRefusal, entries, leases, offers, roles};
use crate::auth::Caller;
use crate::db::Sql;
use crate::error::ServerError;

/// May `role` take this step?
pub fn may_take(role: Role, step: &QueueStep) -> bool {
    match step {
        QueueStep::Answer { answer, .. } => roles::may_answer(role, *answer),
        QueueStep::LeaseReferral { .. } => roles::may_lease(role),
    }
}

/// Settles one pushed step for `caller`; `at` is the time the workstation recorded.
pub fn settle(
    sql: &mut dyn Sql,
    caller: &Caller,
    step: &QueueStep,
    at: OffsetDateTime,
) -> Result<PushOutcome, ServerError> {
    let now = crate::clock::now();
    let day = if at <= now + entries::CLOCK_TOLERANCE {
        super::local_date(at)
    } else {
        super::today()
    };
    let office = caller.workstation.office_id.as_str();
    let done = match step {
        QueueStep::Answer { offer_id, answer } => {
            offers::answer(sql, office, *offer_id, *answer, day).map(|_| ())
        }
        QueueStep::LeaseReferral { lease_id, referral } => {
            leases::refer(sql, caller.workstation.id.0, office, *lease_id, referral).map(|_| ())
        }
    };
    let refused = match done {
        Ok(()) => {
            entries::note_operation(sql, caller.workstation.id.0, at)?;
            let cursor = sql
                .query_opt("SELECT coalesce(max(cursor), 0) FROM change_log", &[])?
                .map_or(Ok(0), |r| r.int(0))?;
            return Ok(PushOutcome::Accepted {
                number: None,
                cursor: tereze_protocol::Cursor(u64::try_from(cursor).unwrap_or(0)),
            });
        }
        Err(QueueError::Refused(r)) => r,
        Err(QueueError::NotFound) => QueueRefusal::UnknownStep,
        Err(other) => return Err(other.into_server()),
    };
    Ok(PushOutcome::Rejected {
        reason: refused.key().to_owned(),
    })
}
