//! Preschool organisations (kindergartens and mini-centres) that referrals send children to.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::error::{FieldProblem, ReferenceError};
use super::office::Office;
use super::table::{check_unique_ids, read_rows};

/// The file name used in errors about organisations.
pub const ORGANISATIONS_FILE: &str = "organisations.csv";

const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "region",
    "district",
    "office_id",
    "name_kk",
    "name_ru",
    "address",
    "languages",
    "demo",
];

/// The kind of preschool organisation; a referral may name either (000:L226).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationKind {
    /// A kindergarten (балабақша / детский сад, ДДО).
    Kindergarten,
    /// A mini-centre (шағын орталық / мини-центр), usually at a school, with fewer places.
    MiniCentre,
}

impl OrganisationKind {
    /// Every kind, in display order.
    pub const ALL: [OrganisationKind; 2] =
        [OrganisationKind::Kindergarten, OrganisationKind::MiniCentre];

    /// The stable name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OrganisationKind::Kindergarten => "kindergarten",
            OrganisationKind::MiniCentre => "mini-centre",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A language of upbringing and teaching; parents choose a group by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Language {
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
}

impl Language {
    /// Every language, in display order.
    pub const ALL: [Language; 2] = [Language::Kk, Language::Ru];

    /// The stable code used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Language::Kk => "kk",
            Language::Ru => "ru",
        }
    }

    /// Parses the stable code.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// One preschool organisation as shipped in `organisations.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Organisation {
    /// Stable slug, e.g. `demo-arys-baldauren`.
    pub id: String,
    /// Kindergarten or mini-centre.
    pub kind: OrganisationKind,
    /// Region slug, as for offices.
    pub region: String,
    /// District or city slug, as for offices.
    pub district: String,
    /// The education department whose queue fills its places, if known.
    pub office_id: Option<String>,
    /// Kazakh name.
    pub name_kk: String,
    /// Russian name.
    pub name_ru: String,
    /// Normalised address.
    pub address: String,
    /// Languages its groups use, in the file's order; never empty.
    pub languages: Vec<Language>,
    /// Shipped for demonstration and training only; not a real organisation.
    pub demo: bool,
}

/// Parses `organisations.csv`; every `office_id` must name one of `offices`.
pub fn parse_organisations(
    text: &str,
    offices: &[Office],
) -> Result<Vec<Organisation>, ReferenceError> {
    let office_ids: HashSet<&str> = offices.iter().map(|o| o.id.as_str()).collect();
    let rows = read_rows(ORGANISATIONS_FILE, text, COLUMNS)?;
    let mut organisations = Vec::with_capacity(rows.len());
    for row in &rows {
        let id = row.slug("id")?;
        let kind_text = row.required("kind")?;
        let kind = OrganisationKind::parse(&kind_text)
            .ok_or_else(|| row.error("kind", FieldProblem::Kind(kind_text.clone())))?;
        let office_id = row.optional("office_id");
        if let Some(office) = &office_id
            && !office_ids.contains(office.as_str())
        {
            return Err(ReferenceError::UnknownOffice {
                file: ORGANISATIONS_FILE,
                line: row.line,
                column: "office_id",
                id: office.clone(),
            });
        }
        let mut languages = Vec::new();
        for code in row.required("languages")?.split(';').map(str::trim) {
            let language = Language::parse(code)
                .ok_or_else(|| row.error("languages", FieldProblem::Language(code.to_owned())))?;
            if !languages.contains(&language) {
                languages.push(language);
            }
        }
        organisations.push(Organisation {
            id,
            kind,
            region: row.slug("region")?,
            district: row.slug("district")?,
            office_id,
            name_kk: row.required("name_kk")?,
            name_ru: row.required("name_ru")?,
            address: row.required("address")?,
            languages,
            demo: row.flag("demo")?,
        });
    }
    check_unique_ids(
        ORGANISATIONS_FILE,
        rows.iter()
            .zip(&organisations)
            .map(|(row, o)| (row.line, o.id.as_str())),
    )?;
    Ok(organisations)
}
