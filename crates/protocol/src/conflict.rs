//! Conflicts kept for the head of department.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::{ChangedEntity, Envelope};

/// A write made against a stale version, with both versions kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictRecord {
    /// The conflict's id.
    pub id: Uuid,
    /// The entity both writes touched.
    pub entity_id: Uuid,
    /// The version the losing write was made against.
    pub base_version: i64,
    /// The server's version when the write arrived.
    pub server_version: i64,
    /// The server's state of the entity at that moment (the version that won).
    pub server_state: Option<ChangedEntity>,
    /// The write that arrived late, as sent.
    pub incoming: Envelope,
    /// When the server recorded it, in UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub recorded_at: OffsetDateTime,
    /// Whether the head of department has resolved it.
    pub resolved: bool,
}

/// The list a head of department sees.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictList {
    /// Unresolved conflicts first, oldest first.
    pub conflicts: Vec<ConflictRecord>,
}
