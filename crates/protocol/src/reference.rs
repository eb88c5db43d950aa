//! Reference data and revocation lists handed out to workstations.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

/// The version of the reference data the server holds: the SHA-256 of its files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceVersion {
    /// Lower-case hex SHA-256 over the three files; empty when nothing was imported.
    pub version: String,
}

/// The reference data files, verbatim as the administrator imported them, so the workstation
/// parses them with the same code it uses for its own copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferenceSet {
    /// The version of this set.
    pub version: String,
    /// `offices.csv`.
    pub offices_csv: String,
    /// `organisations.csv`.
    pub organisations_csv: String,
    /// `groups.csv`.
    pub groups_csv: String,
}

/// One certificate revocation list; its DER bytes are fetched as a blob by SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrlEntry {
    /// The issuer the list belongs to, as the administrator named it.
    pub issuer: String,
    /// Lower-case hex SHA-256 of the DER file.
    pub sha256: String,
    /// Size in bytes.
    pub size: u64,
    /// When it was imported, in UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub imported_at: OffsetDateTime,
}

/// Every revocation list the server holds, newest import per issuer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrlList {
    /// The lists.
    pub crls: Vec<CrlEntry>,
}
