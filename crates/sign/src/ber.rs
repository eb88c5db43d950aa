//! BER → DER normalisation.
//!
//! НУЦ key files (and anything written by Java's BouncyCastle) use BER: indefinite lengths and
//! octet strings split into chunks. The `der` crate reads DER only, so the input is first
//! rewritten with definite lengths and joined strings. DER input comes out unchanged.

/// Why BER input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BerError {
    /// The input ends inside an element.
    #[error("BER input is truncated")]
    Truncated,
    /// A length or tag is not valid BER, or nesting is absurdly deep.
    #[error("BER input is malformed")]
    Malformed,
    /// Bytes follow the outermost element.
    #[error("BER input has trailing bytes")]
    TrailingBytes,
}

const MAX_DEPTH: usize = 64;
const TAG_OCTET_STRING: u8 = 0x04;
const TAG_OID: u8 = 0x06;
const TAG_SEQUENCE: u8 = 0x30;

/// One parsed element: its identifier bytes and either primitive content or children.
struct Element {
    identifier: Vec<u8>,
    body: Body,
}

enum Body {
    Primitive(Vec<u8>),
    Constructed(Vec<Element>),
}

/// Rewrites one BER element (the whole input) as DER.
pub fn to_der(input: &[u8]) -> Result<Vec<u8>, BerError> {
    let mut reader = Reader {
        data: input,
        pos: 0,
    };
    let element = reader.element(0)?;
    if reader.pos != input.len() {
        return Err(BerError::TrailingBytes);
    }
    let mut out = Vec::with_capacity(input.len());
    write(&element, &mut out);
    Ok(out)
}

struct Reader<'a> {
    data: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn byte(&mut self) -> Result<u8, BerError> {
        let b = *self.data.get(self.pos).ok_or(BerError::Truncated)?;
        self.pos += 1;
        Ok(b)
    }

    fn identifier(&mut self) -> Result<Vec<u8>, BerError> {
        let first = self.byte()?;
        let mut id = vec![first];
        if first & 0x1f == 0x1f {
            loop {
                let b = self.byte()?;
                id.push(b);
                if b & 0x80 == 0 {
                    break;
                }
                if id.len() > 6 {
                    return Err(BerError::Malformed);
                }
            }
        }
        Ok(id)
    }

    /// `None` for the indefinite form.
    fn length(&mut self) -> Result<Option<usize>, BerError> {
        let first = self.byte()?;
        if first < 0x80 {
            return Ok(Some(usize::from(first)));
        }
        if first == 0x80 {
            return Ok(None);
        }
        let count = usize::from(first & 0x7f);
        if count > 4 {
            return Err(BerError::Malformed);
        }
        let mut len = 0usize;
        for _ in 0..count {
            len = (len << 8) | usize::from(self.byte()?);
        }
        Ok(Some(len))
    }

    fn at_end_of_contents(&self) -> bool {
        self.data.get(self.pos..self.pos + 2) == Some(&[0, 0][..])
    }

    fn element(&mut self, depth: usize) -> Result<Element, BerError> {
        if depth > MAX_DEPTH {
            return Err(BerError::Malformed);
        }
        let identifier = self.identifier()?;
        let constructed = identifier[0] & 0x20 != 0;
        let length = self.length()?;
        if !constructed {
            let len = length.ok_or(BerError::Malformed)?;
            let end = self.pos.checked_add(len).ok_or(BerError::Malformed)?;
            let content = self.data.get(self.pos..end).ok_or(BerError::Truncated)?;
            self.pos = end;
            return Ok(Element {
                identifier,
                body: Body::Primitive(content.to_vec()),
            });
        }
        let mut children = Vec::new();
        match length {
            Some(len) => {
                let end = self.pos.checked_add(len).ok_or(BerError::Malformed)?;
                if end > self.data.len() {
                    return Err(BerError::Truncated);
                }
                while self.pos < end {
                    children.push(self.element(depth + 1)?);
                }
                if self.pos != end {
                    return Err(BerError::Malformed);
                }
            }
            None => {
                while !self.at_end_of_contents() {
                    if self.pos >= self.data.len() {
                        return Err(BerError::Truncated);
                    }
                    children.push(self.element(depth + 1)?);
                }
                self.pos += 2;
            }
        }
        normalise_children(&mut children);
        Ok(join_if_string(identifier, children))
    }
}

/// The `[0] IMPLICIT OCTET STRING` of an EncryptedContentInfo (`SEQUENCE { OID, AlgorithmId,
/// [0] }`) may arrive constructed, in chunks; DER wants it primitive.
fn normalise_children(children: &mut [Element]) {
    let shape_matches = children.len() == 3
        && children[0].identifier == [TAG_OID]
        && children[1].identifier == [TAG_SEQUENCE]
        && children[2].identifier == [0xa0];
    if !shape_matches {
        return;
    }
    if let Body::Constructed(chunks) = &children[2].body {
        let all_octets = !chunks.is_empty()
            && chunks.iter().all(|c| {
                c.identifier == [TAG_OCTET_STRING] && matches!(c.body, Body::Primitive(_))
            });
        if all_octets {
            let mut joined = Vec::new();
            for chunk in chunks {
                if let Body::Primitive(bytes) = &chunk.body {
                    joined.extend_from_slice(bytes);
                }
            }
            children[2] = Element {
                identifier: vec![0x80],
                body: Body::Primitive(joined),
            };
        }
    }
}

/// A constructed universal string type (OCTET STRING, BIT STRING is not used in key files,
/// UTF8String, PrintableString, BMPString …) becomes the primitive form with joined chunks.
fn join_if_string(identifier: Vec<u8>, children: Vec<Element>) -> Element {
    let universal = identifier.len() == 1 && identifier[0] & 0xc0 == 0;
    let number = identifier[0] & 0x1f;
    let string_type = matches!(number, 0x04 | 0x0c | 0x13 | 0x14 | 0x16 | 0x1a | 0x1e);
    if universal && string_type {
        let mut joined = Vec::new();
        let mut flat = true;
        for child in &children {
            match &child.body {
                Body::Primitive(bytes) => joined.extend_from_slice(bytes),
                Body::Constructed(_) => flat = false,
            }
        }
        if flat {
            return Element {
                identifier: vec![identifier[0] & !0x20],
                body: Body::Primitive(joined),
            };
        }
    }
    Element {
        identifier,
        body: Body::Constructed(children),
    }
}

fn write(element: &Element, out: &mut Vec<u8>) {
    out.extend_from_slice(&element.identifier);
    match &element.body {
        Body::Primitive(bytes) => {
            write_length(bytes.len(), out);
            out.extend_from_slice(bytes);
        }
        Body::Constructed(children) => {
            let mut inner = Vec::new();
            for child in children {
                write(child, &mut inner);
            }
            write_length(inner.len(), out);
            out.extend_from_slice(&inner);
        }
    }
}

fn write_length(len: usize, out: &mut Vec<u8>) {
    if len < 0x80 {
        out.push(len as u8);
        return;
    }
    let bytes = len.to_be_bytes();
    let skip = bytes.iter().take_while(|b| **b == 0).count();
    out.push(0x80 | (bytes.len() - skip) as u8);
    out.extend_from_slice(&bytes[skip..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indefinite_lengths_and_chunked_strings_become_der() {
        // SEQUENCE (indefinite) { OCTET STRING (constructed, indefinite) { "ab", "c" }, NULL }
        let ber = [
            0x30, 0x80, 0x24, 0x80, 0x04, 0x02, b'a', b'b', 0x04, 0x01, b'c', 0x00, 0x00, 0x05,
            0x00, 0x00, 0x00,
        ];
        let der = to_der(&ber).unwrap();
        assert_eq!(der, [0x30, 0x07, 0x04, 0x03, b'a', b'b', b'c', 0x05, 0x00]);
    }

    #[test]
    fn der_input_is_unchanged() {
        let der = [0x30, 0x06, 0x02, 0x01, 0x05, 0x04, 0x01, 0xff];
        assert_eq!(to_der(&der).unwrap(), der);
    }

    #[test]
    fn long_lengths_are_written_minimally() {
        let mut ber = vec![0x04, 0x82, 0x00, 0x81];
        ber.extend(std::iter::repeat_n(7u8, 0x81));
        let der = to_der(&ber).unwrap();
        assert_eq!(&der[..3], &[0x04, 0x81, 0x81]);
    }

    #[test]
    fn truncated_and_trailing_input_is_refused() {
        assert_eq!(to_der(&[0x30, 0x80, 0x05, 0x00]), Err(BerError::Truncated));
        assert_eq!(to_der(&[0x05, 0x00, 0x00]), Err(BerError::TrailingBytes));
        assert_eq!(to_der(&[0x04, 0x05, 0x01]), Err(BerError::Truncated));
    }
}
