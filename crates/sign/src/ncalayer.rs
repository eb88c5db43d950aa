//! Signing through NCALayer, the signer Kazakh staff already have installed.
//!
//! NCALayer listens on `wss://127.0.0.1:13579` with a certificate НУЦ issues for 127.0.0.1 and
//! rotates yearly; it is accepted without chain checks, and only for the IP 127.0.0.1. The request
//! is `kz.gov.pki.knca.basics` / `sign` with `format: "cms"`, detached, no time-stamp (CAdES-BES,
//! works offline). NCALayer asks for the key and its password in its own window: the password
//! never reaches Tereze, and NCALayer chooses the signing time.
//!
//! The call is `async` ([`NcaLayer::sign`]); [`NcaLayer::sign_blocking`] wraps it for callers
//! without a runtime. The address and the time limit are configurable so tests can run their
//! own NCALayer on `127.0.0.1:0`.

pub mod error;
pub mod protocol;
pub mod tls;

pub use error::NcaLayerError;

use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use futures_util::{SinkExt, StreamExt};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;

use crate::certificate::CertificateInfo;

/// NCALayer's fixed port.
pub const DEFAULT_PORT: u16 = 13579;

/// A signature made by NCALayer and the certificate it was made with.
#[derive(Debug, Clone)]
pub struct NcaLayerSignature {
    /// Detached CMS SignedData, DER.
    pub cms: Vec<u8>,
    /// The signer's certificate as found in the signature.
    pub certificate: CertificateInfo,
}

/// A client of the local NCALayer service.
#[derive(Debug, Clone)]
pub struct NcaLayer {
    address: SocketAddr,
    timeout: Duration,
    locale: String,
}

impl Default for NcaLayer {
    fn default() -> Self {
        Self::new(SocketAddr::from((Ipv4Addr::LOCALHOST, DEFAULT_PORT)))
    }
}

impl NcaLayer {
    /// A client for NCALayer at `address` (127.0.0.1 only: any other host is refused at the TLS
    /// step). The time limit defaults to three minutes: the operator picks a key and types a
    /// password in NCALayer's window meanwhile.
    pub fn new(address: SocketAddr) -> Self {
        Self {
            address,
            timeout: Duration::from_secs(180),
            locale: "ru".into(),
        }
    }

    /// Sets the time limit for the whole exchange.
    #[must_use]
    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets the language of NCALayer's own dialogs (`kk`, `ru` or `en`).
    #[must_use]
    pub fn with_locale(mut self, locale: &str) -> Self {
        self.locale = locale.into();
        self
    }

    /// Asks NCALayer to sign `content` as a detached CMS.
    pub async fn sign(&self, content: &[u8]) -> Result<NcaLayerSignature, NcaLayerError> {
        match tokio::time::timeout(self.timeout, self.exchange(content)).await {
            Ok(result) => result,
            Err(_) => Err(NcaLayerError::Timeout),
        }
    }

    /// [`NcaLayer::sign`] for callers without an async runtime.
    pub fn sign_blocking(&self, content: &[u8]) -> Result<NcaLayerSignature, NcaLayerError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|_| NcaLayerError::BadReply)?;
        runtime.block_on(self.sign(content))
    }

    async fn exchange(&self, content: &[u8]) -> Result<NcaLayerSignature, NcaLayerError> {
        let tcp = TcpStream::connect(self.address)
            .await
            .map_err(|_| NcaLayerError::NotRunning)?;
        let connector = tokio_rustls::TlsConnector::from(Arc::new(tls::client_config()?));
        let server_name = rustls::pki_types::ServerName::IpAddress(self.address.ip().into());
        // Something answers on the port but fails the handshake: not NCALayer, or not local.
        let tls = connector
            .connect(server_name, tcp)
            .await
            .map_err(|_| NcaLayerError::BadReply)?;
        let url = format!("wss://{}/", self.address);
        let (mut socket, _) = tokio_tungstenite::client_async(url, tls)
            .await
            .map_err(|_| NcaLayerError::NotRunning)?;
        let request = protocol::sign_request(content, &self.locale);
        socket
            .send(Message::text(request))
            .await
            .map_err(|_| NcaLayerError::NotRunning)?;
        while let Some(message) = socket.next().await {
            let message = message.map_err(|_| NcaLayerError::BadReply)?;
            let text = match message {
                Message::Text(text) => text,
                Message::Close(_) => break,
                _ => continue,
            };
            match protocol::read_reply(text.as_str())? {
                protocol::Reply::Ignore => continue,
                protocol::Reply::Cancelled => return Err(NcaLayerError::Cancelled),
                protocol::Reply::Signature(cms) => {
                    let _ = socket.close(None).await;
                    return protocol::check_signature(cms, content);
                }
            }
        }
        Err(NcaLayerError::BadReply)
    }
}
