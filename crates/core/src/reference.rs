//! Reference data: the offices that provide or accept services and the preschool organisations
//! and groups that referrals point at.
//!
//! The data ships as CSV under `assets/reference/` (UTF-8, header row, comma-separated):
//! `offices.csv` transcribes the address tables of the regulations (South Kazakhstan's education
//! departments, ЦОН branches, archives and employment departments; the Pavlodar and Astana
//! education providers) with phones in canonical `+7XXXXXXXXXX` form, e-mails split from house
//! numbers and every correction noted in the row's `note`; `organisations.csv` and `groups.csv`
//! hold a demonstration set of kindergartens and mini-centres, every row marked `demo`.
//! The same files can be replaced by newer ones ([`ReferenceData::load_dir`]) and imported into
//! the store with [`import`], an idempotent upsert by id.

mod error;
mod group;
mod import;
mod office;
mod organisation;
mod table;

use std::path::Path;

pub use error::{FieldProblem, ReferenceError};
pub use group::{GROUPS_FILE, Group, MAX_AGE_YEARS, parse_groups};
pub use import::{ImportCounts, TableCounts, import};
pub use office::{OFFICES_FILE, Office, OfficeKind, Phone, parse_offices};
pub use organisation::{
    Language, ORGANISATIONS_FILE, Organisation, OrganisationKind, parse_organisations,
};

/// The shipped `offices.csv`.
const BUILTIN_OFFICES: &str = include_str!("../../../assets/reference/offices.csv");
/// The shipped `organisations.csv`.
const BUILTIN_ORGANISATIONS: &str = include_str!("../../../assets/reference/organisations.csv");
/// The shipped `groups.csv`.
const BUILTIN_GROUPS: &str = include_str!("../../../assets/reference/groups.csv");

/// All reference data, checked: unique ids, and every organisation and group points at
/// something that exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceData {
    /// Offices in file order.
    pub offices: Vec<Office>,
    /// Preschool organisations in file order.
    pub organisations: Vec<Organisation>,
    /// Groups in file order.
    pub groups: Vec<Group>,
}

impl ReferenceData {
    /// The data compiled into the binary, for first start and for tests.
    pub fn builtin() -> Result<ReferenceData, ReferenceError> {
        Self::parse(BUILTIN_OFFICES, BUILTIN_ORGANISATIONS, BUILTIN_GROUPS)
    }

    /// Reads `offices.csv`, `organisations.csv` and `groups.csv` from `dir` (e.g. a newer set
    /// handed out by the administrator).
    pub fn load_dir(dir: &Path) -> Result<ReferenceData, ReferenceError> {
        let read = |file: &'static str| {
            std::fs::read_to_string(dir.join(file))
                .map_err(|source| ReferenceError::Read { file, source })
        };
        let offices = read(OFFICES_FILE)?;
        let organisations = read(ORGANISATIONS_FILE)?;
        let groups = read(GROUPS_FILE)?;
        Self::parse(&offices, &organisations, &groups)
    }

    /// Parses the three files' texts, each checked against the ones it refers to.
    pub fn parse(
        offices: &str,
        organisations: &str,
        groups: &str,
    ) -> Result<ReferenceData, ReferenceError> {
        let offices = parse_offices(offices)?;
        let organisations = parse_organisations(organisations, &offices)?;
        let groups = parse_groups(groups, &organisations)?;
        Ok(ReferenceData {
            offices,
            organisations,
            groups,
        })
    }

    /// The office with this id.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.offices.iter().find(|o| o.id == id)
    }

    /// The organisation with this id.
    pub fn organisation(&self, id: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.id == id)
    }

    /// Offices of one kind in one region, in file order.
    pub fn offices_of<'a>(
        &'a self,
        kind: OfficeKind,
        region: &'a str,
    ) -> impl Iterator<Item = &'a Office> + 'a {
        self.offices
            .iter()
            .filter(move |o| o.kind == kind && o.region == region)
    }

    /// The groups of one organisation, in file order.
    pub fn groups_of<'a>(
        &'a self,
        organisation_id: &'a str,
    ) -> impl Iterator<Item = &'a Group> + 'a {
        self.groups
            .iter()
            .filter(move |g| g.organisation_id == organisation_id)
    }
}
