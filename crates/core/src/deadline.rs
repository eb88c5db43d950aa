//! Per-step time limits and due dates.

use serde::{Deserialize, Serialize};

/// A regulated step whose duration is limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// Checking the application and originals and entering the data (intake).
    Intake,
    /// Accepting the request into work at the provider.
    Accept,
    /// Executing the request and taking the decision.
    Decide,
    /// Handing the output document to the applicant.
    Issue,
}

/// How long a step may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Term {
    /// Wall-clock minutes.
    Minutes(u32),
    /// Working days, excluding weekends, holidays, the day of acceptance and the day of issue.
    WorkingDays(u32),
    /// Calendar days, excluding the day of acceptance.
    CalendarDays(u32),
}
