//! What the sync engine keeps in the store: the state of each outbox operation (queued, sending,
//! accepted, conflict, rejected, with the server's reason key), the pull cursor, and the changes
//! pulled from the server.
//!
//! The rules that keep the outbox honest live here, next to the data:
//! - an operation is marked final (with `acked_at`) only from the server's answer;
//! - a page of pulled changes and the cursor after it commit in one transaction, so the cursor
//!   never passes a change that is not stored (a failed page leaves both untouched);
//! - a pulled state never silently overwrites a local edit that has not reached the server: it is
//!   held back in `sync_deferred` and applied once the server has settled that edit (after a
//!   conflict the server's version wins locally; the local one stays in the outbox and on the
//!   server's conflict list).

mod apply;
mod history;
mod outbox_state;

pub(crate) use history::insert_issued;

use rusqlite::{OptionalExtension, params};
use serde_json::json;
use tereze_protocol::{ChangesPage, Cursor, PushResult, Seq};

pub use apply::PullTally;
pub use outbox_state::{OutboxCounts, OutboxItem, OutboxState, PushTally};

use super::audit::{self, AuditAction, EntityKind};
use super::{OutboxEntry, Store, StoreError, blob, clock, outbox};

impl Store {
    /// How many outbox operations are in each state (for the status bar and the outbox screen).
    pub fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        outbox_state::counts(&self.conn, self.workstation)
    }

    /// Outbox operations in `seq` order, only those in `state` when given, at most `limit`:
    /// each with its state and the server's reason key.
    pub fn outbox_items(
        &self,
        state: Option<OutboxState>,
        limit: usize,
    ) -> Result<Vec<OutboxItem>, StoreError> {
        outbox_state::items(&self.conn, self.workstation, state, limit)
    }

    /// Every outbox operation after `after`, acknowledged or not, at most `limit` (to send the
    /// whole outbox again, e.g. after the server was restored from a backup).
    pub fn outbox_after(&self, after: Seq, limit: usize) -> Result<Vec<OutboxEntry>, StoreError> {
        outbox::after(&self.conn, self.workstation, after, limit)
    }

    /// Marks operations as sent and waiting for an answer (`sending`), before they go out.
    pub fn mark_sending(&mut self, seqs: &[Seq]) -> Result<(), StoreError> {
        let ws = self.workstation;
        self.write(|tx| outbox_state::mark_sending(tx, ws, seqs))
    }

    /// Records the server's answer to a push in one transaction: final outcomes set the state,
    /// the reason and `acked_at`; a retry puts the operation back to `queued` with the reason.
    /// Server states held back for entities whose edits are now settled are applied. An
    /// operation already final keeps its first answer (sending the outbox again changes nothing).
    pub fn record_push(&mut self, results: &[PushResult]) -> Result<PushTally, StoreError> {
        let ws = self.workstation;
        self.write(|tx| {
            let (tally, settled) = outbox_state::record(tx, ws, results)?;
            for entity in settled {
                apply::resolve_deferred(tx, entity)?;
            }
            if tally.any() {
                audit::append_now(
                    tx,
                    None,
                    AuditAction::Sync,
                    EntityKind::Workstation,
                    None,
                    &json!({
                        "pushed": {
                            "accepted": tally.accepted,
                            "conflict": tally.conflict,
                            "rejected": tally.rejected,
                            "retry": tally.retry,
                        }
                    }),
                )?;
            }
            Ok(tally)
        })
    }

    /// The server change-log position this store has committed up to (0 before any pull).
    pub fn sync_cursor(&self) -> Result<Cursor, StoreError> {
        let position: Option<i64> = self
            .conn
            .query_row(
                "SELECT position FROM sync_cursor WHERE singleton = 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        Ok(Cursor(
            position.map_or(0, |p| u64::try_from(p).unwrap_or(0)),
        ))
    }

    /// Whether the content with this SHA-256 is stored here intact.
    pub fn has_blob(&self, sha256: &str) -> Result<bool, StoreError> {
        match blob::get(&self.blobs, sha256) {
            Ok(_) => Ok(true),
            Err(
                StoreError::Io { .. }
                | StoreError::BlobMismatch { .. }
                | StoreError::BlobTampered { .. },
            ) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Stores content fetched from the server under its SHA-256, after checking that it is
    /// what the hash says; written and fsynced before any row that cites it commits.
    pub fn store_pulled_blob(&mut self, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
        if blob::sha256_hex(bytes) != sha256 {
            return Err(StoreError::BlobMismatch {
                sha256: sha256.to_owned(),
            });
        }
        blob::put(&self.blobs, sha256, bytes).map(|_| ())
    }

    /// Applies one page of pulled changes and moves the cursor to `page.next`, all in one
    /// transaction. Every attachment's content must already be stored ([`Store::has_blob`]);
    /// otherwise nothing is applied and the cursor stays.
    pub fn apply_changes(&mut self, page: &ChangesPage) -> Result<PullTally, StoreError> {
        let blobs = self.blobs.clone();
        self.write(|tx| {
            let mut tally = PullTally::default();
            for change in &page.changes {
                apply::change(tx, &blobs, &change.entity, &mut tally)?;
            }
            let (_, at) = clock::now()?;
            let next = i64::try_from(page.next.0).map_err(|_| StoreError::Invalid {
                what: "sync cursor",
            })?;
            tx.execute(
                "INSERT INTO sync_cursor (singleton, position, updated_at) VALUES (1, ?1, ?2)
                 ON CONFLICT (singleton) DO UPDATE
                 SET position = max(position, excluded.position), updated_at = excluded.updated_at",
                params![next, at],
            )?;
            if !page.changes.is_empty() {
                audit::append(
                    tx,
                    &audit::Entry {
                        at: &at,
                        operator: None,
                        action: AuditAction::Sync,
                        kind: EntityKind::Workstation,
                        entity: None,
                        detail: &json!({
                            "pulled": {
                                "cursor": page.next.0,
                                "requests": tally.requests,
                                "attachments": tally.attachments,
                                "held_back": tally.held_back,
                                "conflicts": tally.conflicts,
                            }
                        }),
                    },
                )?;
            }
            Ok(tally)
        })
    }
}
