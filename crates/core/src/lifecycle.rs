//! Request statuses and the transitions between them.
//!
//! Filled in by the lifecycle work: see the module's `transition` function.

use serde::{Deserialize, Serialize};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being filled in; not yet signed.
    Draft,
    /// Signed by the executor's ЭЦП; not yet registered.
    Signed,
    /// Registered and numbered ("поступившие").
    Registered,
    /// Being processed ("в работе").
    InWork,
    /// Decided; the output document is formed but not yet signed.
    Decided,
    /// The output document is signed.
    ResultSigned,
    /// Handed to the applicant ("завершено / выдано").
    Issued,
    /// A motivated refusal was decided.
    Refused,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Signed,
        Status::Registered,
        Status::InWork,
        Status::Decided,
        Status::ResultSigned,
        Status::Issued,
        Status::Refused,
    ];

    /// The stable name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Signed => "signed",
            Status::Registered => "registered",
            Status::InWork => "in-work",
            Status::Decided => "decided",
            Status::ResultSigned => "result-signed",
            Status::Issued => "issued",
            Status::Refused => "refused",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Which set of statuses and transitions a service follows; named by each regulation file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// draft → signed → registered → in work → decided → result signed → issued, or refused.
    Standard,
    /// The standard flow plus the preschool queue: registration talon, offers, referral.
    PreschoolQueue,
}
