//! Telephone numbers as operators type them: `8 (7252) 30-06-79`, `+7 701 123 45 67`,
//! `87011234567`, `7252300679`. Full Kazakhstan numbers become `+7XXXXXXXXXX`; numbers with
//! another country code keep it; a bare 5–7 digit city number is kept as typed (digits only) where
//! the regulation allows it.

use std::fmt;

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// The ФЛК limit on a phone number (000:L360-363, 002:L1237-1240).
pub const MAX_DIGITS: usize = 15;

/// A checked telephone number in canonical form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    canonical: String,
    local: bool,
}

impl Phone {
    /// `+7XXXXXXXXXX`, `+<country><number>` or, for a local city number, its digits.
    pub fn as_str(&self) -> &str {
        &self.canonical
    }

    /// Whether this is a bare city number without the area code.
    pub fn is_local(&self) -> bool {
        self.local
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.canonical)
    }
}

/// Why a string is not an acceptable phone number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PhoneError {
    /// Nothing but separators.
    #[error("the phone number is empty")]
    Empty,
    /// A character other than digits, spaces, `( ) - .` and a leading `+`.
    #[error("the phone number contains {0:?}")]
    InvalidCharacter(char),
    /// More than 15 digits.
    #[error("the phone number has {0} digits, at most 15 are allowed")]
    TooLong(usize),
    /// A digit count that is no known form of a number.
    #[error("a phone number cannot have {0} digits")]
    WrongLength(usize),
    /// A bare city number where the full number with the code is required.
    #[error("the phone number needs the area code")]
    LocalNotAllowed,
    /// Eleven digits that start with neither 8 nor 7.
    #[error("an 11-digit number starts with 8 or 7")]
    BadPrefix,
}

impl Localize for PhoneError {
    fn localized(&self) -> Localized {
        match self {
            PhoneError::Empty => Localized::new("phone-empty"),
            PhoneError::InvalidCharacter(c) => {
                Localized::new("phone-invalid-character").arg("char", c)
            }
            PhoneError::TooLong(n) => Localized::new("phone-too-long")
                .arg("count", n)
                .arg("max", MAX_DIGITS),
            PhoneError::WrongLength(n) => Localized::new("phone-wrong-length").arg("count", n),
            PhoneError::LocalNotAllowed => Localized::new("phone-local-not-allowed"),
            PhoneError::BadPrefix => Localized::new("phone-bad-prefix"),
        }
    }
}

/// Normalises a full number; a bare city number is refused.
pub fn normalize(input: &str) -> Result<Phone, PhoneError> {
    normalize_with(input, false)
}

/// Normalises a number, admitting a bare 5–7 digit city number when `allow_local` is set (the
/// seeds' "symbolic" phone format).
pub fn normalize_with(input: &str, allow_local: bool) -> Result<Phone, PhoneError> {
    let trimmed = input.trim();
    let mut digits = String::with_capacity(trimmed.len());
    let mut plus = false;
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '\u{a0}' | '(' | ')' | '-' | '.' => {}
            other => return Err(PhoneError::InvalidCharacter(other)),
        }
    }
    let n = digits.len();
    if n == 0 {
        return Err(PhoneError::Empty);
    }
    if n > MAX_DIGITS {
        return Err(PhoneError::TooLong(n));
    }
    let full = |canonical: String| {
        Ok(Phone {
            canonical,
            local: false,
        })
    };
    if plus {
        return match (digits.starts_with('7'), n) {
            (true, 11) => full(format!("+{digits}")),
            (true, _) => Err(PhoneError::WrongLength(n)),
            (false, 8..) => full(format!("+{digits}")),
            (false, _) => Err(PhoneError::WrongLength(n)),
        };
    }
    match n {
        11 if digits.starts_with('8') || digits.starts_with('7') => {
            full(format!("+7{}", &digits[1..]))
        }
        11 => Err(PhoneError::BadPrefix),
        10 => full(format!("+7{digits}")),
        5..=7 if allow_local => Ok(Phone {
            canonical: digits,
            local: true,
        }),
        5..=7 => Err(PhoneError::LocalNotAllowed),
        _ => Err(PhoneError::WrongLength(n)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_spellings_become_one_canonical_number() {
        for typed in [
            "8 (7252) 30-06-79",
            "+7 7252 30 06 79",
            "87252300679",
            "7252300679",
            "8-7252-30-06-79",
        ] {
            assert_eq!(
                normalize(typed).unwrap().as_str(),
                "+77252300679",
                "{typed}"
            );
        }
        assert_eq!(
            normalize("+7 701 123 45 67").unwrap().as_str(),
            "+77011234567"
        );
    }

    #[test]
    fn local_numbers_only_where_allowed() {
        assert_eq!(normalize("243243"), Err(PhoneError::LocalNotAllowed));
        let p = normalize_with("24-32-43", true).unwrap();
        assert_eq!(p.as_str(), "243243");
        assert!(p.is_local());
    }

    #[test]
    fn bad_numbers_are_refused_with_a_reason() {
        assert_eq!(normalize("8701123456789012"), Err(PhoneError::TooLong(16)));
        assert_eq!(
            normalize("8 701 12a"),
            Err(PhoneError::InvalidCharacter('a'))
        );
        assert_eq!(normalize("+7 701 123"), Err(PhoneError::WrongLength(7)));
        assert_eq!(normalize("97011234567"), Err(PhoneError::BadPrefix));
        assert_eq!(normalize(" - "), Err(PhoneError::Empty));
        assert_eq!(normalize("1234"), Err(PhoneError::WrongLength(4)));
    }

    #[test]
    fn foreign_numbers_keep_their_country_code() {
        assert_eq!(
            normalize("+996 555 123 456").unwrap().as_str(),
            "+996555123456"
        );
    }
}
