//! NCALayer failures the operator must understand and act on.

use tereze_core::i18n::{Localize, Localized};

/// Why signing through NCALayer did not produce a signature.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NcaLayerError {
    /// Nothing answers on NCALayer's port: it is not started (or not installed).
    #[error("NCALayer is not running")]
    NotRunning,
    /// The operator closed NCALayer's key or password window.
    #[error("signing was cancelled in NCALayer")]
    Cancelled,
    /// The chosen key is an authentication key, not a signing key.
    #[error("the key chosen in NCALayer is not a signing key")]
    WrongKeyType,
    /// NCALayer did not answer within the time limit.
    #[error("NCALayer did not answer in time")]
    Timeout,
    /// NCALayer reported a failure with this code.
    #[error("NCALayer reported {0}")]
    Failed(String),
    /// NCALayer answered something that is not a signature of the content.
    #[error("NCALayer gave an unexpected answer")]
    BadReply,
}

impl Localize for NcaLayerError {
    fn localized(&self) -> Localized {
        match self {
            Self::NotRunning => Localized::new("sign-ncalayer-not-running"),
            Self::Cancelled => Localized::new("sign-ncalayer-cancelled"),
            Self::WrongKeyType => Localized::new("sign-ncalayer-wrong-key-type"),
            Self::Timeout => Localized::new("sign-ncalayer-timeout"),
            Self::Failed(code) => Localized::new("sign-ncalayer-failed").arg("code", code),
            Self::BadReply => Localized::new("sign-ncalayer-bad-reply"),
        }
    }
}
