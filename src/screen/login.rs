//! Logging in with IIN and password, offline, against the local store.

use iced::widget::{button, column, container, text, text_input};
use iced::{Element, Length, Task};
use tereze_core::i18n::{Localize, Localized};
use tereze_core::store::Operator;
use time::OffsetDateTime;

use crate::app::Context;
use crate::task;
use crate::theme;

/// Stable widget ids for tests and focus.
pub mod id {
    /// The IIN field.
    pub const IIN: &str = "login-iin";
    /// The password field.
    pub const PASSWORD: &str = "login-password";
}

/// The login form.
#[derive(Debug, Default)]
pub struct Login {
    iin: String,
    password: String,
    error: Option<Localized>,
    busy: bool,
}

/// What the operator does on the login screen.
#[derive(Debug, Clone)]
pub enum Message {
    /// The IIN field changed.
    IinChanged(String),
    /// The password field changed.
    PasswordChanged(String),
    /// Enter or the log-in button.
    Submit,
    /// The store answered.
    Finished(Result<Operator, Localized>),
}

/// What the app should do after an update.
#[derive(Debug)]
pub enum Action {
    /// Nothing more.
    None,
    /// Run this task and feed its messages back.
    Run(Task<Message>),
    /// The operator is in.
    LoggedIn(Operator),
}

impl Login {
    /// An empty form.
    pub fn new() -> Self {
        Self::default()
    }

    /// The login form shown when an idle workstation locks: the operator's IIN is filled in
    /// and the form says why it appeared.
    pub fn locked(iin: String) -> Self {
        Self {
            iin,
            error: Some(Localized::new("login-locked-idle")),
            ..Self::default()
        }
    }

    /// The login form shown when a session reaches its lifetime: as [`Login::locked`], with
    /// its own reason.
    pub fn expired(iin: String) -> Self {
        Self {
            iin,
            error: Some(Localized::new("login-session-expired")),
            ..Self::default()
        }
    }

    /// The IIN as the field holds it.
    pub fn iin(&self) -> &str {
        &self.iin
    }

    /// The message shown under the form, if any.
    pub fn error(&self) -> Option<&Localized> {
        self.error.as_ref()
    }

    /// Handles a message.
    pub fn update(&mut self, ctx: &Context, message: Message) -> Action {
        match message {
            Message::IinChanged(iin) => {
                // Only what an IIN can hold: digits, at most twelve.
                self.iin = iin.chars().filter(char::is_ascii_digit).take(12).collect();
                Action::None
            }
            Message::PasswordChanged(password) => {
                self.password = password;
                Action::None
            }
            Message::Submit if self.busy => Action::None,
            Message::Submit => {
                self.busy = true;
                self.error = None;
                let store = ctx.store.clone();
                let iin = self.iin.clone();
                let password = self.password.clone();
                let data_dir = ctx.data_dir.clone();
                let key = ctx.master_key.clone();
                Action::Run(task::blocking(
                    Localized::new("login-failed-internal"),
                    move || {
                        let operator = attempt(&store, &iin, &password, OffsetDateTime::now_utc())?;
                        // An account from the server logging in here for the first time gets
                        // its wrap, to open the workstation itself next time. A failure here
                        // does not keep the operator out: their colleague's wrap still works.
                        let _ =
                            tereze_core::unlock::ensure_wrap(&data_dir, &key, &operator, &password);
                        Ok(operator)
                    },
                    Message::Finished,
                ))
            }
            Message::Finished(result) => {
                self.busy = false;
                self.password.clear();
                match result {
                    Ok(operator) => Action::LoggedIn(operator),
                    Err(message) => {
                        self.error = Some(message);
                        Action::None
                    }
                }
            }
        }
    }

    /// Draws the form.
    pub fn view<'a>(&'a self, ctx: &'a Context) -> Element<'a, Message> {
        let t = &ctx.translator;
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
                .id(id::IIN)
                .on_input(Message::IinChanged)
                .on_submit(Message::Submit),
            text(t.tr("login-password")),
            text_input("", &self.password)
                .id(id::PASSWORD)
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
        container(form)
            .width(Length::Fill)
            .center_x(Length::Fill)
            .into()
    }
}

/// Checks the IIN and password against the store; what the login task runs off the UI thread.
pub fn attempt(
    store: &std::sync::Mutex<tereze_core::store::Store>,
    iin: &str,
    password: &str,
    now: OffsetDateTime,
) -> Result<Operator, Localized> {
    let mut store = store
        .lock()
        .map_err(|_| Localized::new("login-failed-internal"))?;
    store.login(iin, password, now).map_err(|e| e.localized())
}
