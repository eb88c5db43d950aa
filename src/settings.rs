//! Workstation settings: a small TOML file next to the database. A missing or damaged file
//! never stops the workstation; it starts with defaults and says so.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// The file name inside the data folder.
pub const FILE_NAME: &str = "settings.toml";

/// What the operator or administrator may change without touching the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The interface language; the OS locale decides on first run.
    pub language: Option<Lang>,
    /// The largest scan accepted as an attachment, in mebibytes.
    pub max_attachment_mib: u64,
    /// Minutes without input after which the screen locks and hides personal data.
    pub idle_lock_minutes: u64,
    /// The central server (`https://…`); none while the workstation works only offline.
    pub server_url: Option<String>,
    /// The print queue documents go to; the system default when none.
    pub printer: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            language: None,
            max_attachment_mib: 10,
            idle_lock_minutes: 5,
            server_url: None,
            printer: None,
        }
    }
}

/// How loading went, so the app can tell the operator when defaults replaced a damaged file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    /// The file was read.
    Read(Settings),
    /// No file yet: defaults.
    Missing(Settings),
    /// The file could not be read or parsed: defaults, and the file is left as it was.
    Damaged(Settings),
}

impl Loaded {
    /// The settings to use, whatever happened.
    pub fn settings(&self) -> &Settings {
        match self {
            Loaded::Read(s) | Loaded::Missing(s) | Loaded::Damaged(s) => s,
        }
    }
}

/// Reads `settings.toml` from the data folder.
pub fn load(data_dir: &Path) -> Loaded {
    match fs::read_to_string(data_dir.join(FILE_NAME)) {
        Ok(text) => match toml::from_str::<Settings>(&text) {
            Ok(s) => Loaded::Read(s.sanitized()),
            Err(_) => Loaded::Damaged(Settings::default()),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => Loaded::Missing(Settings::default()),
        Err(_) => Loaded::Damaged(Settings::default()),
    }
}

/// Writes `settings.toml` through a temporary file so a crash never leaves half a file.
pub fn save(data_dir: &Path, settings: &Settings) -> io::Result<()> {
    let text = toml::to_string_pretty(settings).map_err(io::Error::other)?;
    let tmp = data_dir.join(format!("{FILE_NAME}.tmp"));
    fs::write(&tmp, text)?;
    fs::File::open(&tmp)?.sync_all()?;
    fs::rename(tmp, data_dir.join(FILE_NAME))
}

impl Settings {
    /// Clamps values a hand-edited file may have pushed out of range.
    fn sanitized(mut self) -> Self {
        self.max_attachment_mib = self.max_attachment_mib.clamp(1, 100);
        self.idle_lock_minutes = self.idle_lock_minutes.clamp(2, 15);
        self
    }

    /// How long the workstation may stay idle before it locks.
    pub fn idle_lock(&self) -> std::time::Duration {
        std::time::Duration::from_secs(self.idle_lock_minutes * 60)
    }

    /// The attachment limit in bytes.
    pub fn max_attachment_bytes(&self) -> u64 {
        self.max_attachment_mib * 1024 * 1024
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_gives_defaults() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()), Loaded::Missing(Settings::default()));
    }

    #[test]
    fn damaged_file_gives_defaults_and_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        fs::write(&path, "language = [[[").unwrap();
        assert_eq!(load(dir.path()), Loaded::Damaged(Settings::default()));
        assert_eq!(fs::read_to_string(path).unwrap(), "language = [[[");
    }

    #[test]
    fn saved_settings_read_back_and_unknown_keys_are_tolerated() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings {
            language: Some(Lang::Ru),
            max_attachment_mib: 20,
            idle_lock_minutes: 10,
            server_url: Some("https://tereze.example.kz".into()),
            printer: Some("Office".into()),
        };
        save(dir.path(), &s).unwrap();
        assert_eq!(load(dir.path()), Loaded::Read(s));
        fs::write(
            dir.path().join(FILE_NAME),
            "future_option = 1\nmax_attachment_mib = 5000\n",
        )
        .unwrap();
        let loaded = load(dir.path());
        assert_eq!(loaded.settings().max_attachment_mib, 100);
        assert_eq!(loaded.settings().language, None);
    }
}
