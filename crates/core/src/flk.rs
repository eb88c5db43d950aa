//! The format-logical control (ФЛК) of a request form: every value checked and normalised
//! against the regulation's field specs for a region profile, the cross-field rules, and the
//! required attachments.
//!
//! [`check`] never panics and never refuses the whole form for one bad value: it returns every
//! problem at once, each on the field or attachment slot where the operator has to fix it.

mod cross;
mod field;
mod issue;

use std::collections::BTreeSet;

pub use issue::FlkError;

use crate::form::FieldValues;
use crate::i18n::{Localize, Localized};
use crate::regulation::{Regulation, RegulationError};

/// A problem (or a warning) on one field or attachment slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field id, or the attachment slot id for attachment problems.
    pub field: String,
    /// What to tell the operator.
    pub message: Localized,
}

/// The result of the ФЛК over one form.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FlkReport {
    /// The submitted values, normalised where they passed (IIN digits, `+7…` phones,
    /// `yyyy-mm-dd` dates, NFC names); values that failed are kept as typed, empty ones and
    /// unknown fields are dropped.
    pub values: FieldValues,
    /// Problems that block the request.
    pub errors: Vec<FieldIssue>,
    /// Things to look at that do not block it (mixed-script names).
    pub warnings: Vec<FieldIssue>,
}

impl FlkReport {
    /// Whether the form may be signed and submitted.
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// The errors on one field or slot.
    pub fn errors_on<'a>(&'a self, field: &'a str) -> impl Iterator<Item = &'a FieldIssue> {
        self.errors.iter().filter(move |i| i.field == field)
    }

    fn error(&mut self, field: &str, message: Localized) {
        self.errors.push(FieldIssue {
            field: field.to_owned(),
            message,
        });
    }
}

/// Runs the ФЛК of `reg` under `profile` over the typed `values` with the attachments filled in
/// `attached_slots`. An unknown profile is the only error; everything else is in the report.
pub fn check(
    reg: &Regulation,
    profile: &str,
    values: &FieldValues,
    attached_slots: &[&str],
) -> Result<FlkReport, RegulationError> {
    let fields = reg.effective_fields(profile)?;
    let mut report = FlkReport::default();
    let mut valid = BTreeSet::new();

    for key in values.keys() {
        if !fields.iter().any(|f| &f.id == key) {
            report.error(key, FlkError::UnknownField.localized());
        }
    }

    for spec in &fields {
        let raw = values.get(&spec.id).map_or("", String::as_str);
        if raw.trim().is_empty() {
            if spec.mandatory {
                report.error(&spec.id, FlkError::MandatoryMissing.localized());
            }
            continue;
        }
        match field::check_value(spec, raw) {
            Ok(checked) => {
                if let Some(w) = checked.warning {
                    report.warnings.push(FieldIssue {
                        field: spec.id.clone(),
                        message: w,
                    });
                }
                report.values.insert(spec.id.clone(), checked.value);
                valid.insert(spec.id.as_str());
            }
            Err(message) => {
                report.values.insert(spec.id.clone(), raw.to_owned());
                report.error(&spec.id, message);
            }
        }
    }

    for rule in &reg.cross_checks {
        if let Some((field, message)) = cross::check(rule, &report.values, &valid) {
            report.error(&field, message);
        }
    }

    for slot in attached_slots {
        if reg.attachment(slot).is_none() {
            report.error(slot, FlkError::UnknownAttachment.localized());
        }
    }
    for slot in &reg.attachments {
        if slot.is_required(&report.values) && !attached_slots.contains(&slot.id.as_str()) {
            report.error(&slot.id, FlkError::AttachmentMissing.localized());
        }
    }
    Ok(report)
}
