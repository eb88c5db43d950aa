//! The individual identification number (ИИН / ЖСН).
//!
//! Digits 1–6 are the birth date (YYMMDD), digit 7 the century and sex (1/2 = 1800s, 3/4 = 1900s,
//! 5/6 = 2000s, odd = male), digits 8–11 a serial and digit 12 the control digit: Σ aᵢ·i mod 11
//! for i = 1..11; if that is 10, the weights 3..11, 1, 2; if 10 again the number is never issued.
//! A typo in digit 11 passes the control digit most of the time, so forms also cross-check the
//! date and sex against what was entered separately ([`Iin::check_person`]).

use std::fmt;

use thiserror::Error;
use time::{Date, Month};

use crate::i18n::{Localize, Localized};

/// A valid IIN: twelve digits, a real birth date, a defined century digit and a matching control
/// digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Iin([u8; 12]);

/// The sex encoded in digit 7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sex {
    /// Odd century digit.
    Male,
    /// Even century digit.
    Female,
}

impl Sex {
    /// The stable name used in forms and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "male" => Some(Sex::Male),
            "female" => Some(Sex::Female),
            _ => None,
        }
    }
}

/// Why a string is not a valid IIN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum IinError {
    /// Not exactly twelve characters once spaces are removed.
    #[error("an IIN has 12 digits, got {0}")]
    Length(usize),
    /// Something other than the digits 0–9.
    #[error("an IIN has only digits")]
    NotDigits,
    /// Digit 7 is not 1–6.
    #[error("digit 7 of an IIN must be 1–6, got {0}")]
    Century(u8),
    /// Digits 1–6 are not a real calendar date.
    #[error("digits 1–6 of an IIN are not a real date")]
    BirthDate,
    /// Both weight passes give 10: no IIN is issued with these eleven digits.
    #[error("no IIN is issued with these first eleven digits")]
    NoControlDigit,
    /// The control digit does not match.
    #[error("the control digit of the IIN does not match")]
    ControlDigit,
}

impl Localize for IinError {
    fn localized(&self) -> Localized {
        match self {
            IinError::Length(n) => Localized::new("iin-length").arg("count", n),
            IinError::NotDigits => Localized::new("iin-not-digits"),
            IinError::Century(d) => Localized::new("iin-century").arg("digit", d),
            IinError::BirthDate => Localized::new("iin-birth-date"),
            IinError::NoControlDigit => Localized::new("iin-no-control-digit"),
            IinError::ControlDigit => Localized::new("iin-control-digit"),
        }
    }
}

/// The IIN disagrees with the birth date or sex entered separately.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum IinMismatch {
    /// Digits 1–7 give another birth date.
    #[error("the IIN encodes birth date {in_iin}, the form says {entered}")]
    BirthDate {
        /// The date the IIN encodes.
        in_iin: Date,
        /// The date typed into the form.
        entered: Date,
    },
    /// Digit 7 gives the other sex.
    #[error("the IIN encodes the other sex")]
    Sex,
}

impl Localize for IinMismatch {
    fn localized(&self) -> Localized {
        match self {
            IinMismatch::BirthDate { in_iin, entered } => Localized::new("iin-mismatch-birth-date")
                .arg("iin_date", crate::text::format_date(*in_iin))
                .arg("entered", crate::text::format_date(*entered)),
            IinMismatch::Sex => Localized::new("iin-mismatch-sex"),
        }
    }
}

const WEIGHTS_1: [u32; 11] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const WEIGHTS_2: [u32; 11] = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];

/// The control digit for the first eleven digits, or `None` when both passes give 10.
pub fn control_digit(first: &[u8; 11]) -> Option<u8> {
    for weights in [WEIGHTS_1, WEIGHTS_2] {
        let sum: u32 = first
            .iter()
            .zip(weights)
            .map(|(&d, w)| u32::from(d) * w)
            .sum();
        let c = sum % 11;
        if c != 10 {
            return u8::try_from(c).ok();
        }
    }
    None
}

impl Iin {
    /// Parses an IIN as typed: surrounding and inner spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, IinError> {
        let compact: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.len() != 12 {
            return Err(IinError::Length(compact.len()));
        }
        let mut digits = [0u8; 12];
        for (slot, c) in digits.iter_mut().zip(&compact) {
            let d = c.to_digit(10).filter(|_| c.is_ascii_digit());
            *slot = d
                .and_then(|d| u8::try_from(d).ok())
                .ok_or(IinError::NotDigits)?;
        }
        let century = digits[6];
        if !(1..=6).contains(&century) {
            return Err(IinError::Century(century));
        }
        birth_date_of(&digits).ok_or(IinError::BirthDate)?;
        let mut first = [0u8; 11];
        first.copy_from_slice(&digits[..11]);
        match control_digit(&first) {
            None => Err(IinError::NoControlDigit),
            Some(c) if c != digits[11] => Err(IinError::ControlDigit),
            Some(_) => Ok(Iin(digits)),
        }
    }

    /// Builds the IIN for a birth date, sex and four-digit serial, or `None` when that serial has
    /// no control digit. Used to generate test and demo data by computation.
    pub fn compose(birth: Date, sex: Sex, serial: u16) -> Option<Self> {
        let year = birth.year();
        let base = match year {
            1800..=1899 => 1,
            1900..=1999 => 3,
            2000..=2099 => 5,
            _ => return None,
        };
        let century = base + u8::from(sex == Sex::Female);
        let yy = u8::try_from(year.rem_euclid(100)).ok()?;
        let mm = u8::from(birth.month());
        let dd = birth.day();
        let serial = serial % 10_000;
        let s = [
            serial / 1000,
            serial / 100 % 10,
            serial / 10 % 10,
            serial % 10,
        ];
        let mut first = [0u8; 11];
        first[0] = yy / 10;
        first[1] = yy % 10;
        first[2] = mm / 10;
        first[3] = mm % 10;
        first[4] = dd / 10;
        first[5] = dd % 10;
        first[6] = century;
        for (slot, d) in first[7..].iter_mut().zip(s) {
            *slot = u8::try_from(d).ok()?;
        }
        let c = control_digit(&first)?;
        let mut digits = [0u8; 12];
        digits[..11].copy_from_slice(&first);
        digits[11] = c;
        Some(Iin(digits))
    }

    /// The birth date in digits 1–7.
    pub fn birth_date(&self) -> Date {
        // A parsed IIN always has a real date; the fallback is never reached.
        birth_date_of(&self.0).unwrap_or(Date::MIN)
    }

    /// The sex in digit 7.
    pub fn sex(&self) -> Sex {
        if self.0[6] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    /// The twelve digits.
    pub fn as_string(&self) -> String {
        self.0.iter().map(|d| char::from(b'0' + d)).collect()
    }

    /// Checks digits 1–7 against the birth date and sex typed into the form.
    pub fn check_person(&self, birth: Date, sex: Option<Sex>) -> Result<(), IinMismatch> {
        let in_iin = self.birth_date();
        if in_iin != birth {
            return Err(IinMismatch::BirthDate {
                in_iin,
                entered: birth,
            });
        }
        match sex {
            Some(s) if s != self.sex() => Err(IinMismatch::Sex),
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Iin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.as_string())
    }
}

fn birth_date_of(d: &[u8; 12]) -> Option<Date> {
    let century_start: i32 = match d[6] {
        1 | 2 => 1800,
        3 | 4 => 1900,
        5 | 6 => 2000,
        _ => return None,
    };
    let year = century_start + i32::from(d[0] * 10 + d[1]);
    let month = Month::try_from(d[2] * 10 + d[3]).ok()?;
    Date::from_calendar_date(year, month, d[4] * 10 + d[5]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn composed_iin_round_trips_through_parse() {
        let iin = (0..100)
            .find_map(|s| Iin::compose(date!(2021 - 03 - 14), Sex::Female, s))
            .unwrap();
        let parsed = Iin::parse(&iin.as_string()).unwrap();
        assert_eq!(parsed.birth_date(), date!(2021 - 03 - 14));
        assert_eq!(parsed.sex(), Sex::Female);
        assert_eq!(&parsed.as_string()[..7], "2103146");
    }

    #[test]
    fn spaces_are_ignored_but_letters_are_not() {
        let iin = Iin::compose(date!(1985 - 12 - 01), Sex::Male, 42)
            .or_else(|| Iin::compose(date!(1985 - 12 - 01), Sex::Male, 43))
            .unwrap();
        let s = iin.as_string();
        let spaced = format!(" {} {} ", &s[..6], &s[6..]);
        assert_eq!(Iin::parse(&spaced), Ok(iin));
        assert_eq!(Iin::parse("85120130004a"), Err(IinError::NotDigits));
        assert_eq!(Iin::parse("12345"), Err(IinError::Length(5)));
    }

    #[test]
    fn documentation_example_with_wrong_control_digit_is_rejected() {
        // Widely copied example whose control digit is wrong (computed 8, printed 5).
        assert_eq!(Iin::parse("780322300455"), Err(IinError::ControlDigit));
        assert!(Iin::parse("780322300458").is_ok());
    }

    #[test]
    fn person_cross_check_catches_date_and_sex() {
        let iin = (0..100)
            .find_map(|s| Iin::compose(date!(2020 - 06 - 01), Sex::Male, s))
            .unwrap();
        assert!(
            iin.check_person(date!(2020 - 06 - 01), Some(Sex::Male))
                .is_ok()
        );
        assert!(matches!(
            iin.check_person(date!(2020 - 06 - 02), Some(Sex::Male)),
            Err(IinMismatch::BirthDate { .. })
        ));
        assert_eq!(
            iin.check_person(date!(2020 - 06 - 01), Some(Sex::Female)),
            Err(IinMismatch::Sex)
        );
    }
}
