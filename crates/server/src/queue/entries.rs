//! The queue's entries: a registered preschool request joins its cohort's queue.
//!
//! The application time is the moment the workstation registered the request, so a
//! registration made offline keeps its place. The workstation's clock is checked first: a time
//! more than [`CLOCK_TOLERANCE`] in the future of the server's receipt, or before the latest
//! operation time that workstation sent earlier, is not trusted. Then the entry is ordered by
//! the server's receipt time, and the flag is stored for the head of department to see.

use sha2::{Digest, Sha256};
use tereze_core::lifecycle::QueueState;
use tereze_core::queue::{Applicant, CategoryClass};
use tereze_core::reference::Language;
use tereze_protocol::{ChangedEntity, QueuePlace, RequestRecord};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

use super::{QueueError, QueueRefusal};
use crate::db::{Row, Sql};
use crate::error::ServerError;

/// The service whose registrations join the queue.
pub const SERVICE: &str = "preschool-queue";

/// How far ahead of the server a workstation's clock may run before its times are not trusted.
pub const CLOCK_TOLERANCE: Duration = Duration::minutes(5);

/// States in which a child is still in the queue (and counts for positions).
pub const IN_QUEUE: [QueueState; 4] = [
    QueueState::Waiting,
    QueueState::Offered,
    QueueState::Referred,
    QueueState::StopListed,
];

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// What ordering and allocation need (`applied_at` is the time the queue orders by).
    pub applicant: Applicant,
    /// The office whose queue holds it.
    pub office_id: String,
    /// The request number.
    pub request_number: Option<String>,
    /// The time the workstation claimed.
    pub claimed_at: OffsetDateTime,
    /// Why the claimed time was not trusted.
    pub clock_flag: Option<String>,
    /// Initials for published lists.
    pub initials: String,
    /// The number given at registration.
    pub official_number: u32,
    /// The queue state.
    pub state: QueueState,
    /// The last day of the stop-list.
    pub stop_listed_until: Option<Date>,
}

const COLUMNS: &str = "request_id, office_id, request_number, birth_date, class, applied_at,
     claimed_at, clock_flag, language, correctional, pmpk_decision, wishes, initials,
     official_number, state, stop_listed_until";

/// A class by its stable name.
pub fn parse_class(s: &str) -> Option<CategoryClass> {
    [
        CategoryClass::Extraordinary,
        CategoryClass::FirstPriority,
        CategoryClass::General,
    ]
    .into_iter()
    .find(|c| c.as_str() == s)
}

/// A stored `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> Option<Date> {
    tereze_core::validate::date::parse(s).ok()
}

/// A date as stored.
pub fn day_text(d: Date) -> String {
    tereze_core::validate::date::to_stored(d)
}

fn read(row: &Row) -> Result<Entry, ServerError> {
    let shape = |column| ServerError::Db(crate::db::DbError::Shape { column });
    let id = Uuid::parse_str(&row.text(0)?).map_err(|_| shape(0))?;
    let wishes: Vec<String> = serde_json::from_str(&row.text(11)?)?;
    Ok(Entry {
        applicant: Applicant {
            id,
            birth_date: parse_day(&row.text(3)?).ok_or_else(|| shape(3))?,
            applied_at: crate::clock::parse(&row.text(5)?),
            class: parse_class(&row.text(4)?).ok_or_else(|| shape(4))?,
            language: Language::parse(&row.text(8)?).ok_or_else(|| shape(8))?,
            correctional: row.int(9)? != 0,
            pmpk_decision: row.int(10)? != 0,
            wishes,
        },
        office_id: row.text(1)?,
        request_number: row.opt_text(2)?,
        claimed_at: crate::clock::parse(&row.text(6)?),
        clock_flag: row.opt_text(7)?,
        initials: row.text(12)?,
        official_number: u32::try_from(row.int(13)?).unwrap_or(0),
        state: QueueState::parse(&row.text(14)?).ok_or_else(|| shape(14))?,
        stop_listed_until: row.opt_text(15)?.as_deref().and_then(parse_day),
    })
}

/// The entry of a request, if it joined the queue.
pub fn load(sql: &mut dyn Sql, request_id: Uuid) -> Result<Option<Entry>, ServerError> {
    let row = sql.query_opt(
        &format!("SELECT {COLUMNS} FROM queue_entries WHERE request_id = $1"),
        &[request_id.to_string().into()],
    )?;
    row.as_ref().map(read).transpose()
}

/// Every entry of an office, in no particular order.
pub fn of_office(sql: &mut dyn Sql, office_id: &str) -> Result<Vec<Entry>, ServerError> {
    let rows = sql.query(
        &format!("SELECT {COLUMNS} FROM queue_entries WHERE office_id = $1"),
        &[office_id.into()],
    )?;
    rows.iter().map(read).collect()
}

/// The current position of an entry among the children still in its cohort's queue; 0 once it
/// has left the queue. Counted in the database: the stored class names sort in the order the
/// classes are served, stored times sort as time and lower-case UUID text sorts as the UUID,
/// so this is the order of [`tereze_core::queue::positions`] without reading the cohort.
pub fn position(sql: &mut dyn Sql, entry: &Entry) -> Result<u32, ServerError> {
    if !IN_QUEUE.contains(&entry.state) {
        return Ok(0);
    }
    let a = &entry.applicant;
    let class = a.class.as_str();
    let applied = crate::clock::text(a.applied_at);
    let ahead = sql
        .query_opt(
            "SELECT count(*) FROM queue_entries
             WHERE office_id = $1 AND cohort = $2
               AND state IN ('waiting', 'offered', 'referred', 'stop-listed')
               AND (class < $3 OR (class = $3 AND (applied_at < $4
                    OR (applied_at = $4 AND request_id < $5))))",
            &[
                entry.office_id.as_str().into(),
                i64::from(a.cohort()).into(),
                class.into(),
                applied.into(),
                a.id.to_string().into(),
            ],
        )?
        .map_or(Ok(0), |r| r.int(0))?;
    Ok(u32::try_from(ahead + 1).unwrap_or(u32::MAX))
}

/// Moves an entry to `state` (with the stop-list's last day when stop-listed) and sends the
/// request's new queue place to its office.
pub fn set_state(
    sql: &mut dyn Sql,
    request_id: Uuid,
    state: QueueState,
    stop_listed_until: Option<Date>,
) -> Result<(), ServerError> {
    sql.execute(
        "UPDATE queue_entries SET state = $1, stop_listed_until = $2 WHERE request_id = $3",
        &[
            state.as_str().into(),
            stop_listed_until.map(day_text).into(),
            request_id.to_string().into(),
        ],
    )?;
    publish(sql, request_id)
}

/// The queue place of an entry as the request carries it.
pub fn place(entry: &Entry) -> QueuePlace {
    QueuePlace {
        cohort: entry.applicant.cohort(),
        number: entry.official_number,
        state: entry.state.as_str().to_owned(),
        applied_at: entry.applicant.applied_at,
        clock_flag: entry.clock_flag.clone(),
    }
}

/// Writes the entry's queue place onto its request (same version: the place is the server's,
/// not an edit) and appends the request's change for its office.
pub fn publish(sql: &mut dyn Sql, request_id: Uuid) -> Result<(), ServerError> {
    let Some(entry) = load(sql, request_id)? else {
        return Ok(());
    };
    let row = sql.query_opt(
        "SELECT state FROM entities WHERE id = $1 AND kind = 'request'",
        &[request_id.to_string().into()],
    )?;
    let Some(row) = row else { return Ok(()) };
    let ChangedEntity::Request { mut request } = serde_json::from_str(&row.text(0)?)? else {
        return Ok(());
    };
    request.queue = Some(place(&entry));
    let entity = ChangedEntity::Request { request };
    sql.execute(
        "UPDATE entities SET state = $1, updated_at = $2 WHERE id = $3",
        &[
            serde_json::to_string(&entity)?.into(),
            crate::clock::now_text().into(),
            request_id.to_string().into(),
        ],
    )?;
    crate::changelog::append(sql, request_id, &entry.office_id, &entity)?;
    Ok(())
}

/// Records the time a workstation claimed for an accepted operation (the latest one counts).
/// A time ahead of the server's clock is not recorded: one wrong clock setting must not make
/// every honest time after it look like a step back.
pub fn note_operation(
    sql: &mut dyn Sql,
    workstation_id: Uuid,
    at: OffsetDateTime,
) -> Result<(), ServerError> {
    if at > crate::clock::now() + CLOCK_TOLERANCE {
        return Ok(());
    }
    sql.execute(
        "INSERT INTO queue_workstation_clock (workstation_id, last_at) VALUES ($1, $2)
         ON CONFLICT (workstation_id) DO UPDATE SET last_at = excluded.last_at
         WHERE excluded.last_at > queue_workstation_clock.last_at",
        &[
            workstation_id.to_string().into(),
            crate::clock::text(at).into(),
        ],
    )?;
    Ok(())
}

fn last_operation(
    sql: &mut dyn Sql,
    workstation_id: Uuid,
) -> Result<Option<OffsetDateTime>, ServerError> {
    Ok(sql
        .query_opt(
            "SELECT last_at FROM queue_workstation_clock WHERE workstation_id = $1",
            &[workstation_id.to_string().into()],
        )?
        .map(|r| r.text(0))
        .transpose()?
        .map(|t| crate::clock::parse(&t)))
}

/// Whether a claimed time can be trusted: `None` when it can, else the flag to store.
pub fn clock_flag(
    claimed: OffsetDateTime,
    received: OffsetDateTime,
    previous: Option<OffsetDateTime>,
) -> Option<&'static str> {
    if claimed > received + CLOCK_TOLERANCE {
        Some("future")
    } else if previous.is_some_and(|p| claimed < p) {
        Some("before-previous")
    } else {
        None
    }
}

/// Keeps [`attached_slots`] up to date as attachments are added and removed; called for
/// every accepted entity change.
pub fn note_entity(sql: &mut dyn Sql, entity: &ChangedEntity) -> Result<(), ServerError> {
    match entity {
        ChangedEntity::Attachment { attachment } => {
            sql.execute(
                "INSERT INTO queue_attachments (attachment_id, request_id, slot)
                 VALUES ($1, $2, $3) ON CONFLICT (attachment_id) DO NOTHING",
                &[
                    attachment.id.to_string().into(),
                    attachment.request_id.to_string().into(),
                    attachment.slot.as_str().into(),
                ],
            )?;
        }
        ChangedEntity::AttachmentRemoved { attachment, .. } => {
            sql.execute(
                "DELETE FROM queue_attachments WHERE attachment_id = $1",
                &[attachment.id.to_string().into()],
            )?;
        }
        ChangedEntity::Request { .. } | ChangedEntity::Conflict { .. } => {}
        ChangedEntity::Signature { .. }
        | ChangedEntity::Decision { .. }
        | ChangedEntity::DocumentIssued { .. } => {}
    }
    Ok(())
}

/// The attachment slots of a request that hold a scan (removed ones do not count).
fn attached_slots(sql: &mut dyn Sql, request_id: Uuid) -> Result<Vec<String>, ServerError> {
    let rows = sql.query(
        "SELECT slot FROM queue_attachments WHERE request_id = $1",
        &[request_id.to_string().into()],
    )?;
    rows.iter().map(|r| Ok(r.text(0)?)).collect()
}

fn initials(request: &RequestRecord) -> String {
    ["child-last-name", "child-first-name"]
        .iter()
        .filter_map(|f| request.fields.get(*f))
        .filter_map(|v| v.trim().chars().next())
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// SHA-256 of a valid IIN (the lookup key); `None` for anything else.
pub fn iin_key(iin: &str) -> Option<String> {
    tereze_core::iin::Iin::parse(iin.trim())
        .ok()
        .map(|i| hex::encode(Sha256::digest(i.as_string().as_bytes())))
}

/// Puts a just-registered preschool request into its cohort's queue and returns the place the
/// request carries. A request of another service, or without a readable birth date, joins no
/// queue (`None`).
pub fn on_register(
    sql: &mut dyn Sql,
    workstation_id: Uuid,
    office_id: &str,
    request: &RequestRecord,
    claimed: OffsetDateTime,
) -> Result<Option<QueuePlace>, QueueError> {
    if request.service_id != SERVICE {
        return Ok(None);
    }
    let field = |id: &str| request.fields.get(id).map(|v| v.trim()).unwrap_or("");
    let Some(birth_date) = parse_day(field("child-birth-date")) else {
        crate::audit::record(
            sql,
            None,
            None,
            "queue-entry-incomplete",
            Some(request.id),
            Some("child-birth-date"),
        )?;
        return Ok(None);
    };
    let rules = super::rules()?;
    let slots = attached_slots(sql, request.id)?;
    let slot_refs: Vec<&str> = slots.iter().map(String::as_str).collect();
    let category = match field("privilege-category") {
        "" => "none",
        c => c,
    };
    let class = rules.class_of(category, &slot_refs);
    let language = Language::parse(field("group-language")).unwrap_or(Language::Kk);
    let correctional =
        tereze_core::validate::choice::parse_bool(field("correctional-group")).unwrap_or(false);
    let wishes: Vec<String> = field("wished-organisations")
        .split([';', ','])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    let received = crate::clock::now();
    let previous = last_operation(sql, workstation_id)?;
    let flag = clock_flag(claimed, received, previous);
    let applied_at = if flag.is_some() { received } else { claimed };
    let applicant = Applicant {
        id: request.id,
        birth_date,
        applied_at,
        class,
        language,
        correctional,
        pmpk_decision: slot_refs.contains(&"pmpk-decision"),
        wishes,
    };
    sql.execute(
        "INSERT INTO queue_entries (request_id, office_id, workstation_id, request_number, cohort,
             birth_date, class, applied_at, claimed_at, received_at, clock_flag, language,
             correctional, pmpk_decision, wishes, child_iin_sha256, initials, official_number,
             state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, 0,
                 'waiting')
         ON CONFLICT (request_id) DO NOTHING",
        &[
            request.id.to_string().into(),
            office_id.into(),
            workstation_id.to_string().into(),
            request.number.clone().into(),
            i64::from(applicant.cohort()).into(),
            day_text(birth_date).into(),
            class.as_str().into(),
            crate::clock::text(applied_at).into(),
            crate::clock::text(claimed).into(),
            crate::clock::text(received).into(),
            flag.map(str::to_owned).into(),
            language.as_str().into(),
            i64::from(applicant.correctional).into(),
            i64::from(applicant.pmpk_decision).into(),
            serde_json::to_string(&applicant.wishes)?.into(),
            iin_key(field("child-iin")).into(),
            initials(request).into(),
        ],
    )?;
    if flag.is_some() {
        crate::audit::record(
            sql,
            Some(tereze_protocol::WorkstationId(workstation_id)),
            None,
            "queue-clock-flag",
            Some(request.id),
            flag,
        )?;
    }
    let Some(mut entry) = load(sql, request.id)? else {
        return Ok(None);
    };
    let number = position(sql, &entry)?;
    sql.execute(
        "UPDATE queue_entries SET official_number = $1 WHERE request_id = $2",
        &[i64::from(number).into(), request.id.to_string().into()],
    )?;
    entry.official_number = number;
    Ok(Some(place(&entry)))
}

/// A registered preschool request was refused (a motivated refusal): the child leaves the
/// queue, an open offer or referral is annulled and its place offered on at once. Returns the
/// place the refused request carries, or `None` when it was not in the queue.
pub fn on_refused(
    sql: &mut dyn Sql,
    office_id: &str,
    request_id: Uuid,
) -> Result<Option<QueuePlace>, QueueError> {
    leave(sql, office_id, request_id, QueueState::Removed)
}

/// The applicant withdrew the child from the queue: the entry leaves the queue (`withdrawn`),
/// an open offer or referral is annulled and its place offered on at once, the positions of
/// the children behind move up and the request's new place goes to its office. An entry of
/// another office is not found; one no longer in the queue is refused.
pub fn withdraw(
    sql: &mut dyn Sql,
    office_id: &str,
    request_id: Uuid,
) -> Result<QueuePlace, QueueError> {
    match load(sql, request_id)? {
        Some(entry) if entry.office_id == office_id => {}
        _ => return Err(QueueError::NotFound),
    }
    let place = leave(sql, office_id, request_id, QueueState::Withdrawn)?
        .ok_or(QueueError::Refused(QueueRefusal::NotWaiting))?;
    publish(sql, request_id)?;
    Ok(place)
}

/// Takes an entry out of the queue into `state`, annulling its open offer and offering the
/// freed place on.
fn leave(
    sql: &mut dyn Sql,
    office_id: &str,
    request_id: Uuid,
    state: QueueState,
) -> Result<Option<QueuePlace>, QueueError> {
    let Some(mut entry) = load(sql, request_id)? else {
        return Ok(None);
    };
    if !IN_QUEUE.contains(&entry.state) {
        return Ok(None);
    }
    let freed: Vec<String> = sql
        .query(
            "SELECT group_id FROM queue_offers
             WHERE request_id = $1 AND state IN ('offered', 'referred') ORDER BY group_id",
            &[request_id.to_string().into()],
        )?
        .iter()
        .map(|r| r.text(0))
        .collect::<Result<_, _>>()?;
    sql.execute(
        "UPDATE queue_offers SET state = 'annulled', updated_at = $1
         WHERE request_id = $2 AND state IN ('offered', 'referred')",
        &[
            crate::clock::now_text().into(),
            request_id.to_string().into(),
        ],
    )?;
    sql.execute(
        "UPDATE queue_entries SET state = $1, stop_listed_until = NULL WHERE request_id = $2",
        &[state.as_str().into(), request_id.to_string().into()],
    )?;
    entry.state = state;
    entry.stop_listed_until = None;
    super::runs::continue_with(sql, office_id, super::today(), &freed, &[request_id])?;
    Ok(Some(place(&entry)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn a_clock_ahead_of_the_server_or_behind_its_own_past_is_flagged() {
        let received = datetime!(2026-03-02 10:00 UTC);
        assert_eq!(clock_flag(received, received, None), None);
        assert_eq!(
            clock_flag(received + Duration::minutes(4), received, None),
            None
        );
        assert_eq!(
            clock_flag(received + Duration::hours(2), received, None),
            Some("future")
        );
        let earlier_sync = datetime!(2026-03-01 09:00 UTC);
        assert_eq!(
            clock_flag(
                datetime!(2026-02-20 09:00 UTC),
                received,
                Some(earlier_sync)
            ),
            Some("before-previous")
        );
        // Offline for days, then synced: an old but consistent time is trusted.
        assert_eq!(
            clock_flag(
                datetime!(2026-03-01 12:00 UTC),
                received,
                Some(earlier_sync)
            ),
            None
        );
    }
}
