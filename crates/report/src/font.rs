//! The embedded DejaVu Sans faces and the text measurement the layout wraps with.

use printpdf::{FontId, ParsedFont};

use crate::error::ReportError;

static REGULAR_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans.ttf");
static BOLD_TTF: &[u8] = include_bytes!("../../../assets/fonts/DejaVuSans-Bold.ttf");

/// Millimetres per PDF point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

/// Which face a run of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// Both faces parsed once, so a batch of documents does not parse them again.
#[derive(Debug, Clone)]
pub struct Fonts {
    regular: ParsedFont,
    bold: ParsedFont,
}

impl Fonts {
    /// Parses the two embedded faces.
    pub fn load() -> Result<Self, ReportError> {
        let mut warnings = Vec::new();
        let regular = ParsedFont::from_bytes(REGULAR_TTF, 0, &mut warnings)
            .ok_or(ReportError::Font("DejaVuSans"))?;
        let bold = ParsedFont::from_bytes(BOLD_TTF, 0, &mut warnings)
            .ok_or(ReportError::Font("DejaVuSans-Bold"))?;
        Ok(Self { regular, bold })
    }

    /// The parsed face.
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// The fixed resource id of a face: fixed so that two renders give the same bytes.
    pub fn id(face: Face) -> FontId {
        match face {
            Face::Regular => FontId("F1".to_string()),
            Face::Bold => FontId("F2".to_string()),
        }
    }

    /// Width of `text` set at `size_pt` points, in millimetres, from the font's advance widths.
    pub fn width_mm(&self, text: &str, face: Face, size_pt: f32) -> f32 {
        let font = self.face(face);
        let upem = f32::from(font.font_metrics.units_per_em.max(1));
        let fallback = font.lookup_glyph_index('?' as u32).unwrap_or(0);
        let units: u32 = text
            .chars()
            .map(|c| {
                let gid = font.lookup_glyph_index(c as u32).unwrap_or(fallback);
                u32::from(font.get_horizontal_advance(gid))
            })
            .sum();
        units as f32 / upem * size_pt * MM_PER_PT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider_and_bold_is_wider() {
        let fonts = Fonts::load().unwrap();
        let a = fonts.width_mm("Өтініш", Face::Regular, 10.0);
        let b = fonts.width_mm("Өтініш берушінің", Face::Regular, 10.0);
        assert!(a > 5.0 && b > a, "{a} {b}");
        assert!(fonts.width_mm("Өтініш", Face::Bold, 10.0) > a);
        // 'M' in DejaVu Sans is 1767/2048 em: at 10 pt that is about 3.04 mm.
        let m = fonts.width_mm("M", Face::Regular, 10.0);
        assert!((m - 3.04).abs() < 0.05, "{m}");
    }
}
