//! The workstation window. For now it shows the state of the local workstation (offline, its
//! data folder, what the store holds, the services it knows) and switches the language; the
//! counter screens build on this shape.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use iced::keyboard::{self, Key, key::Named};
use iced::widget::operation;
use iced::widget::{button, column, container, row, rule, scrollable, text};
use iced::{Element, Length, Padding, Subscription, Task, event, time, window};
use tereze_core::calendar::Calendar;
use tereze_core::channel::Channel;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::Registry;
use tereze_core::store::{AuditAction, EntityKind, Operator, Store};

use crate::i18n::{Lang, Translator};
use crate::screen::settings as settings_screen;
use crate::screen::{Screen, decide, document, home, login, request, sign};
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
    /// The name in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
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
    /// The workstation's master key, unlocked at login: the sync worker's connection and the
    /// wraps of operators who log in here for the first time need it.
    pub master_key: tereze_core::keyring::MasterKey,
    /// The services as data.
    pub registry: Arc<Registry>,
    /// The holiday calendar for deadlines.
    pub calendar: Arc<Calendar>,
    /// The operator who is logged in, if anyone.
    pub operator: Option<Operator>,
    /// The server connection (`tereze connect`); none while the workstation works offline only.
    pub connection: Option<tereze_protocol::ConnectionFile>,
    /// What sync is doing, for the status line.
    pub sync: crate::sync::SyncStatus,
}

/// The window's state.
#[derive(Debug)]
pub struct App {
    ctx: Context,
    screen: Screen,
    error: Option<String>,
    /// When the operator last did anything.
    last_activity: Instant,
    /// When the operator last entered their password; the session ends [`SESSION_LIFETIME`]
    /// later however busy they are.
    session_started: Instant,
    /// The screen the idle lock hides, given back when the same operator logs in again.
    locked: Option<Box<Screen>>,
    /// "Sync now" for the running sync worker, once it started.
    sync_trigger: Option<tereze_sync::SyncTrigger>,
}

/// Everything that can happen in the window.
#[derive(Debug, Clone)]
pub enum Message {
    /// The operator picked an interface language.
    LanguageSelected(Lang),
    /// Something on the login screen.
    Login(login::Message),
    /// Something on the start screen.
    Home(home::Message),
    /// Something on a request form.
    Request(request::Message),
    /// Something on the settings screen.
    Settings(settings_screen::Message),
    /// Something on the signing screen.
    Sign(sign::Message),
    /// Something on a request's decision screen.
    Decide(decide::Message),
    /// Something on the document screen.
    Document(document::Message),
    /// Something on the sync screen.
    SyncScreen(crate::screen::sync::Message),
    /// Something on the queue screen.
    Queue(crate::screen::queue::Message),
    /// Tab: the next field, in visual order.
    FocusNext,
    /// Shift+Tab: the previous field.
    FocusPrevious,
    /// The idle clock ticked.
    Tick(Instant),
    /// Ctrl+S: save the form on show.
    SaveShortcut,
    /// Ctrl+N: open a new request of the service picked in the inbox.
    NewShortcut,
    /// Ctrl+P: print the document on show.
    PrintShortcut,
    /// Files are dragged over the window (`true`) or left it (`false`).
    FilesHovered(bool),
    /// A file was dropped on the window.
    FileDropped(PathBuf),
    /// The sync worker reported.
    Sync(crate::sync::Event),
    /// Ctrl+R or the "sync now" button: start a sync cycle now.
    SyncNow,
}

impl App {
    /// The window for a started workstation: the login screen first.
    pub fn new(ctx: Context) -> Self {
        Self {
            ctx,
            screen: Screen::Login(login::Login::new()),
            error: None,
            last_activity: Instant::now(),
            session_started: Instant::now(),
            locked: None,
            sync_trigger: None,
        }
    }

    /// The window for a workstation the login gate has just opened: `operator` is in and the
    /// start screen loads.
    pub fn open(ctx: Context, operator: Operator) -> (Self, Task<Message>) {
        let mut app = Self::new(ctx);
        let task = app.update(Message::Login(login::Message::Finished(Ok(operator))));
        (app, task)
    }

    /// The window with its first task: the cursor waits in the IIN field.
    pub fn boot(ctx: Context) -> (Self, Task<Message>) {
        (Self::new(ctx), operation::focus(login::id::IIN))
    }

    /// Keyboard-first: Tab and Shift+Tab move between fields on every screen; while an operator
    /// is in, the idle clock ticks and files dropped on the window reach the screen on show.
    pub fn subscription(&self) -> Subscription<Message> {
        let keys = keyboard::listen().filter_map(shortcut);
        if self.ctx.operator.is_some() && self.locked.is_none() {
            let mut all = vec![
                keys,
                time::every(IDLE_CHECK).map(Message::Tick),
                event::listen_with(file_drop),
            ];
            if let Screen::Document(screen) = &self.screen {
                all.push(screen.subscription().map(Message::Document));
            }
            if let Some(setup) = self.sync_setup() {
                all.push(crate::sync::subscription(setup).map(Message::Sync));
            }
            Subscription::batch(all)
        } else {
            keys
        }
    }

    /// Locks the screen if the operator has been idle longer than the settings allow at `now`,
    /// or if the session has reached [`SESSION_LIFETIME`]: the current screen is hidden (kept for
    /// the same operator) and the login form asks for the password again. Audited.
    pub fn lock_if_idle(&mut self, now: Instant) -> bool {
        if self.locked.is_some() {
            return false;
        }
        let Some(operator) = &self.ctx.operator else {
            return false;
        };
        let idle =
            now.saturating_duration_since(self.last_activity) >= self.ctx.settings.idle_lock();
        let expired = now.saturating_duration_since(self.session_started) >= SESSION_LIFETIME;
        if !idle && !expired {
            return false;
        }
        let (form, reason) = if expired {
            (
                login::Login::expired(operator.iin.as_string()),
                "session-lifetime",
            )
        } else {
            (login::Login::locked(operator.iin.as_string()), "idle")
        };
        if let Ok(mut store) = self.ctx.store.lock() {
            // The lock holds even if the audit write fails.
            let _ = store.audit(
                Some(operator.id),
                AuditAction::ScreenLocked,
                EntityKind::Workstation,
                None,
                &serde_json::json!({ "reason": reason }),
            );
        }
        let hidden = std::mem::replace(&mut self.screen, Screen::Login(form));
        self.locked = Some(Box::new(hidden));
        true
    }

    /// What the sync worker runs with: the connection and the operator at the keyboard. `None`
    /// (no worker) while the workstation is not connected, nobody is logged in, or the screen
    /// is locked.
    pub fn sync_setup(&self) -> Option<crate::sync::Setup> {
        let operator = self.ctx.operator.as_ref()?;
        if self.locked.is_some() {
            return None;
        }
        Some(crate::sync::Setup {
            connection: self.ctx.connection.clone()?,
            operator: operator.id,
            data_dir: self.ctx.data_dir.clone(),
            key: self.ctx.master_key.clone(),
            policy: tereze_sync::WorkerPolicy::default(),
        })
    }

    /// The shared context.
    pub fn context(&self) -> &Context {
        &self.ctx
    }

    /// The screen on show.
    pub fn screen(&self) -> &Screen {
        &self.screen
    }

    /// The message shown over the screen, if any, in the operator's language.
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// The window title.
    pub fn title(&self) -> String {
        self.ctx.translator.tr("app-title")
    }

    /// Handles a message.
    pub fn update(&mut self, message: Message) -> Task<Message> {
        if !matches!(message, Message::Tick(_)) {
            self.last_activity = Instant::now();
        }
        match message {
            Message::Tick(now) => {
                if self.lock_if_idle(now) {
                    self.stop_sync();
                }
                Task::none()
            }
            Message::Sync(event) => {
                if let crate::sync::Event::Ready(trigger) = &event {
                    self.sync_trigger = Some(trigger.clone());
                }
                let changed = self
                    .ctx
                    .sync
                    .follow(&event, ::time::OffsetDateTime::now_utc());
                match &self.screen {
                    Screen::Home(_) if changed => self.go_home_again(),
                    Screen::Sync(_) if changed => {
                        crate::screen::sync::SyncScreen::reload(&self.ctx).map(Message::SyncScreen)
                    }
                    _ => Task::none(),
                }
            }
            Message::SyncNow => {
                if let Some(trigger) = &self.sync_trigger {
                    trigger.sync_now();
                }
                Task::none()
            }
            Message::LanguageSelected(lang) => {
                self.ctx.translator.set_lang(lang);
                self.ctx.settings.language = Some(lang);
                self.error = settings::save(&self.ctx.data_dir, &self.ctx.settings)
                    .err()
                    .map(|_| self.ctx.translator.tr("app-settings-not-saved"));
                Task::none()
            }
            Message::SaveShortcut => match self.screen {
                Screen::Request(_) => self.update(Message::Request(request::Message::Save)),
                Screen::Settings(_) => {
                    self.update(Message::Settings(settings_screen::Message::Save))
                }
                _ => Task::none(),
            },
            Message::PrintShortcut => match self.screen {
                Screen::Document(_) => self.update(Message::Document(document::Message::Print)),
                _ => Task::none(),
            },
            Message::NewShortcut => match self.screen {
                Screen::Home(_) => self.update(Message::Home(home::Message::NewRequest)),
                _ => Task::none(),
            },
            Message::FilesHovered(hovering) => match self.screen {
                Screen::Request(_) => {
                    self.update(Message::Request(request::Message::DropHover(hovering)))
                }
                _ => Task::none(),
            },
            Message::FileDropped(path) => match self.screen {
                Screen::Request(_) => {
                    self.update(Message::Request(request::Message::FileDropped(path)))
                }
                _ => Task::none(),
            },
            Message::FocusNext => operation::focus_next(),
            Message::FocusPrevious => operation::focus_previous(),
            Message::Login(message) => {
                let Screen::Login(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    login::Action::None => Task::none(),
                    login::Action::Run(task) => task.map(Message::Login),
                    login::Action::LoggedIn(operator) => {
                        self.session_started = Instant::now();
                        let same = self.ctx.operator.as_ref().map(|op| op.id) == Some(operator.id);
                        self.ctx.operator = Some(operator);
                        match self.locked.take() {
                            Some(hidden) if same => {
                                self.screen = *hidden;
                                Task::none()
                            }
                            _ => {
                                let (home, load) = home::Home::new(&self.ctx);
                                self.screen = Screen::Home(home);
                                load.map(Message::Home)
                            }
                        }
                    }
                }
            }
            Message::Request(message) => {
                let Screen::Request(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    request::Action::None => Task::none(),
                    request::Action::Run(task) => task.map(Message::Request),
                    request::Action::Back => self.go_home(),
                    request::Action::Sign(id) => self.open_sign(id),
                }
            }
            Message::Sign(message) => {
                let Screen::Sign(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    sign::Action::None => Task::none(),
                    sign::Action::Run(task) => task.map(Message::Sign),
                    sign::Action::Done(id) | sign::Action::Back(id) => self.open_request(id),
                }
            }
            Message::Decide(message) => {
                let Screen::Decide(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    decide::Action::None => Task::none(),
                    decide::Action::Run(task) => task.map(Message::Decide),
                    decide::Action::Sign(id, target) => {
                        self.screen = Screen::Sign(Box::new(sign::SignScreen::new(id, target)));
                        Task::none()
                    }
                    decide::Action::OpenDocument(id) => {
                        let (screen, task) = document::DocumentScreen::new(&self.ctx, id);
                        self.screen = Screen::Document(Box::new(screen));
                        task.map(Message::Document)
                    }
                    decide::Action::Back => self.go_home(),
                }
            }
            Message::Document(message) => {
                let Screen::Document(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    document::Action::None => Task::none(),
                    document::Action::Run(task) => task.map(Message::Document),
                    document::Action::Back(id) => self.open_request(id),
                    document::Action::SignAgain(id) => {
                        self.screen = Screen::Sign(Box::new(sign::SignScreen::new(
                            id,
                            crate::counter::signing::Target::Result,
                        )));
                        Task::none()
                    }
                }
            }
            Message::SyncScreen(message) => {
                let Screen::Sync(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    crate::screen::sync::Action::None => Task::none(),
                    crate::screen::sync::Action::Run(task) => task.map(Message::SyncScreen),
                    crate::screen::sync::Action::SyncNow => self.update(Message::SyncNow),
                    crate::screen::sync::Action::Back => self.go_home(),
                }
            }
            Message::Queue(message) => {
                let Screen::Queue(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    crate::screen::queue::Action::None => Task::none(),
                    crate::screen::queue::Action::Run(task) => task.map(Message::Queue),
                    crate::screen::queue::Action::OpenDocument(id) => {
                        let (screen, task) = document::DocumentScreen::new(&self.ctx, id);
                        self.screen = Screen::Document(Box::new(screen));
                        task.map(Message::Document)
                    }
                    crate::screen::queue::Action::Back => self.go_home(),
                }
            }
            Message::Settings(message) => {
                let Screen::Settings(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    settings_screen::Action::None => Task::none(),
                    settings_screen::Action::Saved(new) => {
                        self.ctx.settings = new;
                        self.error = settings::save(&self.ctx.data_dir, &self.ctx.settings)
                            .err()
                            .map(|_| self.ctx.translator.tr("app-settings-not-saved"));
                        self.go_home()
                    }
                    settings_screen::Action::Back => self.go_home(),
                }
            }
            Message::Home(message) => {
                let Screen::Home(screen) = &mut self.screen else {
                    return Task::none();
                };
                match screen.update(&self.ctx, message) {
                    home::Action::None => Task::none(),
                    home::Action::Run(task) => task.map(Message::Home),
                    home::Action::LoggedOut => self.log_out(),
                    home::Action::Open(id) => self.open_request(id),
                    home::Action::SyncNow => self.update(Message::SyncNow),
                    home::Action::OpenSync => {
                        let (screen, load) = crate::screen::sync::SyncScreen::new(&self.ctx);
                        self.screen = Screen::Sync(screen);
                        load.map(Message::SyncScreen)
                    }
                    home::Action::OpenQueue => {
                        let (screen, load) = crate::screen::queue::QueueScreen::new(&self.ctx);
                        self.screen = Screen::Queue(Box::new(screen));
                        load.map(Message::Queue)
                    }
                    home::Action::OpenSettings => {
                        let (form, load) = settings_screen::SettingsForm::new(&self.ctx);
                        self.screen = Screen::Settings(form);
                        load.map(Message::Settings)
                    }
                    home::Action::NewRequest {
                        service_id,
                        profile,
                    } => {
                        let channel = self
                            .ctx
                            .operator
                            .as_ref()
                            .map_or(Channel::Office, crate::counter::channel::of_operator);
                        let form = self.ctx.registry.get(&service_id).map(|reg| {
                            crate::counter::channel::admits(reg, channel)
                                .map_err(|e| e.localized())?;
                            request::RequestForm::new(reg, &profile)
                                .map(|f| f.with_channel(channel))
                        });
                        match form {
                            Some(Ok(form)) => self.screen = Screen::Request(Box::new(form)),
                            Some(Err(e)) => self.error = Some(self.ctx.translator.text(&e)),
                            None => {}
                        }
                        Task::none()
                    }
                }
            }
        }
    }

    /// Back to the inbox, read afresh.
    fn go_home(&mut self) -> Task<Message> {
        let (home, load) = home::Home::new(&self.ctx);
        self.screen = Screen::Home(home);
        load.map(Message::Home)
    }

    /// A request's decision screen, read afresh.
    fn open_request(&mut self, id: uuid::Uuid) -> Task<Message> {
        let (screen, load) = decide::DecideScreen::new(&self.ctx, id);
        self.screen = Screen::Decide(Box::new(screen));
        load.map(Message::Decide)
    }

    /// Signing a saved request.
    fn open_sign(&mut self, id: uuid::Uuid) -> Task<Message> {
        self.screen = Screen::Sign(Box::new(sign::SignScreen::new(
            id,
            crate::counter::signing::Target::Request,
        )));
        Task::none()
    }

    /// Reads the inbox again, keeping the operator's search and filter.
    fn go_home_again(&mut self) -> Task<Message> {
        match &self.screen {
            Screen::Home(home) => home.reload(&self.ctx).map(Message::Home),
            _ => Task::none(),
        }
    }

    /// Forgets the running worker (its subscription ends with the operator's session).
    fn stop_sync(&mut self) {
        if let Some(trigger) = self.sync_trigger.take() {
            trigger.stop();
        }
        if self.ctx.connection.is_some() {
            self.ctx.sync = crate::sync::SyncStatus::Waiting;
        }
    }

    fn log_out(&mut self) -> Task<Message> {
        self.stop_sync();
        self.locked = None;
        let operator = self.ctx.operator.take();
        if let (Some(operator), Ok(mut store)) = (operator, self.ctx.store.lock()) {
            // A failed audit write must not keep the operator logged in.
            let _ = store.audit(
                Some(operator.id),
                AuditAction::Logout,
                EntityKind::Workstation,
                None,
                &serde_json::json!({}),
            );
        }
        self.screen = Screen::Login(login::Login::new());
        operation::focus(login::id::IIN)
    }

    /// Draws the window.
    pub fn view(&self) -> Element<'_, Message> {
        let t = &self.ctx.translator;
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

        let body: Element<'_, Message> = match &self.screen {
            Screen::Login(screen) => screen.view(&self.ctx).map(Message::Login),
            Screen::Home(screen) => screen.view(&self.ctx).map(Message::Home),
            Screen::Request(screen) => screen.view(&self.ctx).map(Message::Request),
            Screen::Settings(screen) => screen.view(&self.ctx).map(Message::Settings),
            Screen::Sign(screen) => screen.view(&self.ctx).map(Message::Sign),
            Screen::Decide(screen) => screen.view(&self.ctx).map(Message::Decide),
            Screen::Document(screen) => screen.view(&self.ctx).map(Message::Document),
            Screen::Sync(screen) => screen.view(&self.ctx).map(Message::SyncScreen),
            Screen::Queue(screen) => screen.view(&self.ctx).map(Message::Queue),
        };
        // Room on the right for the scroll bar, so it never covers a button.
        let mut page = column![header, rule::horizontal(1), body]
            .spacing(16)
            .padding(Padding {
                right: 16.0,
                ..Padding::ZERO
            });
        if let Some(error) = &self.error {
            page = page.push(text(error.clone()));
        }
        container(scrollable(page).height(Length::Fill))
            .padding(24)
            .into()
    }
}

/// How often the idle lock looks at the clock.
const IDLE_CHECK: Duration = Duration::from_secs(10);
/// How long a password entry lasts, however busy the operator is: then it is asked for again.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(8 * 60 * 60);

/// Files dragged over and dropped on the window.
fn file_drop(event: iced::Event, _: event::Status, _: window::Id) -> Option<Message> {
    match event {
        iced::Event::Window(window::Event::FileHovered(_)) => Some(Message::FilesHovered(true)),
        iced::Event::Window(window::Event::FilesHoveredLeft) => Some(Message::FilesHovered(false)),
        iced::Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
        _ => None,
    }
}

/// Tab and Shift+Tab that no widget used, and the Ctrl shortcuts.
fn shortcut(event: keyboard::Event) -> Option<Message> {
    match event {
        keyboard::Event::KeyPressed {
            key: Key::Character(c),
            modifiers,
            ..
        } if modifiers.command() => match c.as_str() {
            // The physical S/N/P keys on a Kazakh or Russian layout type Ы/Т/З: accept both.
            "s" | "S" | "ы" | "Ы" => Some(Message::SaveShortcut),
            "n" | "N" | "т" | "Т" => Some(Message::NewShortcut),
            "p" | "P" | "з" | "З" => Some(Message::PrintShortcut),
            "r" | "R" | "к" | "К" => Some(Message::SyncNow),
            _ => None,
        },
        keyboard::Event::KeyPressed {
            key: Key::Named(Named::Tab),
            modifiers,
            ..
        } => Some(if modifiers.shift() {
            Message::FocusPrevious
        } else {
            Message::FocusNext
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use iced::keyboard::{Location, Modifiers};

    fn press(key: Key, modifiers: Modifiers) -> keyboard::Event {
        keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: keyboard::key::Physical::Unidentified(
                keyboard::key::NativeCode::Unidentified,
            ),
            location: Location::Standard,
            modifiers,
            text: None,
            repeat: false,
        }
    }

    #[test]
    fn files_dragged_over_and_dropped_on_the_window_become_messages() {
        let window = window::Id::unique();
        let path = PathBuf::from("/tmp/scan.pdf");
        let drop = iced::Event::Window(window::Event::FileDropped(path.clone()));
        assert!(matches!(
            file_drop(drop, event::Status::Ignored, window),
            Some(Message::FileDropped(p)) if p == path
        ));
        let hover = iced::Event::Window(window::Event::FileHovered(path));
        assert!(matches!(
            file_drop(hover, event::Status::Ignored, window),
            Some(Message::FilesHovered(true))
        ));
        let left = iced::Event::Window(window::Event::FilesHoveredLeft);
        assert!(matches!(
            file_drop(left, event::Status::Ignored, window),
            Some(Message::FilesHovered(false))
        ));
        let other = iced::Event::Window(window::Event::Focused);
        assert!(file_drop(other, event::Status::Ignored, window).is_none());
    }

    #[test]
    fn ctrl_s_n_and_p_work_on_latin_and_cyrillic_layouts() {
        for c in ["s", "ы"] {
            let m = shortcut(press(Key::Character(c.into()), Modifiers::CTRL));
            assert!(matches!(m, Some(Message::SaveShortcut)), "{c}");
        }
        for c in ["n", "т"] {
            let m = shortcut(press(Key::Character(c.into()), Modifiers::CTRL));
            assert!(matches!(m, Some(Message::NewShortcut)), "{c}");
        }
        for c in ["p", "з"] {
            let m = shortcut(press(Key::Character(c.into()), Modifiers::CTRL));
            assert!(matches!(m, Some(Message::PrintShortcut)), "{c}");
        }
        for c in ["r", "к"] {
            let m = shortcut(press(Key::Character(c.into()), Modifiers::CTRL));
            assert!(matches!(m, Some(Message::SyncNow)), "{c}");
        }
        assert!(shortcut(press(Key::Character("s".into()), Modifiers::empty())).is_none());
        assert!(matches!(
            shortcut(press(Key::Named(Named::Tab), Modifiers::SHIFT)),
            Some(Message::FocusPrevious)
        ));
    }
}
