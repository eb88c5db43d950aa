//! Wire types shared by the workstation's sync engine and the central server.
//!
//! Serde only: no database, HTTP or GUI types cross this boundary.

mod operation;

pub use operation::{AttachmentRecord, Envelope, Operation, RequestRecord};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Identifies one workstation; issued at provisioning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WorkstationId(pub Uuid);

/// The position of an operation in a workstation's outbox: dense and gap-free from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Seq(pub u64);
