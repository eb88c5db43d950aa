//! What signatures are verified against on this workstation.
//!
//! Outside demo mode: the certificates in `<data folder>/pki/trust/` and the revocation lists in
//! `<data folder>/pki/crl/` (the administrator installs the national CA there), plus the lists
//! sync brings from the server into `<data folder>/crls/`. In demo mode the demo root and its list, built into the binary, are added: they are
//! never trusted otherwise.

use std::path::Path;

use tereze_core::i18n::{Localize, Localized};
use tereze_sign::{CrlCache, TrustStore};

/// The demo root certificate (DER), trusted only in demo mode.
const DEMO_ROOT: &[u8] = include_bytes!("../../assets/demo/pki/trust/demo-root.cer");
/// The demo root's revocation list (DER).
const DEMO_CRL: &[u8] = include_bytes!("../../assets/demo/pki/demo-root.crl");

/// The folder of trusted certificates inside the data folder.
pub const TRUST_DIR: &str = "pki/trust";
/// The folder of revocation lists inside the data folder.
pub const CRL_DIR: &str = "pki/crl";

/// Trusted certificates and revocation lists, loaded together.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    /// Roots and intermediates.
    pub store: TrustStore,
    /// Revocation lists.
    pub crls: CrlCache,
}

/// Loads the trust material of `data_dir`, plus the demo root in demo mode. Missing folders are
/// empty (nothing verifies then, and the verdict says why); an unreadable file is an error.
pub fn load(data_dir: &Path, demo: bool) -> Result<Trust, Localized> {
    let mut trust = Trust::default();
    let certs = data_dir.join(TRUST_DIR);
    if certs.is_dir() {
        trust.store.add_dir(&certs).map_err(|e| e.localized())?;
    }
    let crls = data_dir.join(CRL_DIR);
    if crls.is_dir() {
        let entries =
            std::fs::read_dir(&crls).map_err(|_| Localized::new("counter-crl-unreadable"))?;
        let mut paths: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for path in paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("crl")))
        {
            let bytes =
                std::fs::read(path).map_err(|_| Localized::new("counter-crl-unreadable"))?;
            trust.crls.add_der(&bytes).map_err(|e| e.localized())?;
        }
    }
    let synced = data_dir.join(crate::sync::CRL_DIR);
    let lists =
        tereze_sync::crls::load(&synced).map_err(|_| Localized::new("counter-crl-unreadable"))?;
    for (_, bytes) in lists {
        trust.crls.add_der(&bytes).map_err(|e| e.localized())?;
    }
    if demo {
        trust.store.add_der(DEMO_ROOT).map_err(|e| e.localized())?;
        trust.crls.add_der(DEMO_CRL).map_err(|e| e.localized())?;
    }
    Ok(trust)
}
