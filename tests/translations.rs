//! Every translation key exists in every language, every key the code uses is translated, and
//! the Fluent files parse. A missing Kazakh or Russian string fails CI here, not at the counter.

#![allow(clippy::panic)] // a test helper reports broken files by panicking

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_bundle::FluentResource;
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use tereze::i18n::{FILES, Lang};

/// key → the variables its message uses, for one language.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (code, file, text) in FILES.iter().filter(|(c, _, _)| *c == lang.code()) {
        let resource = match FluentResource::try_new((*text).to_owned()) {
            Ok(r) => r,
            Err((_, errors)) => panic!("i18n/{code}/{file} has syntax errors: {errors:?}"),
        };
        for entry in resource.entries() {
            if let Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    collect_vars(p, &mut vars);
                }
                let previous = out.insert(m.id.name.to_owned(), vars);
                assert!(
                    previous.is_none(),
                    "i18n/{code}: key {} is defined twice",
                    m.id.name
                );
            }
        }
    }
    out
}

fn collect_vars(pattern: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            collect_expr(expression, vars);
        }
    }
}

fn collect_expr(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => collect_inline(inline, vars),
        Expression::Select { selector, variants } => {
            collect_inline(selector, vars);
            for v in variants {
                collect_vars(&v.value, vars);
            }
        }
    }
}

fn collect_inline(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => collect_expr(expression, vars),
        _ => {}
    }
}

#[test]
fn every_language_has_exactly_the_english_keys() {
    let en = messages(Lang::En);
    assert!(!en.is_empty());
    for lang in [Lang::Kk, Lang::Ru] {
        let other = messages(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "i18n/{} lacks keys: {missing:?}",
            lang.code()
        );
        assert!(
            extra.is_empty(),
            "i18n/{} has keys English lacks: {extra:?}",
            lang.code()
        );
        for (key, vars) in &other {
            let unknown: Vec<_> = vars.difference(&en[key]).collect();
            assert!(
                unknown.is_empty(),
                "i18n/{}: {key} uses variables English does not pass: {unknown:?}",
                lang.code()
            );
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The string literals that follow each of `markers` in `source`.
fn literal_keys(source: &str, markers: &[&str]) -> Vec<String> {
    let mut keys = Vec::new();
    for marker in markers {
        let mut rest = source;
        while let Some(at) = rest.find(marker) {
            rest = &rest[at + marker.len()..];
            if let Some(end) = rest.find('"') {
                keys.push(rest[..end].to_owned());
            }
        }
    }
    keys
}

#[test]
fn every_key_the_code_uses_is_translated() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    if let Ok(crates) = fs::read_dir(root.join("crates")) {
        for c in crates.flatten() {
            rust_files(&c.path().join("src"), &mut files);
        }
    }
    assert!(
        files.len() > 5,
        "sources not found under {}",
        root.display()
    );
    let en = messages(Lang::En);
    let mut missing = BTreeSet::new();
    let mut used = 0;
    for file in &files {
        let source = fs::read_to_string(file).unwrap();
        // Only shipped code: test modules (at the end of a file) and comments may name
        // keys that do not exist on purpose.
        let shipped = source.split("#[cfg(test)]").next().unwrap_or_default();
        let source: String = shipped
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        for key in literal_keys(&source, &["Localized::new(\"", ".tr(\"", ".tr_args(\""]) {
            used += 1;
            if !en.contains_key(&key) {
                missing.insert(format!("{key} ({})", file.display()));
            }
        }
    }
    assert!(used > 10, "the key scan found almost nothing: {used}");
    assert!(
        missing.is_empty(),
        "keys without an English message: {missing:#?}"
    );
}

#[test]
fn kazakh_and_russian_are_not_copies_of_english() {
    let en = messages(Lang::En);
    let count_same = |lang: Lang| {
        let t_en = tereze::i18n::Translator::new(Lang::En);
        let t = tereze::i18n::Translator::new(lang);
        en.keys()
            .filter(|k| !k.starts_with("app-title"))
            .filter(|k| t.tr(k) == t_en.tr(k) && t.tr(k).chars().any(char::is_alphabetic))
            .cloned()
            .collect::<Vec<_>>()
    };
    for lang in [Lang::Kk, Lang::Ru] {
        let same = count_same(lang);
        assert!(
            same.is_empty(),
            "i18n/{} repeats the English text for {same:?}",
            lang.code()
        );
    }
}
