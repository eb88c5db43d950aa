//! Object identifiers the signer and the verifier speak.

use der::oid::ObjectIdentifier as Oid;

/// `id-data`: plain content, and the PKCS#12 authenticated-safe wrapper.
pub const DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.1");
/// `id-signedData`: the CMS signature envelope.
pub const SIGNED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.2");
/// `id-encryptedData`: password-encrypted PKCS#12 contents.
pub const ENCRYPTED_DATA: Oid = Oid::new_unwrap("1.2.840.113549.1.7.6");

/// `rsaEncryption`: an RSA public or private key.
pub const RSA_ENCRYPTION: Oid = Oid::new_unwrap("1.2.840.113549.1.1.1");
/// `sha256WithRSAEncryption`.
pub const SHA256_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.11");
/// `sha384WithRSAEncryption`.
pub const SHA384_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.12");
/// `sha512WithRSAEncryption`.
pub const SHA512_WITH_RSA: Oid = Oid::new_unwrap("1.2.840.113549.1.1.13");

/// SHA-1 (PKCS#12 MACs and PBE only, never for signatures).
pub const SHA1: Oid = Oid::new_unwrap("1.3.14.3.2.26");
/// SHA-256.
pub const SHA256: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.1");
/// SHA-384.
pub const SHA384: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.2");
/// SHA-512.
pub const SHA512: Oid = Oid::new_unwrap("2.16.840.1.101.3.4.2.3");

/// PBES2 (PKCS#5 v2): what current OpenSSL writes into PKCS#12 files.
pub const PBES2: Oid = Oid::new_unwrap("1.2.840.113549.1.5.13");

/// Signed attribute `contentType`.
pub const ATTR_CONTENT_TYPE: Oid = Oid::new_unwrap("1.2.840.113549.1.9.3");
/// Signed attribute `messageDigest`.
pub const ATTR_MESSAGE_DIGEST: Oid = Oid::new_unwrap("1.2.840.113549.1.9.4");
/// Signed attribute `signingTime`.
pub const ATTR_SIGNING_TIME: Oid = Oid::new_unwrap("1.2.840.113549.1.9.5");
/// Signed attribute `signingCertificateV2` (CAdES-BES, RFC 5035).
pub const ATTR_SIGNING_CERTIFICATE_V2: Oid = Oid::new_unwrap("1.2.840.113549.1.9.16.2.47");

/// PKCS#9 `x509Certificate` certificate type inside a PKCS#12 certificate bag.
pub const X509_CERTIFICATE_BAG: Oid = Oid::new_unwrap("1.2.840.113549.1.9.22.1");

/// X.520 `serialNumber`: НУЦ certificates carry `IIN…` there.
pub const SERIAL_NUMBER: Oid = Oid::new_unwrap("2.5.4.5");
/// X.520 `commonName`.
pub const COMMON_NAME: Oid = Oid::new_unwrap("2.5.4.3");
/// X.520 `surname`.
pub const SURNAME: Oid = Oid::new_unwrap("2.5.4.4");
/// X.520 `givenName`.
pub const GIVEN_NAME: Oid = Oid::new_unwrap("2.5.4.42");
/// X.520 `organizationName`.
pub const ORGANIZATION: Oid = Oid::new_unwrap("2.5.4.10");
/// X.520 `organizationalUnitName`: НУЦ certificates carry `BIN…` there.
pub const ORGANIZATIONAL_UNIT: Oid = Oid::new_unwrap("2.5.4.11");
/// X.520 `countryName`.
pub const COUNTRY: Oid = Oid::new_unwrap("2.5.4.6");

/// Extension `keyUsage`.
pub const EXT_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
/// Extension `basicConstraints`.
pub const EXT_BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");

/// Whether `oid` names a GOST algorithm: the Kazakh family (`1.2.398.3.10.1…`, GOST 34.310-2004
/// and 34.10-2015 keys and signatures) or the Russian TC26 and CryptoPro families.
pub fn is_gost(oid: &Oid) -> bool {
    let text = oid.to_string();
    ["1.2.398.3.10.1.", "1.2.643.7.1.", "1.2.643.2.2."]
        .iter()
        .any(|prefix| text.starts_with(prefix))
}
