//! Kazakhstan's working-day calendar: weekends, public holidays and the yearly transfers.
//!
//! The rules come from the Labour Code (art. 84–85) and the Law "On holidays in the Republic of
//! Kazakhstan": every national and state holiday is a day off, and when one falls on a Saturday
//! or Sunday the next working day after it is a day off. The religious days off (7 January,
//! Orthodox Christmas; the first day of Kurban Ait) are not holidays under that law, so they do
//! not move. Kurban Ait follows the lunar calendar and the government moves days off between
//! weekdays and weekends each year, so those are dated rows of data, not rules.
//!
//! The data is a CSV file (`assets/reference/holidays.csv`, see [`Calendar::from_csv`]) so that
//! an administrator can add next year's dates without a new release. Only Saturday and Sunday
//! are weekend days: the offices work a five-day week.

mod parse;
mod year;

use std::collections::{BTreeMap, BTreeSet};

use time::{Date, Month, Weekday};

pub use parse::CalendarError;

/// A holiday's name in the three languages of the workstation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

/// A holiday on the same month and day every year.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FixedHoliday {
    month: Month,
    day: u8,
    names: Names,
    /// Whether the weekend-shift rule applies (false for religious days off).
    shifts: bool,
}

/// Which days are working days; built from the CSV data.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    fixed: Vec<FixedHoliday>,
    /// Dated days off: movable holidays and transferred days off.
    dated: BTreeMap<Date, Names>,
    /// Weekend days the government made working days.
    working: BTreeSet<Date>,
}

/// The calendar shipped with the workstation.
const BUILTIN_CSV: &str = include_str!("../../../assets/reference/holidays.csv");

impl Calendar {
    /// The calendar shipped with the workstation (`assets/reference/holidays.csv`).
    pub fn builtin() -> Result<Self, CalendarError> {
        Self::from_csv(BUILTIN_CSV)
    }

    /// Parses the calendar CSV: header `kind,date,name_kk,name_ru,name_en,note`, `#` comments.
    ///
    /// Kinds: `fixed` (date `MM-DD`, every year, moves off a weekend), `fixed-religious` (`MM-DD`,
    /// every year, never moves), `movable` (a dated day off such as Kurban Ait, `YYYY-MM-DD`),
    /// `transfer-off` (an extra dated day off on a weekday) and `transfer-work` (a dated Saturday
    /// or Sunday that is a working day). A bad row is reported with its line number.
    pub fn from_csv(text: &str) -> Result<Self, CalendarError> {
        parse::parse(text)
    }

    /// True when offices work on `date`.
    pub fn is_working_day(&self, date: Date) -> bool {
        if self.working.contains(&date) {
            return true;
        }
        !is_weekend(date) && !self.days_off(date.year()).contains_key(&date)
    }

    /// The holiday that makes `date` a day off (for a day off moved off a weekend, the holiday it
    /// replaces), or `None` for ordinary days and plain weekends.
    pub fn holiday_name(&self, date: Date) -> Option<&Names> {
        self.days_off(date.year()).get(&date).copied()
    }

    /// The `n`-th working day after `date` (`date` itself never counts; `n = 0` gives `date`).
    /// Saturates at the last representable date.
    pub fn add_working_days(&self, date: Date, n: u32) -> Date {
        let mut year = year::YearCache::new(self);
        let mut current = date;
        let mut left = n;
        while left > 0 {
            let Some(next) = current.next_day() else {
                return current;
            };
            current = next;
            if year.is_working_day(current) {
                left -= 1;
            }
        }
        current
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: Date) -> Date {
        self.add_working_days(date, 1)
    }
}

/// Saturday or Sunday.
fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn builtin_file_parses() {
        let cal = Calendar::builtin().unwrap();
        assert!(!cal.is_working_day(date!(2025 - 03 - 21)));
        assert!(cal.is_working_day(date!(2025 - 03 - 26)));
    }

    #[test]
    fn empty_calendar_only_knows_weekends() {
        let cal = Calendar::default();
        assert!(cal.is_working_day(date!(2025 - 01 - 01)));
        assert!(!cal.is_working_day(date!(2025 - 01 - 04)));
        assert_eq!(
            cal.add_working_days(date!(2025 - 01 - 03), 1),
            date!(2025 - 01 - 06)
        );
        assert_eq!(
            cal.add_working_days(date!(2025 - 01 - 03), 0),
            date!(2025 - 01 - 03)
        );
    }
}
