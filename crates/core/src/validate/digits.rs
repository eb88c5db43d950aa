//! Numbers kept as digit strings (РНН, ID-card numbers, years): leading zeros matter, so they are
//! never parsed into integers.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// Why a string is not a digit string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DigitsError {
    /// Something other than the digits 0–9.
    #[error("only digits are allowed here")]
    NotDigits,
}

impl Localize for DigitsError {
    fn localized(&self) -> Localized {
        match self {
            DigitsError::NotDigits => Localized::new("digits-not-digits"),
        }
    }
}

/// The digits of `input` with spaces removed.
pub fn parse(input: &str) -> Result<String, DigitsError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().all(|c| c.is_ascii_digit()) {
        Ok(compact)
    } else {
        Err(DigitsError::NotDigits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_go_letters_fail() {
        assert_eq!(parse(" 0123 4567 ").unwrap(), "01234567");
        assert_eq!(parse("12O4"), Err(DigitsError::NotDigits));
    }
}
