//! Logging in offline with IIN and password, with a growing delay after repeated failures.
//!
//! Whatever went wrong — an unknown IIN, a wrong password, a disabled account, an account with no
//! password yet — the operator sees the same refusal (the regulations' «отказ в авторизации»),
//! and the check costs the same time. After [`FREE_ATTEMPTS`] failures in a row for one IIN,
//! each further failure locks that IIN for twice as long as the last, from 30 seconds up to
//! 15 minutes; a successful login clears the count.

use rusqlite::{Connection, OptionalExtension, params};
use serde_json::json;
use thiserror::Error;
use time::{Duration, OffsetDateTime};

use super::audit::{self, AuditAction, EntityKind};
use super::{StoreError, clock, operator};
use crate::i18n::{Localize, Localized};
use crate::iin::Iin;
use crate::password;
use crate::store::Operator;

/// Failures in a row allowed before the first lock.
pub const FREE_ATTEMPTS: u32 = 5;
const FIRST_LOCK: Duration = Duration::seconds(30);
const LONGEST_LOCK: Duration = Duration::minutes(15);

/// Why a login did not succeed.
#[derive(Debug, Error)]
pub enum LoginError {
    /// Unknown IIN, wrong password or an account that may not log in: one message for all.
    #[error("authorisation refused")]
    Refused,
    /// Too many failures: try again after `seconds`.
    #[error("locked for {seconds} s")]
    LockedOut {
        /// Seconds until the next attempt is accepted.
        seconds: i64,
    },
    /// The store could not be read or written.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl Localize for LoginError {
    fn localized(&self) -> Localized {
        match self {
            LoginError::Refused => Localized::new("login-refused"),
            LoginError::LockedOut { seconds } => {
                Localized::new("login-locked").arg("seconds", seconds)
            }
            LoginError::Store(e) => e.localized(),
        }
    }
}

/// How long an IIN stays locked after `failures` failures in a row (none before the limit).
pub fn lock_for(failures: u32) -> Option<Duration> {
    let over = failures.checked_sub(FREE_ATTEMPTS)?;
    let factor = 1i32.checked_shl(over.min(10)).unwrap_or(i32::MAX);
    Some(FIRST_LOCK.saturating_mul(factor).min(LONGEST_LOCK))
}

struct Failures {
    count: u32,
    locked_until: Option<OffsetDateTime>,
}

fn failures(conn: &Connection, key: &str) -> Result<Option<Failures>, StoreError> {
    let row: Option<(i64, Option<String>)> = conn
        .prepare_cached("SELECT failures, locked_until FROM login_failures WHERE iin = ?1")?
        .query_row([key], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let Some((count, locked)) = row else {
        return Ok(None);
    };
    Ok(Some(Failures {
        count: u32::try_from(count).unwrap_or(u32::MAX),
        locked_until: locked.as_deref().map(clock::parse).transpose()?,
    }))
}

/// The IIN as typed, without white space: the key failures are counted under.
fn key_of(iin: &str) -> String {
    iin.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Checks IIN and password at `now`; see the module docs for the rules.
pub(crate) fn login(
    conn: &mut Connection,
    iin: &str,
    password_typed: &str,
    now: OffsetDateTime,
) -> Result<Operator, LoginError> {
    let key = key_of(iin);
    let previous = failures(conn, &key)?;
    if let Some(until) = previous
        .as_ref()
        .and_then(|f| f.locked_until)
        .filter(|until| *until > now)
    {
        return Err(LoginError::LockedOut {
            seconds: (until - now).whole_seconds().max(1),
        });
    }
    let account = match Iin::parse(&key) {
        Ok(parsed) => operator::by_iin(conn, &parsed)?,
        Err(_) => None,
    };
    let verifier = account
        .as_ref()
        .filter(|op| op.active)
        .and_then(|op| op.password_hash.as_deref())
        .unwrap_or(password::DECOY);
    let matches = password::verify(verifier, password_typed);
    let at = clock::format(now)?;

    let tx = rusqlite::Transaction::new(conn, rusqlite::TransactionBehavior::Immediate)
        .map_err(StoreError::from)?;
    let result = match account.filter(|op| matches && op.active) {
        Some(op) => {
            tx.prepare_cached("DELETE FROM login_failures WHERE iin = ?1")
                .map_err(StoreError::from)?
                .execute([&key])
                .map_err(StoreError::from)?;
            audit_login(&tx, &at, Some(op.id), AuditAction::Login, json!({}))?;
            Ok(op)
        }
        None => {
            let count = previous.map_or(0, |f| f.count).saturating_add(1);
            let lock = lock_for(count);
            let locked_until = lock.map(|d| clock::format(now + d)).transpose()?;
            tx.prepare_cached(
                "INSERT INTO login_failures (iin, failures, locked_until) VALUES (?1, ?2, ?3)
                 ON CONFLICT (iin) DO UPDATE SET failures = excluded.failures,
                                                 locked_until = excluded.locked_until",
            )
            .map_err(StoreError::from)?
            .execute(params![key, count, locked_until])
            .map_err(StoreError::from)?;
            let known = operator_id_for(&tx, &key)?;
            audit_login(
                &tx,
                &at,
                known,
                AuditAction::LoginRefused,
                json!({ "failures": count }),
            )?;
            Err(match lock {
                Some(d) => LoginError::LockedOut {
                    seconds: d.whole_seconds(),
                },
                None => LoginError::Refused,
            })
        }
    };
    tx.commit().map_err(StoreError::from)?;
    result
}

fn operator_id_for(conn: &Connection, key: &str) -> Result<Option<uuid::Uuid>, StoreError> {
    match Iin::parse(key) {
        Ok(iin) => Ok(operator::by_iin(conn, &iin)?.map(|op| op.id)),
        Err(_) => Ok(None),
    }
}

fn audit_login(
    conn: &Connection,
    at: &str,
    operator: Option<uuid::Uuid>,
    action: AuditAction,
    detail: serde_json::Value,
) -> Result<(), StoreError> {
    audit::append(
        conn,
        &audit::Entry {
            at,
            operator,
            action,
            kind: EntityKind::Workstation,
            entity: None,
            detail: &detail,
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lock_doubles_from_30_seconds_and_stops_at_15_minutes() {
        assert_eq!(lock_for(4), None);
        assert_eq!(lock_for(5), Some(Duration::seconds(30)));
        assert_eq!(lock_for(6), Some(Duration::seconds(60)));
        assert_eq!(lock_for(9), Some(Duration::seconds(480)));
        assert_eq!(lock_for(10), Some(Duration::minutes(15)));
        assert_eq!(lock_for(1000), Some(Duration::minutes(15)));
    }
}
