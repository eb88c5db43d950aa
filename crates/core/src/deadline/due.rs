//! From "accepted at" and a term to "due at".

use time::{Date, Duration, OffsetDateTime, PrimitiveDateTime, UtcOffset, macros::offset};

use super::Term;
use crate::calendar::Calendar;

/// Office time: UTC+5, the single time zone of Kazakhstan since 1 March 2024. Day boundaries
/// (which day a request was accepted, when a day ends) are taken in this offset.
pub const OFFICE_OFFSET: UtcOffset = offset!(+5);

/// The instant by which a step that started at `accepted_at` must be done, in office time.
///
/// - [`Term::Minutes`]: `accepted_at` plus the minutes.
/// - [`Term::WorkingDays`]`(n)`: the day of acceptance does not count, nor does the day of
///   issue (002:L779: "день приема и день выдачи документов не входят в срок оказания
///   государственной услуги"; also 002:L2990, 004:L261). So the work is due by the end of the
///   n-th working day after the day of acceptance (weekends, holidays and transferred days off
///   skipped, transferred working Saturdays counted), and the document is handed over on the
///   next working day after that ([`issue_date`]). Example: accepted Thursday 20 March 2025,
///   three working days: 21–25 March are Nauryz and its moved days off, so the days are 26, 27
///   and 28 March; due at the end of Friday 28 March, issued Monday 31 March.
/// - [`Term::CalendarDays`]`(n)`: the end of the n-th calendar day after the day of acceptance.
///
/// "The end of a day" is midnight at its close (00:00 of the next day, office time); a step
/// finished at that very instant is on time. Saturates at the last representable instant.
pub fn due_at(accepted_at: OffsetDateTime, term: Term, cal: &Calendar) -> OffsetDateTime {
    due_at_in(accepted_at, term, cal, OFFICE_OFFSET)
}

/// [`due_at`] with day boundaries in another offset (for tests and offices abroad).
pub fn due_at_in(
    accepted_at: OffsetDateTime,
    term: Term,
    cal: &Calendar,
    offset: UtcOffset,
) -> OffsetDateTime {
    let local = accepted_at.checked_to_offset(offset).unwrap_or(accepted_at);
    match term {
        Term::Minutes(n) => local
            .checked_add(Duration::minutes(i64::from(n)))
            .unwrap_or_else(|| max_instant(offset)),
        Term::WorkingDays(_) | Term::CalendarDays(_) => {
            end_of_day(last_day(local.date(), term, cal), offset)
        }
    }
}

/// The day the output document is handed over: the next working day after the last day of a
/// day-counted term (the day of issue is not part of the term, 002:L779), or the day the
/// minutes run out for a minute-counted one.
pub fn issue_date(accepted_at: OffsetDateTime, term: Term, cal: &Calendar) -> Date {
    issue_date_in(accepted_at, term, cal, OFFICE_OFFSET)
}

/// [`issue_date`] with day boundaries in another offset.
pub fn issue_date_in(
    accepted_at: OffsetDateTime,
    term: Term,
    cal: &Calendar,
    offset: UtcOffset,
) -> Date {
    let local = accepted_at.checked_to_offset(offset).unwrap_or(accepted_at);
    match term {
        Term::Minutes(_) => due_at_in(accepted_at, term, cal, offset).date(),
        Term::WorkingDays(_) | Term::CalendarDays(_) => {
            cal.next_working_day(last_day(local.date(), term, cal))
        }
    }
}

/// The last day of a day-counted term that started on `accepted_on`.
fn last_day(accepted_on: Date, term: Term, cal: &Calendar) -> Date {
    match term {
        Term::WorkingDays(n) => cal.add_working_days(accepted_on, n),
        Term::CalendarDays(n) => accepted_on
            .checked_add(Duration::days(i64::from(n)))
            .unwrap_or(Date::MAX),
        Term::Minutes(_) => accepted_on,
    }
}

/// 00:00 of the day after `day`, in `offset`.
fn end_of_day(day: Date, offset: UtcOffset) -> OffsetDateTime {
    day.next_day().map_or_else(
        || max_instant(offset),
        |d| d.midnight().assume_offset(offset),
    )
}

fn max_instant(offset: UtcOffset) -> OffsetDateTime {
    PrimitiveDateTime::MAX.assume_offset(offset)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn acceptance_late_in_the_evening_utc_belongs_to_the_next_office_day() {
        let cal = Calendar::default();
        // 20:00 UTC on Thursday is 01:00 Friday in the office.
        let accepted = datetime!(2025-04-10 20:00 UTC);
        let due = due_at(accepted, Term::WorkingDays(1), &cal);
        assert_eq!(due, datetime!(2025-04-15 00:00 +5));
        assert_eq!(due.offset(), OFFICE_OFFSET);
    }

    #[test]
    fn minutes_are_wall_clock() {
        let cal = Calendar::default();
        let accepted = datetime!(2025-04-12 10:50 +5);
        assert_eq!(
            due_at(accepted, Term::Minutes(15), &cal),
            datetime!(2025-04-12 11:05 +5)
        );
        assert_eq!(
            issue_date(accepted, Term::Minutes(15), &cal),
            time::macros::date!(2025 - 04 - 12)
        );
    }
}
