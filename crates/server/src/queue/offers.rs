//! Offers and referrals, and the expiry job that keeps their periods.
//!
//! offered → (written consent) referred → enrolled. A written refusal (declined) or an offer
//! left unanswered past its choice window (expired) puts the child back in the queue with the
//! original application time; a referral not used within its validity is annulled, the child
//! sits out the stop-list and then returns, again with the original time. Every freed place is
//! offered on at once by a continuous run.

use std::collections::BTreeMap;

use tereze_core::lifecycle::QueueState;
use tereze_core::queue::Offer;
use tereze_protocol::{ExpirySummary, OfferAnswer, OfferRecord};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::{QueueError, QueueRefusal, entries, groups, runs};
use crate::db::{Row, Sql};
use crate::error::ServerError;

const COLUMNS: &str = "id, run_id, lease_id, request_id, group_id, organisation_id, class, state,
     respond_by, referral_until, office_id";

fn uuid(row: &Row, i: usize) -> Result<Uuid, ServerError> {
    Uuid::parse_str(&row.text(i)?)
        .map_err(|_| ServerError::Db(crate::db::DbError::Shape { column: i }))
}

fn day(row: &Row, i: usize) -> Result<Date, ServerError> {
    entries::parse_day(&row.text(i)?)
        .ok_or(ServerError::Db(crate::db::DbError::Shape { column: i }))
}

/// An offer with the office that made it.
struct Stored {
    record: OfferRecord,
    office_id: String,
}

fn read(row: &Row) -> Result<Stored, ServerError> {
    Ok(Stored {
        record: OfferRecord {
            offer_id: uuid(row, 0)?,
            run_id: row.opt_text(1)?.and_then(|t| Uuid::parse_str(&t).ok()),
            request_id: uuid(row, 3)?,
            class: row.text(6)?,
            group_id: row.text(4)?,
            organisation_id: row.text(5)?,
            state: row.text(7)?,
            respond_by: day(row, 8)?,
            referral_until: row.opt_text(9)?.as_deref().and_then(entries::parse_day),
        },
        office_id: row.text(10)?,
    })
}

fn insert(
    sql: &mut dyn Sql,
    office_id: &str,
    source: (Option<Uuid>, Option<Uuid>),
    offer: &Offer,
    state: &str,
    referral_until: Option<Date>,
) -> Result<Uuid, ServerError> {
    let id = Uuid::now_v7();
    let (run_id, lease_id) = source;
    sql.execute(
        "INSERT INTO queue_offers (id, run_id, lease_id, request_id, office_id, group_id,
                                   organisation_id, class, state, respond_by, referral_until,
                                   seq, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 (SELECT coalesce(max(seq), 0) + 1 FROM queue_offers), $12)",
        &[
            id.to_string().into(),
            run_id.map(|r| r.to_string()).into(),
            lease_id.map(|l| l.to_string()).into(),
            offer.applicant.to_string().into(),
            office_id.into(),
            offer.group_id.as_str().into(),
            offer.organisation_id.as_str().into(),
            offer.class.as_str().into(),
            state.into(),
            entries::day_text(offer.respond_by).into(),
            referral_until.map(entries::day_text).into(),
            crate::clock::now_text().into(),
        ],
    )?;
    Ok(id)
}

/// Records an offer a run made.
pub fn insert_run_offer(
    sql: &mut dyn Sql,
    office_id: &str,
    run_id: Uuid,
    offer: &Offer,
) -> Result<Uuid, ServerError> {
    insert(sql, office_id, (Some(run_id), None), offer, "offered", None)
}

/// Records a referral issued against a lease (consent was given at the counter, so it starts
/// referred).
pub fn insert_lease_referral(
    sql: &mut dyn Sql,
    office_id: &str,
    lease_id: Uuid,
    offer: &Offer,
    referral_until: Date,
) -> Result<OfferRecord, QueueError> {
    let id = insert(
        sql,
        office_id,
        (None, Some(lease_id)),
        offer,
        "referred",
        Some(referral_until),
    )?;
    load(sql, office_id, id)?.ok_or(QueueError::NotFound)
}

/// The offers a run made, in order.
pub fn by_run(sql: &mut dyn Sql, run_id: Uuid) -> Result<Vec<OfferRecord>, ServerError> {
    let rows = sql.query(
        &format!("SELECT {COLUMNS} FROM queue_offers WHERE run_id = $1 ORDER BY seq"),
        &[run_id.to_string().into()],
    )?;
    rows.iter().map(|r| read(r).map(|s| s.record)).collect()
}

/// Every offer a child received, oldest first.
pub fn of_request(sql: &mut dyn Sql, request_id: Uuid) -> Result<Vec<OfferRecord>, ServerError> {
    let rows = sql.query(
        &format!("SELECT {COLUMNS} FROM queue_offers WHERE request_id = $1 ORDER BY seq"),
        &[request_id.to_string().into()],
    )?;
    rows.iter().map(|r| read(r).map(|s| s.record)).collect()
}

/// The open offers and valid referrals of an office, oldest first.
pub fn open_of_office(sql: &mut dyn Sql, office_id: &str) -> Result<Vec<OfferRecord>, ServerError> {
    let rows = sql.query(
        &format!(
            "SELECT {COLUMNS} FROM queue_offers
             WHERE office_id = $1 AND state IN ('offered', 'referred') ORDER BY seq"
        ),
        &[office_id.into()],
    )?;
    rows.iter().map(|r| read(r).map(|s| s.record)).collect()
}

/// One offer of `office_id`.
pub fn load(
    sql: &mut dyn Sql,
    office_id: &str,
    offer_id: Uuid,
) -> Result<Option<OfferRecord>, ServerError> {
    let row = sql.query_opt(
        &format!("SELECT {COLUMNS} FROM queue_offers WHERE id = $1 AND office_id = $2"),
        &[offer_id.to_string().into(), office_id.into()],
    )?;
    Ok(row.as_ref().map(read).transpose()?.map(|s| s.record))
}

fn set_offer(
    sql: &mut dyn Sql,
    offer_id: Uuid,
    state: &str,
    referral_until: Option<Date>,
) -> Result<(), ServerError> {
    sql.execute(
        "UPDATE queue_offers SET state = $1, referral_until = coalesce($2, referral_until),
                                 updated_at = $3
         WHERE id = $4",
        &[
            state.into(),
            referral_until.map(entries::day_text).into(),
            crate::clock::now_text().into(),
            offer_id.to_string().into(),
        ],
    )?;
    Ok(())
}

/// The applicant's answer to an offer on `today`, or the enrolment.
pub fn answer(
    sql: &mut dyn Sql,
    office_id: &str,
    offer_id: Uuid,
    answer: OfferAnswer,
    today: Date,
) -> Result<OfferRecord, QueueError> {
    let offer = load(sql, office_id, offer_id)?.ok_or(QueueError::NotFound)?;
    let terms = super::rules()?.terms;
    match answer {
        OfferAnswer::Accept => {
            if offer.state != "offered" || today > offer.respond_by {
                return Err(QueueRefusal::OfferNotOpen.into());
            }
            let until = terms.referral_valid_until(today, super::calendar()?);
            set_offer(sql, offer_id, "referred", Some(until))?;
            entries::set_state(sql, offer.request_id, QueueState::Referred, None)?;
        }
        OfferAnswer::Decline => {
            if offer.state != "offered" {
                return Err(QueueRefusal::OfferNotOpen.into());
            }
            set_offer(sql, offer_id, "declined", None)?;
            entries::set_state(sql, offer.request_id, QueueState::Waiting, None)?;
            runs::continue_with(
                sql,
                office_id,
                today,
                std::slice::from_ref(&offer.group_id),
                &[offer.request_id],
            )?;
        }
        OfferAnswer::Enroll => {
            let valid = offer.referral_until.is_some_and(|u| today <= u);
            if offer.state != "referred" || !valid {
                return Err(QueueRefusal::OfferNotOpen.into());
            }
            set_offer(sql, offer_id, "enrolled", None)?;
            entries::set_state(sql, offer.request_id, QueueState::Enrolled, None)?;
            groups::occupy(sql, &offer.group_id)?;
        }
    }
    load(sql, office_id, offer_id)?.ok_or(QueueError::NotFound)
}

/// The expiry job for `today` (and `now`, for leases): unanswered offers expire, unused
/// referrals are annulled with the stop-list, finished stop-lists return to waiting, leases past
/// their return time give their unused places back; then every freed place is offered on.
pub fn expire(
    sql: &mut dyn Sql,
    today: Date,
    now: OffsetDateTime,
) -> Result<ExpirySummary, QueueError> {
    let terms = super::rules()?.terms;
    let mut summary = ExpirySummary::default();
    let mut freed: BTreeMap<String, (Vec<String>, Vec<Uuid>)> = BTreeMap::new();
    let today_text = entries::day_text(today);

    let rows = sql.query(
        &format!(
            "SELECT {COLUMNS} FROM queue_offers WHERE state = 'offered' AND respond_by < $1
             ORDER BY seq"
        ),
        &[today_text.as_str().into()],
    )?;
    for row in &rows {
        let s = read(row)?;
        set_offer(sql, s.record.offer_id, "expired", None)?;
        entries::set_state(sql, s.record.request_id, QueueState::Waiting, None)?;
        let slot = freed.entry(s.office_id).or_default();
        slot.0.push(s.record.group_id);
        slot.1.push(s.record.request_id);
        summary.offers_expired += 1;
    }

    let rows = sql.query(
        &format!(
            "SELECT {COLUMNS} FROM queue_offers WHERE state = 'referred' AND referral_until < $1
             ORDER BY seq"
        ),
        &[today_text.as_str().into()],
    )?;
    let stop_until = terms.stop_list_until(today);
    for row in &rows {
        let s = read(row)?;
        set_offer(sql, s.record.offer_id, "annulled", None)?;
        entries::set_state(
            sql,
            s.record.request_id,
            QueueState::StopListed,
            Some(stop_until),
        )?;
        let slot = freed.entry(s.office_id).or_default();
        slot.0.push(s.record.group_id);
        slot.1.push(s.record.request_id);
        summary.referrals_annulled += 1;
    }

    let rows = sql.query(
        "SELECT request_id FROM queue_entries
         WHERE state = 'stop-listed' AND stop_listed_until < $1",
        &[today_text.as_str().into()],
    )?;
    for row in &rows {
        let id = uuid(row, 0)?;
        entries::set_state(sql, id, QueueState::Waiting, None)?;
        summary.stop_lists_ended += 1;
    }

    let rows = sql.query(
        "SELECT l.id, l.office_id, p.group_id, p.places - p.used
         FROM queue_leases l JOIN queue_lease_places p ON p.lease_id = l.id
         WHERE l.returned = 0 AND l.returns_at < $1 ORDER BY l.id, p.group_id",
        &[crate::clock::text(now).into()],
    )?;
    let mut returned = std::collections::BTreeSet::new();
    for row in &rows {
        returned.insert(row.text(0)?);
        if row.int(3)? > 0 {
            freed.entry(row.text(1)?).or_default().0.push(row.text(2)?);
        }
    }
    for id in &returned {
        sql.execute(
            "UPDATE queue_leases SET returned = 1 WHERE id = $1",
            &[id.as_str().into()],
        )?;
    }
    summary.leases_returned = u32::try_from(returned.len()).unwrap_or(u32::MAX);

    for (office_id, (mut groups, exclude)) in freed {
        groups.sort();
        groups.dedup();
        summary.offers_made += runs::continue_with(sql, &office_id, today, &groups, &exclude)?;
    }
    Ok(summary)
}
