//! Properties of text normalisation and the search key.

use proptest::prelude::*;
use tereze_core::text::{normalize, search_key};
use unicode_normalization::UnicodeNormalization;

/// Letters and marks where normalisation and look-alike folding interact: Latin and Cyrillic
/// look-alikes, Kazakh letters, combining marks, and a little white space.
fn tricky_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a', 'A', 'e', 'E', 'i', 'I', 'ı', 'İ', 'y', 'Y', 'o', 'k', 'x', 'h', 'c', 'p', 'а', 'е',
        'ё', 'Ё', 'і', 'І', 'у', 'ў', 'и', 'й', 'ә', 'Ә', 'ө', 'ұ', 'ү', 'қ', 'ң', 'ғ', 'һ', ' ',
        '\t', '\u{0300}', '\u{0301}', '\u{0306}', '\u{0307}', '\u{0308}', '\u{030B}', '\u{0316}',
        '\u{0328}',
    ])
}

fn tricky_string() -> impl Strategy<Value = String> {
    prop::collection::vec(tricky_char(), 0..12).prop_map(|v| v.into_iter().collect())
}

/// Any Unicode scalar, weighted towards awkward ones: NUL, controls, combining marks, RTL text
/// and marks, emoji with joiners and variation selectors.
fn any_text() -> impl Strategy<Value = String> {
    let awkward = prop::sample::select(vec![
        '\0',
        '\u{7}',
        '\u{200D}',
        '\u{200F}',
        '\u{202E}',
        '\u{FE0F}',
        '\u{0308}',
        '\u{0345}',
        'ש',
        'ل',
        '👨',
        '👩',
        '👧',
        '🇰',
        '🇿',
        '\u{FFFD}',
        '\u{10FFFF}',
        'ß',
        'ﬃ',
        'Ω',
        'K',
    ]);
    let any = any::<char>();
    prop::collection::vec(prop_oneof![awkward, any], 0..24).prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn normalize_is_idempotent_and_never_panics(s in any_text()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once.clone());
        prop_assert!(!once.starts_with(char::is_whitespace));
        prop_assert!(!once.ends_with(char::is_whitespace));
        prop_assert!(!once.contains("  "));
    }

    #[test]
    fn search_key_is_idempotent_on_any_text(s in any_text()) {
        let key = search_key(&s);
        prop_assert_eq!(search_key(&key), key);
    }

    #[test]
    fn search_key_is_idempotent_on_look_alikes_and_marks(s in tricky_string()) {
        let key = search_key(&s);
        prop_assert_eq!(search_key(&key), key);
    }

    #[test]
    fn nfd_and_nfc_give_the_same_key(s in tricky_string()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        prop_assert_eq!(search_key(&nfc), search_key(&nfd));
        prop_assert_eq!(normalize(&nfc), normalize(&nfd));
    }

    #[test]
    fn latin_capital_i_finds_kazakh_i(
        before in prop::collection::vec(prop::sample::select(vec!['ң', 'к', 'ә', 'р', 'л', 'с']), 0..8),
        after in prop::collection::vec(prop::sample::select(vec!['ң', 'к', 'ә', 'р', 'л', 'с']), 0..8),
    ) {
        let before: String = before.into_iter().collect();
        let after: String = after.into_iter().collect();
        let kazakh = format!("{before}І{after}");
        let latin = format!("{before}I{after}");
        prop_assert_eq!(search_key(&kazakh), search_key(&latin));
        prop_assert_eq!(search_key(&kazakh.to_lowercase()), search_key(&latin));
    }
}

#[test]
fn names_typed_on_either_layout_share_a_key() {
    assert_eq!(search_key("Іңкәр Ізбасар"), search_key("Iңкәр Iзбасар"));
    assert_eq!(search_key("  АЙГЕРІМ  "), search_key("айгерім"));
    assert_ne!(search_key("Іңкәр"), search_key("Іңкәл"));
}

#[test]
fn precomposed_and_decomposed_short_u_share_a_key() {
    // "ў" typed as one letter, as Cyrillic у + breve, and as Latin y + breve on the wrong layout.
    let precomposed = search_key("Ўразов");
    assert_eq!(search_key("У\u{0306}разов"), precomposed);
    assert_eq!(search_key("Y\u{0306}разов"), precomposed);
}

#[test]
fn yo_folds_whatever_marks_follow() {
    assert_eq!(search_key("Семён"), search_key("Семен"));
    assert_eq!(search_key("Семе\u{0308}н"), search_key("Семен"));
    let odd = search_key("ё\u{0308}");
    assert_eq!(search_key(&odd), odd);
}
