//! Problems the ФЛК finds that belong to no single validator.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// A form-level problem on a field or attachment slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum FlkError {
    /// A mandatory field is empty.
    #[error("this field is mandatory")]
    MandatoryMissing,
    /// A value was submitted for a field the form does not have.
    #[error("the form has no such field")]
    UnknownField,
    /// A required attachment is missing.
    #[error("this document must be attached")]
    AttachmentMissing,
    /// A document was attached to a slot the form does not have.
    #[error("the form has no such attachment")]
    UnknownAttachment,
}

impl Localize for FlkError {
    fn localized(&self) -> Localized {
        match self {
            FlkError::MandatoryMissing => Localized::new("flk-mandatory-missing"),
            FlkError::UnknownField => Localized::new("flk-unknown-field"),
            FlkError::AttachmentMissing => Localized::new("flk-attachment-missing"),
            FlkError::UnknownAttachment => Localized::new("flk-unknown-attachment"),
        }
    }
}
