//! The preschool queue's calls under `/v1/queue`.

use reqwest::Method;
use reqwest::header::CONTENT_TYPE;
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::{Api, json, send};
use crate::SyncError;

impl Api {
    /// A GET answered with JSON.
    pub(crate) async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T, SyncError> {
        let response = send(self.request(Method::GET, path)?).await?;
        json(response).await
    }

    /// A POST of a JSON body (none when `body` is `None`) answered with JSON.
    pub(crate) async fn post_json<B: Serialize, T: DeserializeOwned>(
        &self,
        path: &str,
        body: Option<&B>,
    ) -> Result<T, SyncError> {
        let mut request = self.request(Method::POST, path)?;
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body).map_err(|e| SyncError::Client(e.to_string()))?;
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        json(send(request).await?).await
    }
}
