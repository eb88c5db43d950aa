//! The configurable periods of a queue entry: choice window, referral validity, stop-list.

use serde::{Deserialize, Serialize};
use time::{Date, Duration};

use crate::calendar::Calendar;

/// How long each queue period lasts. The defaults follow the current national rules: a choice
/// window of 3 working days after the offer, a referral valid 5 working days from issue and a
/// 10-day stop-list after an annulled referral. The day the period starts never counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default, rename_all = "kebab-case", deny_unknown_fields)]
pub struct QueueTerms {
    /// Working days the applicant has to answer an offer.
    pub choice_window_working_days: u32,
    /// Working days a referral stays valid.
    pub referral_working_days: u32,
    /// Calendar days an entry sits out after its referral was annulled.
    pub stop_list_days: u32,
}

impl Default for QueueTerms {
    fn default() -> Self {
        Self {
            choice_window_working_days: 3,
            referral_working_days: 5,
            stop_list_days: 10,
        }
    }
}

impl QueueTerms {
    /// The last day on which an offer made on `offered_on` can still be answered.
    pub fn choice_window_ends(&self, offered_on: Date, cal: &Calendar) -> Date {
        cal.add_working_days(offered_on, self.choice_window_working_days)
    }

    /// The last day on which a referral issued on `issued_on` can be used.
    pub fn referral_valid_until(&self, issued_on: Date, cal: &Calendar) -> Date {
        cal.add_working_days(issued_on, self.referral_working_days)
    }

    /// The last day of the stop-list for a referral annulled on `annulled_on`; the entry is back
    /// in the queue the day after. Saturates at the last representable date.
    pub fn stop_list_until(&self, annulled_on: Date) -> Date {
        annulled_on
            .checked_add(Duration::days(i64::from(self.stop_list_days)))
            .unwrap_or(Date::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn periods_skip_weekends_and_count_from_the_next_day() {
        let cal = Calendar::default();
        let terms = QueueTerms::default();
        // Thursday offer: Fri, Mon, Tue.
        assert_eq!(
            terms.choice_window_ends(date!(2025 - 04 - 10), &cal),
            date!(2025 - 04 - 15)
        );
        // Monday referral: Tue … Mon.
        assert_eq!(
            terms.referral_valid_until(date!(2025 - 04 - 14), &cal),
            date!(2025 - 04 - 21)
        );
        assert_eq!(
            terms.stop_list_until(date!(2025 - 04 - 25)),
            date!(2025 - 05 - 05)
        );
    }
}
