//! Purpose-bound keys derived from the master key.

use blake2::Blake2bMac;
use blake2::digest::consts::U32;
use blake2::digest::{KeyInit, Mac};
use zeroize::Zeroizing;

use crate::keyring::MasterKey;

/// The label that makes the database key differ from every other key of the workstation.
const DATABASE_LABEL: &[u8] = b"tereze database key v1";
/// The label of the scan files' key.
const BLOB_LABEL: &[u8] = b"tereze blob key v1";

/// Keyed BLAKE2b-256 of `label` under the master key.
fn derive(master: &MasterKey, label: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    // A 32-byte key is always a valid BLAKE2b key; the fallback is never taken.
    if let Ok(mut mac) = <Blake2bMac<U32> as KeyInit>::new_from_slice(master.bytes()) {
        mac.update(label);
        out.copy_from_slice(&mac.finalize().into_bytes());
    }
    out
}

/// The SQLCipher key of the workstation database. Wiped when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DatabaseKey(Zeroizing<[u8; 32]>);

impl DatabaseKey {
    /// The database key of the workstation whose master key is `master`.
    pub fn derive(master: &MasterKey) -> Self {
        Self(derive(master, DATABASE_LABEL))
    }

    /// The `PRAGMA key` value: SQLCipher's raw-key form `x'<64 hex digits>'`, built only from
    /// the key's bytes (so it can never carry anything typed by a person).
    pub(crate) fn pragma_value(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_ref())))
    }
}

impl std::fmt::Debug for DatabaseKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DatabaseKey(..)")
    }
}

/// The key the scan files are sealed with. Wiped when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct BlobKey(Zeroizing<[u8; 32]>);

impl BlobKey {
    /// The scan key of the workstation whose master key is `master`.
    pub fn derive(master: &MasterKey) -> Self {
        Self(derive(master, BLOB_LABEL))
    }

    /// The raw bytes, for the cipher.
    pub(crate) fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for BlobKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BlobKey(..)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_two_keys_differ_from_each_other_and_from_the_master_key() {
        let master = MasterKey::from_bytes([9; 32]);
        let db = DatabaseKey::derive(&master);
        let blob = BlobKey::derive(&master);
        assert_ne!(db.0.as_ref(), blob.bytes());
        assert_ne!(db.0.as_ref(), master.bytes());
        assert_ne!(blob.bytes(), master.bytes());
        // Derivation is a function of the master key alone.
        assert!(DatabaseKey::derive(&MasterKey::from_bytes([9; 32])) == db);
        assert!(DatabaseKey::derive(&MasterKey::from_bytes([8; 32])) != db);
        let pragma = db.pragma_value();
        assert!(pragma.starts_with("x'") && pragma.ends_with('\'') && pragma.len() == 67);
        assert_eq!(format!("{db:?} {blob:?}"), "DatabaseKey(..) BlobKey(..)");
    }
}
