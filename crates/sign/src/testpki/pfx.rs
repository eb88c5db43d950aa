//! Writing `.p12` key files the way НУЦ does: the key in a pbeWithSHAAnd3-KeyTripleDES-CBC
//! shrouded bag, the certificates in a pbeWithSHAAnd40BitRC2-CBC encrypted bag, a MAC over the
//! whole. Also a variant with a GOST key, to prove such files are refused clearly.

use cms::content_info::{CmsVersion, ContentInfo};
use cms::encrypted_data::EncryptedData;
use cms::enveloped_data::EncryptedContentInfo;
use der::asn1::OctetString;
use der::oid::ObjectIdentifier;
use der::{Any, Decode, Encode};
use pkcs12::cert_type::CertBag;
use pkcs12::digest_info::DigestInfo;
use pkcs12::mac_data::MacData;
use pkcs12::pbe_params::EncryptedPrivateKeyInfo;
use pkcs12::pfx::{Pfx, Version};
use pkcs12::safe_bag::SafeBag;
use rsa::rand_core::{OsRng, RngCore};
use spki::AlgorithmIdentifierOwned;

use super::{TestPkiError, fail};
use crate::oids;
use crate::pkcs12::{mac, pbe};

const ITERATIONS: i32 = 2048;

fn salt() -> [u8; 8] {
    let mut s = [0u8; 8];
    OsRng.fill_bytes(&mut s);
    s
}

// `SafeBag`'s encoder adds the `[0] EXPLICIT` wrapper itself (its decoder keeps it), so bag
// values are written bare.

fn data_info(bytes: Vec<u8>) -> Result<ContentInfo, TestPkiError> {
    Ok(ContentInfo {
        content_type: oids::DATA,
        content: Any::encode_from(&OctetString::new(bytes).map_err(fail)?).map_err(fail)?,
    })
}

/// A PKCS#12 file holding `key_pkcs8` (PKCS#8 DER) and `certificates` (DER, the key's own
/// certificate first), protected by `password`.
pub fn export(
    key_pkcs8: &[u8],
    certificates: &[&[u8]],
    password: &str,
) -> Result<Vec<u8>, TestPkiError> {
    // The key, shrouded with 3DES.
    let (key_alg, key_ct) = pbe::encrypt_legacy(false, password, &salt(), ITERATIONS, key_pkcs8)
        .map_err(|e| fail(format!("{e:?}")))?;
    let shrouded = EncryptedPrivateKeyInfo {
        encryption_algorithm: key_alg,
        encrypted_data: OctetString::new(key_ct).map_err(fail)?,
    };
    let key_bag = SafeBag {
        bag_id: pkcs12::PKCS_12_PKCS8_KEY_BAG_OID,
        bag_value: shrouded.to_der().map_err(fail)?,
        bag_attributes: None,
    };
    let key_contents = vec![key_bag].to_der().map_err(fail)?;

    // The certificates, encrypted with RC2-40.
    let mut cert_bags = Vec::new();
    for cert in certificates {
        let bag = CertBag {
            cert_id: oids::X509_CERTIFICATE_BAG,
            cert_value: OctetString::new(*cert).map_err(fail)?,
        };
        cert_bags.push(SafeBag {
            bag_id: pkcs12::PKCS_12_CERT_BAG_OID,
            bag_value: bag.to_der().map_err(fail)?,
            bag_attributes: None,
        });
    }
    let cert_contents = cert_bags.to_der().map_err(fail)?;
    let (cert_alg, cert_ct) =
        pbe::encrypt_legacy(true, password, &salt(), ITERATIONS, &cert_contents)
            .map_err(|e| fail(format!("{e:?}")))?;
    let encrypted = EncryptedData {
        version: CmsVersion::V0,
        enc_content_info: EncryptedContentInfo {
            content_type: oids::DATA,
            content_enc_alg: cert_alg,
            encrypted_content: Some(OctetString::new(cert_ct).map_err(fail)?),
        },
        unprotected_attrs: None,
    };
    let safes = vec![
        ContentInfo {
            content_type: oids::ENCRYPTED_DATA,
            content: Any::encode_from(&encrypted).map_err(fail)?,
        },
        data_info(key_contents)?,
    ];
    let auth_safe_bytes = safes.to_der().map_err(fail)?;
    let mac_salt = salt();
    let mac_value = mac::compute_sha256(password, &mac_salt, ITERATIONS, &auth_safe_bytes)
        .ok_or_else(|| fail("MAC"))?;
    let pfx = Pfx {
        version: Version::V3,
        auth_safe: data_info(auth_safe_bytes)?,
        mac_data: Some(MacData {
            mac: DigestInfo {
                algorithm: AlgorithmIdentifierOwned {
                    oid: oids::SHA256,
                    parameters: None,
                },
                digest: OctetString::new(mac_value).map_err(fail)?,
            },
            mac_salt: OctetString::new(mac_salt.to_vec()).map_err(fail)?,
            iterations: ITERATIONS,
        }),
    };
    pfx.to_der().map_err(fail)
}

/// A certificate identical to `cert_der` except that its public key is declared as a GOST
/// 34.10-2015 key (`1.2.398.3.10.1.1.2.2.1`), as in a НУЦ GOST certificate.
pub fn gost_certificate(cert_der: &[u8]) -> Result<Vec<u8>, TestPkiError> {
    let mut cert = x509_cert::Certificate::from_der(cert_der).map_err(fail)?;
    let spki = &mut cert.tbs_certificate.subject_public_key_info;
    spki.algorithm = AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.2.1"),
        parameters: None,
    };
    let mut point = vec![0x04, 0x40];
    point.extend([0x5a; 64]);
    spki.subject_public_key = der::asn1::BitString::from_bytes(&point).map_err(fail)?;
    cert.signature_algorithm = AlgorithmIdentifierOwned {
        oid: ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.3.2"),
        parameters: None,
    };
    cert.to_der().map_err(fail)
}

/// A PKCS#8 private key declared as GOST 34.10-2015 (random key bytes).
pub fn gost_private_key() -> Result<Vec<u8>, TestPkiError> {
    let mut secret = [0u8; 64];
    OsRng.fill_bytes(&mut secret);
    let inner = OctetString::new(secret.to_vec())
        .map_err(fail)?
        .to_der()
        .map_err(fail)?;
    let info = pkcs8::PrivateKeyInfo::new(
        pkcs8::AlgorithmIdentifierRef {
            oid: ObjectIdentifier::new_unwrap("1.2.398.3.10.1.1.2.2.1"),
            parameters: None,
        },
        &inner,
    );
    info.to_der().map_err(fail)
}
