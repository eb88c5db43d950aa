//! Rules across fields, run only when every field they read passed on its own (a broken IIN is
//! reported once, by its own validator).

use std::collections::BTreeSet;

use crate::form::FieldValues;
use crate::i18n::{Localize, Localized};
use crate::iin::{Iin, Sex};
use crate::regulation::CrossCheck;
use crate::validate::date;

/// The field to blame and the message, if the rule is broken.
pub(super) fn check(
    rule: &CrossCheck,
    values: &FieldValues,
    valid: &BTreeSet<&str>,
) -> Option<(String, Localized)> {
    match rule {
        CrossCheck::IinPerson {
            iin,
            birth_date,
            sex,
        } => {
            if !valid.contains(iin.as_str()) || !valid.contains(birth_date.as_str()) {
                return None;
            }
            let parsed = Iin::parse(values.get(iin)?).ok()?;
            let birth = date::parse(values.get(birth_date)?).ok()?;
            let sex = sex
                .as_ref()
                .filter(|s| valid.contains(s.as_str()))
                .and_then(|s| values.get(s))
                .and_then(|s| Sex::parse(s));
            parsed
                .check_person(birth, sex)
                .err()
                .map(|e| (iin.clone(), e.localized()))
        }
    }
}
