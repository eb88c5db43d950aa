//! The preschool queue's routes under `/v1/queue` (see `API.md`).
//!
//! Every route has the same shape, folded into [`handle`]: authenticate the caller, check the
//! role (a refusal is audited), run the work in one transaction on the database thread, and map
//! a [`QueueError`] to the API's failure.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use tereze_core::store::Role;
use tereze_protocol::{
    GroupCounts, GroupList, GroupRecord, LeaseRecord, LeaseReferral, LeaseRequest, NewGroup,
    OfferAnswer, OfferRecord, PositionAnswer, PositionQuery, PublishedList, QueueEntryList,
    QueuePlace, QueueSnapshot, ReplayResult, RunRequest, RunSummary, WorkstationId,
};
use uuid::Uuid;

use super::{AppState, caller};
use crate::db::Sql;
use crate::error::ApiFailure;
use crate::queue::{
    QueueError, QueueRefusal, entries as queue_entries, groups, leases, lookup, offers, roles,
    runs, snapshot as queue_snapshot, today,
};

/// Who called, as the work inside the transaction needs it.
struct Who {
    office: String,
    workstation: WorkstationId,
    operator: Uuid,
}

impl Who {
    /// Audits `action` on `entity` as this caller.
    fn audit(
        &self,
        sql: &mut dyn Sql,
        action: &str,
        entity: Option<Uuid>,
        reason: Option<&str>,
    ) -> Result<(), QueueError> {
        Ok(crate::audit::record(
            sql,
            Some(self.workstation),
            Some(self.operator),
            action,
            entity,
            reason,
        )?)
    }
}

/// Who may call a route, and what a caller who may not is told.
enum May {
    /// Any operator of the office.
    Anyone,
    /// Only roles `allowed` accepts; others get `refusal`, audited.
    Only(fn(Role) -> bool, QueueRefusal),
}

/// Authenticates the caller, checks the role (a refusal is audited as `queue-refused`), then
/// runs `work` in one transaction on the database thread.
async fn handle<T: Send + 'static>(
    state: &AppState,
    headers: &HeaderMap,
    may: May,
    work: impl FnOnce(&mut dyn Sql, &Who) -> Result<T, QueueError> + Send + 'static,
) -> Result<Json<T>, ApiFailure> {
    let caller = caller(state, headers).await?;
    let who = Who {
        office: caller.workstation.office_id,
        workstation: caller.workstation.id,
        operator: caller.operator.id,
    };
    if let May::Only(allowed, refusal) = may
        && !allowed(caller.operator.role)
    {
        state
            .db
            .run(move |sql| who.audit(sql, "queue-refused", None, Some(refusal.key())))
            .await?;
        return Err(refusal.failure());
    }
    Ok(Json(
        state
            .db
            .run(move |sql| sql.transaction(|tx| work(tx, &who)))
            .await?,
    ))
}

/// `GET /v1/queue/groups`: the office's groups with capacity, occupied, reserved and vacant.
pub async fn groups_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<GroupList>, ApiFailure> {
    handle(&state, &headers, May::Anyone, |sql, who| {
        Ok(groups::list(sql, &who.office)?)
    })
    .await
}

/// `POST /v1/queue/groups`: an administrator adds a group.
pub async fn group_add(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<NewGroup>,
) -> Result<Json<GroupRecord>, ApiFailure> {
    let may = May::Only(roles::may_manage_groups, QueueRefusal::AdminOnly);
    handle(&state, &headers, may, move |sql, who| {
        groups::add(sql, Some(&who.office), &body)
    })
    .await
}

/// `PUT /v1/queue/groups/{id}`: an administrator changes capacity or occupied places.
pub async fn group_counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<GroupCounts>,
) -> Result<Json<GroupRecord>, ApiFailure> {
    let may = May::Only(roles::may_manage_groups, QueueRefusal::AdminOnly);
    handle(&state, &headers, may, move |sql, who| {
        groups::set_counts(sql, Some(&who.office), &id, &body)
    })
    .await
}

/// `POST /v1/queue/runs`: the head's allocation run.
pub async fn run_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<RunRequest>,
) -> Result<Json<RunSummary>, ApiFailure> {
    let date = body.date.unwrap_or_else(today);
    let seed = body.seed.unwrap_or_else(runs::fresh_seed);
    let may = May::Only(roles::may_run, QueueRefusal::HeadOnly);
    handle(&state, &headers, may, move |sql, who| {
        runs::start(
            sql,
            &who.office,
            Some(who.operator),
            date,
            seed,
            runs::RunKind::Scheduled,
            None,
            &[],
        )
    })
    .await
}

/// `POST /v1/queue/runs/{id}/replay`: recomputes a run from its stored inputs.
pub async fn run_replay(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<ReplayResult>, ApiFailure> {
    let may = May::Only(roles::may_run, QueueRefusal::HeadOnly);
    handle(&state, &headers, may, move |sql, who| {
        runs::replay(sql, Some(&who.office), id)
    })
    .await
}

/// `GET /v1/queue/runs/{id}/published`: the run's public list (no IIN, no names).
pub async fn run_published(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<PublishedList>, ApiFailure> {
    handle(&state, &headers, May::Anyone, move |sql, who| {
        runs::published(sql, &who.office, id)
    })
    .await
}

/// `POST /v1/queue/offers/{id}/{answer}`: `accept`, `decline` or `enroll`.
pub async fn offer_answer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, answer)): Path<(Uuid, String)>,
) -> Result<Json<OfferRecord>, ApiFailure> {
    let (answer, may): (OfferAnswer, fn(Role) -> bool) = match answer.as_str() {
        "accept" => (OfferAnswer::Accept, |r| {
            roles::may_answer(r, OfferAnswer::Accept)
        }),
        "decline" => (OfferAnswer::Decline, |r| {
            roles::may_answer(r, OfferAnswer::Decline)
        }),
        "enroll" => (OfferAnswer::Enroll, |r| {
            roles::may_answer(r, OfferAnswer::Enroll)
        }),
        _ => return Err(ApiFailure::not_found()),
    };
    let may = May::Only(may, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, move |sql, who| {
        let offer = offers::answer(sql, &who.office, id, answer, today())?;
        who.audit(
            sql,
            "queue-offer-answer",
            Some(offer.request_id),
            Some(offer.state.as_str()),
        )?;
        Ok(offer)
    })
    .await
}

/// `POST /v1/queue/leases`: reserves vacant places for this workstation.
pub async fn lease_grant(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<LeaseRequest>,
) -> Result<Json<LeaseRecord>, ApiFailure> {
    let may = May::Only(roles::may_lease, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, move |sql, who| {
        leases::grant(
            sql,
            who.workstation.0,
            &who.office,
            &body,
            crate::clock::now(),
        )
    })
    .await
}

/// `GET /v1/queue/leases`: this workstation's leases that have not returned.
pub async fn lease_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<LeaseRecord>>, ApiFailure> {
    handle(&state, &headers, May::Anyone, |sql, who| {
        Ok(leases::of_workstation(sql, &who.office, who.workstation.0)?)
    })
    .await
}

/// `POST /v1/queue/leases/{id}/referrals`: a referral issued (maybe offline) against a lease.
pub async fn lease_refer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Json(body): Json<LeaseReferral>,
) -> Result<Json<OfferRecord>, ApiFailure> {
    let may = May::Only(roles::may_lease, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, move |sql, who| {
        leases::refer(sql, who.workstation.0, &who.office, id, &body)
    })
    .await
}

/// `POST /v1/queue/position`: a child's cohort, position and state by request number or IIN.
pub async fn position(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<PositionQuery>,
) -> Result<Json<PositionAnswer>, ApiFailure> {
    let may = May::Only(roles::may_look_up, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, move |sql, who| {
        lookup::within_limit(sql, who.operator, crate::clock::now())?;
        let by = if body.child_iin.is_some() {
            "iin"
        } else {
            "number"
        };
        who.audit(sql, "queue-lookup", None, Some(by))?;
        lookup::position(sql, &who.office, &body)
    })
    .await
}

/// `GET /v1/queue/entries`: the office's queue with clock flags, for the head.
pub async fn entries(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<QueueEntryList>, ApiFailure> {
    let may = May::Only(roles::may_run, QueueRefusal::HeadOnly);
    handle(&state, &headers, may, |sql, who| {
        lookup::list(sql, &who.office)
    })
    .await
}

/// `GET /v1/queue/snapshot`: what this workstation caches of its office's queue.
pub async fn snapshot(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<QueueSnapshot>, ApiFailure> {
    let may = May::Only(roles::may_look_up, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, |sql, who| {
        queue_snapshot::take(sql, &who.office, who.workstation.0)
    })
    .await
}

/// `POST /v1/queue/entries/{id}/withdraw`: the applicant withdraws the child from the queue.
pub async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<QueuePlace>, ApiFailure> {
    let may = May::Only(roles::may_withdraw, QueueRefusal::NotPermitted);
    handle(&state, &headers, may, move |sql, who| {
        let place = queue_entries::withdraw(sql, &who.office, id)?;
        who.audit(sql, "queue-withdrawn", Some(id), None)?;
        Ok(place)
    })
    .await
}
