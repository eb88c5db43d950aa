//! Replacing the cached queue, and the queue steps taken at the counter.

use std::collections::HashMap;

use rusqlite::{Transaction, params};
use serde_json::json;
use tereze_protocol::{
    LeaseReferral, OfferAnswer, Operation, QueueCacheEntry, QueueSnapshot, QueueStep, Seq,
};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::QueueStepError;
use super::read;
use crate::lifecycle::QueueState;
use crate::queue::{
    Applicant, CategoryClass, GroupPlaces, LeasedPlaces, OfflineReferralRefusal, QueueRules,
    RatioServed, may_refer_offline_in_ratio, takes_part,
};
use crate::reference::Language;
use crate::store::{AuditAction, EntityKind, Store, StoreError, audit, clock, outbox};
use crate::validate::date::to_stored;

fn class_of(s: &str) -> Option<CategoryClass> {
    [
        CategoryClass::Extraordinary,
        CategoryClass::FirstPriority,
        CategoryClass::General,
    ]
    .into_iter()
    .find(|c| c.as_str() == s)
}

/// A cached entry as the queue rules see it; `None` for a row the rules cannot read.
fn applicant(e: &QueueCacheEntry) -> Option<Applicant> {
    Some(Applicant {
        id: e.request_id,
        birth_date: e.birth_date,
        applied_at: e.applied_at,
        class: class_of(&e.class)?,
        language: Language::parse(&e.language)?,
        correctional: e.correctional,
        pmpk_decision: e.pmpk_decision,
        wishes: e.wishes.clone(),
    })
}

fn insert_snapshot(tx: &Transaction<'_>, s: &QueueSnapshot, at: &str) -> Result<(), StoreError> {
    for table in [
        "queue_cache_lease_places",
        "queue_cache_leases",
        "queue_cache_entries",
        "queue_cache_offers",
        "queue_cache_groups",
        "queue_cache_runs",
        "queue_cache_state",
    ] {
        // Table names are the constants above, never data.
        tx.execute(&format!("DELETE FROM {table}"), [])?;
    }
    tx.prepare_cached(
        "INSERT INTO queue_cache_state (singleton, taken_at, server_today, rules_version,
                                        refreshed_at)
         VALUES (1, ?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        clock::format(s.taken_at)?,
        to_stored(s.today),
        s.rules_version,
        at
    ])?;
    let mut entry = tx.prepare_cached(
        "INSERT INTO queue_cache_entries (request_id, request_number, cohort, position, class,
             state, applied_at, birth_date, language, correctional, pmpk_decision, wishes,
             initials, stop_listed_until)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for e in &s.entries {
        entry.execute(params![
            e.request_id.to_string(),
            e.request_number,
            e.cohort,
            e.position,
            e.class,
            e.state,
            clock::format(e.applied_at)?,
            to_stored(e.birth_date),
            e.language,
            e.correctional,
            e.pmpk_decision,
            serde_json::to_string(&e.wishes)?,
            e.initials,
            e.stop_listed_until.map(to_stored),
        ])?;
    }
    for (seq, o) in s.offers.iter().enumerate() {
        insert_offer(tx, o, i64::try_from(seq).unwrap_or(i64::MAX))?;
    }
    let mut group = tx.prepare_cached(
        "INSERT INTO queue_cache_groups (group_id, organisation_id, organisation_kind, office_id,
             age_min, age_max, language, correctional, capacity, occupied, reserved, vacant)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for g in &s.groups {
        group.execute(params![
            g.group_id,
            g.organisation_id,
            g.organisation_kind,
            g.office_id,
            g.age_min,
            g.age_max,
            g.language,
            g.correctional,
            g.capacity,
            g.occupied,
            g.reserved,
            g.vacant
        ])?;
    }
    for l in &s.leases {
        tx.prepare_cached(
            "INSERT INTO queue_cache_leases (lease_id, expires_at, returns_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![
            l.lease_id.to_string(),
            clock::format(l.expires_at)?,
            clock::format(l.returns_at)?
        ])?;
        for p in &l.places {
            tx.prepare_cached(
                "INSERT INTO queue_cache_lease_places (lease_id, group_id, organisation_id, places,
                                                       used)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                l.lease_id.to_string(),
                p.group_id,
                p.organisation_id,
                p.places,
                p.used.min(p.places)
            ])?;
        }
    }
    for (seq, r) in s.runs.iter().enumerate() {
        tx.prepare_cached(
            "INSERT INTO queue_cache_runs (run_id, kind, run_date, offers, seq)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            r.run_id.to_string(),
            r.kind,
            to_stored(r.date),
            r.offers,
            i64::try_from(seq).unwrap_or(i64::MAX)
        ])?;
    }
    Ok(())
}

fn insert_offer(
    tx: &Transaction<'_>,
    o: &tereze_protocol::OfferRecord,
    seq: i64,
) -> Result<(), StoreError> {
    tx.prepare_cached(
        "INSERT INTO queue_cache_offers (offer_id, run_id, request_id, class, group_id,
             organisation_id, state, respond_by, referral_until, seq)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        o.offer_id.to_string(),
        o.run_id.map(|r| r.to_string()),
        o.request_id.to_string(),
        o.class,
        o.group_id,
        o.organisation_id,
        o.state,
        to_stored(o.respond_by),
        o.referral_until.map(to_stored),
        seq
    ])?;
    Ok(())
}

fn set_entry_state(
    tx: &Transaction<'_>,
    request: Uuid,
    state: QueueState,
) -> Result<(), StoreError> {
    tx.prepare_cached("UPDATE queue_cache_entries SET state = ?1 WHERE request_id = ?2")?
        .execute(params![state.as_str(), request.to_string()])?;
    Ok(())
}

/// Appends the step to the outbox and the audit log inside `tx`.
fn record_step(
    tx: &Transaction<'_>,
    store_ws: tereze_protocol::WorkstationId,
    step: QueueStep,
    request: Uuid,
    operator: Uuid,
    (at, at_text): (OffsetDateTime, &str),
    detail: serde_json::Value,
) -> Result<Seq, StoreError> {
    let operation = Operation::QueueStep {
        step_id: Uuid::now_v7(),
        version: 1,
        step,
        by: operator,
        at,
    };
    let seq = outbox::push(tx, store_ws, &operation, at_text)?;
    audit_step(tx, request, operator, at_text, &detail)?;
    Ok(seq)
}

/// The audit row of a queue step taken at the counter.
fn audit_step(
    tx: &Transaction<'_>,
    request: Uuid,
    operator: Uuid,
    at_text: &str,
    detail: &serde_json::Value,
) -> Result<(), StoreError> {
    audit::append(
        tx,
        &audit::Entry {
            at: at_text,
            operator: Some(operator),
            action: AuditAction::Decide,
            kind: EntityKind::Request,
            entity: Some(request),
            detail,
        },
    )?;
    Ok(())
}

impl Store {
    /// Replaces the cached queue with a snapshot the server just sent.
    pub fn replace_queue_cache(&mut self, snapshot: &QueueSnapshot) -> Result<(), StoreError> {
        let (_, at) = clock::now()?;
        self.write(|tx| insert_snapshot(tx, snapshot, &at))
    }

    /// Records the applicant's written answer to a cached offer (`accept`: consent, the referral
    /// is issued; `decline`: refusal, back to waiting with the original date; `enroll`: the
    /// kindergarten took the child) as a queue step for the server, with the audit row, and
    /// shows it in the cache at once. `today` is the local date: consent after the choice
    /// window is refused here as the server would.
    pub fn answer_offer(
        &mut self,
        offer_id: Uuid,
        answer: OfferAnswer,
        operator: Uuid,
        today: Date,
    ) -> Result<Seq, QueueStepError> {
        self.apply_answer(offer_id, answer, operator, Some(today))?
            .ok_or(QueueStepError::OfferNotOpen)
    }

    /// Shows in the cache an answer the server has just recorded through a direct call, with
    /// the audit row. Nothing goes to the outbox: the server has the answer already, and the
    /// same answer pushed again would be refused there as no longer open.
    pub fn note_answer_recorded(
        &mut self,
        offer_id: Uuid,
        answer: OfferAnswer,
        operator: Uuid,
    ) -> Result<(), QueueStepError> {
        self.apply_answer(offer_id, answer, operator, None)
            .map(|_| ())
    }

    /// The answer in the cache and the audit log; with `queued` (the local date) it is checked
    /// against the cached offer and queued for the server as a step, whose sequence is returned.
    fn apply_answer(
        &mut self,
        offer_id: Uuid,
        answer: OfferAnswer,
        operator: Uuid,
        queued: Option<Date>,
    ) -> Result<Option<Seq>, QueueStepError> {
        let offers = read::offers(&self.conn)?;
        let offer = offers
            .into_iter()
            .find(|o| o.offer_id == offer_id)
            .ok_or(QueueStepError::UnknownOffer(offer_id))?;
        if let Some(today) = queued {
            let open = match answer {
                OfferAnswer::Accept => offer.state == "offered" && today <= offer.respond_by,
                OfferAnswer::Decline => offer.state == "offered",
                OfferAnswer::Enroll => offer.state == "referred",
            };
            if !open {
                return Err(QueueStepError::OfferNotOpen);
            }
        }
        let ws = self.workstation;
        let (at, at_text) = clock::now()?;
        let name = serde_json::to_value(answer)?;
        Ok(self.write(|tx| {
            let (offer_state, entry_state) = match answer {
                OfferAnswer::Accept => ("referred", QueueState::Referred),
                OfferAnswer::Decline => ("declined", QueueState::Waiting),
                OfferAnswer::Enroll => ("enrolled", QueueState::Enrolled),
            };
            tx.prepare_cached("UPDATE queue_cache_offers SET state = ?1 WHERE offer_id = ?2")?
                .execute(params![offer_state, offer_id.to_string()])?;
            set_entry_state(tx, offer.request_id, entry_state)?;
            let step = QueueStep::Answer { offer_id, answer };
            let detail = json!({
                "queue-step": "answer",
                "answer": name,
                "offer": offer_id,
                "online": queued.is_none(),
            });
            match queued {
                Some(_) => record_step(
                    tx,
                    ws,
                    step,
                    offer.request_id,
                    operator,
                    (at, &at_text),
                    detail,
                )
                .map(Some),
                None => {
                    audit_step(tx, offer.request_id, operator, &at_text, &detail)?;
                    Ok(None)
                }
            }
        })?)
    }

    /// Issues a referral offline against a place of `group_id` held by this workstation's
    /// cached lease `lease_id`, for the child of `request_id`, if
    /// [`may_refer_offline_in_ratio`] allows it on the cached queue (`today` is the local
    /// date). The referral goes to the server as a queue step; the cache counts the place as
    /// used and the child as referred, so the next check sees both.
    #[allow(clippy::too_many_arguments)]
    pub fn refer_offline(
        &mut self,
        rules: &QueueRules,
        lease_id: Uuid,
        group_id: &str,
        request_id: Uuid,
        operator: Uuid,
        now: OffsetDateTime,
        today: Date,
    ) -> Result<LeaseReferral, QueueStepError> {
        let cache = self.queue_cache()?.ok_or(QueueStepError::NoCache)?;
        let snapshot = cache.snapshot;
        let lease = snapshot
            .leases
            .iter()
            .find(|l| l.lease_id == lease_id)
            .ok_or(QueueStepError::UnknownLease)?;
        let place = lease
            .places
            .iter()
            .find(|p| p.group_id == group_id)
            .ok_or(QueueStepError::UnknownLease)?;
        let group = snapshot
            .groups
            .iter()
            .find(|g| g.group_id == group_id)
            .ok_or(QueueStepError::UnknownLease)?;
        let language = Language::parse(&group.language).ok_or(StoreError::Invalid {
            what: "cached group language",
        })?;
        let leased = LeasedPlaces {
            lease_id,
            expires_at: lease.expires_at,
            group: GroupPlaces {
                group_id: group.group_id.clone(),
                organisation_id: group.organisation_id.clone(),
                age_min: group.age_min,
                age_max: group.age_max,
                language,
                correctional: group.correctional,
                vacant: place.places.saturating_sub(place.used),
            },
        };
        let cohorts: HashMap<Uuid, i32> = snapshot
            .entries
            .iter()
            .map(|e| (e.request_id, e.cohort))
            .collect();
        let mut served: HashMap<i32, RatioServed> = HashMap::new();
        for o in snapshot
            .offers
            .iter()
            .filter(|o| o.state == "offered" || o.state == "referred")
        {
            if let (Some(cohort), Some(class)) = (cohorts.get(&o.request_id), class_of(&o.class)) {
                served.entry(*cohort).or_default().count(class);
            }
        }
        let waiting: Vec<Applicant> = snapshot
            .entries
            .iter()
            .filter(|e| {
                QueueState::parse(&e.state)
                    .is_some_and(|s| takes_part(s, e.stop_listed_until, today))
            })
            .filter_map(applicant)
            .collect();
        let entry = snapshot
            .entries
            .iter()
            .find(|e| e.request_id == request_id)
            .ok_or(QueueStepError::Refused(OfflineReferralRefusal::NotWaiting))?;
        let child = applicant(entry).ok_or(StoreError::Invalid {
            what: "cached queue entry",
        })?;
        may_refer_offline_in_ratio(rules, &leased, now, today, &child, &waiting, |cohort| {
            served.get(&cohort).copied().unwrap_or_default()
        })
        .map_err(QueueStepError::Refused)?;

        let referral = LeaseReferral {
            request_id,
            group_id: group_id.to_owned(),
            issued_at: now,
        };
        let ws = self.workstation;
        let (_, at_text) = clock::now()?;
        let offer = tereze_protocol::OfferRecord {
            offer_id: Uuid::now_v7(),
            run_id: None,
            request_id,
            class: entry.class.clone(),
            group_id: group_id.to_owned(),
            organisation_id: group.organisation_id.clone(),
            state: "referred".into(),
            respond_by: today,
            referral_until: None,
        };
        self.write(|tx| {
            tx.prepare_cached(
                "UPDATE queue_cache_lease_places SET used = used + 1
                 WHERE lease_id = ?1 AND group_id = ?2",
            )?
            .execute(params![lease_id.to_string(), group_id])?;
            set_entry_state(tx, request_id, QueueState::Referred)?;
            let seq: i64 = tx
                .prepare_cached("SELECT coalesce(max(seq), -1) + 1 FROM queue_cache_offers")?
                .query_row([], |r| r.get(0))?;
            insert_offer(tx, &offer, seq)?;
            record_step(
                tx,
                ws,
                QueueStep::LeaseReferral {
                    lease_id,
                    referral: referral.clone(),
                },
                request_id,
                operator,
                (now, &at_text),
                json!({ "queue-step": "lease-referral", "lease": lease_id, "group": group_id }),
            )?;
            Ok::<_, StoreError>(())
        })?;
        Ok(referral)
    }
}
