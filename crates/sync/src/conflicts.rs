//! The head of department's calls: the office's open conflicts, and marking one resolved.

use tereze_protocol::ConflictList;
use uuid::Uuid;

use crate::{SyncEngine, SyncError};

impl SyncEngine {
    /// `GET /v1/conflicts`: the office's conflicts, unresolved first, each with the server's
    /// state and the late write. Only a head of department may ask (others get
    /// [`SyncError::Forbidden`] with `server-head-only`).
    pub async fn conflicts(&self) -> Result<ConflictList, SyncError> {
        self.api().conflicts().await
    }

    /// `POST /v1/conflicts/{id}/resolve`: marks the conflict resolved. One that is not open
    /// (resolved already, or unknown) is [`SyncError::NotFound`].
    pub async fn resolve_conflict(&self, id: Uuid) -> Result<(), SyncError> {
        self.api().resolve_conflict(id).await
    }
}
