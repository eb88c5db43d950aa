//! The server's address: HTTPS, or plain HTTP only to a loopback IP (tests, a server on the same
//! machine). There is no other way to build an engine, so plain HTTP to any other host cannot
//! happen by configuration mistake.

use std::net::IpAddr;

use reqwest::Url;
use tereze_core::i18n::{Localize, Localized};

/// A checked server address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerAddress {
    base: Url,
    plain: bool,
}

/// Why an address was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
    /// Not a URL at all.
    #[error("not a URL")]
    Malformed,
    /// A scheme other than `https` (or `http` to loopback).
    #[error("unsupported scheme {scheme}")]
    Scheme {
        /// The scheme given.
        scheme: String,
    },
    /// Plain `http` to a host that is not a loopback IP address.
    #[error("plain http is allowed only to a loopback address, not {host}")]
    PlainNotLoopback {
        /// The host given.
        host: String,
    },
    /// A URL with a user name, password, query or fragment.
    #[error("the address carries more than a host, port and path")]
    Extra,
}

impl Localize for AddressError {
    fn localized(&self) -> Localized {
        match self {
            AddressError::Malformed | AddressError::Extra => {
                Localized::new("sync-address-malformed")
            }
            AddressError::Scheme { scheme } => {
                Localized::new("sync-address-scheme").arg("scheme", scheme)
            }
            AddressError::PlainNotLoopback { host } => {
                Localized::new("sync-address-plain-not-loopback").arg("host", host)
            }
        }
    }
}

impl ServerAddress {
    /// Parses `https://host[:port][/path]`, or `http://127.0.0.1:port` / `http://[::1]:port`.
    /// A host name (even `localhost`) never qualifies for plain HTTP: only a loopback IP does.
    pub fn parse(text: &str) -> Result<ServerAddress, AddressError> {
        let mut base = Url::parse(text.trim()).map_err(|_| AddressError::Malformed)?;
        if !base.username().is_empty()
            || base.password().is_some()
            || base.query().is_some()
            || base.fragment().is_some()
        {
            return Err(AddressError::Extra);
        }
        let host = base.host_str().ok_or(AddressError::Malformed)?.to_owned();
        let plain = match base.scheme() {
            "https" => false,
            "http" => {
                let ip: Option<IpAddr> = host.trim_matches(['[', ']']).parse().ok();
                if !ip.is_some_and(|ip| ip.is_loopback()) {
                    return Err(AddressError::PlainNotLoopback { host });
                }
                true
            }
            other => {
                return Err(AddressError::Scheme {
                    scheme: other.to_owned(),
                });
            }
        };
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(ServerAddress { base, plain })
    }

    /// Whether this is a plain-HTTP loopback address.
    pub fn is_plain_loopback(&self) -> bool {
        self.plain
    }

    /// The URL of an API path such as `v1/push`.
    pub(crate) fn join(&self, path: &str) -> Result<Url, AddressError> {
        self.base.join(path).map_err(|_| AddressError::Malformed)
    }
}

impl std::fmt::Display for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.base.as_str())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn plain_http_is_only_for_loopback_ips() {
        assert!(
            ServerAddress::parse("http://127.0.0.1:8443")
                .unwrap()
                .is_plain_loopback()
        );
        assert!(
            ServerAddress::parse("http://[::1]:80/")
                .unwrap()
                .is_plain_loopback()
        );
        for refused in [
            "http://10.0.0.5:8443",
            "http://localhost:8443",
            "http://sync.edu.kz",
            "http://127.0.0.1.nip.io",
        ] {
            assert!(
                matches!(
                    ServerAddress::parse(refused),
                    Err(AddressError::PlainNotLoopback { .. })
                ),
                "{refused}"
            );
        }
        let https = ServerAddress::parse("https://sync.edu.kz:8443/tereze").unwrap();
        assert!(!https.is_plain_loopback());
        assert_eq!(
            https.join("v1/push").unwrap().as_str(),
            "https://sync.edu.kz:8443/tereze/v1/push"
        );
    }

    #[test]
    fn other_schemes_and_decorations_are_refused() {
        assert!(matches!(
            ServerAddress::parse("ftp://sync.edu.kz"),
            Err(AddressError::Scheme { .. })
        ));
        assert_eq!(
            ServerAddress::parse("https://user:pw@sync.edu.kz"),
            Err(AddressError::Extra)
        );
        assert_eq!(
            ServerAddress::parse("not a url"),
            Err(AddressError::Malformed)
        );
    }
}
