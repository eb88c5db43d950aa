//! Tereze's central server.
//!
//! It holds the authoritative state the workstations sync with: the change log with its
//! monotonic cursor, idempotent push with conflict detection by version, official request
//! numbers, content-addressed resumable blobs, operators and their roles, reference data and
//! revocation lists; and it e-mails issued documents through an SMTP relay. The HTTP API is
//! described in `API.md`. The database is SQLite (one file, the default) or PostgreSQL, behind
//! one [`db::Sql`] interface so that both pass the same tests.

pub mod admin;
pub mod audit;
pub mod audit_chain;
pub mod auth;
pub mod blob;
pub mod changelog;
pub mod clock;
pub mod conflicts;
pub mod connection_file;
pub mod counter;
pub mod db;
pub mod email;
pub mod error;
pub mod http;
pub mod numbering;
pub mod permission;
pub mod push;
pub mod queue;
pub mod reason;
pub mod reference;
pub mod serve;

pub use serve::{RunningServer, ServeConfig, ServeError, TlsFiles, start};
