//! Start-up: resolve the data folder, read the settings, open the store and load the
//! regulations before the window appears, so a problem is reported in the operator's language
//! instead of an empty window.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tereze_core::calendar::{Calendar, CalendarError};
use tereze_core::demo::{self, DemoError};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::reference::{ReferenceData, ReferenceError};
use tereze_core::regulation::{Registry, RegulationError};
use tereze_core::store::{Store, StoreError, StoreOptions};
use thiserror::Error;

use crate::app::{Context, Overview, ServiceName};
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
    /// The workstation's store, shared with the screens.
    pub store: Arc<Mutex<Store>>,
    /// The services, checked at start-up.
    pub registry: Arc<Registry>,
    /// The holiday calendar for deadlines.
    pub calendar: Arc<Calendar>,
    /// The server connection stored by `tereze connect`, if any.
    pub connection: Option<tereze_protocol::ConnectionFile>,
}

impl Started {
    /// The window's context.
    pub fn context(&self) -> Context {
        Context {
            translator: Translator::new(self.lang),
            data_dir: self.data_dir.clone(),
            settings: self.settings.clone(),
            overview: self.overview.clone(),
            store: Arc::clone(&self.store),
            registry: Arc::clone(&self.registry),
            calendar: Arc::clone(&self.calendar),
            operator: None,
            sync: if self.connection.is_some() {
                crate::sync::SyncStatus::Waiting
            } else {
                crate::sync::SyncStatus::NotConnected
            },
            connection: self.connection.clone(),
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
    /// The store refused to open (damaged, newer than this version, disk trouble).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A shipped regulation file is broken.
    #[error(transparent)]
    Regulation(#[from] RegulationError),
    /// The shipped holiday calendar is broken.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The shipped reference data is broken.
    #[error(transparent)]
    Reference(#[from] ReferenceError),
    /// The demo data could not be seeded.
    #[error(transparent)]
    Demo(#[from] DemoError),
}

impl Localize for StartupError {
    fn localized(&self) -> Localized {
        match self {
            StartupError::NoDataDir => Localized::new("startup-no-data-dir"),
            StartupError::CreateDataDir { path, .. } => {
                Localized::new("startup-create-data-dir").arg("path", path.display())
            }
            StartupError::Store(e) => e.localized(),
            StartupError::Regulation(e) => e.localized(),
            StartupError::Calendar(e) => e.localized(),
            StartupError::Reference(e) => e.localized(),
            StartupError::Demo(e) => e.localized(),
        }
    }
}

/// The data folder: the one given on the command line, else the OS's per-user data folder
/// (`~/.local/share/tereze` on Linux). Demo mode without a folder gets a folder of its own
/// beside it (`tereze-demo`), so demo accounts never enter a real database.
pub fn data_dir(run: &RunArgs) -> Result<PathBuf, StartupError> {
    if let Some(dir) = &run.data_dir {
        return Ok(dir.clone());
    }
    let real = directories::ProjectDirs::from("kz", "Tereze", "Tereze")
        .map(|p| p.data_dir().to_path_buf())
        .ok_or(StartupError::NoDataDir)?;
    if !run.demo {
        return Ok(real);
    }
    let mut name = real.file_name().unwrap_or_default().to_os_string();
    name.push("-demo");
    Ok(real.with_file_name(name))
}

/// The interface language: the command line's, else the one saved in the settings, else the
/// OS locale's. Known before anything can fail, so every message is in that language.
pub fn language(run: &RunArgs, locale_lang: Lang) -> Lang {
    run.lang
        .or_else(|| {
            data_dir(run)
                .ok()
                .and_then(|dir| settings::load(&dir).settings().language)
        })
        .unwrap_or(locale_lang)
}

/// Prepares everything the window needs: the data folder, the settings, the checked
/// regulations and calendar, the store with the reference data, and the demo data when asked.
pub fn start(run: &RunArgs, lang: Lang) -> Result<Started, StartupError> {
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

    let registry = Registry::builtin()?;
    let calendar = Calendar::builtin()?;
    let mut store = Store::open_with(
        &data_dir,
        StoreOptions {
            max_attachment_bytes: settings.max_attachment_bytes(),
        },
    )?;
    let mut reference = ReferenceData::builtin()?;
    if !run.demo {
        // Only the demo kindergartens exist so far: a real workstation gets its
        // organisations from the server, never the demo ones.
        reference.groups.retain(|g| !g.demo);
        reference.organisations.retain(|o| !o.demo);
    }
    // Once the server's reference data arrived, it is the one in force.
    if store.server_reference_version()?.is_none() {
        store.import_reference(&reference)?;
    }
    if run.demo {
        demo::seed(&mut store, &registry)?;
    }

    let connection = match crate::connection::load(&data_dir) {
        Ok(c) => c,
        Err(e) => {
            overview.notices.push(e.localized());
            None
        }
    };

    let stats = store.stats()?;
    overview.requests = stats.requests;
    overview.operators = stats.operators;
    overview.offices = stats.offices;
    overview.demo = run.demo;
    overview.services = registry
        .iter()
        .map(|r| ServiceName {
            kk: r.names.kk.clone(),
            ru: r.names.ru.clone(),
            en: r.names.en.clone(),
        })
        .collect();
    Ok(Started {
        data_dir,
        settings,
        lang,
        overview,
        store: Arc::new(Mutex::new(store)),
        registry: Arc::new(registry),
        calendar: Arc::new(calendar),
        connection,
    })
}

fn create_dir(path: &Path) -> Result<(), StartupError> {
    fs::create_dir_all(path).map_err(|source| StartupError::CreateDataDir {
        path: path.to_path_buf(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_mode_never_shares_the_real_data_folder() {
        let real = data_dir(&RunArgs::default()).unwrap();
        let demo = data_dir(&RunArgs {
            demo: true,
            ..RunArgs::default()
        })
        .unwrap();
        assert_ne!(real, demo);
        assert_eq!(real.parent(), demo.parent());
        assert!(
            demo.to_string_lossy().ends_with("-demo"),
            "{}",
            demo.display()
        );
    }

    #[test]
    fn a_folder_given_on_the_command_line_wins_even_in_demo_mode() {
        let run = RunArgs {
            data_dir: Some(PathBuf::from("/srv/office-data")),
            demo: true,
            lang: None,
        };
        assert_eq!(data_dir(&run).unwrap(), PathBuf::from("/srv/office-data"));
    }
}
