//! Dates as typed at the counter (`dd.mm.yyyy`, also `d.m.yyyy` and `dd/mm/yyyy`) or as machines
//! write them (`yyyy-mm-dd`). Stored as `yyyy-mm-dd` so that requests compare and sort the same
//! everywhere.

use thiserror::Error;
use time::{Date, Month};

use crate::i18n::{Localize, Localized};

/// Why a string is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DateError {
    /// Not `dd.mm.yyyy` or `yyyy-mm-dd`.
    #[error("a date is written dd.mm.yyyy")]
    Format,
    /// The shape is right but no such day exists (31.02, month 13, …).
    #[error("no such date")]
    NotReal,
}

impl Localize for DateError {
    fn localized(&self) -> Localized {
        match self {
            DateError::Format => Localized::new("date-format"),
            DateError::NotReal => Localized::new("date-not-real"),
        }
    }
}

/// Parses a date.
pub fn parse(input: &str) -> Result<Date, DateError> {
    let s = input.trim();
    let (year, month, day) = if let Some(parts) = split3(s, '-') {
        let [y, m, d] = parts;
        (number(y, 4, 4)?, number(m, 1, 2)?, number(d, 1, 2)?)
    } else if let Some(parts) = split3(s, '.').or_else(|| split3(s, '/')) {
        let [d, m, y] = parts;
        (number(y, 4, 4)?, number(m, 1, 2)?, number(d, 1, 2)?)
    } else {
        return Err(DateError::Format);
    };
    let year = i32::try_from(year).map_err(|_| DateError::NotReal)?;
    let month = u8::try_from(month)
        .ok()
        .and_then(|m| Month::try_from(m).ok())
        .ok_or(DateError::NotReal)?;
    let day = u8::try_from(day).map_err(|_| DateError::NotReal)?;
    Date::from_calendar_date(year, month, day).map_err(|_| DateError::NotReal)
}

/// The stored form, `yyyy-mm-dd`.
pub fn to_stored(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day())
}

fn split3(s: &str, sep: char) -> Option<[&str; 3]> {
    let mut it = s.split(sep);
    let parts = [it.next()?, it.next()?, it.next()?];
    it.next().is_none().then_some(parts)
}

fn number(s: &str, min_len: usize, max_len: usize) -> Result<u32, DateError> {
    if s.len() < min_len || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(DateError::Format);
    }
    s.parse().map_err(|_| DateError::Format)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn counter_and_iso_forms_agree() {
        for typed in [
            "08.03.2021",
            "8.3.2021",
            "08/03/2021",
            "2021-03-08",
            " 2021-3-8 ",
        ] {
            assert_eq!(parse(typed), Ok(date!(2021 - 03 - 08)), "{typed}");
        }
        assert_eq!(to_stored(date!(2021 - 03 - 08)), "2021-03-08");
    }

    #[test]
    fn impossible_and_garbled_dates_fail() {
        assert_eq!(parse("31.02.2021"), Err(DateError::NotReal));
        assert_eq!(parse("01.13.2021"), Err(DateError::NotReal));
        assert_eq!(parse("1.1.21"), Err(DateError::Format));
        assert_eq!(parse("2021.03.08"), Err(DateError::Format));
        assert_eq!(parse("вчера"), Err(DateError::Format));
        assert_eq!(parse(""), Err(DateError::Format));
    }
}
