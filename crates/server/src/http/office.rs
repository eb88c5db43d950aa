//! Reference data, revocation lists, operator accounts, conflicts and e-mail.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use tereze_core::lifecycle::Status;
use tereze_protocol::{
    ChangedEntity, ConflictList, CrlList, EmailDocument, EmailSent, OperatorList, OperatorRecord,
    ReferenceSet, ReferenceVersion,
};
use uuid::Uuid;

use super::{AppState, caller};
use crate::error::ApiFailure;
use crate::permission;
use crate::reason::Reason;

/// `GET /v1/reference/version`.
pub async fn reference_version(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ReferenceVersion>, ApiFailure> {
    caller(&state, &headers).await?;
    let set = state.db.run(crate::reference::current).await?;
    Ok(Json(ReferenceVersion {
        version: set.map(|s| s.version).unwrap_or_default(),
    }))
}

/// `GET /v1/reference`: the current files (404 before the first import).
pub async fn reference(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ReferenceSet>, ApiFailure> {
    caller(&state, &headers).await?;
    let set = state.db.run(crate::reference::current).await?;
    set.map(Json).ok_or_else(ApiFailure::not_found)
}

/// `GET /v1/operators`: the accounts of the workstation's office, with their password
/// verifiers, for offline login. Needs only the workstation credential: it is what a freshly
/// provisioned workstation calls before anyone can log in on it.
pub async fn operators(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<OperatorList>, ApiFailure> {
    let credential = crate::auth::bearer(&headers).map(str::to_owned);
    let list = state
        .db
        .run(move |sql| {
            let ws = crate::auth::authenticate_workstation(sql, credential.as_deref())
                .map_err(ApiFailure::from)?;
            let rows = sql
                .query(
                    "SELECT id, iin, full_name, role, office_id, password_hash, active
                     FROM operators WHERE office_id = $1 ORDER BY iin",
                    &[ws.office_id.as_str().into()],
                )
                .map_err(ApiFailure::from)?;
            let mut operators = Vec::with_capacity(rows.len());
            for row in rows {
                operators.push(OperatorRecord {
                    id: Uuid::parse_str(&row.text(0)?).unwrap_or_default(),
                    iin: row.text(1)?,
                    full_name: row.text(2)?,
                    role: row.text(3)?,
                    office_id: row.text(4)?,
                    password_hash: row.text(5)?,
                    active: row.int(6)? == 1,
                });
            }
            Ok::<_, ApiFailure>(OperatorList { operators })
        })
        .await?;
    Ok(Json(list))
}

/// `GET /v1/crls`.
pub async fn crls(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<CrlList>, ApiFailure> {
    caller(&state, &headers).await?;
    Ok(Json(state.db.run(crate::reference::crls).await?))
}

/// `GET /v1/conflicts`: the office's conflicts; heads of department only.
pub async fn conflicts(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<ConflictList>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    if !permission::may_resolve_conflicts(caller.operator.role) {
        return Err(refuse(&state, &caller, "conflicts-refused").await);
    }
    let office = caller.workstation.office_id.clone();
    Ok(Json(
        state
            .db
            .run(move |sql| crate::conflicts::list(sql, &office))
            .await?,
    ))
}

/// `POST /v1/conflicts/{id}/resolve`: the head marks a conflict resolved.
pub async fn resolve_conflict(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
) -> Result<StatusCode, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    if !permission::may_resolve_conflicts(caller.operator.role) {
        return Err(refuse(&state, &caller, "conflicts-refused").await);
    }
    let office = caller.workstation.office_id.clone();
    let head = caller.operator.id;
    let done = state
        .db
        .run(move |sql| {
            let done = crate::conflicts::resolve(sql, &office, id, head)?;
            if done {
                crate::audit::record(sql, None, Some(head), "conflict-resolved", Some(id), None)?;
            }
            Ok::<_, crate::error::ServerError>(done)
        })
        .await?;
    if done {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiFailure::not_found())
    }
}

async fn refuse(
    state: &AppState,
    caller: &crate::auth::Caller,
    action: &'static str,
) -> ApiFailure {
    let ws = caller.workstation.id;
    let op = caller.operator.id;
    let audited = state
        .db
        .run(move |sql| {
            crate::audit::record(
                sql,
                Some(ws),
                Some(op),
                action,
                None,
                Some(Reason::HeadOnly.key()),
            )
        })
        .await;
    match audited {
        Ok(()) => ApiFailure::forbidden(Reason::HeadOnly),
        Err(e) => ApiFailure::from(e),
    }
}

/// `POST /v1/requests/{id}/email`: e-mails an issued request's document to the applicant.
pub async fn email(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<Uuid>,
    Json(body): Json<EmailDocument>,
) -> Result<Json<EmailSent>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let Some(mail) = state.mail.clone() else {
        return Err(ApiFailure::unavailable(Reason::MailNotConfigured));
    };
    if !crate::blob::valid_hash(&body.document_sha256) {
        return Err(ApiFailure::bad_request(Reason::BadHash));
    }
    let blobs = state.blobs.clone();
    let sha = body.document_sha256.clone();
    let office = caller.workstation.office_id.clone();
    let (request, document) = state
        .db
        .run(move |sql| {
            let request = crate::push::load_state(sql, id, &office)?;
            let document = blobs.read(sql, &sha)?;
            Ok::<_, crate::error::ServerError>((request, document))
        })
        .await?;
    let Some(ChangedEntity::Request { request }) = request else {
        return Err(ApiFailure::not_found());
    };
    if request.status != Status::Issued.as_str() && request.status != Status::ResultSigned.as_str()
    {
        return Err(ApiFailure::bad_request(Reason::NotIssued));
    }
    let document = document.ok_or_else(|| ApiFailure::bad_request(Reason::BlobMissing))?;
    let number = request.number.clone().unwrap_or_default();
    crate::email::send(&mail, &body.to, &number, &body.file_name, document)
        .await
        .map_err(|reason| match reason {
            Reason::BadEmail => ApiFailure::bad_request(reason),
            other => ApiFailure::unavailable(other),
        })?;
    tracing::info!(request = %id, operator = %caller.operator.id, "document e-mailed");
    Ok(Json(EmailSent { number }))
}
