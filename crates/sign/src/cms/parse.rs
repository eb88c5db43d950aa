//! Reading a CMS SignedData: the one signer, its certificate and the certificates carried along.

use cms::cert::CertificateChoices;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::{Decode, Encode};
use x509_cert::Certificate;

use crate::oids;

/// A parsed signature.
pub struct ParsedSignature {
    /// The signer (the first, and for Tereze the only one).
    pub signer: SignerInfo,
    /// Every certificate the signature carries.
    pub certificates: Vec<Certificate>,
    /// Content carried inside the signature, when it is not detached.
    pub embedded_content: Option<Vec<u8>>,
}

/// Reads a DER (or BER) ContentInfo holding SignedData. `None` when it is not one.
pub fn parse(cms_der: &[u8]) -> Option<ParsedSignature> {
    let info = match ContentInfo::from_der(cms_der) {
        Ok(info) => info,
        Err(_) => ContentInfo::from_der(&crate::ber::to_der(cms_der).ok()?).ok()?,
    };
    if info.content_type != oids::SIGNED_DATA {
        return None;
    }
    let signed = info.content.decode_as::<SignedData>().ok()?;
    let signer = signed.signer_infos.0.iter().next()?.clone();
    let certificates = signed
        .certificates
        .map(|set| {
            set.0
                .into_vec()
                .into_iter()
                .filter_map(|c| match c {
                    CertificateChoices::Certificate(cert) => Some(cert),
                    CertificateChoices::Other(_) => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let embedded_content = signed
        .encap_content_info
        .econtent
        .and_then(|any| any.decode_as::<der::asn1::OctetString>().ok())
        .map(|o| o.as_bytes().to_vec());
    Some(ParsedSignature {
        signer,
        certificates,
        embedded_content,
    })
}

/// The certificate `signer` names, among `certificates`.
pub fn signer_certificate<'a>(
    signer: &SignerInfo,
    certificates: &'a [Certificate],
) -> Option<&'a Certificate> {
    match &signer.sid {
        SignerIdentifier::IssuerAndSerialNumber(ias) => certificates.iter().find(|c| {
            c.tbs_certificate.serial_number == ias.serial_number
                && c.tbs_certificate.issuer.to_der().ok() == ias.issuer.to_der().ok()
        }),
        SignerIdentifier::SubjectKeyIdentifier(ski) => certificates.iter().find(|c| {
            c.tbs_certificate
                .extensions
                .iter()
                .flatten()
                .find(|e| e.extn_id == der::oid::ObjectIdentifier::new_unwrap("2.5.29.14"))
                .and_then(|e| der::asn1::OctetString::from_der(e.extn_value.as_bytes()).ok())
                .is_some_and(|id| id.as_bytes() == ski.0.as_bytes())
        }),
    }
}
