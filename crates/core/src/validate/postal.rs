//! Kazakhstan postal index: six digits (000:L354-357, 002:L1231-1234).

use std::fmt;

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// A six-digit postal index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PostalIndex(String);

impl PostalIndex {
    /// The six digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PostalIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Why a string is not a postal index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum PostalError {
    /// Something other than a digit.
    #[error("a postal index has only digits")]
    NotDigits,
    /// Not six digits.
    #[error("a postal index has 6 digits, got {0}")]
    Length(usize),
}

impl Localize for PostalError {
    fn localized(&self) -> Localized {
        match self {
            PostalError::NotDigits => Localized::new("postal-not-digits"),
            PostalError::Length(n) => Localized::new("postal-length").arg("count", n),
        }
    }
}

/// Parses a postal index; spaces are ignored.
pub fn parse(input: &str) -> Result<PostalIndex, PostalError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if !compact.chars().all(|c| c.is_ascii_digit()) {
        return Err(PostalError::NotDigits);
    }
    let n = compact.chars().count();
    if n != 6 {
        return Err(PostalError::Length(n));
    }
    Ok(PostalIndex(compact))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_digits_pass_letters_and_short_ones_do_not() {
        assert_eq!(parse(" 160 000 ").unwrap().as_str(), "160000");
        assert_eq!(parse("16000O"), Err(PostalError::NotDigits));
        assert_eq!(parse("16000"), Err(PostalError::Length(5)));
        assert_eq!(parse("١٦٠٠٠٠"), Err(PostalError::NotDigits));
    }
}
