//! Hostile "scans": pixel floods, decompression bombs (nested FlateDecode too), truncated files,
//! polyglots, active PDFs and wrong extensions. Each is attached through the real store in a
//! child process limited to one second of CPU (the kernel stops it past that), which reports its
//! peak memory: every one is refused with its own reason, under 128 MiB, and nothing is stored.
//! Real scans of the same kinds are accepted.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/attach.rs"]
mod attach;

use std::io::Write;
use std::path::Path;
use std::process::Command;

use flate2::Compression;
use flate2::write::ZlibEncoder;
use tereze_core::scan::{self, ScanLimits, ScanRejection};
use tereze_core::store::{MediaType, StoreError};

const CASE_ENV: &str = "TEREZE_HOSTILE_CASE";
const FILE_ENV: &str = "TEREZE_HOSTILE_FILE";
const MEMORY_LIMIT_KIB: u64 = 128 * 1024;

/// One file of the corpus and what the store must say about it.
struct Case {
    name: &'static str,
    file_name: &'static str,
    bytes: Vec<u8>,
    expected: Expected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expected {
    Accepted(MediaType),
    Unsupported,
    Rejected(&'static str),
}

fn corpus() -> Vec<Case> {
    let jpeg = scan::sample_jpeg(b"scan", 4096);
    let png = png_of(1200, 1600);
    let pdf = pdf_with(&[b"<< /Type /Catalog >>".to_vec()], b"");
    let mut cases = vec![
        case(
            "real JPEG",
            "passport.jpg",
            jpeg.clone(),
            Expected::Accepted(MediaType::Jpeg),
        ),
        case(
            "real PNG",
            "birth.png",
            png.clone(),
            Expected::Accepted(MediaType::Png),
        ),
        case(
            "real PDF",
            "certificate.pdf",
            pdf.clone(),
            Expected::Accepted(MediaType::Pdf),
        ),
        case(
            "demo scan",
            "demo.pdf",
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/demo/demo-scan.pdf"),
            )
            .unwrap(),
            Expected::Accepted(MediaType::Pdf),
        ),
        case(
            "PDF with a compressed page",
            "page.pdf",
            pdf_with(&[flate_stream(b"", &deflate(&vec![b'q'; 200_000]), 1)], b""),
            Expected::Accepted(MediaType::Pdf),
        ),
        // Pixel floods: a few bytes announcing billions of pixels.
        case(
            "PNG pixel flood",
            "flood.png",
            png_of(100_000, 100_000),
            rejected("scan-too-many-pixels"),
        ),
        case(
            "JPEG pixel flood",
            "flood.jpg",
            jpeg_of(65_535, 65_535),
            rejected("scan-too-many-pixels"),
        ),
        case(
            "PNG just over 40 MP",
            "big.png",
            png_of(8000, 5001),
            rejected("scan-too-many-pixels"),
        ),
        // Decompression bombs.
        case(
            "PDF Flate bomb",
            "bomb.pdf",
            pdf_with(&[flate_stream(b"", &deflate(&vec![0; 32 << 20]), 1)], b""),
            rejected("scan-decompression-bomb"),
        ),
        case(
            "PDF nested FlateDecode bomb",
            "nested.pdf",
            pdf_with(
                &[flate_stream(b"", &deflate(&deflate(&vec![0; 64 << 20])), 2)],
                b"",
            ),
            rejected("scan-decompression-bomb"),
        ),
        case(
            "PDF filter chain of twenty",
            "chain.pdf",
            pdf_with(&[flate_stream(b"", &deflate(b"x"), 20)], b""),
            rejected("scan-damaged"),
        ),
        // Truncated files.
        case(
            "truncated JPEG",
            "cut.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            rejected("scan-truncated"),
        ),
        case(
            "truncated PNG",
            "cut.png",
            png[..png.len() - 10].to_vec(),
            rejected("scan-truncated"),
        ),
        case(
            "truncated PDF",
            "cut.pdf",
            pdf[..pdf.len() - 20].to_vec(),
            rejected("scan-truncated"),
        ),
        case(
            "PNG signature only",
            "empty.png",
            b"\x89PNG\r\n\x1a\n".to_vec(),
            rejected("scan-truncated"),
        ),
        // Polyglots: a second file glued on, or active content.
        case(
            "JPEG with a ZIP glued on",
            "photo.jpg",
            glued(&jpeg, &zip()),
            rejected("scan-trailing-data"),
        ),
        case(
            "PNG with HTML glued on",
            "photo.png",
            glued(&png, b"<html><script>alert(1)</script>"),
            rejected("scan-trailing-data"),
        ),
        case(
            "PDF with a ZIP glued on",
            "doc.pdf",
            glued(&pdf, &zip()),
            rejected("scan-trailing-data"),
        ),
        case(
            "PDF with JavaScript",
            "form.pdf",
            pdf_with(
                &[
                    b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>"
                        .to_vec(),
                ],
                b"",
            ),
            rejected("scan-active-content"),
        ),
        case(
            "PDF with an escaped JavaScript name",
            "escaped.pdf",
            pdf_with(&[b"<< /S /J#61vaScript /J#53 (x) >>".to_vec()], b""),
            rejected("scan-active-content"),
        ),
        case(
            "PDF with JavaScript inside an object stream",
            "objstm.pdf",
            pdf_with(
                &[flate_stream(
                    b"/Type /ObjStm /N 1 /First 4",
                    &deflate(b"5 0 << /S /Launch /F (cmd.exe) >>"),
                    1,
                )],
                b"",
            ),
            rejected("scan-active-content"),
        ),
        case(
            "PDF with an embedded file",
            "attach.pdf",
            pdf_with(
                &[b"<< /Type /Filespec /EF << /F 9 0 R >> /Type /EmbeddedFile >>".to_vec()],
                b"",
            ),
            rejected("scan-active-content"),
        ),
        case(
            "encrypted PDF",
            "locked.pdf",
            pdf_with(&[b"<< /Type /Catalog >>".to_vec()], b"/Encrypt 9 0 R"),
            rejected("scan-encrypted"),
        ),
        case(
            "JPEG without a frame header",
            "nosof.jpg",
            b"\xFF\xD8\xFF\xD9".to_vec(),
            rejected("scan-damaged"),
        ),
        case(
            "PNG with a bad CRC",
            "crc.png",
            corrupt_crc(&png),
            rejected("scan-damaged"),
        ),
        // Wrong extensions: the name says scan, the content says otherwise.
        case(
            "ELF named .pdf",
            "scan.pdf",
            b"\x7FELF\x02\x01\x01\0\0\0\0\0\0\0\0\0".to_vec(),
            Expected::Unsupported,
        ),
        case("ZIP named .jpg", "scan.jpg", zip(), Expected::Unsupported),
        case(
            "HTML named .png",
            "scan.png",
            b"<!DOCTYPE html><html></html>".to_vec(),
            Expected::Unsupported,
        ),
        case(
            "GIF named .jpg",
            "photo.jpg",
            b"GIF89a\x01\0\x01\0\0\0\0;".to_vec(),
            Expected::Unsupported,
        ),
        case(
            "HTML before a PDF",
            "doc.pdf",
            glued(b"<html>", &pdf),
            Expected::Unsupported,
        ),
    ];
    // The same checks hold for every accepted kind under a renamed extension.
    cases.push(case(
        "PNG named .pdf",
        "scan.pdf",
        png,
        Expected::Accepted(MediaType::Png),
    ));
    cases
}

#[test]
fn every_hostile_file_is_refused_quickly_in_little_memory_and_nothing_is_stored() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = Vec::new();
    for (index, case) in corpus().into_iter().enumerate() {
        let path = dir.path().join(format!("{index}-{}", case.file_name));
        std::fs::write(&path, &case.bytes).unwrap();
        let output = Command::new("prlimit")
            .arg("--cpu=1")
            .arg("--")
            .arg(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "attach_one_case_in_this_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CASE_ENV, index.to_string())
            .env(FILE_ENV, &path)
            .output()
            .expect("prlimit (util-linux) runs the child");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}: the child failed or ran out of CPU time ({:?})\n{stdout}\n{}",
            case.name,
            output.status,
            String::from_utf8_lossy(&output.stderr)
        );
        let line = stdout
            .lines()
            .find_map(|l| l.split_once("OUTCOME ").map(|(_, rest)| rest))
            .unwrap_or_else(|| panic!("{}: no outcome in\n{stdout}", case.name));
        let (outcome, peak) = line.rsplit_once(' ').unwrap();
        let peak: u64 = peak.parse().unwrap();
        assert_eq!(outcome, describe(case.expected), "{}", case.name);
        assert!(
            peak < MEMORY_LIMIT_KIB,
            "{}: peak memory {peak} KiB is over 128 MiB",
            case.name
        );
        report.push(format!("{:<45} {outcome:<32} {peak:>7} KiB", case.name));
    }
    println!("{}", report.join("\n"));
}

/// The child's half: attaches the file named by the environment to a fresh store, checks that a
/// refusal left nothing behind, and prints the outcome with its peak resident memory.
#[test]
fn attach_one_case_in_this_process() {
    let Ok(index) = std::env::var(CASE_ENV) else {
        return; // Run only as the child of the test above.
    };
    let file = std::path::PathBuf::from(std::env::var(FILE_ENV).unwrap());
    let index: usize = index.parse().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mut fixture = attach::AttachFixture::new(dir.path());
    let name = file.file_name().unwrap().to_string_lossy().into_owned();
    let result =
        fixture
            .store
            .add_attachment(fixture.request, "other", &name, &file, fixture.operator);
    let outcome = match &result {
        Ok(a) => format!("accepted {}", a.media_type.as_str()),
        Err(StoreError::UnsupportedType) => "unsupported".to_owned(),
        Err(StoreError::Rejected(r)) => {
            use tereze_core::i18n::Localize;
            format!("rejected {}", r.localized().key)
        }
        Err(other) => format!("failed {other}"),
    };
    if result.is_err() {
        assert!(
            fixture
                .store
                .attachments(fixture.request)
                .unwrap()
                .is_empty()
        );
        assert_eq!(
            attach::blob_count(&fixture.store),
            0,
            "case {index} left a blob"
        );
    }
    println!("OUTCOME {outcome} {}", peak_kib());
}

fn describe(expected: Expected) -> String {
    match expected {
        Expected::Accepted(m) => format!("accepted {}", m.as_str()),
        Expected::Unsupported => "unsupported".to_owned(),
        Expected::Rejected(key) => format!("rejected {key}"),
    }
}

#[test]
fn the_inflation_budget_grows_with_the_file_but_stays_capped() {
    let limits = ScanLimits::default();
    assert_eq!(limits.inflate_budget(1024), 16 << 20);
    assert_eq!(limits.inflate_budget(1 << 20), 200 << 20);
    assert_eq!(limits.inflate_budget(10 << 20), 256 << 20);
}

#[test]
fn a_scan_at_exactly_forty_megapixels_passes_and_one_more_row_does_not() {
    let limits = ScanLimits::default();
    assert!(scan::inspect(&png_of(8000, 5000), &limits).is_ok());
    assert_eq!(
        scan::inspect(&png_of(8000, 5001), &limits),
        Err(ScanRejection::TooManyPixels {
            width: 8000,
            height: 5001
        })
    );
}

fn case(name: &'static str, file_name: &'static str, bytes: Vec<u8>, expected: Expected) -> Case {
    Case {
        name,
        file_name,
        bytes,
        expected,
    }
}

fn rejected(key: &'static str) -> Expected {
    Expected::Rejected(key)
}

fn glued(first: &[u8], second: &[u8]) -> Vec<u8> {
    [first, second].concat()
}

/// The VmHWM of this process, in KiB.
fn peak_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap()
}

fn deflate(data: &[u8]) -> Vec<u8> {
    let mut encoder = ZlibEncoder::new(Vec::new(), Compression::best());
    for piece in data.chunks(1 << 20) {
        encoder.write_all(piece).unwrap();
    }
    encoder.finish().unwrap()
}

/// A stream object whose data went through `depth` Flate filters (the caller compressed it).
fn flate_stream(extra: &[u8], data: &[u8], depth: usize) -> Vec<u8> {
    let filters = vec!["/FlateDecode"; depth].join(" ");
    let mut out = format!("<< /Length {} /Filter [{filters}] ", data.len()).into_bytes();
    out.extend_from_slice(extra);
    out.extend_from_slice(b" >>\nstream\n");
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// A PDF of `objects` (numbered from 1) with a cross-reference table; `trailer_extra` goes into
/// the trailer dictionary.
fn pdf_with(objects: &[Vec<u8>], trailer_extra: &[u8]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(object);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let mut table = format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        table.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.extend_from_slice(table.as_bytes());
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R ", objects.len() + 1).as_bytes(),
    );
    out.extend_from_slice(trailer_extra);
    out.extend_from_slice(format!(" >>\nstartxref\n{xref}\n%%EOF\n").as_bytes());
    out
}

/// A PNG whose header announces `width` x `height` grey pixels, with one row of real data.
fn png_of(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
    png_chunk(&mut out, b"IHDR", &ihdr);
    png_chunk(
        &mut out,
        b"IDAT",
        &deflate(&vec![0; width.min(4096) as usize + 1]),
    );
    png_chunk(&mut out, b"IEND", &[]);
    out
}

fn png_chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

fn corrupt_crc(png: &[u8]) -> Vec<u8> {
    let mut bad = png.to_vec();
    // The last byte of the IHDR chunk's CRC (signature 8 + length 4 + type 4 + data 13 + CRC 4).
    bad[32] ^= 0x55;
    bad
}

/// A JPEG whose frame header announces `width` x `height`, with a tiny scan.
fn jpeg_of(width: u16, height: u16) -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x0B, 0x08];
    out.extend_from_slice(&height.to_be_bytes());
    out.extend_from_slice(&width.to_be_bytes());
    out.extend_from_slice(&[0x01, 0x01, 0x11, 0x00]);
    out.extend_from_slice(&[
        0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00, 0x00, 0xFF, 0xD9,
    ]);
    out
}

/// The first bytes of a ZIP archive with one stored file.
fn zip() -> Vec<u8> {
    let mut out = b"PK\x03\x04\x14\0\0\0\0\0".to_vec();
    out.extend_from_slice(&[0; 16]);
    out.extend_from_slice(b"\x08\0\0\0evil.exe");
    out
}

#[test]
fn sample_scans_have_the_size_asked_for_and_pass() {
    for size in [40, 100, 4096, 65_536, 200_000] {
        let jpeg = scan::sample_jpeg(b"tag", size);
        assert_eq!(jpeg.len(), size);
        assert!(
            scan::inspect(&jpeg, &ScanLimits::default()).is_ok(),
            "{size}"
        );
    }
    assert_ne!(scan::sample_jpeg(b"a", 100), scan::sample_jpeg(b"b", 100));
}
