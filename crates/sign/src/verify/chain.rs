//! Path from the signer's certificate to a trusted root, validity at the signing time, and
//! revocation by the cached CRLs.

use der::Encode;
use time::OffsetDateTime;
use x509_cert::Certificate;

use crate::certificate::{attribute, is_ca, to_offset};
use crate::oids;
use crate::trust::{CrlCache, TrustStore};
use crate::verify::Reason;
use crate::verify::crypto::{self, CryptoError};

const MAX_DEPTH: usize = 8;

fn issued_by(cert: &Certificate, issuer: &Certificate) -> Result<(), CryptoError> {
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|_| CryptoError::Mismatch)?;
    let signature = cert.signature.as_bytes().ok_or(CryptoError::Mismatch)?;
    crypto::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        cert.signature_algorithm.oid,
        None,
        &tbs,
        signature,
    )
}

/// Builds the chain leaf → root. Returns it (leaf first) when it ends at a trust anchor; pushes
/// the reason and returns `None` otherwise.
pub fn build(
    leaf: &Certificate,
    carried: &[Certificate],
    trust: &TrustStore,
    reasons: &mut Vec<Reason>,
) -> Option<Vec<Certificate>> {
    let mut chain = vec![leaf.clone()];
    for _ in 0..MAX_DEPTH {
        let current = chain.last()?;
        if trust.is_anchor(current) {
            return Some(chain);
        }
        if current.tbs_certificate.subject == current.tbs_certificate.issuer {
            reasons.push(Reason::ChainUntrusted);
            return None;
        }
        let candidates: Vec<&Certificate> = trust
            .certificates()
            .chain(carried)
            .filter(|c| c.tbs_certificate.subject == current.tbs_certificate.issuer)
            .filter(|c| c.to_der().ok() != current.to_der().ok())
            .collect();
        if candidates.is_empty() {
            reasons.push(Reason::ChainIncomplete);
            return None;
        }
        let Some(issuer) = candidates
            .into_iter()
            .find(|c| issued_by(current, c).is_ok())
            .cloned()
        else {
            reasons.push(Reason::ChainSignatureInvalid);
            return None;
        };
        if !is_ca(&issuer) {
            reasons.push(Reason::IssuerNotCa);
            return None;
        }
        chain.push(issuer);
    }
    reasons.push(Reason::ChainIncomplete);
    None
}

/// Validity of every certificate in `chain` at `at`.
pub fn check_validity(chain: &[Certificate], at: OffsetDateTime, reasons: &mut Vec<Reason>) {
    for (i, cert) in chain.iter().enumerate() {
        let validity = &cert.tbs_certificate.validity;
        let not_before = to_offset(&validity.not_before);
        let not_after = to_offset(&validity.not_after);
        if at >= not_before && at <= not_after {
            continue;
        }
        reasons.push(match (i, at < not_before) {
            (0, true) => Reason::NotYetValid { not_before },
            (0, false) => Reason::Expired { not_after },
            _ => Reason::IssuerOutsideValidity,
        });
    }
}

/// Revocation of every certificate but the root, against the freshest verified CRL of its issuer.
pub fn check_revocation(
    chain: &[Certificate],
    crls: &CrlCache,
    now: OffsetDateTime,
    reasons: &mut Vec<Reason>,
) {
    for pair in chain.windows(2) {
        let (cert, issuer) = (&pair[0], &pair[1]);
        let issuer_name = attribute(&issuer.tbs_certificate.subject, oids::COMMON_NAME)
            .unwrap_or_else(|| crate::certificate::name_text(&issuer.tbs_certificate.subject));
        let mut unverifiable = false;
        let freshest = crls
            .for_issuer(&issuer.tbs_certificate.subject)
            .filter(|crl| {
                let ok = crl
                    .tbs_cert_list
                    .to_der()
                    .ok()
                    .zip(crl.signature.as_bytes())
                    .is_some_and(|(tbs, sig)| {
                        crypto::verify(
                            &issuer.tbs_certificate.subject_public_key_info,
                            crl.signature_algorithm.oid,
                            None,
                            &tbs,
                            sig,
                        )
                        .is_ok()
                    });
                unverifiable |= !ok;
                ok
            })
            .max_by_key(|crl| to_offset(&crl.tbs_cert_list.this_update));
        let Some(crl) = freshest else {
            reasons.push(if unverifiable {
                Reason::CrlUnverifiable {
                    issuer: issuer_name,
                }
            } else {
                Reason::CrlMissing {
                    issuer: issuer_name,
                }
            });
            continue;
        };
        let revoked = crl
            .tbs_cert_list
            .revoked_certificates
            .iter()
            .flatten()
            .find(|r| r.serial_number == cert.tbs_certificate.serial_number);
        if let Some(entry) = revoked {
            reasons.push(Reason::Revoked {
                revoked_at: to_offset(&entry.revocation_date),
            });
        }
        match crl.tbs_cert_list.next_update.as_ref().map(to_offset) {
            Some(next_update) if next_update >= now => {}
            Some(next_update) => reasons.push(Reason::CrlStale {
                issuer: issuer_name,
                next_update,
            }),
            None => reasons.push(Reason::CrlStale {
                issuer: issuer_name,
                next_update: to_offset(&crl.tbs_cert_list.this_update),
            }),
        }
    }
}
