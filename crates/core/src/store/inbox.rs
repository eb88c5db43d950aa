//! The executor's inbox: requests filtered by status, service and search text, each with the
//! deadline of the step it is in.

use rusqlite::{Connection, params};

use super::request::{self, RequestSummary, SUMMARY_COLUMNS};
use super::{StoreError, search};
use crate::calendar::Calendar;
use crate::deadline::{Deadline, Step, due_at};
use crate::lifecycle::Status;
use crate::regulation::Regulation;

/// Which requests the inbox shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxFilter {
    /// Only these statuses; all when empty.
    pub statuses: Vec<Status>,
    /// Only this service; all when `None`.
    pub service_id: Option<String>,
    /// Names or addresses (word prefixes, wrong keyboard layout folded) or an IIN; all when blank.
    pub query: String,
    /// At most this many rows, newest first.
    pub limit: usize,
}

impl Default for InboxFilter {
    fn default() -> Self {
        Self {
            statuses: Vec::new(),
            service_id: None,
            query: String::new(),
            limit: 200,
        }
    }
}

/// How many search hits are looked at before the status and service filters narrow them.
const SEARCH_WINDOW: usize = 2_000;

pub(crate) fn inbox(
    conn: &Connection,
    filter: &InboxFilter,
) -> Result<Vec<RequestSummary>, StoreError> {
    if !filter.query.trim().is_empty() {
        let unfiltered = filter.statuses.is_empty() && filter.service_id.is_none();
        // Without other filters the first `limit` hits are the answer: no need to build more.
        let window = if unfiltered {
            filter.limit
        } else {
            SEARCH_WINDOW
        };
        let mut hits = search::search(conn, &filter.query, window)?;
        hits.retain(|r| matches(filter, r));
        hits.truncate(filter.limit);
        return Ok(hits);
    }
    let statuses = (!filter.statuses.is_empty()).then(|| {
        let names: Vec<&str> = filter.statuses.iter().map(|s| s.as_str()).collect();
        serde_json::Value::from(names).to_string()
    });
    let limit = i64::try_from(filter.limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS} FROM requests r
         WHERE (?1 IS NULL OR r.service_id = ?1)
           AND (?2 IS NULL OR r.status IN (SELECT value FROM json_each(?2)))
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT ?3"
    ))?;
    let rows = stmt
        .query_map(
            params![filter.service_id, statuses, limit],
            request::summary_from_row,
        )?
        .collect::<Result<Vec<_>, _>>()?;
    request::finish_summaries(conn, rows)
}

fn matches(filter: &InboxFilter, r: &RequestSummary) -> bool {
    (filter.statuses.is_empty() || filter.statuses.contains(&r.status))
        && filter
            .service_id
            .as_deref()
            .is_none_or(|s| s == r.service_id)
}

/// The regulated step a request in `status` is waiting for; `None` once it is issued.
pub fn step_of(status: Status) -> Option<Step> {
    match status {
        Status::Draft | Status::Signed => Some(Step::Intake),
        Status::Registered => Some(Step::Accept),
        Status::InWork => Some(Step::Decide),
        Status::Decided | Status::Refused | Status::ResultSigned => Some(Step::Issue),
        Status::Issued => None,
    }
}

impl RequestSummary {
    /// The deadline of the step the request is in, counted from when it entered its status
    /// under its service's terms for its channel; `None` when the step has no limit.
    pub fn deadline(&self, regulation: &Regulation, calendar: &Calendar) -> Option<Deadline> {
        let step = step_of(self.status)?;
        let term = regulation.deadline(self.channel, step)?;
        Some(Deadline {
            step,
            due_at: due_at(self.status_since, term, calendar),
        })
    }
}
