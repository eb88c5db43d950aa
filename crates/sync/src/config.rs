//! What the engine needs to know: where the server is, whom to trust, who is calling, and how
//! long to wait.

use std::time::Duration;

use uuid::Uuid;

use crate::ServerAddress;

/// Who is calling: the workstation's credential (issued at provisioning) and the operator at
/// the keyboard, whose role the server re-checks for every operation.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The bearer credential the server issued to this workstation.
    pub workstation: String,
    /// The logged-in operator's id.
    pub operator: Uuid,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The credential is a secret: it never reaches a log.
        f.debug_struct("Credentials")
            .field("workstation", &"<hidden>")
            .field("operator", &self.operator)
            .finish()
    }
}

/// How long each step may take before it counts as failed (and is retried later).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing the connection (TCP and TLS).
    pub connect: Duration,
    /// A whole call, from sending to the last byte of the answer; also ends a trickling answer.
    pub request: Duration,
    /// The longest silence while reading an answer.
    pub read: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(15),
            request: Duration::from_secs(120),
            read: Duration::from_secs(30),
        }
    }
}

/// The engine's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncConfig {
    /// The server.
    pub server: ServerAddress,
    /// The project's CA certificate(s), PEM: the only roots trusted for HTTPS. Required for an
    /// `https` address; ignored for a plain loopback one.
    pub ca_pem: Option<Vec<u8>>,
    /// Who is calling.
    pub credentials: Credentials,
    /// Timeouts.
    pub timeouts: Timeouts,
    /// The most operations sent in one push.
    pub push_batch: usize,
    /// The most changes asked for in one pull page.
    pub pull_page: u64,
    /// The largest piece of a scan sent in one upload call (an interrupted upload resumes from
    /// the last piece the server stored).
    pub blob_chunk: usize,
    /// Whether to reuse connections between calls.
    pub keep_alive: bool,
    /// Where the server's revocation lists are kept (see [`crate::crls`]); none: not fetched.
    pub crl_dir: Option<std::path::PathBuf>,
}

impl SyncConfig {
    /// Settings with the defaults: 200 operations per push, 500 changes per page, 1 MiB upload
    /// pieces, connections reused.
    pub fn new(server: ServerAddress, ca_pem: Option<Vec<u8>>, credentials: Credentials) -> Self {
        SyncConfig {
            server,
            ca_pem,
            credentials,
            timeouts: Timeouts::default(),
            push_batch: 200,
            pull_page: 500,
            blob_chunk: 1024 * 1024,
            keep_alive: true,
            crl_dir: None,
        }
    }
}
