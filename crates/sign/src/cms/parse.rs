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
    /// The signed attributes exactly as the signer encoded them (with the SET tag), which is
    /// what the signature covers even when the signer did not sort them as DER requires.
    pub signed_attrs_raw: Option<Vec<u8>>,
}

/// Reads a DER (or BER) ContentInfo holding SignedData. `None` when it is not one.
pub fn parse(cms_der: &[u8]) -> Option<ParsedSignature> {
    let normalised;
    let (info, bytes) = match ContentInfo::from_der(cms_der) {
        Ok(info) => (info, cms_der),
        Err(_) => {
            normalised = crate::ber::to_der(cms_der).ok()?;
            (
                ContentInfo::from_der(&normalised).ok()?,
                normalised.as_slice(),
            )
        }
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
        signed_attrs_raw: raw_signed_attributes(bytes),
    })
}

/// One DER element: (tag, content, whole element length).
fn element(der: &[u8]) -> Option<(u8, &[u8], usize)> {
    let tag = *der.first()?;
    let first = *der.get(1)?;
    let (head, len) = if first < 0x80 {
        (2, usize::from(first))
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 || n > 4 {
            return None;
        }
        let mut len = 0usize;
        for i in 0..n {
            len = (len << 8) | usize::from(*der.get(2 + i)?);
        }
        (2 + n, len)
    };
    let content = der.get(head..head.checked_add(len)?)?;
    Some((tag, content, head + len))
}

/// A child element: its tag, its content and the whole element.
type Child<'a> = (u8, &'a [u8], &'a [u8]);

fn children(mut der: &[u8]) -> Option<Vec<Child<'_>>> {
    let mut out = Vec::new();
    while !der.is_empty() {
        let (tag, content, used) = element(der)?;
        out.push((tag, content, &der[..used]));
        der = &der[used..];
    }
    Some(out)
}

/// ContentInfo → [0] → SignedData → signerInfos (last) → first SignerInfo → `[0]` signedAttrs,
/// re-tagged as the SET the signature covers.
fn raw_signed_attributes(der: &[u8]) -> Option<Vec<u8>> {
    let (_, content_info, _) = element(der)?;
    let (_, explicit, _) = *children(content_info)?.get(1)?;
    let (_, signed_data, _) = element(explicit)?;
    let (_, signer_infos, _) = *children(signed_data)?.last()?;
    let (_, signer_info, _) = element(signer_infos)?;
    let (_, _, whole) = children(signer_info)?
        .into_iter()
        .find(|(tag, _, _)| *tag == 0xa0)?;
    let mut raw = whole.to_vec();
    raw[0] = 0x31;
    Some(raw)
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
