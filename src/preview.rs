//! Thumbnails and previews of attached scans, made off the UI thread.
//!
//! JPEG and PNG are decoded by the `image` crate after their header dimensions were checked
//! against [`MAX_PIXELS`], so a decompression bomb is refused before a pixel is decoded. PDF
//! pages are rendered by `pdftoppm` (poppler-utils) into a private temporary folder, with a time
//! limit (stored scans are decrypted in memory and reach it on its standard input);
//! without poppler the operator is told what to install. The result is an RGBA picture iced
//! draws as it is.

mod pdf;
mod raster;

use std::path::Path;

use iced::widget::image::Handle;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::MediaType;

pub use pdf::PDFTOPPM;

/// Images with more pixels than this are not decoded (40 megapixels).
pub const MAX_PIXELS: u64 = 40_000_000;
/// The longest side of a thumbnail beside an attached file, in pixels.
pub const THUMBNAIL_SIDE: u32 = 96;
/// The longest side of a page in the preview pane, in pixels.
pub const PREVIEW_SIDE: u32 = 900;
/// How many pages of a PDF the preview pane shows.
pub const PREVIEW_PAGES: u32 = 3;

/// A decoded, scaled picture ready for iced.
#[derive(Debug, Clone)]
pub struct Picture {
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The RGBA pixels as iced holds them.
    pub handle: Handle,
}

/// Why a scan cannot be shown; the scan itself stays attached.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PreviewError {
    /// The image's header announces more than [`MAX_PIXELS`].
    #[error("image of {width}x{height} pixels is over the preview limit")]
    TooManyPixels {
        /// Width from the header.
        width: u32,
        /// Height from the header.
        height: u32,
    },
    /// The content could not be decoded as an image.
    #[error("image could not be decoded")]
    Undecodable,
    /// `pdftoppm` is not installed.
    #[error("pdftoppm is not installed")]
    NeedsPoppler,
    /// `pdftoppm` failed on the file.
    #[error("pdftoppm could not render the file")]
    PdfFailed,
    /// `pdftoppm` took longer than the time limit and was stopped.
    #[error("pdftoppm took too long")]
    TimedOut,
    /// The stored file could not be read.
    #[error("the stored file could not be read")]
    Unreadable,
}

impl Localize for PreviewError {
    fn localized(&self) -> Localized {
        match self {
            PreviewError::TooManyPixels { width, height } => {
                let megapixels = u64::from(*width) * u64::from(*height) / 1_000_000;
                Localized::new("preview-too-many-pixels")
                    .arg("megapixels", megapixels)
                    .arg("limit", MAX_PIXELS / 1_000_000)
            }
            PreviewError::Undecodable => Localized::new("preview-undecodable"),
            PreviewError::NeedsPoppler => Localized::new("preview-needs-poppler"),
            PreviewError::PdfFailed => Localized::new("preview-pdf-failed"),
            PreviewError::TimedOut => Localized::new("preview-timed-out"),
            PreviewError::Unreadable => Localized::new("preview-unreadable"),
        }
    }
}

/// The thumbnail of a stored scan: the image, or a PDF's first page.
pub fn thumbnail(path: &Path, media: MediaType) -> Result<Picture, PreviewError> {
    match media {
        MediaType::Jpeg | MediaType::Png => raster::from_file(path, THUMBNAIL_SIDE),
        MediaType::Pdf => pdf::render(Path::new(PDFTOPPM), path, 1, THUMBNAIL_SIDE)?
            .into_iter()
            .next()
            .ok_or(PreviewError::PdfFailed),
    }
}

/// What the preview pane shows: the image, or the first [`PREVIEW_PAGES`] pages of a PDF.
pub fn pages(path: &Path, media: MediaType) -> Result<Vec<Picture>, PreviewError> {
    pages_with(Path::new(PDFTOPPM), path, media)
}

/// [`pages`] with a given `pdftoppm` program (tests use one that does not exist).
pub fn pages_with(
    pdftoppm: &Path,
    path: &Path,
    media: MediaType,
) -> Result<Vec<Picture>, PreviewError> {
    match media {
        MediaType::Jpeg | MediaType::Png => Ok(vec![raster::from_file(path, PREVIEW_SIDE)?]),
        MediaType::Pdf => pdf::render(pdftoppm, path, PREVIEW_PAGES, PREVIEW_SIDE),
    }
}

/// The thumbnail of a scan held in memory (a stored scan, decrypted): the image, or a PDF's
/// first page rendered from standard input.
pub fn thumbnail_of(bytes: &[u8], media: MediaType) -> Result<Picture, PreviewError> {
    match media {
        MediaType::Jpeg | MediaType::Png => raster::decode(bytes, THUMBNAIL_SIDE),
        MediaType::Pdf => pdf::render_bytes(Path::new(PDFTOPPM), bytes, 1, THUMBNAIL_SIDE)?
            .into_iter()
            .next()
            .ok_or(PreviewError::PdfFailed),
    }
}

/// The preview pages of a scan held in memory, as [`pages`] makes them from a file.
pub fn pages_of(bytes: &[u8], media: MediaType) -> Result<Vec<Picture>, PreviewError> {
    pages_of_with(Path::new(PDFTOPPM), bytes, media)
}

/// [`pages_of`] with a given `pdftoppm` program.
pub fn pages_of_with(
    pdftoppm: &Path,
    bytes: &[u8],
    media: MediaType,
) -> Result<Vec<Picture>, PreviewError> {
    match media {
        MediaType::Jpeg | MediaType::Png => Ok(vec![raster::decode(bytes, PREVIEW_SIDE)?]),
        MediaType::Pdf => pdf::render_bytes(pdftoppm, bytes, PREVIEW_PAGES, PREVIEW_SIDE),
    }
}

/// Decodes an image already in memory, scaled to fit `max_side` (header checked first).
pub fn decode(bytes: &[u8], max_side: u32) -> Result<Picture, PreviewError> {
    raster::decode(bytes, max_side)
}
