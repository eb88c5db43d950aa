//! Renders a document to PDF bytes. Deterministic: the fonts have fixed resource ids, the
//! PDF's dates come from the document's date and time, and its file identifier from the
//! content hash, so the same inputs always give the same bytes.

use printpdf::{Mm, OffsetDateTime, PdfDocument, PdfFont, PdfPage, PdfSaveOptions};
use time::{PrimitiveDateTime, UtcOffset};

use crate::document::Document;
use crate::error::ReportError;
use crate::font::{Face, Fonts};
use crate::layout::{PAGE_H, PAGE_W, lay_out, paint};
use crate::templates::compose;

/// Offset of the dates written into the PDF: Kazakhstan's single time zone, UTC+5.
const KZ_OFFSET_HOURS: i8 = 5;

/// A rendered document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// SHA-256 (hex) of the document's canonical content, as carried by its QR code.
    pub content_sha256: String,
    /// Number of pages.
    pub pages: usize,
}

/// Holds the parsed fonts so that a batch of documents parses them once.
#[derive(Debug, Clone)]
pub struct Renderer {
    fonts: Fonts,
}

impl Renderer {
    /// Parses the embedded fonts.
    pub fn new() -> Result<Self, ReportError> {
        Ok(Self {
            fonts: Fonts::load()?,
        })
    }

    /// Renders one document to PDF.
    pub fn render(&self, doc: &Document) -> Result<Rendered, ReportError> {
        let composed = compose(doc);
        let pages = lay_out(&self.fonts, &composed.header, &composed.blocks)?;
        let page_count = pages.len();

        let mut pdf = PdfDocument::new(&composed.title);
        for face in [Face::Regular, Face::Bold] {
            pdf.resources
                .fonts
                .map
                .insert(Fonts::id(face), PdfFont::new(self.fonts.face(face).clone()));
        }
        let stamp = pdf_date(PrimitiveDateTime::new(doc.issue.date, doc.issue.time));
        let info = &mut pdf.metadata.info;
        info.creation_date = stamp;
        info.modification_date = stamp;
        info.metadata_date = stamp;
        info.identifier = doc.issue.number.clone();
        info.producer = "Tereze".to_string();
        info.creator = "Tereze".to_string();
        info.author = doc.issue.office.name_ru.clone();

        let pdf_pages = pages
            .iter()
            .map(|items| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), paint::ops(items)))
            .collect();
        pdf.with_pages(pdf_pages);

        let opts = PdfSaveOptions {
            optimize: true,
            subset_fonts: true,
            secure: true,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let mut lo = pdf.to_lopdf_document(&opts, &mut warnings);
        let (first, second) = composed.sha256.split_at(composed.sha256.len() / 2);
        lo.trailer.set(
            "ID",
            lopdf::Object::Array(vec![
                lopdf::Object::string_literal(first),
                lopdf::Object::string_literal(second),
            ]),
        );
        lo.compress();
        let mut bytes = Vec::new();
        lo.save_to(&mut bytes).map_err(|_| ReportError::Write)?;
        Ok(Rendered {
            pdf: bytes,
            content_sha256: composed.sha256,
            pages: page_count,
        })
    }
}

/// Renders one document, parsing the fonts for it; use [`Renderer`] for batches.
pub fn render(doc: &Document) -> Result<Rendered, ReportError> {
    Renderer::new()?.render(doc)
}

fn pdf_date(local: PrimitiveDateTime) -> OffsetDateTime {
    let offset = UtcOffset::from_hms(KZ_OFFSET_HOURS, 0, 0).unwrap_or(UtcOffset::UTC);
    let ts = local.assume_offset(offset).unix_timestamp();
    OffsetDateTime::from_unix_timestamp(ts)
        .unwrap_or_else(|_| printpdf::PdfDocumentInfo::default().creation_date)
}
