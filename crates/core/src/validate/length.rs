//! The length part of the ФЛК ("ФЛК на размерность"): counted in characters of the normalised
//! value.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// A value of the wrong length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum LengthError {
    /// Not exactly the required length.
    #[error("must have exactly {expected} characters, got {count}")]
    Exact {
        /// The required length.
        expected: usize,
        /// The actual length.
        count: usize,
    },
    /// Shorter than the minimum.
    #[error("must have at least {min} characters, got {count}")]
    TooShort {
        /// The minimum.
        min: usize,
        /// The actual length.
        count: usize,
    },
    /// Longer than the maximum.
    #[error("must have at most {max} characters, got {count}")]
    TooLong {
        /// The maximum.
        max: usize,
        /// The actual length.
        count: usize,
    },
}

impl Localize for LengthError {
    fn localized(&self) -> Localized {
        match *self {
            LengthError::Exact { expected, count } => Localized::new("length-exact")
                .arg("expected", expected)
                .arg("count", count),
            LengthError::TooShort { min, count } => Localized::new("length-too-short")
                .arg("min", min)
                .arg("count", count),
            LengthError::TooLong { max, count } => Localized::new("length-too-long")
                .arg("max", max)
                .arg("count", count),
        }
    }
}

/// Checks the character count of `value` against the bounds that are set.
pub fn check(
    value: &str,
    exact: Option<usize>,
    min: Option<usize>,
    max: Option<usize>,
) -> Result<(), LengthError> {
    let count = value.chars().count();
    if let Some(expected) = exact
        && count != expected
    {
        return Err(LengthError::Exact { expected, count });
    }
    if let Some(min) = min
        && count < min
    {
        return Err(LengthError::TooShort { min, count });
    }
    if let Some(max) = max
        && count > max
    {
        return Err(LengthError::TooLong { max, count });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_characters_not_bytes() {
        assert!(check("Әлия", None, None, Some(4)).is_ok());
        assert_eq!(
            check("Әлия", None, None, Some(3)),
            Err(LengthError::TooLong { max: 3, count: 4 })
        );
        assert_eq!(
            check("123", Some(12), None, None),
            Err(LengthError::Exact {
                expected: 12,
                count: 3
            })
        );
        assert_eq!(
            check("", None, Some(1), None),
            Err(LengthError::TooShort { min: 1, count: 0 })
        );
    }
}
