//! `POST /v1/audit-head`: a workstation reports its audit chain head (see `audit_chain`).

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use tereze_protocol::{AuditHeadAnswer, AuditHeadReport};

use super::{AppState, caller};
use crate::error::ApiFailure;
use crate::reason::Reason;

/// Checks that the reported chain extends the acknowledged one and records it.
pub async fn report(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<AuditHeadAnswer>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let report: AuditHeadReport =
        serde_json::from_slice(&body).map_err(|_| ApiFailure::bad_request(Reason::BadBody))?;
    let workstation = caller.workstation.id;
    let answer = state
        .db
        .run(move |sql| crate::audit_chain::report(sql, workstation, &report))
        .await?;
    Ok(Json(answer))
}
