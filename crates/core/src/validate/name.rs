//! Parts of a person's name: letters (any script, including Kazakh ә ғ қ ң ө ұ ү һ і), hyphen,
//! apostrophe and single spaces. A word that mixes Cyrillic and Latin letters is accepted with a
//! warning: it is usually a wrong keyboard layout, and it would hide the person from exact search.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// A checked name part, and a warning when it looks mistyped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// NFC, trimmed, single spaces, typographic apostrophes and hyphens made plain.
    pub value: String,
    /// Set when a word mixes scripts.
    pub warning: Option<NameWarning>,
}

/// Why a string is not a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum NameError {
    /// A character other than a letter, hyphen, apostrophe or space.
    #[error("a name cannot contain {0:?}")]
    InvalidCharacter(char),
    /// Only hyphens, apostrophes or spaces.
    #[error("a name needs letters")]
    NoLetters,
}

impl Localize for NameError {
    fn localized(&self) -> Localized {
        match self {
            NameError::InvalidCharacter(c) => {
                Localized::new("name-invalid-character").arg("char", c)
            }
            NameError::NoLetters => Localized::new("name-no-letters"),
        }
    }
}

/// Something to look at, not a reason to refuse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameWarning {
    /// These words mix Cyrillic and Latin letters.
    MixedScript {
        /// The words, as typed.
        words: Vec<String>,
    },
}

impl Localize for NameWarning {
    fn localized(&self) -> Localized {
        match self {
            NameWarning::MixedScript { words } => {
                Localized::new("name-mixed-script").arg("words", words.join(", "))
            }
        }
    }
}

/// Checks and normalises a name part.
pub fn check(input: &str) -> Result<Name, NameError> {
    let plain: String = input
        .chars()
        .map(|c| match c {
            '’' | 'ʼ' | '‘' | '`' => '\'',
            '‐' | '‑' | '–' => '-',
            other => other,
        })
        .collect();
    let value = crate::text::normalize(&plain);
    if let Some(bad) = value
        .chars()
        .find(|&c| !(c.is_alphabetic() || c == '-' || c == '\'' || c == ' '))
    {
        return Err(NameError::InvalidCharacter(bad));
    }
    if !value.chars().any(char::is_alphabetic) {
        return Err(NameError::NoLetters);
    }
    let words = crate::text::mixed_script_words(&value);
    let warning = (!words.is_empty()).then_some(NameWarning::MixedScript { words });
    Ok(Name { value, warning })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kazakh_and_compound_names_pass() {
        for ok in ["Әлия", "Сейтқали-Ұлы", "О'Коннор", "Жан Поль", "Іңкәр"]
        {
            let n = check(ok).unwrap();
            assert_eq!(n.warning, None, "{ok}");
        }
        assert_eq!(check("  Ғани   Мұратұлы ").unwrap().value, "Ғани Мұратұлы");
        assert_eq!(check("Д’Артаньян").unwrap().value, "Д'Артаньян");
    }

    #[test]
    fn digits_and_symbols_fail() {
        assert_eq!(check("Асель2"), Err(NameError::InvalidCharacter('2')));
        assert_eq!(check("Асель."), Err(NameError::InvalidCharacter('.')));
        assert_eq!(check(" - "), Err(NameError::NoLetters));
    }

    #[test]
    fn a_latin_i_in_a_kazakh_name_is_a_warning() {
        let n = check("Iңкәр").unwrap();
        assert_eq!(n.value, "Iңкәр");
        assert_eq!(
            n.warning,
            Some(NameWarning::MixedScript {
                words: vec!["Iңкәр".into()]
            })
        );
    }
}
