//! The same inputs give byte-identical PDFs; different inputs give different hashes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sha2::{Digest, Sha256};
use tereze_report::{Body, Renderer, render, samples};

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[test]
fn every_template_renders_byte_identically_twice() {
    let first = Renderer::new().unwrap();
    for (name, doc) in samples::all() {
        let a = first.render(&doc).unwrap();
        // A second, separately built renderer: nothing may depend on state or the clock.
        let b = render(&doc).unwrap();
        assert_eq!(sha(&a.pdf), sha(&b.pdf), "{name} differs between renders");
        assert_eq!(a.content_sha256, b.content_sha256);
        assert!(a.pdf.starts_with(b"%PDF-"), "{name}");
    }
}

#[test]
fn the_pdf_carries_the_documents_date_not_the_render_time() {
    let r = render(&samples::talon()).unwrap();
    let text = String::from_utf8_lossy(&r.pdf);
    // 14.03.2025 10:42 in Astana is 05:42 UTC.
    assert!(
        text.contains("D:20250314054200") || text.contains("D:20250314104200"),
        "no creation date taken from the document"
    );
}

#[test]
fn changing_any_field_changes_the_content_hash_and_the_pdf() {
    let base = samples::talon();
    let mut other = base.clone();
    if let Body::Talon(t) = &mut other.body {
        t.queue_number = Some(138);
    }
    let a = render(&base).unwrap();
    let b = render(&other).unwrap();
    assert_ne!(a.content_sha256, b.content_sha256);
    assert_ne!(sha(&a.pdf), sha(&b.pdf));
}

#[test]
fn signing_does_not_change_the_content_hash() {
    let signed = samples::talon();
    let mut unsigned = signed.clone();
    unsigned.issue.signature = None;
    assert_eq!(
        render(&signed).unwrap().content_sha256,
        render(&unsigned).unwrap().content_sha256
    );
}

#[test]
fn a_one_page_talon_stays_small() {
    let r = render(&samples::talon()).unwrap();
    assert_eq!(r.pages, 1);
    assert!(r.pdf.len() <= 150 * 1024, "talon is {} bytes", r.pdf.len());
}

#[test]
fn the_admission_order_with_its_signature_and_code_fits_one_page() {
    let r = render(&samples::admission_order()).unwrap();
    assert_eq!(r.pages, 1, "the order spills onto a second page");
}
