//! One year's days off, derived from the rules and rows of a [`Calendar`].

use std::collections::BTreeMap;

use time::Date;

use super::{Calendar, Names, is_weekend};

impl Calendar {
    /// Every day off in `year` that is not a plain weekend day (holidays that fall on a weekend
    /// are included), each with the name of the holiday it belongs to.
    pub(super) fn days_off(&self, year: i32) -> BTreeMap<Date, &Names> {
        // A holiday late in December can push its day off into January, and a January holiday
        // can block a December shift, so the neighbouring years take part.
        let mut base: BTreeMap<Date, (&Names, bool)> = BTreeMap::new();
        for y in [year - 1, year, year + 1] {
            for f in &self.fixed {
                if let Ok(d) = Date::from_calendar_date(y, f.month, f.day) {
                    base.entry(d).or_insert((&f.names, f.shifts));
                }
            }
            for (d, names) in self.dated.iter().filter(|(d, _)| d.year() == y) {
                base.entry(*d).or_insert((names, false));
            }
        }
        let mut off: BTreeMap<Date, &Names> = base.iter().map(|(d, (n, _))| (*d, *n)).collect();
        for (&holiday, &(names, shifts)) in &base {
            if !shifts || !is_weekend(holiday) || holiday.year() > year {
                continue;
            }
            let mut candidate = holiday.next_day();
            while let Some(day) = candidate {
                if !is_weekend(day) && !off.contains_key(&day) {
                    off.insert(day, names);
                    break;
                }
                candidate = day.next_day();
            }
        }
        off.retain(|d, _| d.year() == year);
        off
    }
}

/// Answers "is this a working day?" for consecutive days without recomputing each year.
pub(super) struct YearCache<'a> {
    calendar: &'a Calendar,
    year: Option<(i32, BTreeMap<Date, &'a Names>)>,
}

impl<'a> YearCache<'a> {
    pub(super) fn new(calendar: &'a Calendar) -> Self {
        Self {
            calendar,
            year: None,
        }
    }

    pub(super) fn is_working_day(&mut self, date: Date) -> bool {
        if self.calendar.working.contains(&date) {
            return true;
        }
        if is_weekend(date) {
            return false;
        }
        let y = date.year();
        let off = match &mut self.year {
            Some((cached, off)) if *cached == y => off,
            slot => &slot.insert((y, self.calendar.days_off(y))).1,
        };
        !off.contains_key(&date)
    }
}
