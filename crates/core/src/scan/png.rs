//! PNG: the signature, an `IHDR` first, every chunk whole with a correct CRC, up to `IEND`.

use super::{ScanRejection, is_padding};
use crate::store::MediaType;

const SIGNATURE_LEN: usize = 8;
const DAMAGED: ScanRejection = ScanRejection::Damaged(MediaType::Png);

/// Walks the chunks and returns the width and height from `IHDR`.
pub(super) fn walk(content: &[u8]) -> Result<(u32, u32), ScanRejection> {
    let mut at = SIGNATURE_LEN;
    let mut dimensions = None;
    loop {
        let header = content.get(at..at + 8).ok_or(ScanRejection::Truncated)?;
        let len = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        if len > 0x7FFF_FFFF {
            return Err(DAMAGED);
        }
        let kind = &header[4..8];
        let data_start = at + 8;
        let data_end = data_start
            .checked_add(usize::try_from(len).map_err(|_| DAMAGED)?)
            .ok_or(DAMAGED)?;
        let chunk_end = data_end.checked_add(4).ok_or(DAMAGED)?;
        let chunk = content
            .get(at + 4..data_end)
            .ok_or(ScanRejection::Truncated)?;
        let crc = content
            .get(data_end..chunk_end)
            .ok_or(ScanRejection::Truncated)?;
        if crc32(chunk).to_be_bytes() != [crc[0], crc[1], crc[2], crc[3]] {
            return Err(DAMAGED);
        }
        match (dimensions, kind) {
            (None, b"IHDR") if len == 13 => {
                let d = &content[data_start..data_end];
                let width = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
                let height = u32::from_be_bytes([d[4], d[5], d[6], d[7]]);
                if width == 0 || height == 0 {
                    return Err(DAMAGED);
                }
                dimensions = Some((width, height));
            }
            (None, _) => return Err(DAMAGED),
            (Some(_), b"IHDR") => return Err(DAMAGED),
            (Some(found), b"IEND") => {
                return if is_padding(&content[chunk_end..]) {
                    Ok(found)
                } else {
                    Err(ScanRejection::TrailingData(MediaType::Png))
                };
            }
            (Some(_), _) => {}
        }
        at = chunk_end;
    }
}

/// CRC-32 (ISO 3309, as PNG uses it) of the chunk type and data.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = flate2::Crc::new();
    crc.update(bytes);
    crc.sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_matches_the_png_specification_sample() {
        // The CRC of an empty IEND chunk, as every PNG ends.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }
}
