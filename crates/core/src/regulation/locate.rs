//! Turning byte offsets in a regulation file into the line and the entry a maintainer has to fix.

/// The 1-based line that holds byte `offset`.
pub(super) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The entry that byte `offset` belongs to: the `id` (or, in a profile override, the `field`) of
/// the enclosing `[[…]]` table, else the key written on that line, else the table header.
pub(super) fn entry_at(text: &str, offset: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let at = line_of(text, offset).saturating_sub(1).min(lines.len());
    let header = lines
        .iter()
        .take(at + 1)
        .rposition(|l| is_header(l))
        .filter(|_| !lines.is_empty());
    if let Some(h) = header {
        let end = lines
            .iter()
            .skip(h + 1)
            .position(|l| is_header(l))
            .map_or(lines.len(), |p| h + 1 + p);
        let wanted = if lines[h].contains("overrides") {
            "field"
        } else {
            "id"
        };
        if let Some(id) = lines[h + 1..end]
            .iter()
            .find_map(|l| string_value(l, wanted))
        {
            return id;
        }
    }
    if let Some(key) = lines.get(at).and_then(|l| key_of(l)) {
        return key;
    }
    header
        .map(|h| lines[h].trim().trim_matches(['[', ']']).to_owned())
        .unwrap_or_default()
}

fn is_header(line: &str) -> bool {
    line.trim_start().starts_with('[')
}

/// The key of a `key = value` line.
fn key_of(line: &str) -> Option<String> {
    let line = line.trim();
    if line.starts_with('#') {
        return None;
    }
    let (key, _) = line.split_once('=')?;
    let key = key.trim().trim_matches('"');
    (!key.is_empty()).then(|| key.to_owned())
}

/// The string value of a `key = "value"` line for the given key.
fn string_value(line: &str, key: &str) -> Option<String> {
    let (k, v) = line.trim().split_once('=')?;
    if k.trim() != key {
        return None;
    }
    let v = v.trim();
    let v = v.strip_prefix('"')?;
    let end = v.find('"')?;
    Some(v[..end].to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "id = \"svc\"\nflow = \"nope\"\n\n[[fields]]\nid = \"child-iin\"\nformat = \"barcode\"\n\n[[profiles.overrides]]\nfield = \"applicant-rnn\"\nmandatory = 3\n";

    #[test]
    fn lines_count_from_one() {
        assert_eq!(line_of(TEXT, 0), 1);
        let at = TEXT.find("barcode").unwrap();
        assert_eq!(line_of(TEXT, at), 6);
    }

    #[test]
    fn entries_are_named_by_their_id_or_key() {
        assert_eq!(entry_at(TEXT, TEXT.find("nope").unwrap()), "flow");
        assert_eq!(entry_at(TEXT, TEXT.find("barcode").unwrap()), "child-iin");
        assert_eq!(entry_at(TEXT, TEXT.find("3\n").unwrap()), "applicant-rnn");
    }
}
