//! Closed sets of values: choice options, yes/no flags and sex. The form usually offers these as
//! lists, but values also arrive from imports and the portal, so they are checked like the rest.

use thiserror::Error;

use crate::i18n::{Localize, Localized};
use crate::iin::Sex;

/// A value outside the allowed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ChoiceError {
    /// Not one of the field's options.
    #[error("not one of the allowed options")]
    NotAnOption,
    /// Not yes or no.
    #[error("expected yes or no")]
    NotYesNo,
    /// Not male or female.
    #[error("expected male or female")]
    NotSex,
}

impl Localize for ChoiceError {
    fn localized(&self) -> Localized {
        match self {
            ChoiceError::NotAnOption => Localized::new("choice-not-an-option"),
            ChoiceError::NotYesNo => Localized::new("choice-not-yes-no"),
            ChoiceError::NotSex => Localized::new("choice-not-sex"),
        }
    }
}

/// The option id if `input` (trimmed) is one of `options`.
pub fn option<'a>(
    input: &str,
    mut options: impl Iterator<Item = &'a str>,
) -> Result<String, ChoiceError> {
    let v = input.trim();
    options
        .find(|o| *o == v)
        .map(str::to_owned)
        .ok_or(ChoiceError::NotAnOption)
}

/// A yes/no flag, in any of the three languages or as `true`/`false`/`1`/`0`.
pub fn parse_bool(input: &str) -> Result<bool, ChoiceError> {
    match input.trim().to_lowercase().as_str() {
        "true" | "yes" | "1" | "да" | "иә" => Ok(true),
        "false" | "no" | "0" | "нет" | "жоқ" => Ok(false),
        _ => Err(ChoiceError::NotYesNo),
    }
}

/// Sex as stored (`male`/`female`) or as an operator abbreviates it.
pub fn parse_sex(input: &str) -> Result<Sex, ChoiceError> {
    match input.trim().to_lowercase().as_str() {
        "male" | "m" | "м" | "муж" | "мужской" | "ер" => Ok(Sex::Male),
        "female" | "f" | "ж" | "жен" | "женский" | "әйел" => Ok(Sex::Female),
        _ => Err(ChoiceError::NotSex),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closed_sets_accept_their_members_only() {
        assert_eq!(option(" kk ", ["kk", "ru"].into_iter()).unwrap(), "kk");
        assert_eq!(
            option("en", ["kk", "ru"].into_iter()),
            Err(ChoiceError::NotAnOption)
        );
        assert_eq!(parse_bool("Иә"), Ok(true));
        assert_eq!(parse_bool("false"), Ok(false));
        assert_eq!(parse_bool("maybe"), Err(ChoiceError::NotYesNo));
        assert_eq!(parse_sex("Ж"), Ok(Sex::Female));
        assert_eq!(parse_sex("x"), Err(ChoiceError::NotSex));
    }
}
