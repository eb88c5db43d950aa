//! Attachments: size checked before reading, type by content not by name, content stored once
//! under its SHA-256 and readable back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs::{self, File};
use std::path::Path;

use tereze_core::i18n::Localize;
use tereze_core::store::{MediaType, Store, StoreError, sha256_hex};
use tereze_protocol::Operation;
use uuid::Uuid;

/// A whole 1x1 PNG (signature, IHDR, IDAT, IEND with their CRCs).
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\
\0\0\0\nIDATx\x9cc\0\x01\0\0\x05\0\x01\r\n-\xb4\0\0\0\0IEND\xaeB`\x82";
/// A whole 1x1 baseline JPEG (frame header, scan, end of image).
const JPEG: &[u8] = b"\xFF\xD8\xFF\xC0\0\x0B\x08\0\x01\0\x01\x01\x01\x11\0\
\xFF\xDA\0\x08\x01\x01\0\0\x3F\0\0\xFF\xD9";
const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n";

#[path = "support/attach.rs"]
mod attach;

struct Fixture {
    _dir: tempfile::TempDir,
    files: std::path::PathBuf,
    store: Store,
    op: Uuid,
    request: Uuid,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let files = dir.path().join("scans");
    fs::create_dir(&files).unwrap();
    let f = attach::AttachFixture::new(dir.path());
    Fixture {
        _dir: dir,
        files,
        store: f.store,
        op: f.operator,
        request: f.request,
    }
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let p = dir.join(name);
    fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn png_jpeg_and_pdf_are_accepted_by_content() {
    let mut f = fixture();
    // Names deliberately lie: the type comes from the bytes.
    for (name, bytes, media) in [
        ("scan.pdf", PNG, MediaType::Png),
        ("scan", JPEG, MediaType::Jpeg),
        ("scan.jpg", PDF, MediaType::Pdf),
    ] {
        let src = write(&f.files, name, bytes);
        let a = f
            .store
            .add_attachment(f.request, "birth-certificate", name, &src, f.op)
            .unwrap();
        assert_eq!(a.media_type, media);
        assert_eq!(a.sha256, sha256_hex(bytes));
        assert_eq!(a.size, bytes.len() as u64);
        assert_eq!(a.file_name, name);
        assert_eq!(f.store.read_attachment(&a.sha256).unwrap(), bytes);
        let path = f.store.attachment_path(&a.sha256).unwrap();
        // On disk the scan is sealed: not the bytes that were attached.
        let on_disk = fs::read(&path).unwrap();
        assert_ne!(on_disk, bytes);
        assert!(on_disk.starts_with(b"TZBL"));
        assert!(path.ends_with(Path::new(&a.sha256[..2]).join(&a.sha256)));
    }
    let listed = f.store.attachments(f.request).unwrap();
    assert_eq!(listed.len(), 3);
    let ops = f.store.pending_outbox(10).unwrap();
    let adds: Vec<_> = ops
        .iter()
        .filter_map(|e| match &e.operation {
            Operation::AddAttachment { attachment } => Some(attachment),
            _ => None,
        })
        .collect();
    assert_eq!(adds.len(), 3);
    assert_eq!(adds[0].request_id, f.request);
    assert_eq!(adds[0].media_type, "image/png");
    f.store.verify_audit().unwrap();
}

#[test]
fn a_text_file_named_jpg_is_refused() {
    let mut f = fixture();
    let src = write(
        &f.files,
        "passport.jpg",
        b"this is just text, not a photo\n",
    );
    let err = f
        .store
        .add_attachment(f.request, "birth-certificate", "passport.jpg", &src, f.op)
        .unwrap_err();
    assert!(matches!(err, StoreError::UnsupportedType));
    assert_eq!(err.localized().key, "store-unsupported-type");
    assert!(f.store.attachments(f.request).unwrap().is_empty());
    assert_eq!(attach::blob_count(&f.store), 0);
    // An empty file is not a scan either.
    let empty = write(&f.files, "empty.png", b"");
    assert!(matches!(
        f.store
            .add_attachment(f.request, "birth-certificate", "empty.png", &empty, f.op),
        Err(StoreError::UnsupportedType)
    ));
}

#[test]
fn a_two_gigabyte_file_is_refused_without_reading_it() {
    let mut f = fixture();
    let src = f.files.join("huge.pdf");
    let file = File::create(&src).unwrap();
    file.set_len(2 * 1024 * 1024 * 1024).unwrap(); // sparse: no blocks written
    drop(file);
    let err = f
        .store
        .add_attachment(f.request, "birth-certificate", "huge.pdf", &src, f.op)
        .unwrap_err();
    match &err {
        StoreError::TooLarge { size, limit } => {
            assert_eq!(*size, 2 * 1024 * 1024 * 1024);
            assert_eq!(*limit, 1024 * 1024);
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    let msg = err.localized();
    assert_eq!(msg.key, "store-too-large");
    assert_eq!(msg.get("size"), Some("2048.0"));
    assert_eq!(msg.get("limit"), Some("1.0"));
    assert!(f.store.attachments(f.request).unwrap().is_empty());
}

#[test]
fn a_file_just_over_the_limit_is_refused_and_one_at_the_limit_accepted() {
    let mut f = fixture();
    let limit = f.store.options().max_attachment_bytes as usize;
    // A PDF whose comment line fills it up to the limit; the end marker stays last.
    let pdf_of = |len: usize| {
        let mut pdf = b"%PDF-1.7\n%".to_vec();
        let tail = b"\n1 0 obj << >> endobj\n%%EOF\n";
        pdf.resize(len - tail.len(), b'x');
        pdf.extend_from_slice(tail);
        pdf
    };
    let at_limit = pdf_of(limit);
    let ok = write(&f.files, "ok.pdf", &at_limit);
    f.store
        .add_attachment(f.request, "other", "ok.pdf", &ok, f.op)
        .unwrap();
    let over = write(&f.files, "over.pdf", &pdf_of(limit + 1));
    assert!(matches!(
        f.store
            .add_attachment(f.request, "other", "over.pdf", &over, f.op),
        Err(StoreError::TooLarge { .. })
    ));
}

#[test]
fn identical_content_is_stored_once() {
    let mut f = fixture();
    let a = write(&f.files, "a.png", PNG);
    let b = write(&f.files, "copy of a.png", PNG);
    let first = f
        .store
        .add_attachment(f.request, "birth-certificate", "a.png", &a, f.op)
        .unwrap();
    let second = f
        .store
        .add_attachment(f.request, "privilege", "copy of a.png", &b, f.op)
        .unwrap();
    assert_ne!(first.id, second.id, "two attachment rows");
    assert_eq!(first.sha256, second.sha256);
    assert_eq!(f.store.attachments(f.request).unwrap().len(), 2);
    assert_eq!(attach::blob_count(&f.store), 1, "one file on disk");
}

#[test]
fn attaching_to_a_missing_request_writes_nothing() {
    let mut f = fixture();
    let src = write(&f.files, "a.png", PNG);
    assert!(matches!(
        f.store
            .add_attachment(Uuid::now_v7(), "birth-certificate", "a.png", &src, f.op),
        Err(StoreError::NotFound { .. })
    ));
    assert_eq!(attach::blob_count(&f.store), 0);
    assert!(matches!(
        f.store.read_attachment("../../tereze.db"),
        Err(StoreError::BadHash)
    ));
}

#[test]
fn a_missing_source_file_is_an_io_error() {
    let mut f = fixture();
    let err = f
        .store
        .add_attachment(
            f.request,
            "birth-certificate",
            "gone.png",
            &f.files.join("gone.png"),
            f.op,
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::Io { .. }));
    assert_eq!(err.localized().key, "store-io");
}

/// The newest audit row: (action, entity id, detail JSON).
fn last_audit(store: &Store) -> (String, Option<String>, serde_json::Value) {
    let (action, entity, detail): (String, Option<String>, String) = store
        .connection()
        .query_row(
            "SELECT action, entity_id, detail FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    (action, entity, serde_json::from_str(&detail).unwrap())
}

#[test]
fn removing_an_attachment_is_an_outbox_operation_and_an_audit_row_and_keeps_the_blob() {
    let mut f = fixture();
    let src = write(&f.files, "a.png", PNG);
    let a = f
        .store
        .add_attachment(f.request, "birth-certificate", "a.png", &src, f.op)
        .unwrap();
    let pending_before = f.store.pending_outbox(100).unwrap().len();

    let removed = f.store.remove_attachment(a.id, f.op).unwrap();
    assert_eq!(removed.id, a.id);
    assert!(f.store.attachments(f.request).unwrap().is_empty());

    let ops = f.store.pending_outbox(100).unwrap();
    assert_eq!(ops.len(), pending_before + 1, "exactly one new operation");
    match &ops.last().unwrap().operation {
        Operation::RemoveAttachment {
            attachment_id,
            request_id,
            version,
            by,
            ..
        } => {
            assert_eq!(*attachment_id, a.id);
            assert_eq!(*request_id, f.request);
            assert_eq!(*version, 2);
            assert_eq!(*by, f.op);
        }
        other => panic!("expected RemoveAttachment, got {other:?}"),
    }
    let (action, entity, detail) = last_audit(&f.store);
    assert_eq!(action, "remove-attachment");
    assert_eq!(entity, Some(a.id.to_string()));
    assert_eq!(detail["slot"], "birth-certificate");
    assert_eq!(detail["sha256"], a.sha256);
    assert!(
        !detail.to_string().contains("a.png"),
        "no file name in the log"
    );
    f.store.verify_audit().unwrap();

    // Never a silent delete: the row is still there, marked, and the content is still stored.
    let (rows, marked): (i64, i64) = f
        .store
        .connection()
        .query_row(
            "SELECT count(*), count(removed_at) FROM attachments WHERE id = ?1",
            [a.id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((rows, marked), (1, 1));
    assert_eq!(f.store.read_attachment(&a.sha256).unwrap(), PNG);
}

#[test]
fn removing_twice_or_an_unknown_attachment_changes_nothing() {
    let mut f = fixture();
    let src = write(&f.files, "a.pdf", PDF);
    let a = f
        .store
        .add_attachment(f.request, "birth-certificate", "a.pdf", &src, f.op)
        .unwrap();
    f.store.remove_attachment(a.id, f.op).unwrap();
    let ops = f.store.pending_outbox(100).unwrap().len();
    let head = f.store.audit_head().unwrap();
    for id in [a.id, Uuid::now_v7()] {
        let err = f.store.remove_attachment(id, f.op).unwrap_err();
        assert!(
            matches!(err, StoreError::AttachmentNotFound { .. }),
            "{err:?}"
        );
        assert_eq!(err.localized().key, "store-attachment-not-found");
    }
    assert_eq!(f.store.pending_outbox(100).unwrap().len(), ops);
    assert_eq!(f.store.audit_head().unwrap(), head);
}

#[test]
fn replacing_removes_the_old_scan_and_adds_the_new_one_to_the_same_slot_at_once() {
    let mut f = fixture();
    let old_src = write(&f.files, "blurred.jpg", JPEG);
    let old = f
        .store
        .add_attachment(
            f.request,
            "birth-certificate",
            "blurred.jpg",
            &old_src,
            f.op,
        )
        .unwrap();
    let ops_before = f.store.pending_outbox(100).unwrap().len();

    // A refused file leaves the old scan in place and writes nothing.
    let text = write(&f.files, "new.png", b"not a picture");
    assert!(matches!(
        f.store.replace_attachment(old.id, "new.png", &text, f.op),
        Err(StoreError::UnsupportedType)
    ));
    assert_eq!(f.store.attachments(f.request).unwrap(), vec![old.clone()]);
    assert_eq!(f.store.pending_outbox(100).unwrap().len(), ops_before);

    let new_src = write(&f.files, "sharp.png", PNG);
    let new = f
        .store
        .replace_attachment(old.id, "sharp.png", &new_src, f.op)
        .unwrap();
    assert_eq!(new.slot, "birth-certificate");
    assert_eq!(new.media_type, MediaType::Png);
    assert_eq!(f.store.attachments(f.request).unwrap(), vec![new.clone()]);
    let ops = f.store.pending_outbox(100).unwrap();
    let kinds: Vec<&str> = ops[ops_before..]
        .iter()
        .map(|e| e.operation.kind())
        .collect();
    assert_eq!(kinds, ["remove-attachment", "add-attachment"]);
    assert_eq!(ops[ops_before].operation.entity_id(), old.id);
    assert_eq!(ops[ops_before + 1].operation.entity_id(), new.id);
    f.store.verify_audit().unwrap();
}

#[test]
fn the_pending_count_follows_the_outbox_and_its_acknowledgements() {
    let mut f = fixture();
    let src = write(&f.files, "a.png", PNG);
    let a = f
        .store
        .add_attachment(f.request, "birth-certificate", "a.png", &src, f.op)
        .unwrap();
    f.store.remove_attachment(a.id, f.op).unwrap();
    let pending = f.store.pending_outbox(100).unwrap();
    assert_eq!(pending.len(), 3, "save, add, remove");
    assert_eq!(f.store.pending_outbox_count().unwrap(), 3);
    assert_eq!(f.store.stats().unwrap().pending_outbox, 3);
    f.store.ack_outbox(pending[1].seq).unwrap();
    assert_eq!(f.store.pending_outbox_count().unwrap(), 1);
}
