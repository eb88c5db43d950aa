//! The HTTP API (see `API.md`): routes, shared state and the protocol-version gate.

mod audit_head;
mod blobs;
mod office;
mod queue;
mod sync;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use axum::{Json, Router};
use serde::Serialize;
use tereze_protocol::{ApiError, PROTOCOL_HEADER, PROTOCOL_VERSION};

use crate::auth::{self, Caller};
use crate::blob::BlobStore;
use crate::db::Db;
use crate::email::MailConfig;
use crate::error::ApiFailure;

/// The largest request body: one blob piece or one push batch.
pub const MAX_BODY: usize = 64 * 1024 * 1024;

/// What every handler shares.
#[derive(Debug, Clone)]
pub struct AppState {
    /// The database.
    pub db: Db,
    /// The blob folder.
    pub blobs: BlobStore,
    /// The SMTP relay, if configured.
    pub mail: Option<MailConfig>,
    /// Serialises blob writes, so two pieces of one blob never interleave.
    pub blob_lock: Arc<tokio::sync::Mutex<()>>,
}

/// The router of the whole API.
pub fn router(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/push", post(sync::push))
        .route("/changes", get(sync::changes))
        .route(
            "/blobs/{sha256}",
            put(blobs::put).get(blobs::get).head(blobs::head),
        )
        .route("/reference/version", get(office::reference_version))
        .route("/reference", get(office::reference))
        .route("/crls", get(office::crls))
        .route("/operators", get(office::operators))
        .route("/conflicts", get(office::conflicts))
        .route("/conflicts/{id}/resolve", post(office::resolve_conflict))
        .route("/requests/{id}/email", post(office::email))
        .route(
            "/queue/groups",
            get(queue::groups_list).post(queue::group_add),
        )
        .route("/queue/groups/{id}", put(queue::group_counts))
        .route("/queue/runs", post(queue::run_start))
        .route("/queue/runs/{id}/replay", post(queue::run_replay))
        .route("/queue/runs/{id}/published", get(queue::run_published))
        .route("/queue/offers/{id}/{answer}", post(queue::offer_answer))
        .route(
            "/queue/leases",
            get(queue::lease_list).post(queue::lease_grant),
        )
        .route("/queue/leases/{id}/referrals", post(queue::lease_refer))
        .route("/queue/position", post(queue::position))
        .route("/queue/entries", get(queue::entries))
        .route("/queue/entries/{id}/withdraw", post(queue::withdraw))
        .route("/queue/snapshot", get(queue::snapshot))
        .route("/audit-head", post(audit_head::report))
        .layer(middleware::from_fn(check_protocol));
    Router::new()
        .route("/health", get(health))
        .nest("/v1", v1)
        .route_layer(middleware::from_fn(log_request))
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Refuses a call from another protocol version before its body is parsed.
async fn check_protocol(request: Request, next: Next) -> Response {
    let client = request
        .headers()
        .get(PROTOCOL_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(0);
    if client != PROTOCOL_VERSION {
        // Read (never parse) a small body first: closing a socket with unread bytes resets the
        // connection, and the client would lose this answer.
        let _ = axum::body::to_bytes(request.into_body(), 1024 * 1024).await;
        return ApiFailure {
            status: StatusCode::UPGRADE_REQUIRED,
            error: ApiError::ProtocolMismatch {
                client,
                server: PROTOCOL_VERSION,
            },
        }
        .into_response();
    }
    next.run(request).await
}

/// Logs each call by its route template (never its ids or body), status and duration.
async fn log_request(request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    tracing::info!(
        %method,
        route,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

/// The `/health` answer.
#[derive(Debug, Serialize)]
struct Health {
    status: &'static str,
    protocol: u32,
}

async fn health(State(state): State<AppState>) -> Result<Json<Health>, ApiFailure> {
    state
        .db
        .run(|sql| sql.query("SELECT 1", &[]).map(|_| ()))
        .await?;
    Ok(Json(Health {
        status: "ok",
        protocol: PROTOCOL_VERSION,
    }))
}

/// Authenticates the caller of a request (credential and operator), auditing refusals.
pub(crate) async fn caller(state: &AppState, headers: &HeaderMap) -> Result<Caller, ApiFailure> {
    let credential = auth::bearer(headers).map(str::to_owned);
    let operator = auth::named_operator(headers);
    state
        .db
        .run(move |sql| auth::authenticate(sql, credential.as_deref(), operator))
        .await
        .map_err(ApiFailure::from)
}
