//! The preschool queue of the office, as this workstation last refreshed it from the server:
//! per cohort the children in order with their position, category, state, offer and its
//! deadline (overdue ones in red); this workstation's leases with places used and left and
//! their expiry. Kindergartens, mini-centres and groups show by name from the reference data.
//! At the counter: the applicant's written consent or refusal of an offer (the scanned
//! statement attached; sent to the server at once when it answers, else queued for the next
//! sync), a lease of vacant places for working offline (online only), a referral against a
//! leased place (checked offline on the cached queue), the referral document, and the
//! applicant's withdrawal. For the head: an allocation run, the runs and a run's published
//! list (queue numbers and initials only).

mod labels;
mod lease;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;
use tereze_core::i18n::Localized;
use tereze_core::store::{QueueCache, QueueNames, Role};
use tereze_protocol::{LeaseRequest, LeaseWish, OfferAnswer, PublishedList};
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::Context;
use crate::counter::queue as work;
use crate::task;

/// Stable widget ids for tests and focus.
pub mod id {
    use uuid::Uuid;

    /// Refresh the queue from the server.
    pub const REFRESH: &str = "queue-refresh";
    /// When the queue was last refreshed.
    pub const REFRESHED: &str = "queue-refreshed";
    /// Back to the inbox.
    pub const BACK: &str = "queue-back";
    /// What went wrong, or what was done.
    pub const NOTICE: &str = "queue-notice";
    /// The head's allocation run.
    pub const START_RUN: &str = "queue-start-run";
    /// The published list on show.
    pub const PUBLISHED: &str = "queue-published";

    /// The button of a cohort.
    pub fn cohort(cohort: i32) -> String {
        format!("queue-cohort-{cohort}")
    }
    /// A child's line.
    pub fn entry(request: Uuid) -> String {
        format!("queue-entry-{request}")
    }
    /// The deadline of a child's offer, when it is past.
    pub fn overdue(request: Uuid) -> String {
        format!("queue-overdue-{request}")
    }
    /// Written consent to an offer (the statement is asked for).
    pub fn accept(offer: Uuid) -> String {
        format!("queue-accept-{offer}")
    }
    /// Written refusal of an offer (the statement is asked for).
    pub fn decline(offer: Uuid) -> String {
        format!("queue-decline-{offer}")
    }
    /// A referral of the child against a leased group.
    pub fn refer(request: Uuid, group: &str) -> String {
        format!("queue-refer-{request}-{group}")
    }
    /// The referral document of a referred child.
    pub fn referral(request: Uuid) -> String {
        format!("queue-referral-{request}")
    }
    /// The applicant's withdrawal.
    pub fn withdraw(request: Uuid) -> String {
        format!("queue-withdraw-{request}")
    }
    /// A lease of this workstation.
    pub fn lease(lease: Uuid) -> String {
        format!("queue-lease-{lease}")
    }
    /// A run (click: its published list).
    pub fn run(run: Uuid) -> String {
        format!("queue-run-{run}")
    }
    /// The organisation to lease places in.
    pub const LEASE_ORGANISATION: &str = "queue-lease-organisation";
    /// How many places to lease.
    pub const LEASE_PLACES: &str = "queue-lease-places";
    /// For how many days.
    pub const LEASE_DAYS: &str = "queue-lease-days";
    /// Take the lease.
    pub const TAKE_LEASE: &str = "queue-take-lease";
    /// Why no lease can be taken now (offline).
    pub const LEASE_OFFLINE: &str = "queue-lease-offline";
}

/// The lease form's starting number of days.
const LEASE_DAYS: &str = "3";

/// The queue screen.
#[derive(Debug, Default)]
pub struct QueueScreen {
    cache: Option<Option<QueueCache>>,
    names: QueueNames,
    lease_organisation: Option<String>,
    lease_places: String,
    lease_days: String,
    cohort: Option<i32>,
    published: Option<PublishedList>,
    notice: Option<Localized>,
    problem: Option<Localized>,
    busy: bool,
}

/// What the operator does on the queue screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The cached queue was read, refreshed or changed (or why not).
    Loaded(Result<Option<QueueCache>, Localized>),
    /// Refresh from the server.
    Refresh,
    /// A cohort was picked.
    CohortPicked(i32),
    /// Answer an offer: the statement file is asked for first.
    Answer(Uuid, OfferAnswer),
    /// The scanned statement for an answer was chosen (`None`: cancelled).
    StatementChosen(Uuid, OfferAnswer, Option<PathBuf>),
    /// The names of organisations and groups were read (or why not).
    NamesLoaded(Result<QueueNames, Localized>),
    /// The answer was recorded, on the server or queued for it (the cache after it and what
    /// the operator is told), or why not.
    Answered(Result<(Option<QueueCache>, Localized), Localized>),
    /// The organisation to lease places in was picked.
    LeaseOrganisationPicked(String),
    /// The number of places to lease was typed.
    LeasePlacesChanged(String),
    /// The number of days of the lease was typed.
    LeaseDaysChanged(String),
    /// Take the lease (online only).
    TakeLease,
    /// The lease was granted and the cache refreshed (with what the operator is told), or why
    /// not.
    LeaseTaken(Result<(Option<QueueCache>, Localized), Localized>),
    /// Refer the child against a leased group.
    Refer {
        /// The lease.
        lease: Uuid,
        /// The leased group.
        group: String,
        /// The child's request.
        request: Uuid,
    },
    /// The referral was recorded (or why not).
    Referred(Result<Option<QueueCache>, Localized>),
    /// The applicant withdraws the child (online).
    Withdraw(Uuid),
    /// The head starts an allocation run (online).
    StartRun,
    /// Show a run's published list.
    ShowPublished(Uuid),
    /// The published list arrived (or why not).
    Published(Result<PublishedList, Localized>),
    /// Open the child's referral document.
    OpenReferral(Uuid),
    /// Back to the inbox.
    Back,
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// Open the document screen of this request (its referral).
    OpenDocument(Uuid),
    /// Back to the inbox.
    Back,
}

impl QueueScreen {
    /// The screen, starting to read the cached queue.
    pub fn new(ctx: &Context) -> (Self, Task<Message>) {
        let store = Arc::clone(&ctx.store);
        let load = task::blocking(
            Localized::new("queue-screen-failed"),
            move || work::read(&store),
            Message::Loaded,
        );
        let store = Arc::clone(&ctx.store);
        let names = task::blocking(
            Localized::new("queue-screen-failed"),
            move || work::names(&*work::lock(&store)?),
            Message::NamesLoaded,
        );
        let screen = Self {
            lease_places: "1".to_owned(),
            lease_days: LEASE_DAYS.to_owned(),
            ..Self::default()
        };
        (screen, Task::batch([load, names]))
    }

    /// The cached queue as last read (`Some(None)`: never refreshed).
    pub fn cache(&self) -> Option<&Option<QueueCache>> {
        self.cache.as_ref()
    }

    /// The cohort on show.
    pub fn cohort(&self) -> Option<i32> {
        self.cohort
    }

    /// The published list on show.
    pub fn published(&self) -> Option<&PublishedList> {
        self.published.as_ref()
    }

    /// What went wrong last.
    pub fn problem(&self) -> Option<&Localized> {
        self.problem.as_ref()
    }

    /// What was done last.
    pub fn notice(&self) -> Option<&Localized> {
        self.notice.as_ref()
    }

    /// Whether the operator may run allocations (the head of department).
    pub fn is_head(ctx: &Context) -> bool {
        ctx.operator.as_ref().is_some_and(|o| o.role == Role::Head)
    }

    /// Whether the operator may lease places for working offline: the server allows the
    /// department's executors and head only.
    pub fn may_lease(ctx: &Context) -> bool {
        ctx.operator
            .as_ref()
            .is_some_and(|o| matches!(o.role, Role::Executor | Role::Head))
    }

    /// Why the server cannot be called now, if it cannot: the workstation is not connected, or
    /// its last sync could not reach the server.
    pub fn offline(ctx: &Context) -> Option<Localized> {
        if ctx.connection.is_none() {
            return Some(Localized::new("connect-status-not-connected"));
        }
        match &ctx.sync {
            crate::sync::SyncStatus::Failed { reason }
                if matches!(
                    reason.key,
                    "sync-connection" | "sync-timeout" | "sync-unavailable" | "server-unavailable"
                ) =>
            {
                Some(Localized::new("queue-counter-offline"))
            }
            _ => None,
        }
    }

    /// The lease asked for in the form, or why it cannot be asked for.
    fn lease_request(&self) -> Result<LeaseRequest, Localized> {
        let organisation = self
            .lease_organisation
            .clone()
            .ok_or_else(|| Localized::new("queue-counter-lease-no-organisation"))?;
        let places = self
            .lease_places
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|p| *p > 0)
            .ok_or_else(|| Localized::new("queue-counter-lease-bad-places"))?;
        let days = self
            .lease_days
            .trim()
            .parse::<u32>()
            .ok()
            .filter(|d| *d > 0)
            .ok_or_else(|| Localized::new("queue-counter-lease-bad-days"))?;
        Ok(LeaseRequest {
            organisations: vec![LeaseWish {
                organisation_id: organisation,
                places,
            }],
            days,
        })
    }

    fn loaded(&mut self, result: Result<Option<QueueCache>, Localized>, done: Option<Localized>) {
        self.busy = false;
        match result {
            Ok(cache) => {
                let cohorts: Vec<i32> = cache
                    .iter()
                    .flat_map(|c| c.snapshot.entries.iter().map(|e| e.cohort))
                    .collect();
                if self.cohort.is_none_or(|c| !cohorts.contains(&c)) {
                    self.cohort = cohorts.into_iter().min();
                }
                self.cache = Some(cache);
                self.problem = None;
                self.notice = done;
            }
            Err(e) => {
                self.problem = Some(e);
                self.notice = None;
            }
        }
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        let operator = ctx.operator.as_ref().map(|o| o.id);
        match message {
            Message::Loaded(result) => {
                self.loaded(result, None);
                Action::None
            }
            Message::Refresh => {
                self.busy = true;
                let engine = work::engine(ctx);
                let store = Arc::clone(&ctx.store);
                Action::Run(Task::perform(work::refresh(engine, store), Message::Loaded))
            }
            Message::CohortPicked(cohort) => {
                self.cohort = Some(cohort);
                Action::None
            }
            Message::Answer(offer, answer) => Action::Run(Task::perform(
                async move {
                    rfd::AsyncFileDialog::new()
                        .add_filter("PDF, JPEG, PNG", &["pdf", "jpg", "jpeg", "png"])
                        .pick_file()
                        .await
                        .map(|f| f.path().to_path_buf())
                },
                move |path| Message::StatementChosen(offer, answer, path),
            )),
            Message::StatementChosen(_, _, None) => Action::None,
            Message::StatementChosen(offer, answer, Some(path)) => {
                let Some(operator) = operator else {
                    return Action::None;
                };
                self.busy = true;
                // Online the answer goes to the server at once; offline it waits in the outbox.
                let engine = if Self::offline(ctx).is_none() {
                    work::engine(ctx).ok()
                } else {
                    None
                };
                let store = Arc::clone(&ctx.store);
                Action::Run(Task::perform(
                    work::answer(
                        engine,
                        store,
                        operator,
                        offer,
                        answer,
                        path,
                        OffsetDateTime::now_utc(),
                    ),
                    Message::Answered,
                ))
            }
            Message::Answered(result) => {
                match result {
                    Ok((cache, told)) => self.loaded(Ok(cache), Some(told)),
                    Err(e) => self.loaded(Err(e), None),
                }
                Action::None
            }
            Message::NamesLoaded(result) => {
                match result {
                    Ok(names) => self.names = names,
                    Err(e) => self.problem = Some(e),
                }
                Action::None
            }
            Message::LeaseOrganisationPicked(organisation) => {
                self.lease_organisation = Some(organisation);
                Action::None
            }
            Message::LeasePlacesChanged(places) => {
                self.lease_places = places;
                Action::None
            }
            Message::LeaseDaysChanged(days) => {
                self.lease_days = days;
                Action::None
            }
            Message::TakeLease => {
                if !Self::may_lease(ctx) {
                    return Action::None;
                }
                if let Some(reason) = Self::offline(ctx) {
                    self.problem = Some(reason);
                    return Action::None;
                }
                let request = match self.lease_request() {
                    Ok(request) => request,
                    Err(e) => {
                        self.problem = Some(e);
                        return Action::None;
                    }
                };
                self.busy = true;
                let engine = work::engine(ctx);
                let store = Arc::clone(&ctx.store);
                Action::Run(Task::perform(
                    work::take_lease(engine, store, request),
                    Message::LeaseTaken,
                ))
            }
            Message::LeaseTaken(result) => {
                match result {
                    Ok((cache, told)) => {
                        self.lease_organisation = None;
                        self.lease_places = "1".to_owned();
                        self.lease_days = LEASE_DAYS.to_owned();
                        self.loaded(Ok(cache), Some(told));
                    }
                    Err(e) => self.loaded(Err(e), None),
                }
                Action::None
            }
            Message::Refer {
                lease,
                group,
                request,
            } => {
                let Some(operator) = operator else {
                    return Action::None;
                };
                self.busy = true;
                let store = Arc::clone(&ctx.store);
                Action::Run(task::blocking(
                    Localized::new("queue-screen-failed"),
                    move || {
                        work::refer(
                            &store,
                            operator,
                            lease,
                            &group,
                            request,
                            OffsetDateTime::now_utc(),
                        )
                    },
                    Message::Referred,
                ))
            }
            Message::Referred(result) => {
                self.loaded(
                    result,
                    Some(Localized::new("queue-screen-referral-recorded")),
                );
                Action::None
            }
            Message::Withdraw(request) => {
                self.busy = true;
                let engine = work::engine(ctx);
                let store = Arc::clone(&ctx.store);
                Action::Run(Task::perform(
                    work::withdraw(engine, store, request),
                    Message::Loaded,
                ))
            }
            Message::StartRun => {
                if !Self::is_head(ctx) {
                    return Action::None;
                }
                self.busy = true;
                let engine = work::engine(ctx);
                let store = Arc::clone(&ctx.store);
                Action::Run(Task::perform(
                    work::start_run(engine, store),
                    Message::Loaded,
                ))
            }
            Message::ShowPublished(run) => {
                let engine = work::engine(ctx);
                Action::Run(Task::perform(
                    work::published(engine, run),
                    Message::Published,
                ))
            }
            Message::Published(result) => {
                match result {
                    Ok(list) => {
                        self.published = Some(list);
                        self.problem = None;
                    }
                    Err(e) => self.problem = Some(e),
                }
                Action::None
            }
            Message::OpenReferral(request) => Action::OpenDocument(request),
            Message::Back => Action::Back,
        }
    }
}
