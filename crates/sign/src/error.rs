//! What can go wrong while opening a key or signing, as values the operator can read.

use tereze_core::i18n::{Localize, Localized};

/// A failure of a signer: the key file, the key type or the signing itself.
///
/// The messages carry no personal data: they may be logged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SignError {
    /// The key file is intact but the password does not open it.
    #[error("the key password is wrong")]
    WrongPassword,
    /// The file is not a readable PKCS#12 key store.
    #[error("the key file is damaged or not a PKCS#12 file: {0}")]
    CorruptFile(&'static str),
    /// The key store opened but holds no private key.
    #[error("the key file holds no private key")]
    NoPrivateKey,
    /// The key store holds no certificate for its private key.
    #[error("the key file holds no certificate for its key")]
    NoCertificate,
    /// A GOST 34.10 key: supported only through NCALayer for now.
    #[error("GOST keys can be used only through NCALayer for now")]
    GostKey,
    /// A key algorithm this signer does not support at all.
    #[error("unsupported key algorithm {0}")]
    UnsupportedKey(String),
    /// An authentication key (`AUTH_RSA256_…`) where a signing key (`RSA256_…`) is needed.
    #[error("this is an authentication key, not a signing key")]
    AuthenticationKey,
    /// The cryptographic operation itself failed.
    #[error("signing failed: {0}")]
    Failed(String),
}

impl Localize for SignError {
    fn localized(&self) -> Localized {
        match self {
            Self::WrongPassword => Localized::new("sign-wrong-password"),
            Self::CorruptFile(_) => Localized::new("sign-corrupt-file"),
            Self::NoPrivateKey => Localized::new("sign-no-private-key"),
            Self::NoCertificate => Localized::new("sign-no-certificate"),
            Self::GostKey => Localized::new("sign-gost-key"),
            Self::UnsupportedKey(oid) => {
                Localized::new("sign-unsupported-key").arg("algorithm", oid)
            }
            Self::AuthenticationKey => Localized::new("sign-authentication-key"),
            Self::Failed(_) => Localized::new("sign-failed"),
        }
    }
}
