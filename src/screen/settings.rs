//! Workstation settings: the central server's address, the printer, the idle lock and the scan
//! size limit. The language is switched live from the header on every screen.

use std::fmt;

use iced::widget::{button, column, pick_list, row, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_report::print::PrintService;

use crate::app::Context;
use crate::settings::Settings;
use crate::task;
use crate::theme;

/// Stable widget ids for tests and focus.
pub mod id {
    /// The server address field.
    pub const SERVER: &str = "settings-server";
    /// The idle-lock minutes field.
    pub const IDLE: &str = "settings-idle";
    /// The attachment size field.
    pub const ATTACHMENT: &str = "settings-attachment";
}

/// The settings form: edits a copy, applied only when saved.
#[derive(Debug)]
pub struct SettingsForm {
    server: String,
    idle: String,
    attachment: String,
    printer: Option<String>,
    printers: Option<Result<Vec<String>, Localized>>,
    problem: Option<Localized>,
}

/// What the operator does on the settings screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The server address changed.
    ServerChanged(String),
    /// The idle-lock minutes changed.
    IdleChanged(String),
    /// The attachment limit changed.
    AttachmentChanged(String),
    /// A printer was picked.
    PrinterPicked(PrinterChoice),
    /// The print service answered.
    PrintersLoaded(Result<Vec<String>, Localized>),
    /// Apply and store the settings.
    Save,
    /// Back without saving.
    Back,
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Apply and store these settings, then go back.
    Saved(Settings),
    /// Go back unchanged.
    Back,
}

/// A printer in the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrinterChoice(pub String);

impl fmt::Display for PrinterChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl SettingsForm {
    /// The form filled from the settings in force, asking the print service for its printers.
    pub fn new(ctx: &Context) -> (Self, Task<Message>) {
        let s = &ctx.settings;
        let form = Self {
            server: s.server_url.clone().unwrap_or_default(),
            idle: s.idle_lock_minutes.to_string(),
            attachment: s.max_attachment_mib.to_string(),
            printer: s.printer.clone(),
            printers: None,
            problem: None,
        };
        let task = task::blocking(
            Localized::new("settings-printers-failed"),
            || {
                PrintService::system()
                    .printers()
                    .map(|list| list.into_iter().map(|p| p.name).collect())
                    .map_err(|e| e.localized())
            },
            Message::PrintersLoaded,
        );
        (form, task)
    }

    /// The problem that stopped the last save, if any.
    pub fn problem(&self) -> Option<&Localized> {
        self.problem.as_ref()
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::ServerChanged(v) => self.server = v,
            Message::IdleChanged(v) => self.idle = v,
            Message::AttachmentChanged(v) => self.attachment = v,
            Message::PrinterPicked(PrinterChoice(name)) => self.printer = Some(name),
            Message::PrintersLoaded(result) => self.printers = Some(result),
            Message::Back => return Action::Back,
            Message::Save => match self.parsed(&ctx.settings) {
                Ok(settings) => return Action::Saved(settings),
                Err(problem) => self.problem = Some(problem),
            },
        }
        Action::None
    }

    /// The settings the form describes, or what is wrong with them.
    fn parsed(&self, current: &Settings) -> Result<Settings, Localized> {
        let server = self.server.trim();
        let server_url = if server.is_empty() {
            None
        } else if server.starts_with("https://") && server.len() > "https://".len() {
            Some(server.to_owned())
        } else {
            return Err(Localized::new("settings-server-https"));
        };
        let idle: u64 = self
            .idle
            .trim()
            .parse()
            .ok()
            .filter(|m| (2..=15).contains(m))
            .ok_or_else(|| Localized::new("settings-idle-range"))?;
        let attachment: u64 = self
            .attachment
            .trim()
            .parse()
            .ok()
            .filter(|m| (1..=100).contains(m))
            .ok_or_else(|| Localized::new("settings-attachment-range"))?;
        Ok(Settings {
            server_url,
            idle_lock_minutes: idle,
            max_attachment_mib: attachment,
            printer: self.printer.clone(),
            ..current.clone()
        })
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
        let printers: Element<'a, Message> = match &self.printers {
            None => text(t.tr("settings-printers-loading")).into(),
            Some(Err(e)) => text(t.text(e)).style(text::danger).into(),
            Some(Ok(names)) if names.is_empty() => text(t.tr("settings-no-printers")).into(),
            Some(Ok(names)) => pick_list(
                names.iter().cloned().map(PrinterChoice).collect::<Vec<_>>(),
                self.printer.clone().map(PrinterChoice),
                Message::PrinterPicked,
            )
            .placeholder(t.tr("settings-default-printer"))
            .width(Length::Fill)
            .into(),
        };
        let mut form = column![
            row![
                button(text(t.tr("form-back")))
                    .style(button::secondary)
                    .on_press(Message::Back),
                text(t.tr("settings-heading"))
                    .size(18)
                    .font(theme::FONT_HEADING),
            ]
            .spacing(12),
            text(t.tr_args(
                "app-data-folder",
                &[("path", ctx.data_dir.display().to_string())]
            )),
            crate::screen::sync_line::connection(ctx),
            text(t.tr("settings-server")),
            text_input("https://", &self.server)
                .id(id::SERVER)
                .on_input(Message::ServerChanged)
                .on_submit(Message::Save),
            text(t.tr("settings-printer")),
            printers,
            text(t.tr("settings-idle")),
            text_input("5", &self.idle)
                .id(id::IDLE)
                .on_input(Message::IdleChanged)
                .on_submit(Message::Save),
            text(t.tr("settings-attachment")),
            text_input("10", &self.attachment)
                .id(id::ATTACHMENT)
                .on_input(Message::AttachmentChanged)
                .on_submit(Message::Save),
            button(text(t.tr("settings-save"))).on_press(Message::Save),
        ]
        .spacing(8)
        .max_width(640);
        if let Some(problem) = &self.problem {
            form = form.push(text(t.text(problem)).style(text::danger));
        }
        form.into()
    }
}
