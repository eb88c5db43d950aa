//! Operator accounts kept on the workstation for offline login.

use rusqlite::{Connection, ErrorCode, OptionalExtension, Row, params};
use uuid::Uuid;

use super::StoreError;
use crate::iin::Iin;

/// What an operator may do; the server re-checks the role for every operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// An executor at a provider's office (education department, archive, …).
    Executor,
    /// A public service centre (ЦОН) operator.
    ConOperator,
    /// A head of department: signs decisions, resolves conflicts.
    Head,
    /// Manages users, workstations and reference data.
    Administrator,
}

impl Role {
    /// Every role.
    pub const ALL: [Role; 4] = [
        Role::Executor,
        Role::ConOperator,
        Role::Head,
        Role::Administrator,
    ];

    /// The stable name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Executor => "executor",
            Role::ConOperator => "con-operator",
            Role::Head => "head",
            Role::Administrator => "administrator",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// An operator to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewOperator {
    /// The operator's IIN (the login name, and what the ЭЦП certificate must carry).
    pub iin: Iin,
    /// Full name as in the identity document.
    pub full_name: String,
    /// The role.
    pub role: Role,
    /// The office the operator works at (reference data id).
    pub office_id: String,
    /// The password verifier (PHC string), if a password is set.
    pub password_hash: Option<String>,
}

/// A stored operator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operator {
    /// The operator's UUID.
    pub id: Uuid,
    /// The operator's IIN.
    pub iin: Iin,
    /// Full name.
    pub full_name: String,
    /// The role.
    pub role: Role,
    /// The office id.
    pub office_id: String,
    /// The password verifier, if set.
    pub password_hash: Option<String>,
    /// Whether the account may log in.
    pub active: bool,
}

struct Raw {
    id: String,
    iin: String,
    full_name: String,
    role: String,
    office_id: String,
    password_hash: Option<String>,
    active: bool,
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Raw> {
    Ok(Raw {
        id: r.get(0)?,
        iin: r.get(1)?,
        full_name: r.get(2)?,
        role: r.get(3)?,
        office_id: r.get(4)?,
        password_hash: r.get(5)?,
        active: r.get(6)?,
    })
}

fn decode(raw: Raw) -> Result<Operator, StoreError> {
    let bad = |what| StoreError::Invalid { what };
    Ok(Operator {
        id: Uuid::parse_str(&raw.id).map_err(|_| bad("operator id"))?,
        iin: Iin::parse(&raw.iin).map_err(|_| bad("operator iin"))?,
        full_name: raw.full_name,
        role: Role::parse(&raw.role).ok_or(bad("operator role"))?,
        office_id: raw.office_id,
        password_hash: raw.password_hash,
        active: raw.active,
    })
}

/// Inserts an operator inside the caller's transaction.
pub(crate) fn insert(conn: &Connection, new: &NewOperator) -> Result<Operator, StoreError> {
    let op = Operator {
        id: Uuid::now_v7(),
        iin: new.iin,
        full_name: new.full_name.clone(),
        role: new.role,
        office_id: new.office_id.clone(),
        password_hash: new.password_hash.clone(),
        active: true,
    };
    let inserted = conn
        .prepare_cached(
            "INSERT INTO operators (id, iin, full_name, role, office_id, password_hash, active)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)",
        )?
        .execute(params![
            op.id.to_string(),
            op.iin.as_string(),
            op.full_name,
            op.role.as_str(),
            op.office_id,
            op.password_hash
        ]);
    match inserted {
        Ok(_) => Ok(op),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::ConstraintViolation) => {
            Err(StoreError::DuplicateOperator)
        }
        Err(e) => Err(e.into()),
    }
}

/// The operator with this IIN.
pub(crate) fn by_iin(conn: &Connection, iin: &Iin) -> Result<Option<Operator>, StoreError> {
    conn.prepare_cached(
        "SELECT id, iin, full_name, role, office_id, password_hash, active
         FROM operators WHERE iin = ?1",
    )?
    .query_row([iin.as_string()], from_row)
    .optional()?
    .map(decode)
    .transpose()
}

/// The operator with this id.
pub(crate) fn by_id(conn: &Connection, id: Uuid) -> Result<Option<Operator>, StoreError> {
    conn.prepare_cached(
        "SELECT id, iin, full_name, role, office_id, password_hash, active
         FROM operators WHERE id = ?1",
    )?
    .query_row([id.to_string()], from_row)
    .optional()?
    .map(decode)
    .transpose()
}

/// Fails with [`StoreError::UnknownOperator`] unless the operator exists.
pub(crate) fn require(conn: &Connection, id: Uuid) -> Result<(), StoreError> {
    let exists: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM operators WHERE id = ?1)")?
        .query_row([id.to_string()], |r| r.get(0))?;
    if exists {
        Ok(())
    } else {
        Err(StoreError::UnknownOperator { id })
    }
}

/// Every operator, by name.
pub(crate) fn all(conn: &Connection) -> Result<Vec<Operator>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, iin, full_name, role, office_id, password_hash, active
         FROM operators ORDER BY full_name, id",
    )?;
    let rows = stmt.query_map([], from_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(decode(row?)?);
    }
    Ok(out)
}

/// Enables or disables an account; returns whether the operator exists.
pub(crate) fn set_active(conn: &Connection, id: Uuid, active: bool) -> Result<bool, StoreError> {
    let changed = conn
        .prepare_cached("UPDATE operators SET active = ?1 WHERE id = ?2")?
        .execute(params![i64::from(active), id.to_string()])?;
    Ok(changed == 1)
}

/// Stores a new password verifier; `false` when there is no such operator.
pub(crate) fn set_password(
    conn: &Connection,
    id: Uuid,
    verifier: &str,
) -> Result<bool, StoreError> {
    let n = conn
        .prepare_cached("UPDATE operators SET password_hash = ?1 WHERE id = ?2")?
        .execute(rusqlite::params![verifier, id.to_string()])?;
    Ok(n == 1)
}
