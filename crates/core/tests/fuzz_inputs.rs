//! The parsers that read outside input never panic: the IIN parser, the regulation loader and
//! the scan checks. The corpus the fuzz targets built (`fuzz/corpus/`, see `fuzz/README.md`) is
//! replayed here on stable, and proptest adds fresh inputs and mutations of real files on every
//! run, with the same invariants as the fuzz targets.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../fuzz/replay.rs"]
mod replay;

use proptest::prelude::*;
use replay::corpus;
use tereze_core::iin::Iin;
use tereze_core::regulation::Registry;
use tereze_core::scan::{self, ScanLimits};

fn check_iin(text: &str) {
    if let Ok(iin) = Iin::parse(text) {
        let printed = iin.as_string();
        assert_eq!(printed.len(), 12);
        assert_eq!(
            Iin::parse(&printed).ok().map(|again| again.as_string()),
            Some(printed)
        );
        let _ = (iin.birth_date(), iin.sex());
    }
}

fn check_regulation(text: &str) {
    let _ = Registry::from_sources(&[("fuzz.toml", text)]);
}

fn check_scan(bytes: &[u8]) {
    let limits = ScanLimits::default();
    if let Ok(info) = scan::inspect(bytes, &limits)
        && let Some((width, height)) = info.dimensions
    {
        assert!(u64::from(width) * u64::from(height) <= limits.max_pixels);
    }
}

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    for input in corpus("iin") {
        if let Ok(text) = std::str::from_utf8(&input) {
            check_iin(text);
        }
    }
    for input in corpus("regulation") {
        if let Ok(text) = std::str::from_utf8(&input) {
            check_regulation(text);
        }
    }
    for input in corpus("scan") {
        check_scan(&input);
    }
}

/// Real files to mutate: the regulations and sample scans.
fn regulation_texts() -> Vec<String> {
    replay::seeds("regulation")
        .into_iter()
        .filter_map(|b| String::from_utf8(b).ok())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_text_is_an_iin_or_refused(text in ".{0,24}") {
        check_iin(&text);
    }

    #[test]
    fn digit_strings_are_an_iin_or_refused(text in "[0-9 \u{a0}-]{10,16}") {
        check_iin(&text);
    }

    #[test]
    fn any_text_is_a_regulation_or_refused(text in ".{0,200}") {
        check_regulation(&text);
    }

    #[test]
    fn a_damaged_regulation_is_refused_not_a_panic(
        file in 0usize..5,
        at in any::<prop::sample::Index>(),
        cut in 0usize..40,
        insert in ".{0,12}",
    ) {
        let texts = regulation_texts();
        let text = &texts[file % texts.len()];
        let mut start = at.index(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (start + cut).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let damaged = format!("{}{insert}{}", &text[..start], &text[end..]);
        check_regulation(&damaged);
    }

    #[test]
    fn any_bytes_are_a_scan_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check_scan(&bytes);
    }

    #[test]
    fn a_damaged_scan_is_refused_or_still_within_limits(
        file in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..8),
        keep in any::<prop::sample::Index>(),
    ) {
        check_scan(&replay::damaged(&replay::seeds("scan"), file, &flips, keep));
    }
}
