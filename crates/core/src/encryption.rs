//! Encryption at rest: the keys the database and the scan files are encrypted with, all derived
//! from the workstation's master key (see [`crate::keyring`]).
//!
//! The database is an SQLCipher file keyed with a raw 256-bit [`DatabaseKey`]; every scan file
//! is sealed with ChaCha20-Poly1305 under a [`BlobKey`] (see [`blob_cipher`]). Both keys are
//! derived from the master key with keyed BLAKE2b and a purpose label, so one master key
//! unlocked at login opens everything and neither derived key reveals the other.
//! [`convert`] turns an older plaintext data folder into an encrypted one.

pub mod blob_cipher;
pub mod convert;
pub mod database;
mod derive;

pub use derive::{BlobKey, DatabaseKey};
