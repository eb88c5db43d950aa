//! Reading PKCS#12 key files, НУЦ quirks included: BER with indefinite lengths, 3DES key bags
//! and RC2-40 certificate bags, as well as the PBES2 files current OpenSSL writes.

pub mod mac;
pub mod pbe;

use cms::content_info::ContentInfo;
use cms::encrypted_data::EncryptedData;
use der::asn1::OctetString;
use der::{AnyRef, Decode};
use pkcs12::cert_type::CertBag;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::Pfx;
use pkcs12::safe_bag::SafeBag;
use x509_cert::Certificate;

use crate::error::SignError;
use crate::oids;
use mac::MacCheck;
use pbe::PbeError;

/// The private key and certificates found in a key file, not yet interpreted.
#[derive(Clone)]
pub struct KeyStore {
    /// The private key as PKCS#8 `PrivateKeyInfo` DER (None when the file has no key).
    pub private_key: Option<Vec<u8>>,
    /// The key's algorithm OID, read from the `PrivateKeyInfo`.
    pub key_algorithm: Option<der::oid::ObjectIdentifier>,
    /// Every certificate in the file, in file order.
    pub certificates: Vec<Certificate>,
}

impl std::fmt::Debug for KeyStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeyStore")
            .field("key_algorithm", &self.key_algorithm)
            .field("certificates", &self.certificates.len())
            .finish_non_exhaustive()
    }
}

/// Opens a PKCS#12 file (DER or BER) with `password`.
///
/// A wrong password is told from a damaged file by the file's MAC: a file that parses but whose
/// MAC does not match gives [`SignError::WrongPassword`]; a file that does not parse gives
/// [`SignError::CorruptFile`].
pub fn open(bytes: &[u8], password: &str) -> Result<KeyStore, SignError> {
    let pfx = match Pfx::from_der(bytes) {
        Ok(pfx) => pfx,
        Err(_) => {
            let der = crate::ber::to_der(bytes).map_err(|_| SignError::CorruptFile("not ASN.1"))?;
            Pfx::from_der(&der).map_err(|_| SignError::CorruptFile("not a PFX"))?
        }
    };
    if pfx.auth_safe.content_type != oids::DATA {
        return Err(SignError::CorruptFile(
            "public-key integrity mode is not supported",
        ));
    }
    let data = pfx
        .auth_safe
        .content
        .decode_as::<OctetString>()
        .map_err(|_| SignError::CorruptFile("authenticated safe"))?;
    let data = data.as_bytes();
    let mac_verified = match &pfx.mac_data {
        Some(mac) => match mac::check(mac, password, data) {
            MacCheck::Valid => true,
            MacCheck::Mismatch => return Err(SignError::WrongPassword),
            MacCheck::Unsupported => false,
        },
        None => false,
    };
    let on_pbe_error = |e: PbeError| match e {
        PbeError::BadPassword if mac_verified => SignError::CorruptFile("decryption failed"),
        PbeError::BadPassword => SignError::WrongPassword,
        PbeError::Unsupported => SignError::CorruptFile("unsupported encryption"),
        PbeError::Malformed => SignError::CorruptFile("encryption parameters"),
    };
    let safes = Vec::<ContentInfo>::from_der(data)
        .map_err(|_| SignError::CorruptFile("authenticated safe contents"))?;
    let mut store = KeyStore {
        private_key: None,
        key_algorithm: None,
        certificates: Vec::new(),
    };
    for safe in safes {
        let contents = if safe.content_type == oids::DATA {
            safe.content
                .decode_as::<OctetString>()
                .map_err(|_| SignError::CorruptFile("safe contents"))?
                .as_bytes()
                .to_vec()
        } else if safe.content_type == oids::ENCRYPTED_DATA {
            let encrypted = safe
                .content
                .decode_as::<EncryptedData>()
                .map_err(|_| SignError::CorruptFile("encrypted data"))?;
            let info = encrypted.enc_content_info;
            let ciphertext = info
                .encrypted_content
                .ok_or(SignError::CorruptFile("empty encrypted data"))?;
            pbe::decrypt(&info.content_enc_alg, password, ciphertext.as_bytes())
                .map_err(on_pbe_error)?
        } else {
            continue;
        };
        let bags = Vec::<SafeBag>::from_der(&contents).map_err(|_| {
            if mac_verified {
                SignError::CorruptFile("safe bags")
            } else {
                SignError::WrongPassword
            }
        })?;
        for bag in bags {
            read_bag(&bag, password, &mut store, &on_pbe_error)?;
        }
    }
    Ok(store)
}

fn read_bag(
    bag: &SafeBag,
    password: &str,
    store: &mut KeyStore,
    on_pbe_error: &dyn Fn(PbeError) -> SignError,
) -> Result<(), SignError> {
    // bag_value holds the `[0] EXPLICIT` wrapper; its content is the bag itself.
    let wrapper =
        AnyRef::from_der(&bag.bag_value).map_err(|_| SignError::CorruptFile("bag value"))?;
    let inner = wrapper.value();
    if bag.bag_id == pkcs12::PKCS_12_PKCS8_KEY_BAG_OID {
        let shrouded = EncryptedPrivateKeyInfo::from_der(inner)
            .map_err(|_| SignError::CorruptFile("shrouded key bag"))?;
        let key = pbe::decrypt(
            &shrouded.encryption_algorithm,
            password,
            shrouded.encrypted_data.as_bytes(),
        )
        .map_err(on_pbe_error)?;
        set_key(store, key)?;
    } else if bag.bag_id == pkcs12::PKCS_12_KEY_BAG_OID {
        set_key(store, inner.to_vec())?;
    } else if bag.bag_id == pkcs12::PKCS_12_CERT_BAG_OID {
        let cert_bag =
            CertBag::from_der(inner).map_err(|_| SignError::CorruptFile("certificate bag"))?;
        if cert_bag.cert_id == oids::X509_CERTIFICATE_BAG {
            let cert = Certificate::from_der(cert_bag.cert_value.as_bytes())
                .map_err(|_| SignError::CorruptFile("certificate"))?;
            store.certificates.push(cert);
        }
    }
    Ok(())
}

fn set_key(store: &mut KeyStore, key: Vec<u8>) -> Result<(), SignError> {
    let info = pkcs8::PrivateKeyInfo::from_der(&key).map_err(|_| SignError::WrongPassword)?;
    if store.private_key.is_none() {
        store.key_algorithm = Some(info.algorithm.oid);
        store.private_key = Some(key);
    }
    Ok(())
}
