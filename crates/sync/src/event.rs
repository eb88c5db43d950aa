//! Progress reported while syncing: a plain channel the app (or a log) reads.

use tereze_core::i18n::Localized;
use tokio::sync::mpsc::UnboundedSender;

use crate::SyncSummary;

/// What the engine is doing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEvent {
    /// A cycle started.
    Started,
    /// Changes pulled and stored so far in this cycle.
    Pulled {
        /// How many.
        count: usize,
    },
    /// Operations the server has settled so far in this cycle, of those waiting at its start.
    Pushed {
        /// Settled so far.
        done: usize,
        /// Waiting when the push began.
        total: usize,
    },
    /// Uploading or fetching scan `index` (from 1) of `total` in the current batch.
    Blob {
        /// Which one.
        index: usize,
        /// Of how many.
        total: usize,
    },
    /// The cycle finished.
    Finished(SyncSummary),
    /// The cycle failed; the message says why in the operator's terms.
    Failed {
        /// The translatable reason.
        reason: Localized,
        /// Whether it is retried soon on its own.
        transient: bool,
    },
    /// The next automatic attempt is in this many seconds (a manual trigger starts one now).
    NextAttempt {
        /// Seconds to wait.
        in_secs: u64,
    },
}

/// Where events go; sending never blocks and a closed receiver is ignored (sync goes on
/// whether or not anybody watches).
#[derive(Debug, Clone, Default)]
pub struct EventSender(Option<UnboundedSender<SyncEvent>>);

impl EventSender {
    /// Events go to `sender`.
    pub fn new(sender: UnboundedSender<SyncEvent>) -> Self {
        EventSender(Some(sender))
    }

    /// Events go nowhere.
    pub fn none() -> Self {
        EventSender(None)
    }

    /// Sends one event.
    pub fn send(&self, event: SyncEvent) {
        if let Some(s) = &self.0 {
            let _ = s.send(event);
        }
    }
}

impl tereze_core::i18n::Localize for SyncEvent {
    fn localized(&self) -> Localized {
        match self {
            SyncEvent::Started => Localized::new("sync-progress-started"),
            SyncEvent::Pulled { count } => {
                Localized::new("sync-progress-pulled").arg("count", count)
            }
            SyncEvent::Pushed { done, total } => Localized::new("sync-progress-pushed")
                .arg("done", done)
                .arg("total", total),
            SyncEvent::Blob { index, total } => Localized::new("sync-progress-blob")
                .arg("index", index)
                .arg("total", total),
            SyncEvent::Finished(s) => Localized::new("sync-progress-finished")
                .arg("pulled", s.pulled)
                .arg("accepted", s.accepted)
                .arg("conflicts", s.conflicts)
                .arg("rejected", s.rejected)
                .arg("waiting", s.waiting),
            SyncEvent::Failed { reason, .. } => reason.clone(),
            SyncEvent::NextAttempt { in_secs } => {
                Localized::new("sync-progress-next-attempt").arg("seconds", in_secs)
            }
        }
    }
}
