//! The preschool queue on the server: the authoritative queue, official numbers, allocation
//! runs, offers, offline leases and the position lookup.
//!
//! The ordering and the allocation are the core's pure functions ([`tereze_core::queue`]), the
//! same code the workstation runs offline; this module stores their inputs and results.
//!
//! - [`groups`]: kindergartens' and mini-centres' groups with capacity, occupied and reserved
//!   places; seeded from the reference data, counts kept by the administrator.
//! - [`entries`]: a registered preschool request joins its cohort's queue, ordered by (class,
//!   application time, request id); a workstation clock that cannot be trusted is flagged and
//!   the server's receipt time used instead.
//! - [`runs`]: allocation runs (комплектование) over the vacant places, stored with their
//!   inputs so that a replay proves the result; continuous runs offer a freed place on.
//! - [`offers`]: offered → referred (written consent) → enrolled; declined or expired → back
//!   with the original date; an unused referral → stop-list → back with the original date.
//! - [`leases`]: places reserved for a workstation that may issue referrals offline.
//! - [`lookup`]: a child's position by request number or IIN (never in a URL).
//! - [`snapshot`]: what a workstation caches of its office's queue to show it and to refer
//!   offline; [`entries::withdraw`] takes a child out when the applicant withdraws.
//! - [`steps`]: the same answers and lease referrals arriving in a workstation's pushed outbox.
//!
//! Dates ("today", ages, working days) are taken in Kazakhstan's time (UTC+5). That, the rules
//! and the lease periods are settings with today's values as defaults: [`config`].

pub mod config;
pub mod entries;
pub mod groups;
pub mod leases;
pub mod lookup;
pub mod offers;
pub mod refusal;
pub mod runs;
pub mod snapshot;
pub mod steps;

use std::sync::OnceLock;

use tereze_core::calendar::Calendar;
use tereze_core::queue::QueueRules;
use tereze_core::store::Role;
use thiserror::Error;
use time::{Date, OffsetDateTime, UtcOffset};

pub use config::{QueueConfig, QueueConfigError, config, configure};
pub use refusal::QueueRefusal;

use crate::db::{DbError, Sql};
use crate::error::{ApiFailure, ServerError};

/// Why a queue call did not happen.
#[derive(Debug, Error)]
pub enum QueueError {
    /// The caller asked for something the queue's rules or the caller's role do not allow.
    #[error("refused: {}", .0.key())]
    Refused(QueueRefusal),
    /// No such run, offer, lease, group or entry at the caller's office.
    #[error("not found")]
    NotFound,
    /// The built-in rules or calendar do not load (a broken build).
    #[error("queue configuration: {0}")]
    Config(String),
    /// The database or a stored body failed.
    #[error(transparent)]
    Server(#[from] ServerError),
}

impl QueueError {
    /// For callers that only know server failures (the push): a refusal or a missing item
    /// cannot arise there, so anything but a server failure is reported as one.
    pub fn into_server(self) -> ServerError {
        match self {
            QueueError::Server(s) => s,
            other => ServerError::Io(std::io::Error::other(other.to_string())),
        }
    }
}

impl From<DbError> for QueueError {
    fn from(e: DbError) -> Self {
        QueueError::Server(ServerError::Db(e))
    }
}

impl From<serde_json::Error> for QueueError {
    fn from(e: serde_json::Error) -> Self {
        QueueError::Server(ServerError::Json(e))
    }
}

impl From<QueueRefusal> for QueueError {
    fn from(r: QueueRefusal) -> Self {
        QueueError::Refused(r)
    }
}

impl From<QueueError> for ApiFailure {
    fn from(e: QueueError) -> Self {
        match e {
            QueueError::Refused(r) => r.failure(),
            QueueError::NotFound => ApiFailure::not_found(),
            QueueError::Config(message) => {
                tracing::error!(%message, "queue configuration does not load");
                ApiFailure::unavailable(crate::reason::Reason::Unavailable)
            }
            QueueError::Server(s) => ApiFailure::from(s),
        }
    }
}

/// Kazakhstan's single time zone since 2024: used should the settings not load (they are
/// checked before `serve` starts, so only a broken build gets here).
const KZ: UtcOffset = match UtcOffset::from_hms(5, 0, 0) {
    Ok(o) => o,
    Err(_) => UtcOffset::UTC,
};

fn offset() -> UtcOffset {
    config().map_or(KZ, |c| c.utc_offset)
}

/// Today's date in the queue's time zone (Kazakhstan's, UTC+5, unless configured).
pub fn today() -> Date {
    crate::clock::now().to_offset(offset()).date()
}

/// The date of a moment in the queue's time zone.
pub fn local_date(at: OffsetDateTime) -> Date {
    at.to_offset(offset()).date()
}

/// The queue rules the server applies (see [`config`]).
pub fn rules() -> Result<&'static QueueRules, QueueError> {
    Ok(&config()?.rules)
}

/// The working-day calendar (the built-in holidays).
pub fn calendar() -> Result<&'static Calendar, QueueError> {
    static CALENDAR: OnceLock<Result<Calendar, String>> = OnceLock::new();
    CALENDAR
        .get_or_init(|| Calendar::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| QueueError::Config(e.clone()))
}

/// Who may do what in the queue.
pub mod roles {
    use super::Role;
    use tereze_protocol::OfferAnswer;

    /// Allocation runs, replays and the office's queue with its clock flags: the head's.
    pub fn may_run(role: Role) -> bool {
        role == Role::Head
    }

    /// Groups and their counts: the administrator's.
    pub fn may_manage_groups(role: Role) -> bool {
        role == Role::Administrator
    }

    /// Answering an offer at the counter (ЦОН too); enrolment only by the department.
    pub fn may_answer(role: Role, answer: OfferAnswer) -> bool {
        match answer {
            OfferAnswer::Accept | OfferAnswer::Decline => {
                matches!(role, Role::Executor | Role::ConOperator | Role::Head)
            }
            OfferAnswer::Enroll => matches!(role, Role::Executor | Role::Head),
        }
    }

    /// Leases and referrals against them: the department's executors and head.
    pub fn may_lease(role: Role) -> bool {
        matches!(role, Role::Executor | Role::Head)
    }

    /// Taking a child out of the queue at the applicant's written request: whoever serves
    /// applicants at the counter.
    pub fn may_withdraw(role: Role) -> bool {
        matches!(role, Role::Executor | Role::ConOperator | Role::Head)
    }

    /// The position lookup: anyone who serves applicants.
    pub fn may_look_up(role: Role) -> bool {
        matches!(role, Role::Executor | Role::ConOperator | Role::Head)
    }
}

/// Runs `f` in one transaction on the database thread of a command-line tool.
pub fn in_transaction<T: Send + 'static>(
    db: &crate::db::Db,
    f: impl FnOnce(&mut dyn Sql) -> Result<T, QueueError> + Send + 'static,
) -> Result<T, QueueError> {
    db.run_blocking(move |sql| sql.transaction(f))
}

/// The expiry job, run inside `serve` every `every`: see [`offers::expire`].
pub async fn expiry_loop(db: crate::db::Db, every: std::time::Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let day = today();
        let now = crate::clock::now();
        let done = db
            .run(move |sql| sql.transaction(|tx| offers::expire(tx, day, now)))
            .await;
        match done {
            Ok(summary) => {
                if summary != tereze_protocol::ExpirySummary::default() {
                    tracing::info!(?summary, "queue expiry job");
                }
            }
            Err(e) => tracing::error!(error = %e, "queue expiry job failed"),
        }
    }
}
