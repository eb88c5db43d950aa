//! Operator accounts handed to a workstation, so its operators can log in while offline.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One operator account of the workstation's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorRecord {
    /// The operator's UUID (what operations name as their author).
    pub id: Uuid,
    /// The IIN, the login name.
    pub iin: String,
    /// Full name.
    pub full_name: String,
    /// The role's stable name (`executor`, `con-operator`, `head`, `administrator`).
    pub role: String,
    /// The office.
    pub office_id: String,
    /// The Argon2id verifier (PHC string) for offline login; never the password.
    pub password_hash: String,
    /// Whether the account may log in.
    pub active: bool,
}

/// Every account of the workstation's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OperatorList {
    /// The accounts, by IIN.
    pub operators: Vec<OperatorRecord>,
}
