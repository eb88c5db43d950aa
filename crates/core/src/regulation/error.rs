//! What can be wrong with a regulation file, with the file, line and field to fix.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// A regulation file that cannot be used, or a lookup that names something the regulation lacks.
/// Every variant that comes from a file names the file, the 1-based line and the field (a form
/// field, slot, option or profile id, or the TOML key when no id applies).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RegulationError {
    /// The file could not be read.
    #[error("{file}: cannot read: {detail}")]
    Io {
        /// File name.
        file: String,
        /// The operating system's reason.
        detail: String,
    },
    /// The TOML does not parse, or a value has the wrong type, an unknown variant or a missing key.
    #[error("{file}:{line}: {field}: {detail}")]
    Syntax {
        /// File name.
        file: String,
        /// 1-based line.
        line: usize,
        /// The id of the entry (field, slot, …) or the key at fault.
        field: String,
        /// The parser's explanation (English, for maintainers).
        detail: String,
    },
    /// Two form fields share an id.
    #[error("{file}:{line}: duplicate field id {field}")]
    DuplicateField {
        /// File name.
        file: String,
        /// Line of the second occurrence.
        line: usize,
        /// The id.
        field: String,
    },
    /// Two attachment slots share an id.
    #[error("{file}:{line}: duplicate attachment slot id {field}")]
    DuplicateSlot {
        /// File name.
        file: String,
        /// Line of the second occurrence.
        line: usize,
        /// The id.
        field: String,
    },
    /// Two entries of another list (options, outcomes, profiles, deadlines) share an id.
    #[error("{file}:{line}: duplicate entry {field}")]
    DuplicateEntry {
        /// File name.
        file: String,
        /// Line of the second occurrence.
        line: usize,
        /// The id (for deadlines `channel/step`).
        field: String,
    },
    /// A condition or cross-check names a field the form lacks.
    #[error("{file}:{line}: {field} refers to unknown field {target}")]
    UnknownConditionField {
        /// File name.
        file: String,
        /// Line of the reference.
        line: usize,
        /// The slot or rule that refers.
        field: String,
        /// The missing field id.
        target: String,
    },
    /// A condition tests a value the field can never hold.
    #[error("{file}:{line}: {field} tests {target} for unknown value {option}")]
    UnknownConditionOption {
        /// File name.
        file: String,
        /// Line of the condition.
        line: usize,
        /// The slot whose condition it is.
        field: String,
        /// The field tested.
        target: String,
        /// The impossible value.
        option: String,
    },
    /// `conditional` without a `when`, a `when` on a slot that is not conditional, or a `when`
    /// with no test or several tests.
    #[error("{file}:{line}: {field}: malformed condition")]
    BadCondition {
        /// File name.
        file: String,
        /// Line of the slot.
        line: usize,
        /// The slot id.
        field: String,
    },
    /// A cross-check names a field of the wrong format.
    #[error("{file}:{line}: {field} has the wrong format for this rule")]
    CrossCheckFormat {
        /// File name.
        file: String,
        /// Line of the reference.
        line: usize,
        /// The field id.
        field: String,
    },
    /// A profile overrides a field the form lacks.
    #[error("{file}:{line}: profile {profile} overrides unknown field {field}")]
    UnknownProfileField {
        /// File name.
        file: String,
        /// Line of the override.
        line: usize,
        /// The profile.
        profile: String,
        /// The unknown field id.
        field: String,
    },
    /// A name or label lacks one of kk / ru / en (or it is blank).
    #[error("{file}:{line}: {field} has no {lang} name")]
    MissingName {
        /// File name.
        file: String,
        /// Line of the names.
        line: usize,
        /// Whose names (the service id, a field id, …).
        field: String,
        /// The missing language.
        lang: String,
    },
    /// Length bounds that no value can satisfy, or that contradict the format.
    #[error("{file}:{line}: {field} has contradictory length bounds")]
    ContradictoryLength {
        /// File name.
        file: String,
        /// Line of the field (or override).
        line: usize,
        /// The field id.
        field: String,
    },
    /// `options` on a field that is not a choice, a choice without options, or `allow-local` on
    /// a field that is not a phone.
    #[error("{file}:{line}: {field}: attribute does not fit the format")]
    FormatAttribute {
        /// File name.
        file: String,
        /// Line of the attribute.
        line: usize,
        /// The field id.
        field: String,
    },
    /// The file declares no `default` profile.
    #[error("{file}: no default profile")]
    MissingDefaultProfile {
        /// File name.
        file: String,
    },
    /// Two files declare the same service id.
    #[error("{file}:{line}: service {field} is already declared in another file")]
    DuplicateService {
        /// File name of the second declaration.
        file: String,
        /// Line of its id.
        line: usize,
        /// The service id.
        field: String,
    },
    /// A profile name the regulation does not have.
    #[error("service {service} has no profile {profile}")]
    UnknownProfile {
        /// The service id.
        service: String,
        /// The requested profile.
        profile: String,
    },
}

impl Localize for RegulationError {
    fn localized(&self) -> Localized {
        match self {
            RegulationError::Io { file, detail } => Localized::new("regulation-io")
                .arg("file", file)
                .arg("detail", detail),
            RegulationError::Syntax {
                file,
                line,
                field,
                detail,
            } => Localized::new("regulation-syntax")
                .arg("file", file)
                .arg("line", line)
                .arg("field", field)
                .arg("detail", detail),
            RegulationError::DuplicateField { file, line, field } => {
                Localized::new("regulation-duplicate-field")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::DuplicateSlot { file, line, field } => {
                Localized::new("regulation-duplicate-slot")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::DuplicateEntry { file, line, field } => {
                Localized::new("regulation-duplicate-entry")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::UnknownConditionField {
                file,
                line,
                field,
                target,
            } => Localized::new("regulation-unknown-condition-field")
                .arg("file", file)
                .arg("line", line)
                .arg("field", field)
                .arg("target", target),
            RegulationError::UnknownConditionOption {
                file,
                line,
                field,
                target,
                option,
            } => Localized::new("regulation-unknown-condition-option")
                .arg("file", file)
                .arg("line", line)
                .arg("field", field)
                .arg("target", target)
                .arg("option", option),
            RegulationError::BadCondition { file, line, field } => {
                Localized::new("regulation-bad-condition")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::CrossCheckFormat { file, line, field } => {
                Localized::new("regulation-cross-check-format")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::UnknownProfileField {
                file,
                line,
                profile,
                field,
            } => Localized::new("regulation-unknown-profile-field")
                .arg("file", file)
                .arg("line", line)
                .arg("profile", profile)
                .arg("field", field),
            RegulationError::MissingName {
                file,
                line,
                field,
                lang,
            } => Localized::new("regulation-missing-name")
                .arg("file", file)
                .arg("line", line)
                .arg("field", field)
                .arg("lang", lang),
            RegulationError::ContradictoryLength { file, line, field } => {
                Localized::new("regulation-contradictory-length")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::FormatAttribute { file, line, field } => {
                Localized::new("regulation-format-attribute")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::MissingDefaultProfile { file } => {
                Localized::new("regulation-missing-default-profile").arg("file", file)
            }
            RegulationError::DuplicateService { file, line, field } => {
                Localized::new("regulation-duplicate-service")
                    .arg("file", file)
                    .arg("line", line)
                    .arg("field", field)
            }
            RegulationError::UnknownProfile { service, profile } => {
                Localized::new("regulation-unknown-profile")
                    .arg("service", service)
                    .arg("profile", profile)
            }
        }
    }
}

impl RegulationError {
    /// The file at fault, when the error comes from a file.
    pub fn file(&self) -> Option<&str> {
        match self {
            RegulationError::Io { file, .. }
            | RegulationError::Syntax { file, .. }
            | RegulationError::DuplicateField { file, .. }
            | RegulationError::DuplicateSlot { file, .. }
            | RegulationError::DuplicateEntry { file, .. }
            | RegulationError::UnknownConditionField { file, .. }
            | RegulationError::UnknownConditionOption { file, .. }
            | RegulationError::BadCondition { file, .. }
            | RegulationError::CrossCheckFormat { file, .. }
            | RegulationError::UnknownProfileField { file, .. }
            | RegulationError::MissingName { file, .. }
            | RegulationError::ContradictoryLength { file, .. }
            | RegulationError::FormatAttribute { file, .. }
            | RegulationError::MissingDefaultProfile { file }
            | RegulationError::DuplicateService { file, .. } => Some(file),
            RegulationError::UnknownProfile { .. } => None,
        }
    }

    /// The 1-based line at fault, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            RegulationError::Syntax { line, .. }
            | RegulationError::DuplicateField { line, .. }
            | RegulationError::DuplicateSlot { line, .. }
            | RegulationError::DuplicateEntry { line, .. }
            | RegulationError::UnknownConditionField { line, .. }
            | RegulationError::UnknownConditionOption { line, .. }
            | RegulationError::BadCondition { line, .. }
            | RegulationError::CrossCheckFormat { line, .. }
            | RegulationError::UnknownProfileField { line, .. }
            | RegulationError::MissingName { line, .. }
            | RegulationError::ContradictoryLength { line, .. }
            | RegulationError::FormatAttribute { line, .. }
            | RegulationError::DuplicateService { line, .. } => Some(*line),
            RegulationError::Io { .. }
            | RegulationError::MissingDefaultProfile { .. }
            | RegulationError::UnknownProfile { .. } => None,
        }
    }

    /// The field, slot, option, profile or key at fault, when known.
    pub fn field(&self) -> Option<&str> {
        match self {
            RegulationError::Syntax { field, .. }
            | RegulationError::DuplicateField { field, .. }
            | RegulationError::DuplicateSlot { field, .. }
            | RegulationError::DuplicateEntry { field, .. }
            | RegulationError::UnknownConditionField { field, .. }
            | RegulationError::UnknownConditionOption { field, .. }
            | RegulationError::BadCondition { field, .. }
            | RegulationError::CrossCheckFormat { field, .. }
            | RegulationError::UnknownProfileField { field, .. }
            | RegulationError::MissingName { field, .. }
            | RegulationError::ContradictoryLength { field, .. }
            | RegulationError::FormatAttribute { field, .. }
            | RegulationError::DuplicateService { field, .. } => Some(field),
            RegulationError::UnknownProfile { profile, .. } => Some(profile),
            RegulationError::Io { .. } | RegulationError::MissingDefaultProfile { .. } => None,
        }
    }
}
