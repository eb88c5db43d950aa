//! Reading the holiday CSV into a [`Calendar`], with line-numbered errors.

use std::collections::BTreeMap;

use thiserror::Error;
use time::{Date, Month, macros::format_description};

use super::{Calendar, FixedHoliday, Names, is_weekend};
use crate::i18n::{Localize, Localized};
use crate::text::csv_record_line;

/// The columns the calendar CSV must have, in order.
const HEADER: [&str; 6] = ["kind", "date", "name_kk", "name_ru", "name_en", "note"];

/// Why a calendar file was refused; `line` is the 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    /// The text is not well-formed CSV (for example an unclosed quote).
    #[error("line {line}: not well-formed CSV")]
    Csv {
        /// Where reading stopped.
        line: u64,
    },
    /// The first row is not `kind,date,name_kk,name_ru,name_en,note`.
    #[error("the header must be kind,date,name_kk,name_ru,name_en,note")]
    Header,
    /// A row with the wrong number of columns.
    #[error("line {line}: expected 6 columns, found {found}")]
    Columns {
        /// The row's line.
        line: u64,
        /// How many columns it has.
        found: usize,
    },
    /// The kind is none of the known ones.
    #[error("line {line}: unknown kind {kind:?}")]
    Kind {
        /// The row's line.
        line: u64,
        /// The kind as written.
        kind: String,
    },
    /// The date is not `MM-DD` (fixed kinds) or `YYYY-MM-DD` (dated kinds), or not a real date.
    #[error("line {line}: {value:?} is not a valid date here")]
    Date {
        /// The row's line.
        line: u64,
        /// The date as written.
        value: String,
    },
    /// One of the three names is empty.
    #[error("line {line}: a row needs its Kazakh, Russian and English names")]
    MissingName {
        /// The row's line.
        line: u64,
    },
    /// A `transfer-work` row on a weekday, which is a working day anyway.
    #[error("line {line}: a transferred working day must be a Saturday or Sunday")]
    NotWeekend {
        /// The row's line.
        line: u64,
    },
    /// A `transfer-off` row on a weekend, which is a day off anyway.
    #[error("line {line}: a transferred day off must be a weekday")]
    NotWeekday {
        /// The row's line.
        line: u64,
    },
    /// The same day is listed twice with the same kind.
    #[error("line {line}: this day is already listed on line {first}")]
    Duplicate {
        /// The second row's line.
        line: u64,
        /// The first row's line.
        first: u64,
    },
}

impl Localize for CalendarError {
    fn localized(&self) -> Localized {
        match self {
            CalendarError::Csv { line } => Localized::new("calendar-csv").arg("line", line),
            CalendarError::Header => Localized::new("calendar-header"),
            CalendarError::Columns { line, found } => Localized::new("calendar-columns")
                .arg("line", line)
                .arg("count", found),
            CalendarError::Kind { line, kind } => Localized::new("calendar-kind")
                .arg("line", line)
                .arg("kind", kind),
            CalendarError::Date { line, value } => Localized::new("calendar-date")
                .arg("line", line)
                .arg("value", value),
            CalendarError::MissingName { line } => {
                Localized::new("calendar-missing-name").arg("line", line)
            }
            CalendarError::NotWeekend { line } => {
                Localized::new("calendar-not-weekend").arg("line", line)
            }
            CalendarError::NotWeekday { line } => {
                Localized::new("calendar-not-weekday").arg("line", line)
            }
            CalendarError::Duplicate { line, first } => Localized::new("calendar-duplicate")
                .arg("line", line)
                .arg("first", first),
        }
    }
}

/// What a row says, before it is added to the calendar.
enum Row {
    Fixed { month: Month, day: u8, shifts: bool },
    DayOff(Date),
    Working(Date),
}

pub(super) fn parse(text: &str) -> Result<Calendar, CalendarError> {
    let cleaned = blank_comments(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(cleaned.as_bytes());
    let header = reader.headers().map_err(|e| CalendarError::Csv {
        line: error_line(&cleaned, &e),
    })?;
    if !header.iter().eq(HEADER) {
        return Err(CalendarError::Header);
    }
    let mut cal = Calendar::default();
    let mut seen: BTreeMap<(u8, i32, u8, u8), u64> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| CalendarError::Csv {
            line: error_line(&cleaned, &e),
        })?;
        let line = record
            .position()
            .map_or(0, |p| csv_record_line(&cleaned, p.byte()));
        if record.len() != HEADER.len() {
            return Err(CalendarError::Columns {
                line,
                found: record.len(),
            });
        }
        let field = |i: usize| record.get(i).unwrap_or_default();
        let row = parse_row(line, field(0), field(1))?;
        let names = Names {
            kk: field(2).to_owned(),
            ru: field(3).to_owned(),
            en: field(4).to_owned(),
        };
        if names.kk.is_empty() || names.ru.is_empty() || names.en.is_empty() {
            return Err(CalendarError::MissingName { line });
        }
        let key = match row {
            Row::Fixed { month, day, .. } => (0, 0, u8::from(month), day),
            Row::DayOff(d) => (1, d.year(), u8::from(d.month()), d.day()),
            Row::Working(d) => (2, d.year(), u8::from(d.month()), d.day()),
        };
        if let Some(&first) = seen.get(&key) {
            return Err(CalendarError::Duplicate { line, first });
        }
        seen.insert(key, line);
        match row {
            Row::Fixed { month, day, shifts } => cal.fixed.push(FixedHoliday {
                month,
                day,
                names,
                shifts,
            }),
            Row::DayOff(d) => {
                cal.dated.insert(d, names);
            }
            Row::Working(d) => {
                cal.working.insert(d);
            }
        }
    }
    Ok(cal)
}

fn parse_row(line: u64, kind: &str, date: &str) -> Result<Row, CalendarError> {
    let bad_date = || CalendarError::Date {
        line,
        value: date.to_owned(),
    };
    match kind {
        "fixed" | "fixed-religious" => {
            let (month, day) = parse_month_day(date).ok_or_else(bad_date)?;
            Ok(Row::Fixed {
                month,
                day,
                shifts: kind == "fixed",
            })
        }
        "movable" => Ok(Row::DayOff(parse_date(date).ok_or_else(bad_date)?)),
        "transfer-off" => {
            let d = parse_date(date).ok_or_else(bad_date)?;
            if is_weekend(d) {
                return Err(CalendarError::NotWeekday { line });
            }
            Ok(Row::DayOff(d))
        }
        "transfer-work" => {
            let d = parse_date(date).ok_or_else(bad_date)?;
            if !is_weekend(d) {
                return Err(CalendarError::NotWeekend { line });
            }
            Ok(Row::Working(d))
        }
        other => Err(CalendarError::Kind {
            line,
            kind: other.to_owned(),
        }),
    }
}

/// `MM-DD`, valid in a leap year (so `02-29` is accepted and simply absent in other years).
fn parse_month_day(s: &str) -> Option<(Month, u8)> {
    let (m, d) = s.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
    let day = d.parse::<u8>().ok()?;
    Date::from_calendar_date(2000, month, day).ok()?;
    Some((month, day))
}

/// `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<Date> {
    Date::parse(s, format_description!("[year]-[month]-[day]")).ok()
}

fn error_line(text: &str, e: &csv::Error) -> u64 {
    e.position().map_or(0, |p| csv_record_line(text, p.byte()))
}

/// The text with every `#` comment line emptied but kept, so that the CSV reader's line numbers
/// (which skip its own comments) stay the lines of the file.
fn blank_comments(text: &str) -> String {
    text.split_inclusive('\n')
        .map(|line| {
            if line.trim_start().starts_with('#') {
                &line[line.trim_end_matches(['\r', '\n']).len()..]
            } else {
                line
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = "kind,date,name_kk,name_ru,name_en,note\n";

    fn parse_body(body: &str) -> Result<Calendar, CalendarError> {
        Calendar::from_csv(&format!("{HEAD}{body}"))
    }

    #[test]
    fn errors_carry_the_line_of_the_bad_row() {
        let err =
            parse_body("fixed,01-01,Жаңа жыл,Новый год,New Year,\n# comment\nfixed,13-01,a,b,c,\n")
                .unwrap_err();
        assert_eq!(
            err,
            CalendarError::Date {
                line: 4,
                value: "13-01".into()
            }
        );
        assert_eq!(err.localized().get("line"), Some("4"));
    }

    #[test]
    fn each_kind_of_bad_row_has_its_error() {
        assert_eq!(
            parse_body("holiday,01-01,a,b,c,\n"),
            Err(CalendarError::Kind {
                line: 2,
                kind: "holiday".into()
            })
        );
        assert_eq!(
            parse_body("fixed,01-01,a,b\n"),
            Err(CalendarError::Columns { line: 2, found: 4 })
        );
        assert_eq!(
            parse_body("fixed,02-30,a,b,c,\n"),
            Err(CalendarError::Date {
                line: 2,
                value: "02-30".into()
            })
        );
        assert_eq!(
            parse_body("movable,2025-6-6,a,b,c,\n"),
            Err(CalendarError::Date {
                line: 2,
                value: "2025-6-6".into()
            })
        );
        assert_eq!(
            parse_body("fixed,01-01,,b,c,\n"),
            Err(CalendarError::MissingName { line: 2 })
        );
        // 2025-01-06 is a Monday, 2025-01-04 a Saturday.
        assert_eq!(
            parse_body("transfer-work,2025-01-06,a,b,c,\n"),
            Err(CalendarError::NotWeekend { line: 2 })
        );
        assert_eq!(
            parse_body("transfer-off,2025-01-04,a,b,c,\n"),
            Err(CalendarError::NotWeekday { line: 2 })
        );
        assert_eq!(
            parse_body("fixed,05-01,a,b,c,\nfixed,05-01,d,e,f,\n"),
            Err(CalendarError::Duplicate { line: 3, first: 2 })
        );
        assert_eq!(
            Calendar::from_csv("kind,date,name\n"),
            Err(CalendarError::Header)
        );
    }

    #[test]
    fn line_numbers_count_comments_blank_lines_and_crlf() {
        let text = "# a comment\r\n# another\r\nkind,date,name_kk,name_ru,name_en,note\r\n\r\n\
            fixed,01-01,a,b,c,\r\n  # indented comment\r\n\r\nmovable,2025-02-30,a,b,c,\r\n";
        assert_eq!(
            Calendar::from_csv(text),
            Err(CalendarError::Date {
                line: 8,
                value: "2025-02-30".into()
            })
        );
        let unclosed = format!("{HEAD}fixed,01-01,a,b,c,\n\nfixed,\"01-02,a,b,c,\n");
        assert!(matches!(
            Calendar::from_csv(&unclosed),
            Err(CalendarError::Columns { line: 4, .. } | CalendarError::Csv { line: 4 })
        ));
    }

    #[test]
    fn leap_day_is_accepted_as_fixed() {
        let cal = parse_body("fixed,02-29,a,b,c,\n").unwrap();
        assert!(!cal.is_working_day(time::macros::date!(2028 - 02 - 29)));
    }
}
