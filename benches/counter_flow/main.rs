//! Operator timing: the full preschool flow at the counter, scripted through the same screens
//! and tasks the window runs, on the demo data folder with the demo key file. For each step it
//! records how long the operator waits from pressing the button to the screen's answer (tasks
//! included: signing and verifying, rendering and previewing the talon, writing the PDF), and
//! the total. The regulation allows 10 minutes for intake; the target for the system's share is
//! under 5 s in total.
//!
//! Run: `cargo bench -p tereze --bench counter_flow` (add `-- --runs N` for more runs; the
//! figures printed are the median of the runs, each on a new request).

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use iced::Task;
use iced::futures::StreamExt;
use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::{Screen, decide, document, home, login, sign};
use tereze::startup;
use tereze_core::iin::{Iin, Sex};
use tereze_core::store::RequestDraft;
use time::OffsetDateTime;
use time::macros::date;
use uuid::Uuid;

type Fallible<T> = Result<T, Box<dyn Error>>;

const DEMO_KEY_PASSWORD: &str = "demo-sign-2026";
const EXECUTOR: (&str, &str) = ("900412442007", "demo-executor-2026");
const STEPS: [&str; 10] = [
    "form saved (ФЛК + store)",
    "scan attached",
    "key file opened",
    "request signed + verified",
    "registered",
    "taken into work + queued",
    "talon signed + verified",
    "talon rendered + previewed",
    "talon spooled to a PDF file",
    "issued with the survey",
];

fn runs() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(5)
}

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// Every message `task` produces, run on a tokio runtime as the window's runtime would.
fn run_task(task: Task<Message>) -> Fallible<Vec<Message>> {
    let Some(stream) = iced_test::runtime::task::into_stream(task) else {
        return Ok(Vec::new());
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    Ok(runtime.block_on(
        stream
            .filter_map(|action| async move {
                match action {
                    iced_test::runtime::Action::Output(message) => Some(message),
                    _ => None,
                }
            })
            .collect(),
    ))
}

/// Sends `message` and every message its tasks produce until the app is quiet; returns how
/// long that took: the operator's wait for this press.
fn press(app: &mut App, message: Message) -> Fallible<Duration> {
    let started = Instant::now();
    let mut queue = vec![message];
    while let Some(next) = queue.pop() {
        let produced = run_task(app.update(next))?;
        queue.extend(produced.into_iter().rev());
    }
    Ok(started.elapsed())
}

fn form() -> Fallible<tereze_core::form::FieldValues> {
    let applicant = (0..200)
        .find_map(|s| Iin::compose(date!(1993 - 03 - 14), Sex::Female, 3300 + s))
        .ok_or("no applicant IIN")?;
    let child = (0..200)
        .find_map(|s| Iin::compose(date!(2022 - 08 - 09), Sex::Male, 5300 + s))
        .ok_or("no child IIN")?;
    let mut fields = tereze_core::form::FieldValues::new();
    for (k, v) in [
        ("applicant-iin", applicant.as_string()),
        ("applicant-last-name", "Серікова".into()),
        ("applicant-first-name", "Дана".into()),
        ("applicant-patronymic", "Қайратқызы".into()),
        ("applicant-address", "г. Шымкент, ул. Толе би, д. 3".into()),
        ("applicant-postal-index", "160000".into()),
        ("applicant-phone", "+7 701 555 04 04".into()),
        ("child-iin", child.as_string()),
        ("child-last-name", "Сериков".into()),
        ("child-first-name", "Әли".into()),
        ("child-patronymic", "Асқарұлы".into()),
        ("child-birth-date", "09.08.2022".into()),
        ("child-sex", "male".into()),
        ("group-language", "kk".into()),
        ("correctional-group", "false".into()),
        ("privilege-category", "none".into()),
    ] {
        fields.insert(k.to_owned(), v);
    }
    Ok(fields)
}

/// The sign screen: open the demo key (one step) and sign (the next); then continue.
fn sign_steps(app: &mut App, waits: &mut Vec<Duration>) -> Fallible<()> {
    press(
        app,
        Message::Sign(sign::Message::FileChosen(Some(manifest(
            "assets/demo/pki/executor.p12",
        )))),
    )?;
    press(
        app,
        Message::Sign(sign::Message::PasswordChanged(DEMO_KEY_PASSWORD.into())),
    )?;
    waits.push(press(app, Message::Sign(sign::Message::OpenKey))?);
    let signed = press(app, Message::Sign(sign::Message::Sign))?;
    match app.screen() {
        Screen::Sign(s) if s.is_kept() => {}
        _ => return Err("the signature was not kept".into()),
    }
    let continued = press(app, Message::Sign(sign::Message::Continue))?;
    waits.push(signed + continued);
    Ok(())
}

/// One full flow on a new request; the operator's wait at each step, in [`STEPS`] order.
fn flow(app: &mut App, out: &Path) -> Fallible<Vec<Duration>> {
    let ctx = app.context();
    let operator = ctx.operator.as_ref().ok_or("nobody logged in")?.id;
    let regulation = ctx
        .registry
        .get("preschool-queue")
        .ok_or("no preschool service")?;
    let mut waits = Vec::new();

    // The form's save task: ФЛК, then one transaction.
    let started = Instant::now();
    let report = tereze_core::flk::check(
        regulation,
        tereze_core::demo::DEMO_PROFILE,
        &form()?,
        &["birth-certificate"],
    )?;
    if !report.is_ok() {
        return Err("the form does not pass the ФЛК".into());
    }
    let id: Uuid = {
        let mut store = ctx.store.lock().map_err(|_| "store poisoned")?;
        store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".into(),
                    profile: tereze_core::demo::DEMO_PROFILE.into(),
                    channel: tereze_core::channel::Channel::Office,
                    fields: report.values,
                },
                operator,
            )?
            .id
    };
    waits.push(started.elapsed());
    let started = Instant::now();
    ctx.store
        .lock()
        .map_err(|_| "store poisoned")?
        .add_attachment(
            id,
            "birth-certificate",
            "birth.pdf",
            &manifest("assets/demo/demo-scan.pdf"),
            operator,
        )?;
    waits.push(started.elapsed());

    press(app, Message::Home(home::Message::Open(id)))?;
    press(app, Message::Decide(decide::Message::Sign))?;
    sign_steps(app, &mut waits)?;
    waits.push(press(app, Message::Decide(decide::Message::Register))?);
    let queued = press(app, Message::Decide(decide::Message::TakeIntoWork))?
        + press(app, Message::Decide(decide::Message::Decide))?;
    waits.push(queued);
    press(app, Message::Decide(decide::Message::SignResult))?;
    let mut talon = Vec::new();
    sign_steps(app, &mut talon)?;
    waits.push(talon.iter().sum());
    waits.push(press(app, Message::Decide(decide::Message::OpenDocument))?);
    waits.push(press(
        app,
        Message::Document(document::Message::SaveChosen(Some(
            out.join(format!("{id}.pdf")),
        ))),
    )?);
    for m in [
        document::survey::Message::Process(3),
        document::survey::Message::Information(3),
    ] {
        press(app, Message::Document(document::Message::Survey(m)))?;
    }
    waits.push(press(app, Message::Document(document::Message::Issue))?);
    let issued = app
        .context()
        .store
        .lock()
        .map_err(|_| "store poisoned")?
        .load_request(id)?
        .status;
    if issued != tereze_core::lifecycle::Status::Issued {
        return Err(format!("the request ended {issued:?}, not issued").into());
    }
    if !out.join(format!("{id}.pdf")).is_file() {
        return Err("the talon was not written".into());
    }
    press(app, Message::Document(document::Message::Back))?;
    press(app, Message::Decide(decide::Message::Back))?;
    Ok(waits)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() -> Fallible<()> {
    let dir = tempfile::tempdir()?;
    let run = RunArgs {
        data_dir: Some(dir.path().to_path_buf()),
        demo: true,
        lang: Some(Lang::Ru),
    };
    let started = startup::start(&run, Lang::Ru)?;
    let mut app = App::new(started.context());
    let result = login::attempt(
        &app.context().store,
        EXECUTOR.0,
        EXECUTOR.1,
        OffsetDateTime::now_utc(),
    );
    press(&mut app, Message::Login(login::Message::Finished(result)))?;
    let out = dir.path().join("spool");
    std::fs::create_dir_all(&out)?;

    let runs = runs();
    let mut per_step: Vec<Vec<Duration>> = vec![Vec::new(); STEPS.len()];
    let mut totals = Vec::new();
    for _ in 0..runs {
        let waits = flow(&mut app, &out)?;
        totals.push(waits.iter().sum());
        for (step, wait) in waits.into_iter().enumerate() {
            if let Some(column) = per_step.get_mut(step) {
                column.push(wait);
            }
        }
    }
    println!("counter flow, preschool registration: median of {runs} runs");
    for (name, waits) in STEPS.iter().zip(per_step) {
        println!("  {name:<32} {:>8.1} ms", median(waits).as_secs_f64() * 1e3);
    }
    let total = median(totals);
    println!(
        "  {:<32} {:>8.1} ms  (target < 5000 ms: {})",
        "total the operator waits",
        total.as_secs_f64() * 1e3,
        if total < Duration::from_secs(5) {
            "met"
        } else {
            "NOT met"
        }
    );
    Ok(())
}
