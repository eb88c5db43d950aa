//! Field validators: what an operator types at the counter, normalised to what is stored, or a
//! typed reason it cannot be accepted.
//!
//! Each validator is a plain function over a string; the ФЛК engine ([`crate::flk`]) picks one
//! per field format. Every error implements [`crate::i18n::Localize`].

pub mod choice;
pub mod date;
pub mod digits;
pub mod email;
pub mod length;
pub mod name;
pub mod phone;
pub mod postal;
pub mod text;
