//! RSA PKCS#1 v1.5 signature checks for certificates, CRLs and CMS signers.

use der::Encode;
use der::oid::ObjectIdentifier;
use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier;
use spki::SubjectPublicKeyInfoOwned;

use crate::oids;

/// Why a signature did not check out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CryptoError {
    /// A GOST key or signature: not verifiable here yet.
    Gost,
    /// An algorithm we do not verify (SHA-1, ECDSA, …).
    Unsupported,
    /// The signature is wrong for this key and message.
    Mismatch,
}

/// The digest behind a signature algorithm OID (sha*WithRSAEncryption), or `digest` when the
/// algorithm is plain `rsaEncryption` (as CMS signer infos often say).
fn digest_of(
    signature_alg: ObjectIdentifier,
    digest: Option<ObjectIdentifier>,
) -> Option<ObjectIdentifier> {
    match signature_alg {
        o if o == oids::SHA256_WITH_RSA => Some(oids::SHA256),
        o if o == oids::SHA384_WITH_RSA => Some(oids::SHA384),
        o if o == oids::SHA512_WITH_RSA => Some(oids::SHA512),
        o if o == oids::RSA_ENCRYPTION => digest,
        _ => None,
    }
}

/// Checks `signature` over `message` by the key in `spki`.
pub fn verify(
    spki: &SubjectPublicKeyInfoOwned,
    signature_alg: ObjectIdentifier,
    digest_alg: Option<ObjectIdentifier>,
    message: &[u8],
    signature: &[u8],
) -> Result<(), CryptoError> {
    if oids::is_gost(&spki.algorithm.oid) || oids::is_gost(&signature_alg) {
        return Err(CryptoError::Gost);
    }
    if spki.algorithm.oid != oids::RSA_ENCRYPTION {
        return Err(CryptoError::Unsupported);
    }
    let der = spki.to_der().map_err(|_| CryptoError::Unsupported)?;
    let key = RsaPublicKey::from_public_key_der(&der).map_err(|_| CryptoError::Unsupported)?;
    let signature = Signature::try_from(signature).map_err(|_| CryptoError::Mismatch)?;
    let result = match digest_of(signature_alg, digest_alg) {
        Some(d) if d == oids::SHA256 => {
            VerifyingKey::<sha2::Sha256>::new(key).verify(message, &signature)
        }
        Some(d) if d == oids::SHA384 => {
            VerifyingKey::<sha2::Sha384>::new(key).verify(message, &signature)
        }
        Some(d) if d == oids::SHA512 => {
            VerifyingKey::<sha2::Sha512>::new(key).verify(message, &signature)
        }
        _ => return Err(CryptoError::Unsupported),
    };
    result.map_err(|_| CryptoError::Mismatch)
}

/// The digest of `data` under `digest_alg` (SHA-256/384/512 only).
pub fn digest(digest_alg: ObjectIdentifier, data: &[u8]) -> Option<Vec<u8>> {
    use sha2::Digest;
    match digest_alg {
        o if o == oids::SHA256 => Some(sha2::Sha256::digest(data).to_vec()),
        o if o == oids::SHA384 => Some(sha2::Sha384::digest(data).to_vec()),
        o if o == oids::SHA512 => Some(sha2::Sha512::digest(data).to_vec()),
        _ => None,
    }
}
