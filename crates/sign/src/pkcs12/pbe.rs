//! Password-based decryption of PKCS#12 contents: the legacy PKCS#12 PBE schemes НУЦ files use
//! (3DES for the key, RC2-40 for certificates) and PBES2 (what current OpenSSL writes).

use cbc::cipher::block_padding::Pkcs7;
use cbc::cipher::{BlockDecryptMut, BlockEncryptMut, InnerIvInit, KeyIvInit};
use der::{Decode, Encode};
use pkcs12::kdf::{Pkcs12KeyType, derive_key_utf8};
use pkcs12::pbe_params::Pkcs12PbeParams;
use spki::AlgorithmIdentifierOwned;

use crate::oids;

/// Why decryption failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PbeError {
    /// Padding did not check out: with no MAC to tell, the password is wrong.
    BadPassword,
    /// The algorithm is not one we know.
    Unsupported,
    /// The parameters are malformed.
    Malformed,
}

#[derive(Clone, Copy)]
enum Cipher {
    TripleDes,
    Rc2 { key_bytes: usize },
}

fn legacy_cipher(oid: &der::oid::ObjectIdentifier) -> Option<Cipher> {
    match *oid {
        o if o == pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC => Some(Cipher::TripleDes),
        o if o == pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC => {
            Some(Cipher::Rc2 { key_bytes: 5 })
        }
        o if o == pkcs12::PKCS_12_PBE_WITH_SHAAND128_BIT_RC2_CBC => {
            Some(Cipher::Rc2 { key_bytes: 16 })
        }
        _ => None,
    }
}

/// Decrypts `data` encrypted under `algorithm` with `password`.
pub fn decrypt(
    algorithm: &AlgorithmIdentifierOwned,
    password: &str,
    data: &[u8],
) -> Result<Vec<u8>, PbeError> {
    if algorithm.oid == oids::PBES2 {
        let der = algorithm.to_der().map_err(|_| PbeError::Malformed)?;
        let scheme = pkcs5::EncryptionScheme::from_der(&der).map_err(|_| PbeError::Malformed)?;
        return scheme
            .decrypt(password.as_bytes(), data)
            .map_err(|e| match e {
                pkcs5::Error::DecryptFailed => PbeError::BadPassword,
                pkcs5::Error::UnsupportedAlgorithm { .. } => PbeError::Unsupported,
                _ => PbeError::Malformed,
            });
    }
    let cipher = legacy_cipher(&algorithm.oid).ok_or(PbeError::Unsupported)?;
    let params = algorithm
        .parameters
        .as_ref()
        .ok_or(PbeError::Malformed)?
        .decode_as::<Pkcs12PbeParams>()
        .map_err(|_| PbeError::Malformed)?;
    let (key, iv) = derive(cipher, password, params.salt.as_bytes(), params.iterations)?;
    let result = match cipher {
        Cipher::TripleDes => cbc::Decryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| PbeError::Malformed)?
            .decrypt_padded_vec_mut::<Pkcs7>(data),
        Cipher::Rc2 { key_bytes } => {
            let rc2 = rc2::Rc2::new_with_eff_key_len(&key, key_bytes * 8);
            cbc::Decryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, &iv)
                .map_err(|_| PbeError::Malformed)?
                .decrypt_padded_vec_mut::<Pkcs7>(data)
        }
    };
    result.map_err(|_| PbeError::BadPassword)
}

/// Encrypts `data` with pbeWithSHAAnd3-KeyTripleDES-CBC (`rc2 = false`) or
/// pbeWithSHAAnd40BitRC2-CBC (`rc2 = true`), as НУЦ files do. Used to write test and demo keys.
pub fn encrypt_legacy(
    rc2: bool,
    password: &str,
    salt: &[u8],
    iterations: i32,
    data: &[u8],
) -> Result<(AlgorithmIdentifierOwned, Vec<u8>), PbeError> {
    let (cipher, oid) = if rc2 {
        (
            Cipher::Rc2 { key_bytes: 5 },
            pkcs12::PKCS_12_PBEWITH_SHAAND40_BIT_RC2_CBC,
        )
    } else {
        (
            Cipher::TripleDes,
            pkcs12::PKCS_12_PBE_WITH_SHAAND3_KEY_TRIPLE_DES_CBC,
        )
    };
    let (key, iv) = derive(cipher, password, salt, iterations)?;
    let encrypted = match cipher {
        Cipher::TripleDes => cbc::Encryptor::<des::TdesEde3>::new_from_slices(&key, &iv)
            .map_err(|_| PbeError::Malformed)?
            .encrypt_padded_vec_mut::<Pkcs7>(data),
        Cipher::Rc2 { key_bytes } => {
            let rc2 = rc2::Rc2::new_with_eff_key_len(&key, key_bytes * 8);
            cbc::Encryptor::<rc2::Rc2>::inner_iv_slice_init(rc2, &iv)
                .map_err(|_| PbeError::Malformed)?
                .encrypt_padded_vec_mut::<Pkcs7>(data)
        }
    };
    let params = Pkcs12PbeParams {
        salt: der::asn1::OctetString::new(salt).map_err(|_| PbeError::Malformed)?,
        iterations,
    };
    let parameters = der::Any::encode_from(&params).map_err(|_| PbeError::Malformed)?;
    Ok((
        AlgorithmIdentifierOwned {
            oid,
            parameters: Some(parameters),
        },
        encrypted,
    ))
}

fn derive(
    cipher: Cipher,
    password: &str,
    salt: &[u8],
    iterations: i32,
) -> Result<(Vec<u8>, Vec<u8>), PbeError> {
    let key_len = match cipher {
        Cipher::TripleDes => 24,
        Cipher::Rc2 { key_bytes } => key_bytes,
    };
    let key = derive_key_utf8::<sha1::Sha1>(
        password,
        salt,
        Pkcs12KeyType::EncryptionKey,
        iterations,
        key_len,
    )
    .map_err(|_| PbeError::BadPassword)?;
    let iv = derive_key_utf8::<sha1::Sha1>(password, salt, Pkcs12KeyType::Iv, iterations, 8)
        .map_err(|_| PbeError::BadPassword)?;
    Ok((key, iv))
}
