//! Schema migrations: numbered SQL files compiled into the binary.
//!
//! `PRAGMA user_version` holds the number of migrations applied. Opening runs every pending one in
//! a single `BEGIN IMMEDIATE` transaction, so a crash mid-upgrade leaves the old schema intact.
//! Adding a migration is one line: append `migration!("000N_name"),` to [`MIGRATIONS`]. A
//! migration file must not contain `BEGIN` or `COMMIT`.
//!
//! Migrations run before foreign keys are switched on, so that one may rebuild a table (SQLite's
//! way to change a constraint); `PRAGMA foreign_key_check` must pass before the upgrade commits.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use super::StoreError;

/// One schema step; its version is its position in [`MIGRATIONS`] plus one.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The file name without extension, for messages.
    pub name: &'static str,
    /// The SQL it runs.
    pub sql: &'static str,
}

impl Migration {
    /// A migration from its name and SQL.
    pub const fn new(name: &'static str, sql: &'static str) -> Self {
        Self { name, sql }
    }
}

/// A migration from its file name in `crates/core/migrations/` (without `.sql`).
macro_rules! migration {
    ($name:literal) => {
        Migration::new(
            $name,
            include_str!(concat!("../../migrations/", $name, ".sql")),
        )
    };
}

/// Every migration, in order. Migration `n` (from 1) brings `user_version` to `n`.
#[rustfmt::skip]
pub const MIGRATIONS: &[Migration] = &[
    migration!("0001_init"),
    migration!("0002_reference"),
    migration!("0003_login"),
    migration!("0004_attachment_removal"),
    migration!("0005_sync"),
    migration!("0006_signatures"),
    migration!("0007_server_state"),
    migration!("0008_counter_sync"),
    migration!("0009_queue_cache_and_archival"),
    migration!("0010_signed_document"),
];

/// The schema version this binary creates and understands.
pub fn latest() -> i64 {
    i64::try_from(MIGRATIONS.len()).unwrap_or(i64::MAX)
}

/// The schema version recorded in the file.
pub(crate) fn user_version(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Applies every pending migration in one IMMEDIATE transaction; returns the version before.
pub(crate) fn migrate(conn: &mut Connection) -> Result<i64, StoreError> {
    let tx = Transaction::new(conn, TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have upgraded meanwhile.
    let before = user_version(&tx)?;
    let supported = latest();
    if before > supported {
        return Err(StoreError::Newer {
            found: before,
            supported,
        });
    }
    let done = usize::try_from(before).map_err(|_| StoreError::Invalid {
        what: "user_version",
    })?;
    if done == MIGRATIONS.len() {
        return Ok(before);
    }
    for migration in &MIGRATIONS[done..] {
        tx.execute_batch(migration.sql)?;
    }
    let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if dangling > 0 {
        return Err(StoreError::Invalid {
            what: "foreign keys after migration",
        });
    }
    tx.pragma_update(None, "user_version", supported)?;
    tx.commit()?;
    Ok(before)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn migrations_run_once_from_an_empty_database() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut conn).unwrap(), 0);
        assert_eq!(user_version(&conn).unwrap(), latest());
        assert_eq!(migrate(&mut conn).unwrap(), latest());
    }

    #[test]
    fn no_migration_manages_its_own_transaction() {
        for m in MIGRATIONS {
            let code: String = m
                .sql
                .lines()
                .map(|l| l.split("--").next().unwrap_or_default().to_uppercase())
                .collect::<Vec<_>>()
                .join("\n");
            for word in [
                "BEGIN TRANSACTION",
                "BEGIN IMMEDIATE",
                "BEGIN;",
                "COMMIT",
                "ROLLBACK",
            ] {
                assert!(!code.contains(word), "{} contains {word}", m.name);
            }
        }
    }
}
