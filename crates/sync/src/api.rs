//! The HTTP calls of the sync protocol, with the project CA as the only trusted root and the
//! workstation credential, operator and protocol version on every call.

mod blobs;
mod queue;
mod tls;

use reqwest::header::{AUTHORIZATION, CONTENT_TYPE, HeaderMap, HeaderValue};
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use serde::de::DeserializeOwned;
use tereze_protocol::{
    ApiError, AuditHeadAnswer, AuditHeadReport, ChangesPage, ConflictList, CrlList, Cursor,
    OPERATOR_HEADER, OperatorList, PROTOCOL_HEADER, PROTOCOL_VERSION, PushBatch, PushResponse,
    ReferenceSet, ReferenceVersion,
};

use crate::{SyncConfig, SyncError};

/// A client bound to one server, workstation and operator.
#[derive(Debug, Clone)]
pub(crate) struct Api {
    client: Client,
    config: SyncConfig,
}

impl Api {
    pub(crate) fn new(config: SyncConfig) -> Result<Api, SyncError> {
        let tls = tls::client_config(&config)?;
        let mut headers = HeaderMap::new();
        headers.insert(PROTOCOL_HEADER, HeaderValue::from(PROTOCOL_VERSION));
        let operator = HeaderValue::from_str(&config.credentials.operator.to_string())
            .map_err(|e| SyncError::Client(e.to_string()))?;
        headers.insert(OPERATOR_HEADER, operator);
        let mut bearer =
            HeaderValue::from_str(&format!("Bearer {}", config.credentials.workstation))
                .map_err(|_| SyncError::Client("credential is not a header value".into()))?;
        bearer.set_sensitive(true);
        headers.insert(AUTHORIZATION, bearer);
        let mut builder = Client::builder()
            .default_headers(headers)
            .use_preconfigured_tls(tls)
            .https_only(!config.server.is_plain_loopback())
            .redirect(reqwest::redirect::Policy::none())
            .no_proxy()
            .connect_timeout(config.timeouts.connect)
            .read_timeout(config.timeouts.read)
            .timeout(config.timeouts.request);
        if !config.keep_alive {
            builder = builder.pool_max_idle_per_host(0);
        }
        let client = builder
            .build()
            .map_err(|e| SyncError::Client(e.to_string()))?;
        Ok(Api { client, config })
    }

    pub(crate) fn config(&self) -> &SyncConfig {
        &self.config
    }

    fn request(&self, method: Method, path: &str) -> Result<RequestBuilder, SyncError> {
        Ok(self.client.request(method, self.config.server.join(path)?))
    }

    /// `POST /v1/push`.
    pub(crate) async fn push(&self, batch: &PushBatch) -> Result<PushResponse, SyncError> {
        let body = serde_json::to_vec(batch).map_err(|e| SyncError::Client(e.to_string()))?;
        let response = send(
            self.request(Method::POST, "v1/push")?
                .header(CONTENT_TYPE, "application/json")
                .body(body),
        )
        .await?;
        json(response).await
    }

    /// `GET /v1/operators`: the office's accounts.
    pub(crate) async fn operators(&self) -> Result<OperatorList, SyncError> {
        let response = send(self.request(Method::GET, "v1/operators")?).await?;
        json(response).await
    }

    /// `GET /v1/reference/version`.
    pub(crate) async fn reference_version(&self) -> Result<ReferenceVersion, SyncError> {
        let response = send(self.request(Method::GET, "v1/reference/version")?).await?;
        json(response).await
    }

    /// `GET /v1/reference`.
    pub(crate) async fn reference(&self) -> Result<ReferenceSet, SyncError> {
        let response = send(self.request(Method::GET, "v1/reference")?).await?;
        json(response).await
    }

    /// `GET /v1/crls`.
    pub(crate) async fn crls(&self) -> Result<CrlList, SyncError> {
        let response = send(self.request(Method::GET, "v1/crls")?).await?;
        json(response).await
    }

    /// `POST /v1/audit-head`.
    pub(crate) async fn audit_head(
        &self,
        report: &AuditHeadReport,
    ) -> Result<AuditHeadAnswer, SyncError> {
        let body = serde_json::to_vec(report).map_err(|e| SyncError::Client(e.to_string()))?;
        let response = send(
            self.request(Method::POST, "v1/audit-head")?
                .header(CONTENT_TYPE, "application/json")
                .body(body),
        )
        .await?;
        json(response).await
    }

    /// `GET /v1/conflicts`.
    pub(crate) async fn conflicts(&self) -> Result<ConflictList, SyncError> {
        let response = send(self.request(Method::GET, "v1/conflicts")?).await?;
        json(response).await
    }

    /// `POST /v1/conflicts/{id}/resolve`.
    pub(crate) async fn resolve_conflict(&self, id: uuid::Uuid) -> Result<(), SyncError> {
        let path = format!("v1/conflicts/{id}/resolve");
        send(self.request(Method::POST, &path)?).await?;
        Ok(())
    }

    /// `GET /v1/changes?after=N&limit=M`.
    pub(crate) async fn changes(
        &self,
        after: Cursor,
        limit: u64,
    ) -> Result<ChangesPage, SyncError> {
        let path = format!("v1/changes?after={}&limit={limit}", after.0);
        let response = send(self.request(Method::GET, &path)?).await?;
        json(response).await
    }
}

/// Sends a request and turns transport failures and error answers into [`SyncError`]s.
pub(crate) async fn send(request: RequestBuilder) -> Result<Response, SyncError> {
    let response = request.send().await.map_err(transport)?;
    if response.status().is_success() {
        Ok(response)
    } else {
        Err(failure(response).await)
    }
}

/// Reads a JSON answer.
pub(crate) async fn json<T: DeserializeOwned>(response: Response) -> Result<T, SyncError> {
    let bytes = response.bytes().await.map_err(transport)?;
    serde_json::from_slice(&bytes).map_err(|e| SyncError::BadAnswer(e.to_string()))
}

/// Classifies a transport error: timeout, TLS, or a broken connection.
pub(crate) fn transport(e: reqwest::Error) -> SyncError {
    if e.is_timeout()
        || has_cause(&e, &|c| {
            c.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::TimedOut)
        })
    {
        return SyncError::Timeout;
    }
    if has_cause(&e, &|c| c.downcast_ref::<rustls::Error>().is_some()) {
        return SyncError::Tls(chain(&e));
    }
    SyncError::Connection(chain(&e))
}

/// Whether `e` or any of its causes matches, looking inside I/O errors too (their `source`
/// skips the error they wrap).
fn has_cause(
    e: &(dyn std::error::Error + 'static),
    matches: &dyn Fn(&(dyn std::error::Error + 'static)) -> bool,
) -> bool {
    if matches(e) {
        return true;
    }
    if let Some(inner) = e
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
        && has_cause(inner, matches)
    {
        return true;
    }
    e.source().is_some_and(|s| has_cause(s, matches))
}

/// An error and its causes, for logs (no personal data travels in URLs or transport errors).
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// Reads the typed error body of a failed call.
async fn failure(response: Response) -> SyncError {
    let status = response.status();
    let body = match response.bytes().await {
        Ok(b) => b,
        Err(e) => return transport(e),
    };
    match serde_json::from_slice::<ApiError>(&body) {
        Ok(ApiError::ProtocolMismatch { client, server }) => {
            SyncError::UpdateNeeded { client, server }
        }
        Ok(ApiError::Unauthenticated) => SyncError::Unauthenticated,
        Ok(ApiError::Forbidden { reason }) => SyncError::Forbidden { reason },
        Ok(ApiError::BadRequest { reason }) => SyncError::Refused {
            status: status.as_u16(),
            reason,
        },
        Ok(ApiError::NotFound) => SyncError::NotFound,
        Ok(ApiError::Unavailable { reason }) => SyncError::Unavailable { reason },
        Err(_) if status == StatusCode::UPGRADE_REQUIRED => SyncError::UpdateNeeded {
            client: PROTOCOL_VERSION,
            server: 0,
        },
        Err(_) if status.is_server_error() => SyncError::Unavailable {
            reason: status.as_u16().to_string(),
        },
        Err(_) => SyncError::BadAnswer(format!("status {}", status.as_u16())),
    }
}
