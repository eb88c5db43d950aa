//! Translatable messages.
//!
//! The core never produces user-facing text itself: every failure and warning carries an i18n key
//! and its named arguments, and the app renders them in the operator's language from the Fluent
//! files under `i18n/`. Keys are always written as a literal inside `Localized::new("…")` so the
//! translation check can find every one of them in the sources.

/// A message to show the operator: a Fluent key and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Localized {
    /// The Fluent message id, e.g. `iin-bad-control-digit`.
    pub key: &'static str,
    /// Named arguments in the order they were added.
    pub args: Vec<(&'static str, String)>,
}

impl Localized {
    /// A message with no arguments.
    pub fn new(key: &'static str) -> Self {
        Self {
            key,
            args: Vec::new(),
        }
    }

    /// Adds a named argument.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }

    /// The value of a named argument, if present.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.args
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Anything that can explain itself to the operator.
pub trait Localize {
    /// The translatable message for this value.
    fn localized(&self) -> Localized;
}
