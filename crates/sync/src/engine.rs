//! One sync cycle: reference data, pull → push → pull.

mod audit_head;
mod crls;
mod pull;
mod push;
mod reference;

use tereze_core::i18n::Localize;
use tereze_core::store::{PushTally, Store};

use crate::api::Api;
use crate::{EventSender, SyncConfig, SyncError, SyncEvent};

/// What one cycle did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncSummary {
    /// Changes pulled and stored (both pulls).
    pub pulled: usize,
    /// Operations the server applied.
    pub accepted: usize,
    /// Operations kept by the server as conflicts.
    pub conflicts: usize,
    /// Operations the server refused.
    pub rejected: usize,
    /// Scans uploaded or fetched.
    pub blobs: usize,
    /// Operations still waiting after the cycle.
    pub waiting: u64,
    /// Whether newer reference data was taken from the server.
    pub reference: bool,
    /// Revocation lists fetched into the CRL folder.
    pub crls: usize,
    /// Whether the server found the audit chain extending the head it acknowledged before
    /// (`Some(false)`: the local history was rewritten and the server flagged it).
    pub audit_continuous: Option<bool>,
    /// Whether the office's queue was refreshed into the cache (not for an operator whose role
    /// does not see the queue).
    pub queue: bool,
}

impl SyncSummary {
    fn add_push(&mut self, tally: PushTally) {
        self.accepted += tally.accepted;
        self.conflicts += tally.conflict;
        self.rejected += tally.rejected;
    }
}

/// The sync engine of one workstation and operator.
#[derive(Debug, Clone)]
pub struct SyncEngine {
    api: Api,
}

impl SyncEngine {
    /// An engine for `config`: refuses an https address without a CA, a CA file without a
    /// certificate, and (by [`crate::ServerAddress`]) plain HTTP to anything but loopback.
    pub fn new(config: SyncConfig) -> Result<SyncEngine, SyncError> {
        Ok(SyncEngine {
            api: Api::new(config)?,
        })
    }

    /// The settings in use.
    pub fn config(&self) -> &SyncConfig {
        self.api.config()
    }

    pub(crate) fn api(&self) -> &Api {
        &self.api
    }

    /// Runs one cycle (pull, push, pull), reporting progress to `events`; a failure is reported
    /// as [`SyncEvent::Failed`] too. Safe to interrupt at any point (even by killing the
    /// process): the next cycle resends what was not acknowledged and pulls from the stored
    /// cursor.
    pub async fn sync_once(
        &self,
        store: &mut Store,
        events: &EventSender,
    ) -> Result<SyncSummary, SyncError> {
        events.send(SyncEvent::Started);
        let mut summary = SyncSummary::default();
        let result = self.cycle(store, events, &mut summary).await;
        match result {
            Ok(()) => {
                summary.waiting = store.outbox_counts()?.waiting();
                events.send(SyncEvent::Finished(summary));
                Ok(summary)
            }
            Err(e) => {
                events.send(SyncEvent::Failed {
                    reason: e.localized(),
                    transient: e.is_transient(),
                });
                Err(e)
            }
        }
    }

    async fn cycle(
        &self,
        store: &mut Store,
        events: &EventSender,
        summary: &mut SyncSummary,
    ) -> Result<(), SyncError> {
        if reference::pull(&self.api, store).await? {
            summary.reference = true;
        }
        if let Some(dir) = &self.api.config().crl_dir {
            summary.crls = crls::pull(&self.api, dir).await?;
        }
        pull::pull(&self.api, store, events, summary).await?;
        push::push(&self.api, store, events, summary).await?;
        pull::pull(&self.api, store, events, summary).await?;
        summary.audit_continuous = Some(audit_head::report(&self.api, store).await?);
        // Last, so the cached queue shows the queue steps just pushed as the server settled them.
        match self.refresh_queue(store).await {
            Ok(_) => summary.queue = true,
            Err(SyncError::Forbidden { .. } | SyncError::NotFound) => {}
            Err(e) => return Err(e),
        }
        Ok(())
    }

    /// Sends the whole outbox again, acknowledged operations included (after the server was
    /// restored from a backup, say). The server settles each `(workstation, seq)` once, so this
    /// never applies anything twice; operations already final here keep their first answer.
    pub async fn resend_all(&self, store: &mut Store) -> Result<PushTally, SyncError> {
        push::resend_all(&self.api, store).await
    }
}
