//! The login gate: the first screen of a run, before the store is open.
//!
//! The database and the scans are encrypted; nothing in them can be read until an operator's
//! IIN and password unlock the master key. The gate asks for them, opens the workstation off the
//! UI thread ([`Started::unlock`]) and hands the open store to the window ([`App`]). Later
//! logins (after logging out, or at the idle lock) happen on the window's own login screen with
//! the store kept open.

use std::sync::{Arc, Mutex};

use iced::keyboard::{self, Key, key::Named};
use iced::widget::{button, column, container, operation, row, text, text_input};
use iced::{Element, Length, Subscription, Task};
use tereze_core::i18n::Localized;
use time::OffsetDateTime;

use crate::app::{self, App};
use crate::i18n::{Lang, Translator};
use crate::screen::login;
use crate::startup::{Session, Started};
use crate::{task, theme};

/// An opened workstation travelling in a message (messages are cloned; the session is taken
/// out once).
pub type SessionSlot = Arc<Mutex<Option<Session>>>;

/// The login form in front of the closed workstation.
#[derive(Debug)]
pub struct Gate {
    started: Started,
    translator: Translator,
    iin: String,
    password: String,
    error: Option<Localized>,
    busy: bool,
}

/// What happens on the gate.
#[derive(Debug, Clone)]
pub enum Message {
    /// The IIN field changed.
    IinChanged(String),
    /// The password field changed.
    PasswordChanged(String),
    /// Enter or the log-in button.
    Submit,
    /// The unlock finished.
    Finished(Result<SessionSlot, Localized>),
    /// The operator picked an interface language.
    LanguageSelected(Lang),
    /// Tab / Shift+Tab.
    Focus(bool),
}

impl Gate {
    /// The gate of a started workstation.
    pub fn new(started: Started) -> Self {
        let translator = Translator::new(started.lang);
        Self {
            started,
            translator,
            iin: String::new(),
            password: String::new(),
            error: None,
            busy: false,
        }
    }

    /// The IIN as the field holds it.
    pub fn iin(&self) -> &str {
        &self.iin
    }

    /// The message under the form, if any.
    pub fn error(&self) -> Option<&Localized> {
        self.error.as_ref()
    }

    /// Whether an unlock is running.
    pub fn busy(&self) -> bool {
        self.busy
    }

    /// Handles a message; `Some(session)` when the workstation opened.
    pub fn update(&mut self, message: Message) -> (Task<Message>, Option<Session>) {
        match message {
            Message::IinChanged(iin) => {
                self.iin = iin.chars().filter(char::is_ascii_digit).take(12).collect();
            }
            Message::PasswordChanged(password) => self.password = password,
            Message::LanguageSelected(lang) => {
                self.translator.set_lang(lang);
                self.started.lang = lang;
            }
            Message::Focus(forward) => {
                let task = if forward {
                    operation::focus_next()
                } else {
                    operation::focus_previous()
                };
                return (task, None);
            }
            Message::Submit if self.busy => {}
            Message::Submit => {
                self.busy = true;
                self.error = None;
                let started = self.started.clone();
                let iin = self.iin.clone();
                let password = std::mem::take(&mut self.password);
                let task = task::blocking(
                    Localized::new("login-failed-internal"),
                    move || {
                        started
                            .unlock(&iin, &password, OffsetDateTime::now_utc())
                            .map(|session| Arc::new(Mutex::new(Some(session))))
                    },
                    Message::Finished,
                );
                return (task, None);
            }
            Message::Finished(result) => {
                self.busy = false;
                self.password.clear();
                match result {
                    Ok(slot) => {
                        let session = slot.lock().ok().and_then(|mut s| s.take());
                        if session.is_none() {
                            self.error = Some(Localized::new("login-failed-internal"));
                        }
                        return (Task::none(), session);
                    }
                    Err(message) => self.error = Some(message),
                }
            }
        }
        (Task::none(), None)
    }

    /// Draws the gate: the title, the languages and the login form.
    pub fn view(&self) -> Element<'_, Message> {
        let t = &self.translator;
        let languages = Lang::ALL.into_iter().fold(row![].spacing(8), |r, l| {
            let style = if l == t.lang() {
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
        let mut submit = button(text(t.tr("login-submit")));
        if !self.busy {
            submit = submit.on_press(Message::Submit);
        }
        let mut form = column![
            text(t.tr("login-heading"))
                .size(22)
                .font(theme::FONT_HEADING),
            text(t.tr("login-iin")),
            text_input(&t.tr("login-iin-placeholder"), &self.iin)
                .id(login::id::IIN)
                .on_input(Message::IinChanged)
                .on_submit(Message::Submit),
            text(t.tr("login-password")),
            text_input("", &self.password)
                .id(login::id::PASSWORD)
                .secure(true)
                .on_input(Message::PasswordChanged)
                .on_submit(Message::Submit),
            submit,
        ]
        .spacing(10)
        .max_width(420);
        if let Some(error) = &self.error {
            form = form.push(text(t.text(error)).style(text::danger));
        }
        let page = column![
            row![
                text(t.tr("app-title"))
                    .size(28)
                    .font(theme::FONT_HEADING)
                    .width(Length::Fill),
                languages,
            ]
            .spacing(16),
            container(form).width(Length::Fill).center_x(Length::Fill),
        ]
        .spacing(24);
        container(page).padding(24).into()
    }
}

/// The whole window: the gate until the workstation opens, then the app.
#[derive(Debug)]
pub enum Shell {
    /// Closed: the login gate.
    Gate(Box<Gate>),
    /// Open: the workstation's window.
    Open(Box<App>),
}

/// Messages of either phase.
#[derive(Debug, Clone)]
pub enum ShellMessage {
    /// For the gate.
    Gate(Message),
    /// For the open window.
    App(app::Message),
}

impl Shell {
    /// The gate of a started workstation, with the cursor in the IIN field.
    pub fn boot(started: Started) -> (Self, Task<ShellMessage>) {
        (
            Shell::Gate(Box::new(Gate::new(started))),
            operation::focus(login::id::IIN),
        )
    }

    /// Handles a message; opening the workstation replaces the gate with the window.
    pub fn update(&mut self, message: ShellMessage) -> Task<ShellMessage> {
        let opened = match (&mut *self, message) {
            (Shell::Gate(gate), ShellMessage::Gate(message)) => {
                let (task, session) = gate.update(message);
                let Some(session) = session else {
                    return task.map(ShellMessage::Gate);
                };
                match gate.started.context(session.store, session.key) {
                    Ok(ctx) => App::open(ctx, session.operator),
                    Err(e) => {
                        use tereze_core::i18n::Localize;
                        gate.error = Some(e.localized());
                        return Task::none();
                    }
                }
            }
            (Shell::Open(app), ShellMessage::App(message)) => {
                return app.update(message).map(ShellMessage::App);
            }
            _ => return Task::none(),
        };
        let (app, task) = opened;
        *self = Shell::Open(Box::new(app));
        task.map(ShellMessage::App)
    }

    /// Draws the phase on show.
    pub fn view(&self) -> Element<'_, ShellMessage> {
        match self {
            Shell::Gate(gate) => gate.view().map(ShellMessage::Gate),
            Shell::Open(app) => app.view().map(ShellMessage::App),
        }
    }

    /// The window title.
    pub fn title(&self) -> String {
        match self {
            Shell::Gate(gate) => gate.translator.tr("app-title"),
            Shell::Open(app) => app.title(),
        }
    }

    /// The phase's subscriptions (Tab on the gate; everything the window listens to after).
    pub fn subscription(&self) -> Subscription<ShellMessage> {
        match self {
            Shell::Gate(_) => keyboard::listen()
                .filter_map(|event| match event {
                    keyboard::Event::KeyPressed {
                        key: Key::Named(Named::Tab),
                        modifiers,
                        ..
                    } => Some(Message::Focus(!modifiers.shift())),
                    _ => None,
                })
                .map(ShellMessage::Gate),
            Shell::Open(app) => app.subscription().map(ShellMessage::App),
        }
    }
}
