//! The output document of a decided request: rendered bilingual with the real signature block,
//! previewed page by page, printed to the printer chosen in the settings with the job's state,
//! saved as PDF, and handed out — with the two-question quality survey offered at issue.
//! E-mail goes through the server (see [`email`]); until this workstation has a connection the
//! button stays disabled and says why.

pub mod email;
pub mod survey;

use std::path::PathBuf;
use std::sync::Arc;

use iced::widget::{button, column, image, row, scrollable, text};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::lifecycle::Status;
use tereze_core::store::MediaType;
use tereze_report::print::{JobId, JobState, PrintService};
use uuid::Uuid;

use crate::app::Context;
use crate::counter::documents;
use crate::preview::{self, Picture};
use crate::screen::sign::with_id;
use crate::{task, theme};

/// Stable widget ids for tests and focus.
pub mod id {
    /// Print.
    pub const PRINT: &str = "document-print";
    /// Ask the print service where the job stands.
    pub const JOB_STATE: &str = "document-job-state";
    /// Save as PDF.
    pub const SAVE: &str = "document-save";
    /// Send by e-mail (through the server).
    pub const EMAIL: &str = "document-email";
    /// Hand the document out.
    pub const ISSUE: &str = "document-issue";
    /// Back to the request.
    pub const BACK: &str = "document-back";
    /// Sign again and reprint with the official number.
    pub const REPRINT: &str = "document-reprint";
    /// Sign the document that replaced the signed one (the referral after the talon).
    pub const SIGN_NEW: &str = "document-sign-new";
}

/// The rendered document.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Arc<Vec<u8>>,
    /// The request's status when rendered.
    pub status: Status,
    /// The request number printed on it.
    pub number: String,
    /// Whether the number on it is provisional.
    pub provisional: bool,
    /// Whether the output document carries its signature.
    pub signed: bool,
    /// The document was signed with the provisional number and the official one has arrived:
    /// it must be signed again before it is printed.
    pub reprint: bool,
    /// The request's document is now another one than the one signed (the referral once the
    /// child holds a place, after the talon): it is signed before it is printed or handed out.
    pub new_document: bool,
    /// Which document it is (`registration-talon`, `referral`, …).
    pub name: String,
    /// The job title: the document kind and number, never a name.
    pub title: String,
}

/// The document screen.
#[derive(Debug)]
pub struct DocumentScreen {
    request_id: Uuid,
    rendered: Option<Rendered>,
    pages: Option<Result<Vec<Picture>, Localized>>,
    job: Option<(JobId, Option<JobState>)>,
    survey: survey::Survey,
    email: email::Email,
    notice: Option<Localized>,
    busy: bool,
    print_service: PrintService,
}

/// What the operator does on the document screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The document was rendered (or why not).
    Rendered(Result<Rendered, Localized>),
    /// The preview pages were made (or why not).
    Pages(Result<Vec<Picture>, Localized>),
    /// Print to the chosen printer.
    Print,
    /// The print service took the job (or why not).
    Printed(Result<JobId, Localized>),
    /// Ask where the job stands.
    RefreshJob,
    /// The job's state (or why it cannot be read).
    JobState(Result<JobState, Localized>),
    /// Save as PDF.
    Save,
    /// The save dialog closed (`None`: cancelled).
    SaveChosen(Option<PathBuf>),
    /// The file was written (or why not).
    Saved(Result<(), Localized>),
    /// A survey answer.
    Survey(survey::Message),
    /// Hand the document out.
    Issue,
    /// The issue was stored (or why not).
    Issued(Result<(), Localized>),
    /// Back to the request.
    Back,
    /// Sign the document again with the official number on it, then reprint.
    Reprint,
    /// Something in the e-mail part.
    Email(email::Message),
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// Back to the request.
    Back(Uuid),
    /// Sign the document again (the official number arrived after it was signed).
    SignAgain(Uuid),
}

/// Renders the document of request `id`; what the render task runs off the UI thread.
pub fn render(
    store: &std::sync::Mutex<tereze_core::store::Store>,
    registry: &tereze_core::regulation::Registry,
    id: Uuid,
) -> Result<Rendered, Localized> {
    let (current, status, provisional, reprint) = {
        let store = store
            .lock()
            .map_err(|_| Localized::new("counter-store-busy"))?;
        let request = store.load_request(id).map_err(|e| e.localized())?;
        let provisional = documents::number(&store, &request)?.is_some_and(|(_, p)| p);
        let reprint = store.needs_reprint(id).map_err(|e| e.localized())?;
        (
            documents::current(&store, registry, id)?,
            request.status,
            provisional,
            reprint,
        )
    };
    // A signature made over the provisional number, or over the talon the referral replaced,
    // does not cover this rendering.
    let signed = current.signed;
    let new_document =
        !signed && current.replaced && matches!(status, Status::ResultSigned | Status::Issued);
    let reprint = reprint && !signed && !new_document;
    let document = current.document;
    let kind = match &document.body {
        tereze_report::Body::Talon(_) => "talon",
        tereze_report::Body::Refusal(_) => "refusal",
        tereze_report::Body::Unemployed(_) => "certificate",
        tereze_report::Body::DisabledChildSupport(_) => "notification",
        tereze_report::Body::SchoolReceipt(_) => "receipt",
        tereze_report::Body::AdmissionOrder(_) => "order",
        tereze_report::Body::Referral(_) => "referral",
        tereze_report::Body::Archival(_) => "archival-certificate",
        _ => "document",
    };
    let title = format!("{kind} {}", document.issue.number);
    let number = document.issue.number.clone();
    let rendered = documents::render(&document)?;
    Ok(Rendered {
        pdf: Arc::new(rendered.pdf),
        status,
        number,
        provisional,
        signed,
        reprint,
        new_document,
        name: current.name,
        title,
    })
}

impl DocumentScreen {
    /// The screen for request `id`, starting to render.
    pub fn new(ctx: &Context, id: Uuid) -> (Self, Task<Message>) {
        let screen = Self {
            request_id: id,
            rendered: None,
            pages: None,
            job: None,
            survey: survey::Survey::default(),
            email: email::Email::default(),
            notice: None,
            busy: false,
            print_service: PrintService::system(),
        };
        let task = Task::batch([
            screen.render(ctx),
            email::prefill(ctx, id).map(Message::Email),
        ]);
        (screen, task)
    }

    fn render(&self, ctx: &Context) -> Task<Message> {
        let store = Arc::clone(&ctx.store);
        let registry = Arc::clone(&ctx.registry);
        let id = self.request_id;
        task::blocking(
            Localized::new("counter-render-failed"),
            move || render(&store, &registry, id),
            Message::Rendered,
        )
    }

    /// Prints through `service` instead of the system's print service.
    #[must_use]
    pub fn with_print_service(mut self, service: PrintService) -> Self {
        self.print_service = service;
        self
    }

    /// The rendered document.
    pub fn rendered(&self) -> Option<&Rendered> {
        self.rendered.as_ref()
    }

    /// The print job and its last known state.
    pub fn job(&self) -> Option<&(JobId, Option<JobState>)> {
        self.job.as_ref()
    }

    /// While a print job is unfinished, asks the print service where it stands every few
    /// seconds, so the operator sees it printed (or stopped) without pressing anything.
    pub fn subscription(&self) -> iced::Subscription<Message> {
        let unfinished = self.job.as_ref().is_some_and(|(_, state)| {
            matches!(
                state,
                None | Some(JobState::Pending) | Some(JobState::Processing)
            )
        });
        if unfinished {
            iced::time::every(JOB_POLL).map(|_| Message::RefreshJob)
        } else {
            iced::Subscription::none()
        }
    }

    /// The message under the document.
    pub fn notice(&self) -> Option<&Localized> {
        self.notice.as_ref()
    }

    /// The e-mail part: the address and where the sending stands.
    pub fn email(&self) -> &email::Email {
        &self.email
    }

    /// The survey answers given so far.
    pub fn survey(&self) -> &survey::Survey {
        &self.survey
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::Rendered(Ok(rendered)) => {
                let pdf = Arc::clone(&rendered.pdf);
                self.rendered = Some(rendered);
                Action::Run(task::blocking(
                    Localized::new("preview-undecodable"),
                    move || pages_of(&pdf),
                    Message::Pages,
                ))
            }
            Message::Rendered(Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::Pages(pages) => {
                self.pages = Some(pages);
                Action::None
            }
            Message::Print => {
                let Some(rendered) = &self.rendered else {
                    return Action::None;
                };
                if !rendered.signed {
                    self.notice = Some(Localized::new("counter-sign-before-printing"));
                    return Action::None;
                }
                let (pdf, title) = (Arc::clone(&rendered.pdf), rendered.title.clone());
                let store = Arc::clone(&ctx.store);
                let operator = ctx.operator.as_ref().map(|o| o.id);
                let chosen = ctx.settings.printer.clone();
                let id = self.request_id;
                let service = self.print_service.clone();
                self.notice = None;
                Action::Run(task::blocking(
                    Localized::new("print-failed"),
                    move || {
                        let printer = match chosen {
                            Some(p) => p,
                            None => default_printer(&service)?,
                        };
                        let job = service
                            .print_pdf(&printer, &pdf, &title)
                            .map_err(|e| e.localized())?;
                        if let (Some(op), Ok(mut store)) = (operator, store.lock()) {
                            // The print happened; a failed audit row must not hide that.
                            let _ = store.audit_print(id, &title, &printer, op);
                        }
                        Ok(job)
                    },
                    Message::Printed,
                ))
            }
            Message::Printed(Ok(job)) => {
                self.job = Some((job, None));
                self.update(ctx, Message::RefreshJob)
            }
            Message::Printed(Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::RefreshJob => {
                let Some((job, _)) = &self.job else {
                    return Action::None;
                };
                let job = job.clone();
                let service = self.print_service.clone();
                Action::Run(task::blocking(
                    Localized::new("print-failed"),
                    move || service.job_state(&job).map_err(|e| e.localized()),
                    Message::JobState,
                ))
            }
            Message::JobState(Ok(state)) => {
                if let Some((_, s)) = &mut self.job {
                    *s = Some(state);
                }
                Action::None
            }
            Message::JobState(Err(e)) => {
                // The job can no longer be followed; stop asking and say why.
                self.job = None;
                self.notice = Some(e);
                Action::None
            }
            Message::Save => {
                let name = self
                    .rendered
                    .as_ref()
                    .map(|r| format!("{}.pdf", r.title.replace(' ', "-")))
                    .unwrap_or_else(|| "document.pdf".to_owned());
                Action::Run(Task::perform(pick_save_path(name), Message::SaveChosen))
            }
            Message::SaveChosen(None) => Action::None,
            Message::SaveChosen(Some(path)) => {
                let Some(rendered) = &self.rendered else {
                    return Action::None;
                };
                let pdf = Arc::clone(&rendered.pdf);
                Action::Run(task::blocking(
                    Localized::new("counter-save-failed"),
                    move || save_pdf(&path, &pdf),
                    Message::Saved,
                ))
            }
            Message::Saved(Ok(())) => {
                self.notice = Some(Localized::new("counter-saved-pdf"));
                Action::None
            }
            Message::Saved(Err(e)) | Message::Issued(Err(e)) => {
                self.busy = false;
                self.notice = Some(e);
                Action::None
            }
            Message::Survey(m) => {
                self.survey.update(m);
                Action::None
            }
            Message::Issue => {
                let (Some(rendered), Some(operator)) = (&self.rendered, ctx.operator.clone())
                else {
                    return Action::None;
                };
                if rendered.status != Status::ResultSigned || self.busy {
                    return Action::None;
                }
                if !rendered.signed {
                    // The signed document shows the provisional number, or was replaced by the
                    // referral: sign it first.
                    self.notice = Some(Localized::new("counter-sign-before-printing"));
                    return Action::None;
                }
                let flow = self.flow(ctx);
                let answers = self.survey.answers();
                let id = self.request_id;
                self.busy = true;
                Action::Run(task::with_store(
                    &ctx.store,
                    Localized::new("counter-store-busy"),
                    move |store| {
                        store
                            .issue(id, flow, answers, &operator.office_id, operator.id)
                            .map(|_| ())
                            .map_err(|e| e.localized())
                    },
                    Message::Issued,
                ))
            }
            Message::Issued(Ok(())) => {
                self.busy = false;
                if let Some(r) = &mut self.rendered {
                    r.status = Status::Issued;
                }
                self.notice = Some(Localized::new("counter-issued"));
                Action::None
            }
            Message::Back => Action::Back(self.request_id),
            Message::Reprint => match &self.rendered {
                Some(r) if r.reprint || r.new_document => Action::SignAgain(self.request_id),
                _ => Action::None,
            },
            Message::Email(m) => Action::Run(
                self.email
                    .update(ctx, self.rendered.as_ref(), self.request_id, m)
                    .map(Message::Email),
            ),
        }
    }

    fn flow(&self, ctx: &Context) -> tereze_core::lifecycle::Flow {
        let service = ctx
            .store
            .lock()
            .ok()
            .and_then(|s| s.load_request(self.request_id).ok())
            .map(|r| r.service_id);
        service
            .and_then(|s| ctx.registry.get(&s).map(|r| r.flow))
            .unwrap_or(tereze_core::lifecycle::Flow::Standard)
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut page = column![
            row![
                with_id(
                    id::BACK,
                    button(text(t.tr("form-back")))
                        .style(button::secondary)
                        .on_press(Message::Back),
                ),
                text(t.tr("counter-document-heading"))
                    .size(18)
                    .font(theme::FONT_HEADING),
            ]
            .spacing(12)
        ]
        .spacing(12);
        let Some(rendered) = &self.rendered else {
            page = page.push(text(t.tr("counter-rendering")));
            if let Some(notice) = &self.notice {
                page = page.push(text(t.text(notice)).style(text::danger));
            }
            return page.into();
        };
        if rendered.provisional {
            page = page.push(text(t.tr("counter-provisional-note")).style(text::warning));
        }
        if rendered.reprint {
            page = page.push(
                row![
                    text(t.tr_args(
                        "counter-reprint-needed",
                        &[("number", rendered.number.clone())]
                    ))
                    .style(text::warning),
                    with_id(
                        id::REPRINT,
                        button(text(t.tr("counter-reprint"))).on_press(Message::Reprint),
                    ),
                ]
                .spacing(12),
            );
        } else if rendered.new_document {
            page = page.push(
                row![
                    text(t.tr("counter-new-document-unsigned")).style(text::warning),
                    with_id(
                        id::SIGN_NEW,
                        button(text(t.tr("counter-sign-new-document"))).on_press(Message::Reprint),
                    ),
                ]
                .spacing(12),
            );
        } else if !rendered.signed {
            page = page.push(text(t.tr("counter-unsigned-note")).style(text::warning));
        }
        let printer = ctx
            .settings
            .printer
            .clone()
            .unwrap_or_else(|| t.tr("counter-default-printer"));
        let mut print = button(text(t.tr_args("counter-print", &[("printer", printer)])));
        if rendered.signed {
            print = print.on_press(Message::Print);
        }
        page = page.push(
            row![
                with_id(id::PRINT, print),
                with_id(
                    id::SAVE,
                    button(text(t.tr("counter-save-pdf")))
                        .style(button::secondary)
                        .on_press(Message::Save),
                ),
            ]
            .spacing(12),
        );
        page = page.push(self.email.view(ctx, rendered).map(Message::Email));
        if let Some((job, state)) = &self.job {
            let state = state.map_or_else(|| t.tr("counter-job-sent"), |s| t.tr(job_key(s)));
            page = page.push(
                row![
                    text(t.tr_args("counter-job", &[("job", job.to_string()), ("state", state)])),
                    with_id(
                        id::JOB_STATE,
                        button(text(t.tr("counter-job-refresh")))
                            .style(button::secondary)
                            .on_press(Message::RefreshJob),
                    ),
                ]
                .spacing(12),
            );
        }
        match rendered.status {
            Status::ResultSigned => {
                page = page.push(self.survey.view(ctx).map(Message::Survey));
                let mut issue = button(text(t.tr("counter-issue")));
                if !self.busy {
                    issue = issue.on_press(Message::Issue);
                }
                page = page.push(with_id(id::ISSUE, issue));
            }
            Status::Issued => page = page.push(text(t.tr("counter-issued"))),
            _ => {}
        }
        if let Some(notice) = &self.notice {
            page = page.push(text(t.text(notice)));
        }
        match &self.pages {
            None => page = page.push(text(t.tr("counter-rendering"))),
            Some(Err(e)) => page = page.push(text(t.text(e))),
            Some(Ok(pages)) => {
                let mut strip = row![].spacing(12);
                for p in pages {
                    strip = strip.push(image(p.handle.clone()).width(Length::Fixed(420.0)));
                }
                page = page.push(
                    scrollable(strip).direction(scrollable::Direction::Horizontal(
                        scrollable::Scrollbar::default(),
                    )),
                );
            }
        }
        page.into()
    }
}

/// How often an unfinished print job is looked at.
const JOB_POLL: std::time::Duration = std::time::Duration::from_secs(2);

fn job_key(state: JobState) -> &'static str {
    match state {
        JobState::Pending => "counter-job-pending",
        JobState::Processing => "counter-job-processing",
        JobState::Completed => "counter-job-completed",
        JobState::Cancelled => "counter-job-cancelled",
        JobState::Aborted => "counter-job-aborted",
        JobState::Finished => "counter-job-finished",
    }
}

/// The system's default printer, else the first one.
fn default_printer(service: &PrintService) -> Result<String, Localized> {
    let printers = service.printers().map_err(|e| e.localized())?;
    printers
        .iter()
        .find(|p| p.is_default)
        .or_else(|| printers.first())
        .map(|p| p.name.clone())
        .ok_or_else(|| Localized::new("print-no-printers"))
}

/// The preview pages of a rendered PDF (through a temporary file, as pdftoppm reads files).
fn pages_of(pdf: &[u8]) -> Result<Vec<Picture>, Localized> {
    let file = tempfile::Builder::new()
        .suffix(".pdf")
        .tempfile()
        .map_err(|_| Localized::new("preview-unreadable"))?;
    std::fs::write(file.path(), pdf).map_err(|_| Localized::new("preview-unreadable"))?;
    preview::pages(file.path(), MediaType::Pdf).map_err(|e| e.localized())
}

/// Writes the PDF where the operator chose, through a temporary file beside it.
pub fn save_pdf(path: &std::path::Path, pdf: &[u8]) -> Result<(), Localized> {
    let failed = || Localized::new("counter-save-failed");
    let tmp = path.with_extension("pdf.tmp");
    std::fs::write(&tmp, pdf).map_err(|_| failed())?;
    std::fs::rename(&tmp, path).map_err(|_| failed())
}

/// The save dialog; `None` when the operator cancelled.
async fn pick_save_path(name: String) -> Option<PathBuf> {
    rfd::AsyncFileDialog::new()
        .add_filter("PDF", &["pdf"])
        .set_file_name(name)
        .save_file()
        .await
        .map(|f| f.path().to_path_buf())
}
