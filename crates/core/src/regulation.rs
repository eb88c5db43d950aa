//! Services as data: each regulation (form fields with their format-logical control, attachment
//! slots, outcomes, step deadlines, region profiles) is a TOML file under `assets/regulations/`.
//!
//! The shipped files are compiled in ([`Registry::builtin`]); a deployment may load its own folder
//! ([`Registry::load_dir`]). A file with a mistake is refused whole, with the file, line and
//! field to fix, so a half-understood regulation never reaches the counter.

mod build;
mod error;
mod locate;
mod raw;
mod types;

use std::path::Path;

pub use error::RegulationError;
pub use types::{
    AttachmentSlot, ChoiceOption, Condition, ConditionTest, CrossCheck, FieldFormat, FieldOverride,
    FieldSpec, Names, Outcome, OutcomeKind, Profile, ProviderKind, Regulation, Requirement,
    StepDeadline,
};

/// The regulation files shipped with the workstation, by file name.
const BUILTIN: [(&str, &str); 5] = [
    (
        "archive-certificate.toml",
        include_str!("../../../assets/regulations/archive-certificate.toml"),
    ),
    (
        "disabled-child-support.toml",
        include_str!("../../../assets/regulations/disabled-child-support.toml"),
    ),
    (
        "preschool-queue.toml",
        include_str!("../../../assets/regulations/preschool-queue.toml"),
    ),
    (
        "school-admission.toml",
        include_str!("../../../assets/regulations/school-admission.toml"),
    ),
    (
        "unemployed-certificate.toml",
        include_str!("../../../assets/regulations/unemployed-certificate.toml"),
    ),
];

/// Every loaded regulation, looked up by service id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Registry {
    regulations: Vec<Regulation>,
}

impl Registry {
    /// The regulations shipped with the workstation.
    pub fn builtin() -> Result<Registry, RegulationError> {
        Self::from_sources(&BUILTIN)
    }

    /// Loads every `*.toml` file in a folder, in file-name order.
    pub fn load_dir(dir: &Path) -> Result<Registry, RegulationError> {
        let io = |file: String, e: std::io::Error| RegulationError::Io {
            file,
            detail: e.to_string(),
        };
        let dir_name = dir.display().to_string();
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| io(dir_name.clone(), e))? {
            let path = entry.map_err(|e| io(dir_name.clone(), e))?.path();
            if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        let mut texts = Vec::with_capacity(paths.len());
        for path in &paths {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            let text = std::fs::read_to_string(path).map_err(|e| io(name.clone(), e))?;
            texts.push((name, text));
        }
        let refs: Vec<(&str, &str)> = texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        Self::from_sources(&refs)
    }

    /// Parses and checks `(file name, text)` pairs; service ids must be unique across files.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Registry, RegulationError> {
        let mut regulations: Vec<Regulation> = Vec::with_capacity(sources.len());
        for (file, text) in sources {
            let reg = build::parse(file, text)?;
            if regulations.iter().any(|r| r.id == reg.id) {
                let line = text
                    .lines()
                    .take_while(|l| !l.trim_start().starts_with('['))
                    .position(|l| l.trim_start().starts_with("id"))
                    .map_or(1, |p| p + 1);
                return Err(RegulationError::DuplicateService {
                    file: (*file).to_owned(),
                    line,
                    field: reg.id,
                });
            }
            regulations.push(reg);
        }
        Ok(Registry { regulations })
    }

    /// The regulation of a service.
    pub fn get(&self, id: &str) -> Option<&Regulation> {
        self.regulations.iter().find(|r| r.id == id)
    }

    /// Every regulation, in load order.
    pub fn iter(&self) -> impl Iterator<Item = &Regulation> {
        self.regulations.iter()
    }
}
