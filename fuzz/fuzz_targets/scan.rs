//! The attachment sniffer and hostile-file checks: any bytes are accepted as a scan or refused
//! with a reason; an accepted image never claims more pixels than the limit.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tereze_core::scan::{ScanLimits, inspect};

fuzz_target!(|bytes: &[u8]| {
    let limits = ScanLimits::default();
    if let Ok(info) = inspect(bytes, &limits) {
        if let Some((width, height)) = info.dimensions {
            assert!(u64::from(width) * u64::from(height) <= limits.max_pixels);
        }
    }
});
