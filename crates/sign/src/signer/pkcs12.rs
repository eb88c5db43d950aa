//! The PKCS#12 key-file signer (RSA, SHA-256).

use der::Encode;
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::signature::{SignatureEncoding, Signer as _};
use sha2::Sha256;
use time::OffsetDateTime;
use x509_cert::Certificate;

use crate::certificate::{CertificateInfo, KeyAlgorithm};
use crate::error::SignError;
use crate::signer::Signer;
use crate::{cms, oids};

/// A signer backed by a `.p12` key file opened with its password.
pub struct Pkcs12Signer {
    key: SigningKey<Sha256>,
    certificate: Certificate,
    info: CertificateInfo,
    chain: Vec<Certificate>,
}

impl std::fmt::Debug for Pkcs12Signer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Signer")
            .field("serial", &self.info.serial)
            .finish_non_exhaustive()
    }
}

impl Pkcs12Signer {
    /// Opens a key file. Wrong password, damaged file, GOST key, authentication key and a key
    /// without its certificate are each their own [`SignError`].
    pub fn open(bytes: &[u8], password: &str) -> Result<Self, SignError> {
        let store = crate::pkcs12::open(bytes, password)?;
        let gost_cert = store.certificates.iter().any(|c| {
            oids::is_gost(&c.tbs_certificate.subject_public_key_info.algorithm.oid)
                || oids::is_gost(&c.signature_algorithm.oid)
        });
        let (Some(key_der), Some(key_oid)) = (store.private_key, store.key_algorithm) else {
            return Err(if gost_cert {
                SignError::GostKey
            } else {
                SignError::NoPrivateKey
            });
        };
        if oids::is_gost(&key_oid) {
            return Err(SignError::GostKey);
        }
        if key_oid != oids::RSA_ENCRYPTION {
            return Err(SignError::UnsupportedKey(key_oid.to_string()));
        }
        let key = RsaPrivateKey::from_pkcs8_der(&key_der)
            .map_err(|_| SignError::CorruptFile("private key"))?;
        let public = key.to_public_key();
        let mut certificate = None;
        let mut chain = Vec::new();
        for cert in store.certificates {
            let matches = cert
                .tbs_certificate
                .subject_public_key_info
                .to_der()
                .ok()
                .and_then(|spki| rsa::RsaPublicKey::from_public_key_der(&spki).ok())
                .is_some_and(|p| p == public);
            if matches && certificate.is_none() {
                certificate = Some(cert);
            } else if cert.tbs_certificate.subject != cert.tbs_certificate.issuer {
                chain.push(cert);
            }
        }
        let certificate = certificate.ok_or(if gost_cert {
            SignError::GostKey
        } else {
            SignError::NoCertificate
        })?;
        let info = CertificateInfo::from_certificate(&certificate)
            .map_err(|_| SignError::CorruptFile("certificate"))?;
        if info.key_algorithm == KeyAlgorithm::Gost {
            return Err(SignError::GostKey);
        }
        if info.is_authentication_only() {
            return Err(SignError::AuthenticationKey);
        }
        Ok(Self {
            key: SigningKey::<Sha256>::new(key),
            certificate,
            info,
            chain,
        })
    }

    /// The intermediate certificates the key file carried (they travel in each signature).
    pub fn chain(&self) -> Vec<CertificateInfo> {
        self.chain
            .iter()
            .filter_map(|c| CertificateInfo::from_certificate(c).ok())
            .collect()
    }
}

impl Signer for Pkcs12Signer {
    fn certificate(&self) -> &CertificateInfo {
        &self.info
    }

    fn sign(&self, content: &[u8], at: OffsetDateTime) -> Result<Vec<u8>, SignError> {
        cms::build::detached(content, at, &self.certificate, &self.chain, |to_sign| {
            self.key
                .try_sign(to_sign)
                .map(|s| s.to_vec())
                .map_err(|e| SignError::Failed(e.to_string()))
        })
    }
}
