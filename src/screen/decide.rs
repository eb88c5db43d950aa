//! One request at the counter: its status and number, and the next step the lifecycle allows —
//! sign, register (a provisional number while offline), take into work, decide with one of the
//! regulation's outcomes or refuse with a ground and its legal basis, sign the output document,
//! and open it. For the preschool queue, deciding puts the child in the local queue and forms
//! the registration talon; for an archival certificate the archivist enters the findings.

pub mod archival;

use std::fmt;

use iced::widget::{button, column, pick_list, row, text};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::lifecycle::{Action as Step, Flow, Status};
use tereze_core::regulation::{OutcomeKind, Regulation};
use tereze_core::store::{Decision, NewDecision, Request, Role, SignatureKind, Store};
use tereze_core::validate::date;
use time::OffsetDateTime;
use uuid::Uuid;

use crate::app::Context;
use crate::counter::documents;
use crate::counter::grounds;
use crate::counter::signing::Target;
use crate::screen::sign::with_id;
use crate::{task, theme};

/// Stable widget ids for tests and focus.
pub mod id {
    /// Sign the request.
    pub const SIGN: &str = "decide-sign";
    /// Register it.
    pub const REGISTER: &str = "decide-register";
    /// Take it into work.
    pub const TAKE: &str = "decide-take-into-work";
    /// The outcome list.
    pub const OUTCOME: &str = "decide-outcome";
    /// Decide with the chosen outcome.
    pub const DECIDE: &str = "decide-decide";
    /// The refusal ground list.
    pub const GROUND: &str = "decide-ground";
    /// Refuse with the chosen ground.
    pub const REFUSE: &str = "decide-refuse";
    /// Sign the output document.
    pub const SIGN_RESULT: &str = "decide-sign-result";
    /// Open the output document.
    pub const DOCUMENT: &str = "decide-document";
    /// Back to the inbox.
    pub const BACK: &str = "decide-back";
}

/// What the screen read about the request.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The request.
    pub request: Request,
    /// Its number and whether it is provisional.
    pub number: Option<(String, bool)>,
    /// The provisional number it had before the official one arrived ("was …").
    pub was: Option<String>,
    /// The decision, once taken.
    pub decision: Option<Decision>,
    /// The signatures kept with it: what they cover, the signer and when, oldest first.
    pub signatures: Vec<(SignatureKind, String, OffsetDateTime)>,
}

/// An entry of a pick list: an id and its label in the operator's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The stable id.
    pub id: String,
    label: String,
}

impl Choice {
    /// An entry by id alone, as a test picks it (the label is what the screen shows).
    pub fn for_tests(id: &str) -> Self {
        Self {
            id: id.to_owned(),
            label: id.to_owned(),
        }
    }
}

impl fmt::Display for Choice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label)
    }
}

/// The decision screen.
#[derive(Debug)]
pub struct DecideScreen {
    request_id: Uuid,
    loaded: Option<Loaded>,
    outcome: Option<String>,
    ground: Option<String>,
    archival: archival::Draft,
    notice: Option<Localized>,
    busy: bool,
}

/// What the operator does on the decision screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The request was read.
    Loaded(Result<Box<Loaded>, Localized>),
    /// Sign the request.
    Sign,
    /// Register it.
    Register,
    /// Take it into work.
    TakeIntoWork,
    /// An outcome was picked.
    OutcomePicked(Choice),
    /// Decide with the picked outcome.
    Decide,
    /// A refusal ground was picked.
    GroundPicked(Choice),
    /// Refuse with the picked ground.
    Refuse,
    /// Sign the output document.
    SignResult,
    /// Open the output document.
    OpenDocument,
    /// A field of an archival certificate's findings was typed.
    Archival(archival::Field, String),
    /// A step was stored (or why not).
    Stepped(Result<Option<Localized>, Localized>),
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
    /// Open the signing screen.
    Sign(Uuid, Target),
    /// Open the output document.
    OpenDocument(Uuid),
    /// Back to the inbox.
    Back,
}

/// Reads what the screen shows; what the load task runs off the UI thread.
pub fn read(store: &Store, id: Uuid) -> Result<Loaded, Localized> {
    let request = store.load_request(id).map_err(|e| e.localized())?;
    let number = documents::number(store, &request)?;
    let was = documents::was_provisional(store, &request)?;
    let decision = store.decision(id).map_err(|e| e.localized())?;
    let signatures = store
        .signatures(id)
        .map_err(|e| e.localized())?
        .into_iter()
        .map(|s| (s.kind, s.signer_subject, s.signed_at))
        .collect();
    Ok(Loaded {
        request,
        number,
        was,
        decision,
        signatures,
    })
}

/// Whether an operator with `role` may decide (ЦОН operators and administrators pass requests
/// on; the department decides).
fn decides(role: Role) -> bool {
    matches!(role, Role::Executor | Role::Head)
}

/// The outcomes the decision screen offers for a grant: every non-refusal outcome of the
/// regulation, except the preschool referral, which comes from the queue's place offers.
pub fn grant_outcomes(regulation: &Regulation) -> Vec<&tereze_core::regulation::Outcome> {
    regulation
        .outcomes
        .iter()
        .filter(|o| o.kind != OutcomeKind::Refusal)
        .filter(|o| !(regulation.flow == Flow::PreschoolQueue && o.kind == OutcomeKind::Positive))
        .collect()
}

impl DecideScreen {
    /// The screen for request `id`, starting to load.
    pub fn new(ctx: &Context, id: Uuid) -> (Self, Task<Message>) {
        let screen = Self {
            request_id: id,
            loaded: None,
            outcome: None,
            ground: None,
            archival: archival::Draft::default(),
            notice: None,
            busy: false,
        };
        let load = screen.load(ctx);
        (screen, load)
    }

    /// What was read.
    pub fn loaded(&self) -> Option<&Loaded> {
        self.loaded.as_ref()
    }

    /// The message under the actions.
    pub fn notice(&self) -> Option<&Localized> {
        self.notice.as_ref()
    }

    fn load(&self, ctx: &Context) -> Task<Message> {
        let id = self.request_id;
        task::with_store(
            &ctx.store,
            Localized::new("counter-store-busy"),
            move |store| read(store, id).map(Box::new),
            Message::Loaded,
        )
    }

    fn regulation<'a>(&self, ctx: &'a Context) -> Option<&'a Regulation> {
        self.loaded
            .as_ref()
            .and_then(|l| ctx.registry.get(&l.request.service_id))
    }

    /// Runs a store step, then reloads.
    fn step(
        &mut self,
        ctx: &Context,
        work: impl FnOnce(&mut Store, Uuid, Uuid) -> Result<Option<Localized>, Localized>
        + Send
        + 'static,
    ) -> Action {
        let Some(operator) = ctx.operator.as_ref().map(|o| o.id) else {
            return Action::None;
        };
        if self.busy {
            return Action::None;
        }
        self.busy = true;
        let id = self.request_id;
        Action::Run(task::with_store(
            &ctx.store,
            Localized::new("counter-store-busy"),
            move |store| work(store, id, operator),
            Message::Stepped,
        ))
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        let flow = self.regulation(ctx).map_or(Flow::Standard, |r| r.flow);
        let may_decide = ctx.operator.as_ref().is_some_and(|o| decides(o.role));
        match message {
            Message::Loaded(Ok(loaded)) => {
                if self.outcome.is_none()
                    && let Some(reg) = ctx.registry.get(&loaded.request.service_id)
                {
                    self.outcome = grant_outcomes(reg).first().map(|o| o.id.clone());
                }
                self.loaded = Some(*loaded);
                Action::None
            }
            Message::Loaded(Err(e)) => {
                self.notice = Some(e);
                Action::None
            }
            Message::Sign => Action::Sign(self.request_id, Target::Request),
            Message::SignResult => Action::Sign(self.request_id, Target::Result),
            Message::OpenDocument => Action::OpenDocument(self.request_id),
            Message::Register => self.step(ctx, move |store, id, op| {
                let r = store.register(id, flow, op).map_err(|e| e.localized())?;
                Ok(Some(
                    Localized::new("counter-registered").arg("number", r.provisional_number),
                ))
            }),
            Message::TakeIntoWork => self.step(ctx, move |store, id, op| {
                store
                    .apply_action(id, flow, Status::Registered, Step::TakeIntoWork, op)
                    .map_err(|e| e.localized())?;
                Ok(None)
            }),
            Message::OutcomePicked(choice) => {
                self.outcome = Some(choice.id);
                Action::None
            }
            Message::GroundPicked(choice) => {
                self.ground = Some(choice.id);
                Action::None
            }
            Message::Archival(field, value) => {
                self.archival.set(field, value);
                Action::None
            }
            Message::Decide => {
                let (Some(outcome), Some(loaded)) = (self.outcome.clone(), &self.loaded) else {
                    return Action::None;
                };
                if !may_decide {
                    self.notice = Some(Localized::new("counter-role-cannot-decide"));
                    return Action::None;
                }
                let queue = if flow == Flow::PreschoolQueue {
                    let fields = &loaded.request.fields;
                    let Some(birth) = fields
                        .get("child-birth-date")
                        .and_then(|d| date::parse(d).ok())
                    else {
                        self.notice = Some(Localized::new("counter-birth-date-missing"));
                        return Action::None;
                    };
                    let category = fields
                        .get("privilege-category")
                        .cloned()
                        .unwrap_or_else(|| "none".to_owned());
                    Some((birth.year(), category))
                } else {
                    None
                };
                let findings = if loaded.request.service_id == archival::SERVICE
                    && outcome == archival::OUTCOME
                {
                    let Some(found) = self.archival.findings() else {
                        self.notice = Some(Localized::new("counter-archival-findings-missing"));
                        return Action::None;
                    };
                    Some(found)
                } else {
                    None
                };
                let from = loaded.request.status;
                let decision = NewDecision {
                    outcome_id: outcome,
                    ground: None,
                    queue,
                };
                self.step(ctx, move |store, id, op| {
                    if let Some(found) = &findings {
                        store
                            .record_archival_findings(id, found, op)
                            .map_err(|e| e.localized())?;
                    }
                    store
                        .decide(id, flow, from, &decision, op)
                        .map_err(|e| e.localized())?;
                    Ok(None)
                })
            }
            Message::Refuse => {
                let Some(loaded) = &self.loaded else {
                    return Action::None;
                };
                if !may_decide {
                    self.notice = Some(Localized::new("counter-role-cannot-decide"));
                    return Action::None;
                }
                let Some(ground) = self.ground.clone() else {
                    self.notice = Some(Localized::new("counter-choose-ground"));
                    return Action::None;
                };
                let refusal = self.regulation(ctx).and_then(|r| {
                    r.outcomes
                        .iter()
                        .find(|o| o.kind == OutcomeKind::Refusal)
                        .map(|o| o.id.clone())
                });
                let Some(outcome_id) = refusal else {
                    return Action::None;
                };
                let from = loaded.request.status;
                let decision = NewDecision {
                    outcome_id,
                    ground: Some(ground),
                    queue: None,
                };
                self.step(ctx, move |store, id, op| {
                    store
                        .decide(id, flow, from, &decision, op)
                        .map_err(|e| e.localized())?;
                    Ok(None)
                })
            }
            Message::Stepped(result) => {
                self.busy = false;
                self.notice = match result {
                    Ok(notice) => notice,
                    Err(e) => Some(e),
                };
                Action::Run(self.load(ctx))
            }
            Message::Back => Action::Back,
        }
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let lang = t.lang().code();
        let back = with_id(
            id::BACK,
            button(text(t.tr("form-back")))
                .style(button::secondary)
                .on_press(Message::Back),
        );
        let Some(loaded) = &self.loaded else {
            let mut page = column![back, text(t.tr("inbox-loading"))].spacing(12);
            if let Some(notice) = &self.notice {
                page = page.push(text(t.text(notice)).style(text::danger));
            }
            return page.into();
        };
        let request = &loaded.request;
        let service = self
            .regulation(ctx)
            .map(|r| r.names.get(lang).to_owned())
            .unwrap_or_else(|| request.service_id.clone());
        let number = match &loaded.number {
            Some((n, true)) => t.tr_args("counter-number-provisional", &[("number", n.clone())]),
            Some((n, false)) => match &loaded.was {
                Some(was) => format!(
                    "{n} ({})",
                    t.tr_args("counter-was-provisional", &[("number", was.clone())])
                ),
                None => n.clone(),
            },
            None => t.tr("counter-number-none"),
        };
        let status = t.tr(&format!("status-{}", request.status.as_str()));
        let mut page = column![
            row![back, text(service).size(18).font(theme::FONT_HEADING)].spacing(12),
            text(t.tr_args("counter-number", &[("number", number)])),
            text(t.tr_args("counter-status", &[("status", status)])),
        ]
        .spacing(12);
        for (kind, signer, at) in &loaded.signatures {
            let key = match kind {
                SignatureKind::Request => "counter-signed-request-by",
                SignatureKind::Result => "counter-signed-result-by",
            };
            let at = documents::local(*at);
            let when = format!(
                "{} {:02}:{:02}",
                tereze_core::text::format_date(at.date()),
                at.hour(),
                at.minute()
            );
            page = page
                .push(text(t.tr_args(key, &[("signer", signer.clone()), ("at", when)])).size(13));
        }

        let may_decide = ctx.operator.as_ref().is_some_and(|o| decides(o.role));
        let act = |key: &str, widget_id: &'static str, message: Message, enabled: bool| {
            let mut b = button(text(t.tr(key)));
            if enabled && !self.busy {
                b = b.on_press(message);
            }
            with_id(widget_id, b)
        };
        match request.status {
            Status::Draft => {
                page = page.push(act("counter-sign-request", id::SIGN, Message::Sign, true));
            }
            Status::Signed => {
                page = page.push(act(
                    "counter-register",
                    id::REGISTER,
                    Message::Register,
                    true,
                ));
            }
            Status::Registered | Status::InWork => {
                if request.status == Status::Registered {
                    page = page.push(act(
                        "counter-take-into-work",
                        id::TAKE,
                        Message::TakeIntoWork,
                        true,
                    ));
                } else if let Some(reg) = self.regulation(ctx) {
                    let outcomes: Vec<Choice> = grant_outcomes(reg)
                        .into_iter()
                        .map(|o| Choice {
                            id: o.id.clone(),
                            label: o.names.get(lang).to_owned(),
                        })
                        .collect();
                    let selected = outcomes
                        .iter()
                        .find(|c| Some(&c.id) == self.outcome.as_ref())
                        .cloned();
                    page = page.push(
                        row![
                            with_id(
                                id::OUTCOME,
                                pick_list(outcomes, selected, Message::OutcomePicked)
                                    .width(Length::Fill),
                            ),
                            act(
                                "counter-decide",
                                id::DECIDE,
                                Message::Decide,
                                may_decide && self.outcome.is_some()
                            ),
                        ]
                        .spacing(12),
                    );
                }
                if request.status == Status::InWork
                    && request.service_id == archival::SERVICE
                    && self.outcome.as_deref() == Some(archival::OUTCOME)
                {
                    page = page.push(self.archival.view(ctx));
                }
                let grounds: Vec<Choice> = grounds::for_service(&request.service_id)
                    .into_iter()
                    .map(|g| Choice {
                        id: g.id.to_owned(),
                        label: g.label(lang).to_owned(),
                    })
                    .collect();
                let selected = grounds
                    .iter()
                    .find(|c| Some(&c.id) == self.ground.as_ref())
                    .cloned();
                page = page.push(
                    row![
                        with_id(
                            id::GROUND,
                            pick_list(grounds, selected, Message::GroundPicked)
                                .placeholder(t.tr("counter-pick-ground"))
                                .width(Length::Fill),
                        ),
                        act(
                            "counter-refuse",
                            id::REFUSE,
                            Message::Refuse,
                            may_decide && self.ground.is_some()
                        ),
                    ]
                    .spacing(12),
                );
                if let Some(basis) = self.ground.as_deref().and_then(grounds::by_id) {
                    let printed = if lang == "kk" {
                        basis.basis_kk
                    } else {
                        basis.basis_ru
                    };
                    page = page.push(
                        text(t.tr_args("counter-legal-basis", &[("basis", printed.to_owned())]))
                            .size(13),
                    );
                }
                if !may_decide {
                    page = page.push(text(t.tr("counter-role-cannot-decide")).size(13));
                }
            }
            Status::Decided | Status::Refused => {
                page = page.push(
                    row![
                        act(
                            "counter-sign-result",
                            id::SIGN_RESULT,
                            Message::SignResult,
                            true
                        ),
                        act(
                            "counter-open-document",
                            id::DOCUMENT,
                            Message::OpenDocument,
                            true
                        ),
                    ]
                    .spacing(12),
                );
            }
            Status::ResultSigned | Status::Issued => {
                page = page.push(act(
                    "counter-open-document",
                    id::DOCUMENT,
                    Message::OpenDocument,
                    true,
                ));
            }
        }
        if let Some(notice) = &self.notice {
            page = page.push(text(t.text(notice)));
        }
        page.into()
    }
}
