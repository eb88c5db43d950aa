//! The TLS settings: the project's CA as the only root, TLS 1.2 or newer, ring as the provider.

use std::sync::Arc;

use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use rustls::{ClientConfig, RootCertStore};

use crate::{SyncConfig, SyncError};

/// A rustls configuration trusting only the configured CA. A plain loopback address without a
/// CA gets an empty trust store: no HTTPS server can be trusted through it.
pub(crate) fn client_config(config: &SyncConfig) -> Result<ClientConfig, SyncError> {
    let mut roots = RootCertStore::empty();
    match &config.ca_pem {
        Some(pem) => {
            for cert in CertificateDer::pem_slice_iter(pem) {
                let cert = cert.map_err(|_| SyncError::BadCa)?;
                roots.add(cert).map_err(|_| SyncError::BadCa)?;
            }
            if roots.is_empty() {
                return Err(SyncError::BadCa);
            }
        }
        None if config.server.is_plain_loopback() => {}
        None => return Err(SyncError::MissingCa),
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let tls = ClientConfig::builder_with_provider(provider)
        .with_protocol_versions(&[&rustls::version::TLS13, &rustls::version::TLS12])
        .map_err(|e| SyncError::Client(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tls)
}
