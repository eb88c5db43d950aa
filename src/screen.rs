//! The screens of the workstation. Each lives in `screen/<name>.rs` with its own `Message`,
//! `update(&mut self, &Context, Message) -> Action` and `view(&self, &Context)`; screens never
//! reach into each other, they return an [`Action`](login::Action) the app acts on.

pub mod home;
pub mod login;
pub mod request;
pub mod settings;
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
    /// Sync progress and the outbox.
    Sync(sync::SyncScreen),
}
