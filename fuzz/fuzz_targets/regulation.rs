//! The regulation loader: any text is loaded or refused with a typed error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tereze_core::regulation::Registry;

fuzz_target!(|text: &str| {
    let _ = Registry::from_sources(&[("fuzz.toml", text)]);
});
