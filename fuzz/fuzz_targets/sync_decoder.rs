//! The sync decoder: any bytes from the network decode or are refused; what decodes encodes
//! back to a value that decodes to itself.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tereze_protocol::{ChangesPage, PushBatch, PushResponse};

fn round_trip<T>(bytes: &[u8])
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    if let Ok(value) = serde_json::from_slice::<T>(bytes) {
        let encoded = serde_json::to_vec(&value).expect("a decoded value encodes");
        let again: T = serde_json::from_slice(&encoded).expect("an encoded value decodes");
        assert_eq!(again, value);
    }
}

fuzz_target!(|bytes: &[u8]| {
    round_trip::<PushBatch>(bytes);
    round_trip::<PushResponse>(bytes);
    round_trip::<ChangesPage>(bytes);
});
