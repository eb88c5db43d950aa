//! The audit position the server acknowledged, and the chain's hash at any position: what a
//! sync reports so the server can tell a chain that grew from one that was rewritten.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError};

impl Store {
    /// The hash of audit row `seq` as the log holds it now (`None`: no such row).
    pub fn audit_hash_at(&self, seq: i64) -> Result<Option<String>, StoreError> {
        if seq == 0 {
            return Ok(Some(super::GENESIS.to_owned()));
        }
        Ok(self
            .conn
            .query_row("SELECT hash FROM audit WHERE seq = ?1", [seq], |r| r.get(0))
            .optional()?)
    }

    /// The audit position the server acknowledged last, if any.
    pub fn acknowledged_audit(&self) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT seq FROM audit_acknowledged WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records the audit position the server acknowledged.
    pub fn set_acknowledged_audit(&mut self, seq: i64) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "INSERT INTO audit_acknowledged (singleton, seq) VALUES (1, ?1)
                 ON CONFLICT (singleton) DO UPDATE SET seq = excluded.seq",
                params![seq],
            )?;
            Ok(())
        })
    }
}
