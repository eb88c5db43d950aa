//! Free text (addresses, organisation names): normalised like everything stored, with control
//! characters refused because they break printing and search.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// Why a string cannot be stored as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TextError {
    /// A control character (tab, newline and other white space are folded, not refused).
    #[error("the text contains a control character")]
    ControlCharacter,
}

impl Localize for TextError {
    fn localized(&self) -> Localized {
        match self {
            TextError::ControlCharacter => Localized::new("text-control-character"),
        }
    }
}

/// NFC, trimmed, single spaces; refused if a control character remains.
pub fn check(input: &str) -> Result<String, TextError> {
    let value = crate::text::normalize(input);
    if value.chars().any(char::is_control) {
        return Err(TextError::ControlCharacter);
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn white_space_folds_control_characters_fail() {
        assert_eq!(check(" ул. Абая,\t4 ").unwrap(), "ул. Абая, 4");
        assert_eq!(check("ул.\u{0}Абая"), Err(TextError::ControlCharacter));
    }
}
