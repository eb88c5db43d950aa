//! Scans on the request form, driven through `update` with the tasks run as the window runs
//! them: a file dropped on the window lands in the marked slot and gets a thumbnail, a refused
//! drop stores nothing and says why, removal asks first and is recorded, replace is one step,
//! and the preview shows an image or a PDF's pages.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fs;
use std::path::{Path, PathBuf};

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, request};
use tereze_core::store::MediaType;
use uuid::Uuid;

#[path = "support/demo.rs"]
mod demo;
#[path = "support/scans.rs"]
mod scans;
#[path = "support/tasks.rs"]
mod tasks;

use tasks::settle;

fn form(app: &App) -> &request::RequestForm {
    match app.screen() {
        Screen::Request(form) => form,
        other => panic!("not on the form: {other:?}"),
    }
}

fn send(app: &mut App, message: request::Message) {
    settle(app, Message::Request(message));
}

/// A new preschool form, saved as a draft (through the real save task) unless `save` is false.
fn new_form(save: bool) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo::logged_in(Lang::Ru);
    for message in [
        home::Message::ServicePicked(home::Picked {
            id: "preschool-queue".into(),
            label: String::new(),
        }),
        home::Message::ProfilePicked(home::Picked {
            id: "default".into(),
            label: String::new(),
        }),
        home::Message::NewRequest,
    ] {
        let _ = app.update(Message::Home(message));
    }
    if save {
        send(&mut app, request::Message::Save);
        assert!(form(&app).saved_id().is_some(), "{:?}", form(&app).notice());
    }
    (dir, app)
}

fn file(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn only_attachment(app: &App) -> tereze_core::store::Attachment {
    let attachments = form(app).attachments();
    assert_eq!(attachments.len(), 1, "{attachments:?}");
    attachments[0].clone()
}

fn stored_attachments(app: &App) -> Vec<tereze_core::store::Attachment> {
    let id = form(app).saved_id().unwrap();
    app.context().store.lock().unwrap().attachments(id).unwrap()
}

#[test]
fn a_dropped_scan_goes_to_the_marked_slot_and_gets_a_thumbnail() {
    let (dir, mut app) = new_form(true);
    let reg = app.context().registry.get("preschool-queue").unwrap();
    assert_eq!(
        form(&app).drop_slot(reg).as_deref(),
        Some("birth-certificate"),
        "first the first slot without a file"
    );
    send(
        &mut app,
        request::Message::DropTarget("privilege-document".into()),
    );
    let _ = app.update(Message::FilesHovered(true));
    assert!(form(&app).hovering());

    let photo = file(dir.path(), "льгота.png", &scans::png(400, 300));
    settle(&mut app, Message::FileDropped(photo));
    assert!(!form(&app).hovering());
    let attached = only_attachment(&app);
    assert_eq!(attached.slot, "privilege-document");
    assert_eq!(attached.media_type, MediaType::Png);
    assert_eq!(stored_attachments(&app), vec![attached.clone()]);

    let thumbnail = form(&app).thumbnail(attached.id).unwrap().as_ref().unwrap();
    assert_eq!((thumbnail.width, thumbnail.height), (96, 72), "aspect kept");
}

#[test]
fn a_refused_drop_stores_nothing_and_says_why() {
    let (dir, mut app) = new_form(true);
    let fake = file(dir.path(), "scan.png", b"just text, not a picture");
    settle(&mut app, Message::FileDropped(fake));
    assert!(form(&app).attachments().is_empty());
    assert!(stored_attachments(&app).is_empty());
    assert_eq!(form(&app).notice().unwrap().key, "store-unsupported-type");

    // Over the size limit (10 MiB by default): refused before it is read.
    let huge = dir.path().join("huge.pdf");
    fs::File::create(&huge)
        .unwrap()
        .set_len(11 * 1024 * 1024)
        .unwrap();
    settle(&mut app, Message::FileDropped(huge));
    assert!(stored_attachments(&app).is_empty());
    assert_eq!(form(&app).notice().unwrap().key, "store-too-large");
}

#[test]
fn a_drop_on_an_unsaved_form_asks_to_save_first() {
    let (dir, mut app) = new_form(false);
    let pdf = file(dir.path(), "birth.pdf", &scans::pdf(1));
    settle(&mut app, Message::FileDropped(pdf));
    assert!(form(&app).attachments().is_empty());
    assert_eq!(
        form(&app).notice().unwrap().key,
        "form-save-before-attaching"
    );
}

#[test]
fn removal_is_confirmed_first_and_recorded_in_the_outbox() {
    let (dir, mut app) = new_form(true);
    settle(
        &mut app,
        Message::FileDropped(file(dir.path(), "birth.jpg", &scans::jpeg(64, 64))),
    );
    let attached = only_attachment(&app);

    send(&mut app, request::Message::Remove(attached.id));
    assert_eq!(form(&app).confirming_removal(), Some(attached.id));
    send(&mut app, request::Message::CancelRemove);
    assert_eq!(form(&app).confirming_removal(), None);
    assert_eq!(stored_attachments(&app).len(), 1, "cancel keeps the file");

    send(&mut app, request::Message::Remove(attached.id));
    send(&mut app, request::Message::ConfirmRemove);
    assert!(form(&app).attachments().is_empty());
    assert!(form(&app).thumbnail(attached.id).is_none());
    assert_eq!(form(&app).notice().unwrap().key, "form-attachment-removed");
    assert!(stored_attachments(&app).is_empty());
    let store = app.context().store.lock().unwrap();
    let last = store.pending_outbox(100).unwrap().pop().unwrap();
    assert_eq!(last.operation.kind(), "remove-attachment");
    assert_eq!(last.operation.entity_id(), attached.id);
    // The birth certificate is required again.
    drop(store);
    assert!(
        form(&app)
            .report()
            .unwrap()
            .errors_on("birth-certificate")
            .next()
            .is_some()
    );
}

#[test]
fn replace_swaps_the_file_in_the_same_slot_in_one_step() {
    let (dir, mut app) = new_form(true);
    settle(
        &mut app,
        Message::FileDropped(file(dir.path(), "blurred.jpg", &scans::jpeg(32, 32))),
    );
    let old = only_attachment(&app);
    let sharp = file(dir.path(), "sharp.pdf", &scans::pdf(1));
    send(
        &mut app,
        request::Message::ReplacePicked(old.id, Some(sharp)),
    );
    let new = only_attachment(&app);
    assert_ne!(new.id, old.id);
    assert_eq!(new.slot, old.slot);
    assert_eq!(new.media_type, MediaType::Pdf);
    assert_eq!(stored_attachments(&app), vec![new]);
    assert_eq!(form(&app).notice().unwrap().key, "form-attachment-replaced");

    // A refused replacement keeps what was there.
    let kept = only_attachment(&app);
    let text = file(dir.path(), "note.pdf", b"not a pdf");
    send(
        &mut app,
        request::Message::ReplacePicked(kept.id, Some(text)),
    );
    assert_eq!(stored_attachments(&app), vec![kept]);
    assert_eq!(form(&app).notice().unwrap().key, "store-unsupported-type");
}

#[test]
fn the_preview_shows_an_image_and_the_pages_of_a_pdf() {
    scans::require_pdftoppm();
    let (dir, mut app) = new_form(true);
    send(
        &mut app,
        request::Message::DropTarget("birth-certificate".into()),
    );
    settle(
        &mut app,
        Message::FileDropped(file(dir.path(), "birth.pdf", &scans::pdf(4))),
    );
    settle(
        &mut app,
        Message::FileDropped(file(dir.path(), "photo.png", &scans::png(1600, 1200))),
    );
    let [pdf, png] = form(&app).attachments() else {
        panic!("two attachments expected");
    };
    let (pdf, png) = (pdf.id, png.id);
    assert!(matches!(form(&app).thumbnail(pdf), Some(Ok(_))));

    send(&mut app, request::Message::OpenPreview(pdf));
    let preview = form(&app).preview().unwrap();
    assert_eq!(preview.attachment, pdf);
    let pages = preview.pages.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(pages.len(), 3, "the first three of four pages");

    send(&mut app, request::Message::OpenPreview(png));
    let pages = form(&app)
        .preview()
        .unwrap()
        .pages
        .clone()
        .unwrap()
        .unwrap();
    assert_eq!(pages.len(), 1);
    assert_eq!((pages[0].width, pages[0].height), (900, 675));

    send(&mut app, request::Message::ClosePreview);
    assert!(form(&app).preview().is_none());
    // A preview of something that is not attached opens nothing.
    send(&mut app, request::Message::OpenPreview(Uuid::now_v7()));
    assert!(form(&app).preview().is_none());
}

#[test]
fn an_image_over_forty_megapixels_is_refused_with_its_size() {
    let (dir, mut app) = new_form(true);
    // 8000 x 6000 = 48 MP in the header; the body is never decoded.
    settle(
        &mut app,
        Message::FileDropped(file(dir.path(), "huge.png", &scans::png_header(8000, 6000))),
    );
    assert!(form(&app).attachments().is_empty());
    let why = form(&app).notice().unwrap();
    assert_eq!(why.key, "scan-too-many-pixels");
    assert_eq!(why.get("megapixels"), Some("48"));
}
