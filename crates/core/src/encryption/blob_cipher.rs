//! The scan files' format on disk: a 17-byte header (magic `TZBL`, format version, 96-bit
//! random nonce) followed by the ChaCha20-Poly1305 ciphertext and tag of the scan.
//!
//! The associated data is the header and the scan's SHA-256 (its file name), so a file moved
//! under another name, a changed header or a changed byte is refused. The name stays the hash of
//! the plaintext: identical scans are still stored once, and sync still names them by hash.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};

use super::BlobKey;
use crate::store::StoreError;

/// The first bytes of every sealed scan file.
pub const MAGIC: &[u8; 4] = b"TZBL";
/// The format this code writes.
const VERSION: u8 = 1;
/// Magic, version and nonce.
pub const HEADER_LEN: usize = 4 + 1 + 12;

fn aad(header: &[u8], sha256: &str) -> Vec<u8> {
    let mut aad = header.to_vec();
    aad.extend_from_slice(sha256.as_bytes());
    aad
}

/// Seals `plain` (whose SHA-256 is `sha256`) into the on-disk form.
pub fn seal(key: &BlobKey, sha256: &str, plain: &[u8]) -> Result<Vec<u8>, StoreError> {
    let mut header = [0u8; HEADER_LEN];
    header[..4].copy_from_slice(MAGIC);
    header[4] = VERSION;
    OsRng.fill_bytes(&mut header[5..]);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key.bytes()));
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&header[5..]),
            Payload {
                msg: plain,
                aad: &aad(&header, sha256),
            },
        )
        .map_err(|_| StoreError::Invalid {
            what: "scan encryption",
        })?;
    let mut out = Vec::with_capacity(HEADER_LEN + sealed.len());
    out.extend_from_slice(&header);
    out.extend_from_slice(&sealed);
    Ok(out)
}

/// Opens a sealed scan file named `sha256`: [`StoreError::BlobTampered`] if the format, the tag
/// or the name does not match.
pub fn open(key: &BlobKey, sha256: &str, file: &[u8]) -> Result<Vec<u8>, StoreError> {
    let tampered = || StoreError::BlobTampered {
        sha256: sha256.to_owned(),
    };
    if !is_sealed(file) {
        return Err(tampered());
    }
    let (header, sealed) = file.split_at(HEADER_LEN);
    let cipher = ChaCha20Poly1305::new(Key::from_slice(key.bytes()));
    cipher
        .decrypt(
            Nonce::from_slice(&header[5..]),
            Payload {
                msg: sealed,
                aad: &aad(header, sha256),
            },
        )
        .map_err(|_| tampered())
}

/// Whether `file` starts like a sealed scan of the format this code reads.
pub fn is_sealed(file: &[u8]) -> bool {
    file.len() >= HEADER_LEN + 16 && &file[..4] == MAGIC && file[4] == VERSION
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keyring::MasterKey;

    fn key(b: u8) -> BlobKey {
        BlobKey::derive(&MasterKey::from_bytes([b; 32]))
    }

    #[test]
    fn a_sealed_scan_opens_only_with_its_key_and_its_name() {
        let plain = b"%PDF-1.7 scan of a birth certificate";
        let sha = crate::store::sha256_hex(plain);
        let sealed = seal(&key(1), &sha, plain).unwrap();
        assert!(is_sealed(&sealed));
        assert!(!sealed.windows(4).any(|w| w == b"%PDF"));
        assert_eq!(open(&key(1), &sha, &sealed).unwrap(), plain);
        assert!(matches!(
            open(&key(2), &sha, &sealed),
            Err(StoreError::BlobTampered { .. })
        ));
        let other = crate::store::sha256_hex(b"other");
        assert!(open(&key(1), &other, &sealed).is_err());
        for i in [0, 4, 5, HEADER_LEN, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            assert!(open(&key(1), &sha, &bad).is_err(), "byte {i}");
        }
        assert!(open(&key(1), &sha, plain).is_err());
        // Two seals of the same scan differ (fresh nonce) and both open.
        let again = seal(&key(1), &sha, plain).unwrap();
        assert_ne!(again, sealed);
        assert_eq!(open(&key(1), &sha, &again).unwrap(), plain);
    }
}
