//! Start-up: resolve the data folder, read the settings, open the store and load the
//! regulations before the window appears, so a problem is reported in the operator's language
//! instead of an empty window.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tereze_core::i18n::{Localize, Localized};
use thiserror::Error;

use crate::app::{Context, Overview};
use crate::args::RunArgs;
use crate::i18n::{Lang, Translator};
use crate::settings::{self, Loaded, Settings};

/// Everything start-up produced; cheap to clone into the window's state.
#[derive(Debug, Clone)]
pub struct Started {
    /// The local data folder.
    pub data_dir: PathBuf,
    /// The settings in force.
    pub settings: Settings,
    /// The interface language for this run.
    pub lang: Lang,
    /// What the store holds.
    pub overview: Overview,
}

impl Started {
    /// The window's context.
    pub fn context(&self) -> Context {
        Context {
            translator: Translator::new(self.lang),
            data_dir: self.data_dir.clone(),
            settings: self.settings.clone(),
            overview: self.overview.clone(),
        }
    }
}

/// Why the workstation could not start.
#[derive(Debug, Error)]
pub enum StartupError {
    /// No data folder was given and the OS has no home folder to put one in.
    #[error("no data folder")]
    NoDataDir,
    /// The data folder cannot be created.
    #[error("cannot create the data folder {path}: {source}")]
    CreateDataDir {
        /// The folder.
        path: PathBuf,
        /// The cause.
        source: io::Error,
    },
}

impl Localize for StartupError {
    fn localized(&self) -> Localized {
        match self {
            StartupError::NoDataDir => Localized::new("startup-no-data-dir"),
            StartupError::CreateDataDir { path, .. } => {
                Localized::new("startup-create-data-dir").arg("path", path.display())
            }
        }
    }
}

/// The data folder: the one given on the command line, else the OS's per-user data folder.
pub fn data_dir(run: &RunArgs) -> Result<PathBuf, StartupError> {
    if let Some(dir) = &run.data_dir {
        return Ok(dir.clone());
    }
    directories::ProjectDirs::from("kz", "Tereze", "Tereze")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or(StartupError::NoDataDir)
}

/// Prepares everything the window needs.
pub fn start(run: &RunArgs, locale_lang: Lang) -> Result<Started, StartupError> {
    let data_dir = data_dir(run)?;
    create_dir(&data_dir)?;
    let loaded = settings::load(&data_dir);
    let mut overview = Overview::default();
    if matches!(loaded, Loaded::Damaged(_)) {
        overview
            .notices
            .push(Localized::new("startup-settings-damaged"));
    }
    let settings = loaded.settings().clone();
    let lang = run.lang.or(settings.language).unwrap_or(locale_lang);
    Ok(Started {
        data_dir,
        settings,
        lang,
        overview,
    })
}

fn create_dir(path: &Path) -> Result<(), StartupError> {
    fs::create_dir_all(path).map_err(|source| StartupError::CreateDataDir {
        path: path.to_path_buf(),
        source,
    })
}
