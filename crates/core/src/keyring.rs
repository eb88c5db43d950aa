//! The workstation's master key, wrapped once per operator.
//!
//! The local database and the scans are encrypted with one random 256-bit master key. The key
//! never touches the disk in the clear: the keyring file (`keyring.json`, next to the database)
//! holds one *wrap* per operator provisioned on this workstation, the master key sealed with
//! ChaCha20-Poly1305 under a key derived from that operator's password by Argon2id (19 MiB,
//! 2 passes), bound to their IIN and account id. So any of them can unlock the workstation
//! offline, a wrong IIN or password opens nothing, and removing an operator removes their wrap.
//!
//! The file names no one: a wrap carries only the account id (a random UUID), salts and sealed
//! bytes. Unlocking tries every wrap (a few operators share a workstation). Failed attempts are
//! counted here, before the database can be read, with the same growing delay as the login
//! screen; the app writes them to the audit log once the next operator unlocks it.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;
use zeroize::{Zeroize, Zeroizing};

use crate::i18n::{Localize, Localized};
use crate::iin::Iin;

/// The keyring's file name inside the data folder.
pub const FILE_NAME: &str = "keyring.json";
/// The file format this code writes and reads.
const FORMAT: u32 = 1;
/// Failed attempts allowed before the delay starts.
const FREE_ATTEMPTS: u32 = 5;
/// The first delay; it doubles with each further failure up to [`MAX_DELAY`].
const FIRST_DELAY: Duration = Duration::seconds(30);
/// The longest delay.
const MAX_DELAY: Duration = Duration::minutes(15);

/// The key the database and scans are encrypted with. Wiped from memory when dropped; never
/// printed.
#[derive(Clone, PartialEq, Eq)]
pub struct MasterKey(Zeroizing<[u8; 32]>);

impl MasterKey {
    /// A fresh random key, for a new workstation.
    pub fn generate() -> Self {
        let mut bytes = Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(bytes.as_mut());
        Self(bytes)
    }

    /// A key kept elsewhere (a recovery copy; fixed keys in tests). Production keys come from
    /// [`MasterKey::generate`] and [`Keyring::unlock`].
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(Zeroizing::new(bytes))
    }

    /// The raw key bytes, for the database's cipher and the scan files' cipher.
    pub fn bytes(&self) -> &[u8; 32] {
        &self.0
    }
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(..)")
    }
}

/// Why the keyring could not do what was asked. Nothing was changed.
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    /// No wrap opens with this IIN and password (the same answer whether or not the IIN has an
    /// account here, as the regulation's "authorisation refused").
    #[error("no wrap opens with this IIN and password")]
    Refused,
    /// Too many failed attempts: the next one is allowed after `until`.
    #[error("locked until {until}")]
    LockedOut {
        /// When the next attempt is allowed.
        until: OffsetDateTime,
    },
    /// The last wrap cannot be removed: no one could unlock the workstation any more.
    #[error("the last operator's wrap cannot be removed")]
    LastWrap,
    /// The operator has no wrap here.
    #[error("operator {0} has no wrap on this workstation")]
    UnknownOperator(Uuid),
    /// The keyring file is not one this program wrote (or a newer version's); left untouched.
    #[error("the keyring file is damaged: {0}")]
    Damaged(String),
    /// Reading or writing the file failed.
    #[error("keyring file: {0}")]
    Io(#[from] std::io::Error),
    /// The key derivation failed (bad parameters, no randomness).
    #[error("key derivation failed")]
    Derivation,
}

impl Localize for KeyringError {
    fn localized(&self) -> Localized {
        match self {
            KeyringError::Refused => Localized::new("login-refused"),
            KeyringError::LockedOut { until } => Localized::new("keyring-locked-out").arg(
                "minutes",
                (*until - OffsetDateTime::now_utc()).whole_minutes().max(1),
            ),
            KeyringError::LastWrap => Localized::new("keyring-last-wrap"),
            KeyringError::UnknownOperator(_) => Localized::new("keyring-unknown-operator"),
            KeyringError::Damaged(_) => Localized::new("keyring-damaged"),
            KeyringError::Io(_) => Localized::new("keyring-io"),
            KeyringError::Derivation => Localized::new("keyring-derivation"),
        }
    }
}

/// One operator's sealed copy of the master key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Wrap {
    /// The operator's account id (not personal data).
    operator: Uuid,
    /// Argon2id salt, hex.
    salt: String,
    /// Argon2id memory in KiB, passes and lanes, so stronger settings can come later.
    memory_kib: u32,
    passes: u32,
    lanes: u32,
    /// ChaCha20-Poly1305 nonce, hex.
    nonce: String,
    /// The sealed master key with its tag, hex.
    sealed: String,
}

/// Failed unlock attempts since the last success.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
struct Failures {
    count: u32,
    #[serde(with = "time::serde::rfc3339::option")]
    locked_until: Option<OffsetDateTime>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct KeyringFile {
    format: u32,
    wraps: Vec<Wrap>,
    #[serde(default)]
    failures: Failures,
}

/// The keyring of one data folder.
#[derive(Debug)]
pub struct Keyring {
    path: PathBuf,
    file: KeyringFile,
}

/// What a successful unlock gives.
#[derive(Debug)]
pub struct Unlocked {
    /// The operator whose wrap opened.
    pub operator: Uuid,
    /// The master key.
    pub key: MasterKey,
    /// Failed attempts since the previous unlock, for the audit log.
    pub failed_attempts: u32,
}

impl Keyring {
    /// The keyring's path in `data_dir`.
    pub fn path_in(data_dir: &Path) -> PathBuf {
        data_dir.join(FILE_NAME)
    }

    /// Whether `data_dir` has a keyring (an encrypted workstation).
    pub fn exists(data_dir: &Path) -> bool {
        Self::path_in(data_dir).is_file()
    }

    /// A new keyring in `data_dir` for a new master key, with the first operator's wrap.
    /// Refuses to replace an existing keyring.
    pub fn create(
        data_dir: &Path,
        operator: Uuid,
        iin: &Iin,
        password: &str,
    ) -> Result<(Keyring, MasterKey), KeyringError> {
        let key = MasterKey::generate();
        let keyring = Self::create_for(data_dir, &key, operator, iin, password)?;
        Ok((keyring, key))
    }

    /// A new keyring in `data_dir` for an existing master key (a workstation whose data was
    /// written before its first operator had a wrap: the demo seeding, a conversion), with that
    /// operator's wrap. Refuses to replace an existing keyring.
    pub fn create_for(
        data_dir: &Path,
        key: &MasterKey,
        operator: Uuid,
        iin: &Iin,
        password: &str,
    ) -> Result<Keyring, KeyringError> {
        let path = Self::path_in(data_dir);
        if path.exists() {
            return Err(KeyringError::Damaged("a keyring already exists".into()));
        }
        let mut keyring = Keyring {
            path,
            file: KeyringFile {
                format: FORMAT,
                wraps: Vec::new(),
                failures: Failures::default(),
            },
        };
        keyring.file.wraps.push(seal(key, operator, iin, password)?);
        keyring.save()?;
        Ok(keyring)
    }

    /// Whether `operator` has a wrap here (can unlock this workstation).
    pub fn has_wrap(&self, operator: Uuid) -> bool {
        self.file.wraps.iter().any(|w| w.operator == operator)
    }

    /// Reads the keyring of `data_dir`.
    pub fn load(data_dir: &Path) -> Result<Keyring, KeyringError> {
        let path = Self::path_in(data_dir);
        let text = fs::read_to_string(&path)?;
        let file: KeyringFile =
            serde_json::from_str(&text).map_err(|e| KeyringError::Damaged(e.to_string()))?;
        if file.format != FORMAT {
            return Err(KeyringError::Damaged(format!("format {}", file.format)));
        }
        if file.wraps.is_empty() {
            return Err(KeyringError::Damaged("no wraps".into()));
        }
        Ok(Keyring { path, file })
    }

    /// The operators who can unlock this workstation.
    pub fn operators(&self) -> Vec<Uuid> {
        self.file.wraps.iter().map(|w| w.operator).collect()
    }

    /// Opens the master key with an IIN and password, at `now`. A failure is counted (and
    /// saved) and, after [`FREE_ATTEMPTS`], delays the next attempt; a success clears the count.
    pub fn unlock(
        &mut self,
        iin: &Iin,
        password: &str,
        now: OffsetDateTime,
    ) -> Result<Unlocked, KeyringError> {
        if let Some(until) = self.file.failures.locked_until
            && now < until
        {
            return Err(KeyringError::LockedOut { until });
        }
        let opened = self
            .file
            .wraps
            .iter()
            .find_map(|wrap| open(wrap, iin, password).map(|key| (wrap.operator, key)));
        match opened {
            Some((operator, key)) => {
                let failed_attempts = self.file.failures.count;
                if failed_attempts > 0 {
                    self.file.failures = Failures::default();
                    self.save()?;
                }
                Ok(Unlocked {
                    operator,
                    key,
                    failed_attempts,
                })
            }
            None => {
                let failures = &mut self.file.failures;
                failures.count = failures.count.saturating_add(1);
                if failures.count >= FREE_ATTEMPTS {
                    let doublings = (failures.count - FREE_ATTEMPTS).min(10);
                    let delay = (FIRST_DELAY * 2_i32.pow(doublings)).min(MAX_DELAY);
                    failures.locked_until = Some(now + delay);
                }
                self.save()?;
                Err(KeyringError::Refused)
            }
        }
    }

    /// Adds (or replaces) `operator`'s wrap of `key`, for a new operator or a new password.
    pub fn set_wrap(
        &mut self,
        key: &MasterKey,
        operator: Uuid,
        iin: &Iin,
        password: &str,
    ) -> Result<(), KeyringError> {
        let wrap = seal(key, operator, iin, password)?;
        let mut next = self.file.clone();
        next.wraps.retain(|w| w.operator != operator);
        next.wraps.push(wrap);
        self.replace(next)
    }

    /// Removes `operator`'s wrap: they can no longer unlock this workstation.
    pub fn remove_wrap(&mut self, operator: Uuid) -> Result<(), KeyringError> {
        if !self.file.wraps.iter().any(|w| w.operator == operator) {
            return Err(KeyringError::UnknownOperator(operator));
        }
        if self.file.wraps.len() == 1 {
            return Err(KeyringError::LastWrap);
        }
        let mut next = self.file.clone();
        next.wraps.retain(|w| w.operator != operator);
        self.replace(next)
    }

    /// Writes `next` and only then takes it as the keyring's state.
    fn replace(&mut self, next: KeyringFile) -> Result<(), KeyringError> {
        let previous = std::mem::replace(&mut self.file, next);
        if let Err(e) = self.save() {
            self.file = previous;
            return Err(e);
        }
        Ok(())
    }

    /// Writes the file atomically: a temporary file, fsync, rename, fsync of the folder.
    fn save(&self) -> Result<(), KeyringError> {
        let json = serde_json::to_vec_pretty(&self.file)
            .map_err(|e| KeyringError::Damaged(e.to_string()))?;
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let temp = self.path.with_extension("json.new");
        {
            let mut file = fs::File::create(&temp)?;
            file.write_all(&json)?;
            file.sync_all()?;
        }
        fs::rename(&temp, &self.path)?;
        fs::File::open(dir)?.sync_all()?;
        Ok(())
    }
}

fn params(memory_kib: u32, passes: u32, lanes: u32) -> Result<Argon2<'static>, KeyringError> {
    let params =
        Params::new(memory_kib, passes, lanes, Some(32)).map_err(|_| KeyringError::Derivation)?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// The associated data a wrap is bound to: the account id and the IIN.
fn binding(operator: Uuid, iin: &Iin) -> Vec<u8> {
    let mut aad = operator.as_bytes().to_vec();
    aad.extend_from_slice(iin.as_string().as_bytes());
    aad
}

fn seal(key: &MasterKey, operator: Uuid, iin: &Iin, password: &str) -> Result<Wrap, KeyringError> {
    let (memory_kib, passes, lanes) = (19 * 1024, 2, 1);
    let mut salt = [0u8; 16];
    OsRng.fill_bytes(&mut salt);
    let mut nonce = [0u8; 12];
    OsRng.fill_bytes(&mut nonce);
    let mut kek = Zeroizing::new([0u8; 32]);
    params(memory_kib, passes, lanes)?
        .hash_password_into(password.as_bytes(), &salt, kek.as_mut())
        .map_err(|_| KeyringError::Derivation)?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
    let aad = binding(operator, iin);
    let sealed = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: key.bytes(),
                aad: &aad,
            },
        )
        .map_err(|_| KeyringError::Derivation)?;
    Ok(Wrap {
        operator,
        salt: hex::encode(salt),
        memory_kib,
        passes,
        lanes,
        nonce: hex::encode(nonce),
        sealed: hex::encode(sealed),
    })
}

/// The master key from `wrap`, if this IIN and password open it.
fn open(wrap: &Wrap, iin: &Iin, password: &str) -> Option<MasterKey> {
    let salt = hex::decode(&wrap.salt).ok()?;
    let nonce = hex::decode(&wrap.nonce).ok()?;
    let sealed = hex::decode(&wrap.sealed).ok()?;
    if nonce.len() != 12 {
        return None;
    }
    let mut kek = Zeroizing::new([0u8; 32]);
    params(wrap.memory_kib, wrap.passes, wrap.lanes)
        .ok()?
        .hash_password_into(password.as_bytes(), &salt, kek.as_mut())
        .ok()?;
    let cipher = ChaCha20Poly1305::new(Key::from_slice(kek.as_ref()));
    let aad = binding(wrap.operator, iin);
    let mut plain = cipher
        .decrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: &sealed,
                aad: &aad,
            },
        )
        .ok()?;
    let key = <[u8; 32]>::try_from(plain.as_slice()).ok();
    plain.zeroize();
    key.map(|k| MasterKey(Zeroizing::new(k)))
}
