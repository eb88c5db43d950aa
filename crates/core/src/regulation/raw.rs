//! The file format as serde reads it, with source spans kept so that the semantic checks can name
//! the line of every mistake.

use serde::Deserialize;
use toml::Spanned;

use super::types::{OutcomeKind, ProviderKind};
use crate::channel::Channel;
use crate::deadline::{Step, Term};
use crate::lifecycle::Flow;

/// Names with every language optional, so that a missing one is reported with its line instead of
/// as a bare serde error.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawNames {
    pub kk: Option<String>,
    pub ru: Option<String>,
    pub en: Option<String>,
}

/// A regulation file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRegulation {
    pub id: Spanned<String>,
    pub names: Spanned<RawNames>,
    pub provider: ProviderKind,
    pub flow: Flow,
    #[serde(default)]
    pub fields: Vec<RawField>,
    #[serde(default)]
    pub cross_checks: Vec<RawCrossCheck>,
    #[serde(default)]
    pub attachments: Vec<RawSlot>,
    #[serde(default)]
    pub outcomes: Vec<RawOutcome>,
    #[serde(default)]
    pub deadlines: Vec<RawDeadline>,
    #[serde(default)]
    pub profiles: Vec<RawProfile>,
}

/// The format names a file may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum RawFormat {
    Iin,
    Digits,
    Text,
    Name,
    Phone,
    PostalIndex,
    Date,
    Email,
    Sex,
    Bool,
    Choice,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawOption {
    pub id: Spanned<String>,
    pub labels: Spanned<RawNames>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawField {
    pub id: Spanned<String>,
    pub labels: Spanned<RawNames>,
    pub format: Spanned<RawFormat>,
    pub length: Option<usize>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub mandatory: bool,
    pub allow_local: Option<Spanned<bool>>,
    pub options: Option<Spanned<Vec<RawOption>>>,
}

/// The kinds of cross-field rule a file may declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum RawCrossKind {
    IinPerson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCrossCheck {
    pub kind: RawCrossKind,
    pub iin: Spanned<String>,
    pub birth_date: Spanned<String>,
    pub sex: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(super) enum RawRequirement {
    Required,
    Optional,
    Conditional,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawCondition {
    pub field: Spanned<String>,
    pub equals: Option<String>,
    pub not_equals: Option<String>,
    pub one_of: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawSlot {
    pub id: Spanned<String>,
    pub labels: Spanned<RawNames>,
    pub required: Spanned<RawRequirement>,
    pub when: Option<Spanned<RawCondition>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawOutcome {
    pub id: Spanned<String>,
    pub names: Spanned<RawNames>,
    pub kind: OutcomeKind,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawDeadline {
    pub channel: Spanned<Channel>,
    pub step: Step,
    pub term: Term,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawOverride {
    pub field: Spanned<String>,
    pub mandatory: Option<bool>,
    pub length: Option<usize>,
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub allow_local: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawProfile {
    pub id: Spanned<String>,
    pub labels: Spanned<RawNames>,
    #[serde(default)]
    pub overrides: Vec<RawOverride>,
}
