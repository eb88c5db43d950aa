//! Opening the workstation at login: the IIN and password unlock the master key from the
//! keyring, the encrypted store opens with it, and only then do the account checks run (lockout,
//! active account, audit of the login).
//!
//! The data cannot be read before a password opened a wrap, so attempts that fail at the
//! keyring are counted in the keyring file; they go into the audit chain right after the next
//! successful open. A data folder from before encryption at rest (a plaintext database and no
//! keyring) is converted at the first login whose password its operator table accepts.

use std::path::Path;

use time::OffsetDateTime;
use uuid::Uuid;

use crate::encryption::convert::{self, Converted};
use crate::i18n::{Localize, Localized};
use crate::iin::Iin;
use crate::keyring::{Keyring, KeyringError, MasterKey};
use crate::password;
use crate::store::{
    AuditAction, EntityKind, LoginError, Operator, Store, StoreError, StoreOptions,
};

/// An open workstation: the store, the operator who opened it and the master key (kept in
/// memory to give new operators their wraps).
#[derive(Debug)]
pub struct Opened {
    /// The encrypted store.
    pub store: Store,
    /// The operator who logged in.
    pub operator: Operator,
    /// The master key.
    pub key: MasterKey,
    /// What the conversion of an older plaintext folder did, when one ran.
    pub converted: Option<Converted>,
}

/// Why the workstation did not open. Nothing was read or changed beyond the counted failure.
#[derive(Debug, thiserror::Error)]
pub enum UnlockError {
    /// The keyring refused (wrong IIN or password, delay after failures, damaged file).
    #[error(transparent)]
    Keyring(#[from] KeyringError),
    /// The keyring opened but the account checks refused (disabled account, lockout).
    #[error(transparent)]
    Login(#[from] LoginError),
    /// The store could not be opened or converted.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The data folder has no keyring and no data to convert: no operator was ever set up here.
    #[error("no operator is set up on this workstation")]
    NotSetUp,
}

impl Localize for UnlockError {
    fn localized(&self) -> Localized {
        match self {
            UnlockError::Keyring(e) => e.localized(),
            UnlockError::Login(e) => e.localized(),
            UnlockError::Store(e) => e.localized(),
            UnlockError::NotSetUp => Localized::new("encryption-not-set-up"),
        }
    }
}

/// Opens the workstation in `data_dir` for the operator with this IIN and password, at `now`.
pub fn unlock(
    data_dir: &Path,
    options: StoreOptions,
    iin_typed: &str,
    password_typed: &str,
    now: OffsetDateTime,
) -> Result<Opened, UnlockError> {
    let iin_text: String = iin_typed.chars().filter(|c| !c.is_whitespace()).collect();
    let iin = Iin::parse(&iin_text).ok();
    convert::remove_leftovers(data_dir)?;
    let (key, failed_before) = if Keyring::exists(data_dir) {
        let mut keyring = Keyring::load(data_dir)?;
        // An IIN with a wrong check digit opens no wrap; guessing needs a valid IIN, so it
        // is refused without counting.
        let Some(iin) = &iin else {
            return Err(KeyringError::Refused.into());
        };
        let unlocked = keyring.unlock(iin, password_typed, now)?;
        (unlocked.key, unlocked.failed_attempts)
    } else if convert::needs_conversion(data_dir)? {
        let Some(iin) = &iin else {
            return Err(KeyringError::Refused.into());
        };
        let operator = plaintext_login(data_dir, iin, password_typed)?;
        let key = MasterKey::generate();
        Keyring::create_for(data_dir, &key, operator, iin, password_typed)?;
        (key, 0)
    } else {
        return Err(UnlockError::NotSetUp);
    };
    let converted = if convert::needs_conversion(data_dir)? {
        Some(convert::convert(data_dir, &key)?)
    } else {
        None
    };
    let mut store = Store::open_with(data_dir, &key, options)?;
    if failed_before > 0 {
        store.audit(
            None,
            AuditAction::UnlockRefused,
            EntityKind::Workstation,
            None,
            &serde_json::json!({ "failures": failed_before }),
        )?;
    }
    if let Some(c) = converted {
        store.audit(
            None,
            AuditAction::EncryptData,
            EntityKind::Workstation,
            None,
            &serde_json::json!({ "database": c.database, "scans": c.blobs }),
        )?;
    }
    let operator = store.login(&iin_text, password_typed, now)?;
    Ok(Opened {
        store,
        operator,
        key,
        converted,
    })
}

/// Checks a login against the operator table of a plaintext database (read-only), before the
/// keyring exists: the account's id if it is active and the password matches.
fn plaintext_login(data_dir: &Path, iin: &Iin, password_typed: &str) -> Result<Uuid, UnlockError> {
    let conn = convert::open_plaintext(data_dir)?;
    let account = crate::store::operator_by_iin_on(&conn, iin)?;
    let verifier = account
        .as_ref()
        .filter(|op| op.active)
        .and_then(|op| op.password_hash.as_deref())
        .unwrap_or(password::DECOY);
    let matches = password::verify(verifier, password_typed);
    match account.filter(|op| matches && op.active) {
        Some(op) => Ok(op.id),
        None => Err(KeyringError::Refused.into()),
    }
}

/// Gives `operator` a wrap of `key` with this password if they have none (an account that came
/// from the server, logging in here for the first time while the workstation is open), so they
/// can open the workstation themselves next time. Returns whether a wrap was added.
pub fn ensure_wrap(
    data_dir: &Path,
    key: &MasterKey,
    operator: &Operator,
    password_typed: &str,
) -> Result<bool, KeyringError> {
    let mut keyring = Keyring::load(data_dir)?;
    if keyring.has_wrap(operator.id) {
        return Ok(false);
    }
    keyring.set_wrap(key, operator.id, &operator.iin, password_typed)?;
    Ok(true)
}
