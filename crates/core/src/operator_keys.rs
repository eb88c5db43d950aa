//! Operator accounts and their wraps of the master key, kept in step.
//!
//! Every account that may log in here should be able to open the workstation offline, and no
//! one else: creating an operator adds their wrap, a new password re-wraps, and disabling an
//! operator (here or on the server) removes their wrap. The last wrap is never removed, since
//! then no one could open the data; such a change is refused before anything is written.

use std::path::Path;

use uuid::Uuid;

use crate::i18n::{Localize, Localized};
use crate::keyring::{Keyring, KeyringError, MasterKey};
use crate::store::{NewOperator, Operator, Store, StoreError};

/// Why an account change was refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum OperatorKeyError {
    /// The store refused (a duplicate IIN, a weak password, an unknown id).
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The keyring refused (the last wrap) or could not be written.
    #[error(transparent)]
    Keyring(#[from] KeyringError),
}

impl Localize for OperatorKeyError {
    fn localized(&self) -> Localized {
        match self {
            OperatorKeyError::Store(e) => e.localized(),
            OperatorKeyError::Keyring(e) => e.localized(),
        }
    }
}

/// Creates an operator with a password and gives them a wrap; `by` is the administrator.
pub fn add_operator(
    store: &mut Store,
    data_dir: &Path,
    key: &MasterKey,
    new: &NewOperator,
    password: &str,
    by: Option<Uuid>,
) -> Result<Operator, OperatorKeyError> {
    let mut keyring = Keyring::load(data_dir)?;
    let operator = store.add_operator(new, by)?;
    store.set_password(operator.id, password, by)?;
    keyring.set_wrap(key, operator.id, &operator.iin, password)?;
    Ok(operator)
}

/// Sets an operator's password and re-wraps the master key under it.
pub fn set_password(
    store: &mut Store,
    data_dir: &Path,
    key: &MasterKey,
    operator: Uuid,
    password: &str,
    by: Option<Uuid>,
) -> Result<(), OperatorKeyError> {
    let mut keyring = Keyring::load(data_dir)?;
    let account = store
        .operator(operator)?
        .ok_or(StoreError::UnknownOperator { id: operator })?;
    store.set_password(operator, password, by)?;
    keyring.set_wrap(key, operator, &account.iin, password)?;
    Ok(())
}

/// Disables an operator: their wrap goes first (refused, with nothing changed, if it is the
/// last one), then the account.
pub fn disable_operator(
    store: &mut Store,
    data_dir: &Path,
    operator: Uuid,
) -> Result<(), OperatorKeyError> {
    let mut keyring = Keyring::load(data_dir)?;
    if keyring.has_wrap(operator) {
        keyring.remove_wrap(operator)?;
    }
    store.set_operator_active(operator, false)?;
    Ok(())
}

/// Removes the wraps of operators who are disabled or no longer known (after the server's
/// account list was imported), keeping the last wrap. Returns how many were removed.
pub fn prune_wraps(store: &Store, data_dir: &Path) -> Result<usize, OperatorKeyError> {
    let mut keyring = Keyring::load(data_dir)?;
    let mut removed = 0;
    for id in keyring.operators() {
        let active = store.operator(id)?.is_some_and(|op| op.active);
        if !active {
            match keyring.remove_wrap(id) {
                Ok(()) => removed += 1,
                Err(KeyringError::LastWrap) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }
    Ok(removed)
}
