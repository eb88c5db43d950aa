//! The sync status line of the inbox: operations waiting for the server, what sync is doing
//! (offline, syncing with progress, synced at HH:MM, failed and why, update needed) and a
//! "sync now" button while a server is connected.

use iced::widget::{button, container, row, text};
use iced::{Alignment, Element};

use crate::app::Context;
use crate::sync::SyncStatus;

/// The stable id of the "sync now" button.
pub const SYNC_NOW: &str = "sync-now";

/// The line, with `sync_now` sent by the button.
pub fn view<'a, M: Clone + 'a>(ctx: &'a Context, pending: u64, sync_now: M) -> Element<'a, M> {
    let t = &ctx.translator;
    let outbox = text(t.tr_args("home-outbox", &[("count", pending.to_string())])).size(14);
    let status = text(ctx.sync.line(t)).size(14);
    let status = match ctx.sync {
        SyncStatus::Failed { .. } | SyncStatus::UpdateNeeded { .. } => status.style(text::danger),
        _ => status,
    };
    let mut line = row![outbox, text("·").size(14), status]
        .spacing(8)
        .align_y(Alignment::Center);
    if ctx.sync.can_sync_now() {
        let mut now = button(text(t.tr("connect-sync-now")).size(14)).style(button::secondary);
        if !matches!(ctx.sync, SyncStatus::Syncing { .. }) {
            now = now.on_press(sync_now);
        }
        line = line.push(container(now).id(SYNC_NOW));
    }
    line.into()
}

/// The connected server as the settings screen shows it (read-only), and how to change it.
pub fn connection<'a, M: 'a>(ctx: &'a Context) -> Element<'a, M> {
    let t = &ctx.translator;
    let what = match &ctx.connection {
        Some(c) => t.tr_args(
            "connect-settings-connected",
            &[
                ("url", c.url.clone()),
                ("workstation", c.workstation.to_string()),
            ],
        ),
        None => t.tr("connect-settings-not-connected"),
    };
    iced::widget::column![
        text(t.tr("connect-settings-heading")).font(crate::theme::FONT_HEADING),
        text(what),
        text(t.tr("connect-settings-how")).size(13),
    ]
    .spacing(4)
    .into()
}
