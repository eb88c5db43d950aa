//! Search over names and addresses (FTS5 on folded keys) and exact search by IIN.
//!
//! The index holds `text::search_key` of every name field (ids ending in `last-name`,
//! `first-name`, `patronymic`) and address field (ids ending in `address`), written in the same
//! transaction as the form. A query is folded the same way, cut into words at anything that is
//! not a letter or digit, and each word becomes a quoted prefix term, so no input can reach the
//! FTS5 query syntax: `OR`, `NEAR(`, `*` and quotes are searched for as words or dropped.

use std::collections::BTreeMap;

use rusqlite::{Connection, params};

use super::StoreError;
use super::request::{self, RequestSummary, SUMMARY_COLUMNS};
use crate::form::FieldValues;
use crate::text::search_key;

const NAME_PARTS: [&str; 3] = ["last-name", "first-name", "patronymic"];

/// Which part of a person's name a field holds, and the person's prefix (`applicant-`, `child-`).
fn name_part(field_id: &str) -> Option<(&str, usize)> {
    NAME_PARTS
        .iter()
        .enumerate()
        .find_map(|(i, part)| field_id.strip_suffix(part).map(|prefix| (prefix, i)))
}

fn is_address(field_id: &str) -> bool {
    field_id.ends_with("address")
}

/// Rewrites the index row of a request inside the caller's transaction.
pub(crate) fn index(conn: &Connection, rid: i64, fields: &FieldValues) -> Result<(), StoreError> {
    let join = |keep: &dyn Fn(&str) -> bool| {
        fields
            .iter()
            .filter(|(id, _)| keep(id))
            .map(|(_, v)| search_key(v))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let names = join(&|id| name_part(id).is_some());
    let addresses = join(&is_address);
    conn.prepare_cached("DELETE FROM request_search WHERE rowid = ?1")?
        .execute([rid])?;
    conn.prepare_cached(
        "INSERT INTO request_search (rowid, names, addresses) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![rid, names, addresses])?;
    Ok(())
}

/// The people named on a form, "last first patronymic", ordered by prefix.
pub(crate) fn display_names(fields: &FieldValues) -> Vec<String> {
    let mut people: BTreeMap<&str, [Option<&str>; 3]> = BTreeMap::new();
    for (id, value) in fields {
        if let Some((prefix, part)) = name_part(id) {
            let slot = people.entry(prefix).or_default();
            if let Some(s) = slot.get_mut(part) {
                *s = Some(value.as_str());
            }
        }
    }
    people
        .into_values()
        .map(|parts| {
            parts
                .into_iter()
                .flatten()
                .filter(|p| !p.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|n| !n.is_empty())
        .collect()
}

/// The FTS5 query for what the operator typed, or `None` if it holds no word.
pub fn fts_query(input: &str) -> Option<String> {
    let folded = search_key(input);
    let terms: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect();
    if terms.is_empty() {
        None
    } else {
        Some(terms.join(" "))
    }
}

/// The IIN in a query, if the query is exactly twelve digits (spaces ignored).
fn as_iin(input: &str) -> Option<String> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    (compact.len() == 12 && compact.chars().all(|c| c.is_ascii_digit())).then_some(compact)
}

/// Requests matching the query: by IIN when it is twelve digits, otherwise by name/address words,
/// most recently stored first. FTS5 walks its index in rowid order, so the first `limit` hits
/// come back without ranking every match of a common name.
pub(crate) fn search(
    conn: &Connection,
    query: &str,
    limit: usize,
) -> Result<Vec<RequestSummary>, StoreError> {
    if let Some(iin) = as_iin(query) {
        return by_iin(conn, &iin, limit);
    }
    let Some(fts) = fts_query(query) else {
        return Ok(Vec::new());
    };
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM request_search s JOIN requests r ON r.rid = s.rowid
         WHERE request_search MATCH ?1
         ORDER BY s.rowid DESC
         LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![fts, limit], request::summary_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    request::finish_summaries(conn, rows)
}

/// Requests whose applicant or child has exactly this IIN, newest first.
pub(crate) fn by_iin(
    conn: &Connection,
    iin: &str,
    limit: usize,
) -> Result<Vec<RequestSummary>, StoreError> {
    let limit = i64::try_from(limit).unwrap_or(i64::MAX);
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {SUMMARY_COLUMNS}
         FROM requests r
         WHERE r.id IN (SELECT f.request_id FROM request_fields f
                        WHERE f.field_id IN ('applicant-iin', 'child-iin') AND f.value = ?1)
         ORDER BY r.created_at DESC, r.id DESC
         LIMIT ?2"
    ))?;
    let rows = stmt
        .query_map(params![iin, limit], request::summary_from_row)?
        .collect::<Result<Vec<_>, _>>()?;
    request::finish_summaries(conn, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_becomes_a_quoted_prefix_term() {
        assert_eq!(fts_query("Іңкәр"), Some("\"іңкәр\"*".to_owned()));
        assert_eq!(
            fts_query("  Сейт  Iңк "),
            Some("\"сейт\"* \"іңк\"*".to_owned())
        );
        assert_eq!(fts_query("\" * ( ) :"), None);
        // Operators are folded to lower case and quoted: they are words, not syntax.
        assert_eq!(
            fts_query("a OR b"),
            Some("\"а\"* \"оr\"* \"в\"*".to_owned())
        );
        assert_eq!(
            fts_query("NEAR(x"),
            Some(format!("\"{}\"* \"\u{445}\"*", search_key("near")))
        );
    }

    #[test]
    fn twelve_digits_are_an_iin_query() {
        assert_eq!(as_iin("880 101 300 123"), Some("880101300123".to_owned()));
        assert_eq!(as_iin("88010130012"), None);
        assert_eq!(as_iin("Сейтқали"), None);
    }

    #[test]
    fn names_are_composed_per_person() {
        let mut f = FieldValues::new();
        f.insert("child-first-name".into(), "Іңкәр".into());
        f.insert("child-last-name".into(), "Сейтқали".into());
        f.insert("applicant-last-name".into(), "Сейтқалиева".into());
        f.insert("applicant-first-name".into(), "Әлия".into());
        f.insert("applicant-patronymic".into(), "Маратқызы".into());
        f.insert("applicant-address".into(), "Шымкент".into());
        assert_eq!(
            display_names(&f),
            vec![
                "Сейтқалиева Әлия Маратқызы".to_owned(),
                "Сейтқали Іңкәр".to_owned()
            ]
        );
    }
}
