//! The logged-in operator's start screen: the inbox. Requests with their service, people,
//! status and the deadline of the step they are in (overdue ones in red), filtered by status
//! and found by name or address even when typed on the wrong keyboard layout; the number of
//! operations waiting for sync is always in view.

use std::fmt;
use std::sync::Arc;

use iced::widget::{button, column, container, pick_list, row, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::deadline::Deadline;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::lifecycle::Status;
use tereze_core::store::{InboxFilter, RequestSummary};
use time::OffsetDateTime;

use crate::app::Context;
use crate::task;
use crate::theme;

/// Stable widget ids for tests and focus.
pub mod id {
    /// The inbox search field.
    pub const SEARCH: &str = "inbox-search";
    /// Shows the documents ready but not yet collected.
    pub const UNCOLLECTED: &str = "inbox-uncollected";

    /// The inbox line of a request (click: open it).
    pub fn line(request: uuid::Uuid) -> String {
        format!("inbox-line-{request}")
    }
    /// The line of a document to reprint with the official number.
    pub fn reprint(request: uuid::Uuid) -> String {
        format!("reprint-line-{request}")
    }
    /// The "sync now" button.
    pub const SYNC_NOW: &str = crate::screen::sync_line::SYNC_NOW;
    /// The button that opens the sync screen.
    pub const OPEN_SYNC: &str = "open-sync";
    /// The button that opens the preschool queue.
    pub const OPEN_QUEUE: &str = "open-queue";
}

/// One inbox line: the request and the deadline of its current step.
#[derive(Debug, Clone)]
pub struct InboxRow {
    /// The request.
    pub request: RequestSummary,
    /// The deadline of the step it is in, if the regulation limits that step.
    pub deadline: Option<Deadline>,
    /// The number given at registration on this workstation: shown (marked) while the server's
    /// official number has not arrived, and as "was …" beside the official one after.
    pub provisional: Option<String>,
}

/// What the inbox found, with the outbox count read in the same pass.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The requests to show.
    pub rows: Vec<InboxRow>,
    /// Operations waiting for the server.
    pub pending_outbox: u64,
    /// Requests whose signed document still shows the provisional number although the
    /// official one has arrived: to sign again and reprint.
    pub to_reprint: Vec<RequestSummary>,
}

/// The start screen.
#[derive(Debug, Default)]
pub struct Home {
    service: Option<String>,
    profile: Option<String>,
    query: String,
    status: Option<Status>,
    loaded: Option<Loaded>,
    error: Option<Localized>,
}

/// What the operator does on the start screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The search text changed.
    QueryChanged(String),
    /// A status filter was picked (`None`: every status).
    StatusPicked(StatusChoice),
    /// The inbox was read.
    Loaded(Result<Loaded, Localized>),
    /// A service was picked for a new request.
    ServicePicked(Picked),
    /// A region profile was picked for a new request.
    ProfilePicked(Picked),
    /// Open a new request form.
    NewRequest,
    /// Open the settings.
    OpenSettings,
    /// Log out and return to the login screen.
    LogOut,
    /// Open a request from the inbox.
    Open(uuid::Uuid),
    /// Show the documents ready but not yet collected.
    ShowUncollected,
    /// Start a sync cycle now.
    SyncNow,
    /// Open the sync screen (progress and the outbox).
    OpenSync,
    /// Open the preschool queue.
    OpenQueue,
}

/// A service or profile in a pick list: its id and its name in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picked {
    /// The stable id.
    pub id: String,
    /// The name shown.
    pub label: String,
}

impl fmt::Display for Picked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// Open a new request of this service under this region profile.
    NewRequest {
        /// The regulation id.
        service_id: String,
        /// The region profile.
        profile: String,
    },
    /// Open the settings.
    OpenSettings,
    /// The operator logged out.
    LoggedOut,
    /// Open this request.
    Open(uuid::Uuid),
    /// The operator asked for a sync now.
    SyncNow,
    /// Open the sync screen.
    OpenSync,
    /// Open the preschool queue.
    OpenQueue,
}

/// An entry of the status filter, with its label in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChoice {
    /// The status, or `None` for all.
    pub status: Option<Status>,
    label: String,
}

impl fmt::Display for StatusChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

impl Home {
    /// The inbox, starting to load.
    pub fn new(ctx: &Context) -> (Self, Task<Message>) {
        let home = Self::default();
        let task = home.load(ctx);
        (home, task)
    }

    /// What the inbox shows now (`None` until the first read finished).
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    /// The filter the screen's controls describe.
    pub fn filter(&self) -> InboxFilter {
        InboxFilter {
            statuses: self.status.into_iter().collect(),
            query: self.query.clone(),
            ..InboxFilter::default()
        }
    }

    /// Reads the inbox again (after a sync brought changes), with the same search and filter.
    pub fn reload(&self, ctx: &Context) -> Task<Message> {
        self.load(ctx)
    }

    /// Reads the inbox off the UI thread.
    fn load(&self, ctx: &Context) -> Task<Message> {
        let store = Arc::clone(&ctx.store);
        let registry = Arc::clone(&ctx.registry);
        let calendar = Arc::clone(&ctx.calendar);
        let filter = self.filter();
        task::blocking(
            Localized::new("inbox-failed"),
            move || read(&store, &registry, &calendar, &filter),
            Message::Loaded,
        )
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::QueryChanged(query) => {
                self.query = query;
                Action::Run(self.load(ctx))
            }
            Message::StatusPicked(choice) => {
                self.status = choice.status;
                Action::Run(self.load(ctx))
            }
            Message::Loaded(Ok(loaded)) => {
                self.loaded = Some(loaded);
                self.error = None;
                Action::None
            }
            Message::Loaded(Err(error)) => {
                self.error = Some(error);
                Action::None
            }
            Message::ServicePicked(picked) => {
                self.service = Some(picked.id);
                self.profile = Some("default".to_owned());
                Action::None
            }
            Message::ProfilePicked(picked) => {
                self.profile = Some(picked.id);
                Action::None
            }
            Message::NewRequest => match (&self.service, &self.profile) {
                (Some(service_id), Some(profile)) => Action::NewRequest {
                    service_id: service_id.clone(),
                    profile: profile.clone(),
                },
                _ => Action::None,
            },
            Message::OpenSettings => Action::OpenSettings,
            Message::LogOut => Action::LoggedOut,
            Message::Open(id) => Action::Open(id),
            Message::ShowUncollected => {
                self.status = Some(Status::ResultSigned);
                Action::Run(self.load(ctx))
            }
            Message::SyncNow => Action::SyncNow,
            Message::OpenSync => Action::OpenSync,
            Message::OpenQueue => Action::OpenQueue,
        }
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let who = ctx
            .operator
            .as_ref()
            .map(|op| op.full_name.clone())
            .unwrap_or_default();
        let pending = self.loaded.as_ref().map_or(0, |l| l.pending_outbox);
        let queue_role = ctx
            .operator
            .as_ref()
            .is_some_and(|op| op.role != tereze_core::store::Role::Administrator);
        let mut top = row![
            column![
                text(t.tr_args("home-operator", &[("name", who)])),
                crate::screen::sync_line::view(ctx, pending, Message::SyncNow),
            ]
            .spacing(4)
            .width(Length::Fill),
        ]
        .spacing(16);
        if queue_role {
            top = top.push(
                container(
                    button(text(t.tr("queue-screen-open")))
                        .style(button::secondary)
                        .on_press(Message::OpenQueue),
                )
                .id(id::OPEN_QUEUE),
            );
        }
        let top = top
            .push(
                container(
                    button(text(t.tr("connect-open-sync")))
                        .style(button::secondary)
                        .on_press(Message::OpenSync),
                )
                .id(id::OPEN_SYNC),
            )
            .push(
                button(text(t.tr("home-settings")))
                    .style(button::secondary)
                    .on_press(Message::OpenSettings),
            )
            .push(
                button(text(t.tr("home-log-out")))
                    .style(button::secondary)
                    .on_press(Message::LogOut),
            );

        let lang = t.lang().code();
        let services: Vec<Picked> = ctx
            .registry
            .iter()
            .map(|r| Picked {
                id: r.id.clone(),
                label: r.names.get(lang).to_owned(),
            })
            .collect();
        let profiles: Vec<Picked> = self
            .service
            .as_deref()
            .and_then(|s| ctx.registry.get(s))
            .map(|r| {
                r.profiles
                    .iter()
                    .map(|p| Picked {
                        id: p.id.clone(),
                        label: p.labels.get(lang).to_owned(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let chosen_service = services
            .iter()
            .find(|p| Some(&p.id) == self.service.as_ref())
            .cloned();
        let chosen_profile = profiles
            .iter()
            .find(|p| Some(&p.id) == self.profile.as_ref())
            .cloned();
        let mut new_button = button(text(t.tr("home-new-request")));
        if chosen_service.is_some() && chosen_profile.is_some() {
            new_button = new_button.on_press(Message::NewRequest);
        }
        let new_request = row![
            pick_list(services, chosen_service, Message::ServicePicked)
                .placeholder(t.tr("home-pick-service"))
                .width(Length::FillPortion(3)),
            pick_list(profiles, chosen_profile, Message::ProfilePicked)
                .placeholder(t.tr("home-pick-profile"))
                .width(Length::FillPortion(2)),
            new_button,
        ]
        .spacing(12);

        let choices: Vec<StatusChoice> = std::iter::once(None)
            .chain(Status::ALL.into_iter().map(Some))
            .map(|status| StatusChoice {
                status,
                label: match status {
                    None => t.tr("inbox-all-statuses"),
                    Some(s) => status_label(ctx, s),
                },
            })
            .collect();
        let selected = choices.iter().find(|c| c.status == self.status).cloned();
        let filters = row![
            text_input(&t.tr("inbox-search-placeholder"), &self.query)
                .id(id::SEARCH)
                .on_input(Message::QueryChanged)
                .width(Length::FillPortion(3)),
            pick_list(choices, selected, Message::StatusPicked).width(Length::FillPortion(1)),
            container(
                button(text(t.tr("counter-uncollected")))
                    .style(button::secondary)
                    .on_press(Message::ShowUncollected),
            )
            .id(id::UNCOLLECTED),
        ]
        .spacing(12);

        let mut list = column![
            text(t.tr("inbox-heading"))
                .size(18)
                .font(theme::FONT_HEADING)
        ]
        .spacing(6);
        match &self.loaded {
            None => list = list.push(text(t.tr("inbox-loading"))),
            Some(loaded) if loaded.rows.is_empty() => {
                list = list.push(text(t.tr("inbox-empty")));
            }
            Some(loaded) => {
                let now = OffsetDateTime::now_utc();
                for r in &loaded.rows {
                    list = list.push(inbox_line(ctx, r, now));
                }
            }
        }
        if let Some(error) = &self.error {
            list = list.push(text(t.text(error)).style(text::danger));
        }
        let mut page = column![top, new_request, filters].spacing(16);
        if let Some(loaded) = self.loaded.as_ref().filter(|l| !l.to_reprint.is_empty()) {
            let mut reprint = column![
                text(t.tr("counter-reprint-heading"))
                    .size(15)
                    .font(theme::FONT_HEADING)
                    .style(text::warning)
            ]
            .spacing(4);
            for r in &loaded.to_reprint {
                let label = format!(
                    "{} · {}",
                    r.number.clone().unwrap_or_default(),
                    r.names.join(" · ")
                );
                reprint = reprint.push(
                    container(
                        button(text(label))
                            .style(button::text)
                            .on_press(Message::Open(r.id)),
                    )
                    .id(id::reprint(r.id)),
                );
            }
            page = page.push(reprint);
        }
        page.push(list).into()
    }
}

fn status_label(ctx: &Context, status: Status) -> String {
    // Every status has a `status-…` message (checked by the lifecycle translations test).
    ctx.translator.tr(&format!("status-{}", status.as_str()))
}

fn inbox_line<'a>(ctx: &'a Context, r: &'a InboxRow, now: OffsetDateTime) -> Element<'a, Message> {
    let t = &ctx.translator;
    let service = ctx
        .registry
        .get(&r.request.service_id)
        .map(|reg| reg.names.get(t.lang().code()).to_owned())
        .unwrap_or_else(|| r.request.service_id.clone());
    let number = match (&r.request.number, &r.provisional) {
        (Some(official), Some(was)) => format!(
            "{official} ({})",
            t.tr_args("counter-was-provisional", &[("number", was.clone())])
        ),
        (Some(official), None) => official.clone(),
        (None, Some(provisional)) => t.tr_args(
            "counter-number-provisional",
            &[("number", provisional.clone())],
        ),
        (None, None) => "—".to_owned(),
    };
    let due: Element<'a, Message> = match r.deadline {
        Some(deadline) => {
            let label = t.text(&deadline.status(now).localized());
            if deadline.is_overdue(now) {
                text(label).style(text::danger).into()
            } else {
                text(label).into()
            }
        }
        None => text("").into(),
    };
    let open = button(
        column![
            row![
                text(number).width(Length::FillPortion(1)),
                text(r.request.names.join(" · ")).width(Length::FillPortion(4)),
                text(status_label(ctx, r.request.status)).width(Length::FillPortion(2)),
            ]
            .spacing(12),
            row![
                text(service).size(13).width(Length::FillPortion(5)),
                container(due).width(Length::FillPortion(2)),
            ]
            .spacing(12),
        ]
        .spacing(2),
    )
    .style(button::text)
    .width(Length::Fill)
    .on_press(Message::Open(r.request.id));
    container(open)
        .id(id::line(r.request.id))
        .padding(2)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}

/// How many documents to reprint the start screen lists at most.
const REPRINT_SHOWN: usize = 20;

/// Reads the inbox, the outbox count and the documents to reprint; what the load task runs off
/// the UI thread.
pub fn read(
    store: &std::sync::Mutex<tereze_core::store::Store>,
    registry: &tereze_core::regulation::Registry,
    calendar: &tereze_core::calendar::Calendar,
    filter: &InboxFilter,
) -> Result<Loaded, Localized> {
    let store = store.lock().map_err(|_| Localized::new("inbox-failed"))?;
    let requests = store.inbox(filter).map_err(|e| e.localized())?;
    let pending_outbox = store.pending_outbox_count().map_err(|e| e.localized())?;
    let mut rows = Vec::with_capacity(requests.len());
    for request in requests {
        let deadline = registry
            .get(&request.service_id)
            .and_then(|reg| request.deadline(reg, calendar));
        let registered = !matches!(request.status, Status::Draft | Status::Signed);
        let provisional = if registered {
            store
                .provisional_number(request.id)
                .map_err(|e| e.localized())?
        } else {
            None
        };
        rows.push(InboxRow {
            request,
            deadline,
            provisional,
        });
    }
    let to_reprint = store
        .documents_to_reprint(REPRINT_SHOWN)
        .map_err(|e| e.localized())?;
    Ok(Loaded {
        rows,
        pending_outbox,
        to_reprint,
    })
}
