//! Text normalisation shared by validation, storage and search.
//!
//! Names and addresses are stored in NFC with surrounding white space trimmed and inner runs
//! collapsed. Search uses a folded key on top of that: case-folded, `ё` as `е`, and Latin
//! look-alikes mapped to their Cyrillic twins (Latin `I` to Kazakh `і`, `a` to `а`, …) so that an
//! operator on the wrong keyboard layout still finds the child.

use time::Date;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::canonical_combining_class;

/// NFC, trimmed, inner white space collapsed to one space.
pub fn normalize(input: &str) -> String {
    let nfc: String = input.nfc().collect();
    nfc.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The folded key used by search: two strings that a person at the counter would call "the same
/// name" get the same key.
///
/// Folding works on the decomposed (NFD) letters and the key is recomposed (NFC) at the end, so
/// a Latin look-alike followed by a combining mark gets the same key as the precomposed Cyrillic
/// letter (`y` + breve and `ў`), and the key of a key is the key itself.
pub fn search_key(input: &str) -> String {
    let lower: String = normalize(input)
        .chars()
        .flat_map(char::to_lowercase)
        .collect();
    let mut folded = String::with_capacity(lower.len());
    let mut starter = None;
    for c in lower.nfd() {
        if canonical_combining_class(c) == 0 {
            let f = fold_lookalike(c);
            starter = Some(f);
            folded.push(f);
        } else if !(c == COMBINING_DIAERESIS && starter == Some('е')) {
            // `ё` decomposes to `е` + diaeresis; dropping the mark folds it (and a Latin `ë`) to `е`.
            folded.push(c);
        }
    }
    folded.nfc().collect()
}

/// U+0308, the mark that makes `ё` out of `е`.
const COMBINING_DIAERESIS: char = '\u{0308}';

/// Maps a lower-case Latin look-alike (and `ё`) to the Cyrillic letter it imitates.
fn fold_lookalike(c: char) -> char {
    match c {
        'a' => 'а',
        'b' => 'в',
        'c' => 'с',
        'e' | 'ё' => 'е',
        'h' => 'н',
        'i' | 'ı' => 'і',
        'k' => 'к',
        'm' => 'м',
        'o' => 'о',
        'p' => 'р',
        't' => 'т',
        'x' => 'х',
        'y' => 'у',
        other => other,
    }
}

/// The words of `input` that mix Cyrillic and Latin letters, such as `Iңкәр` typed with a Latin
/// `I`: a warning sign of a wrong keyboard layout that would hide the record from exact search.
pub fn mixed_script_words(input: &str) -> Vec<String> {
    normalize(input)
        .split(' ')
        .filter(|word| {
            let cyrillic = word.chars().any(is_cyrillic);
            let latin = word.chars().any(|c| c.is_ascii_alphabetic());
            cyrillic && latin
        })
        .map(str::to_owned)
        .collect()
}

fn is_cyrillic(c: char) -> bool {
    matches!(c, '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}')
}

/// The 1-based line on which the CSV record read from byte offset `byte` of `text` starts. The
/// csv reader reports the offset where it began reading, which is before the blank lines it
/// skips, and its own line count leaves some of them out; error messages name the line a
/// person sees in an editor, so it is counted here from the text.
pub(crate) fn csv_record_line(text: &str, byte: u64) -> u64 {
    let start = usize::try_from(byte).map_or(text.len(), |b| b.min(text.len()));
    let before = text.get(..start).unwrap_or_default();
    let after = text.get(start..).unwrap_or_default();
    let skipped = after
        .split_inclusive('\n')
        .take_while(|line| line.trim().is_empty() && line.ends_with('\n'))
        .count();
    let lines = before.matches('\n').count() + skipped + 1;
    u64::try_from(lines).unwrap_or(u64::MAX)
}

/// A date as written on forms at the counter: `dd.mm.yyyy`.
pub fn format_date(d: Date) -> String {
    format!("{:02}.{:02}.{:04}", d.day(), u8::from(d.month()), d.year())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn normalize_trims_and_collapses() {
        assert_eq!(normalize("  Әлия   Қасымова \t"), "Әлия Қасымова");
    }

    #[test]
    fn latin_i_finds_kazakh_i() {
        assert_eq!(search_key("Іңкәр"), search_key("Iңкәр"));
        assert_eq!(search_key("АСЕЛЬ"), search_key("асель"));
        assert_eq!(search_key("Семён"), search_key("Семен"));
    }

    #[test]
    fn lookalike_with_a_combining_mark_matches_the_precomposed_letter() {
        // Latin y + breve looks exactly like ў; before folding on decomposed letters the two keys
        // differed and the key of the key changed.
        assert_eq!(search_key("y\u{0306}"), search_key("ў"));
        let key = search_key("Y\u{030B}");
        assert_eq!(search_key(&key), key);
    }

    #[test]
    fn mixed_words_are_reported_pure_ones_are_not() {
        assert_eq!(
            mixed_script_words("Iңкәр Сейтқали"),
            vec!["Iңкәр".to_owned()]
        );
        assert!(mixed_script_words("Іңкәр Сейтқали").is_empty());
        assert!(mixed_script_words("John Smith").is_empty());
    }

    #[test]
    fn dates_are_day_first() {
        assert_eq!(format_date(date!(2024 - 03 - 08)), "08.03.2024");
    }
}
