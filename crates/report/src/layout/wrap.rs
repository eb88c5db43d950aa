//! Greedy word wrapping with the font's real advance widths.

use crate::font::{Face, Fonts};

/// Splits `text` into lines no wider than `width_mm`; explicit newlines are kept, and a word
/// wider than the whole line is broken between characters rather than left sticking out.
pub fn wrap(fonts: &Fonts, text: &str, face: Face, size: f32, width_mm: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fonts.width_mm(&candidate, face, size) <= width_mm {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if fonts.width_mm(word, face, size) <= width_mm {
                line = word.to_string();
            } else {
                for c in word.chars() {
                    let mut next = line.clone();
                    next.push(c);
                    if !line.is_empty() && fonts.width_mm(&next, face, size) > width_mm {
                        lines.push(std::mem::take(&mut line));
                        line.push(c);
                    } else {
                        line = next;
                    }
                }
            }
        }
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_line_fits_and_no_word_is_lost() {
        let fonts = Fonts::load().unwrap();
        let text = "Қарағанды облысы, Теміртау қаласы, Республика даңғылы, 12-үй, 45-пәтер "
            .repeat(4)
            + &"Ұ".repeat(80);
        let lines = wrap(&fonts, &text, Face::Regular, 10.0, 60.0);
        assert!(lines.len() > 5);
        for l in &lines {
            assert!(fonts.width_mm(l, Face::Regular, 10.0) <= 60.0, "{l}");
        }
        let joined: String = lines.concat().split_whitespace().collect();
        let original: String = text.split_whitespace().collect();
        assert_eq!(joined, original);
    }

    #[test]
    fn newlines_start_new_lines() {
        let fonts = Fonts::load().unwrap();
        assert_eq!(
            wrap(&fonts, "a\nb", Face::Regular, 10.0, 100.0),
            vec!["a", "b"]
        );
    }
}
