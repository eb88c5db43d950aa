//! The signing backends behind one trait.
//!
//! [`Signer`] is synchronous: the PKCS#12 backend signs in-process in milliseconds. NCALayer is
//! a different shape (asynchronous, the key and the signing time are chosen inside NCALayer, the
//! certificate is known only after signing), so it is its own type,
//! [`crate::ncalayer::NcaLayer`], with an `async fn sign` and a blocking wrapper.

pub mod pkcs12;

use time::OffsetDateTime;

use crate::certificate::CertificateInfo;
use crate::error::SignError;

/// Something that holds a signing key and its certificate.
pub trait Signer {
    /// The signer's certificate, for display and for the IIN check before signing.
    fn certificate(&self) -> &CertificateInfo;

    /// A detached CMS SignedData (DER) over `content` with CAdES-BES signed attributes, stating
    /// `at` as the signing time. Callers pass the time; nothing here reads the clock.
    fn sign(&self, content: &[u8], at: OffsetDateTime) -> Result<Vec<u8>, SignError>;
}
