//! The canonical text of a document's inputs and its SHA-256, which the QR code carries.
//! The hash is of the inputs, not of the PDF, so anyone holding the data can recompute it,
//! and it leaves the signature out because the signature is put on this content.

use sha2::{Digest, Sha256};

/// Builds the canonical text: a version line, then one `key=value` line per field in a fixed
/// order, with backslashes and newlines in values escaped so no value can forge a line.
#[derive(Debug, Default, Clone)]
pub struct Canonical {
    text: String,
}

impl Canonical {
    /// Starts the text for one template.
    pub fn new(template: &str) -> Self {
        let mut c = Self {
            text: "tereze-document/1\n".to_string(),
        };
        c.field("template", template);
        c
    }

    /// Appends one field.
    pub fn field(&mut self, key: &str, value: &str) -> &mut Self {
        self.text.push_str(key);
        self.text.push('=');
        for ch in value.chars() {
            match ch {
                '\\' => self.text.push_str("\\\\"),
                '\n' => self.text.push_str("\\n"),
                '\r' => self.text.push_str("\\r"),
                c => self.text.push(c),
            }
        }
        self.text.push('\n');
        self
    }

    /// The text so far.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// SHA-256 of the text, lower-case hex.
    pub fn sha256_hex(&self) -> String {
        hex::encode(Sha256::digest(self.text.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_newline_in_a_value_cannot_forge_another_field() {
        let mut a = Canonical::new("talon");
        a.field("name", "Әлия\nqueue=1");
        let mut b = Canonical::new("talon");
        b.field("name", "Әлия").field("queue", "1");
        assert_ne!(a.sha256_hex(), b.sha256_hex());
        assert_eq!(a.sha256_hex().len(), 64);
    }
}
