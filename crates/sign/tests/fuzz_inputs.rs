//! The CRL parser never panics: any bytes (DER or PEM) are taken or refused with a typed error.
//! The `crl` fuzz corpus (`fuzz/corpus/`, see `fuzz/README.md`) is replayed on stable; proptest
//! adds fresh bytes and damaged copies of a real CRL.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../fuzz/replay.rs"]
mod replay;

use std::path::Path;

use proptest::prelude::*;
use tereze_sign::CrlCache;

fn check(bytes: &[u8]) {
    let _ = CrlCache::new().add_der(bytes);
}

fn corpus() -> Vec<Vec<u8>> {
    replay::corpus("crl")
}

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    for input in corpus() {
        check(&input);
    }
}

#[test]
fn the_demo_crl_is_taken() {
    let der = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/pki/demo-root.crl"),
    )
    .unwrap();
    assert!(CrlCache::new().add_der(&der).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_are_taken_or_refused(bytes in prop::collection::vec(any::<u8>(), 0..1024)) {
        check(&bytes);
    }

    #[test]
    fn a_damaged_crl_is_refused_not_a_panic(
        file in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        check(&replay::damaged(&replay::seeds("crl"), file, &flips, keep));
    }
}
