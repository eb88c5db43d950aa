//! What can go wrong while reading or importing reference data, told as file, line and column.

use crate::i18n::{Localize, Localized};

/// A reference file that cannot be used. Every variant names the file and, where there is one,
/// the line (1-based, the header is line 1) and the column, so an administrator can fix the CSV.
#[derive(Debug, thiserror::Error)]
pub enum ReferenceError {
    /// The file could not be read (missing, unreadable or not UTF-8).
    #[error("{file}: cannot be read")]
    Read {
        /// File name, e.g. `offices.csv`.
        file: &'static str,
        /// The underlying I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The text is not well-formed CSV (for example an unclosed quote).
    #[error("{file}:{line}: not well-formed CSV")]
    Csv {
        /// File name.
        file: &'static str,
        /// Line where the bad record starts.
        line: u64,
        /// The CSV reader's error.
        #[source]
        source: csv::Error,
    },
    /// The header row lacks a column the format requires.
    #[error("{file}: the header has no column {column}")]
    MissingColumn {
        /// File name.
        file: &'static str,
        /// The missing column.
        column: &'static str,
    },
    /// A row has more or fewer fields than the header.
    #[error("{file}:{line}: {found} fields where the header has {expected}")]
    FieldCount {
        /// File name.
        file: &'static str,
        /// Line where the row starts.
        line: u64,
        /// Number of columns in the header.
        expected: usize,
        /// Number of fields in the row.
        found: usize,
    },
    /// One cell holds a value that is not allowed there.
    #[error("{file}:{line}: column {column}: {problem}")]
    Field {
        /// File name.
        file: &'static str,
        /// Line where the row starts.
        line: u64,
        /// Column name from the header.
        column: &'static str,
        /// What is wrong with the value.
        problem: FieldProblem,
    },
    /// Two rows share an id; ids must be unique within a file.
    #[error("{file}:{line}: id {id} is already used on line {first_line}")]
    DuplicateId {
        /// File name.
        file: &'static str,
        /// Line of the second occurrence.
        line: u64,
        /// The repeated id.
        id: String,
        /// Line of the first occurrence.
        first_line: u64,
    },
    /// An organisation names an office that is not in the offices file.
    #[error("{file}:{line}: column {column}: no office with id {id}")]
    UnknownOffice {
        /// File name.
        file: &'static str,
        /// Line of the row.
        line: u64,
        /// Column holding the reference.
        column: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// A group names an organisation that is not in the organisations file.
    #[error("{file}:{line}: column {column}: no organisation with id {id}")]
    UnknownOrganisation {
        /// File name.
        file: &'static str,
        /// Line of the row.
        line: u64,
        /// Column holding the reference.
        column: &'static str,
        /// The id that was not found.
        id: String,
    },
    /// Writing the reference tables failed.
    #[error("reference data could not be written to the database")]
    Database(#[from] rusqlite::Error),
}

/// Why one cell was refused. The offending value is carried because reference data (offices,
/// demo organisations) holds no personal data.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    /// A required cell is empty.
    #[error("the value is required")]
    Empty,
    /// Ids, regions and districts are lower-case Latin slugs such as `sko-edu-arys`.
    #[error("{0:?} is not a slug (lower-case Latin letters, digits and single hyphens)")]
    Slug(String),
    /// Not one of the kinds this column allows.
    #[error("{0:?} is not a known kind")]
    Kind(String),
    /// A phone that is not `+7` followed by ten digits.
    #[error("{0:?} is not a phone number of the form +7XXXXXXXXXX")]
    Phone(String),
    /// An e-mail address with spaces, without `@` or without a domain.
    #[error("{0:?} is not an e-mail address")]
    Email(String),
    /// A postal index that is not six digits.
    #[error("{0:?} is not a six-digit postal index")]
    PostalIndex(String),
    /// A language other than `kk` or `ru`.
    #[error("{0:?} is not a language (kk or ru)")]
    Language(String),
    /// A group's language that its organisation does not list.
    #[error("the organisation does not teach in {0:?}")]
    LanguageNotOffered(String),
    /// A yes/no cell that is neither `true` nor `false`.
    #[error("{0:?} is not true or false")]
    Flag(String),
    /// A cell that should hold a whole number.
    #[error("{0:?} is not a whole number")]
    Number(String),
    /// An age band outside 0–7 years or with the lower bound not below the upper one.
    #[error("age band {min}–{max} is not within 0–7 years with min below max")]
    AgeRange {
        /// Lower bound in years.
        min: u8,
        /// Upper bound in years.
        max: u8,
    },
    /// A capacity of zero places.
    #[error("capacity must be at least one place")]
    Capacity,
}

impl Localize for ReferenceError {
    fn localized(&self) -> Localized {
        match self {
            ReferenceError::Read { file, .. } => {
                Localized::new("reference-file-unreadable").arg("file", file)
            }
            ReferenceError::Csv { file, line, .. } => Localized::new("reference-csv-malformed")
                .arg("file", file)
                .arg("line", line),
            ReferenceError::MissingColumn { file, column } => {
                Localized::new("reference-missing-column")
                    .arg("file", file)
                    .arg("column", column)
            }
            ReferenceError::FieldCount {
                file,
                line,
                expected,
                found,
            } => Localized::new("reference-field-count")
                .arg("file", file)
                .arg("line", line)
                .arg("expected", expected)
                .arg("count", found),
            ReferenceError::Field {
                file,
                line,
                column,
                problem,
            } => problem_message(problem)
                .arg("file", file)
                .arg("line", line)
                .arg("column", column),
            ReferenceError::DuplicateId {
                file,
                line,
                id,
                first_line,
            } => Localized::new("reference-duplicate-id")
                .arg("file", file)
                .arg("line", line)
                .arg("id", id)
                .arg("first", first_line),
            ReferenceError::UnknownOffice {
                file,
                line,
                column,
                id,
            } => Localized::new("reference-unknown-office")
                .arg("file", file)
                .arg("line", line)
                .arg("column", column)
                .arg("id", id),
            ReferenceError::UnknownOrganisation {
                file,
                line,
                column,
                id,
            } => Localized::new("reference-unknown-organisation")
                .arg("file", file)
                .arg("line", line)
                .arg("column", column)
                .arg("id", id),
            ReferenceError::Database(_) => Localized::new("reference-database"),
        }
    }
}

/// The message for one refused cell; the caller adds file, line and column.
fn problem_message(problem: &FieldProblem) -> Localized {
    match problem {
        FieldProblem::Empty => Localized::new("reference-field-empty"),
        FieldProblem::Slug(v) => Localized::new("reference-field-slug").arg("value", v),
        FieldProblem::Kind(v) => Localized::new("reference-field-kind").arg("value", v),
        FieldProblem::Phone(v) => Localized::new("reference-field-phone").arg("value", v),
        FieldProblem::Email(v) => Localized::new("reference-field-email").arg("value", v),
        FieldProblem::PostalIndex(v) => {
            Localized::new("reference-field-postal-index").arg("value", v)
        }
        FieldProblem::Language(v) => Localized::new("reference-field-language").arg("value", v),
        FieldProblem::LanguageNotOffered(v) => {
            Localized::new("reference-field-language-not-offered").arg("value", v)
        }
        FieldProblem::Flag(v) => Localized::new("reference-field-flag").arg("value", v),
        FieldProblem::Number(v) => Localized::new("reference-field-number").arg("value", v),
        FieldProblem::AgeRange { min, max } => Localized::new("reference-field-age-range")
            .arg("min", min)
            .arg("max", max),
        FieldProblem::Capacity => Localized::new("reference-field-capacity"),
    }
}
