//! Printing against a real CUPS scheduler started by the test, with a cups-pdf queue whose
//! output file is read back.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/cups.rs"]
mod cups;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::thread::sleep;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use cups::Scheduler;
use tereze_core::i18n::Localize;
use tereze_report::print::{JobState, PrintError, PrintService};

const DEMO_PDF: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../assets/demo/demo-scan.pdf"
);

/// A private folder for the page comparison.
fn dir_for_compare() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tereze-print-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("compare dir");
    dir
}

/// The first page of a PDF as 8-bit gray pixels at 40 dpi: (width, height, pixels).
fn gray_page(pdf: &Path) -> (usize, usize, Vec<u8>) {
    let out = pdf.with_extension("");
    let status = Command::new(cups::tool("pdftoppm", "poppler-utils"))
        .args(["-r", "40", "-gray", "-singlefile", "-f", "1", "-l", "1"])
        .arg(pdf)
        .arg(&out)
        .status()
        .expect("run pdftoppm");
    assert!(status.success(), "pdftoppm failed on {}", pdf.display());
    let pgm = std::fs::read(out.with_extension("pgm")).expect("read pgm");
    // Binary PGM: "P5\n<w> <h>\n<max>\n" then one byte a pixel.
    let mut fields = Vec::new();
    let mut at = 0;
    while fields.len() < 4 {
        while pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        let start = at;
        while !pgm[at].is_ascii_whitespace() {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&pgm[start..at]).into_owned());
    }
    assert_eq!(fields[0], "P5");
    let w: usize = fields[1].parse().expect("width");
    let h: usize = fields[2].parse().expect("height");
    (w, h, pgm[at + 1..].to_vec())
}
const QUEUE: &str = "TerezePDF";

fn demo_pdf() -> Vec<u8> {
    std::fs::read(DEMO_PDF).expect("assets/demo/demo-scan.pdf")
}

/// A title no other run uses, so the output file is found by it.
fn unique_title() -> String {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_nanos();
    format!("tereze-print-test-{}-{nanos}", std::process::id())
}

/// Polls (at most 60 s) until `done` gives a value.
fn wait_for<T>(what: &str, scheduler: &Scheduler, mut done: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if let Some(value) = done() {
            return value;
        }
        assert!(
            Instant::now() < deadline,
            "{what} did not happen within 60 s; scheduler log:\n{}",
            scheduler.log()
        );
        sleep(Duration::from_millis(200));
    }
}

fn output_file(dir: &Path, title: &str) -> Option<PathBuf> {
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(title) && n.ends_with(".pdf"))
        })
}

#[test]
fn a_talon_printed_on_a_cups_pdf_queue_arrives_as_a_pdf_that_reads_back() {
    assert!(
        cups::is_root(),
        "this test runs its own cupsd whose cups-pdf backend only runs as root; run it as root"
    );
    cups::tool("pdftoppm", "poppler-utils");
    // lpstat lists printed, cancelled and aborted jobs alike; ipptool tells them apart.
    cups::tool("ipptool", "cups-ipp-utils");
    let scheduler = Scheduler::start();
    scheduler.add_cups_pdf_queue(QUEUE);
    let service = PrintService::at(scheduler.server());

    let printers = service.printers().expect("printers");
    assert_eq!(printers.len(), 1, "{printers:?}");
    assert_eq!(printers[0].name, QUEUE);
    assert!(printers[0].enabled && printers[0].accepting);
    assert_eq!(printers[0].description, None);

    let out_dir = cups::cups_pdf_out_dir();
    let title = unique_title();
    let talon = tereze_report::render(&tereze_report::samples::talon()).expect("render talon");
    let job = service
        .print_pdf(QUEUE, &talon.pdf, &title)
        .expect("print_pdf");
    assert!(job.as_str().starts_with("TerezePDF-"), "{job}");

    wait_for("job completion", &scheduler, || {
        let state = service.job_state(&job).expect("job_state");
        assert!(
            matches!(
                state,
                JobState::Pending | JobState::Processing | JobState::Completed
            ),
            "job ended as {state:?}; scheduler log:\n{}",
            scheduler.log()
        );
        (state == JobState::Completed).then_some(())
    });
    let file = wait_for(
        &format!("cups-pdf output in {}", out_dir.display()),
        &scheduler,
        || output_file(&out_dir, &title),
    );
    let bytes = std::fs::read(&file).expect("read output");
    let _ = std::fs::remove_file(&file);
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        file.display()
    );
    // cups-pdf rewrites the fonts, so its text layer does not read back; what must survive is
    // the page itself: rendered side by side, the printed talon looks like the one we sent.
    let sent = dir_for_compare().join("sent.pdf");
    std::fs::write(&sent, &talon.pdf).expect("write sent talon");
    let printed = dir_for_compare().join("printed.pdf");
    std::fs::write(&printed, &bytes).expect("write printed talon");
    let a = gray_page(&sent);
    let b = gray_page(&printed);
    assert_eq!((a.0, a.1), (b.0, b.1), "page size changed in printing");
    // Printing may move the page by a pixel at this resolution; a pixel counts as different
    // only when no pixel around the same place in the other page matches it.
    let (w, h) = (a.0, a.1);
    let differing = (0..h)
        .flat_map(|y| (0..w).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let here = a.2[y * w + x];
            let near = |d: usize, n: usize| d.saturating_sub(1)..=(d + 1).min(n - 1);
            near(y, h).all(|ny| near(x, w).all(|nx| here.abs_diff(b.2[ny * w + nx]) > 64))
        })
        .count();
    assert!(
        differing * 100 < a.2.len(),
        "{differing} of {} pixels differ between the sent and the printed talon",
        a.2.len()
    );
    let dark = b.2.iter().filter(|&&v| v < 128).count();
    assert!(dark * 200 > b.2.len(), "the printed talon is blank");
    let _ = std::fs::remove_dir_all(dir_for_compare());
}

#[test]
fn no_scheduler_at_the_socket_is_scheduler_not_running() {
    let dir = tempfile::tempdir().expect("temp dir");
    cups::tool("lpstat", "cups-client");
    let socket = dir.path().join("cups.sock");
    let service = PrintService::at(socket.to_str().expect("utf-8"));

    assert_eq!(service.scheduler_running(), Ok(false));
    assert_eq!(service.printers(), Err(PrintError::SchedulerNotRunning));
    let err = service
        .print_pdf(QUEUE, &demo_pdf(), "talon")
        .expect_err("nothing to print on");
    assert_eq!(err, PrintError::SchedulerNotRunning);
    assert_eq!(err.localized().key, "print-scheduler-not-running");
}

#[test]
fn a_scheduler_without_queues_has_no_printers() {
    let scheduler = Scheduler::start();
    let service = PrintService::at(scheduler.server());

    assert_eq!(service.scheduler_running(), Ok(true));
    assert_eq!(service.printers(), Ok(Vec::new()));
    assert_eq!(
        service.print_pdf(QUEUE, &demo_pdf(), "talon"),
        Err(PrintError::NoPrinters)
    );
}

#[test]
fn unknown_or_rejecting_printers_are_told_apart() {
    let scheduler = Scheduler::start();
    scheduler.add_cups_pdf_queue(QUEUE);
    scheduler.add_cups_pdf_queue("Closed");
    scheduler.admin("cupsreject", &["-r", "out of paper", "Closed"]);
    let service = PrintService::at(scheduler.server());

    let err = service
        .print_pdf("NoSuchPrinter", &demo_pdf(), "talon")
        .expect_err("no such queue");
    assert_eq!(
        err,
        PrintError::UnknownPrinter {
            printer: "NoSuchPrinter".into()
        }
    );
    assert_eq!(err.localized().get("printer"), Some("NoSuchPrinter"));

    let closed = service.printers().expect("printers");
    let closed = closed.iter().find(|p| p.name == "Closed").expect("listed");
    assert!(!closed.accepting);
    assert_eq!(
        service.print_pdf("Closed", &demo_pdf(), "talon"),
        Err(PrintError::Rejected {
            printer: "Closed".into()
        })
    );
}

#[test]
fn a_job_on_a_stopped_queue_waits_and_can_be_cancelled() {
    cups::tool("ipptool", "cups-ipp-utils");
    let scheduler = Scheduler::start();
    scheduler.add_cups_pdf_queue(QUEUE);
    scheduler.admin("lpadmin", &["-d", QUEUE]);
    scheduler.admin("cupsdisable", &["-r", "paper jam", QUEUE]);
    let service = PrintService::at(scheduler.server());

    let printers = service.printers().expect("printers");
    assert!(printers[0].is_default && !printers[0].enabled && printers[0].accepting);

    let job = service
        .print_pdf(QUEUE, &demo_pdf(), "talon")
        .expect("a stopped queue still takes jobs");
    assert_eq!(service.job_state(&job), Ok(JobState::Pending));
    service.cancel(&job).expect("cancel");
    let state = wait_for("cancellation", &scheduler, || {
        let state = service.job_state(&job).expect("job_state");
        (state != JobState::Pending).then_some(state)
    });
    assert_eq!(state, JobState::Cancelled);
}
