//! PDF: an end-of-file marker with nothing but padding after it; no encryption; no active
//! content (JavaScript, launch actions, embedded files, rich media) in any dictionary, also not
//! inside compressed object streams; and every Flate stream, nested filters included, inflated
//! into a counter under the file's budget.

use std::io::Read;

use flate2::read::ZlibDecoder;

use super::{ScanLimits, ScanRejection, is_padding};
use crate::store::MediaType;

/// How far from the end the last `%%EOF` may be.
const TAIL: usize = 1024;
/// The most filters one stream may chain; more is not a document, it is an attack.
const MAX_FILTERS: usize = 8;
/// Names that make a PDF act rather than show.
const ACTIVE: [&[u8]; 7] = [
    b"JavaScript",
    b"JS",
    b"Launch",
    b"EmbeddedFile",
    b"EmbeddedFiles",
    b"RichMedia",
    b"XFA",
];

/// Walks the file; `Ok` if it is a plain document within its inflation budget.
pub(super) fn walk(content: &[u8], limits: &ScanLimits) -> Result<(), ScanRejection> {
    check_tail(content)?;
    let budget = limits.inflate_budget(u64::try_from(content.len()).unwrap_or(u64::MAX));
    let mut inflated = 0u64;
    let mut pos = 0;
    while let Some((keyword, data_start)) = next_stream(content, pos) {
        let before = &content[pos..keyword];
        check_names(before)?;
        let dictionary = dictionary_of(before);
        let data_end = stream_end(content, data_start, dictionary);
        let data = &content[data_start..data_end];
        let filters = filters(dictionary);
        if filters.len() > MAX_FILTERS {
            return Err(ScanRejection::Damaged(MediaType::Pdf));
        }
        let flate = filters.iter().take_while(|f| is_flate(f)).count();
        if flate > 0 {
            let object_stream = has_name_pair(dictionary, b"Type", b"ObjStm");
            inflated = inflate(data, flate, inflated, budget, object_stream)?;
        }
        pos = find(content, data_end, b"endstream").map_or(content.len(), |at| at + 9);
    }
    check_names(&content[pos..])
}

/// The last `%%EOF` within the final [`TAIL`] bytes, followed only by padding.
fn check_tail(content: &[u8]) -> Result<(), ScanRejection> {
    let tail_start = content.len().saturating_sub(TAIL);
    let tail = &content[tail_start..];
    let marker = tail
        .windows(5)
        .rposition(|w| w == b"%%EOF")
        .ok_or(ScanRejection::Truncated)?;
    if is_padding(&tail[marker + 5..]) {
        Ok(())
    } else {
        Err(ScanRejection::TrailingData(MediaType::Pdf))
    }
}

/// The next `stream` keyword at or after `from` (not the end of an `endstream`), and where its
/// data starts (after the end of line that must follow it).
fn next_stream(content: &[u8], from: usize) -> Option<(usize, usize)> {
    let mut at = from;
    loop {
        let keyword = find(content, at, b"stream")?;
        let after = keyword + 6;
        let preceded_by_end = keyword >= 3 && &content[keyword - 3..keyword] == b"end";
        if !preceded_by_end {
            match content.get(after..after + 2) {
                Some(b"\r\n") => return Some((keyword, after + 2)),
                Some([b'\n', _]) | Some([b'\r', _]) => return Some((keyword, after + 1)),
                _ => {}
            }
        }
        at = after;
    }
}

/// The text of the object that owns a stream: from its last `obj` keyword on.
fn dictionary_of(before: &[u8]) -> &[u8] {
    before
        .windows(3)
        .rposition(|w| w == b"obj")
        .map_or(before, |at| &before[at..])
}

/// Where a stream's data ends: by a direct `/Length` when it lands on `endstream`, otherwise at
/// the next `endstream` (or the end of the file).
fn stream_end(content: &[u8], data_start: usize, dictionary: &[u8]) -> usize {
    let by_length = direct_length(dictionary)
        .and_then(|len| data_start.checked_add(len))
        .filter(|&end| {
            content.get(end..).is_some_and(|rest| {
                let skipped = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
                rest[skipped..].starts_with(b"endstream")
            })
        });
    by_length.unwrap_or_else(|| {
        let end = find(content, data_start, b"endstream").unwrap_or(content.len());
        // The end of line before `endstream` is not data.
        let mut end = end;
        while end > data_start && matches!(content[end - 1], b'\r' | b'\n') {
            end -= 1;
        }
        end
    })
}

/// `/Length 1234` written directly (not an indirect `1234 0 R` reference).
fn direct_length(dictionary: &[u8]) -> Option<usize> {
    let at = find(dictionary, 0, b"/Length")? + 7;
    let rest = &dictionary[at..];
    let tokens: Vec<&[u8]> = rest
        .split(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>' | b'<'))
        .filter(|t| !t.is_empty())
        .take(3)
        .collect();
    let number = std::str::from_utf8(tokens.first()?).ok()?.parse().ok()?;
    if tokens.get(2) == Some(&&b"R"[..]) {
        return None;
    }
    Some(number)
}

/// The filter names of a stream's dictionary, in order (`/Filter /A` or `/Filter [/A /B]`).
fn filters(dictionary: &[u8]) -> Vec<Vec<u8>> {
    let Some(at) = find(dictionary, 0, b"/Filter") else {
        return Vec::new();
    };
    let rest = &dictionary[at + 7..];
    let skipped = rest.iter().take_while(|b| b.is_ascii_whitespace()).count();
    let rest = &rest[skipped..];
    if let Some(list) = rest.strip_prefix(b"[") {
        let end = list.iter().position(|&b| b == b']').unwrap_or(list.len());
        names(&list[..end]).collect()
    } else {
        names(rest).take(1).collect()
    }
}

fn is_flate(name: &[u8]) -> bool {
    name == b"FlateDecode" || name == b"Fl"
}

/// Whether `/key /value` appears in `dictionary` (names decoded).
fn has_name_pair(dictionary: &[u8], key: &[u8], value: &[u8]) -> bool {
    let all: Vec<Vec<u8>> = names(dictionary).collect();
    all.windows(2).any(|w| w[0] == key && w[1] == value)
}

/// Inflates `data` through `depth` Flate filters into a counter. Stops with a bomb once the
/// file's total passes `budget`; a stream that fails to inflate simply ends (damaged streams
/// occur in real scans and cannot hurt a counter). Object streams are also checked for names.
fn inflate(
    data: &[u8],
    depth: usize,
    mut total: u64,
    budget: u64,
    object_stream: bool,
) -> Result<u64, ScanRejection> {
    let mut reader: Box<dyn Read + '_> = Box::new(data);
    for _ in 0..depth {
        reader = Box::new(ZlibDecoder::new(reader));
    }
    let mut buffer = vec![0u8; 64 * 1024];
    // The end of the previous chunk, so a name split across two reads is still seen.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let read = match reader.read(&mut buffer) {
            Ok(0) | Err(_) => return Ok(total),
            Ok(n) => n,
        };
        total = total.saturating_add(u64::try_from(read).unwrap_or(u64::MAX));
        if total > budget {
            return Err(ScanRejection::DecompressionBomb);
        }
        if object_stream {
            carry.extend_from_slice(&buffer[..read]);
            check_names(&carry)?;
            let keep = carry.len().saturating_sub(64);
            carry.drain(..keep);
        }
    }
}

/// Refuses active content and encryption among the names in `text`.
fn check_names(text: &[u8]) -> Result<(), ScanRejection> {
    for name in names(text) {
        if name == b"Encrypt" {
            return Err(ScanRejection::Encrypted);
        }
        if ACTIVE.contains(&name.as_slice()) {
            return Err(ScanRejection::ActiveContent);
        }
    }
    Ok(())
}

/// The names (`/Name`, with `#hh` escapes decoded) in `text`. Long names are cut at 64 bytes;
/// none of the names we look for is that long.
fn names(text: &[u8]) -> impl Iterator<Item = Vec<u8>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let slash = text.get(at..)?.iter().position(|&b| b == b'/')?;
        at += slash + 1;
        let mut name = Vec::new();
        while let Some(&b) = text.get(at) {
            if b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b) {
                break;
            }
            let decoded = if b == b'#' {
                text.get(at + 1..at + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            } else {
                None
            };
            match decoded {
                Some(byte) => {
                    at += 3;
                    if name.len() < 64 {
                        name.push(byte);
                    }
                }
                None => {
                    at += 1;
                    if name.len() < 64 {
                        name.push(b);
                    }
                }
            }
        }
        Some(name)
    })
}

/// The first `needle` in `haystack` at or after `from`.
fn find(haystack: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| at + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_names_are_decoded() {
        let found: Vec<Vec<u8>> = names(b"<< /J#61vaScript (x) /Type/Page >>").collect();
        assert_eq!(found[0], b"JavaScript");
        assert_eq!(found[1], b"Type");
        assert_eq!(found[2], b"Page");
    }

    #[test]
    fn filter_chains_are_read_in_order() {
        assert_eq!(
            filters(b"1 0 obj << /Length 5 /Filter [/FlateDecode /Fl] >>"),
            vec![b"FlateDecode".to_vec(), b"Fl".to_vec()]
        );
        assert_eq!(
            filters(b"<< /Filter /DCTDecode /Length 5 >>"),
            vec![b"DCTDecode".to_vec()]
        );
    }

    #[test]
    fn indirect_lengths_are_not_trusted() {
        assert_eq!(direct_length(b"<< /Length 42 >>"), Some(42));
        assert_eq!(direct_length(b"<< /Length 12 0 R >>"), None);
    }
}
