//! The server's errors and how they become HTTP answers.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use tereze_protocol::ApiError;
use thiserror::Error;

use crate::db::DbError;
use crate::reason::Reason;

/// Something failed inside the server (not the caller's fault).
#[derive(Debug, Error)]
pub enum ServerError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// A stored JSON body could not be read or written.
    #[error("stored JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// The blob folder failed.
    #[error("blob store: {0}")]
    Io(#[from] std::io::Error),
}

/// A failed call: the HTTP status and the typed body.
#[derive(Debug)]
pub struct ApiFailure {
    /// The status code.
    pub status: StatusCode,
    /// The body.
    pub error: ApiError,
}

impl ApiFailure {
    /// 400 with a reason.
    pub fn bad_request(reason: Reason) -> ApiFailure {
        ApiFailure {
            status: StatusCode::BAD_REQUEST,
            error: ApiError::BadRequest {
                reason: reason.key().to_owned(),
            },
        }
    }

    /// 403 with a reason.
    pub fn forbidden(reason: Reason) -> ApiFailure {
        ApiFailure {
            status: StatusCode::FORBIDDEN,
            error: ApiError::Forbidden {
                reason: reason.key().to_owned(),
            },
        }
    }

    /// 401.
    pub fn unauthenticated() -> ApiFailure {
        ApiFailure {
            status: StatusCode::UNAUTHORIZED,
            error: ApiError::Unauthenticated,
        }
    }

    /// 404.
    pub fn not_found() -> ApiFailure {
        ApiFailure {
            status: StatusCode::NOT_FOUND,
            error: ApiError::NotFound,
        }
    }

    /// 503 with a reason.
    pub fn unavailable(reason: Reason) -> ApiFailure {
        ApiFailure {
            status: StatusCode::SERVICE_UNAVAILABLE,
            error: ApiError::Unavailable {
                reason: reason.key().to_owned(),
            },
        }
    }
}

impl From<ServerError> for ApiFailure {
    fn from(err: ServerError) -> Self {
        tracing::error!(error = %err, "request failed inside the server");
        ApiFailure::unavailable(Reason::Unavailable)
    }
}

impl From<DbError> for ApiFailure {
    fn from(err: DbError) -> Self {
        ApiFailure::from(ServerError::Db(err))
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        (self.status, Json(self.error)).into_response()
    }
}
