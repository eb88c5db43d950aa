//! Scans by SHA-256: resumable upload (`HEAD` tells how much the server holds, `PUT` sends the
//! rest in pieces) and download.

use reqwest::header::CONTENT_RANGE;
use reqwest::{Method, Response, StatusCode};
use tereze_protocol::{BLOB_COMPLETE_HEADER, BLOB_RECEIVED_HEADER};

use super::{Api, failure, send, transport};
use crate::SyncError;

/// How much of a blob the server holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlobProgress {
    /// Bytes held.
    pub received: u64,
    /// Whether the whole blob arrived and verified.
    pub complete: bool,
}

fn progress(response: &Response) -> BlobProgress {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    BlobProgress {
        received: header(BLOB_RECEIVED_HEADER)
            .and_then(|v| v.parse().ok())
            .unwrap_or(0),
        complete: header(BLOB_COMPLETE_HEADER).as_deref() == Some("true"),
    }
}

fn path(sha256: &str) -> String {
    format!("v1/blobs/{sha256}")
}

impl Api {
    /// `HEAD /v1/blobs/{sha}`.
    pub(crate) async fn blob_progress(&self, sha256: &str) -> Result<BlobProgress, SyncError> {
        let response = self
            .request(Method::HEAD, &path(sha256))?
            .send()
            .await
            .map_err(transport)?;
        match response.status() {
            StatusCode::NOT_FOUND => Ok(BlobProgress {
                received: 0,
                complete: false,
            }),
            s if s.is_success() => Ok(progress(&response)),
            _ => Err(failure(response).await),
        }
    }

    /// Uploads `bytes` (whose SHA-256 is `sha256`) from wherever the server's copy ends.
    pub(crate) async fn upload_blob(&self, sha256: &str, bytes: &[u8]) -> Result<(), SyncError> {
        let total = bytes.len() as u64;
        let mut held = self.blob_progress(sha256).await?;
        let chunk = self.config.blob_chunk.max(1) as u64;
        // Each round either finishes, moves forward, or learns where the server's copy ends; a
        // server that keeps answering without progress is bounded by the number of pieces.
        let mut rounds = total / chunk + 4;
        while !held.complete {
            if rounds == 0 {
                return Err(SyncError::BadAnswer("upload makes no progress".into()));
            }
            rounds -= 1;
            let start = if held.received >= total {
                0
            } else {
                held.received
            };
            let end = (start + chunk).min(total);
            let piece = bytes
                .get(
                    usize::try_from(start).unwrap_or(usize::MAX)
                        ..usize::try_from(end).unwrap_or(usize::MAX),
                )
                .ok_or_else(|| SyncError::BadAnswer("upload offset out of range".into()))?
                .to_vec();
            let response = self
                .request(Method::PUT, &path(sha256))?
                .header(
                    CONTENT_RANGE,
                    format!("bytes {start}-{}/{total}", end.saturating_sub(1)),
                )
                .body(piece)
                .send()
                .await
                .map_err(transport)?;
            match response.status() {
                StatusCode::RANGE_NOT_SATISFIABLE => {
                    held = BlobProgress {
                        received: progress(&response).received,
                        complete: false,
                    };
                }
                StatusCode::UNPROCESSABLE_ENTITY => {
                    return Err(SyncError::BlobRejected {
                        sha256: sha256.to_owned(),
                    });
                }
                s if s.is_success() => held = progress(&response),
                _ => return Err(failure(response).await),
            }
        }
        Ok(())
    }

    /// `GET /v1/blobs/{sha}`: the content (checked against the hash by the store).
    pub(crate) async fn download_blob(&self, sha256: &str) -> Result<Vec<u8>, SyncError> {
        let response = send(self.request(Method::GET, &path(sha256))?).await?;
        Ok(response.bytes().await.map_err(transport)?.to_vec())
    }
}
