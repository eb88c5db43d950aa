//! The NCALayer client against a real local NCALayer-speaking server: TLS with a self-issued
//! certificate for 127.0.0.1, the `basics.sign` exchange, and every failure the operator can meet.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/fixture.rs"]
mod support;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use futures_util::{SinkExt, StreamExt};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use serde_json::{Value, json};
use support::{NOW, operator_iin, pki, request_bytes};
use tereze_core::i18n::Localize;
use tereze_sign::ncalayer::{NcaLayer, NcaLayerError};
use tereze_sign::testpki::fixture::PASSWORD;
use tereze_sign::{Pkcs12Signer, Signer, Status, VerifyContext, verify};
use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::Message;

/// How the fake NCALayer behaves once it has the request.
#[derive(Clone, Copy)]
enum Behaviour {
    /// Signs with the valid operator's key file through the PKCS#12 backend.
    Sign,
    /// The operator closes the dialog.
    Cancel,
    /// The operator picks an authentication key.
    AuthenticationKey,
    /// Never answers.
    Silent,
    /// Reports a failure.
    Fail,
}

fn tls_acceptor() -> tokio_rustls::TlsAcceptor {
    let key = rcgen::KeyPair::generate().unwrap();
    let params = rcgen::CertificateParams::new(vec!["127.0.0.1".to_owned()]).unwrap();
    let cert = params.self_signed(&key).unwrap();
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![CertificateDer::from(cert.der().to_vec())],
            PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
        )
        .unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// Starts a one-connection NCALayer on 127.0.0.1:0 and returns its address and the request it
/// received.
async fn fake_ncalayer(
    behaviour: Behaviour,
) -> (SocketAddr, tokio::sync::oneshot::Receiver<Value>) {
    fake_ncalayer_on("127.0.0.1:0", behaviour).await
}

async fn fake_ncalayer_on(
    bind: &str,
    behaviour: Behaviour,
) -> (SocketAddr, tokio::sync::oneshot::Receiver<Value>) {
    let listener = TcpListener::bind(bind).await.unwrap();
    let address = listener.local_addr().unwrap();
    let acceptor = tls_acceptor();
    let (seen_tx, seen_rx) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let Ok(tls) = acceptor.accept(tcp).await else {
            return;
        };
        let mut ws = tokio_tungstenite::accept_async(tls).await.unwrap();
        ws.send(Message::text(r#"{"result":{"version":"1.4"}}"#))
            .await
            .unwrap();
        ws.send(Message::text("--heartbeat--")).await.unwrap();
        let Some(Ok(Message::Text(text))) = ws.next().await else {
            return;
        };
        let request: Value = serde_json::from_str(text.as_str()).unwrap();
        let data = STANDARD
            .decode(request["args"]["data"].as_str().unwrap())
            .unwrap();
        let _ = seen_tx.send(request);
        let reply = match behaviour {
            Behaviour::Sign => {
                let p12 = pki().p12(&pki().valid).unwrap();
                let signer = Pkcs12Signer::open(&p12, PASSWORD).unwrap();
                let cms = signer.sign(&data, NOW).unwrap();
                json!({"status": true, "body": {"result": [STANDARD.encode(cms)]}})
            }
            Behaviour::AuthenticationKey => {
                let cms = pki()
                    .authentication
                    .sign_unchecked(&data, NOW, &[&pki().intermediate.cert_der])
                    .unwrap();
                json!({"status": true, "body": {"result": [STANDARD.encode(cms)]}})
            }
            Behaviour::Cancel => json!({"status": true, "body": {}}),
            Behaviour::Fail => {
                json!({"status": false, "code": "SIGNING_FAILURE", "message": "token removed"})
            }
            Behaviour::Silent => {
                tokio::time::sleep(Duration::from_secs(30)).await;
                return;
            }
        };
        ws.send(Message::text(reply.to_string())).await.unwrap();
        let _ = ws.next().await;
    });
    (address, seen_rx)
}

fn client(address: SocketAddr) -> NcaLayer {
    NcaLayer::new(address).with_timeout(Duration::from_secs(20))
}

#[tokio::test]
async fn a_signature_from_ncalayer_verifies() {
    let (address, seen) = fake_ncalayer(Behaviour::Sign).await;
    let content = request_bytes(&[]);
    let signature = client(address).sign(&content).await.unwrap();
    let request = seen.await.unwrap();
    assert_eq!(request["module"], "kz.gov.pki.knca.basics");
    assert_eq!(request["method"], "sign");
    assert_eq!(request["args"]["format"], "cms");
    assert_eq!(signature.certificate.iin, Some(operator_iin()));
    let verdict = verify(
        &signature.cms,
        &content,
        &VerifyContext {
            trust: &pki().trust(),
            crls: &pki().crls(),
            expected_iin: &operator_iin(),
            attachments: &[],
            now: NOW,
        },
    );
    assert_eq!(verdict.status, Status::Valid, "{:?}", verdict.reasons);
}

#[tokio::test]
async fn a_closed_port_means_ncalayer_is_not_running() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    drop(listener);
    let error = client(address).sign(b"x").await.unwrap_err();
    assert_eq!(error, NcaLayerError::NotRunning);
    assert_eq!(error.localized().key, "sign-ncalayer-not-running");
}

#[tokio::test]
async fn closing_the_dialog_is_a_cancel() {
    let (address, _seen) = fake_ncalayer(Behaviour::Cancel).await;
    let error = client(address).sign(b"x").await.unwrap_err();
    assert_eq!(error, NcaLayerError::Cancelled);
}

#[tokio::test]
async fn an_authentication_key_is_the_wrong_key_type() {
    let (address, _seen) = fake_ncalayer(Behaviour::AuthenticationKey).await;
    let error = client(address).sign(b"content").await.unwrap_err();
    assert_eq!(error, NcaLayerError::WrongKeyType);
    assert_eq!(error.localized().key, "sign-ncalayer-wrong-key-type");
}

#[tokio::test]
async fn a_silent_ncalayer_times_out() {
    let (address, _seen) = fake_ncalayer(Behaviour::Silent).await;
    let error = NcaLayer::new(address)
        .with_timeout(Duration::from_millis(400))
        .sign(b"x")
        .await
        .unwrap_err();
    assert_eq!(error, NcaLayerError::Timeout);
}

#[tokio::test]
async fn a_reported_failure_carries_its_code() {
    let (address, _seen) = fake_ncalayer(Behaviour::Fail).await;
    let error = client(address).sign(b"x").await.unwrap_err();
    assert_eq!(error, NcaLayerError::Failed("SIGNING_FAILURE".into()));
}

#[test]
fn the_blocking_wrapper_works_without_a_runtime() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (address, _seen) = runtime.block_on(fake_ncalayer(Behaviour::Cancel));
    let handle = std::thread::spawn(move || client(address).sign_blocking(b"x"));
    let result = handle.join().unwrap();
    assert_eq!(result.unwrap_err(), NcaLayerError::Cancelled);
    drop(runtime);
}

#[tokio::test]
async fn ncalayer_is_trusted_only_on_127_0_0_1() {
    // A server on another loopback address is reached but refused at the TLS step.
    let (address, _seen) = fake_ncalayer_on("127.0.0.2:0", Behaviour::Sign).await;
    let error = client(address).sign(b"x").await.unwrap_err();
    assert_eq!(error, NcaLayerError::BadReply);
}
