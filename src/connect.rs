//! `tereze connect FILE` and `tereze disconnect`: an office administrator joins this workstation
//! to its server with the connection file from `tereze-server provision-workstation --out`.
//!
//! The connection is checked first (one authenticated call: address, certificate, credential,
//! protocol version); only then does the workstation take the provisioned id, store the office's
//! accounts and replace any earlier connection. A failed check changes nothing.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::{OperatorImport, Store, StoreError};
use tereze_protocol::{ConnectionFile, Seq, WorkstationId};
use tereze_sync::{AddressError, ServerAddress, SyncError, Timeouts};
use thiserror::Error;

use crate::connection::{self, ConnectionError};

/// Why connecting failed. Each kind has its own exit code, for scripts.
#[derive(Debug, Error)]
pub enum ConnectError {
    /// The data folder could not be found or made.
    #[error(transparent)]
    DataDir(#[from] crate::startup::StartupError),
    /// The connection file is unreadable or malformed, or the stored one cannot be written.
    #[error(transparent)]
    File(#[from] ConnectionError),
    /// The address in the file is not acceptable.
    #[error(transparent)]
    Address(#[from] AddressError),
    /// The CA in the file holds no usable certificate (or an https address has none).
    #[error("the CA certificate in the file is not usable")]
    BadCa,
    /// Nothing answered at the address, or it stopped answering.
    #[error("the server cannot be reached")]
    Unreachable,
    /// The server's certificate is not signed by the CA in the file.
    #[error("the server's certificate is not signed by the CA in the file")]
    WrongCa,
    /// The server refused the credential (unknown, revoked or mistyped).
    #[error("the server refused the workstation credential")]
    Refused,
    /// This program and the server speak different protocol versions.
    #[error("protocol {client} here, {server} on the server")]
    UpdateNeeded {
        /// This program's version.
        client: u32,
        /// The server's.
        server: u32,
    },
    /// The server answered something else unexpected.
    #[error("the server could not check the connection: {0}")]
    Server(String, Localized),
    /// The workstation has queued operations under its own id, which the server does not know.
    #[error("this workstation has operations under its own id {}", local.0)]
    WorkstationInUse {
        /// The id they were made under.
        local: WorkstationId,
    },
    /// The local store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// No async runtime could be started.
    #[error("cannot start the network runtime: {0}")]
    Runtime(std::io::Error),
}

impl Localize for ConnectError {
    fn localized(&self) -> Localized {
        match self {
            ConnectError::DataDir(e) => e.localized(),
            ConnectError::File(e) => e.localized(),
            ConnectError::Address(e) => e.localized(),
            ConnectError::BadCa => Localized::new("connect-bad-ca"),
            ConnectError::Unreachable => Localized::new("connect-unreachable"),
            ConnectError::WrongCa => Localized::new("connect-wrong-ca"),
            ConnectError::Refused => Localized::new("connect-refused"),
            ConnectError::UpdateNeeded { client, server } => {
                Localized::new("connect-update-needed")
                    .arg("client", client)
                    .arg("server", server)
            }
            ConnectError::Server(_, reason) => reason.clone(),
            ConnectError::WorkstationInUse { local } => {
                Localized::new("connect-workstation-in-use").arg("id", local.0)
            }
            ConnectError::Store(e) => e.localized(),
            ConnectError::Runtime(_) => Localized::new("connect-runtime"),
        }
    }
}

impl ConnectError {
    /// The process exit code: 3 unreachable, 4 certificate/CA, 5 credential refused, 6 update
    /// needed, 7 workstation id in use, 8 bad connection file, 1 anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            ConnectError::Unreachable => 3,
            ConnectError::WrongCa | ConnectError::BadCa => 4,
            ConnectError::Refused => 5,
            ConnectError::UpdateNeeded { .. } => 6,
            ConnectError::WorkstationInUse { .. } => 7,
            ConnectError::File(ConnectionError::Read { .. } | ConnectionError::Invalid { .. })
            | ConnectError::Address(_) => 8,
            _ => 1,
        }
    }
}

impl From<SyncError> for ConnectError {
    fn from(e: SyncError) -> Self {
        match e {
            SyncError::Address(a) => ConnectError::Address(a),
            SyncError::BadCa | SyncError::MissingCa => ConnectError::BadCa,
            SyncError::Tls(_) => ConnectError::WrongCa,
            SyncError::Connection(_) | SyncError::Timeout => ConnectError::Unreachable,
            SyncError::Unauthenticated => ConnectError::Refused,
            SyncError::UpdateNeeded { client, server } => {
                ConnectError::UpdateNeeded { client, server }
            }
            other => {
                let reason = other.localized();
                ConnectError::Server(other.to_string(), reason)
            }
        }
    }
}

/// What a successful `tereze connect` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Connected {
    /// The server.
    pub url: String,
    /// This workstation's id on it.
    pub workstation: WorkstationId,
    /// The office's accounts stored for offline login.
    pub operators: OperatorImport,
}

/// Checks the connection file at `file` against its server, then makes it this workstation's
/// connection (in `data_dir`). Nothing changes unless every check passed.
pub fn connect(
    file: &Path,
    data_dir: &Path,
    timeouts: Timeouts,
) -> Result<Connected, ConnectError> {
    let given: ConnectionFile = connection::read(file)?;
    let address = ServerAddress::parse(&given.url)?;
    let provisioned = WorkstationId(given.workstation);
    // A workstation with work of its own under another id cannot take this one: say so before
    // calling anybody. A folder without a database has no work and stays untouched until the
    // check passed.
    if data_dir.join(tereze_core::store::DB_FILE).exists() {
        let store = Store::open(data_dir)?;
        if store.workstation() != provisioned && !store.outbox_after(Seq(0), 1)?.is_empty() {
            return Err(ConnectError::WorkstationInUse {
                local: store.workstation(),
            });
        }
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(ConnectError::Runtime)?;
    let accounts = runtime.block_on(tereze_sync::check_connection(
        address,
        given.ca_pem.clone().map(String::into_bytes),
        given.secret.clone(),
        timeouts,
    ))?;
    std::fs::create_dir_all(data_dir).map_err(|source| {
        crate::startup::StartupError::CreateDataDir {
            path: data_dir.to_path_buf(),
            source,
        }
    })?;
    let mut store = Store::open(data_dir)?;
    if !store.adopt_workstation(provisioned)? {
        return Err(ConnectError::WorkstationInUse {
            local: store.workstation(),
        });
    }
    let operators = store.import_operators(&accounts.operators)?;
    connection::store(data_dir, &given)?;
    Ok(Connected {
        url: given.url,
        workstation: provisioned,
        operators,
    })
}

/// What `tereze connect` prints when it worked.
pub fn success_message(connected: &Connected) -> Localized {
    Localized::new("connect-done")
        .arg("url", &connected.url)
        .arg("workstation", connected.workstation.0)
        .arg("added", connected.operators.added)
        .arg("updated", connected.operators.updated)
        .arg("skipped", connected.operators.skipped)
}

/// Runs `tereze connect FILE`, printing in `t`'s language.
pub fn run_connect(file: &Path, data_dir: &Path, t: &crate::i18n::Translator) -> ExitCode {
    match connect(file, data_dir, Timeouts::default()) {
        Ok(connected) => {
            println!("{}", t.text(&success_message(&connected)));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", t.text(&e.localized()));
            ExitCode::from(e.exit_code())
        }
    }
}

/// Runs `tereze disconnect`: the stored connection is removed; the data stays.
pub fn run_disconnect(data_dir: &Path, t: &crate::i18n::Translator) -> ExitCode {
    match connection::remove(data_dir) {
        Ok(true) => {
            println!("{}", t.tr("connect-disconnected"));
            ExitCode::SUCCESS
        }
        Ok(false) => {
            println!("{}", t.tr("connect-not-connected"));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}", t.text(&e.localized()));
            ExitCode::FAILURE
        }
    }
}

/// The data folder for a command: the one given, else the usual one.
pub fn data_dir(given: Option<PathBuf>) -> Result<PathBuf, ConnectError> {
    Ok(crate::startup::data_dir(&crate::args::RunArgs {
        data_dir: given,
        ..crate::args::RunArgs::default()
    })?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_failure_of_the_check_has_its_own_message_and_exit_code() {
        let cases = [
            (
                SyncError::Connection("refused".into()),
                "connect-unreachable",
                3,
            ),
            (SyncError::Timeout, "connect-unreachable", 3),
            (
                SyncError::Tls("unknown issuer".into()),
                "connect-wrong-ca",
                4,
            ),
            (SyncError::BadCa, "connect-bad-ca", 4),
            (SyncError::Unauthenticated, "connect-refused", 5),
            (
                SyncError::UpdateNeeded {
                    client: 1,
                    server: 2,
                },
                "connect-update-needed",
                6,
            ),
        ];
        for (error, key, code) in cases {
            let e = ConnectError::from(error);
            assert_eq!((e.localized().key, e.exit_code()), (key, code), "{e:?}");
        }
        let update = ConnectError::from(SyncError::UpdateNeeded {
            client: 1,
            server: 2,
        })
        .localized();
        assert_eq!(
            (update.get("client"), update.get("server")),
            (Some("1"), Some("2"))
        );
        let busy = ConnectError::from(SyncError::Unavailable {
            reason: "server-unavailable".into(),
        });
        assert_eq!(
            (busy.localized().key, busy.exit_code()),
            ("server-unavailable", 1)
        );
    }

    #[test]
    fn a_missing_or_foreign_file_changes_nothing_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let e = connect(&dir.path().join("none.toml"), &data, Timeouts::default()).unwrap_err();
        assert_eq!(
            (e.localized().key, e.exit_code()),
            ("connect-file-unreadable", 8)
        );
        let foreign = dir.path().join("settings.toml");
        std::fs::write(&foreign, "language = \"kk\"\n").unwrap();
        let e = connect(&foreign, &data, Timeouts::default()).unwrap_err();
        assert_eq!(
            (e.localized().key, e.exit_code()),
            ("connect-file-invalid", 8)
        );
        assert!(!data.exists(), "a bad file created the data folder");
    }
}
