//! Hostile-file checks for scanned documents, run on the bytes before anything is stored.
//!
//! An applicant's "scan" comes from outside: it may be a decompression bomb, a truncated file, a
//! polyglot (a JPEG with a ZIP glued to its end, a PDF carrying scripts) or something else with a
//! scan's extension. The type comes from the magic bytes only; each format is then walked by its
//! structure without decoding a pixel: image dimensions from the header (at most
//! [`ScanLimits::max_pixels`]), the end marker present and nothing but padding after it, and for a
//! PDF every Flate stream inflated into a counter (never into memory) under a budget, with active
//! content (JavaScript, launch actions, embedded files) and encryption refused. The walk reads a
//! bounded window of bytes at a time, so a hostile file costs little time and memory.

mod jpeg;
mod pdf;
mod png;

use crate::i18n::{Localize, Localized};
use crate::store::MediaType;

/// How much a scan may claim and cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanLimits {
    /// The most pixels an image may announce (40 megapixels).
    pub max_pixels: u64,
    /// The most bytes a PDF's Flate streams may inflate to in total, whatever the file's size.
    pub max_inflated: u64,
    /// The most bytes a PDF may inflate to per byte of the file (a bomb inflates far more).
    pub max_inflate_ratio: u64,
}

impl Default for ScanLimits {
    fn default() -> Self {
        Self {
            max_pixels: 40_000_000,
            max_inflated: 256 * 1024 * 1024,
            max_inflate_ratio: 200,
        }
    }
}

impl ScanLimits {
    /// The inflation budget of a PDF of `file_len` bytes: the ratio times its size, but at least
    /// 16 MiB (small text PDFs compress well) and at most [`max_inflated`](Self::max_inflated).
    pub fn inflate_budget(&self, file_len: u64) -> u64 {
        file_len
            .saturating_mul(self.max_inflate_ratio)
            .max(16 * 1024 * 1024)
            .min(self.max_inflated)
    }
}

/// Why a file is not accepted as a scan. Nothing is stored when this is returned.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanRejection {
    /// Not a JPEG, PNG or PDF by its first bytes, whatever its name says.
    #[error("not a JPEG, PNG or PDF by its content")]
    UnsupportedType,
    /// The image announces more pixels than the limit (a pixel flood).
    #[error("image of {width}x{height} pixels is over the limit")]
    TooManyPixels {
        /// Width from the header.
        width: u32,
        /// Height from the header.
        height: u32,
    },
    /// The file ends before its format's end marker.
    #[error("the file is cut short")]
    Truncated,
    /// Something other than padding follows the format's end marker (a glued-on second file).
    #[error("data follows the end of the {0:?} file")]
    TrailingData(MediaType),
    /// The structure is broken (a bad chunk, a segment running past the end, a zero size).
    #[error("the {0:?} file is damaged")]
    Damaged(MediaType),
    /// A PDF inflates to far more than a document of its size could (a decompression bomb).
    #[error("the PDF inflates beyond its budget")]
    DecompressionBomb,
    /// A PDF carries JavaScript, a launch action or embedded files.
    #[error("the PDF carries active content")]
    ActiveContent,
    /// A PDF is encrypted, so its content cannot be checked.
    #[error("the PDF is encrypted")]
    Encrypted,
}

impl Localize for ScanRejection {
    fn localized(&self) -> Localized {
        match self {
            ScanRejection::UnsupportedType => Localized::new("store-unsupported-type"),
            ScanRejection::TooManyPixels { width, height } => {
                Localized::new("scan-too-many-pixels")
                    .arg(
                        "megapixels",
                        u64::from(*width) * u64::from(*height) / 1_000_000,
                    )
                    .arg("limit", ScanLimits::default().max_pixels / 1_000_000)
            }
            ScanRejection::Truncated => Localized::new("scan-truncated"),
            ScanRejection::TrailingData(_) => Localized::new("scan-trailing-data"),
            ScanRejection::Damaged(_) => Localized::new("scan-damaged"),
            ScanRejection::DecompressionBomb => Localized::new("scan-decompression-bomb"),
            ScanRejection::ActiveContent => Localized::new("scan-active-content"),
            ScanRejection::Encrypted => Localized::new("scan-encrypted"),
        }
    }
}

/// What a file that passed is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScanInfo {
    /// The type found by magic bytes.
    pub media_type: MediaType,
    /// Width and height from the header, for images.
    pub dimensions: Option<(u32, u32)>,
}

/// Checks `content` as a scan under `limits`: its type by magic bytes, then its structure.
pub fn inspect(content: &[u8], limits: &ScanLimits) -> Result<ScanInfo, ScanRejection> {
    let media_type = MediaType::sniff(content).ok_or(ScanRejection::UnsupportedType)?;
    let dimensions = match media_type {
        MediaType::Jpeg => Some(jpeg::walk(content)?),
        MediaType::Png => Some(png::walk(content)?),
        MediaType::Pdf => {
            pdf::walk(content, limits)?;
            None
        }
    };
    if let Some((width, height)) = dimensions
        && u64::from(width) * u64::from(height) > limits.max_pixels
    {
        return Err(ScanRejection::TooManyPixels { width, height });
    }
    Ok(ScanInfo {
        media_type,
        dimensions,
    })
}

/// Whether every byte of `rest` is padding some scanners write after the end marker.
fn is_padding(rest: &[u8]) -> bool {
    rest.iter()
        .all(|b| matches!(b, 0x00 | 0xFF | b'\r' | b'\n' | b' ' | b'\t'))
}

/// A small JPEG that passes every check, carrying `tag` and padded in comment segments to
/// exactly `size` bytes (or as small as it can be): distinct, valid scans for demo data and for
/// the tests of every crate that attach files, without an image library.
pub fn sample_jpeg(tag: &[u8], size: usize) -> Vec<u8> {
    // SOI, then a baseline frame header for one 1x1 grey component.
    const HEAD: [u8; 15] = [
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
    ];
    // A scan header, one byte of entropy-coded data, EOI.
    const TAIL: [u8; 13] = [
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x00, 0xFF, 0xD9,
    ];
    const PIECE: usize = 0xFFFD;
    let total = |payload: usize| HEAD.len() + TAIL.len() + payload + 4 * payload.div_ceil(PIECE);
    let mut len = size
        .saturating_sub(HEAD.len() + TAIL.len() + 4)
        .max(tag.len());
    while len > tag.len() && total(len) > size {
        len -= 1;
    }
    let mut payload = tag.to_vec();
    let mut x: u32 = tag.iter().map(|&b| u32::from(b)).sum();
    while payload.len() < len {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        payload.push((x >> 16) as u8);
    }
    let mut out = HEAD.to_vec();
    for piece in payload.chunks(PIECE) {
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(
            &u16::try_from(piece.len() + 2)
                .unwrap_or(u16::MAX)
                .to_be_bytes(),
        );
        out.extend_from_slice(piece);
    }
    out.extend_from_slice(&TAIL);
    out
}
