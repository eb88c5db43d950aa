//! Offline leases: vacant places reserved for one workstation, which may issue referrals for
//! them while it has no link.
//!
//! A lease holds its places out of every run and every other lease until it is returned, so
//! two workstations can never hand out the same place: all lease and referral work runs one
//! transaction after another on the database thread, and each counts what the others
//! reserved. Referrals may be issued until `expires_at`; the server still accepts those pushed
//! late (issued before `expires_at`) until `returns_at`, when the expiry job returns the unused
//! places. The longest lease and the hold after expiry are settings ([`super::config`]).

use tereze_core::queue::{Offer, fits, takes_part};
use tereze_protocol::{LeaseRecord, LeaseReferral, LeaseRequest, LeasedGroup, OfferRecord};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use super::{QueueError, QueueRefusal, entries, groups, offers};
use crate::db::Sql;
use crate::error::ServerError;

/// Reserves vacant places of the named organisations of `office_id` for `workstation`.
pub fn grant(
    sql: &mut dyn Sql,
    workstation: Uuid,
    office_id: &str,
    request: &LeaseRequest,
    now: OffsetDateTime,
) -> Result<LeaseRecord, QueueError> {
    let config = super::config()?;
    if !(1..=config.lease_max_days).contains(&request.days)
        || request.organisations.is_empty()
        || request.organisations.iter().any(|w| w.places == 0)
    {
        return Err(QueueRefusal::BadLease.into());
    }
    let all = groups::list(sql, office_id)?.groups;
    let mut places = Vec::new();
    for wish in &request.organisations {
        let mut wanted = wish.places;
        let of_org: Vec<_> = all
            .iter()
            .filter(|g| g.organisation_id == wish.organisation_id)
            .collect();
        if of_org.is_empty() {
            return Err(QueueRefusal::UnknownOrganisation.into());
        }
        for g in of_org {
            if wanted == 0 {
                break;
            }
            let already: u32 = places
                .iter()
                .filter(|p: &&LeasedGroup| p.group_id == g.group_id)
                .map(|p| p.places)
                .sum();
            let take = wanted.min(g.vacant.saturating_sub(already));
            if take > 0 {
                places.push(LeasedGroup {
                    group_id: g.group_id.clone(),
                    organisation_id: g.organisation_id.clone(),
                    places: take,
                    used: 0,
                });
                wanted -= take;
            }
        }
    }
    if places.is_empty() {
        return Err(QueueRefusal::NoVacantPlaces.into());
    }
    let lease_id = Uuid::now_v7();
    let expires_at = now + Duration::days(i64::from(request.days));
    let returns_at = expires_at + config.lease_return_hold;
    sql.execute(
        "INSERT INTO queue_leases (id, office_id, workstation_id, expires_at, returns_at,
                                   created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
        &[
            lease_id.to_string().into(),
            office_id.into(),
            workstation.to_string().into(),
            crate::clock::text(expires_at).into(),
            crate::clock::text(returns_at).into(),
            crate::clock::text(now).into(),
        ],
    )?;
    // Two wishes may name the same organisation: merge per group.
    let mut merged: Vec<LeasedGroup> = Vec::new();
    for p in places {
        match merged.iter_mut().find(|m| m.group_id == p.group_id) {
            Some(m) => m.places += p.places,
            None => merged.push(p),
        }
    }
    for p in &merged {
        sql.execute(
            "INSERT INTO queue_lease_places (lease_id, group_id, places) VALUES ($1, $2, $3)",
            &[
                lease_id.to_string().into(),
                p.group_id.as_str().into(),
                i64::from(p.places).into(),
            ],
        )?;
    }
    load(sql, office_id, lease_id)?.ok_or(QueueError::NotFound)
}

/// One lease of `office_id` with its places.
pub fn load(
    sql: &mut dyn Sql,
    office_id: &str,
    lease_id: Uuid,
) -> Result<Option<LeaseRecord>, ServerError> {
    let Some(row) = sql.query_opt(
        "SELECT workstation_id, expires_at, returns_at FROM queue_leases
         WHERE id = $1 AND office_id = $2",
        &[lease_id.to_string().into(), office_id.into()],
    )?
    else {
        return Ok(None);
    };
    let workstation = Uuid::parse_str(&row.text(0)?).unwrap_or_default();
    let rows = sql.query(
        "SELECT p.group_id, g.organisation_id, p.places, p.used
         FROM queue_lease_places p JOIN queue_groups g ON g.group_id = p.group_id
         WHERE p.lease_id = $1 ORDER BY p.group_id",
        &[lease_id.to_string().into()],
    )?;
    let mut places = Vec::with_capacity(rows.len());
    for r in rows {
        places.push(LeasedGroup {
            group_id: r.text(0)?,
            organisation_id: r.text(1)?,
            places: u32::try_from(r.int(2)?).unwrap_or(0),
            used: u32::try_from(r.int(3)?).unwrap_or(0),
        });
    }
    Ok(Some(LeaseRecord {
        lease_id,
        workstation,
        expires_at: crate::clock::parse(&row.text(1)?),
        returns_at: crate::clock::parse(&row.text(2)?),
        places,
    }))
}

/// Accepts a referral `workstation` issued (maybe offline) against its lease: the lease is its
/// own, the referral was issued before the lease expired and its places have not returned, an
/// unused place of that group is left, and the child was waiting and fits the group. The same
/// referral arriving again gives the same answer.
pub fn refer(
    sql: &mut dyn Sql,
    workstation: Uuid,
    office_id: &str,
    lease_id: Uuid,
    referral: &LeaseReferral,
) -> Result<OfferRecord, QueueError> {
    let lease = load(sql, office_id, lease_id)?.ok_or(QueueError::NotFound)?;
    if lease.workstation != workstation {
        return Err(QueueRefusal::LeaseNotYours.into());
    }
    let earlier = offers::of_request(sql, referral.request_id)?
        .into_iter()
        .find(|o| o.run_id.is_none() && o.group_id == referral.group_id && o.state == "referred");
    let returned = sql
        .query_opt(
            "SELECT returned FROM queue_leases WHERE id = $1",
            &[lease_id.to_string().into()],
        )?
        .map_or(Ok(1), |r| r.int(0))?
        != 0;
    if let Some(o) = earlier
        && lease_offer(sql, o.offer_id)? == Some(lease_id)
    {
        return Ok(o);
    }
    if returned || referral.issued_at > lease.expires_at {
        return Err(QueueRefusal::LeaseExpired.into());
    }
    let place = lease
        .places
        .iter()
        .find(|p| p.group_id == referral.group_id)
        .filter(|p| p.used < p.places)
        .ok_or(QueueRefusal::LeaseNoPlace)?;
    let entry = entries::load(sql, referral.request_id)?
        .filter(|e| e.office_id == office_id)
        .ok_or(QueueRefusal::NotWaiting)?;
    let issued_on = super::local_date(referral.issued_at);
    if !takes_part(entry.state, entry.stop_listed_until, issued_on) {
        return Err(QueueRefusal::NotWaiting.into());
    }
    let group = groups::get(sql, &place.group_id)?.ok_or(QueueError::NotFound)?;
    let rules = super::rules()?;
    if !fits(
        rules,
        &entry.applicant,
        &groups::places(&group, 1),
        issued_on,
    ) {
        return Err(QueueRefusal::DoesNotFit.into());
    }
    sql.execute(
        "UPDATE queue_lease_places SET used = used + 1 WHERE lease_id = $1 AND group_id = $2",
        &[lease_id.to_string().into(), place.group_id.as_str().into()],
    )?;
    let until = rules
        .terms
        .referral_valid_until(issued_on, super::calendar()?);
    let offer = Offer {
        applicant: entry.applicant.id,
        class: entry.applicant.class,
        group_id: group.group_id.clone(),
        organisation_id: group.organisation_id.clone(),
        respond_by: issued_on,
    };
    let record = offers::insert_lease_referral(sql, office_id, lease_id, &offer, until)?;
    entries::set_state(
        sql,
        entry.applicant.id,
        tereze_core::lifecycle::QueueState::Referred,
        None,
    )?;
    Ok(record)
}

fn lease_offer(sql: &mut dyn Sql, offer_id: Uuid) -> Result<Option<Uuid>, ServerError> {
    Ok(sql
        .query_opt(
            "SELECT lease_id FROM queue_offers WHERE id = $1",
            &[offer_id.to_string().into()],
        )?
        .and_then(|r| r.opt_text(0).ok().flatten())
        .and_then(|t| Uuid::parse_str(&t).ok()))
}

/// The leases a workstation holds that have not returned.
pub fn of_workstation(
    sql: &mut dyn Sql,
    office_id: &str,
    workstation: Uuid,
) -> Result<Vec<LeaseRecord>, ServerError> {
    let ids = sql.query(
        "SELECT id FROM queue_leases WHERE office_id = $1 AND workstation_id = $2
         AND returned = 0 ORDER BY id",
        &[office_id.into(), workstation.to_string().into()],
    )?;
    let mut out = Vec::new();
    for row in ids {
        if let Ok(id) = Uuid::parse_str(&row.text(0)?)
            && let Some(l) = load(sql, office_id, id)?
        {
            out.push(l);
        }
    }
    Ok(out)
}
