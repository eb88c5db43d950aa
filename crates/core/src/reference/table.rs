//! Reading one reference CSV into rows addressed by column name, with line numbers for errors.

use std::collections::HashMap;
use std::str::FromStr;

use super::error::{FieldProblem, ReferenceError};
use crate::text::csv_record_line;

#[derive(Debug)]
/// One data row: its line and the trimmed cells of the wanted columns, in the wanted order.
pub(crate) struct Row {
    file: &'static str,
    /// Line where the row starts (the header is line 1).
    pub(crate) line: u64,
    columns: &'static [&'static str],
    cells: Vec<String>,
}

/// Reads `text` as CSV with a header row and returns its data rows. Every column in `columns`
/// must be in the header (extra columns are ignored); every row must have as many fields as the
/// header. A leading byte-order mark is skipped and cells are trimmed.
pub(crate) fn read_rows(
    file: &'static str,
    text: &str,
    columns: &'static [&'static str],
) -> Result<Vec<Row>, ReferenceError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(|e| csv_error(file, text, e))?,
        None => csv::StringRecord::new(),
    };
    let mut positions = Vec::with_capacity(columns.len());
    for &column in columns {
        let position = header
            .iter()
            .position(|h| h.trim() == column)
            .ok_or(ReferenceError::MissingColumn { file, column })?;
        positions.push(position);
    }
    let mut rows = Vec::new();
    for record in records {
        let record = record.map_err(|e| csv_error(file, text, e))?;
        let line = record
            .position()
            .map_or(0, |p| csv_record_line(text, p.byte()));
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            return Err(ReferenceError::FieldCount {
                file,
                line,
                expected: header.len(),
                found: record.len(),
            });
        }
        let cells = positions
            .iter()
            .map(|&p| record.get(p).unwrap_or_default().trim().to_owned())
            .collect();
        rows.push(Row {
            file,
            line,
            columns,
            cells,
        });
    }
    Ok(rows)
}

fn csv_error(file: &'static str, text: &str, source: csv::Error) -> ReferenceError {
    let line = source
        .position()
        .map_or(0, |p| csv_record_line(text, p.byte()));
    ReferenceError::Csv { file, line, source }
}

/// Fails on the first id seen twice, naming both lines.
pub(crate) fn check_unique_ids<'a>(
    file: &'static str,
    ids: impl IntoIterator<Item = (u64, &'a str)>,
) -> Result<(), ReferenceError> {
    let mut seen: HashMap<&str, u64> = HashMap::new();
    for (line, id) in ids {
        if let Some(&first_line) = seen.get(id) {
            return Err(ReferenceError::DuplicateId {
                file,
                line,
                id: id.to_owned(),
                first_line,
            });
        }
        seen.insert(id, line);
    }
    Ok(())
}

/// Whether `s` is a lower-case Latin slug: `[a-z0-9]+` parts joined by single hyphens.
pub(crate) fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Row {
    /// The trimmed cell of `column` (empty if the column was not asked for).
    pub(crate) fn cell(&self, column: &'static str) -> &str {
        self.columns
            .iter()
            .position(|&c| c == column)
            .and_then(|i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    /// An error about `column` of this row.
    pub(crate) fn error(&self, column: &'static str, problem: FieldProblem) -> ReferenceError {
        ReferenceError::Field {
            file: self.file,
            line: self.line,
            column,
            problem,
        }
    }

    /// The cell, which must not be empty.
    pub(crate) fn required(&self, column: &'static str) -> Result<String, ReferenceError> {
        let value = self.cell(column);
        if value.is_empty() {
            return Err(self.error(column, FieldProblem::Empty));
        }
        Ok(value.to_owned())
    }

    /// The cell, or `None` when empty.
    pub(crate) fn optional(&self, column: &'static str) -> Option<String> {
        let value = self.cell(column);
        (!value.is_empty()).then(|| value.to_owned())
    }

    /// A required slug cell.
    pub(crate) fn slug(&self, column: &'static str) -> Result<String, ReferenceError> {
        let value = self.required(column)?;
        if !is_slug(&value) {
            return Err(self.error(column, FieldProblem::Slug(value)));
        }
        Ok(value)
    }

    /// A required `true`/`false` cell.
    pub(crate) fn flag(&self, column: &'static str) -> Result<bool, ReferenceError> {
        match self.required(column)?.as_str() {
            "true" => Ok(true),
            "false" => Ok(false),
            other => Err(self.error(column, FieldProblem::Flag(other.to_owned()))),
        }
    }

    /// A required whole-number cell.
    pub(crate) fn number<T: FromStr>(&self, column: &'static str) -> Result<T, ReferenceError> {
        let value = self.required(column)?;
        value
            .parse()
            .map_err(|_| self.error(column, FieldProblem::Number(value)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLUMNS: &[&str] = &["id", "name"];

    #[test]
    fn columns_are_found_by_name_and_lines_count_multi_line_cells() {
        let text = "\u{feff}name,extra,id\n\"two\nlines\",x,a\n\n only ,y, b \n";
        let rows = read_rows("t.csv", text, COLUMNS).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!((rows[0].line, rows[0].cell("id")), (2, "a"));
        assert_eq!(rows[0].cell("name"), "two\nlines");
        assert_eq!((rows[1].line, rows[1].cell("id")), (5, "b"));
        assert_eq!(rows[1].cell("name"), "only");
    }

    #[test]
    fn short_rows_and_missing_columns_are_refused() {
        let err = read_rows("t.csv", "id,name\na,b\nc\n", COLUMNS).unwrap_err();
        assert!(matches!(
            err,
            ReferenceError::FieldCount {
                line: 3,
                expected: 2,
                found: 1,
                ..
            }
        ));
        let err = read_rows("t.csv", "id\na\n", COLUMNS).unwrap_err();
        assert!(matches!(
            err,
            ReferenceError::MissingColumn { column: "name", .. }
        ));
    }

    #[test]
    fn slugs() {
        assert!(is_slug("sko-edu-arys"));
        assert!(is_slug("a1"));
        for bad in ["", "Arys", "a--b", "-a", "a-", "a b", "арыс"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }
}
