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
const DEMO_MARKER: &str = "DEMO SCAN - NOT A REAL DOCUMENT";
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
fn a_pdf_printed_on_a_cups_pdf_queue_arrives_as_that_pdf() {
    assert!(
        cups::is_root(),
        "this test runs its own cupsd whose cups-pdf backend only runs as root; run it as root"
    );
    let pdftotext = cups::tool("pdftotext", "poppler-utils");
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
    let job = service
        .print_pdf(QUEUE, &demo_pdf(), &title)
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
    let text = Command::new(&pdftotext)
        .arg(&file)
        .arg("-")
        .output()
        .expect("run pdftotext");
    let _ = std::fs::remove_file(&file);
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        file.display()
    );
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains(DEMO_MARKER), "printed PDF says: {text:?}");
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
