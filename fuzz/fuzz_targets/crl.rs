//! The CRL parser: any bytes (DER or PEM) are taken or refused with a typed error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tereze_sign::CrlCache;

fuzz_target!(|bytes: &[u8]| {
    let _ = CrlCache::new().add_der(bytes);
});
