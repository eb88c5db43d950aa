//! `tereze connect FILE` and `tereze disconnect`: an office administrator joins this workstation
//! to its server with the connection file from `tereze-server provision-workstation --out`.
//!
//! The connection is checked first (one authenticated call: address, certificate, credential,
//! protocol version); only then does the workstation take the provisioned id, store the office's
//! accounts and replace any earlier connection. A failed check changes nothing.
//!
//! The data is encrypted, so connecting needs an office account's IIN and password ([`Opener`],
//! read from standard input): on a workstation already in use they unlock its master key; on a
//! new one the server's account list must accept them, and they become the first wrap of a new
//! master key (written before the encrypted store is made, so a crash never leaves a database
//! no one can open).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use tereze_core::i18n::{Localize, Localized};
use tereze_core::keyring::{Keyring, KeyringError, MasterKey};
use tereze_core::store::{OperatorImport, Store, StoreError, StoreOptions};
use tereze_core::unlock::UnlockError;
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
    /// The IIN and password given do not open this workstation (or, on a new one, are not an
    /// active account of the office on the server).
    #[error(transparent)]
    Unlock(#[from] UnlockError),
}

impl From<KeyringError> for ConnectError {
    fn from(e: KeyringError) -> Self {
        ConnectError::Unlock(UnlockError::Keyring(e))
    }
}

/// The office account that opens the workstation's data for `tereze connect`.
#[derive(Clone, PartialEq, Eq)]
pub struct Opener {
    /// The IIN as typed.
    pub iin: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for Opener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Opener(..)")
    }
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
            ConnectError::Unlock(e) => e.localized(),
        }
    }
}

impl ConnectError {
    /// The process exit code: 3 unreachable, 4 certificate/CA, 5 credential refused, 6 update
    /// needed, 7 workstation id in use, 8 bad connection file, 9 the IIN and password do not
    /// open the workstation, 1 anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            ConnectError::Unreachable => 3,
            ConnectError::WrongCa | ConnectError::BadCa => 4,
            ConnectError::Refused => 5,
            ConnectError::UpdateNeeded { .. } => 6,
            ConnectError::WorkstationInUse { .. } => 7,
            ConnectError::File(ConnectionError::Read { .. } | ConnectionError::Invalid { .. })
            | ConnectError::Address(_) => 8,
            ConnectError::Unlock(
                UnlockError::Keyring(KeyringError::Refused | KeyringError::LockedOut { .. })
                | UnlockError::Login(_),
            ) => 9,
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
    opener: &Opener,
) -> Result<Connected, ConnectError> {
    let given: ConnectionFile = connection::read(file)?;
    let address = ServerAddress::parse(&given.url)?;
    let provisioned = WorkstationId(given.workstation);
    // A workstation already in use is opened first (the opener's password unlocks it). One
    // with work of its own under another id cannot take this one: say so before calling
    // anybody. A folder without a database has no work and stays untouched until the check
    // passed.
    let existing = if data_dir.join(tereze_core::store::DB_FILE).exists() {
        let opened = tereze_core::unlock::unlock(
            data_dir,
            StoreOptions::default(),
            &opener.iin,
            &opener.password,
            time::OffsetDateTime::now_utc(),
        )?;
        let store = &opened.store;
        if store.workstation() != provisioned && !store.outbox_after(Seq(0), 1)?.is_empty() {
            return Err(ConnectError::WorkstationInUse {
                local: store.workstation(),
            });
        }
        Some((opened.store, opened.key))
    } else {
        None
    };
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
    let (mut store, key) = match existing {
        Some(open) => open,
        None => {
            // A new workstation: the opener must be an active office account the server
            // knows, with this password; their wrap of a new master key comes first.
            let iin = tereze_core::iin::Iin::parse(
                &opener
                    .iin
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect::<String>(),
            )
            .map_err(|_| KeyringError::Refused)?;
            let account = accounts
                .operators
                .iter()
                .find(|o| o.active && o.iin == iin.as_string())
                .filter(|o| tereze_core::password::verify(&o.password_hash, &opener.password))
                .ok_or(KeyringError::Refused)?;
            std::fs::create_dir_all(data_dir).map_err(|source| {
                crate::startup::StartupError::CreateDataDir {
                    path: data_dir.to_path_buf(),
                    source,
                }
            })?;
            let key = MasterKey::generate();
            Keyring::create_for(data_dir, &key, account.id, &iin, &opener.password)?;
            (Store::open(data_dir, &key)?, key)
        }
    };
    if !store.adopt_workstation(provisioned)? {
        return Err(ConnectError::WorkstationInUse {
            local: store.workstation(),
        });
    }
    let operators = store.import_operators(&accounts.operators)?;
    tereze_core::operator_keys::prune_wraps(&store, data_dir).map_err(|e| match e {
        tereze_core::operator_keys::OperatorKeyError::Store(e) => ConnectError::Store(e),
        tereze_core::operator_keys::OperatorKeyError::Keyring(e) => e.into(),
    })?;
    drop(key);
    connection::store(data_dir, &given)?;
    Ok(Connected {
        url: given.url,
        workstation: provisioned,
        operators,
    })
}

/// Reads the opener's IIN and password from standard input, one per line (prompts go to the
/// terminal only when there is one, so scripts can pipe them in).
pub fn read_opener(t: &crate::i18n::Translator) -> std::io::Result<Opener> {
    use std::io::{BufRead, IsTerminal, Write};
    let stdin = std::io::stdin();
    let prompt = stdin.is_terminal();
    let mut lines = stdin.lock().lines();
    let mut ask = |key: &str| -> std::io::Result<String> {
        if prompt {
            eprint!("{}: ", t.tr(key));
            std::io::stderr().flush()?;
        }
        Ok(lines.next().transpose()?.unwrap_or_default())
    };
    let iin = ask("login-iin")?;
    let password = ask("login-password")?;
    Ok(Opener { iin, password })
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
    let opener = match read_opener(t) {
        Ok(opener) => opener,
        Err(_) => {
            eprintln!("{}", t.tr("encryption-opener-unreadable"));
            return ExitCode::FAILURE;
        }
    };
    match connect(file, data_dir, Timeouts::default(), &opener) {
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
        let opener = Opener {
            iin: "900412442007".into(),
            password: "whatever".into(),
        };
        let e = connect(
            &dir.path().join("none.toml"),
            &data,
            Timeouts::default(),
            &opener,
        )
        .unwrap_err();
        assert_eq!(
            (e.localized().key, e.exit_code()),
            ("connect-file-unreadable", 8)
        );
        let foreign = dir.path().join("settings.toml");
        std::fs::write(&foreign, "language = \"kk\"\n").unwrap();
        let e = connect(&foreign, &data, Timeouts::default(), &opener).unwrap_err();
        assert_eq!(
            (e.localized().key, e.exit_code()),
            ("connect-file-invalid", 8)
        );
        assert!(!data.exists(), "a bad file created the data folder");
    }
}
