//! Groups inside preschool organisations: the places a referral actually offers.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::error::{FieldProblem, ReferenceError};
use super::organisation::{Language, Organisation};
use super::table::{check_unique_ids, read_rows};

/// The file name used in errors about groups.
pub const GROUPS_FILE: &str = "groups.csv";

/// Children are served up to this age in full years (the seeds say "under 7").
pub const MAX_AGE_YEARS: u8 = 7;

const COLUMNS: &[&str] = &[
    "id",
    "organisation_id",
    "name_kk",
    "name_ru",
    "age_min",
    "age_max",
    "language",
    "correctional",
    "capacity",
    "demo",
];

/// One group as shipped in `groups.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Stable slug, e.g. `demo-arys-baldauren-g2`.
    pub id: String,
    /// The organisation the group belongs to.
    pub organisation_id: String,
    /// Kazakh name, e.g. «Балапан» ортаңғы тобы.
    pub name_kk: String,
    /// Russian name, e.g. средняя группа «Балапан».
    pub name_ru: String,
    /// Lower bound of the age band in full years (inclusive).
    pub age_min: u8,
    /// Upper bound of the age band in full years (exclusive): 3–4 takes three-year-olds.
    pub age_max: u8,
    /// Language of the group; one of its organisation's languages.
    pub language: Language,
    /// A correctional group; a referral to it needs the PMPK commission's decision.
    pub correctional: bool,
    /// Number of places.
    pub capacity: u16,
    /// Shipped for demonstration and training only.
    pub demo: bool,
}

/// Parses `groups.csv`; every group must belong to one of `organisations`, use one of its
/// languages, have an age band within 0–7 years and at least one place.
pub fn parse_groups(
    text: &str,
    organisations: &[Organisation],
) -> Result<Vec<Group>, ReferenceError> {
    let by_id: HashMap<&str, &Organisation> =
        organisations.iter().map(|o| (o.id.as_str(), o)).collect();
    let rows = read_rows(GROUPS_FILE, text, COLUMNS)?;
    let mut groups = Vec::with_capacity(rows.len());
    for row in &rows {
        let id = row.slug("id")?;
        let organisation_id = row.required("organisation_id")?;
        let Some(organisation) = by_id.get(organisation_id.as_str()) else {
            return Err(ReferenceError::UnknownOrganisation {
                file: GROUPS_FILE,
                line: row.line,
                column: "organisation_id",
                id: organisation_id,
            });
        };
        let age_min: u8 = row.number("age_min")?;
        let age_max: u8 = row.number("age_max")?;
        if age_min >= age_max || age_max > MAX_AGE_YEARS {
            return Err(row.error(
                "age_max",
                FieldProblem::AgeRange {
                    min: age_min,
                    max: age_max,
                },
            ));
        }
        let code = row.required("language")?;
        let language = Language::parse(&code)
            .ok_or_else(|| row.error("language", FieldProblem::Language(code.clone())))?;
        if !organisation.languages.contains(&language) {
            return Err(row.error("language", FieldProblem::LanguageNotOffered(code)));
        }
        let capacity: u16 = row.number("capacity")?;
        if capacity == 0 {
            return Err(row.error("capacity", FieldProblem::Capacity));
        }
        groups.push(Group {
            id,
            organisation_id,
            name_kk: row.required("name_kk")?,
            name_ru: row.required("name_ru")?,
            age_min,
            age_max,
            language,
            correctional: row.flag("correctional")?,
            capacity,
            demo: row.flag("demo")?,
        });
    }
    check_unique_ids(
        GROUPS_FILE,
        rows.iter()
            .zip(&groups)
            .map(|(row, g)| (row.line, g.id.as_str())),
    )?;
    Ok(groups)
}
