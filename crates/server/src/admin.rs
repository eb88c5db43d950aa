//! Administrator commands: provisioning workstations, adding operators, importing reference
//! data and revocation lists. They run against the database directly, not over HTTP.

use std::path::Path;

use tereze_core::iin::Iin;
use tereze_core::store::Role;
use thiserror::Error;
use uuid::Uuid;

use crate::auth::credential_hash;
use crate::blob::{BlobStore, PieceOutcome};
use crate::db::{Db, DbError};
use crate::error::ServerError;

/// Why an admin command failed.
#[derive(Debug, Error)]
pub enum AdminError {
    /// The database failed.
    #[error(transparent)]
    Db(#[from] DbError),
    /// Storing failed.
    #[error(transparent)]
    Server(#[from] ServerError),
    /// The system gave no randomness for a credential.
    #[error("no randomness available for the credential")]
    Random,
    /// The IIN is not a valid IIN.
    #[error("the IIN is not valid")]
    BadIin,
    /// The role is not one of the known ones.
    #[error("unknown role (executor|operator, con-operator, head, admin|administrator)")]
    BadRole,
    /// The password does not meet the policy.
    #[error(transparent)]
    Password(#[from] tereze_core::password::PasswordError),
    /// An operator with this IIN exists already.
    #[error("an operator with this IIN exists already")]
    Duplicate,
    /// A file could not be read.
    #[error("cannot read the file: {0}")]
    Read(#[from] std::io::Error),
    /// Reference data did not import.
    #[error(transparent)]
    Reference(#[from] crate::reference::ImportError),
}

/// A newly provisioned workstation; the credential is shown once and stored only hashed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provisioned {
    /// The workstation's id.
    pub id: Uuid,
    /// The bearer credential.
    pub credential: String,
}

/// Creates a workstation for `office_id` and issues its credential. `id` enrols a workstation
/// that already made its own id; `None` makes a new one.
pub fn provision_workstation(
    db: &Db,
    office_id: &str,
    name: &str,
    id: Option<Uuid>,
) -> Result<Provisioned, AdminError> {
    let mut secret = [0u8; 32];
    getrandom::fill(&mut secret).map_err(|_| AdminError::Random)?;
    let credential = format!("tzw_{}", hex::encode(secret));
    let id = id.unwrap_or_else(Uuid::now_v7);
    let (office, name, hash) = (
        office_id.to_owned(),
        name.to_owned(),
        credential_hash(&credential),
    );
    db.run_blocking(move |sql| {
        sql.execute(
            "INSERT INTO workstations (id, office_id, name, credential_hash, created_at)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                id.to_string().into(),
                office.into(),
                name.into(),
                hash.into(),
                crate::clock::now_text().into(),
            ],
        )
    })?;
    Ok(Provisioned { id, credential })
}

/// Revokes a workstation's credential: its calls are refused as unauthenticated from now on
/// (what it already sent stays). Returns whether such an active workstation existed.
pub fn revoke_workstation(db: &Db, id: Uuid) -> Result<bool, AdminError> {
    let changed = db.run_blocking(move |sql| {
        sql.execute(
            "UPDATE workstations SET active = 0 WHERE id = $1 AND active = 1",
            &[id.to_string().into()],
        )
    })?;
    Ok(changed > 0)
}

/// Parses a role as the command line spells it.
pub fn parse_role(s: &str) -> Result<Role, AdminError> {
    match s {
        "operator" => Ok(Role::Executor),
        "admin" => Ok(Role::Administrator),
        other => Role::parse(other).ok_or(AdminError::BadRole),
    }
}

/// An operator to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAccount {
    /// The IIN.
    pub iin: String,
    /// Full name.
    pub full_name: String,
    /// The role.
    pub role: Role,
    /// The office.
    pub office_id: String,
    /// The initial password (hashed with Argon2id before storing).
    pub password: String,
    /// A given id (the one the workstation already uses), or `None` for a new one.
    pub id: Option<Uuid>,
}

/// Adds an operator and returns their id.
pub fn add_operator(db: &Db, account: NewAccount) -> Result<Uuid, AdminError> {
    let iin = Iin::parse(&account.iin).map_err(|_| AdminError::BadIin)?;
    let hash = tereze_core::password::hash(&account.password)?;
    let id = account.id.unwrap_or_else(Uuid::now_v7);
    db.run_blocking(move |sql| {
        let iin = iin.as_string();
        if sql
            .query_opt(
                "SELECT id FROM operators WHERE iin = $1",
                &[iin.as_str().into()],
            )?
            .is_some()
        {
            return Err(AdminError::Duplicate);
        }
        sql.execute(
            "INSERT INTO operators (id, iin, full_name, role, office_id, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                id.to_string().into(),
                iin.into(),
                account.full_name.into(),
                account.role.as_str().into(),
                account.office_id.into(),
                hash.into(),
                crate::clock::now_text().into(),
            ],
        )?;
        Ok(id)
    })
}

/// Imports the reference CSVs in `dir`; returns the version now current.
pub fn import_reference(db: &Db, dir: &Path) -> Result<String, AdminError> {
    let dir = dir.to_path_buf();
    Ok(db.run_blocking(move |sql| crate::reference::import_dir(sql, &dir))?)
}

/// Stores a revocation list file as a blob and makes it the current one of `issuer`.
pub fn import_crl(
    db: &Db,
    blobs: &BlobStore,
    issuer: &str,
    file: &Path,
) -> Result<String, AdminError> {
    let bytes = std::fs::read(file)?;
    let sha = tereze_core::store::sha256_hex(&bytes);
    let (blobs, issuer, sha2) = (blobs.clone(), issuer.to_owned(), sha.clone());
    db.run_blocking(move |sql| {
        let size = bytes.len() as u64;
        match blobs.put(sql, &sha2, 0, size, &bytes)? {
            PieceOutcome::Complete(_) => {}
            _ => {
                return Err(ServerError::Io(std::io::Error::other(
                    "the file did not verify",
                )));
            }
        }
        crate::reference::record_crl(sql, &issuer, &sha2, size)
    })?;
    Ok(sha)
}
