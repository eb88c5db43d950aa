//! The workstation window. For now it shows the state of the local workstation (offline, its
//! data folder, what the store holds, the services it knows) and switches the language; the
//! counter screens build on this shape.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use iced::widget::{button, column, container, row, rule, scrollable, text};
use iced::{Element, Length, Task};
use tereze_core::calendar::Calendar;
use tereze_core::i18n::Localized;
use tereze_core::regulation::Registry;
use tereze_core::store::Store;

use crate::i18n::{Lang, Translator};
use crate::settings::{self, Settings};
use crate::theme;

/// A service's name in the three languages, as the regulation file gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceName {
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
    /// English.
    pub en: String,
}

impl ServiceName {
    fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
        }
    }
}

/// What the store and the regulations held when the workstation started.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overview {
    /// Requests in the local store.
    pub requests: u64,
    /// Operators registered on this workstation.
    pub operators: u64,
    /// Offices in the reference data.
    pub offices: u64,
    /// Services loaded from the regulation files.
    pub services: Vec<ServiceName>,
    /// Whether demo data was seeded into this data folder.
    pub demo: bool,
    /// Things the operator should know about start-up (a damaged settings file, …).
    pub notices: Vec<Localized>,
}

/// The read-only bundle every screen receives.
#[derive(Debug)]
pub struct Context {
    /// Renders every string in the operator's language.
    pub translator: Translator,
    /// The local data folder.
    pub data_dir: PathBuf,
    /// The settings in force.
    pub settings: Settings,
    /// What the store held at start-up.
    pub overview: Overview,
    /// The local store; screens run their database work off the UI thread with it.
    pub store: Arc<Mutex<Store>>,
    /// The services as data.
    pub registry: Arc<Registry>,
    /// The holiday calendar for deadlines.
    pub calendar: Arc<Calendar>,
}

/// The window's state.
#[derive(Debug)]
pub struct App {
    ctx: Context,
    error: Option<String>,
}

/// Everything that can happen in the window.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// The operator picked an interface language.
    LanguageSelected(Lang),
}

impl App {
    /// The window for a started workstation.
    pub fn new(ctx: Context) -> Self {
        Self { ctx, error: None }
    }

    /// The shared context.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.ctx.translator.tr("app-title")
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::LanguageSelected(lang) => {
                self.ctx.translator.set_lang(lang);
                self.ctx.settings.language = Some(lang);
                self.error = settings::save(&self.ctx.data_dir, &self.ctx.settings)
                    .err()
                    .map(|_| self.ctx.translator.tr("app-settings-not-saved"));
            }
        }
        Task::none()
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        let t = &self.ctx.translator;
        let o = &self.ctx.overview;
        let lang = t.lang();

        let languages = Lang::ALL.into_iter().fold(row![].spacing(8), |r, l| {
            let style = if l == lang {
                button::primary
            } else {
                button::secondary
            };
            r.push(
                button(text(l.native_name()))
                    .style(style)
                    .on_press(Message::LanguageSelected(l)),
            )
        });

        let header = row![
            column![
                text(t.tr("app-title")).size(28).font(theme::FONT_HEADING),
                text(t.tr("app-tagline")).size(15),
            ]
            .spacing(4)
            .width(Length::Fill),
            languages,
        ]
        .spacing(16);

        let mut facts = column![
            text(t.tr("app-offline-mode")).size(16),
            text(t.tr_args(
                "app-data-folder",
                &[("path", self.ctx.data_dir.display().to_string())]
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
        if let Some(error) = &self.error {
            facts = facts.push(text(error.clone()));
        }

        let services = o.services.iter().fold(column![].spacing(4), |c, s| {
            c.push(text(format!("• {}", s.in_lang(lang))))
        });

        container(
            scrollable(
                column![
                    header,
                    rule::horizontal(1),
                    facts,
                    text(t.tr("app-services-heading"))
                        .size(18)
                        .font(theme::FONT_HEADING),
                    services,
                ]
                .spacing(16),
            )
            .height(Length::Fill),
        )
        .padding(24)
        .into()
    }
}
