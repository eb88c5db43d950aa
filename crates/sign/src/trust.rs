//! What the verifier trusts: root (and intermediate) certificates loaded from a folder, and the
//! certificate revocation lists the caller has fetched (through sync on the workstation).

use std::path::{Path, PathBuf};

use der::{Decode, Encode};
use tereze_core::i18n::{Localize, Localized};
use x509_cert::Certificate;
use x509_cert::crl::CertificateList;

/// Why trust material could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// The folder or a file in it could not be read.
    #[error("cannot read trust material at {0}")]
    Unreadable(PathBuf),
    /// A file is not a DER or PEM certificate.
    #[error("not a certificate: {0}")]
    BadCertificate(PathBuf),
    /// Bytes given as a CRL are not a DER CRL.
    #[error("not a certificate revocation list")]
    BadCrl,
}

impl Localize for TrustError {
    fn localized(&self) -> Localized {
        match self {
            Self::Unreadable(p) => Localized::new("sign-trust-unreadable").arg("path", p.display()),
            Self::BadCertificate(p) => {
                Localized::new("sign-trust-bad-certificate").arg("path", p.display())
            }
            Self::BadCrl => Localized::new("sign-crl-bad"),
        }
    }
}

/// Trusted certificates: self-signed roots are anchors, the others are intermediates that may
/// complete a chain.
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
    intermediates: Vec<Certificate>,
}

impl TrustStore {
    /// An empty store: nothing verifies against it.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every `.cer`, `.crt`, `.der` and `.pem` file in `dir` (other files are ignored).
    pub fn from_dir(dir: &Path) -> Result<Self, TrustError> {
        let mut store = Self::new();
        store.add_dir(dir)?;
        Ok(store)
    }

    /// The production store (`trust_dir`, e.g. `assets/pki/trust/`), plus the demo root from
    /// `demo_dir` (e.g. `assets/demo/pki/trust/`) only when the caller runs in demo mode.
    pub fn for_mode(trust_dir: &Path, demo_dir: Option<&Path>) -> Result<Self, TrustError> {
        let mut store = Self::from_dir(trust_dir)?;
        if let Some(demo) = demo_dir {
            store.add_dir(demo)?;
        }
        Ok(store)
    }

    /// Adds every certificate file in `dir`.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), TrustError> {
        let entries =
            std::fs::read_dir(dir).map_err(|_| TrustError::Unreadable(dir.to_path_buf()))?;
        let mut paths: Vec<PathBuf> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths {
            let ext = path
                .extension()
                .and_then(|e| e.to_str())
                .map(str::to_ascii_lowercase);
            if !matches!(ext.as_deref(), Some("cer" | "crt" | "der" | "pem")) {
                continue;
            }
            let bytes = std::fs::read(&path).map_err(|_| TrustError::Unreadable(path.clone()))?;
            let certs = read_certificates(&bytes);
            if certs.is_empty() {
                return Err(TrustError::BadCertificate(path));
            }
            for cert in certs {
                self.add(cert);
            }
        }
        Ok(())
    }

    /// Adds one DER certificate.
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), TrustError> {
        let cert = Certificate::from_der(der)
            .map_err(|_| TrustError::BadCertificate(PathBuf::from("-")))?;
        self.add(cert);
        Ok(())
    }

    fn add(&mut self, cert: Certificate) {
        if cert.tbs_certificate.subject == cert.tbs_certificate.issuer {
            self.anchors.push(cert);
        } else {
            self.intermediates.push(cert);
        }
    }

    /// Whether the store holds no anchor at all.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// Whether `cert` is one of the anchors (byte for byte).
    pub fn is_anchor(&self, cert: &Certificate) -> bool {
        let der = cert.to_der().ok();
        self.anchors.iter().any(|a| a.to_der().ok() == der)
    }

    pub(crate) fn certificates(&self) -> impl Iterator<Item = &Certificate> {
        self.anchors.iter().chain(&self.intermediates)
    }
}

/// DER certificates, or every `CERTIFICATE` block of a PEM file.
fn read_certificates(bytes: &[u8]) -> Vec<Certificate> {
    if let Ok(cert) = Certificate::from_der(bytes) {
        return vec![cert];
    }
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Vec::new();
    };
    let mut certs = Vec::new();
    let mut rest = text;
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let Some(end) = after.find(END) else { break };
        let b64: String = after[..end].split_whitespace().collect();
        use base64::Engine as _;
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64)
            && let Ok(cert) = Certificate::from_der(&der)
        {
            certs.push(cert);
        }
        rest = &after[end + END.len()..];
    }
    certs
}

/// Revocation lists the caller has fetched; the verifier checks each one's signature against the
/// issuing CA before using it.
#[derive(Debug, Clone, Default)]
pub struct CrlCache {
    crls: Vec<CertificateList>,
}

impl CrlCache {
    /// An empty cache: every issuer is reported as "no CRL".
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a DER CRL (BER is accepted and normalised).
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), TrustError> {
        let crl = match CertificateList::from_der(der) {
            Ok(crl) => crl,
            Err(_) => crate::ber::to_der(der)
                .ok()
                .and_then(|d| CertificateList::from_der(&d).ok())
                .ok_or(TrustError::BadCrl)?,
        };
        self.crls.push(crl);
        Ok(())
    }

    pub(crate) fn for_issuer<'a>(
        &'a self,
        issuer: &'a x509_cert::name::Name,
    ) -> impl Iterator<Item = &'a CertificateList> + 'a {
        self.crls
            .iter()
            .filter(move |c| &c.tbs_cert_list.issuer == issuer)
    }
}
