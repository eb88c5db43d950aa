//! Who is calling: the workstation (bearer credential) and the operator it names.

use axum::http::HeaderMap;
use sha2::{Digest, Sha256};
use tereze_core::store::Role;
use tereze_protocol::{OPERATOR_HEADER, WorkstationId};
use uuid::Uuid;

use crate::db::{DbError, Sql};
use crate::error::ApiFailure;
use crate::reason::Reason;

/// A provisioned workstation, as the server knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Workstation {
    /// Its id.
    pub id: WorkstationId,
    /// The office it serves (reference id); numbering and operators are per office.
    pub office_id: String,
}

/// An operator account on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperatorAccount {
    /// The operator's UUID.
    pub id: Uuid,
    /// The role, re-checked for every operation.
    pub role: Role,
    /// The office.
    pub office_id: String,
    /// Whether the account may act.
    pub active: bool,
}

/// The authenticated caller of one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// The workstation whose credential was presented.
    pub workstation: Workstation,
    /// The operator the request names: active and of the workstation's office.
    pub operator: OperatorAccount,
}

/// The SHA-256 of a credential, as stored.
pub fn credential_hash(credential: &str) -> String {
    hex::encode(Sha256::digest(credential.as_bytes()))
}

/// The bearer credential of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(axum::http::header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// The operator UUID a request names, if well-formed.
pub fn named_operator(headers: &HeaderMap) -> Option<Uuid> {
    Uuid::parse_str(headers.get(OPERATOR_HEADER)?.to_str().ok()?.trim()).ok()
}

/// Looks the workstation up by its credential.
pub fn workstation_by_credential(
    sql: &mut dyn Sql,
    credential: &str,
) -> Result<Option<Workstation>, DbError> {
    let row = sql.query_opt(
        "SELECT id, office_id FROM workstations WHERE credential_hash = $1 AND active = 1",
        &[credential_hash(credential).into()],
    )?;
    let Some(row) = row else { return Ok(None) };
    let id = Uuid::parse_str(&row.text(0)?).map_err(|_| DbError::Shape { column: 0 })?;
    Ok(Some(Workstation {
        id: WorkstationId(id),
        office_id: row.text(1)?,
    }))
}

/// Looks an operator up by id.
pub fn operator(sql: &mut dyn Sql, id: Uuid) -> Result<Option<OperatorAccount>, DbError> {
    let row = sql.query_opt(
        "SELECT role, office_id, active FROM operators WHERE id = $1",
        &[id.to_string().into()],
    )?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(OperatorAccount {
        id,
        role: Role::parse(&row.text(0)?).ok_or(DbError::Shape { column: 0 })?,
        office_id: row.text(1)?,
        active: row.int(2)? == 1,
    }))
}

/// Authenticates a workstation by its credential alone (for the calls a workstation makes
/// before anyone has logged in on it); a refusal is audited.
pub fn authenticate_workstation(
    sql: &mut dyn Sql,
    credential: Option<&str>,
) -> Result<Workstation, AuthFailure> {
    let workstation = match credential {
        Some(c) => workstation_by_credential(sql, c)?,
        None => None,
    };
    match workstation {
        Some(w) => Ok(w),
        None => {
            crate::audit::record(
                sql,
                None,
                None,
                "auth-refused",
                None,
                Some("unauthenticated"),
            )?;
            Err(AuthFailure::Refused(ApiFailure::unauthenticated()))
        }
    }
}

/// Authenticates a request: a known credential, and a named operator who is active and works
/// at the workstation's office. Any failure is audited without personal data.
pub fn authenticate(
    sql: &mut dyn Sql,
    credential: Option<&str>,
    operator_id: Option<Uuid>,
) -> Result<Caller, AuthFailure> {
    let workstation = match credential {
        Some(c) => workstation_by_credential(sql, c)?,
        None => None,
    };
    let Some(workstation) = workstation else {
        crate::audit::record(
            sql,
            None,
            None,
            "auth-refused",
            None,
            Some("unauthenticated"),
        )?;
        return Err(AuthFailure::Refused(ApiFailure::unauthenticated()));
    };
    let account = match operator_id {
        Some(id) => operator(sql, id)?,
        None => None,
    };
    match account {
        Some(a) if a.active && a.office_id == workstation.office_id => Ok(Caller {
            workstation,
            operator: a,
        }),
        _ => {
            crate::audit::record(
                sql,
                Some(workstation.id),
                operator_id,
                "auth-refused",
                None,
                Some(Reason::OperatorUnknown.key()),
            )?;
            Err(AuthFailure::Refused(ApiFailure::forbidden(
                Reason::OperatorUnknown,
            )))
        }
    }
}

/// Why authentication did not produce a caller.
#[derive(Debug)]
pub enum AuthFailure {
    /// The caller was refused (and audited).
    Refused(ApiFailure),
    /// The database failed.
    Db(DbError),
}

impl From<DbError> for AuthFailure {
    fn from(e: DbError) -> Self {
        AuthFailure::Db(e)
    }
}

impl From<AuthFailure> for ApiFailure {
    fn from(f: AuthFailure) -> Self {
        match f {
            AuthFailure::Refused(a) => a,
            AuthFailure::Db(e) => ApiFailure::from(e),
        }
    }
}
