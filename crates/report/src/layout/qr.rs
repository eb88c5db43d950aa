//! The QR code as filled rectangles, one per horizontal run of dark modules.

use qrcode::bits::Bits;
use qrcode::{Color, EcLevel, QrCode, Version};

use crate::error::ReportError;

/// A square of dark modules to paint: its runs in module units and its side in modules.
#[derive(Debug, Clone, PartialEq)]
pub struct QrModules {
    /// Side of the symbol in modules, without a quiet zone.
    pub width: usize,
    /// Dark runs as (row, first column, length).
    pub runs: Vec<(usize, usize, usize)>,
}

/// ECI designator of UTF-8: without it readers guess the byte encoding (often Shift JIS).
const ECI_UTF8: u32 = 26;

/// Encodes `payload` as UTF-8 bytes, declared as such, in the smallest version that holds it
/// with medium error correction.
pub fn encode(payload: &str) -> Result<QrModules, ReportError> {
    let code = (1..=40)
        .find_map(|v| {
            let mut bits = Bits::new(Version::Normal(v));
            bits.push_eci_designator(ECI_UTF8).ok()?;
            bits.push_byte_data(payload.as_bytes()).ok()?;
            bits.push_terminator(EcLevel::M).ok()?;
            QrCode::with_bits(bits, EcLevel::M).ok()
        })
        .ok_or(ReportError::QrTooLong)?;
    let width = code.width();
    let colors = code.to_colors();
    let mut runs = Vec::new();
    for row in 0..width {
        let mut col = 0;
        while col < width {
            if colors[row * width + col] == Color::Dark {
                let start = col;
                while col < width && colors[row * width + col] == Color::Dark {
                    col += 1;
                }
                runs.push((row, start, col - start));
            } else {
                col += 1;
            }
        }
    }
    Ok(QrModules { width, runs })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finder_pattern_starts_with_a_run_of_seven() {
        let qr = encode("ТЛ-2025-000123\nabc").unwrap();
        assert!(qr.width >= 21);
        assert_eq!(qr.runs[0], (0, 0, 7));
    }

    #[test]
    fn too_long_payload_is_an_error() {
        assert_eq!(encode(&"x".repeat(5000)), Err(ReportError::QrTooLong));
    }
}
