//! The connection file an administrator hands to a workstation: written by
//! `tereze-server provision-workstation --out`, read by `tereze connect`, and kept by the
//! workstation in its data folder. It holds a secret, so both sides write it readable by its
//! owner only.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The file's usual name, on the server's side and in the workstation's data folder.
pub const CONNECTION_FILE: &str = "connection.toml";

/// Where a workstation's server is, whom to trust and how the workstation proves itself.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectionFile {
    /// The server's address: `https://…`, or `http://127.0.0.1:port` for a server on the same
    /// machine.
    pub url: String,
    /// The workstation id the server provisioned.
    pub workstation: Uuid,
    /// The workstation's bearer credential, shown once at provisioning.
    pub secret: String,
    /// The project CA certificate(s), PEM: the only roots trusted for the server's certificate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_pem: Option<String>,
}

impl std::fmt::Debug for ConnectionFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The secret never reaches a log.
        f.debug_struct("ConnectionFile")
            .field("url", &self.url)
            .field("workstation", &self.workstation)
            .field("secret", &"<hidden>")
            .field("ca_pem", &self.ca_pem.as_ref().map(|_| "<pem>"))
            .finish()
    }
}
