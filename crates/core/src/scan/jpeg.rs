//! JPEG: marker segments whole, a frame header (SOF) before the first scan, entropy-coded data
//! up to the end-of-image marker, and nothing but padding after it.

use super::{ScanRejection, is_padding};
use crate::store::MediaType;

const DAMAGED: ScanRejection = ScanRejection::Damaged(MediaType::Jpeg);
const EOI: u8 = 0xD9;
const SOS: u8 = 0xDA;

/// Walks the segments and returns the width and height from the frame header.
pub(super) fn walk(content: &[u8]) -> Result<(u32, u32), ScanRejection> {
    let mut at = 2; // after SOI
    let mut dimensions = None;
    loop {
        if *content.get(at).ok_or(ScanRejection::Truncated)? != 0xFF {
            return Err(DAMAGED);
        }
        // Any number of 0xFF fill bytes may precede a marker.
        while content.get(at) == Some(&0xFF) {
            at += 1;
        }
        let marker = *content.get(at).ok_or(ScanRejection::Truncated)?;
        at += 1;
        match marker {
            EOI => {
                let found = dimensions.ok_or(DAMAGED)?;
                return if is_padding(&content[at..]) {
                    Ok(found)
                } else {
                    Err(ScanRejection::TrailingData(MediaType::Jpeg))
                };
            }
            0xD0..=0xD7 | 0x01 => continue,
            0x00 => return Err(DAMAGED),
            _ => {}
        }
        let len = content.get(at..at + 2).ok_or(ScanRejection::Truncated)?;
        let len = usize::from(u16::from_be_bytes([len[0], len[1]]));
        if len < 2 {
            return Err(DAMAGED);
        }
        let segment = content
            .get(at + 2..at + len)
            .ok_or(ScanRejection::Truncated)?;
        at += len;
        if is_frame_header(marker) {
            let [_, h0, h1, w0, w1, ..] = *segment else {
                return Err(DAMAGED);
            };
            let height = u32::from(u16::from_be_bytes([h0, h1]));
            let width = u32::from(u16::from_be_bytes([w0, w1]));
            if width == 0 || height == 0 || dimensions.is_some() {
                return Err(DAMAGED);
            }
            dimensions = Some((width, height));
        }
        if marker == SOS {
            if dimensions.is_none() {
                return Err(DAMAGED);
            }
            at = after_entropy_data(content, at)?;
        }
    }
}

/// SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC), which share the range.
fn is_frame_header(marker: u8) -> bool {
    (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC)
}

/// The position of the first marker after a scan's entropy-coded data: a 0xFF followed by
/// something other than a stuffed zero, a restart marker or more fill.
fn after_entropy_data(content: &[u8], from: usize) -> Result<usize, ScanRejection> {
    let mut at = from;
    loop {
        let offset = content
            .get(at..)
            .and_then(|rest| rest.iter().position(|&b| b == 0xFF))
            .ok_or(ScanRejection::Truncated)?;
        at += offset;
        match content.get(at + 1) {
            None => return Err(ScanRejection::Truncated),
            Some(0x00 | 0xD0..=0xD7) => at += 2,
            Some(0xFF) => at += 1,
            Some(_) => return Ok(at),
        }
    }
}
