//! Local password verifiers, so an operator can log in with IIN and password while the office
//! is offline. Argon2id with OWASP's parameters (19 MiB, 2 passes, 1 lane), stored as a PHC
//! string; the password itself is never stored or logged.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use thiserror::Error;

use crate::i18n::{Localize, Localized};

mod common;

/// The shortest password accepted, in characters.
pub const MIN_CHARS: usize = 12;
/// The longest password accepted, in characters.
pub const MAX_CHARS: usize = 128;

/// Why a new password is not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasswordError {
    /// Shorter than [`MIN_CHARS`].
    #[error("the password is too short")]
    TooShort,
    /// Longer than [`MAX_CHARS`].
    #[error("the password is too long")]
    TooLong,
    /// One of the most common passwords (or one character repeated), guessed first by anyone.
    #[error("the password is one of the most common ones")]
    TooCommon,
    /// The hashing library failed (no randomness, bad parameters).
    #[error("the password could not be hashed")]
    Hashing,
}

impl Localize for PasswordError {
    fn localized(&self) -> Localized {
        match self {
            PasswordError::TooShort => Localized::new("password-too-short").arg("min", MIN_CHARS),
            PasswordError::TooLong => Localized::new("password-too-long").arg("max", MAX_CHARS),
            PasswordError::TooCommon => Localized::new("password-too-common"),
            PasswordError::Hashing => Localized::new("password-hashing"),
        }
    }
}

fn hasher() -> Result<Argon2<'static>, PasswordError> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|_| PasswordError::Hashing)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Checks the policy and makes the stored verifier (a PHC string with its own random salt).
pub fn hash(password: &str) -> Result<String, PasswordError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(PasswordError::TooShort);
    }
    if chars > MAX_CHARS {
        return Err(PasswordError::TooLong);
    }
    if common::is_common(password) {
        return Err(PasswordError::TooCommon);
    }
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| PasswordError::Hashing)
}

/// Whether `password` matches the stored verifier; a damaged verifier never matches.
pub fn verify(verifier: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(verifier) else {
        return false;
    };
    hasher()
        .map(|h| h.verify_password(password.as_bytes(), &parsed).is_ok())
        .unwrap_or(false)
}

/// A verifier no password matches, checked for unknown IINs so that a refusal takes the same
/// time whether or not the account exists.
pub(crate) const DECOY: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$Kx2f1m2v3TlCq0m0mXc2W2iKpV1CuZ3X2f4gqH5k8aQ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hashed_password_verifies_and_a_wrong_one_does_not() {
        let phc = hash("қызғалдақ-2024").unwrap();
        assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"));
        assert!(verify(&phc, "қызғалдақ-2024"));
        assert!(!verify(&phc, "қызғалдақ-2025"));
        assert!(!verify("not a verifier", "қызғалдақ-2024"));
        // The decoy is a well-formed verifier, so checking it costs a real hash.
        assert!(PasswordHash::new(DECOY).is_ok());
        assert!(!verify(DECOY, ""));
    }

    #[test]
    fn the_policy_counts_characters_not_bytes() {
        assert_eq!(hash("short"), Err(PasswordError::TooShort));
        // Twelve Kazakh letters are 24 bytes but twelve characters: accepted.
        assert!(hash("әғқңөұүһіәғқ").is_ok());
        assert_eq!(hash(&"a".repeat(129)), Err(PasswordError::TooLong));
    }

    #[test]
    fn a_common_password_is_refused_even_typed_in_the_other_layout() {
        assert_eq!(hash("qwerty123456"), Err(PasswordError::TooCommon));
        assert_eq!(hash("йцукенгшщзхъ"), Err(PasswordError::TooCommon));
        assert_eq!(hash("111111111111"), Err(PasswordError::TooCommon));
    }

    #[test]
    fn two_hashes_of_one_password_differ_by_salt() {
        assert_ne!(
            hash("одинаковый-пароль").unwrap(),
            hash("одинаковый-пароль").unwrap()
        );
    }
}
