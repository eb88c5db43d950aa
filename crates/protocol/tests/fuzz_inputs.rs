//! The sync decoder never panics on what the network brings: any bytes decode or are refused,
//! and what decodes encodes back to itself. The `sync_decoder` fuzz corpus (`fuzz/corpus/`, see
//! `fuzz/README.md`) is replayed on stable; proptest adds fresh bytes and damaged real messages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../../fuzz/replay.rs"]
mod replay;

use proptest::prelude::*;
use tereze_protocol::{ChangesPage, PushBatch, PushResponse};

fn round_trip<T>(bytes: &[u8])
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let encoded = serde_json::to_vec(&value).unwrap();
        let again: T = serde_json::from_slice(&encoded).unwrap();
        assert_eq!(again, value);
    }
}

fn check(bytes: &[u8]) {
    round_trip::<PushBatch>(bytes);
    round_trip::<PushResponse>(bytes);
    round_trip::<ChangesPage>(bytes);
}

fn corpus() -> Vec<Vec<u8>> {
    replay::corpus("sync_decoder")
}

#[test]
fn the_fuzz_corpus_replays_without_a_panic() {
    for input in corpus() {
        check(&input);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_bytes_decode_or_are_refused(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check(&bytes);
    }

    #[test]
    fn a_damaged_message_decodes_or_is_refused(
        file in any::<prop::sample::Index>(),
        flips in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6),
        keep in any::<prop::sample::Index>(),
    ) {
        check(&replay::damaged(&replay::seeds("sync_decoder"), file, &flips, keep));
    }
}
