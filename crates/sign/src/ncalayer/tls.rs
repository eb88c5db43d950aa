//! TLS to NCALayer: its certificate is НУЦ-issued for 127.0.0.1 and rotated yearly, so it is
//! accepted as presented, but only when the peer is the IP 127.0.0.1. The handshake signatures
//! are still checked, so the peer must hold the key of the certificate it shows.

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, SignatureScheme};

use super::NcaLayerError;

/// Accepts any server certificate from 127.0.0.1 and nothing from anywhere else.
#[derive(Debug)]
pub struct LoopbackOnly {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for LoopbackOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match server_name {
            ServerName::IpAddress(ip) if IpAddr::from(*ip) == IpAddr::V4(Ipv4Addr::LOCALHOST) => {
                Ok(ServerCertVerified::assertion())
            }
            _ => Err(rustls::Error::General(
                "NCALayer is trusted only on 127.0.0.1".into(),
            )),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

/// The client configuration for talking to NCALayer.
pub fn client_config() -> Result<ClientConfig, NcaLayerError> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|_| NcaLayerError::BadReply)?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(LoopbackOnly { provider }))
        .with_no_client_auth();
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verifier() -> LoopbackOnly {
        LoopbackOnly {
            provider: Arc::new(rustls::crypto::ring::default_provider()),
        }
    }

    fn check(name: ServerName<'static>) -> bool {
        let cert = CertificateDer::from(vec![0x30, 0x00]);
        verifier()
            .verify_server_cert(&cert, &[], &name, &[], UnixTime::now())
            .is_ok()
    }

    #[test]
    fn any_certificate_is_accepted_on_127_0_0_1_only() {
        assert!(check(ServerName::IpAddress(
            IpAddr::V4(Ipv4Addr::LOCALHOST).into()
        )));
        assert!(!check(ServerName::IpAddress(
            IpAddr::V4(Ipv4Addr::new(127, 0, 0, 2)).into()
        )));
        assert!(!check(ServerName::IpAddress(
            IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)).into()
        )));
        assert!(!check(ServerName::try_from("localhost").unwrap()));
    }
}
