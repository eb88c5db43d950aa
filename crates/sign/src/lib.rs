//! Electronic signatures (ЭЦП) for Tereze.
//!
//! - [`Signer`] and its PKCS#12 backend [`Pkcs12Signer`]: opens a НУЦ `.p12` key file (BER,
//!   3DES/RC2 bags) or an OpenSSL one, and signs the canonical request bytes as a detached CMS
//!   SignedData with SHA-256 RSA and CAdES-BES signed attributes.
//! - [`ncalayer::NcaLayer`] (feature `ncalayer`, on by default): signs through the NCALayer
//!   service the operator already has installed, `wss://127.0.0.1:13579`.
//! - [`verify()`]: the verifier the workstation and the server share, returning a typed
//!   [`Verdict`] whose reasons are translated.
//! - [`testpki`] (feature `testpki`): a throw-away PKI for tests and the demo.
//!
//! GOST 34.10 keys are recognised and refused with [`SignError::GostKey`]: they must be used
//! through NCALayer for now.

pub mod ber;
pub mod certificate;
pub mod cms;
pub mod error;
#[cfg(feature = "ncalayer")]
pub mod ncalayer;
pub mod oids;
pub mod pkcs12;
pub mod signer;
#[cfg(feature = "testpki")]
pub mod testpki;
pub mod trust;
pub mod verify;

pub use certificate::{CertificateInfo, KeyAlgorithm, KeyUsageBits};
pub use error::SignError;
pub use signer::Signer;
pub use signer::pkcs12::Pkcs12Signer;
pub use trust::{CrlCache, TrustError, TrustStore};
pub use verify::{Reason, Status, Verdict, VerifyContext, verify};
