//! The app's side of sync: the worker that runs while a connected workstation has an operator
//! logged in (an iced subscription streaming the engine's events), and the state the inbox
//! status line shows.

use std::hash::{Hash, Hasher};
use std::path::PathBuf;

use iced::futures::{SinkExt, Stream};
use iced::{Subscription, futures};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::{Store, StoreOptions};
use tereze_protocol::ConnectionFile;
use tereze_sync::{
    Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine, SyncEvent, SyncTrigger,
    WorkerPolicy,
};
use time::OffsetDateTime;
use uuid::Uuid;

/// An engine for a direct call to the server (the queue screen, the head's conflicts) by the
/// logged-in operator, from the stored connection; `no_operator` is what the caller says when
/// nobody is logged in.
pub fn engine(ctx: &crate::app::Context, no_operator: Localized) -> Result<SyncEngine, Localized> {
    let connection = ctx
        .connection
        .as_ref()
        .ok_or_else(|| Localized::new("connect-status-not-connected"))?;
    let operator = ctx.operator.as_ref().ok_or(no_operator)?;
    let address = ServerAddress::parse(&connection.url).map_err(|e| e.localized())?;
    SyncEngine::new(SyncConfig::new(
        address,
        connection.ca_pem.clone().map(String::into_bytes),
        Credentials {
            workstation: connection.secret.clone(),
            operator: operator.id,
        },
    ))
    .map_err(|e| e.localized())
}
/// The folder of the server's revocation lists inside the data folder.
pub const CRL_DIR: &str = "crls";

/// What the worker reports to the window.
#[derive(Debug, Clone)]
pub enum Event {
    /// The worker runs; this handle starts a cycle now ("sync now", Ctrl+R).
    Ready(SyncTrigger),
    /// Progress of a cycle.
    Progress(SyncEvent),
    /// The worker could not start (a bad address or CA in the stored connection, the store).
    Unusable(Localized),
}

/// What the worker needs: the stored connection, the logged-in operator and the data folder.
/// Its identity is the subscription's: another operator (or another connection) is another
/// worker, and no operator means none.
#[derive(Clone)]
pub struct Setup {
    /// The connection.
    pub connection: ConnectionFile,
    /// The operator at the keyboard, whose role the server re-checks.
    pub operator: Uuid,
    /// The data folder; the worker opens its own connection to the store there.
    pub data_dir: PathBuf,
    /// The workstation's master key, for the worker's own (encrypted) connection. Not part of
    /// the worker's identity.
    pub key: tereze_core::keyring::MasterKey,
    /// When the worker repeats cycles on its own.
    pub policy: WorkerPolicy,
}

impl Hash for Setup {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.connection.hash(state);
        self.operator.hash(state);
        self.data_dir.hash(state);
        self.policy.interval.hash(state);
    }
}

impl std::fmt::Debug for Setup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Setup")
            .field("connection", &self.connection)
            .field("operator", &self.operator)
            .finish_non_exhaustive()
    }
}

/// The worker as a subscription.
pub fn subscription(setup: Setup) -> Subscription<Event> {
    Subscription::run_with(setup, worker)
}

/// The worker as a stream of events: opens its own store connection, builds the engine from
/// the connection, hands out the trigger, then runs cycles until the stream is dropped (the
/// operator logged out or the screen locked).
pub fn worker(setup: &Setup) -> impl Stream<Item = Event> + use<> {
    let setup = setup.clone();
    iced::stream::channel(
        64,
        async move |mut output: futures::channel::mpsc::Sender<Event>| {
            // Opening the store checks and migrates it: not on the runtime's own threads.
            let for_prepare = setup.clone();
            let prepared = tokio::task::spawn_blocking(move || prepare(&for_prepare))
                .await
                .unwrap_or_else(|_| Err(Localized::new("connect-runtime")));
            let (engine, store) = match prepared {
                Ok(ready) => ready,
                Err(reason) => {
                    let _ = output.send(Event::Unusable(reason)).await;
                    return;
                }
            };
            let (trigger, triggers) = SyncTrigger::new();
            let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
            if output.send(Event::Ready(trigger)).await.is_err() {
                return;
            }
            let run = tereze_sync::worker::run(
                engine,
                store,
                EventSender::new(tx),
                triggers,
                setup.policy,
            );
            let forward = async {
                while let Some(event) = rx.recv().await {
                    if output.send(Event::Progress(event)).await.is_err() {
                        break;
                    }
                }
            };
            futures::future::join(run, forward).await;
        },
    )
}

fn prepare(setup: &Setup) -> Result<(SyncEngine, Store), Localized> {
    let c = &setup.connection;
    let address = ServerAddress::parse(&c.url).map_err(|e| e.localized())?;
    let mut config = SyncConfig::new(
        address,
        c.ca_pem.clone().map(String::into_bytes),
        Credentials {
            workstation: c.secret.clone(),
            operator: setup.operator,
        },
    );
    config.crl_dir = Some(setup.data_dir.join(CRL_DIR));
    let engine = SyncEngine::new(config).map_err(|e| e.localized())?;
    // The login has just checked the whole file; the worker's own connection need not again.
    let options = StoreOptions {
        check_on_open: false,
        ..StoreOptions::default()
    };
    let store =
        Store::open_with(&setup.data_dir, &setup.key, options).map_err(|e| e.localized())?;
    Ok((engine, store))
}

/// What the status line says about sync.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum SyncStatus {
    /// No server connection: the workstation works offline only.
    #[default]
    NotConnected,
    /// Connected; no cycle has run yet (nobody logged in, or the worker is starting).
    Waiting,
    /// A cycle is running.
    Syncing {
        /// Changes pulled so far.
        pulled: usize,
        /// Operations settled so far, of those waiting (once the push began).
        pushed: Option<(usize, usize)>,
    },
    /// The last cycle finished at this time.
    Synced {
        /// When.
        at: OffsetDateTime,
    },
    /// The last cycle failed.
    Failed {
        /// Why, in the operator's terms.
        reason: Localized,
    },
    /// The server speaks another protocol version: this program needs an update.
    UpdateNeeded {
        /// The translated reason (with both versions).
        reason: Localized,
    },
}

impl SyncStatus {
    /// Follows one worker event; returns whether a finished cycle changed the store (pulled
    /// changes or settled operations: the inbox and its outbox count are then read again).
    pub fn follow(&mut self, event: &Event, now: OffsetDateTime) -> bool {
        match event {
            Event::Ready(_) => {
                *self = SyncStatus::Waiting;
                false
            }
            Event::Unusable(reason) => {
                *self = SyncStatus::Failed {
                    reason: reason.clone(),
                };
                false
            }
            Event::Progress(progress) => self.progress(progress, now),
        }
    }

    fn progress(&mut self, event: &SyncEvent, now: OffsetDateTime) -> bool {
        match event {
            SyncEvent::Started => {
                *self = SyncStatus::Syncing {
                    pulled: 0,
                    pushed: None,
                };
            }
            SyncEvent::Pulled { count } => {
                if let SyncStatus::Syncing { pulled, .. } = self {
                    *pulled = *count;
                }
            }
            SyncEvent::Pushed { done, total } => {
                if let SyncStatus::Syncing { pushed, .. } = self {
                    *pushed = Some((*done, *total));
                }
            }
            SyncEvent::Blob { .. } | SyncEvent::NextAttempt { .. } => {}
            SyncEvent::Finished(summary) => {
                *self = SyncStatus::Synced { at: now };
                return summary.pulled + summary.accepted + summary.conflicts + summary.rejected
                    > 0;
            }
            SyncEvent::Failed { reason, .. } => {
                *self = if reason.key == "sync-update-needed" {
                    SyncStatus::UpdateNeeded {
                        reason: reason.clone(),
                    }
                } else {
                    SyncStatus::Failed {
                        reason: reason.clone(),
                    }
                };
            }
        }
        false
    }

    /// Whether "sync now" makes sense (a worker runs).
    pub fn can_sync_now(&self) -> bool {
        !matches!(self, SyncStatus::NotConnected)
    }

    /// The status line, in the operator's language.
    pub fn line(&self, t: &crate::i18n::Translator) -> String {
        match self {
            SyncStatus::Failed { reason } => {
                t.tr_args("connect-status-failed", &[("reason", t.text(reason))])
            }
            SyncStatus::UpdateNeeded { reason } => t.tr_args(
                "connect-status-update-needed",
                &[("reason", t.text(reason))],
            ),
            other => t.text(&other.localized()),
        }
    }
}

impl Localize for SyncStatus {
    fn localized(&self) -> Localized {
        match self {
            SyncStatus::NotConnected => Localized::new("connect-status-not-connected"),
            SyncStatus::Waiting => Localized::new("connect-status-waiting"),
            SyncStatus::Syncing {
                pushed: Some((done, total)),
                ..
            } => Localized::new("connect-status-pushing")
                .arg("done", done)
                .arg("total", total),
            SyncStatus::Syncing {
                pulled,
                pushed: None,
            } => Localized::new("connect-status-pulling").arg("count", pulled),
            SyncStatus::Synced { at } => {
                let local = at.to_offset(tereze_core::deadline::OFFICE_OFFSET);
                Localized::new("connect-status-synced")
                    .arg("time", format!("{:02}:{:02}", local.hour(), local.minute()))
            }
            SyncStatus::Failed { reason } => {
                Localized::new("connect-status-failed").arg("reason", reason.key)
            }
            SyncStatus::UpdateNeeded { reason } => {
                Localized::new("connect-status-update-needed").arg("reason", reason.key)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tereze_sync::SyncSummary;

    #[test]
    fn the_status_follows_a_cycle_and_says_when_changes_arrived() {
        let mut status = SyncStatus::Waiting;
        let now = time::macros::datetime!(2026-03-02 04:07 UTC);
        assert!(!status.follow(&Event::Progress(SyncEvent::Started), now));
        status.follow(&Event::Progress(SyncEvent::Pulled { count: 3 }), now);
        assert_eq!(
            status,
            SyncStatus::Syncing {
                pulled: 3,
                pushed: None
            }
        );
        status.follow(
            &Event::Progress(SyncEvent::Pushed { done: 2, total: 5 }),
            now,
        );
        let l = status.localized();
        assert_eq!(
            (l.key, l.get("done")),
            ("connect-status-pushing", Some("2"))
        );
        let pulled = SyncSummary {
            pulled: 4,
            ..SyncSummary::default()
        };
        assert!(status.follow(&Event::Progress(SyncEvent::Finished(pulled)), now));
        // The office's time (UTC+5), hours and minutes.
        assert_eq!(status.localized().get("time"), Some("09:07"));
        assert!(!status.follow(
            &Event::Progress(SyncEvent::Finished(SyncSummary::default())),
            now
        ));
    }

    #[test]
    fn a_protocol_mismatch_reads_as_update_needed_and_other_failures_keep_their_reason() {
        let mut status = SyncStatus::Waiting;
        let now = OffsetDateTime::UNIX_EPOCH;
        status.follow(
            &Event::Progress(SyncEvent::Failed {
                reason: Localized::new("sync-update-needed"),
                transient: false,
            }),
            now,
        );
        assert!(matches!(status, SyncStatus::UpdateNeeded { .. }));
        status.follow(
            &Event::Progress(SyncEvent::Failed {
                reason: Localized::new("sync-connection"),
                transient: true,
            }),
            now,
        );
        assert_eq!(
            status,
            SyncStatus::Failed {
                reason: Localized::new("sync-connection")
            }
        );
    }
}
