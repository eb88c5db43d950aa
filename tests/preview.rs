//! Thumbnails and previews of scans: images are scaled with their aspect kept, an image whose
//! header announces more than 40 megapixels is refused before decoding, and a PDF without
//! poppler-utils says what to install instead of failing silently.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::Path;

use tereze::preview::{self, MAX_PIXELS, PreviewError};
use tereze_core::i18n::Localize;
use tereze_core::store::MediaType;

#[path = "support/scans.rs"]
mod scans;

#[test]
fn an_image_is_scaled_to_fit_with_its_aspect_kept() {
    let picture = preview::decode(&scans::jpeg(300, 600), 96).unwrap();
    assert_eq!((picture.width, picture.height), (48, 96));
    // A small image is never enlarged.
    let picture = preview::decode(&scans::png(40, 30), 96).unwrap();
    assert_eq!((picture.width, picture.height), (40, 30));
}

#[test]
fn the_pixel_limit_is_read_from_the_header() {
    // 6000 x 6666 = 39.996 MP: under the limit, so the (missing) body is decoded and fails.
    const { assert!(6000 * 6666 <= MAX_PIXELS) };
    assert_eq!(
        preview::decode(&scans::png_header(6000, 6666), 96).unwrap_err(),
        PreviewError::Undecodable
    );
    let over = preview::decode(&scans::png_header(6000, 6667), 96).unwrap_err();
    assert_eq!(
        over,
        PreviewError::TooManyPixels {
            width: 6000,
            height: 6667
        }
    );
    assert_eq!(over.localized().get("limit"), Some("40"));
}

#[test]
fn content_that_is_no_image_is_undecodable() {
    assert_eq!(
        preview::decode(b"%PDF-1.4 not an image", 96).unwrap_err(),
        PreviewError::Undecodable
    );
}

#[test]
fn without_pdftoppm_the_preview_names_the_package_to_install() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, scans::pdf(1)).unwrap();
    let missing = dir.path().join("no-such-pdftoppm");
    let err = preview::pages_with(&missing, &pdf, MediaType::Pdf).unwrap_err();
    assert_eq!(err, PreviewError::NeedsPoppler);
    assert_eq!(err.localized().key, "preview-needs-poppler");
}

#[test]
fn pdf_pages_are_rendered_by_pdftoppm() {
    scans::require_pdftoppm();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("scan.pdf");
    std::fs::write(&pdf, scans::pdf(2)).unwrap();
    let pages = preview::pages(&pdf, MediaType::Pdf).unwrap();
    assert_eq!(pages.len(), 2);
    // 200 x 100 pt pages scaled so the long side is 900 px.
    assert_eq!((pages[0].width, pages[0].height), (900, 450));
    let thumb = preview::thumbnail(&pdf, MediaType::Pdf).unwrap();
    // pdftoppm rounds the short side up.
    assert_eq!(thumb.width, 96);
    assert!((48..=49).contains(&thumb.height), "{}", thumb.height);
    // A damaged PDF is a clear failure, not a hang.
    let broken = dir.path().join("broken.pdf");
    std::fs::write(&broken, b"%PDF-1.4\ngarbage").unwrap();
    assert_eq!(
        preview::pages(&broken, MediaType::Pdf).unwrap_err(),
        PreviewError::PdfFailed
    );
    assert!(Path::new(preview::PDFTOPPM).is_relative());
}

#[test]
fn a_decrypted_scan_in_memory_reaches_pdftoppm_on_its_standard_input() {
    scans::require_pdftoppm();
    // Stored scans are sealed on disk: the preview gets the plaintext in memory and must never
    // write it to a file.
    let pages = preview::pages_of(&scans::pdf(2), MediaType::Pdf).unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!((pages[0].width, pages[0].height), (900, 450));
    let thumb = preview::thumbnail_of(&scans::pdf(1), MediaType::Pdf).unwrap();
    assert_eq!(thumb.width, 96);
    let image = preview::thumbnail_of(&scans::jpeg(300, 600), MediaType::Jpeg).unwrap();
    assert_eq!((image.width, image.height), (48, 96));
    assert_eq!(
        preview::pages_of(b"%PDF-1.4\ngarbage", MediaType::Pdf).unwrap_err(),
        PreviewError::PdfFailed
    );
    let missing = Path::new("/nonexistent/pdftoppm");
    assert_eq!(
        preview::pages_of_with(missing, &scans::pdf(1), MediaType::Pdf).unwrap_err(),
        PreviewError::NeedsPoppler
    );
}
