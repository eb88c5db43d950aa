//! DER → BER re-encoding the way Java (BouncyCastle, Kalkan) writes key files: indefinite lengths
//! everywhere and long octet strings split into chunks. Lets tests prove that such files load.

/// Re-encodes one DER element with indefinite lengths on every constructed element and octet
/// strings longer than `chunk` bytes split into constructed chunks. `None` on malformed input.
pub fn indefinite(der: &[u8], chunk: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let used = element(der, chunk.max(1), &mut out)?;
    (used == der.len()).then_some(out)
}

fn header(der: &[u8]) -> Option<(u8, usize, usize)> {
    let tag = *der.first()?;
    if tag & 0x1f == 0x1f {
        return None; // multi-byte tags do not occur in PKCS#12
    }
    let first = *der.get(1)?;
    if first < 0x80 {
        return Some((tag, 2, usize::from(first)));
    }
    let n = usize::from(first & 0x7f);
    let mut len = 0usize;
    for i in 0..n {
        len = (len << 8) | usize::from(*der.get(2 + i)?);
    }
    Some((tag, 2 + n, len))
}

fn element(der: &[u8], chunk: usize, out: &mut Vec<u8>) -> Option<usize> {
    let (tag, head, len) = header(der)?;
    let body = der.get(head..head + len)?;
    let constructed = tag & 0x20 != 0;
    // OCTET STRING, and the [0] IMPLICIT OCTET STRING of an EncryptedContentInfo.
    let splittable = tag == 0x04 || tag == 0x80;
    if !constructed && splittable && len > chunk {
        out.push(tag | 0x20);
        out.push(0x80);
        for piece in body.chunks(chunk) {
            out.push(0x04);
            write_length(piece.len(), out);
            out.extend_from_slice(piece);
        }
        out.extend_from_slice(&[0, 0]);
    } else if constructed {
        out.push(tag);
        out.push(0x80);
        let mut pos = 0;
        while pos < body.len() {
            pos += element(&body[pos..], chunk, out)?;
        }
        out.extend_from_slice(&[0, 0]);
    } else {
        out.extend_from_slice(&der[..head + len]);
    }
    Some(head + len)
}

fn write_length(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
}
