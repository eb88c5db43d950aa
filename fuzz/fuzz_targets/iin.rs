//! The IIN parser: any text either parses or is refused; a parsed IIN prints back to the same
//! twelve digits and its birth date and sex are consistent with them.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tereze_core::iin::Iin;

fuzz_target!(|text: &str| {
    if let Ok(iin) = Iin::parse(text) {
        let printed = iin.as_string();
        assert_eq!(printed.len(), 12);
        assert_eq!(Iin::parse(&printed).ok().map(|again| again.as_string()), Some(printed));
        let _ = (iin.birth_date(), iin.sex());
    }
});
