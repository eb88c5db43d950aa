//! Deadlines of running steps: remaining time, overdue flags, a request's set of steps.

use std::collections::BTreeMap;

use time::{Duration, OffsetDateTime};

use super::{Step, Term, due_at};
use crate::calendar::Calendar;
use crate::i18n::{Localize, Localized};

/// When one step of one request is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Deadline {
    /// The step.
    pub step: Step,
    /// The instant it must be done by (office time).
    pub due_at: OffsetDateTime,
}

impl Deadline {
    /// Time left until the deadline; negative once it has passed.
    pub fn remaining(&self, now: OffsetDateTime) -> Duration {
        self.due_at - now
    }

    /// True once `now` is past the deadline (the deadline instant itself is still on time).
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        now > self.due_at
    }

    /// What the inbox shows for this deadline at `now`.
    pub fn status(&self, now: OffsetDateTime) -> DeadlineStatus {
        let left = self.remaining(now);
        if self.is_overdue(now) {
            DeadlineStatus::Overdue {
                step: self.step,
                by: -left,
            }
        } else {
            DeadlineStatus::OnTime {
                step: self.step,
                left,
            }
        }
    }
}

/// A deadline as the operator sees it: time left, or how late the step is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DeadlineStatus {
    /// Still on time.
    OnTime {
        /// The step.
        step: Step,
        /// Time left.
        left: Duration,
    },
    /// Past the deadline.
    Overdue {
        /// The step.
        step: Step,
        /// How long past.
        by: Duration,
    },
}

impl Localize for DeadlineStatus {
    fn localized(&self) -> Localized {
        let (msg, step, d) = match *self {
            DeadlineStatus::OnTime { step, left } => {
                (Localized::new("deadline-remaining"), step, left)
            }
            DeadlineStatus::Overdue { step, by } => (Localized::new("deadline-overdue"), step, by),
        };
        // Whole minutes; the seconds of a running clock are noise at the counter.
        let minutes = d.whole_minutes().max(0);
        msg.arg("step", step.as_str())
            .arg("days", minutes / (24 * 60))
            .arg("hours", minutes / 60 % 24)
            .arg("minutes", minutes % 60)
    }
}

/// One step's term and clock within a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StepClock {
    term: Term,
    due_at: Option<OffsetDateTime>,
    finished_at: Option<OffsetDateTime>,
}

/// The deadlines of one request: its regulation's `(step, term)` pairs for the request's channel,
/// the moments its steps started and, once known, finished.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestDeadlines {
    steps: BTreeMap<Step, StepClock>,
}

impl RequestDeadlines {
    /// Deadlines for the steps in `terms` (a later pair for the same step replaces an earlier
    /// one) that appear in `started`; steps not yet started have no deadline.
    pub fn new(terms: &[(Step, Term)], started: &[(Step, OffsetDateTime)], cal: &Calendar) -> Self {
        let mut steps: BTreeMap<Step, StepClock> = terms
            .iter()
            .map(|&(step, term)| {
                (
                    step,
                    StepClock {
                        term,
                        due_at: None,
                        finished_at: None,
                    },
                )
            })
            .collect();
        for &(step, at) in started {
            if let Some(clock) = steps.get_mut(&step) {
                clock.due_at = Some(due_at(at, clock.term, cal));
            }
        }
        Self { steps }
    }

    /// Records that `step` finished at `at`: it stops running, and stays overdue only if it
    /// finished late.
    #[must_use]
    pub fn finished(mut self, step: Step, at: OffsetDateTime) -> Self {
        if let Some(clock) = self.steps.get_mut(&step) {
            clock.finished_at = Some(at);
        }
        self
    }

    /// The step's deadline, if it has a term and has started.
    pub fn deadline(&self, step: Step) -> Option<Deadline> {
        let clock = self.steps.get(&step)?;
        clock.due_at.map(|due_at| Deadline { step, due_at })
    }

    /// When the step is due, if it has a term and has started.
    pub fn due_at(&self, step: Step) -> Option<OffsetDateTime> {
        self.deadline(step).map(|d| d.due_at)
    }

    /// True when the step is running past its deadline, or finished after it.
    pub fn is_overdue(&self, step: Step, now: OffsetDateTime) -> bool {
        let Some(clock) = self.steps.get(&step) else {
            return false;
        };
        match (clock.due_at, clock.finished_at) {
            (Some(due), Some(done)) => done > due,
            (Some(due), None) => now > due,
            (None, _) => false,
        }
    }

    /// Every overdue step, in step order.
    pub fn overdue_steps(&self, now: OffsetDateTime) -> Vec<Step> {
        self.steps
            .keys()
            .copied()
            .filter(|&s| self.is_overdue(s, now))
            .collect()
    }

    /// True when any step is overdue: the inbox's red flag.
    pub fn any_overdue(&self, now: OffsetDateTime) -> bool {
        self.steps.keys().any(|&s| self.is_overdue(s, now))
    }

    /// The running (started, not finished) step that is due first: the clock the inbox shows.
    pub fn current(&self) -> Option<Deadline> {
        self.steps
            .iter()
            .filter(|(_, c)| c.finished_at.is_none())
            .filter_map(|(&step, c)| c.due_at.map(|due_at| Deadline { step, due_at }))
            .min_by_key(|d| d.due_at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn status_message_splits_days_hours_minutes() {
        let d = Deadline {
            step: Step::Decide,
            due_at: datetime!(2025-04-15 00:00 +5),
        };
        let msg = d.status(datetime!(2025-04-13 21:30 +5)).localized();
        assert_eq!(msg.key, "deadline-remaining");
        assert_eq!(msg.get("step"), Some("decide"));
        assert_eq!(msg.get("days"), Some("1"));
        assert_eq!(msg.get("hours"), Some("2"));
        assert_eq!(msg.get("minutes"), Some("30"));
        let late = d.status(datetime!(2025-04-15 00:45 +5)).localized();
        assert_eq!(late.key, "deadline-overdue");
        assert_eq!(late.get("minutes"), Some("45"));
    }
}
