//! JPEG and PNG: header dimensions first, then decode and scale.

use std::io::Cursor;
use std::path::Path;

use iced::widget::image::Handle;
use image::ImageReader;

use super::{MAX_PIXELS, Picture, PreviewError};

pub(super) fn from_file(path: &Path, max_side: u32) -> Result<Picture, PreviewError> {
    let bytes = std::fs::read(path).map_err(|_| PreviewError::Unreadable)?;
    decode(&bytes, max_side)
}

pub(super) fn decode(bytes: &[u8], max_side: u32) -> Result<Picture, PreviewError> {
    let reader = || {
        ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|_| PreviewError::Undecodable)
    };
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|_| PreviewError::Undecodable)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(PreviewError::TooManyPixels { width, height });
    }
    let image = reader()?.decode().map_err(|_| PreviewError::Undecodable)?;
    let scaled = if width.max(height) > max_side {
        image.thumbnail(max_side, max_side)
    } else {
        image
    };
    let rgba = scaled.into_rgba8();
    let (width, height) = rgba.dimensions();
    Ok(Picture {
        width,
        height,
        handle: Handle::from_rgba(width, height, rgba.into_raw()),
    })
}
