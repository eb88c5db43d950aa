//! One ready-made PKI with every case the verifier must tell apart: a valid operator, an expired
//! one, one not yet valid, a revoked one (with a CRL), an authentication key, one issued by an
//! intermediate the verifier cannot find, and CRLs fresh and stale.

use time::{Duration, OffsetDateTime};

use super::{Ca, Operator, OperatorSpec, TestPkiError};

/// The password of every key file the fixture writes.
pub const PASSWORD: &str = "Test-pki-2026";
/// The IIN of the fixture's operators.
pub const OPERATOR_IIN: &str = "900412442007";
/// Another valid IIN, for the wrong-IIN case.
pub const OTHER_IIN: &str = "790925317006";
/// The fixture's organisation BIN.
pub const BIN: &str = "120340005678";

/// Serial numbers of the operator certificates.
pub mod serial {
    /// The valid operator.
    pub const VALID: u64 = 1001;
    /// The expired operator.
    pub const EXPIRED: u64 = 1002;
    /// The operator not yet valid.
    pub const NOT_YET_VALID: u64 = 1003;
    /// The revoked operator.
    pub const REVOKED: u64 = 1004;
    /// The authentication key.
    pub const AUTHENTICATION: u64 = 1005;
    /// The operator under the unknown intermediate.
    pub const ORPHAN: u64 = 1006;
}

/// The whole test PKI, built around a fixed `now`.
pub struct Fixture {
    /// The moment the fixture is built around: everything valid is valid then.
    pub now: OffsetDateTime,
    /// The root CA (the only trust anchor).
    pub root: Ca,
    /// The intermediate CA that issues operators.
    pub intermediate: Ca,
    /// An intermediate under the same root that neither the trust store nor the key files carry.
    pub hidden_intermediate: Ca,
    /// A valid signing key.
    pub valid: Operator,
    /// Expired a year before `now`.
    pub expired: Operator,
    /// Valid from a day after `now`.
    pub not_yet_valid: Operator,
    /// Revoked 30 days before `now` on [`Fixture::crl`].
    pub revoked: Operator,
    /// An authentication key (no nonRepudiation).
    pub authentication: Operator,
    /// Issued by the hidden intermediate.
    pub orphan: Operator,
    /// The intermediate's current CRL (lists the revoked operator).
    pub crl: Vec<u8>,
    /// The intermediate's CRL whose nextUpdate passed 13 days before `now`.
    pub stale_crl: Vec<u8>,
    /// The root's current CRL (revokes nothing).
    pub root_crl: Vec<u8>,
}

fn spec(serial: u64, from: OffsetDateTime, to: OffsetDateTime) -> OperatorSpec {
    OperatorSpec {
        name: "СЕЙТКАЛИ АЙГЕРИМ".into(),
        iin: OPERATOR_IIN.into(),
        bin: Some(BIN.into()),
        organisation: Some("ГУ «Отдел образования»".into()),
        serial,
        not_before: from,
        not_after: to,
        authentication: false,
    }
}

impl Fixture {
    /// Builds every certificate, key and CRL (a few seconds: ten RSA keys).
    pub fn build(now: OffsetDateTime) -> Result<Self, TestPkiError> {
        let year = Duration::days(365);
        let root = Ca::root("Tereze Test Root CA", now - 5 * year, now + 10 * year)?;
        let intermediate =
            root.intermediate("Tereze Test Operator CA", 2, now - 4 * year, now + 5 * year)?;
        let hidden_intermediate =
            root.intermediate("Tereze Hidden CA", 3, now - 4 * year, now + 5 * year)?;
        let valid = intermediate.issue_operator(&spec(serial::VALID, now - year, now + year))?;
        let expired =
            intermediate.issue_operator(&spec(serial::EXPIRED, now - 3 * year, now - year))?;
        let not_yet_valid = intermediate.issue_operator(&spec(
            serial::NOT_YET_VALID,
            now + Duration::days(1),
            now + 2 * year,
        ))?;
        let revoked =
            intermediate.issue_operator(&spec(serial::REVOKED, now - year, now + year))?;
        let authentication = intermediate.issue_operator(&OperatorSpec {
            authentication: true,
            ..spec(serial::AUTHENTICATION, now - year, now + year)
        })?;
        let orphan =
            hidden_intermediate.issue_operator(&spec(serial::ORPHAN, now - year, now + year))?;
        let revoked_list = [(serial::REVOKED, now - Duration::days(30))];
        let crl = intermediate.crl(
            &revoked_list,
            now - Duration::days(1),
            now + Duration::days(6),
        )?;
        let stale_crl = intermediate.crl(
            &revoked_list,
            now - Duration::days(20),
            now - Duration::days(13),
        )?;
        let root_crl = root.crl(&[], now - Duration::days(1), now + Duration::days(30))?;
        Ok(Self {
            now,
            root,
            intermediate,
            hidden_intermediate,
            valid,
            expired,
            not_yet_valid,
            revoked,
            authentication,
            orphan,
            crl,
            stale_crl,
            root_crl,
        })
    }

    /// `operator`'s key file with the intermediate, as НУЦ issues them.
    pub fn p12(&self, operator: &Operator) -> Result<Vec<u8>, TestPkiError> {
        operator.p12(PASSWORD, &[&self.intermediate.cert_der])
    }

    /// A trust store holding only the root.
    pub fn trust(&self) -> crate::TrustStore {
        let mut trust = crate::TrustStore::new();
        // The root was built by this fixture; a failure here would be a bug in it.
        let _ = trust.add_der(&self.root.cert_der);
        trust
    }

    /// A CRL cache with the current CRLs of the root and the intermediate.
    pub fn crls(&self) -> crate::CrlCache {
        let mut crls = crate::CrlCache::new();
        let _ = crls.add_der(&self.crl);
        let _ = crls.add_der(&self.root_crl);
        crls
    }
}
