//! Numbered SQL migrations, one folder per backend, applied in one transaction.

use super::{Backend, DbError, Sql};

/// `(version, sql)` for SQLite, oldest first.
const SQLITE: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/sqlite/0001_init.sql")),
    (2, include_str!("../../migrations/sqlite/0002_queue.sql")),
    (
        3,
        include_str!("../../migrations/sqlite/0003_audit_heads.sql"),
    ),
    (4, include_str!("../../migrations/sqlite/0004_counter.sql")),
];
/// `(version, sql)` for PostgreSQL, oldest first.
const POSTGRES: &[(i64, &str)] = &[
    (1, include_str!("../../migrations/postgres/0001_init.sql")),
    (2, include_str!("../../migrations/postgres/0002_queue.sql")),
    (
        3,
        include_str!("../../migrations/postgres/0003_audit_heads.sql"),
    ),
    (
        4,
        include_str!("../../migrations/postgres/0004_counter.sql"),
    ),
];

/// Brings the schema up to date; a database from a newer server is refused untouched.
pub fn migrate(conn: &mut dyn Sql) -> Result<(), DbError> {
    let steps = match conn.backend() {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    };
    let known = steps.last().map_or(0, |s| s.0);
    conn.transaction(|tx| {
        tx.batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (
                 version    BIGINT PRIMARY KEY NOT NULL,
                 applied_at TEXT NOT NULL
             )",
        )?;
        let current = tx
            .query_opt(
                "SELECT coalesce(max(version), 0) FROM schema_migrations",
                &[],
            )?
            .map_or(Ok(0), |r| r.int(0))?;
        if current > known {
            return Err(DbError::Newer {
                found: current,
                known,
            });
        }
        for (version, sql) in steps.iter().filter(|(v, _)| *v > current) {
            tx.batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, applied_at) VALUES ($1, $2)",
                &[(*version).into(), crate::clock::now_text().into()],
            )?;
        }
        Ok(())
    })
}
