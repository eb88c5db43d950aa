//! The model of one service regulation, as the rest of the crate sees it once a file is loaded
//! and checked.

use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::deadline::{Step, Term};
use crate::form::FieldValues;
use crate::lifecycle::Flow;

/// A text in the three languages of the workstation: every name a regulation shows to people
/// exists in Kazakh, Russian and English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Names {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl Names {
    /// The text for a language code (`kk`, `ru`, `en`); anything else falls back to Russian, the
    /// language every seed regulation has.
    pub fn get(&self, lang: &str) -> &str {
        match lang {
            "kk" => &self.kk,
            "en" => &self.en,
            _ => &self.ru,
        }
    }
}

/// Which kind of office provides the service; decides which reference data (offices) applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProviderKind {
    /// A city or district education department (білім беру бөлімі / отдел образования).
    EducationDepartment,
    /// A state archive.
    Archive,
    /// An employment and social-programmes department.
    EmploymentDepartment,
    /// A school (general-education organisation).
    School,
}

/// One option of a choice field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceOption {
    /// The stable value stored in the form.
    pub id: String,
    /// What the operator sees.
    pub labels: Names,
}

/// What a field's value must look like; decides the validator the ФЛК runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldFormat {
    /// An IIN (ЖСН): twelve digits with a valid control digit.
    Iin,
    /// Digits only (РНН, СИК-like numbers, ID-card numbers); spaces are dropped.
    Digits,
    /// Free text (addresses, organisation names), normalised.
    Text,
    /// A person's name part: letters, hyphen, apostrophe and space.
    Name,
    /// A telephone number; `allow_local` admits a 5–7 digit city number without a code (the
    /// seeds' "symbolic" phone format).
    Phone {
        /// Whether a bare local number is acceptable.
        allow_local: bool,
    },
    /// A six-digit Kazakhstan postal index.
    PostalIndex,
    /// A calendar date, typed `dd.mm.yyyy` (or `yyyy-mm-dd`), stored `yyyy-mm-dd`.
    Date,
    /// An e-mail address.
    Email,
    /// `male` or `female`.
    Sex,
    /// A yes/no flag, stored `true` / `false`.
    Bool,
    /// One of a fixed list of options.
    Choice(Vec<ChoiceOption>),
}

impl FieldFormat {
    /// The stable name used in regulation files.
    pub fn as_str(&self) -> &'static str {
        match self {
            FieldFormat::Iin => "iin",
            FieldFormat::Digits => "digits",
            FieldFormat::Text => "text",
            FieldFormat::Name => "name",
            FieldFormat::Phone { .. } => "phone",
            FieldFormat::PostalIndex => "postal-index",
            FieldFormat::Date => "date",
            FieldFormat::Email => "email",
            FieldFormat::Sex => "sex",
            FieldFormat::Bool => "bool",
            FieldFormat::Choice(_) => "choice",
        }
    }

    /// Whether `value` is an acceptable stored value for a condition on this format (a choice
    /// option, `true`/`false`, `male`/`female`); other formats accept any value.
    pub fn admits_condition_value(&self, value: &str) -> bool {
        match self {
            FieldFormat::Choice(options) => options.iter().any(|o| o.id == value),
            FieldFormat::Bool => matches!(value, "true" | "false"),
            FieldFormat::Sex => matches!(value, "male" | "female"),
            _ => true,
        }
    }
}

/// One field of a request form with its format-logical control.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldSpec {
    /// Stable id (`applicant-iin`, `child-birth-date`, …).
    pub id: String,
    /// The label on the form.
    pub labels: Names,
    /// The validator to run.
    pub format: FieldFormat,
    /// Exact length of the normalised value, when the ФЛК fixes it.
    pub length: Option<usize>,
    /// Minimum length of the normalised value.
    pub min_length: Option<usize>,
    /// Maximum length of the normalised value.
    pub max_length: Option<usize>,
    /// Whether the form cannot be submitted without it.
    pub mandatory: bool,
}

/// A test on a field value that makes an attachment required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionTest {
    /// The value equals this.
    Equals(String),
    /// A value is given and differs from this.
    NotEquals(String),
    /// The value is one of these.
    OneOf(Vec<String>),
}

/// "Required when field X …": the condition of a conditional attachment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The field whose (normalised) value is tested.
    pub field: String,
    /// The test.
    pub test: ConditionTest,
}

impl Condition {
    /// Whether the condition holds for these values. An empty or absent value never satisfies it.
    pub fn holds(&self, values: &FieldValues) -> bool {
        let Some(value) = values.get(&self.field).map(|v| v.trim()) else {
            return false;
        };
        if value.is_empty() {
            return false;
        }
        match &self.test {
            ConditionTest::Equals(x) => value == x,
            ConditionTest::NotEquals(x) => value != x,
            ConditionTest::OneOf(xs) => xs.iter().any(|x| x == value),
        }
    }
}

/// Whether an attachment slot must be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Requirement {
    /// Always.
    Required,
    /// Never enforced.
    Optional,
    /// When the condition holds.
    Conditional(Condition),
}

/// A place for one scanned document on the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttachmentSlot {
    /// Stable id (`birth-certificate`, `pmpk-decision`, …).
    pub id: String,
    /// What the operator sees.
    pub labels: Names,
    /// Whether it must be attached.
    pub required: Requirement,
}

impl AttachmentSlot {
    /// Whether the slot must be filled for these field values.
    pub fn is_required(&self, values: &FieldValues) -> bool {
        match &self.required {
            Requirement::Required => true,
            Requirement::Optional => false,
            Requirement::Conditional(c) => c.holds(values),
        }
    }
}

/// Whether an outcome grants, defers or refuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutcomeKind {
    /// The service is rendered (referral, certificate, order).
    Positive,
    /// An intermediate document (registration talon, receipt).
    Intermediate,
    /// A motivated refusal.
    Refusal,
}

/// An output document the service can produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// Stable id (`registration-talon`, `referral`, `refusal`, …).
    pub id: String,
    /// The document's title.
    pub names: Names,
    /// Grant, intermediate or refusal.
    pub kind: OutcomeKind,
}

/// The time limit of one step on one channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepDeadline {
    /// The channel the request came through.
    pub channel: Channel,
    /// The step.
    pub step: Step,
    /// How long it may take.
    pub term: Term,
}

/// A change a region profile makes to one field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FieldOverride {
    /// The field changed.
    pub field: String,
    /// New mandatory flag.
    pub mandatory: Option<bool>,
    /// New exact length.
    pub length: Option<usize>,
    /// New minimum length.
    pub min_length: Option<usize>,
    /// New maximum length.
    pub max_length: Option<usize>,
    /// New local-number allowance (phone fields only).
    pub allow_local: Option<bool>,
}

impl FieldOverride {
    /// The field spec with this override applied.
    pub fn apply(&self, spec: &FieldSpec) -> FieldSpec {
        let mut out = spec.clone();
        if let Some(m) = self.mandatory {
            out.mandatory = m;
        }
        if self.length.is_some() {
            out.length = self.length;
        }
        if self.min_length.is_some() {
            out.min_length = self.min_length;
        }
        if self.max_length.is_some() {
            out.max_length = self.max_length;
        }
        if let (Some(a), FieldFormat::Phone { allow_local }) = (self.allow_local, &mut out.format) {
            *allow_local = a;
        }
        out
    }
}

/// A regional variant of the form: the seeds disagree on mandatory flags and formats, so each
/// region's text is a profile; `default` takes the strictest choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Stable id (`default`, `pavlodar-2012`, …).
    pub id: String,
    /// The region and act it follows.
    pub labels: Names,
    /// Field changes relative to the base (default) fields.
    pub overrides: Vec<FieldOverride>,
}

impl Profile {
    /// The profile every regulation has: the base fields unchanged.
    pub const DEFAULT: &'static str = "default";
}

/// A rule that ties several fields together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrossCheck {
    /// Digits 1–7 of an IIN must agree with the birth date (and sex, when given) typed
    /// separately.
    IinPerson {
        /// The IIN field.
        iin: String,
        /// The birth-date field.
        birth_date: String,
        /// The sex field, if the form has one.
        sex: Option<String>,
    },
}

/// One service regulation: everything the workstation needs to render, check and route a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regulation {
    /// Stable id (`preschool-queue`, …).
    pub id: String,
    /// The official title.
    pub names: Names,
    /// The kind of office that provides it.
    pub provider: ProviderKind,
    /// The status flow its requests follow.
    pub flow: Flow,
    /// Form fields in display order (the default profile).
    pub fields: Vec<FieldSpec>,
    /// Rules across fields.
    pub cross_checks: Vec<CrossCheck>,
    /// Scanned-document slots.
    pub attachments: Vec<AttachmentSlot>,
    /// Output documents.
    pub outcomes: Vec<Outcome>,
    /// Step limits per channel.
    pub deadlines: Vec<StepDeadline>,
    /// Region profiles, `default` included.
    pub profiles: Vec<Profile>,
    /// The file it was loaded from, for messages.
    pub file: String,
}

impl Regulation {
    /// The time limit of a step on a channel, if the regulation sets one.
    pub fn deadline(&self, channel: Channel, step: Step) -> Option<Term> {
        self.deadlines
            .iter()
            .find(|d| d.channel == channel && d.step == step)
            .map(|d| d.term)
    }

    /// Every step limit on a channel, in step order: what [`crate::deadline::RequestDeadlines`]
    /// needs to answer "due at" and "overdue?" for a request from that channel.
    pub fn terms(&self, channel: Channel) -> Vec<(Step, Term)> {
        Step::ALL
            .into_iter()
            .filter_map(|step| self.deadline(channel, step).map(|term| (step, term)))
            .collect()
    }

    /// A field of the base (default) form.
    pub fn field(&self, id: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// An attachment slot.
    pub fn attachment(&self, id: &str) -> Option<&AttachmentSlot> {
        self.attachments.iter().find(|a| a.id == id)
    }

    /// An outcome.
    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }

    /// A region profile; an unknown name is an error the operator can read.
    pub fn profile(&self, name: &str) -> Result<&Profile, super::RegulationError> {
        self.profiles.iter().find(|p| p.id == name).ok_or_else(|| {
            super::RegulationError::UnknownProfile {
                service: self.id.clone(),
                profile: name.to_owned(),
            }
        })
    }

    /// The form's fields as the profile has them.
    pub fn effective_fields(
        &self,
        profile: &str,
    ) -> Result<Vec<FieldSpec>, super::RegulationError> {
        let profile = self.profile(profile)?;
        Ok(apply_overrides(&self.fields, &profile.overrides))
    }
}

/// The fields with every override applied (overrides for unknown fields are ignored; the loader
/// has already refused them).
pub(super) fn apply_overrides(fields: &[FieldSpec], overrides: &[FieldOverride]) -> Vec<FieldSpec> {
    fields
        .iter()
        .map(|f| {
            overrides
                .iter()
                .filter(|o| o.field == f.id)
                .fold(f.clone(), |acc, o| o.apply(&acc))
        })
        .collect()
}
