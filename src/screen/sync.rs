//! The sync screen: what sync is doing now, "sync now", and every outbox operation that is not
//! simply accepted (waiting, sent, in conflict, refused) with its state and the server's reason
//! in the operator's language, so nothing sits in the outbox silently.

pub mod conflicts;

use std::sync::Arc;

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::{OutboxCounts, OutboxItem, OutboxState, Role, Store};
use tereze_protocol::ConflictRecord;
use uuid::Uuid;

use crate::app::Context;
use crate::task;
use crate::theme;

/// Stable widget ids for tests.
pub mod id {
    /// The "back" button.
    pub const BACK: &str = "sync-back";

    /// The line of one outbox operation.
    pub fn item(seq: u64) -> String {
        format!("outbox-{seq}")
    }

    /// One conflict's comparison.
    pub fn conflict(id: uuid::Uuid) -> String {
        format!("conflict-{id}")
    }

    /// "Keep the server's version" of a conflict.
    pub fn keep_theirs(id: uuid::Uuid) -> String {
        format!("keep-theirs-{id}")
    }

    /// "Keep the late version" of a conflict.
    pub fn keep_mine(id: uuid::Uuid) -> String {
        format!("keep-mine-{id}")
    }
}

/// The most operations of each state listed.
const LIST_LIMIT: usize = 500;

/// The outbox as the screen shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outbox {
    /// Operations in each state.
    pub counts: OutboxCounts,
    /// Operations not accepted, oldest first: waiting, sent, in conflict, refused.
    pub items: Vec<OutboxItem>,
}

/// The sync screen's state.
#[derive(Debug, Default)]
pub struct SyncScreen {
    outbox: Option<Result<Outbox, Localized>>,
    /// The office's open conflicts, for a head of department on a connected workstation.
    conflicts: Option<Result<Vec<ConflictRecord>, Localized>>,
    /// Why the last resolve failed.
    problem: Option<Localized>,
}

/// What happens on the sync screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The outbox was read.
    Loaded(Result<Outbox, Localized>),
    /// Start a cycle now.
    SyncNow,
    /// Back to the inbox.
    Back,
    /// The server's open conflicts arrived.
    ConflictsLoaded(Result<Vec<ConflictRecord>, Localized>),
    /// The head settles a conflict: keep the late version (`keep_mine`) or the server's.
    Resolve {
        /// The conflict.
        id: Uuid,
        /// Keep the late write instead of the server's version.
        keep_mine: bool,
    },
    /// The server marked the conflict resolved (or said why not).
    Resolved(Result<Uuid, Localized>),
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// Ask the worker for a cycle now.
    SyncNow,
    /// Back to the inbox.
    Back,
}

impl SyncScreen {
    /// The screen, starting to read the outbox.
    pub fn new(ctx: &Context) -> (Self, Task<Message>) {
        let screen = Self::default();
        let mut tasks = vec![Self::reload(ctx)];
        if Self::shows_conflicts(ctx) {
            tasks.push(Task::perform(
                conflicts::load(ctx),
                Message::ConflictsLoaded,
            ));
        }
        (screen, Task::batch(tasks))
    }

    /// Whether the conflicts part is shown: a head of department on a connected workstation.
    pub fn shows_conflicts(ctx: &Context) -> bool {
        ctx.connection.is_some() && ctx.operator.as_ref().is_some_and(|o| o.role == Role::Head)
    }

    /// The open conflicts as last read (`None` until read, or when not shown).
    pub fn conflicts(&self) -> Option<&Result<Vec<ConflictRecord>, Localized>> {
        self.conflicts.as_ref()
    }

    /// Why the last resolve failed, if it did.
    pub fn problem(&self) -> Option<&Localized> {
        self.problem.as_ref()
    }

    /// Reads the outbox again (after a cycle changed it).
    pub fn reload(ctx: &Context) -> Task<Message> {
        task::with_store(
            &Arc::clone(&ctx.store),
            Localized::new("connect-outbox-failed"),
            |store| read(store).map_err(|e| e.localized()),
            Message::Loaded,
        )
    }

    /// What the screen shows (`None` until the first read).
    pub fn outbox(&self) -> Option<&Result<Outbox, Localized>> {
        self.outbox.as_ref()
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::Loaded(outbox) => {
                self.outbox = Some(outbox);
                Action::None
            }
            Message::SyncNow => Action::SyncNow,
            Message::Back => Action::Back,
            Message::ConflictsLoaded(list) => {
                self.conflicts = Some(list);
                Action::None
            }
            Message::Resolve { id, keep_mine } => {
                let record = match &self.conflicts {
                    Some(Ok(list)) => list.iter().find(|c| c.id == id).cloned(),
                    _ => None,
                };
                let Some(record) = record else {
                    return Action::None;
                };
                self.problem = None;
                Action::Run(Task::perform(
                    conflicts::resolve(ctx, record, keep_mine),
                    Message::Resolved,
                ))
            }
            Message::Resolved(Ok(id)) => {
                if let Some(Ok(list)) = &mut self.conflicts {
                    list.retain(|c| c.id != id);
                }
                // A kept late version waits in the outbox now.
                Action::Run(Self::reload(ctx))
            }
            Message::Resolved(Err(problem)) => {
                self.problem = Some(problem);
                Action::None
            }
        }
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let waiting = match &self.outbox {
            Some(Ok(o)) => o.counts.waiting(),
            _ => 0,
        };
        let mut page = column![
            row![
                container(
                    button(text(t.tr("form-back")))
                        .style(button::secondary)
                        .on_press(Message::Back)
                )
                .id(id::BACK),
                text(t.tr("connect-sync-heading"))
                    .size(18)
                    .font(theme::FONT_HEADING),
            ]
            .spacing(12),
            crate::screen::sync_line::view(ctx, waiting, Message::SyncNow),
        ]
        .spacing(12);
        match &self.outbox {
            None => page = page.push(text(t.tr("connect-outbox-loading"))),
            Some(Err(e)) => page = page.push(text(t.text(e)).style(text::danger)),
            Some(Ok(outbox)) => {
                let counts = OutboxState::ALL
                    .into_iter()
                    .map(|s| format!("{}: {}", t.text(&s.localized()), outbox.counts.of(s)))
                    .collect::<Vec<_>>()
                    .join(" · ");
                page = page.push(text(counts).size(13));
                if outbox.items.is_empty() {
                    page = page.push(text(t.tr("connect-outbox-clear")));
                }
                for item in &outbox.items {
                    page = page.push(item_line(ctx, item));
                }
            }
        }
        if Self::shows_conflicts(ctx) {
            page = page.push(self.conflicts_view(ctx));
        }
        page.into()
    }

    fn conflicts_view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let mut part = column![
            text(t.tr("connect-conflicts-heading"))
                .size(18)
                .font(theme::FONT_HEADING)
        ]
        .spacing(8);
        if let Some(problem) = &self.problem {
            part = part.push(text(t.text(problem)).style(text::danger));
        }
        match &self.conflicts {
            None => part = part.push(text(t.tr("connect-conflicts-loading"))),
            Some(Err(e)) => part = part.push(text(t.text(e)).style(text::danger)),
            Some(Ok(list)) if list.is_empty() => {
                part = part.push(text(t.tr("connect-conflicts-none")));
            }
            Some(Ok(list)) => {
                for record in list {
                    part = part.push(conflict_card(ctx, record));
                }
            }
        }
        part.into()
    }
}

fn item_line<'a>(ctx: &'a Context, item: &'a OutboxItem) -> Element<'a, Message> {
    let t = &ctx.translator;
    let state = text(t.text(&item.state.localized()));
    let state = match item.state {
        OutboxState::Conflict | OutboxState::Rejected => state.style(text::danger),
        _ => state,
    };
    let mut lines = column![
        row![
            text(format!("#{}", item.seq.0)).width(Length::FillPortion(1)),
            text(t.text(&kind_label(&item.kind))).width(Length::FillPortion(3)),
            state.width(Length::FillPortion(4)),
        ]
        .spacing(12)
    ]
    .spacing(2);
    if let Some(reason) = &item.reason {
        // Reasons are the server's i18n keys; an unknown one shows as the key itself.
        lines = lines.push(text(t.tr(reason)).size(13));
    }
    container(lines)
        .id(id::item(item.seq.0))
        .padding(8)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}

fn conflict_card<'a>(ctx: &'a Context, record: &'a ConflictRecord) -> Element<'a, Message> {
    let t = &ctx.translator;
    let value = |field: &str, v: &Option<String>| -> String {
        match v {
            None => "—".to_owned(),
            // Every status has a `status-…` message (checked by the lifecycle translations test).
            Some(s) if field == "status" => t.tr(&format!("status-{s}")),
            Some(s) => s.clone(),
        }
    };
    let mut table = column![
        row![
            text(t.tr("connect-conflicts-field")).width(Length::FillPortion(2)),
            text(t.tr("connect-conflicts-theirs")).width(Length::FillPortion(3)),
            text(t.tr("connect-conflicts-mine")).width(Length::FillPortion(3)),
        ]
        .spacing(12)
    ]
    .spacing(4);
    for d in conflicts::diff(record) {
        let marker = if d.differs() { "≠ " } else { "" };
        let theirs = text(value(&d.field, &d.theirs));
        let mine = text(value(&d.field, &d.mine));
        let (theirs, mine) = if d.differs() {
            (theirs.style(text::danger), mine.style(text::danger))
        } else {
            (theirs, mine)
        };
        table = table.push(
            row![
                text(format!("{marker}{}", d.field)).width(Length::FillPortion(2)),
                theirs.width(Length::FillPortion(3)),
                mine.width(Length::FillPortion(3)),
            ]
            .spacing(12),
        );
    }
    let mut actions = row![
        container(
            button(text(t.tr("connect-conflicts-keep-theirs"))).on_press(Message::Resolve {
                id: record.id,
                keep_mine: false
            })
        )
        .id(id::keep_theirs(record.id))
    ]
    .spacing(8);
    if conflicts::can_keep_mine(record) {
        actions = actions.push(
            container(
                button(text(t.tr("connect-conflicts-keep-mine")))
                    .style(button::secondary)
                    .on_press(Message::Resolve {
                        id: record.id,
                        keep_mine: true,
                    }),
            )
            .id(id::keep_mine(record.id)),
        );
    }
    let title = t.tr_args(
        "connect-conflicts-title",
        &[
            ("request", record.entity_id.to_string()),
            ("seq", record.incoming.seq.0.to_string()),
        ],
    );
    container(column![text(title), table, actions].spacing(8))
        .id(id::conflict(record.id))
        .padding(8)
        .style(container::bordered_box)
        .width(Length::Fill)
        .into()
}

/// The operation's kind in the operator's terms.
pub fn kind_label(kind: &str) -> Localized {
    match kind {
        "save-request" => Localized::new("connect-op-save-request"),
        "set-status" => Localized::new("connect-op-set-status"),
        "add-attachment" => Localized::new("connect-op-add-attachment"),
        "remove-attachment" => Localized::new("connect-op-remove-attachment"),
        other => Localized::new("connect-op-other").arg("kind", other),
    }
}

/// Reads the counts and every operation not accepted, oldest first.
pub fn read(store: &mut Store) -> Result<Outbox, tereze_core::store::StoreError> {
    let counts = store.outbox_counts()?;
    let mut items = Vec::new();
    for state in OutboxState::ALL {
        if state != OutboxState::Accepted && counts.of(state) > 0 {
            items.extend(store.outbox_items(Some(state), LIST_LIMIT)?);
        }
    }
    items.sort_by_key(|i| i.seq);
    Ok(Outbox { counts, items })
}
