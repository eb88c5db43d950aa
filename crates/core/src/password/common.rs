//! The list of common passwords a new password may not be, compared the way an operator might
//! type them: case-insensitively and in either keyboard layout.

use std::collections::HashSet;
use std::sync::LazyLock;

const LIST: &str = include_str!("common.txt");

static COMMON: LazyLock<HashSet<String>> = LazyLock::new(|| {
    LIST.lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(fold)
        .collect()
});

/// Whether the password is on the list, or is one character repeated.
pub fn is_common(password: &str) -> bool {
    let folded = fold(password);
    let mut chars = folded.chars();
    let repeated = chars.next().is_some_and(|first| chars.all(|c| c == first));
    repeated || COMMON.contains(&folded)
}

/// Lower case, with each letter of the Russian (ЙЦУКЕН) layout replaced by the Latin key in the
/// same place, so «gfhjkm» and «пароль» fold alike.
fn fold(password: &str) -> String {
    password
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| latin_key(c).unwrap_or(c))
        .collect()
}

fn latin_key(c: char) -> Option<char> {
    const CYRILLIC: &str = "йцукенгшщзхъфывапролджэячсмитьбюё";
    const LATIN: &str = "qwertyuiop[]asdfghjkl;'zxcvbnm,.`";
    CYRILLIC
        .chars()
        .position(|k| k == c)
        .and_then(|i| LATIN.chars().nth(i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_passwords_are_common_in_any_case_and_layout() {
        assert!(is_common("qwerty123456"));
        assert!(is_common("QWERTY123456"));
        // «йцукенгшщзхъ» is the top letter row typed with the Russian layout.
        assert!(is_common("йцукенгшщзхъ"));
        // «парольпароль» typed on the Latin layout is in the list as «gfhjkmgfhjkm».
        assert!(is_common("ПарольПароль"));
        assert!(is_common("aaaaaaaaaaaaaaaa"));
    }

    #[test]
    fn ordinary_strong_passwords_are_not_common() {
        assert!(!is_common("demo-executor-2026"));
        assert!(!is_common("Жаздыгүні-таулар-көк"));
        assert!(!is_common("qwerty123456!x"));
    }

    #[test]
    fn the_list_has_only_entries_long_enough_to_matter() {
        let entries: Vec<&str> = LIST
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect();
        assert!(entries.len() > 200, "{}", entries.len());
        assert!(entries.iter().all(|e| e.chars().count() >= 12));
    }
}
