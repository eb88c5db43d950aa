//! What an operator and a verifier need to know about a certificate, read once from its DER.

use der::asn1::{BmpString, Ia5StringRef, PrintableStringRef, TeletexStringRef, Utf8StringRef};
use der::oid::ObjectIdentifier;
use der::{Decode, Encode, Tag, Tagged};
use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, KeyUsage, KeyUsages};
use x509_cert::name::Name;

use crate::oids;

/// The family of a certificate's public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyAlgorithm {
    /// RSA: signed and verified here.
    Rsa,
    /// GOST 34.10 (Kazakh or TC26 OIDs): through NCALayer only for now.
    Gost,
    /// Anything else, by OID.
    Other(String),
}

/// The key-usage bits a signing decision needs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct KeyUsageBits {
    /// `digitalSignature`.
    pub digital_signature: bool,
    /// `nonRepudiation` (`contentCommitment`): set on НУЦ signing keys, absent on AUTH keys.
    pub non_repudiation: bool,
    /// `keyEncipherment`: typical of authentication keys.
    pub key_encipherment: bool,
    /// `keyCertSign`: a CA.
    pub key_cert_sign: bool,
    /// `cRLSign`: a CRL issuer.
    pub crl_sign: bool,
}

/// A certificate as the operator sees it, plus the raw DER for the verifier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertificateInfo {
    /// The subject's common name (for a person: surname and given name).
    pub subject_name: String,
    /// The whole subject as `key=value` pairs, for display.
    pub subject: String,
    /// The IIN from `SERIALNUMBER=IIN…`, when present and well-formed.
    pub iin: Option<tereze_core::iin::Iin>,
    /// The organisation's BIN from `OU=BIN…` (НУЦ legal-entity certificates).
    pub bin: Option<String>,
    /// The organisation name (`O=`).
    pub organisation: Option<String>,
    /// The issuer as `key=value` pairs.
    pub issuer: String,
    /// The issuer's common name.
    pub issuer_name: String,
    /// The serial number, lower-case hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// Key usage, when the extension is present.
    pub key_usage: Option<KeyUsageBits>,
    /// Whether the certificate is a CA (`basicConstraints cA=TRUE`).
    pub is_ca: bool,
    /// The public key family.
    pub key_algorithm: KeyAlgorithm,
    /// The certificate itself, DER.
    pub der: Vec<u8>,
}

/// Why a certificate could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a readable X.509 certificate")]
pub struct BadCertificate;

impl CertificateInfo {
    /// Reads a DER certificate.
    pub fn from_der(der: &[u8]) -> Result<Self, BadCertificate> {
        let cert = Certificate::from_der(der).map_err(|_| BadCertificate)?;
        Self::from_certificate(&cert)
    }

    /// Reads a parsed certificate.
    pub fn from_certificate(cert: &Certificate) -> Result<Self, BadCertificate> {
        let tbs = &cert.tbs_certificate;
        let der = cert.to_der().map_err(|_| BadCertificate)?;
        let serial_number = attribute(&tbs.subject, oids::SERIAL_NUMBER);
        let iin = serial_number
            .as_deref()
            .and_then(|s| s.strip_prefix("IIN"))
            .and_then(|digits| tereze_core::iin::Iin::parse(digits).ok());
        let bin = attributes(&tbs.subject, oids::ORGANIZATIONAL_UNIT)
            .into_iter()
            .find_map(|ou| ou.strip_prefix("BIN").map(str::to_owned));
        let subject_name = attribute(&tbs.subject, oids::COMMON_NAME).unwrap_or_default();
        let key_oid = tbs.subject_public_key_info.algorithm.oid;
        let key_algorithm = if key_oid == oids::RSA_ENCRYPTION {
            KeyAlgorithm::Rsa
        } else if oids::is_gost(&key_oid) || oids::is_gost(&cert.signature_algorithm.oid) {
            KeyAlgorithm::Gost
        } else {
            KeyAlgorithm::Other(key_oid.to_string())
        };
        Ok(Self {
            subject_name,
            subject: name_text(&tbs.subject),
            iin,
            bin,
            organisation: attribute(&tbs.subject, oids::ORGANIZATION),
            issuer: name_text(&tbs.issuer),
            issuer_name: attribute(&tbs.issuer, oids::COMMON_NAME).unwrap_or_default(),
            serial: hex::encode(tbs.serial_number.as_bytes()),
            not_before: to_offset(&tbs.validity.not_before),
            not_after: to_offset(&tbs.validity.not_after),
            key_usage: key_usage(cert),
            is_ca: is_ca(cert),
            key_algorithm,
            der,
        })
    }

    /// Whether this is an authentication key where a signing key is needed: НУЦ authentication
    /// certificates lack `nonRepudiation`, signing certificates carry it.
    pub fn is_authentication_only(&self) -> bool {
        self.key_usage
            .is_some_and(|ku| !ku.non_repudiation && (ku.key_encipherment || ku.digital_signature))
    }
}

/// Converts an X.509 time to `OffsetDateTime`.
pub fn to_offset(t: &x509_cert::time::Time) -> OffsetDateTime {
    let secs = i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX);
    OffsetDateTime::from_unix_timestamp(secs).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn key_usage(cert: &Certificate) -> Option<KeyUsageBits> {
    let ext = extension(cert, oids::EXT_KEY_USAGE)?;
    let ku = KeyUsage::from_der(ext).ok()?;
    Some(KeyUsageBits {
        digital_signature: ku.0.contains(KeyUsages::DigitalSignature),
        non_repudiation: ku.0.contains(KeyUsages::NonRepudiation),
        key_encipherment: ku.0.contains(KeyUsages::KeyEncipherment),
        key_cert_sign: ku.0.contains(KeyUsages::KeyCertSign),
        crl_sign: ku.0.contains(KeyUsages::CRLSign),
    })
}

/// Whether `basicConstraints` says cA=TRUE.
pub fn is_ca(cert: &Certificate) -> bool {
    extension(cert, oids::EXT_BASIC_CONSTRAINTS)
        .and_then(|v| BasicConstraints::from_der(v).ok())
        .is_some_and(|bc| bc.ca)
}

fn extension(cert: &Certificate, oid: ObjectIdentifier) -> Option<&[u8]> {
    cert.tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id == oid)
        .map(|e| e.extn_value.as_bytes())
}

/// The first value of attribute `oid` in `name`.
pub fn attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    attributes(name, oid).into_iter().next()
}

fn attributes(name: &Name, oid: ObjectIdentifier) -> Vec<String> {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .filter(|atv| atv.oid == oid)
        .filter_map(|atv| string_value(&atv.value))
        .collect()
}

fn string_value(value: &der::Any) -> Option<String> {
    let text = match value.tag() {
        Tag::Utf8String => value.decode_as::<Utf8StringRef<'_>>().ok()?.to_string(),
        Tag::PrintableString => value
            .decode_as::<PrintableStringRef<'_>>()
            .ok()?
            .to_string(),
        Tag::Ia5String => value.decode_as::<Ia5StringRef<'_>>().ok()?.to_string(),
        Tag::TeletexString => value.decode_as::<TeletexStringRef<'_>>().ok()?.to_string(),
        Tag::BmpString => value.decode_as::<BmpString>().ok()?.to_string(),
        _ => return None,
    };
    Some(text)
}

fn short_name(oid: ObjectIdentifier) -> String {
    match oid {
        o if o == oids::COMMON_NAME => "CN".into(),
        o if o == oids::SURNAME => "SURNAME".into(),
        o if o == oids::GIVEN_NAME => "G".into(),
        o if o == oids::SERIAL_NUMBER => "SERIALNUMBER".into(),
        o if o == oids::ORGANIZATION => "O".into(),
        o if o == oids::ORGANIZATIONAL_UNIT => "OU".into(),
        o if o == oids::COUNTRY => "C".into(),
        o => o.to_string(),
    }
}

/// A name as `CN=…, O=…` in the order it is written.
pub fn name_text(name: &Name) -> String {
    name.0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .map(|atv| {
            let value = string_value(&atv.value).unwrap_or_else(|| "#".into());
            format!("{}={value}", short_name(atv.oid))
        })
        .collect::<Vec<_>>()
        .join(", ")
}
