//! One value against one field spec: the format validator, then the length bounds.

use crate::i18n::{Localize, Localized};
use crate::iin::Iin;
use crate::regulation::{FieldFormat, FieldSpec};
use crate::validate::{choice, date, digits, email, length, name, phone, postal, text};

/// A value that passed, normalised, with an optional warning.
pub(super) struct Checked {
    pub value: String,
    pub warning: Option<Localized>,
}

fn ok(value: String) -> Result<Checked, Localized> {
    Ok(Checked {
        value,
        warning: None,
    })
}

fn fail<E: Localize>(e: E) -> Localized {
    e.localized()
}

/// Checks a non-empty value.
pub(super) fn check_value(spec: &FieldSpec, raw: &str) -> Result<Checked, Localized> {
    let checked = match &spec.format {
        FieldFormat::Iin => ok(Iin::parse(raw).map_err(fail)?.as_string()),
        FieldFormat::Digits => ok(digits::parse(raw).map_err(fail)?),
        FieldFormat::Text => ok(text::check(raw).map_err(fail)?),
        FieldFormat::Name => {
            let n = name::check(raw).map_err(fail)?;
            Ok(Checked {
                value: n.value,
                warning: n.warning.map(|w| w.localized()),
            })
        }
        FieldFormat::Phone { allow_local } => ok(phone::normalize_with(raw, *allow_local)
            .map_err(fail)?
            .to_string()),
        FieldFormat::PostalIndex => ok(postal::parse(raw).map_err(fail)?.to_string()),
        FieldFormat::Date => return ok(date::to_stored(date::parse(raw).map_err(fail)?)),
        FieldFormat::Email => ok(email::parse(raw).map_err(fail)?),
        FieldFormat::Sex => return ok(choice::parse_sex(raw).map_err(fail)?.as_str().to_owned()),
        FieldFormat::Bool => return ok(choice::parse_bool(raw).map_err(fail)?.to_string()),
        FieldFormat::Choice(options) => {
            return ok(choice::option(raw, options.iter().map(|o| o.id.as_str())).map_err(fail)?);
        }
    }?;
    // A phone's length is its digits ("+" is formatting), as the ФЛК counts them.
    let measured = checked.value.trim_start_matches('+');
    length::check(measured, spec.length, spec.min_length, spec.max_length).map_err(fail)?;
    Ok(checked)
}
