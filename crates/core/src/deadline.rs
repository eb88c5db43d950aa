//! Per-step time limits and due dates.
//!
//! Each regulation gives its steps a term ("не более 10 минут", "три рабочих дня (день приема и
//! день выдачи документов не входят в срок)", 002:L779). [`due_at`] turns a term and the moment a
//! step started into the instant it must be done, in office time (UTC+5, the single time zone
//! of Kazakhstan since 2024); [`Deadline`] and [`RequestDeadlines`] answer "how long is left?"
//! and "is it overdue?" for the inbox.

mod due;
mod tracking;

pub use due::{OFFICE_OFFSET, due_at, due_at_in, issue_date, issue_date_in};
pub use tracking::{Deadline, DeadlineStatus, RequestDeadlines};

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

impl Step {
    /// Every step, in the order they happen.
    pub const ALL: [Step; 4] = [Step::Intake, Step::Accept, Step::Decide, Step::Issue];

    /// The stable name used in regulation files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Step::Intake => "intake",
            Step::Accept => "accept",
            Step::Decide => "decide",
            Step::Issue => "issue",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
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
