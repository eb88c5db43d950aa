//! The signed attributes of a CAdES-BES signature: contentType, messageDigest, signingTime and
//! signingCertificateV2.

use der::asn1::{OctetString, SetOfVec};
use der::{Any, Decode, Encode, Sequence};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::Certificate;
use x509_cert::attr::Attribute;
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::Time;

use crate::oids;

/// `SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … OPTIONAL }`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct SigningCertificateV2 {
    /// The signer's certificate first.
    pub certs: Vec<EssCertIdV2>,
    /// Policies (never written, ignored when read).
    #[asn1(optional = "true")]
    pub policies: Option<Any>,
}

/// `ESSCertIDv2`: the hash of a certificate and, optionally, its issuer and serial.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct EssCertIdV2 {
    /// Hash algorithm; absent means SHA-256.
    #[asn1(optional = "true")]
    pub hash_algorithm: Option<AlgorithmIdentifierOwned>,
    /// The certificate's hash.
    pub cert_hash: OctetString,
    /// The certificate's issuer and serial.
    #[asn1(optional = "true")]
    pub issuer_serial: Option<IssuerSerial>,
}

/// `IssuerSerial ::= SEQUENCE { issuer GeneralNames, serialNumber CertificateSerialNumber }`.
#[derive(Debug, Clone, PartialEq, Eq, Sequence)]
pub struct IssuerSerial {
    /// The issuer as a directory name.
    pub issuer: Vec<GeneralName>,
    /// The certificate's serial number.
    pub serial_number: SerialNumber,
}

fn attribute(oid: der::oid::ObjectIdentifier, value: Any) -> der::Result<Attribute> {
    let mut values = SetOfVec::new();
    values.insert(value)?;
    Ok(Attribute { oid, values })
}

/// An X.509 time for `at`: UTCTime up to 2049, GeneralizedTime after, as RFC 5652 requires.
pub fn time_of(at: OffsetDateTime) -> der::Result<Time> {
    let secs = u64::try_from(at.unix_timestamp()).map_err(|_| der::ErrorKind::DateTime)?;
    let dt = der::DateTime::from_unix_duration(std::time::Duration::from_secs(secs))?;
    if dt.year() < 2050 {
        Ok(Time::UtcTime(der::asn1::UtcTime::from_date_time(dt)?))
    } else {
        Ok(Time::GeneralTime(
            der::asn1::GeneralizedTime::from_date_time(dt),
        ))
    }
}

/// The four CAdES-BES signed attributes for `content_digest` signed at `at` by `cert`.
pub fn cades_bes(
    content_digest: &[u8],
    at: OffsetDateTime,
    cert: &Certificate,
) -> der::Result<SetOfVec<Attribute>> {
    let cert_hash = Sha256::digest(cert.to_der()?);
    let signing_certificate = SigningCertificateV2 {
        certs: vec![EssCertIdV2 {
            hash_algorithm: None,
            cert_hash: OctetString::new(cert_hash.as_slice())?,
            issuer_serial: Some(IssuerSerial {
                issuer: vec![GeneralName::DirectoryName(
                    cert.tbs_certificate.issuer.clone(),
                )],
                serial_number: cert.tbs_certificate.serial_number.clone(),
            }),
        }],
        policies: None,
    };
    let mut attrs = SetOfVec::new();
    attrs.insert(attribute(
        oids::ATTR_CONTENT_TYPE,
        Any::encode_from(&oids::DATA)?,
    )?)?;
    attrs.insert(attribute(
        oids::ATTR_MESSAGE_DIGEST,
        Any::encode_from(&OctetString::new(content_digest)?)?,
    )?)?;
    attrs.insert(attribute(
        oids::ATTR_SIGNING_TIME,
        Any::encode_from(&time_of(at)?)?,
    )?)?;
    attrs.insert(attribute(
        oids::ATTR_SIGNING_CERTIFICATE_V2,
        Any::encode_from(&signing_certificate)?,
    )?)?;
    Ok(attrs)
}

/// The single value of attribute `oid`, if present exactly once.
pub fn single_value(attrs: &SetOfVec<Attribute>, oid: der::oid::ObjectIdentifier) -> Option<&Any> {
    let attr = attrs.iter().find(|a| a.oid == oid)?;
    if attr.values.len() != 1 {
        return None;
    }
    attr.values.iter().next()
}

/// Reads a `signingTime` value.
pub fn read_time(value: &Any) -> Option<OffsetDateTime> {
    let time = Time::from_der(&value.to_der().ok()?).ok()?;
    Some(crate::certificate::to_offset(&time))
}
