//! Due dates across Kazakhstan's weekends, holidays and transferred days, with real dates.

// Test helpers outside #[test] functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::panic)]

use tereze_core::calendar::Calendar;
use tereze_core::deadline::{
    OFFICE_OFFSET, RequestDeadlines, Step, Term, due_at, due_at_in, issue_date,
};
use time::macros::{date, datetime, offset};
use time::{Date, Duration};

fn cal() -> Calendar {
    Calendar::builtin().unwrap()
}

fn off_days(cal: &Calendar, from: Date, to: Date) -> Vec<Date> {
    let mut out = Vec::new();
    let mut d = from;
    while d <= to {
        if !cal.is_working_day(d) {
            out.push(d);
        }
        d = d.next_day().unwrap();
    }
    out
}

#[test]
fn march_2025_holidays_move_off_the_weekend() {
    let cal = cal();
    // 8 March is a Saturday: Monday 10 March is off. Nauryz 21–23 March is Friday to Sunday:
    // Monday 24 and Tuesday 25 March are off.
    assert_eq!(
        off_days(&cal, date!(2025 - 03 - 07), date!(2025 - 03 - 31)),
        [
            date!(2025 - 03 - 08),
            date!(2025 - 03 - 09),
            date!(2025 - 03 - 10),
            date!(2025 - 03 - 15),
            date!(2025 - 03 - 16),
            date!(2025 - 03 - 21),
            date!(2025 - 03 - 22),
            date!(2025 - 03 - 23),
            date!(2025 - 03 - 24),
            date!(2025 - 03 - 25),
            date!(2025 - 03 - 29),
            date!(2025 - 03 - 30),
        ]
    );
    let moved = cal.holiday_name(date!(2025 - 03 - 10)).unwrap();
    assert_eq!(moved.ru, "Международный женский день");
    assert_eq!(
        cal.holiday_name(date!(2025 - 03 - 25)).unwrap().kk,
        "Наурыз мейрамы"
    );
    assert_eq!(cal.holiday_name(date!(2025 - 03 - 26)), None);
}

#[test]
fn three_working_days_from_friday_7_march_2025_skip_8_march_and_its_moved_day_off() {
    let cal = cal();
    let accepted = datetime!(2025-03-07 15:20 +5);
    let term = Term::WorkingDays(3);
    // Not Saturday 8, Sunday 9, Monday 10 (8 March moved): 11, 12, 13 March.
    assert_eq!(due_at(accepted, term, &cal), datetime!(2025-03-14 00:00 +5));
    assert_eq!(issue_date(accepted, term, &cal), date!(2025 - 03 - 14));
}

#[test]
fn ten_working_days_from_7_march_2025_cross_8_march_and_nauryz() {
    let cal = cal();
    let accepted = datetime!(2025-03-07 09:00 +5);
    let term = Term::WorkingDays(10);
    // 11, 12, 13, 14, 17, 18, 19, 20, (Nauryz 21–25) 26, 27.
    assert_eq!(due_at(accepted, term, &cal), datetime!(2025-03-28 00:00 +5));
    assert_eq!(issue_date(accepted, term, &cal), date!(2025 - 03 - 28));
}

#[test]
fn three_working_days_before_nauryz_2025_end_on_friday_28_march() {
    let cal = cal();
    let accepted = datetime!(2025-03-20 11:00 +5);
    let term = Term::WorkingDays(3);
    assert_eq!(due_at(accepted, term, &cal), datetime!(2025-03-29 00:00 +5));
    // The day of issue is outside the term: the next working day, Monday 31 March.
    assert_eq!(issue_date(accepted, term, &cal), date!(2025 - 03 - 31));
}

#[test]
fn the_transferred_working_sunday_5_january_2025_counts() {
    let cal = cal();
    assert!(!cal.is_working_day(date!(2025 - 01 - 03)));
    assert!(cal.is_working_day(date!(2025 - 01 - 05)));
    assert_eq!(cal.holiday_name(date!(2025 - 01 - 05)), None);
    let accepted = datetime!(2024-12-31 16:00 +5);
    // 1–2 January holidays, 3 January transferred day off, 4 January Saturday,
    // 5 January working Sunday (1), 6 January (2), 7 January Christmas, 8 January (3).
    assert_eq!(
        due_at(accepted, Term::WorkingDays(3), &cal),
        datetime!(2025-01-09 00:00 +5)
    );
}

#[test]
fn the_transferred_working_saturday_4_may_2024_counts() {
    let cal = cal();
    assert!(cal.is_working_day(date!(2024 - 05 - 04)));
    assert!(!cal.is_working_day(date!(2024 - 05 - 08)));
    let accepted = datetime!(2024-05-03 10:00 +5);
    // Saturday 4 May (1), Monday 6 May (2); then 7, 8, 9 May are off, so issue on Friday 10 May.
    assert_eq!(
        due_at(accepted, Term::WorkingDays(2), &cal),
        datetime!(2024-05-07 00:00 +5)
    );
    assert_eq!(
        issue_date(accepted, Term::WorkingDays(2), &cal),
        date!(2024 - 05 - 10)
    );
}

#[test]
fn nauryz_2026_on_saturday_to_monday_gives_two_moved_days_off() {
    let cal = cal();
    assert_eq!(
        off_days(&cal, date!(2026 - 03 - 20), date!(2026 - 03 - 27)),
        [
            date!(2026 - 03 - 21),
            date!(2026 - 03 - 22),
            date!(2026 - 03 - 23),
            date!(2026 - 03 - 24),
            date!(2026 - 03 - 25),
        ]
    );
}

#[test]
fn other_2024_to_2027_days_off() {
    let cal = cal();
    for off in [
        date!(2024 - 03 - 25), // Nauryz Saturday 23 moved
        date!(2024 - 06 - 17), // Kurban Ait
        date!(2024 - 07 - 08), // Capital Day on Saturday moved
        date!(2025 - 06 - 06), // Kurban Ait
        date!(2025 - 07 - 07), // Capital Day on Sunday moved
        date!(2025 - 09 - 01), // Constitution Day on Saturday moved
        date!(2025 - 10 - 27), // Republic Day on Saturday moved
        date!(2025 - 12 - 16),
        date!(2026 - 03 - 09), // 8 March on Sunday moved
        date!(2026 - 05 - 27), // Kurban Ait
        date!(2027 - 01 - 04), // 2 January on Saturday moved
        date!(2027 - 05 - 03), // 1 May on Saturday moved
        date!(2027 - 05 - 10), // 9 May on Sunday moved
    ] {
        assert!(!cal.is_working_day(off), "{off} should be a day off");
    }
    for work in [
        date!(2024 - 01 - 08), // 7 January on Sunday: religious, not moved
        date!(2025 - 12 - 17), // no longer a holiday
        date!(2027 - 05 - 17), // Kurban Ait estimate on Sunday: not moved
        date!(2025 - 03 - 26),
    ] {
        assert!(cal.is_working_day(work), "{work} should be a working day");
    }
}

#[test]
fn a_december_holiday_can_move_its_day_off_into_january() {
    let csv = "kind,date,name_kk,name_ru,name_en,note\n\
        fixed,12-31,a,b,c,\nfixed,01-01,d,e,f,\nfixed,01-02,d,e,f,\n";
    let cal = Calendar::from_csv(csv).unwrap();
    // 31 Dec 2022 Saturday, 1 Jan 2023 Sunday, 2 Jan Monday holiday: 3 and 4 January are off.
    assert!(!cal.is_working_day(date!(2023 - 01 - 03)));
    assert!(!cal.is_working_day(date!(2023 - 01 - 04)));
    assert!(cal.is_working_day(date!(2023 - 01 - 05)));
    assert_eq!(cal.holiday_name(date!(2023 - 01 - 03)).unwrap().en, "c");
}

#[test]
fn minutes_and_calendar_days() {
    let cal = cal();
    let accepted = datetime!(2025-03-20 17:55 +5);
    assert_eq!(
        due_at(accepted, Term::Minutes(10), &cal),
        datetime!(2025-03-20 18:05 +5)
    );
    // Calendar days ignore holidays; the day of acceptance is excluded.
    assert_eq!(
        due_at(accepted, Term::CalendarDays(3), &cal),
        datetime!(2025-03-24 00:00 +5)
    );
    // Issued on the next working day after the last day (23 March): 24 and 25 are off.
    assert_eq!(
        issue_date(accepted, Term::CalendarDays(3), &cal),
        date!(2025 - 03 - 26)
    );
}

#[test]
fn the_office_day_is_the_day_in_utc_plus_5() {
    let cal = cal();
    // 21:30 UTC on Thursday 6 March is 02:30 on Friday 7 March in the office.
    let accepted = datetime!(2025-03-06 21:30 UTC);
    assert_eq!(
        due_at(accepted, Term::WorkingDays(3), &cal),
        datetime!(2025-03-14 00:00 +5)
    );
    // The same instant counted in UTC belongs to Thursday: 7, 11, 12 March.
    assert_eq!(
        due_at_in(accepted, Term::WorkingDays(3), &cal, offset!(UTC)),
        datetime!(2025-03-13 00:00 UTC)
    );
    assert_eq!(OFFICE_OFFSET, offset!(+5));
}

#[test]
fn a_request_through_the_con_channel_is_tracked_step_by_step() {
    let cal = cal();
    let terms = [
        (Step::Intake, Term::Minutes(10)),
        (Step::Accept, Term::Minutes(10)),
        (Step::Decide, Term::WorkingDays(3)),
        (Step::Issue, Term::Minutes(10)),
    ];
    let intake = datetime!(2025-03-20 10:00 +5);
    let accept = datetime!(2025-03-20 10:12 +5);
    let started = [
        (Step::Intake, intake),
        (Step::Accept, accept),
        (Step::Decide, accept),
    ];
    let deadlines = RequestDeadlines::new(&terms, &started, &cal)
        .finished(Step::Intake, datetime!(2025-03-20 10:08 +5))
        .finished(Step::Accept, datetime!(2025-03-20 10:25 +5));

    assert_eq!(
        deadlines.due_at(Step::Intake),
        Some(datetime!(2025-03-20 10:10 +5))
    );
    assert_eq!(
        deadlines.due_at(Step::Decide),
        Some(datetime!(2025-03-29 00:00 +5))
    );
    assert_eq!(deadlines.due_at(Step::Issue), None, "not started yet");

    // Acceptance took 13 minutes against 10: overdue for good, even though it finished.
    let now = datetime!(2025-03-27 12:00 +5);
    assert!(!deadlines.is_overdue(Step::Intake, now));
    assert!(deadlines.is_overdue(Step::Accept, now));
    assert!(!deadlines.is_overdue(Step::Decide, now));
    assert_eq!(deadlines.overdue_steps(now), [Step::Accept]);

    let current = deadlines.current().unwrap();
    assert_eq!(current.step, Step::Decide);
    assert_eq!(current.remaining(now), Duration::hours(36));
    assert!(!current.is_overdue(datetime!(2025-03-29 00:00 +5)));
    assert!(current.is_overdue(datetime!(2025-03-29 00:00:01 +5)));

    let later = datetime!(2025-03-31 09:00 +5);
    assert_eq!(deadlines.overdue_steps(later), [Step::Accept, Step::Decide]);
    assert!(deadlines.any_overdue(later));
    assert_eq!(current.remaining(later), -Duration::hours(57));

    // An intake nobody closed keeps running, and is overdue.
    let unclosed = RequestDeadlines::new(&terms, &started, &cal)
        .finished(Step::Accept, datetime!(2025-03-20 10:20 +5));
    assert_eq!(unclosed.overdue_steps(now), [Step::Intake]);
    let on_time = unclosed.finished(Step::Intake, datetime!(2025-03-20 10:10 +5));
    assert!(!on_time.any_overdue(now));
}

#[test]
fn a_preschool_request_at_a_con_is_due_by_the_regulation_terms() {
    use tereze_core::channel::Channel;
    use tereze_core::regulation::Registry;

    let registry = Registry::builtin().unwrap();
    let preschool = registry.get("preschool-queue").unwrap();
    let terms = preschool.terms(Channel::Con);
    assert_eq!(
        terms.iter().find(|(s, _)| *s == Step::Decide),
        Some(&(Step::Decide, Term::WorkingDays(3)))
    );
    // Handed in at a ЦОН on Friday 7 March 2025, taken into work at the department at 14:10.
    let accepted = datetime!(2025-03-07 14:10 +5);
    let deadlines = RequestDeadlines::new(
        &terms,
        &[
            (Step::Intake, datetime!(2025-03-07 10:00 +5)),
            (Step::Decide, accepted),
        ],
        &cal(),
    );
    // 8–10 March are off (Saturday, Sunday, 8 March moved to Monday): the three working days
    // after the day of acceptance are 11, 12 and 13 March.
    assert_eq!(
        deadlines.due_at(Step::Decide),
        Some(datetime!(2025-03-14 00:00 +5))
    );
    assert!(!deadlines.is_overdue(Step::Decide, datetime!(2025-03-13 17:30 +5)));
    assert!(deadlines.is_overdue(Step::Decide, datetime!(2025-03-14 09:00 +5)));
    // The intake at the counter had 30 minutes.
    assert!(deadlines.is_overdue(Step::Intake, datetime!(2025-03-07 10:31 +5)));
}
