//! Start-up: resolve the data folder, read the settings and load the regulations before the
//! window appears, so a problem is reported in the operator's language instead of an empty
//! window. The store is encrypted and stays closed until an operator logs in: [`Started::unlock`]
//! opens it with the master key their password unlocks, and [`Started::context`] hands it to the
//! window.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tereze_core::calendar::{Calendar, CalendarError};
use tereze_core::demo::{self, DemoError};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::keyring::MasterKey;
use tereze_core::reference::{ReferenceData, ReferenceError};
use tereze_core::regulation::{Registry, RegulationError};
use tereze_core::store::{Operator, Store, StoreError, StoreOptions};
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
    /// What the regulations hold and the start-up notices; the store's counts are added when
    /// it opens.
    pub overview: Overview,
    /// The store's settings (the attachment size limit).
    pub options: StoreOptions,
    /// The reference data this run imports when the server has sent none.
    pub reference: Arc<ReferenceData>,
    /// Whether this is a demo run.
    pub demo: bool,
    /// The services, checked at start-up.
    pub registry: Arc<Registry>,
    /// The holiday calendar for deadlines.
    pub calendar: Arc<Calendar>,
    /// The server connection stored by `tereze connect`, if any.
    pub connection: Option<tereze_protocol::ConnectionFile>,
}

/// The workstation opened by a login: the store, who opened it and the master key.
#[derive(Debug)]
pub struct Session {
    /// The encrypted store, open.
    pub store: Store,
    /// The operator whose password opened it (already checked and audited by the store).
    pub operator: Operator,
    /// The master key, kept to give operators their wraps and the sync worker its connection.
    pub key: MasterKey,
}

impl Started {
    /// Opens the workstation for this IIN and password: the keyring gives the master key (an
    /// older plaintext folder is converted first), the store opens with it, the account checks
    /// and the audit of the login run, and the reference and demo data are brought up to date.
    pub fn unlock(
        &self,
        iin: &str,
        password: &str,
        now: time::OffsetDateTime,
    ) -> Result<Session, Localized> {
        let opened = tereze_core::unlock::unlock(&self.data_dir, self.options, iin, password, now)
            .map_err(|e| e.localized())?;
        let mut store = opened.store;
        self.prepare(&mut store).map_err(|e| e.localized())?;
        Ok(Session {
            store,
            operator: opened.operator,
            key: opened.key,
        })
    }

    /// Opens the store with a master key the caller already has (tests, benches), without a
    /// login; the reference and demo data are brought up to date as at login.
    pub fn open_with_key(&self, key: &MasterKey) -> Result<Store, StartupError> {
        let mut store = Store::open_with(&self.data_dir, key, self.options)?;
        self.prepare(&mut store)?;
        Ok(store)
    }

    /// What every opening does once the store is open: the built-in reference data until the
    /// server's arrived, and the demo data in a demo folder (seeding twice adds nothing).
    fn prepare(&self, store: &mut Store) -> Result<(), StartupError> {
        if store.server_reference_version()?.is_none() {
            store.import_reference(&self.reference)?;
        }
        if self.demo {
            demo::seed(store, &self.registry)?;
        }
        Ok(())
    }

    /// The window's context for an open store (nobody logged in yet: the window's login
    /// screen or [`crate::app::App::open`] sets the operator).
    pub fn context(&self, store: Store, key: MasterKey) -> Result<Context, StartupError> {
        let stats = store.stats()?;
        let mut overview = self.overview.clone();
        overview.requests = stats.requests;
        overview.operators = stats.operators;
        overview.offices = stats.offices;
        Ok(Context {
            translator: Translator::new(self.lang),
            data_dir: self.data_dir.clone(),
            settings: self.settings.clone(),
            overview,
            store: Arc::new(Mutex::new(store)),
            master_key: key,
            registry: Arc::clone(&self.registry),
            calendar: Arc::clone(&self.calendar),
            operator: None,
            sync: if self.connection.is_some() {
                crate::sync::SyncStatus::Waiting
            } else {
                crate::sync::SyncStatus::NotConnected
            },
            connection: self.connection.clone(),
        })
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
    let options = StoreOptions {
        max_attachment_bytes: settings.max_attachment_bytes(),
        ..StoreOptions::default()
    };
    let mut reference = ReferenceData::builtin()?;
    if !run.demo {
        // Only the demo kindergartens exist so far: a real workstation gets its
        // organisations from the server, never the demo ones.
        reference.groups.retain(|g| !g.demo);
        reference.organisations.retain(|o| !o.demo);
    }
    if run.demo {
        // A new demo folder gets its master key, encrypted store and demo operators' wraps
        // now, so the README's demo passwords open it at the login screen.
        demo::provision(&data_dir, &registry, options, |store| {
            store.import_reference(&reference).map(|_| ())
        })?;
    }

    let connection = match crate::connection::load(&data_dir) {
        Ok(c) => c,
        Err(e) => {
            overview.notices.push(e.localized());
            None
        }
    };

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
        options,
        reference: Arc::new(reference),
        demo: run.demo,
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
