//! The workstation's sync engine: pulls the server's changes into the local store, pushes the
//! outbox, uploads scans (resumable) before the operations that cite them, and reports progress
//! as a plain channel of [`SyncEvent`]s.
//!
//! One cycle is pull → push → pull ([`SyncEngine::sync_once`]). [`worker::run`] repeats it: on a
//! failure it retries with capped exponential backoff and jitter (so a link coming back is
//! picked up on its own), on success it waits for the next interval, and a [`SyncTrigger`] starts
//! a cycle at once ("sync now").
//!
//! Safety rules, each backed by the server's idempotent push and the store's transactions: an
//! operation is marked final only from the server's answer after its commit; the pull cursor is
//! stored only in the transaction that stored the page; a local unsent edit is never overwritten
//! by a pulled state; the transport trusts only the project's own CA, and plain HTTP is possible
//! only to a loopback address (see [`ServerAddress`]).

mod address;
mod api;
mod backoff;
mod config;
mod conflicts;
mod connect;
pub mod crls;
mod email;
mod engine;
mod error;
mod event;
mod queue;
pub mod worker;

pub use address::{AddressError, ServerAddress};
pub use backoff::Backoff;
pub use config::{Credentials, SyncConfig, Timeouts};
pub use connect::check_connection;
pub use email::EmailRefusal;
pub use engine::{SyncEngine, SyncSummary};
pub use error::SyncError;
pub use event::{EventSender, SyncEvent};
pub use worker::{SyncTrigger, Triggers, WorkerPolicy};
