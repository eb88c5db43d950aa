//! The PKCS#12 integrity MAC: the one check that tells a wrong password from a damaged file.

use hmac::{Hmac, Mac};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use pkcs12::mac_data::MacData;
use sha2::Digest;

/// HMAC with a PKCS#12-derived key (RFC 7292 appendix B, ID 3) over `data`.
macro_rules! compute {
    ($digest:ty, $password:expr, $salt:expr, $rounds:expr, $data:expr) => {{
        let len = <$digest as Digest>::output_size();
        derive_key_utf8::<$digest>($password, $salt, Pkcs12KeyType::Mac, $rounds, len)
            .ok()
            .and_then(|key| <Hmac<$digest> as Mac>::new_from_slice(&key).ok())
            .map(|mut mac| {
                mac.update($data);
                mac.finalize().into_bytes().to_vec()
            })
    }};
}

use crate::oids;

/// The outcome of checking the MAC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MacCheck {
    /// The MAC matches: the password is right and the contents intact.
    Valid,
    /// The MAC does not match.
    Mismatch,
    /// The MAC uses a digest we do not know.
    Unsupported,
}

/// Checks `mac` over `data` (the authenticated safe's content) with `password`.
pub fn check(mac: &MacData, password: &str, data: &[u8]) -> MacCheck {
    let oid = mac.mac.algorithm.oid;
    let expected = mac.mac.digest.as_bytes();
    let salt = mac.mac_salt.as_bytes();
    let rounds = mac.iterations;
    let computed = match oid {
        o if o == oids::SHA1 => compute!(sha1::Sha1, password, salt, rounds, data),
        o if o == oids::SHA256 => compute!(sha2::Sha256, password, salt, rounds, data),
        o if o == oids::SHA384 => compute!(sha2::Sha384, password, salt, rounds, data),
        o if o == oids::SHA512 => compute!(sha2::Sha512, password, salt, rounds, data),
        _ => return MacCheck::Unsupported,
    };
    match computed {
        Some(c) if c == expected => MacCheck::Valid,
        _ => MacCheck::Mismatch,
    }
}

/// Computes a SHA-256 PKCS#12 MAC, for writing test and demo key files.
pub fn compute_sha256(password: &str, salt: &[u8], rounds: i32, data: &[u8]) -> Option<Vec<u8>> {
    compute!(sha2::Sha256, password, salt, rounds, data)
}
