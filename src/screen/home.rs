//! The logged-in operator's start screen: who is working, the state of this workstation and the
//! services it offers. The inbox and the request forms grow from here.

use iced::widget::{button, column, row, text};
use iced::{Element, Length};

use crate::app::Context;
use crate::theme;

/// The start screen (no state of its own yet).
#[derive(Debug, Default)]
pub struct Home;

/// What the operator does on the start screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Log out and return to the login screen.
    LogOut,
}

/// What the app should do after an update.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// The operator logged out.
    LoggedOut,
}

impl Home {
    /// Handles a message.
    pub fn update(&mut self, _ctx: &Context, message: Message) -> Action {
        match message {
            Message::LogOut => Action::LoggedOut,
        }
    }

    /// Draws the screen.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let o = &ctx.overview;
        let lang = t.lang();
        let who = ctx
            .operator
            .as_ref()
            .map(|op| op.full_name.clone())
            .unwrap_or_default();
        let operator_row = row![
            text(t.tr_args("home-operator", &[("name", who)])).width(Length::Fill),
            button(text(t.tr("home-log-out")))
                .style(button::secondary)
                .on_press(Message::LogOut),
        ]
        .spacing(16);

        let mut facts = column![
            text(t.tr("app-offline-mode")).size(16),
            text(t.tr_args(
                "app-data-folder",
                &[("path", ctx.data_dir.display().to_string())]
            )),
            text(t.tr_args("app-requests-count", &[("count", o.requests.to_string())])),
            text(t.tr_args("app-operators-count", &[("count", o.operators.to_string())])),
            text(t.tr_args("app-offices-count", &[("count", o.offices.to_string())])),
        ]
        .spacing(6);
        if o.demo {
            facts = facts.push(text(t.tr("app-demo-data")));
        }
        for notice in &o.notices {
            facts = facts.push(text(t.text(notice)));
        }
        let services = o.services.iter().fold(column![].spacing(4), |c, s| {
            c.push(text(format!("• {}", s.in_lang(lang))))
        });
        column![
            operator_row,
            facts,
            text(t.tr("app-services-heading"))
                .size(18)
                .font(theme::FONT_HEADING),
            services,
        ]
        .spacing(16)
        .into()
    }
}
