//! Shared by the stable tests that replay the fuzz corpus (included with `#[path]` from each
//! crate's `tests/fuzz_inputs.rs`): reading a target's committed corpus, and damaging a real
//! input the way proptest asks.

#![allow(dead_code)] // each includer uses only part of it

use std::path::Path;

use proptest::sample::Index;

/// The files of one fuzz target's corpus; the corpus is committed, so an empty one is an error.
pub fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| std::fs::read(entry.unwrap().path()).unwrap())
        .collect();
    assert!(!files.is_empty(), "the {target} corpus is empty");
    files
}

/// The hand-made seeds of one target's corpus (named files; libFuzzer names its finds by their
/// SHA-1): the real inputs the proptest cases damage.
pub fn seeds(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fuzz/corpus")
        .join(target);
    let files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            !(name.len() == 40 && name.chars().all(|c| c.is_ascii_hexdigit()))
        })
        .map(|path| std::fs::read(path).unwrap())
        .collect();
    assert!(!files.is_empty(), "the {target} corpus has no seeds");
    files
}

/// One of `samples`, with some bytes overwritten and cut short after `keep`.
pub fn damaged(samples: &[Vec<u8>], file: Index, flips: &[(Index, u8)], keep: Index) -> Vec<u8> {
    let mut bytes = samples[file.index(samples.len())].clone();
    for (at, value) in flips {
        let i = at.index(bytes.len());
        bytes[i] = *value;
    }
    bytes.truncate(keep.index(bytes.len()) + 1);
    bytes
}
