//! The preschool queue's routes under `/v1/queue` (see `API.md`).

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use tereze_core::store::Role;
use tereze_protocol::{
    GroupCounts, GroupList, GroupRecord, LeaseRecord, LeaseReferral, LeaseRequest, NewGroup,
    OfferAnswer, OfferRecord, PositionAnswer, PositionQuery, PublishedList, QueueEntryList,
    QueuePlace, QueueSnapshot, ReplayResult, RunRequest, RunSummary,
};
use uuid::Uuid;

use super::{AppState, caller};
use crate::auth::Caller;
use crate::error::ApiFailure;
use crate::queue::{
    QueueError, QueueRefusal, entries as queue_entries, groups, leases, lookup, offers, roles,
    runs, snapshot as queue_snapshot, today,
};

/// Authenticates the caller and checks the role; a refusal is audited.
async fn allowed(
    state: &AppState,
    headers: &HeaderMap,
    may: impl Fn(Role) -> bool,
    refusal: QueueRefusal,
) -> Result<Caller, ApiFailure> {
    let caller = caller(state, headers).await?;
    if may(caller.operator.role) {
        return Ok(caller);
    }
    let (ws, op) = (caller.workstation.id, caller.operator.id);
    state
        .db
        .run(move |sql| {
            crate::audit::record(
                sql,
                Some(ws),
                Some(op),
                "queue-refused",
                None,
                Some(refusal.key()),
            )
        })
        .await?;
    Err(refusal.failure())
}

/// Runs `f` in one transaction on the database thread.
async fn tx<T: Send + 'static>(
    state: &AppState,
    f: impl FnOnce(&mut dyn crate::db::Sql) -> Result<T, QueueError> + Send + 'static,
) -> Result<T, ApiFailure> {
    Ok(state.db.run(move |sql| sql.transaction(f)).await?)
}

/// `GET /v1/queue/groups`: the office's groups with capacity, occupied, reserved and vacant.
pub async fn groups_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<GroupList>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| Ok(groups::list(sql, &office)?)).await?,
    ))
}

/// `POST /v1/queue/groups`: an administrator adds a group.
pub async fn group_add(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<NewGroup>,
) -> Result<Json<GroupRecord>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_manage_groups,
        QueueRefusal::AdminOnly,
    )
    .await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| groups::add(sql, Some(&office), &body)).await?,
    ))
}

/// `PUT /v1/queue/groups/{id}`: an administrator changes capacity or occupied places.
pub async fn group_counts(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Json(body): Json<GroupCounts>,
) -> Result<Json<GroupRecord>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_manage_groups,
        QueueRefusal::AdminOnly,
    )
    .await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| {
            groups::set_counts(sql, Some(&office), &id, &body)
        })
        .await?,
    ))
}

/// `POST /v1/queue/runs`: the head's allocation run.
pub async fn run_start(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<RunRequest>,
) -> Result<Json<RunSummary>, ApiFailure> {
    let caller = allowed(&state, &headers, roles::may_run, QueueRefusal::HeadOnly).await?;
    let office = caller.workstation.office_id;
    let head = caller.operator.id;
    let date = body.date.unwrap_or_else(today);
    let seed = body.seed.unwrap_or_else(runs::fresh_seed);
    Ok(Json(
        tx(&state, move |sql| {
            runs::start(
                sql,
                &office,
                Some(head),
                date,
                seed,
                runs::RunKind::Scheduled,
                None,
                &[],
            )
        })
        .await?,
    ))
}

/// `POST /v1/queue/runs/{id}/replay`: recomputes a run from its stored inputs.
pub async fn run_replay(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<ReplayResult>, ApiFailure> {
    let caller = allowed(&state, &headers, roles::may_run, QueueRefusal::HeadOnly).await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| runs::replay(sql, Some(&office), id)).await?,
    ))
}

/// `GET /v1/queue/runs/{id}/published`: the run's public list (no IIN, no names).
pub async fn run_published(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<PublishedList>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| runs::published(sql, &office, id)).await?,
    ))
}

/// `POST /v1/queue/offers/{id}/{answer}`: `accept`, `decline` or `enroll`.
pub async fn offer_answer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path((id, answer)): Path<(Uuid, String)>,
) -> Result<Json<OfferRecord>, ApiFailure> {
    let answer = match answer.as_str() {
        "accept" => OfferAnswer::Accept,
        "decline" => OfferAnswer::Decline,
        "enroll" => OfferAnswer::Enroll,
        _ => return Err(ApiFailure::not_found()),
    };
    let caller = allowed(
        &state,
        &headers,
        move |role| roles::may_answer(role, answer),
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let (ws, op) = (caller.workstation.id, caller.operator.id);
    Ok(Json(
        tx(&state, move |sql| {
            let offer = offers::answer(sql, &office, id, answer, today())?;
            crate::audit::record(
                sql,
                Some(ws),
                Some(op),
                "queue-offer-answer",
                Some(offer.request_id),
                Some(offer.state.as_str()),
            )?;
            Ok(offer)
        })
        .await?,
    ))
}

/// `POST /v1/queue/leases`: reserves vacant places for this workstation.
pub async fn lease_grant(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<LeaseRequest>,
) -> Result<Json<LeaseRecord>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_lease,
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let ws = caller.workstation.id.0;
    Ok(Json(
        tx(&state, move |sql| {
            leases::grant(sql, ws, &office, &body, crate::clock::now())
        })
        .await?,
    ))
}

/// `GET /v1/queue/leases`: this workstation's leases that have not returned.
pub async fn lease_list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<LeaseRecord>>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let office = caller.workstation.office_id;
    let ws = caller.workstation.id.0;
    Ok(Json(
        tx(&state, move |sql| {
            Ok(leases::of_workstation(sql, &office, ws)?)
        })
        .await?,
    ))
}

/// `POST /v1/queue/leases/{id}/referrals`: a referral issued (maybe offline) against a lease.
pub async fn lease_refer(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Json(body): Json<LeaseReferral>,
) -> Result<Json<OfferRecord>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_lease,
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let ws = caller.workstation.id.0;
    Ok(Json(
        tx(&state, move |sql| {
            leases::refer(sql, ws, &office, id, &body)
        })
        .await?,
    ))
}

/// `POST /v1/queue/position`: a child's cohort, position and state by request number or IIN.
pub async fn position(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(body): Json<PositionQuery>,
) -> Result<Json<PositionAnswer>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_look_up,
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let (ws, op) = (caller.workstation.id, caller.operator.id);
    Ok(Json(
        tx(&state, move |sql| {
            lookup::within_limit(sql, op, crate::clock::now())?;
            let by = if body.child_iin.is_some() {
                "iin"
            } else {
                "number"
            };
            crate::audit::record(sql, Some(ws), Some(op), "queue-lookup", None, Some(by))?;
            lookup::position(sql, &office, &body)
        })
        .await?,
    ))
}

/// `GET /v1/queue/entries`: the office's queue with clock flags, for the head.
pub async fn entries(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<QueueEntryList>, ApiFailure> {
    let caller = allowed(&state, &headers, roles::may_run, QueueRefusal::HeadOnly).await?;
    let office = caller.workstation.office_id;
    Ok(Json(
        tx(&state, move |sql| lookup::list(sql, &office)).await?,
    ))
}

/// `GET /v1/queue/snapshot`: what this workstation caches of its office's queue.
pub async fn snapshot(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<QueueSnapshot>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_look_up,
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let ws = caller.workstation.id.0;
    Ok(Json(
        tx(&state, move |sql| queue_snapshot::take(sql, &office, ws)).await?,
    ))
}

/// `POST /v1/queue/entries/{id}/withdraw`: the applicant withdraws the child from the queue.
pub async fn withdraw(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<Json<QueuePlace>, ApiFailure> {
    let caller = allowed(
        &state,
        &headers,
        roles::may_withdraw,
        QueueRefusal::NotPermitted,
    )
    .await?;
    let office = caller.workstation.office_id;
    let (ws, op) = (caller.workstation.id, caller.operator.id);
    Ok(Json(
        tx(&state, move |sql| {
            let place = queue_entries::withdraw(sql, &office, id)?;
            crate::audit::record(sql, Some(ws), Some(op), "queue-withdrawn", Some(id), None)?;
            Ok(place)
        })
        .await?,
    ))
}
