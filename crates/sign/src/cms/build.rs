//! Building a detached CMS SignedData over the canonical bytes.

use cms::cert::{CertificateChoices, IssuerAndSerialNumber};
use cms::content_info::{CmsVersion, ContentInfo};
use cms::signed_data::{
    CertificateSet, EncapsulatedContentInfo, SignedData, SignerIdentifier, SignerInfo, SignerInfos,
};
use der::asn1::{OctetString, SetOfVec};
use der::{Any, Encode};
use sha2::{Digest, Sha256};
use spki::AlgorithmIdentifierOwned;
use time::OffsetDateTime;
use x509_cert::Certificate;

use crate::cms::attributes;
use crate::error::SignError;
use crate::oids;

fn encoding(e: der::Error) -> SignError {
    SignError::Failed(format!("encoding: {e}"))
}

/// Builds a detached SignedData over `content`, signed by `cert`'s key through `sign` (which
/// receives the DER of the signed attributes and returns a SHA-256 RSA PKCS#1 v1.5 signature).
/// `extra_certs` (the intermediates) travel inside the signature to help the verifier.
pub fn detached(
    content: &[u8],
    at: OffsetDateTime,
    cert: &Certificate,
    extra_certs: &[Certificate],
    sign: impl FnOnce(&[u8]) -> Result<Vec<u8>, SignError>,
) -> Result<Vec<u8>, SignError> {
    let digest = Sha256::digest(content);
    let signed_attrs = attributes::cades_bes(&digest, at, cert).map_err(encoding)?;
    let to_sign = signed_attrs.to_der().map_err(encoding)?;
    let signature = sign(&to_sign)?;
    let sha256 = AlgorithmIdentifierOwned {
        oid: oids::SHA256,
        parameters: None,
    };
    let signer_info = SignerInfo {
        version: CmsVersion::V1,
        sid: SignerIdentifier::IssuerAndSerialNumber(IssuerAndSerialNumber {
            issuer: cert.tbs_certificate.issuer.clone(),
            serial_number: cert.tbs_certificate.serial_number.clone(),
        }),
        digest_alg: sha256.clone(),
        signed_attrs: Some(signed_attrs),
        signature_algorithm: AlgorithmIdentifierOwned {
            oid: oids::SHA256_WITH_RSA,
            parameters: Some(Any::null()),
        },
        signature: OctetString::new(signature).map_err(encoding)?,
        unsigned_attrs: None,
    };
    let mut certificates = SetOfVec::new();
    for c in std::iter::once(cert).chain(extra_certs) {
        certificates
            .insert(CertificateChoices::Certificate(c.clone()))
            .map_err(encoding)?;
    }
    let mut digest_algorithms = SetOfVec::new();
    digest_algorithms.insert(sha256).map_err(encoding)?;
    let mut signer_infos = SetOfVec::new();
    signer_infos.insert(signer_info).map_err(encoding)?;
    let signed_data = SignedData {
        version: CmsVersion::V1,
        digest_algorithms,
        encap_content_info: EncapsulatedContentInfo {
            econtent_type: oids::DATA,
            econtent: None,
        },
        certificates: Some(CertificateSet(certificates)),
        crls: None,
        signer_infos: SignerInfos(signer_infos),
    };
    ContentInfo {
        content_type: oids::SIGNED_DATA,
        content: Any::encode_from(&signed_data).map_err(encoding)?,
    }
    .to_der()
    .map_err(encoding)
}
