//! Running the server: bind, optional TLS from certificate files, graceful shutdown.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum_server::Handle;
use axum_server::tls_rustls::RustlsConfig;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use thiserror::Error;

use crate::blob::BlobStore;
use crate::db::{Db, DbError};
use crate::email::MailConfig;
use crate::http::{AppState, router};

/// Where the TLS certificate chain and key are (PEM files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    /// The certificate chain, leaf first.
    pub cert: PathBuf,
    /// The private key (PKCS#8, PKCS#1 or SEC1).
    pub key: PathBuf,
}

/// Everything `serve` needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeConfig {
    /// `sqlite:PATH` or `postgres://…`.
    pub db: String,
    /// The address to listen on (port 0 picks a free one).
    pub listen: SocketAddr,
    /// The blob folder.
    pub blob_dir: PathBuf,
    /// TLS, if the server terminates it itself.
    pub tls: Option<TlsFiles>,
    /// The SMTP relay for e-mailing documents.
    pub mail: Option<MailConfig>,
}

/// Why the server could not start.
#[derive(Debug, Error)]
pub enum ServeError {
    /// The database could not be opened or migrated.
    #[error("database: {0}")]
    Db(#[from] DbError),
    /// Binding or the blob folder failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The certificate or key could not be used.
    #[error("TLS: {0}")]
    Tls(String),
}

/// A started server.
#[derive(Debug)]
pub struct RunningServer {
    addr: SocketAddr,
    handle: Handle<SocketAddr>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
    /// The queue's expiry job; stops with the server.
    expiry: tokio::task::JoinHandle<()>,
}

/// How often `serve` runs the queue's expiry job (offers, referrals, stop-lists, leases).
/// (The default; the queue settings may change it.)
pub const QUEUE_EXPIRY_EVERY: Duration = Duration::from_secs(15 * 60);

impl RunningServer {
    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting, lets requests in flight finish (up to 10 s), and waits.
    pub async fn shutdown(self) -> std::io::Result<()> {
        self.handle.graceful_shutdown(Some(Duration::from_secs(10)));
        self.wait().await
    }

    /// Waits until the server stops.
    pub async fn wait(self) -> std::io::Result<()> {
        let stopped = self.task.await;
        self.expiry.abort();
        match stopped {
            Ok(r) => r,
            Err(e) => Err(std::io::Error::other(e)),
        }
    }

    /// A handle to stop the server from elsewhere (signals).
    pub fn handle(&self) -> Handle<SocketAddr> {
        self.handle.clone()
    }
}

fn tls_config(files: &TlsFiles) -> Result<RustlsConfig, ServeError> {
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(&files.cert)
        .map_err(|e| ServeError::Tls(format!("{}: {e}", files.cert.display())))?
        .collect::<Result<_, _>>()
        .map_err(|e| ServeError::Tls(format!("{}: {e}", files.cert.display())))?;
    let key = PrivateKeyDer::from_pem_file(&files.key)
        .map_err(|e| ServeError::Tls(format!("{}: {e}", files.key.display())))?;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| ServeError::Tls(e.to_string()))?
        .with_no_client_auth()
        .with_single_cert(certs, key)
        .map_err(|e| ServeError::Tls(e.to_string()))?;
    Ok(RustlsConfig::from_config(Arc::new(config)))
}

/// Opens the database, binds and starts serving in the background.
pub async fn start(config: ServeConfig) -> Result<RunningServer, ServeError> {
    let address = config.db.clone();
    let db = tokio::task::spawn_blocking(move || Db::open(&address))
        .await
        .map_err(|_| ServeError::Db(DbError::Worker))??;
    let expiry_db = db.clone();
    let state = AppState {
        db,
        blobs: BlobStore::open(&config.blob_dir)?,
        mail: config.mail.clone(),
        blob_lock: Arc::new(tokio::sync::Mutex::new(())),
    };
    let app = router(state).into_make_service();
    let listener = std::net::TcpListener::bind(config.listen)?;
    let addr = listener.local_addr()?;
    let handle = Handle::new();
    let task = match &config.tls {
        Some(files) => {
            let tls = tls_config(files)?;
            let server = axum_server::from_tcp_rustls(listener, tls)?.handle(handle.clone());
            tokio::spawn(server.serve(app))
        }
        None => {
            let server = axum_server::from_tcp(listener)?.handle(handle.clone());
            tokio::spawn(server.serve(app))
        }
    };
    tracing::info!(%addr, tls = config.tls.is_some(), "listening");
    let every = crate::queue::config().map_or(QUEUE_EXPIRY_EVERY, |c| c.expiry_every);
    let expiry = tokio::spawn(crate::queue::expiry_loop(expiry_db, every));
    Ok(RunningServer {
        addr,
        handle,
        task,
        expiry,
    })
}

/// Resolves on SIGTERM or ctrl-c.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
