//! The channel a request came through; deadlines differ per channel.

use serde::{Deserialize, Serialize};

/// Where the applicant handed in the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    /// The provider's own office (education department, archive, employment department, school).
    Office,
    /// A public service centre (ЦОН / ХҚКО, the State Corporation).
    Con,
    /// The e-gov portal; such requests reach the executor's inbox through the server.
    Portal,
}

impl Channel {
    /// Every channel, in display order.
    pub const ALL: [Channel; 3] = [Channel::Office, Channel::Con, Channel::Portal];

    /// The stable name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::Office => "office",
            Channel::Con => "con",
            Channel::Portal => "portal",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == s)
    }
}
