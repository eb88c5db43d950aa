#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Printing from the document screen on a real print service: a CUPS scheduler of the test's
//! own with a cups-pdf queue. A signed talon printed to the printer chosen in the settings is
//! followed on screen until printed, arrives as a PDF whose QR code gives the request number
//! and the signed content's hash, and is audited without personal data; an unsigned document never reaches the scheduler; on a
//! stopped queue the job waits and the screen says so.

#[path = "support/counter.rs"]
mod counter;
#[path = "../crates/report/tests/support/cups.rs"]
mod cups;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::thread::sleep;
use std::time::{Duration, Instant};

use iced_test::runtime::futures::subscription::into_recipes;
use iced_test::selector::Candidate;
use iced_test::simulator;
use tereze::app::{App, Context, Message};
use tereze::i18n::Lang;
use tereze::screen::settings::{Message as SettingsMessage, PrinterChoice};
use tereze::screen::{Screen, decide, document, home, sign};
use tereze_core::lifecycle::Status;
use tereze_report::print::{JobState, PrintService};
use uuid::Uuid;

use counter::*;
use cups::Scheduler;

/// The queue the settings choose.
const QUEUE: &str = "TerezePDF";
/// Another queue, the scheduler's default, that must not be used once the settings name one.
const DEFAULT_QUEUE: &str = "FrontDesk";
/// How long a job may take to print on the test's own scheduler.
const PRINT_DEADLINE: Duration = Duration::from_secs(30);
/// cups-pdf names its file after the job title, the same for every test's talon: one test at
/// a time lets a job reach cups-pdf and takes its printout.
static PRINTOUTS: Mutex<()> = Mutex::new(());
/// The form fields that are personal data (see `counter::new_request`).
const PERSONAL_FIELDS: [&str; 12] = [
    "applicant-iin",
    "applicant-last-name",
    "applicant-first-name",
    "applicant-patronymic",
    "applicant-address",
    "applicant-phone",
    "child-iin",
    "child-last-name",
    "child-first-name",
    "child-patronymic",
    "child-birth-date",
    "applicant-postal-index",
];

/// Fails clearly, never passes, where the cups-pdf backend cannot run, and checks the tools.
fn require_printing_tools() {
    assert!(
        cups::is_root(),
        "this test runs its own cupsd whose cups-pdf backend only runs as root; run it as root"
    );
    // A finished job is told printed or not by ipptool.
    cups::tool("ipptool", "cups-ipp-utils");
    cups::tool("pdftoppm", "poppler-utils");
    cups::tool("zbarimg", "zbar-tools");
}

/// A scheduler with the cups-pdf queue the settings choose and another one as its default.
fn scheduler_with_queues() -> Scheduler {
    let scheduler = Scheduler::start();
    scheduler.add_cups_pdf_queue(QUEUE);
    scheduler.add_cups_pdf_queue(DEFAULT_QUEUE);
    scheduler.admin("lpadmin", &["-d", DEFAULT_QUEUE]);
    scheduler
}

/// The demo executor logged in, with `QUEUE` chosen on the settings screen and saved.
fn app_printing_to_queue(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo::logged_in(lang);
    // The form's own printer list asks the system's scheduler, which this test does not use.
    let _ = app.update(Message::Home(home::Message::OpenSettings));
    assert!(matches!(app.screen(), Screen::Settings(_)));
    tasks::settle(
        &mut app,
        Message::Settings(SettingsMessage::PrinterPicked(PrinterChoice(QUEUE.into()))),
    );
    tasks::settle(&mut app, Message::Settings(SettingsMessage::Save));
    assert!(app.error().is_none(), "{:?}", app.error());
    assert_eq!(app.context().settings.printer.as_deref(), Some(QUEUE));
    (dir, app)
}

/// A preschool request taken to a signed talon through the screens.
fn signed_talon(app: &mut App) -> Uuid {
    let id = decided(app);
    tasks::settle(app, Message::Decide(decide::Message::SignResult));
    sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(app, id), Status::ResultSigned);
    id
}

/// A preschool request registered and decided, its talon not yet signed.
fn decided(app: &mut App) -> Uuid {
    let id = new_request(app);
    sign_and_register(app, id);
    tasks::settle(app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(app, Message::Decide(decide::Message::Decide));
    assert_eq!(status(app, id), Status::Decided);
    id
}

/// Runs the document screen's messages and tasks until it is quiet.
fn settle_document(screen: &mut document::DocumentScreen, ctx: &Context, m: document::Message) {
    let mut queue = vec![m];
    while let Some(next) = queue.pop() {
        if let document::Action::Run(task) = screen.update(ctx, next) {
            queue.extend(tasks::run(task).into_iter().rev());
        }
    }
}

/// The document screen of request `id`, printing through `scheduler`, with its document
/// rendered.
fn document_screen(ctx: &Context, id: Uuid, scheduler: &Scheduler) -> document::DocumentScreen {
    let (screen, load) = document::DocumentScreen::new(ctx, id);
    let mut screen = screen.with_print_service(PrintService::at(scheduler.server()));
    for m in tasks::run(load) {
        settle_document(&mut screen, ctx, m);
    }
    assert!(screen.rendered().is_some(), "{:?}", screen.notice());
    screen
}

/// The job's last known state on the screen.
fn job_state(screen: &document::DocumentScreen) -> Option<JobState> {
    screen.job().and_then(|(_, state)| *state)
}

/// Asks for the job's state as the screen's refresh does, until it has left the queue; at most
/// [`PRINT_DEADLINE`].
fn follow_until_finished(
    screen: &mut document::DocumentScreen,
    ctx: &Context,
    scheduler: &Scheduler,
) -> JobState {
    let deadline = Instant::now() + PRINT_DEADLINE;
    loop {
        settle_document(screen, ctx, document::Message::RefreshJob);
        let state = job_state(screen);
        if let Some(s) = state
            && !matches!(s, JobState::Pending | JobState::Processing)
        {
            return s;
        }
        assert!(
            screen.job().is_some(),
            "the screen stopped following the job: {:?}",
            screen.notice()
        );
        assert!(
            Instant::now() < deadline,
            "the job was still {state:?} after {PRINT_DEADLINE:?}; scheduler log:\n{}",
            scheduler.log()
        );
        sleep(Duration::from_millis(250));
    }
}

/// The first text on the screen that contains `needle`.
fn text_with(screen: &document::DocumentScreen, ctx: &Context, needle: &str) -> Option<String> {
    let needle = needle.to_owned();
    simulator(screen.view(ctx))
        .find(move |c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(needle.as_str()) => {
                Some(content.to_owned())
            }
            _ => None,
        })
        .ok()
}

/// The line the screen shows for the job in `state`, in the operator's language.
fn job_line(screen: &document::DocumentScreen, ctx: &Context, state_key: &str) -> String {
    let t = &ctx.translator;
    let (job, _) = screen.job().expect("a job on the screen");
    t.tr_args(
        "counter-job",
        &[("job", job.to_string()), ("state", t.tr(state_key))],
    )
}

/// Every job the scheduler knows, finished ones included.
fn scheduler_jobs(scheduler: &Scheduler) -> String {
    cups::run_ok(Command::new(cups::tool("lpstat", "cups-client")).args([
        "-h",
        scheduler.server(),
        "-W",
        "all",
        "-o",
    ]))
}

/// The print rows of the audit log for request `id`: (operator, detail).
fn print_rows(app: &App, id: Uuid) -> Vec<(Option<String>, serde_json::Value)> {
    let store = app.context().store.lock().unwrap();
    let mut stmt = store
        .connection()
        .prepare(
            "SELECT operator_id, detail FROM audit \
             WHERE action = 'print' AND entity_id = ?1 ORDER BY seq",
        )
        .unwrap();
    stmt.query_map([id.to_string()], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get::<_, String>(1)?))
    })
    .unwrap()
    .map(|row| {
        let (operator, detail) = row.unwrap();
        (operator, serde_json::from_str(&detail).unwrap())
    })
    .collect()
}

/// The PDF files in `dir` whose name starts with `prefix`.
fn pdfs_in(dir: &Path, prefix: &str) -> HashSet<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with(prefix) && n.ends_with(".pdf"))
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The one PDF cups-pdf wrote into `dir` since `before` was listed, read and removed; waits for
/// it at most [`PRINT_DEADLINE`].
fn take_printout(dir: &Path, before: &HashSet<PathBuf>, scheduler: &Scheduler) -> Vec<u8> {
    let deadline = Instant::now() + PRINT_DEADLINE;
    let file = loop {
        let new: Vec<_> = pdfs_in(dir, "talon").difference(before).cloned().collect();
        if let [file] = new.as_slice() {
            break file.clone();
        }
        assert!(new.len() < 2, "more than one new printout: {new:?}");
        assert!(
            Instant::now() < deadline,
            "no printout appeared in {}; scheduler log:\n{}",
            dir.display(),
            scheduler.log()
        );
        sleep(Duration::from_millis(250));
    };
    let bytes = std::fs::read(&file).unwrap();
    let _ = std::fs::remove_file(&file);
    assert!(
        bytes.starts_with(b"%PDF"),
        "{} is not a PDF",
        file.display()
    );
    bytes
}

/// What the QR code on the last page of `pdf` says, scanned as a checking office would.
fn qr_code(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("doc.pdf");
    std::fs::write(&file, pdf).unwrap();
    cups::run_ok(
        Command::new(cups::tool("pdftoppm", "poppler-utils"))
            .args(["-r", "150", "-png"])
            .arg(&file)
            .arg(dir.path().join("page")),
    );
    let mut pages: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "png"))
        .collect();
    pages.sort();
    let last = pages.last().expect("pdftoppm drew the pages");
    cups::run_ok(
        Command::new(cups::tool("zbarimg", "zbar-tools"))
            .args(["-q", "--raw"])
            .arg(last),
    )
    .trim_end()
    .to_owned()
}

#[test]
fn a_signed_talon_prints_on_the_chosen_queue_is_followed_until_printed_and_audited() {
    require_printing_tools();
    let scheduler = scheduler_with_queues();
    let (_dir, mut app) = app_printing_to_queue(Lang::Ru);
    let id = signed_talon(&mut app);
    let ctx = app.context();
    let mut screen = document_screen(ctx, id, &scheduler);
    let rendered = screen.rendered().unwrap().clone();
    assert!(rendered.signed);
    assert!(
        rendered.title.starts_with("talon "),
        "the job title names the document: {}",
        rendered.title
    );
    let print_button = ctx
        .translator
        .tr_args("counter-print", &[("printer", QUEUE.to_owned())]);
    assert_eq!(
        text_with(&screen, ctx, QUEUE).as_deref(),
        Some(print_button.as_str()),
        "the print button names the printer chosen in the settings"
    );
    let out_dir = cups::cups_pdf_out_dir();
    let printing = PRINTOUTS.lock().unwrap_or_else(|e| e.into_inner());
    let before = pdfs_in(&out_dir, "talon");

    settle_document(&mut screen, ctx, document::Message::Print);
    assert!(screen.notice().is_none(), "{:?}", screen.notice());
    let (job, _) = screen.job().expect("the job is on the screen").clone();
    assert!(
        job.as_str().starts_with(&format!("{QUEUE}-")),
        "printed on the queue the settings chose, not the default: {job}"
    );
    assert!(
        scheduler_jobs(&scheduler).contains(job.as_str()),
        "the scheduler knows the job"
    );

    let state = follow_until_finished(&mut screen, ctx, &scheduler);
    assert_eq!(
        state,
        JobState::Completed,
        "scheduler log:\n{}",
        scheduler.log()
    );
    let printed = job_line(&screen, ctx, "counter-job-completed");
    assert_eq!(
        text_with(&screen, ctx, job.as_str()).as_deref(),
        Some(printed.as_str())
    );
    assert!(
        into_recipes(screen.subscription()).is_empty(),
        "a printed job is no longer polled"
    );

    let bytes = take_printout(&out_dir, &before, &scheduler);
    drop(printing);
    // cups-pdf turns the job into PostScript and back, which loses the text layer's character
    // map (pdftotext reads only symbols); the page keeps its QR code, which a checking office
    // scans: the request number and the content hash of the document that was signed.
    let sent = qr_code(&rendered.pdf);
    assert_eq!(
        sent.lines().next(),
        Some(rendered.number.as_str()),
        "the talon's QR code: {sent}"
    );
    assert_eq!(qr_code(&bytes), sent, "the printout is the signed talon");

    let rows = print_rows(&app, id);
    assert_eq!(rows.len(), 1, "one print, one audit row: {rows:?}");
    let (operator, detail) = &rows[0];
    let executor = app.context().operator.as_ref().unwrap().id;
    assert_eq!(operator.as_deref(), Some(executor.to_string().as_str()));
    assert_eq!(detail["printer"], QUEUE);
    assert_eq!(detail["document"], rendered.title.as_str());
    let store = app.context().store.lock().unwrap();
    store.verify_audit().expect("the audit chain holds");
    let request = store.load_request(id).unwrap();
    let detail = detail.to_string();
    for field in PERSONAL_FIELDS {
        let value = request.fields.get(field).expect(field);
        assert!(
            !detail.contains(value.as_str()),
            "the print row holds the {field}: {detail}"
        );
    }
}

#[test]
fn an_unsigned_document_never_reaches_the_scheduler() {
    require_printing_tools();
    let scheduler = scheduler_with_queues();
    let (_dir, mut app) = app_printing_to_queue(Lang::Kk);
    let id = decided(&mut app);
    let ctx = app.context();
    let mut screen = document_screen(ctx, id, &scheduler);
    assert!(!screen.rendered().unwrap().signed);

    settle_document(&mut screen, ctx, document::Message::Print);
    assert_eq!(
        screen.notice().map(|n| n.key.to_string()).as_deref(),
        Some("counter-sign-before-printing")
    );
    let told = ctx.translator.tr("counter-sign-before-printing");
    assert!(
        text_with(&screen, ctx, &told).is_some(),
        "the screen says to sign first: {told}"
    );
    assert!(screen.job().is_none());
    assert_eq!(scheduler_jobs(&scheduler).trim(), "", "no job was sent");
    assert!(
        print_rows(&app, id).is_empty(),
        "nothing printed, nothing audited"
    );
}

#[test]
fn on_a_stopped_queue_the_job_waits_and_the_screen_says_so() {
    require_printing_tools();
    let scheduler = scheduler_with_queues();
    scheduler.admin("cupsdisable", &["-r", "paper jam", QUEUE]);
    let (_dir, mut app) = app_printing_to_queue(Lang::En);
    let id = signed_talon(&mut app);
    let ctx = app.context();
    let mut screen = document_screen(ctx, id, &scheduler);

    settle_document(&mut screen, ctx, document::Message::Print);
    assert!(screen.notice().is_none(), "{:?}", screen.notice());
    let (job, _) = screen
        .job()
        .expect("a stopped queue still takes the job")
        .clone();
    assert_eq!(job_state(&screen), Some(JobState::Pending));
    // Asked again, the job is still waiting: the queue does not print while stopped.
    settle_document(&mut screen, ctx, document::Message::RefreshJob);
    assert_eq!(job_state(&screen), Some(JobState::Pending));
    let waiting = job_line(&screen, ctx, "counter-job-pending");
    assert_eq!(
        text_with(&screen, ctx, job.as_str()).as_deref(),
        Some(waiting.as_str())
    );
    assert!(
        !into_recipes(screen.subscription()).is_empty(),
        "a waiting job is polled"
    );
    assert!(
        scheduler_jobs(&scheduler).contains(job.as_str()),
        "the job waits in the scheduler"
    );
    // The print was handed to the print service, so it is audited.
    assert_eq!(print_rows(&app, id).len(), 1);

    // Started again, the queue prints the waiting job and the screen follows it.
    let out_dir = cups::cups_pdf_out_dir();
    let _printing = PRINTOUTS.lock().unwrap_or_else(|e| e.into_inner());
    let before = pdfs_in(&out_dir, "talon");
    scheduler.admin("cupsenable", &[QUEUE]);
    assert_eq!(
        follow_until_finished(&mut screen, ctx, &scheduler),
        JobState::Completed
    );
    take_printout(&out_dir, &before, &scheduler);
}
