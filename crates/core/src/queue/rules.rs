//! The queue's configurable rules: age cut-off, categories and their documents, the offer ratio,
//! the August freeze and the periods. Loaded from TOML (`assets/queue/rules.toml` is built in)
//! and checked once, so the allocation never meets a rule it cannot apply.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use time::{Date, Month};

use crate::i18n::{Localize, Localized};
use crate::lifecycle::QueueTerms;

const BUILTIN: &str = include_str!("../../../../assets/queue/rules.toml");
const BUILTIN_FILE: &str = "assets/queue/rules.toml";

/// The class of a privilege category, in the order classes are served.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CategoryClass {
    /// Extraordinary right: served before everyone else.
    Extraordinary,
    /// First-priority right: shares offers with the general queue in the configured ratio.
    FirstPriority,
    /// No privilege.
    General,
}

impl CategoryClass {
    /// The stable name used in files and on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            CategoryClass::Extraordinary => "extraordinary",
            CategoryClass::FirstPriority => "first-priority",
            CategoryClass::General => "general",
        }
    }
}

/// One privilege category: the form's option id, its class and the documents that confirm it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CategoryRule {
    /// The option id of the form's `privilege-category` field.
    pub id: String,
    /// How the category is served.
    pub class: CategoryClass,
    /// Attachment slots that must hold a scan before the category counts.
    #[serde(default)]
    pub documents: Vec<String>,
}

/// How many first-priority and general offers alternate (1 : 3 nationally).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct Ratio {
    /// Offers to first-priority applicants in each round.
    pub first_priority: u32,
    /// Offers to general applicants in each round.
    pub general: u32,
}

/// A day of the year, as the freeze is written (`08-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct MonthDay {
    /// The month.
    pub month: Month,
    /// The day of the month.
    pub day: u8,
}

impl MonthDay {
    fn parse(text: &str) -> Option<Self> {
        let (m, d) = text.split_once('-')?;
        let month = Month::try_from(m.parse::<u8>().ok()?).ok()?;
        let day = d.parse::<u8>().ok()?;
        // 2024 is a leap year, so 02-29 is a valid day of the year.
        Date::from_calendar_date(2024, month, day).ok()?;
        Some(Self { month, day })
    }

    fn of(date: Date) -> Self {
        Self {
            month: date.month(),
            day: date.day(),
        }
    }
}

/// The checked rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueRules {
    /// Recorded by every allocation run, so a past run can be re-run under the same rules.
    pub version: String,
    /// A child takes part only while younger than this (full years) on the allocation date.
    pub max_age_years: u8,
    /// The first-priority : general offer ratio.
    pub ratio: Ratio,
    /// First day of the transfer period (no offers).
    pub freeze_from: MonthDay,
    /// Last day of the transfer period.
    pub freeze_to: MonthDay,
    /// Choice window, referral validity and stop-list.
    pub terms: QueueTerms,
    /// The privilege categories.
    pub categories: Vec<CategoryRule>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawRules {
    version: String,
    max_age_years: u8,
    ratio: Ratio,
    freeze: RawFreeze,
    #[serde(default)]
    terms: QueueTerms,
    categories: Vec<CategoryRule>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFreeze {
    from: String,
    to: String,
}

/// Why a rules file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum QueueRulesError {
    /// Not valid TOML, or a key is unknown or of the wrong type.
    #[error("{file}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// The parser's message (names the line and key).
        message: String,
    },
    /// Well-formed but not a rule the queue can apply.
    #[error("{file}: {what}")]
    Invalid {
        /// The file.
        file: String,
        /// What is wrong, naming the key.
        what: String,
    },
}

impl Localize for QueueRulesError {
    fn localized(&self) -> Localized {
        match self {
            QueueRulesError::Parse { file, message } => Localized::new("queue-rules-parse")
                .arg("file", file.as_str())
                .arg("message", message.as_str()),
            QueueRulesError::Invalid { file, what } => Localized::new("queue-rules-invalid")
                .arg("file", file.as_str())
                .arg("what", what.as_str()),
        }
    }
}

impl QueueRules {
    /// The rules shipped with this version.
    pub fn builtin() -> Result<Self, QueueRulesError> {
        Self::from_toml(BUILTIN, BUILTIN_FILE)
    }

    /// Parses and checks a rules file; `file` names it in errors.
    pub fn from_toml(text: &str, file: &str) -> Result<Self, QueueRulesError> {
        let raw: RawRules = toml::from_str(text).map_err(|e| QueueRulesError::Parse {
            file: file.to_string(),
            message: e.to_string(),
        })?;
        let invalid = |what: &str| QueueRulesError::Invalid {
            file: file.to_string(),
            what: what.to_string(),
        };
        if raw.version.trim().is_empty() {
            return Err(invalid("version is empty"));
        }
        if !(1..=7).contains(&raw.max_age_years) {
            return Err(invalid("max-age-years must be between 1 and 7"));
        }
        if raw.ratio.first_priority == 0 || raw.ratio.general == 0 {
            return Err(invalid("both sides of ratio must be at least 1"));
        }
        let freeze_from = MonthDay::parse(&raw.freeze.from)
            .ok_or_else(|| invalid("freeze.from must be a day of the year as MM-DD"))?;
        let freeze_to = MonthDay::parse(&raw.freeze.to)
            .ok_or_else(|| invalid("freeze.to must be a day of the year as MM-DD"))?;
        let mut seen = HashSet::new();
        for c in &raw.categories {
            if !seen.insert(c.id.as_str()) {
                return Err(invalid(&format!("category {} is listed twice", c.id)));
            }
        }
        if !raw
            .categories
            .iter()
            .any(|c| c.class == CategoryClass::General)
        {
            return Err(invalid("no category of class general"));
        }
        Ok(Self {
            version: raw.version,
            max_age_years: raw.max_age_years,
            ratio: raw.ratio,
            freeze_from,
            freeze_to,
            terms: raw.terms,
            categories: raw.categories,
        })
    }

    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&CategoryRule> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The documents a category still lacks, given the slots that hold a scan. An unknown
    /// category lacks nothing and counts as general: see [`QueueRules::class_of`].
    pub fn missing_documents<'a>(&'a self, category: &str, attached: &[&str]) -> Vec<&'a str> {
        self.category(category)
            .map(|c| {
                c.documents
                    .iter()
                    .map(String::as_str)
                    .filter(|d| !attached.contains(d))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The class a request is served in: its category's, but general while a confirming
    /// document is missing or the category is unknown (a privilege counts only when proven).
    pub fn class_of(&self, category: &str, attached: &[&str]) -> CategoryClass {
        match self.category(category) {
            Some(c) if self.missing_documents(category, attached).is_empty() => c.class,
            _ => CategoryClass::General,
        }
    }

    /// True on the days of the transfer between age groups, when no offers are made.
    pub fn is_frozen(&self, date: Date) -> bool {
        let day = MonthDay::of(date);
        if self.freeze_from <= self.freeze_to {
            self.freeze_from <= day && day <= self.freeze_to
        } else {
            // A period that wraps the new year, e.g. 12-25 to 01-10.
            day >= self.freeze_from || day <= self.freeze_to
        }
    }
}

/// The age in full years on `on` of a child born on `birth` (0 before the first birthday).
pub fn age_in_years(birth: Date, on: Date) -> u8 {
    if on < birth {
        return 0;
    }
    let mut years = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years -= 1;
    }
    u8::try_from(years.max(0)).unwrap_or(u8::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_builtin_rules_load_with_the_national_values() {
        let rules = QueueRules::builtin().unwrap();
        assert_eq!(rules.max_age_years, 6);
        assert_eq!(rules.ratio.first_priority, 1);
        assert_eq!(rules.ratio.general, 3);
        assert_eq!(rules.terms, QueueTerms::default());
        assert!(rules.is_frozen(date!(2026 - 08 - 01)));
        assert!(rules.is_frozen(date!(2026 - 08 - 31)));
        assert!(!rules.is_frozen(date!(2026 - 09 - 01)));
        assert!(!rules.is_frozen(date!(2026 - 07 - 31)));
    }

    #[test]
    fn a_privilege_counts_only_with_its_document() {
        let rules = QueueRules::builtin().unwrap();
        assert_eq!(
            rules.class_of("first-priority-large-family", &["birth-certificate"]),
            CategoryClass::General
        );
        assert_eq!(
            rules.missing_documents("first-priority-large-family", &["birth-certificate"]),
            vec!["privilege-document"]
        );
        assert_eq!(
            rules.class_of(
                "first-priority-large-family",
                &["birth-certificate", "privilege-document"]
            ),
            CategoryClass::FirstPriority
        );
        assert_eq!(
            rules.class_of("extraordinary-military", &["privilege-document"]),
            CategoryClass::Extraordinary
        );
        assert_eq!(rules.class_of("none", &[]), CategoryClass::General);
        assert_eq!(
            rules.class_of("no-such-category", &[]),
            CategoryClass::General
        );
    }

    #[test]
    fn broken_rules_are_refused_with_the_key_named() {
        let base = include_str!("../../../../assets/queue/rules.toml");
        let zero = base.replace("general = 3 }", "general = 0 }");
        assert!(matches!(
            QueueRules::from_toml(&zero, "r.toml"),
            Err(QueueRulesError::Invalid { what, .. }) if what.contains("ratio")
        ));
        let bad_day = base.replace("\"08-31\"", "\"08-32\"");
        assert!(matches!(
            QueueRules::from_toml(&bad_day, "r.toml"),
            Err(QueueRulesError::Invalid { what, .. }) if what.contains("freeze.to")
        ));
        let unknown = format!("{base}\nspeed = 3\n");
        assert!(matches!(
            QueueRules::from_toml(&unknown, "r.toml"),
            Err(QueueRulesError::Parse { .. })
        ));
    }

    #[test]
    fn ages_count_full_years() {
        assert_eq!(
            age_in_years(date!(2020 - 09 - 01), date!(2026 - 08 - 31)),
            5
        );
        assert_eq!(
            age_in_years(date!(2020 - 09 - 01), date!(2026 - 09 - 01)),
            6
        );
        assert_eq!(
            age_in_years(date!(2024 - 02 - 29), date!(2025 - 02 - 28)),
            0
        );
        assert_eq!(
            age_in_years(date!(2024 - 02 - 29), date!(2025 - 03 - 01)),
            1
        );
        assert_eq!(
            age_in_years(date!(2026 - 01 - 01), date!(2025 - 01 - 01)),
            0
        );
    }
}
