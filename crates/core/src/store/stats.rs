//! Counts of what the store holds.

use rusqlite::Connection;

use super::StoreError;

/// How much the store holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StoreStats {
    /// Requests of every status.
    pub requests: u64,
    /// Operator accounts, active or not.
    pub operators: u64,
    /// Offices in the reference data.
    pub offices: u64,
    /// Kindergartens and mini-centres in the reference data.
    pub organisations: u64,
    /// Outbox operations the server has not acknowledged yet.
    pub pending_outbox: u64,
}

pub(crate) fn read(conn: &Connection) -> Result<StoreStats, StoreError> {
    let count = |sql: &str| -> Result<u64, StoreError> {
        let n: i64 = conn.prepare_cached(sql)?.query_row([], |r| r.get(0))?;
        Ok(u64::try_from(n).unwrap_or(0))
    };
    Ok(StoreStats {
        requests: count("SELECT count(*) FROM requests")?,
        operators: count("SELECT count(*) FROM operators")?,
        offices: count("SELECT count(*) FROM offices")?,
        organisations: count("SELECT count(*) FROM organisations")?,
        pending_outbox: count("SELECT count(*) FROM outbox WHERE acked_at IS NULL")?,
    })
}
