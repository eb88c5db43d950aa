//! Sending an issued document to the applicant by e-mail.

use serde::{Deserialize, Serialize};

/// Ask the server to e-mail an issued output document (already uploaded as a blob) to the
/// applicant through its SMTP relay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailDocument {
    /// The applicant's address.
    pub to: String,
    /// SHA-256 of the document (a PDF uploaded as a blob).
    pub document_sha256: String,
    /// The attachment's file name, e.g. `SKO-EDU-ARYS-2026-000001.pdf`.
    pub file_name: String,
}

/// The relay accepted the message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailSent {
    /// The request number the message was about.
    pub number: String,
}
