//! The QR code as filled rectangles, one per horizontal run of dark modules.

use qrcode::{Color, EcLevel, QrCode};

use crate::error::ReportError;

/// A square of dark modules to paint: its runs in module units and its side in modules.
#[derive(Debug, Clone, PartialEq)]
pub struct QrModules {
    /// Side of the symbol in modules, without a quiet zone.
    pub width: usize,
    /// Dark runs as (row, first column, length).
    pub runs: Vec<(usize, usize, usize)>,
}

/// Encodes `payload` with medium error correction.
pub fn encode(payload: &str) -> Result<QrModules, ReportError> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|_| ReportError::QrTooLong)?;
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
