//! The sync screen: what sync is doing now, "sync now", and every outbox operation that is not
//! simply accepted (waiting, sent, in conflict, refused) with its state and the server's reason
//! in the operator's language, so nothing sits in the outbox silently.

use std::sync::Arc;

use iced::widget::{button, column, container, row, text};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::{OutboxCounts, OutboxItem, OutboxState, Store};

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
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Ask the worker for a cycle now.
    SyncNow,
    /// Back to the inbox.
    Back,
}

impl SyncScreen {
    /// The screen, starting to read the outbox.
    pub fn new(ctx: &Context) -> (Self, Task<Message>) {
        let screen = Self::default();
        (screen, Self::reload(ctx))
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
    pub fn update(&mut self, _ctx: &Context, message: Message) -> Action {
        match message {
            Message::Loaded(outbox) => {
                self.outbox = Some(outbox);
                Action::None
            }
            Message::SyncNow => Action::SyncNow,
            Message::Back => Action::Back,
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
        page.into()
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
