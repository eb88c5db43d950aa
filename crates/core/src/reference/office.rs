//! Offices that provide or accept the services: education departments, ЦОН branches, archives,
//! employment departments — one row each in `offices.csv`.

use serde::{Deserialize, Serialize};

use super::error::{FieldProblem, ReferenceError};
use super::table::{check_unique_ids, read_rows};

/// The file name used in errors about offices.
pub const OFFICES_FILE: &str = "offices.csv";

const COLUMNS: &[&str] = &[
    "id",
    "kind",
    "region",
    "district",
    "name_ru",
    "name_kk",
    "postal_index",
    "address",
    "phones",
    "email",
    "source",
    "note",
];

/// What an office does; decides which services it provides or accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OfficeKind {
    /// A city or district education department (or a city education administration): the
    /// provider of the preschool queue.
    EducationDepartment,
    /// A public service centre (ЦОН / ХҚКО) branch or department: accepts requests for providers.
    Con,
    /// A state archive: the provider of archival certificates.
    Archive,
    /// An employment and social-programme department: certificates for the unemployed.
    EmploymentDepartment,
}

impl OfficeKind {
    /// Every kind, in display order.
    pub const ALL: [OfficeKind; 4] = [
        OfficeKind::EducationDepartment,
        OfficeKind::Con,
        OfficeKind::Archive,
        OfficeKind::EmploymentDepartment,
    ];

    /// The stable name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            OfficeKind::EducationDepartment => "education-department",
            OfficeKind::Con => "con",
            OfficeKind::Archive => "archive",
            OfficeKind::EmploymentDepartment => "employment-department",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// A Kazakhstan phone number in canonical form `+7` and ten digits (area code + local number),
/// e.g. `+77254021701` for 8(725 40) 217-01 in Arys.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    /// Accepts only the canonical form; normalising the seeds' spellings is done once, in the CSV.
    pub fn parse(s: &str) -> Option<Phone> {
        let digits = s.strip_prefix("+7")?;
        (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| Phone(s.to_owned()))
    }

    /// The canonical text, `+7XXXXXXXXXX`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Phone {
    type Error = String;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        Phone::parse(&s).ok_or(s)
    }
}

impl From<Phone> for String {
    fn from(p: Phone) -> String {
        p.0
    }
}

impl std::fmt::Display for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One office as shipped in `offices.csv`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Office {
    /// Stable slug, e.g. `sko-edu-arys`; requests and settings refer to offices by it.
    pub id: String,
    /// What the office does.
    pub kind: OfficeKind,
    /// Region slug: `south-kazakhstan`, `pavlodar`, `astana`.
    pub region: String,
    /// District or city slug within the region, e.g. `arys`, `baidibek`, `shymkent`.
    pub district: String,
    /// Russian name as in the regulation.
    pub name_ru: String,
    /// Kazakh name; `None` where no correct one is known.
    pub name_kk: Option<String>,
    /// Six-digit postal index, where the regulation gives one.
    pub postal_index: Option<String>,
    /// Normalised address ("г. Арыс, ул. Ибрагимова, 35"; "б/н" for no house number).
    pub address: Option<String>,
    /// Contact phones, canonical.
    pub phones: Vec<Phone>,
    /// Contact e-mail.
    pub email: Option<String>,
    /// Where the row comes from, e.g. `002:L278-282`.
    pub source: String,
    /// What was corrected while transcribing the row.
    pub note: Option<String>,
}

/// Parses `offices.csv`: checks kinds, slugs, phones, e-mails, postal indexes and unique ids.
pub fn parse_offices(text: &str) -> Result<Vec<Office>, ReferenceError> {
    let rows = read_rows(OFFICES_FILE, text, COLUMNS)?;
    let mut offices = Vec::with_capacity(rows.len());
    for row in &rows {
        let kind_text = row.required("kind")?;
        let kind = OfficeKind::parse(&kind_text)
            .ok_or_else(|| row.error("kind", FieldProblem::Kind(kind_text.clone())))?;
        let mut phones = Vec::new();
        for part in row.cell("phones").split(';').map(str::trim) {
            if part.is_empty() {
                continue;
            }
            let phone = Phone::parse(part)
                .ok_or_else(|| row.error("phones", FieldProblem::Phone(part.to_owned())))?;
            phones.push(phone);
        }
        let postal_index = row.optional("postal_index");
        if let Some(index) = &postal_index
            && (index.len() != 6 || !index.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(row.error("postal_index", FieldProblem::PostalIndex(index.clone())));
        }
        let email = row.optional("email");
        if let Some(email) = &email
            && !is_email(email)
        {
            return Err(row.error("email", FieldProblem::Email(email.clone())));
        }
        offices.push(Office {
            id: row.slug("id")?,
            kind,
            region: row.slug("region")?,
            district: row.slug("district")?,
            name_ru: row.required("name_ru")?,
            name_kk: row.optional("name_kk"),
            postal_index,
            address: row.optional("address"),
            phones,
            email,
            source: row.required("source")?,
            note: row.optional("note"),
        });
    }
    check_unique_ids(
        OFFICES_FILE,
        rows.iter()
            .zip(&offices)
            .map(|(row, office)| (row.line, office.id.as_str())),
    )?;
    Ok(offices)
}

/// A plausible e-mail address: no whitespace, one `@` with text on both sides, a dotted domain.
fn is_email(s: &str) -> bool {
    if s.chars().any(char::is_whitespace) {
        return false;
    }
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|part| !part.is_empty())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_must_be_canonical() {
        assert_eq!(
            Phone::parse("+77254021701").map(|p| p.to_string()),
            Some("+77254021701".to_owned())
        );
        for bad in [
            "87254021701",
            "+7725402170",
            "+772540217011",
            "+7 7254021701",
            "+7725402170a",
            "8(725 40)217-01",
        ] {
            assert_eq!(Phone::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn emails_with_spaces_or_without_domain_are_refused() {
        assert!(is_email("oz_sp@mail.ru"));
        for bad in [
            "gauharbaidibek@ mail.ru",
            "saryagazhozn@mail. ru",
            "mail.ru",
            "a@b",
            "a@@b.ru",
            "@mail.ru",
            "a@mail.",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }

    #[test]
    fn office_kinds_round_trip() {
        for kind in OfficeKind::ALL {
            assert_eq!(OfficeKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(OfficeKind::parse("school"), None);
    }
}
