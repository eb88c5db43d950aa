//! The sync worker: runs cycles on its own, retries failures with backoff (so a link that comes
//! back is used without anybody pressing a button), and starts a cycle at once on a manual
//! trigger.

use std::time::Duration;

use tereze_core::store::Store;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::{Backoff, EventSender, SyncEngine, SyncEvent};

/// When the worker runs cycles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorkerPolicy {
    /// Waits after failures.
    pub backoff: Backoff,
    /// The wait after a successful cycle.
    pub interval: Duration,
}

impl Default for WorkerPolicy {
    fn default() -> Self {
        WorkerPolicy {
            backoff: Backoff::default(),
            interval: Duration::from_secs(120),
        }
    }
}

/// What a [`SyncTrigger`] asks of the worker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Command {
    Now,
    Stop,
}

/// The app's handle on a running worker: "sync now" and stop.
#[derive(Debug, Clone)]
pub struct SyncTrigger(UnboundedSender<Command>);

/// The worker's end of a [`SyncTrigger`].
#[derive(Debug)]
pub struct Triggers(UnboundedReceiver<Command>);

impl SyncTrigger {
    /// A trigger and the receiving end to give to [`run`].
    pub fn new() -> (SyncTrigger, Triggers) {
        let (tx, rx) = unbounded_channel();
        (SyncTrigger(tx), Triggers(rx))
    }

    /// Starts a cycle now (the operator pressed "sync now", or the network came back); also
    /// resets the backoff.
    pub fn sync_now(&self) {
        let _ = self.0.send(Command::Now);
    }

    /// Stops the worker after the cycle in progress.
    pub fn stop(&self) {
        let _ = self.0.send(Command::Stop);
    }
}

/// Runs cycles until stopped (or every trigger is dropped). After a success the next cycle is
/// `policy.interval` later; after a transient failure (link, timeout, server busy) the wait
/// grows exponentially with jitter up to the cap; after a failure that needs a person (update,
/// credential) the wait is the cap. Returns the store when it ends.
pub async fn run(
    engine: SyncEngine,
    mut store: Store,
    events: EventSender,
    mut triggers: Triggers,
    policy: WorkerPolicy,
) -> Store {
    let mut attempt: u32 = 0;
    loop {
        let wait = match engine.sync_once(&mut store, &events).await {
            Ok(_) => {
                attempt = 0;
                policy.interval
            }
            Err(e) if e.is_transient() => {
                let wait = policy.backoff.delay(attempt);
                attempt = attempt.saturating_add(1);
                wait
            }
            Err(_) => policy.backoff.cap,
        };
        events.send(SyncEvent::NextAttempt {
            in_secs: wait.as_secs(),
        });
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            command = triggers.0.recv() => match command {
                Some(Command::Now) => attempt = 0,
                Some(Command::Stop) | None => return store,
            },
        }
    }
}
