//! The queue's settings for one server process: the rules (version, ratio, August freeze, the
//! offer's choice window, the referral's validity, the stop-list, the categories), the time zone
//! "today" is taken in, the longest lease and how long a lease's places stay held after it
//! expires, and how often the expiry job runs.
//!
//! Every setting defaults to today's national values (the rules shipped in
//! `assets/queue/rules.toml`, UTC+5, leases of at most 30 days held 2 more days, the expiry job
//! every 15 minutes). An operator changes them with a TOML file given to
//! `tereze-server --queue-config FILE` (every key optional):
//!
//! ```toml
//! rules-file = "/etc/tereze/queue-rules.toml"  # a whole rules file in the shipped format
//! rules-version = "kz-2024.1-akmola"           # required when [terms] overrides a rule
//! utc-offset-hours = 5
//! lease-max-days = 30
//! lease-return-hold-days = 2
//! expiry-every-minutes = 15
//!
//! [terms]                                      # each key optional; overrides the rules file
//! choice-window-working-days = 3               # the offer expires after this
//! referral-working-days = 5
//! stop-list-days = 10
//! ```
//!
//! The settings are taken once, before the server serves ([`configure`]); every queue call of
//! the process reads them with [`config`], which gives the defaults when none were set.

use std::path::Path;
use std::sync::OnceLock;

use serde::Deserialize;
use tereze_core::queue::QueueRules;
use thiserror::Error;
use time::{Duration, UtcOffset};

/// The queue's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueConfig {
    /// The rules applied; `rules.version` is recorded with every allocation run.
    pub rules: QueueRules,
    /// The time zone the queue's dates ("today", ages, working days) are taken in.
    pub utc_offset: UtcOffset,
    /// The longest lease a workstation may take, in days.
    pub lease_max_days: u32,
    /// How long after a lease expires its unused places stay held for referrals pushed late.
    pub lease_return_hold: Duration,
    /// How often `serve` runs the expiry job.
    pub expiry_every: std::time::Duration,
}

/// Why the queue settings do not load; the server does not start then.
#[derive(Debug, Error)]
pub enum QueueConfigError {
    /// The settings file or the rules file it names cannot be read.
    #[error("{path}: {source}")]
    Read {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The settings file is not valid TOML of the expected shape.
    #[error("{path}: {message}")]
    Parse {
        /// The file.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// The rules do not load.
    #[error(transparent)]
    Rules(#[from] tereze_core::queue::QueueRulesError),
    /// A value is out of range.
    #[error("{0}")]
    Invalid(&'static str),
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawConfig {
    rules_file: Option<String>,
    rules_version: Option<String>,
    utc_offset_hours: Option<i8>,
    lease_max_days: Option<u32>,
    lease_return_hold_days: Option<u32>,
    expiry_every_minutes: Option<u64>,
    terms: Option<RawTerms>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct RawTerms {
    choice_window_working_days: Option<u32>,
    referral_working_days: Option<u32>,
    stop_list_days: Option<u32>,
}

/// Kazakhstan's single time zone since 2024.
const KZ_HOURS: i8 = 5;

impl QueueConfig {
    /// Today's national values.
    pub fn builtin() -> Result<QueueConfig, QueueConfigError> {
        Self::from_toml("", "defaults", Path::new("."))
    }

    /// The settings in a file (see the module documentation); a relative `rules-file` is taken
    /// from the settings file's folder.
    pub fn load(path: &Path) -> Result<QueueConfig, QueueConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| QueueConfigError::Read {
            path: path.display().to_string(),
            source,
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        Self::from_toml(&text, &path.display().to_string(), dir)
    }

    /// The settings in `text`; `name` names it in errors and `dir` resolves `rules-file`.
    pub fn from_toml(text: &str, name: &str, dir: &Path) -> Result<QueueConfig, QueueConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| QueueConfigError::Parse {
            path: name.to_owned(),
            message: e.to_string(),
        })?;
        let mut rules = match &raw.rules_file {
            None => QueueRules::builtin()?,
            Some(file) => {
                let path = dir.join(file);
                let text =
                    std::fs::read_to_string(&path).map_err(|source| QueueConfigError::Read {
                        path: path.display().to_string(),
                        source,
                    })?;
                QueueRules::from_toml(&text, &path.display().to_string())?
            }
        };
        if let Some(terms) = &raw.terms {
            if raw.rules_version.is_none() {
                return Err(QueueConfigError::Invalid(
                    "rules-version must be set when [terms] overrides a rule",
                ));
            }
            if let Some(days) = terms.choice_window_working_days {
                rules.terms.choice_window_working_days = days;
            }
            if let Some(days) = terms.referral_working_days {
                rules.terms.referral_working_days = days;
            }
            if let Some(days) = terms.stop_list_days {
                rules.terms.stop_list_days = days;
            }
        }
        if let Some(version) = raw.rules_version {
            if version.trim().is_empty() {
                return Err(QueueConfigError::Invalid("rules-version is empty"));
            }
            rules.version = version;
        }
        let hours = raw.utc_offset_hours.unwrap_or(KZ_HOURS);
        let utc_offset = UtcOffset::from_hms(hours, 0, 0)
            .ok()
            .filter(|_| (-12..=14).contains(&hours))
            .ok_or(QueueConfigError::Invalid(
                "utc-offset-hours must be between -12 and 14",
            ))?;
        let lease_max_days = raw.lease_max_days.unwrap_or(30);
        if !(1..=365).contains(&lease_max_days) {
            return Err(QueueConfigError::Invalid(
                "lease-max-days must be between 1 and 365",
            ));
        }
        let hold = raw.lease_return_hold_days.unwrap_or(2);
        if hold > 30 {
            return Err(QueueConfigError::Invalid(
                "lease-return-hold-days must be at most 30",
            ));
        }
        let every = raw.expiry_every_minutes.unwrap_or(15);
        if !(1..=24 * 60).contains(&every) {
            return Err(QueueConfigError::Invalid(
                "expiry-every-minutes must be between 1 and 1440",
            ));
        }
        Ok(QueueConfig {
            rules,
            utc_offset,
            lease_max_days,
            lease_return_hold: Duration::days(i64::from(hold)),
            expiry_every: std::time::Duration::from_secs(every * 60),
        })
    }
}

static CONFIG: OnceLock<QueueConfig> = OnceLock::new();
static DEFAULTS: OnceLock<Result<QueueConfig, String>> = OnceLock::new();

/// Sets the settings of this process, before it serves. Refused (the settings are returned)
/// once settings were set or read: a running queue never changes its rules midway.
pub fn configure(config: QueueConfig) -> Result<(), QueueConfig> {
    CONFIG.set(config)
}

/// The settings of this process: those given to [`configure`], else today's national values.
pub fn config() -> Result<&'static QueueConfig, super::QueueError> {
    if let Some(c) = CONFIG.get() {
        return Ok(c);
    }
    DEFAULTS
        .get_or_init(|| QueueConfig::builtin().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| super::QueueError::Config(e.clone()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn the_defaults_are_todays_national_values() {
        let c = QueueConfig::builtin().unwrap();
        assert_eq!(c.rules, QueueRules::builtin().unwrap());
        assert_eq!(c.rules.version, "kz-2024.1");
        assert_eq!(c.rules.terms.choice_window_working_days, 3);
        assert_eq!(c.rules.terms.referral_working_days, 5);
        assert_eq!(c.rules.terms.stop_list_days, 10);
        assert_eq!(c.utc_offset, UtcOffset::from_hms(5, 0, 0).unwrap());
        assert_eq!(c.lease_max_days, 30);
        assert_eq!(c.lease_return_hold, Duration::days(2));
        assert_eq!(c.expiry_every, std::time::Duration::from_secs(15 * 60));
    }

    #[test]
    fn a_file_overrides_what_it_names_and_a_changed_rule_needs_a_new_version() {
        let c = QueueConfig::from_toml(
            "rules-version = \"kz-2024.1-test\"\nutc-offset-hours = 6\nlease-max-days = 7\n\
             lease-return-hold-days = 1\nexpiry-every-minutes = 5\n\
             [terms]\nchoice-window-working-days = 1\n",
            "test.toml",
            Path::new("."),
        )
        .unwrap();
        assert_eq!(c.rules.version, "kz-2024.1-test");
        assert_eq!(c.rules.terms.choice_window_working_days, 1);
        assert_eq!(c.rules.terms.referral_working_days, 5, "not named: kept");
        assert_eq!(c.utc_offset, UtcOffset::from_hms(6, 0, 0).unwrap());
        assert_eq!(c.lease_max_days, 7);
        assert_eq!(c.lease_return_hold, Duration::days(1));
        assert_eq!(c.expiry_every, std::time::Duration::from_secs(300));

        let unversioned =
            QueueConfig::from_toml("[terms]\nstop-list-days = 5\n", "test.toml", Path::new("."));
        assert!(matches!(unversioned, Err(QueueConfigError::Invalid(_))));
        for bad in [
            "utc-offset-hours = 20",
            "lease-max-days = 0",
            "expiry-every-minutes = 0",
            "lease-return-hold-days = 31",
            "unknown-key = 1",
        ] {
            assert!(
                QueueConfig::from_toml(bad, "bad.toml", Path::new(".")).is_err(),
                "{bad}"
            );
        }
    }

    #[test]
    fn a_rules_file_is_read_from_beside_the_settings_file() {
        let dir = tempfile::tempdir().unwrap();
        let shipped = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/queue/rules.toml"),
        )
        .unwrap();
        let changed = shipped
            .replace("version = \"kz-2024.1\"", "version = \"region-7\"")
            .replace("general = 3", "general = 2");
        std::fs::write(dir.path().join("rules.toml"), changed).unwrap();
        let settings = dir.path().join("queue.toml");
        std::fs::write(&settings, "rules-file = \"rules.toml\"\n").unwrap();
        let c = QueueConfig::load(&settings).unwrap();
        assert_eq!(c.rules.version, "region-7");
        assert_eq!(c.rules.ratio.general, 2);
        let missing = dir.path().join("missing.toml");
        assert!(matches!(
            QueueConfig::load(&missing),
            Err(QueueConfigError::Read { .. })
        ));
    }
}
