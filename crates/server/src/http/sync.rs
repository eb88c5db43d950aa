//! Push and pull.

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::Deserialize;
use tereze_protocol::{ChangesPage, Cursor, PushBatch, PushResponse};

use super::{AppState, caller};
use crate::error::ApiFailure;
use crate::reason::Reason;

/// `POST /v1/push`: applies a batch; answered only after its commit.
pub async fn push(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Json<PushResponse>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let batch: PushBatch =
        serde_json::from_slice(&body).map_err(|_| ApiFailure::bad_request(Reason::BadBody))?;
    let response = state
        .db
        .run(move |sql| crate::push::push(sql, &caller, &batch))
        .await?;
    Ok(Json(response))
}

/// The query of `GET /v1/changes`.
#[derive(Debug, Deserialize)]
pub struct ChangesQuery {
    /// The cursor to read after (0 for the beginning).
    #[serde(default)]
    after: u64,
    /// The most changes wanted (at most 1000).
    #[serde(default = "default_limit")]
    limit: u64,
}

fn default_limit() -> u64 {
    crate::changelog::MAX_PAGE
}

/// `GET /v1/changes?after=N&limit=M`: one page of the change log of the caller's office.
pub async fn changes(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(query): Query<ChangesQuery>,
) -> Result<Json<ChangesPage>, ApiFailure> {
    let caller = caller(&state, &headers).await?;
    let office = caller.workstation.office_id;
    let page = state
        .db
        .run(move |sql| {
            crate::changelog::page(sql, &office, Cursor(query.after), query.limit)
                .map_err(ApiFailure::from)
        })
        .await?;
    Ok(Json(page))
}
