//! The workstation's audit chain head, reported at each sync, so the server notices a local
//! history that was rewritten: the new head must extend the one it acknowledged last time.

use serde::{Deserialize, Serialize};

/// A position in a workstation's audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditMark {
    /// The row's sequence number (0: the empty log).
    pub seq: i64,
    /// The row's hash, lower-case hex.
    pub hash: String,
}

/// `POST /v1/audit-head`: the head now, and the hash the chain has today at the position the
/// server acknowledged last (`None` before the first acknowledgement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHeadReport {
    /// The newest row.
    pub head: AuditMark,
    /// The row at the last acknowledged position, as the chain has it now.
    pub at_acknowledged: Option<AuditMark>,
}

/// The server's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditHeadAnswer {
    /// Whether the chain extends the acknowledged head; `false`: the history was rewritten
    /// (recorded and listed for the administrator), and the old head stays acknowledged.
    pub continuous: bool,
    /// The position acknowledged now.
    pub acknowledged: AuditMark,
}
