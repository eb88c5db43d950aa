//! Why a document could not be rendered, in words the operator can act on.

use tereze_core::i18n::{Localize, Localized};

/// A failure to produce a document's PDF.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// One of the embedded fonts could not be read; the build is broken.
    #[error("embedded font {0} could not be parsed")]
    Font(&'static str),
    /// The QR code's content did not fit any QR version.
    #[error("the QR code content is too long")]
    QrTooLong,
    /// The PDF could not be written out.
    #[error("the PDF could not be written")]
    Write,
}

impl Localize for ReportError {
    fn localized(&self) -> Localized {
        match self {
            Self::Font(name) => Localized::new("report-font-broken").arg("font", name),
            Self::QrTooLong => Localized::new("report-qr-too-long"),
            Self::Write => Localized::new("report-write-failed"),
        }
    }
}
