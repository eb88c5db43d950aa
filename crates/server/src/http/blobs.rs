//! Resumable blob upload and download by SHA-256.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tereze_protocol::{BLOB_COMPLETE_HEADER, BLOB_RECEIVED_HEADER};

use super::{AppState, caller};
use crate::blob::{BlobState, PieceOutcome, valid_hash};
use crate::error::ApiFailure;
use crate::reason::Reason;

fn checked(sha256: &str) -> Result<String, ApiFailure> {
    if valid_hash(sha256) {
        Ok(sha256.to_owned())
    } else {
        Err(ApiFailure::bad_request(Reason::BadHash))
    }
}

fn progress(status: StatusCode, received: u64, complete: bool) -> Response {
    let mut response = status.into_response();
    let headers = response.headers_mut();
    headers.insert(BLOB_RECEIVED_HEADER, HeaderValue::from(received));
    headers.insert(
        BLOB_COMPLETE_HEADER,
        HeaderValue::from_static(if complete { "true" } else { "false" }),
    );
    response
}

/// `HEAD /v1/blobs/{sha256}`: how much arrived (`404` when nothing did).
pub async fn head(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(sha256): Path<String>,
) -> Result<Response, ApiFailure> {
    caller(&state, &headers).await?;
    let sha256 = checked(&sha256)?;
    let blobs = state.blobs.clone();
    let now = state.db.run(move |sql| blobs.state(sql, &sha256)).await?;
    Ok(match now {
        BlobState::Absent => progress(StatusCode::NOT_FOUND, 0, false),
        BlobState::Partial(n) => progress(StatusCode::OK, n, false),
        BlobState::Complete(n) => progress(StatusCode::OK, n, true),
    })
}

/// `bytes START-END/TOTAL` → (start, total).
fn content_range(headers: &HeaderMap, len: u64) -> Result<(u64, u64), ApiFailure> {
    let Some(value) = headers.get(header::CONTENT_RANGE) else {
        return Ok((0, len));
    };
    let bad = || ApiFailure::bad_request(Reason::BadRange);
    let text = value.to_str().map_err(|_| bad())?;
    let spec = text.strip_prefix("bytes ").ok_or_else(bad)?;
    let (range, total) = spec.split_once('/').ok_or_else(bad)?;
    let (start, end) = range.split_once('-').ok_or_else(bad)?;
    let start: u64 = start.trim().parse().map_err(|_| bad())?;
    let end: u64 = end.trim().parse().map_err(|_| bad())?;
    let total: u64 = total.trim().parse().map_err(|_| bad())?;
    if end < start || end - start + 1 != len {
        return Err(bad());
    }
    Ok((start, total))
}

/// `PUT /v1/blobs/{sha256}`: stores a piece (`Content-Range: bytes S-E/T`, or the whole blob).
pub async fn put(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(sha256): Path<String>,
    body: Bytes,
) -> Result<Response, ApiFailure> {
    caller(&state, &headers).await?;
    let sha256 = checked(&sha256)?;
    let (start, total) = content_range(&headers, body.len() as u64)?;
    let _guard = state.blob_lock.lock().await;
    let blobs = state.blobs.clone();
    let outcome = state
        .db
        .run(move |sql| blobs.put(sql, &sha256, start, total, &body))
        .await?;
    Ok(match outcome {
        PieceOutcome::Stored(n) => progress(StatusCode::ACCEPTED, n, false),
        PieceOutcome::Complete(n) => progress(StatusCode::CREATED, n, true),
        PieceOutcome::Refused(reason, held) => {
            let mut response = ApiFailure::bad_request(reason).into_response();
            *response.status_mut() = if reason == Reason::HashMismatch {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::RANGE_NOT_SATISFIABLE
            };
            response
                .headers_mut()
                .insert(BLOB_RECEIVED_HEADER, HeaderValue::from(held));
            response
        }
    })
}

/// `GET /v1/blobs/{sha256}`: the bytes of a complete blob.
pub async fn get(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(sha256): Path<String>,
) -> Result<Response, ApiFailure> {
    caller(&state, &headers).await?;
    let sha256 = checked(&sha256)?;
    let blobs = state.blobs.clone();
    let bytes = state
        .db
        .run(move |sql| blobs.read(sql, &sha256))
        .await?
        .ok_or_else(ApiFailure::not_found)?;
    Ok(([(header::CONTENT_TYPE, "application/octet-stream")], bytes).into_response())
}
