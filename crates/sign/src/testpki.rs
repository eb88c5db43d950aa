//! A throw-away PKI shaped like НУЦ's: a root, an intermediate, operator certificates with the
//! IIN in `SERIALNUMBER=IIN…` and the BIN in `OU=BIN…`, CRLs, and `.p12` key files written the
//! way НУЦ writes them (3DES key bag, RC2-40 certificate bag). For tests of this crate and of the
//! server, and for the demo PKI. Never for production keys.

pub mod ber;
pub mod fixture;
pub mod pfx;

use rcgen::{
    BasicConstraints, CertificateParams, CertificateRevocationListParams, DnType, DnValue, IsCa,
    Issuer, KeyIdMethod, KeyPair, KeyUsagePurpose, RevokedCertParams, SerialNumber,
};
use rsa::RsaPrivateKey;
use rsa::pkcs8::EncodePrivateKey;
use time::OffsetDateTime;

/// A failure while building test PKI material.
#[derive(Debug, thiserror::Error)]
#[error("test PKI: {0}")]
pub struct TestPkiError(pub String);

fn fail(e: impl std::fmt::Display) -> TestPkiError {
    TestPkiError(e.to_string())
}

/// A new RSA-2048 private key as PKCS#8 DER.
pub fn rsa_key() -> Result<Vec<u8>, TestPkiError> {
    let key = RsaPrivateKey::new(&mut rsa::rand_core::OsRng, 2048).map_err(fail)?;
    Ok(key.to_pkcs8_der().map_err(fail)?.as_bytes().to_vec())
}

/// A certificate authority: its certificate and the key that signs what it issues.
pub struct Ca {
    /// The CA certificate, DER.
    pub cert_der: Vec<u8>,
    params: CertificateParams,
    key: KeyPair,
}

/// Who an operator certificate is for.
#[derive(Debug, Clone)]
pub struct OperatorSpec {
    /// Surname and given name, as `CN` (e.g. «СЕЙТКАЛИ АЙГЕРИМ»).
    pub name: String,
    /// The IIN written as `SERIALNUMBER=IIN…`.
    pub iin: String,
    /// The organisation's BIN, written as `OU=BIN…`.
    pub bin: Option<String>,
    /// The organisation name (`O=`).
    pub organisation: Option<String>,
    /// Certificate serial number.
    pub serial: u64,
    /// Start of validity.
    pub not_before: OffsetDateTime,
    /// End of validity.
    pub not_after: OffsetDateTime,
    /// An authentication key (digitalSignature + keyEncipherment, no nonRepudiation) instead of
    /// a signing key.
    pub authentication: bool,
}

/// An operator's certificate and private key.
#[derive(Clone)]
pub struct Operator {
    /// The certificate, DER.
    pub cert_der: Vec<u8>,
    /// The private key, PKCS#8 DER.
    pub key_pkcs8: Vec<u8>,
}

impl Operator {
    /// A НУЦ-style `.p12` with the key, its certificate and `chain` (DER, issuer first).
    pub fn p12(&self, password: &str, chain: &[&[u8]]) -> Result<Vec<u8>, TestPkiError> {
        let mut certs: Vec<&[u8]> = vec![&self.cert_der];
        certs.extend_from_slice(chain);
        pfx::export(&self.key_pkcs8, &certs, password)
    }

    /// A detached CAdES-BES signature by this operator's key without any of the checks
    /// [`crate::Pkcs12Signer`] makes first (so an authentication key signs too): for tests of
    /// what a verifier or NCALayer client does with such signatures.
    pub fn sign_unchecked(
        &self,
        content: &[u8],
        at: OffsetDateTime,
        chain: &[&[u8]],
    ) -> Result<Vec<u8>, TestPkiError> {
        use der::Decode;
        use rsa::pkcs8::DecodePrivateKey;
        use rsa::signature::{SignatureEncoding, Signer};
        let key = RsaPrivateKey::from_pkcs8_der(&self.key_pkcs8).map_err(fail)?;
        let key = rsa::pkcs1v15::SigningKey::<sha2::Sha256>::new(key);
        let cert = x509_cert::Certificate::from_der(&self.cert_der).map_err(fail)?;
        let chain = chain
            .iter()
            .map(|c| x509_cert::Certificate::from_der(c))
            .collect::<Result<Vec<_>, _>>()
            .map_err(fail)?;
        crate::cms::build::detached(content, at, &cert, &chain, |bytes| {
            Ok(key.sign(bytes).to_vec())
        })
        .map_err(fail)
    }
}

fn key_pair(pkcs8: &[u8]) -> Result<KeyPair, TestPkiError> {
    KeyPair::try_from(pkcs8).map_err(fail)
}

impl Ca {
    /// A self-signed root CA valid over `[not_before, not_after]`.
    pub fn root(
        name: &str,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<Self, TestPkiError> {
        let key = key_pair(&rsa_key()?)?;
        let params = ca_params(name, 1, not_before, not_after);
        let cert = params.self_signed(&key).map_err(fail)?;
        Ok(Self {
            cert_der: cert.der().to_vec(),
            params,
            key,
        })
    }

    /// An intermediate CA issued by `self`.
    pub fn intermediate(
        &self,
        name: &str,
        serial: u64,
        not_before: OffsetDateTime,
        not_after: OffsetDateTime,
    ) -> Result<Self, TestPkiError> {
        let key = key_pair(&rsa_key()?)?;
        let params = ca_params(name, serial, not_before, not_after);
        let cert = params.signed_by(&key, &self.issuer()).map_err(fail)?;
        Ok(Self {
            cert_der: cert.der().to_vec(),
            params,
            key,
        })
    }

    fn issuer(&self) -> Issuer<'_, &KeyPair> {
        Issuer::from_params(&self.params, &self.key)
    }

    /// An operator certificate issued by `self` for a new key.
    pub fn issue_operator(&self, spec: &OperatorSpec) -> Result<Operator, TestPkiError> {
        let key_pkcs8 = rsa_key()?;
        let key = key_pair(&key_pkcs8)?;
        let mut params = CertificateParams::default();
        params.not_before = spec.not_before;
        params.not_after = spec.not_after;
        params.serial_number = Some(SerialNumber::from(spec.serial));
        params.distinguished_name = rcgen::DistinguishedName::new();
        let dn = &mut params.distinguished_name;
        dn.push(DnType::CommonName, spec.name.clone());
        dn.push(
            DnType::CustomDnType(vec![2, 5, 4, 5]),
            DnValue::PrintableString(format!("IIN{}", spec.iin).try_into().map_err(fail)?),
        );
        dn.push(
            DnType::CountryName,
            DnValue::PrintableString("KZ".try_into().map_err(fail)?),
        );
        if let Some(org) = &spec.organisation {
            dn.push(DnType::OrganizationName, org.clone());
        }
        if let Some(bin) = &spec.bin {
            dn.push(
                DnType::OrganizationalUnitName,
                DnValue::PrintableString(format!("BIN{bin}").try_into().map_err(fail)?),
            );
        }
        params.key_usages = if spec.authentication {
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::KeyEncipherment,
            ]
        } else {
            vec![
                KeyUsagePurpose::DigitalSignature,
                KeyUsagePurpose::ContentCommitment,
            ]
        };
        params.use_authority_key_identifier_extension = true;
        let cert = params.signed_by(&key, &self.issuer()).map_err(fail)?;
        Ok(Operator {
            cert_der: cert.der().to_vec(),
            key_pkcs8,
        })
    }

    /// A CRL signed by `self` listing `revoked` (serial, revocation time).
    pub fn crl(
        &self,
        revoked: &[(u64, OffsetDateTime)],
        this_update: OffsetDateTime,
        next_update: OffsetDateTime,
    ) -> Result<Vec<u8>, TestPkiError> {
        let params = CertificateRevocationListParams {
            this_update,
            next_update,
            crl_number: SerialNumber::from(1u64),
            issuing_distribution_point: None,
            revoked_certs: revoked
                .iter()
                .map(|(serial, at)| RevokedCertParams {
                    serial_number: SerialNumber::from(*serial),
                    revocation_time: *at,
                    reason_code: None,
                    invalidity_date: None,
                })
                .collect(),
            key_identifier_method: KeyIdMethod::Sha256,
        };
        let crl = params.signed_by(&self.issuer()).map_err(fail)?;
        Ok(crl.der().to_vec())
    }
}

fn ca_params(
    name: &str,
    serial: u64,
    not_before: OffsetDateTime,
    not_after: OffsetDateTime,
) -> CertificateParams {
    let mut params = CertificateParams::default();
    params.not_before = not_before;
    params.not_after = not_after;
    params.serial_number = Some(SerialNumber::from(serial));
    params.distinguished_name = rcgen::DistinguishedName::new();
    params.distinguished_name.push(DnType::CommonName, name);
    params.distinguished_name.push(DnType::CountryName, "KZ");
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.use_authority_key_identifier_extension = true;
    params
}
