#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Keeps docs/traceability.md honest: every file it cites exists, every cited symbol is defined
//! in its file, every cited test is a test function in its file, every row has a seed citation
//! and a status, an "implemented" row cites both code and a test, and the totals add up. A
//! broken row fails this test with its line number and item.

use std::fs;
use std::path::Path;

/// The document checked, relative to the package root.
const DOC: &str = "docs/traceability.md";

/// The column headings of every traceability table, in order.
const COLUMNS: [&str; 5] = ["item", "seed", "code", "test", "status"];

/// The tables the document must hold: the steps common to every service, one per service and
/// the cross-cutting rules.
const MIN_TABLES: usize = 7;

/// Rust items a code citation may name.
const ITEM_KEYWORDS: [&str; 8] = [
    "fn", "struct", "enum", "trait", "type", "const", "static", "mod",
];

/// One table row as written.
struct Row {
    line: usize,
    section: String,
    cells: Vec<String>,
}

impl Row {
    fn label(&self) -> String {
        let item: String = self.cells[0].chars().take(70).collect();
        format!("line {} ({} › {item})", self.line, self.section)
    }
}

/// How far a row's item is implemented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Status {
    Implemented,
    Partly,
    NotImplemented,
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// The traceability rows and the number of traceability tables.
fn rows(doc: &str) -> (Vec<Row>, usize) {
    let mut out = Vec::new();
    let mut tables = 0;
    let mut section = String::new();
    let mut in_table = false;
    for (i, line) in doc.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(heading) = trimmed.strip_prefix('#') {
            section = heading.trim_start_matches('#').trim().to_owned();
        }
        if !trimmed.starts_with('|') {
            in_table = false;
            continue;
        }
        let row = cells(trimmed);
        let lower: Vec<String> = row.iter().map(|c| c.to_lowercase()).collect();
        if lower == COLUMNS {
            in_table = true;
            tables += 1;
            continue;
        }
        if !in_table || row.iter().all(|c| c.chars().all(|ch| "-: ".contains(ch))) {
            continue;
        }
        out.push(Row {
            line: i + 1,
            section: section.clone(),
            cells: row,
        });
    }
    (out, tables)
}

/// The texts between pairs of backticks.
fn spans(cell: &str) -> Vec<&str> {
    cell.split('`').skip(1).step_by(2).collect()
}

/// `path::symbol` → (path, symbol).
fn split_ref(span: &str) -> (&str, Option<&str>) {
    match span.find("::") {
        Some(i) => (&span[..i], Some(&span[i + 2..])),
        None => (span, None),
    }
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The 0-based lines where `keyword name` is written as a whole word pair.
fn definitions(text: &str, keyword: &str, name: &str) -> Vec<usize> {
    let needle = format!("{keyword} {name}");
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(at) = line[from..].find(&needle) {
            let start = from + at;
            let end = start + needle.len();
            let before_ok = line[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_ident(c));
            let after_ok = line[end..].chars().next().is_none_or(|c| !is_ident(c));
            if before_ok && after_ok {
                found.push(n);
                break;
            }
            from = end;
        }
    }
    found
}

/// Whether the function defined on line `at` carries a test attribute above it.
fn is_test_function(lines: &[&str], at: usize) -> bool {
    lines[..at]
        .iter()
        .rev()
        .map(|l| l.trim())
        .take_while(|l| l.starts_with("#[") || l.starts_with("//") || l.is_empty())
        .any(|l| l.starts_with("#[") && l.contains("test"))
}

/// Reads a cited file, or says why it cannot be cited.
fn cited_file(root: &Path, path: &str) -> Result<String, String> {
    if path.is_empty() || path.starts_with('/') || path.split('/').any(|p| p == "..") {
        return Err(format!("`{path}` is not a path inside the repository"));
    }
    let full = root.join(path);
    if !full.is_file() {
        return Err(format!("`{path}` does not exist"));
    }
    fs::read_to_string(&full).map_err(|e| format!("`{path}` cannot be read: {e}"))
}

fn check_code(root: &Path, span: &str) -> Result<(), String> {
    let (path, symbol) = split_ref(span);
    let text = cited_file(root, path)?;
    let Some(symbol) = symbol else {
        return Ok(());
    };
    if path.ends_with(".rs") {
        let name = symbol.rsplit("::").next().unwrap_or(symbol);
        if ITEM_KEYWORDS
            .iter()
            .any(|k| !definitions(&text, k, name).is_empty())
        {
            Ok(())
        } else {
            Err(format!("`{name}` is not defined in `{path}`"))
        }
    } else if text.contains(symbol) {
        Ok(())
    } else {
        Err(format!("`{symbol}` is not found in `{path}`"))
    }
}

fn check_test(root: &Path, span: &str) -> Result<(), String> {
    let (path, name) = split_ref(span);
    let Some(name) = name else {
        return Err(format!(
            "`{span}` names no test function (write `path::name`)"
        ));
    };
    if !path.ends_with(".rs") {
        return Err(format!("`{path}` is not a Rust file"));
    }
    let text = cited_file(root, path)?;
    let lines: Vec<&str> = text.lines().collect();
    let defined = definitions(&text, "fn", name);
    if defined.is_empty() {
        return Err(format!("`fn {name}` is not in `{path}`"));
    }
    if !defined.iter().any(|&at| is_test_function(&lines, at)) {
        return Err(format!("`fn {name}` in `{path}` is not a test"));
    }
    Ok(())
}

/// Whether a seed cell cites a seed line in the digest's form, `NNN:Lx` or `NNN:Lx-y`.
fn has_seed_citation(cell: &str) -> bool {
    let chars: Vec<char> = cell.chars().collect();
    (0..chars.len()).any(|i| {
        let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let before_ok = i == 0 || !chars[i - 1].is_ascii_digit();
        before_ok
            && digits == 3
            && chars.get(i + 3) == Some(&':')
            && chars.get(i + 4) == Some(&'L')
            && chars.get(i + 5).is_some_and(|c| c.is_ascii_digit())
    })
}

fn status_of(cell: &str) -> Result<Status, String> {
    let lower = cell.to_lowercase();
    let (status, rest) = if let Some(rest) = lower.strip_prefix("not implemented") {
        (Status::NotImplemented, rest)
    } else if let Some(rest) = lower.strip_prefix("partly") {
        (Status::Partly, rest)
    } else if let Some(rest) = lower.strip_prefix("implemented") {
        (Status::Implemented, rest)
    } else {
        return Err(format!(
            "status `{cell}` is none of implemented, partly, not implemented"
        ));
    };
    let reason = rest.trim().trim_start_matches('—').trim();
    if status != Status::Implemented && reason.is_empty() {
        return Err("says nothing about what is missing".to_owned());
    }
    Ok(status)
}

/// The numbers in the document's `Totals:` line.
fn totals(doc: &str) -> Option<Vec<usize>> {
    let line = doc
        .lines()
        .find(|l| l.trim_start().starts_with("Totals:"))?;
    Some(
        line.split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect(),
    )
}

/// Every problem of `doc`, whose citations are relative to `root`.
fn problems(doc: &str, root: &Path) -> Vec<String> {
    let (rows, tables) = rows(doc);
    let mut out = Vec::new();
    if tables < MIN_TABLES {
        out.push(format!(
            "{tables} traceability tables found, {MIN_TABLES} expected (columns: {})",
            COLUMNS.join(" | ")
        ));
    }
    let mut counts = [0usize; 3];
    for row in &rows {
        if row.cells.len() != COLUMNS.len() {
            out.push(format!(
                "{}: {} cells instead of {}",
                row.label(),
                row.cells.len(),
                COLUMNS.len()
            ));
            continue;
        }
        let [_, seed, code, test, status] = [0, 1, 2, 3, 4].map(|i| row.cells[i].as_str());
        if !has_seed_citation(seed) && !seed.contains("not in the seeds") {
            out.push(format!(
                "{}: the seed cell cites no seed line (NNN:Lx-y) and does not say \"not in the seeds\"",
                row.label()
            ));
        }
        let code_refs = spans(code);
        let test_refs = spans(test);
        for span in &code_refs {
            if let Err(e) = check_code(root, span) {
                out.push(format!("{}: code: {e}", row.label()));
            }
        }
        for span in &test_refs {
            if let Err(e) = check_test(root, span) {
                out.push(format!("{}: test: {e}", row.label()));
            }
        }
        match status_of(status) {
            Ok(s) => {
                counts[s as usize] += 1;
                if s == Status::Implemented && (code_refs.is_empty() || test_refs.is_empty()) {
                    out.push(format!(
                        "{}: marked implemented but cites no code or no test",
                        row.label()
                    ));
                }
                if s == Status::Partly && code_refs.is_empty() {
                    out.push(format!("{}: marked partly but cites no code", row.label()));
                }
            }
            Err(e) => out.push(format!("{}: {e}", row.label())),
        }
    }
    let expected = vec![rows.len(), counts[0], counts[1], counts[2]];
    match totals(doc) {
        Some(found) if found == expected => {}
        Some(found) => out.push(format!(
            "the Totals line says {found:?} (items, implemented, partly, not implemented) but the tables hold {expected:?}"
        )),
        None => out.push(format!(
            "no `Totals:` line; the tables hold {} items: {} implemented, {} partly, {} not implemented",
            expected[0], expected[1], expected[2], expected[3]
        )),
    }
    out
}

/// The services in `assets/regulations/` that have no traceability table of their own, under a
/// heading that starts with the service id.
fn untraced_services(doc: &str, root: &Path) -> Vec<String> {
    let (rows, _) = rows(doc);
    let mut ids: Vec<String> = fs::read_dir(root.join("assets/regulations"))
        .expect("the regulations folder is readable")
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".toml").map(str::to_owned)
        })
        .collect();
    ids.sort();
    ids.into_iter()
        .filter(|id| !rows.iter().any(|r| r.section.starts_with(id.as_str())))
        .collect()
}

#[test]
fn every_row_of_the_traceability_table_cites_real_files_and_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = fs::read_to_string(root.join(DOC)).expect("docs/traceability.md is readable");
    let untraced = untraced_services(&doc, root);
    assert!(
        untraced.is_empty(),
        "{DOC} has no table for the services {untraced:?}"
    );
    let problems = problems(&doc, root);
    assert!(
        problems.is_empty(),
        "{DOC} has {} broken rows:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_missing_file_an_unknown_test_and_a_bare_status_are_named_by_row() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = "| item | seed | code | test | status |\n|---|---|---|---|---|\n";
    let good = "| good | 002:L129 | `tests/traceability.rs::rows` | `tests/traceability.rs::a_missing_file_an_unknown_test_and_a_bare_status_are_named_by_row` | implemented |\n";
    let bad = [
        "| missing file | 002:L131 | `src/no_such_file.rs` | | partly — nothing |\n",
        "| unknown test | 002:L133 | `tests/translations.rs` | `tests/translations.rs::no_such_test` | implemented |\n",
        "| helper not test | 002:L135 | `tests/translations.rs` | `tests/translations.rs::messages` | implemented |\n",
        "| bare partly | 002:L137 | `tests/traceability.rs` | | partly |\n",
        "| no seed | somewhere | `tests/translations.rs::no_such_symbol` | | not implemented — nothing |\n",
        "| untested | 002:L139 | `tests/traceability.rs` | | implemented |\n",
    ];
    let mut doc = String::from("# Sample\n\n");
    for _ in 0..MIN_TABLES {
        doc.push_str(header);
        doc.push_str(good);
        doc.push('\n');
    }
    doc.push_str(header);
    for row in bad {
        doc.push_str(row);
    }
    doc.push_str(&format!("\nTotals: {} items.\n", MIN_TABLES + bad.len()));
    let found = problems(&doc, root);
    let text = found.join("\n");
    for expected in [
        "missing file): code: `src/no_such_file.rs` does not exist",
        "unknown test): test: `fn no_such_test` is not in `tests/translations.rs`",
        "helper not test): test: `fn messages` in `tests/translations.rs` is not a test",
        "bare partly): says nothing about what is missing",
        "no seed): the seed cell cites no seed line",
        "no seed): code: `no_such_symbol` is not defined in `tests/translations.rs`",
        "untested): marked implemented but cites no code or no test",
        "the Totals line says",
    ] {
        assert!(
            text.contains(expected),
            "expected a problem containing {expected:?}, got:\n{text}"
        );
    }
    assert!(
        !text.contains("› good"),
        "a correct row was reported:\n{text}"
    );
    assert_eq!(found.len(), 8, "{text}");
    let untraced = untraced_services(&doc, root);
    assert!(
        untraced.contains(&"preschool-queue".to_owned()) && untraced.len() >= 5,
        "a document without service tables traces no service: {untraced:?}"
    );
}
