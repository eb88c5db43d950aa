//! The screens of the workstation. Each lives in `screen/<name>.rs` with its own `Message`,
//! `update(&mut self, &Context, Message) -> Action` and `view(&self, &Context)`; screens never
//! reach into each other, they return an [`Action`](login::Action) the app acts on.

pub mod decide;
pub mod document;
pub mod home;
pub mod login;
pub mod queue;
pub mod request;
pub mod settings;
pub mod sign;
pub mod sync;
pub mod sync_line;

/// The screen on show.
#[derive(Debug)]
pub enum Screen {
    /// IIN and password.
    Login(login::Login),
    /// The logged-in operator's start screen.
    Home(home::Home),
    /// A request form.
    Request(Box<request::RequestForm>),
    /// The workstation settings.
    Settings(settings::SettingsForm),
    /// Signing a request or its output document.
    Sign(Box<sign::SignScreen>),
    /// One request's next step: register, decide, refuse.
    Decide(Box<decide::DecideScreen>),
    /// A decided request's output document: preview, print, save, issue.
    Document(Box<document::DocumentScreen>),
    /// Sync progress and the outbox.
    Sync(sync::SyncScreen),
    /// The office's preschool queue.
    Queue(Box<queue::QueueScreen>),
}
