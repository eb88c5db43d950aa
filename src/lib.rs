//! Tereze, the executor's workstation: the desktop app.
//!
//! The only crate that knows iced. `main.rs` parses the command line and resolves paths,
//! [`startup`] loads the regulations, [`gate`] opens the encrypted store at login, and [`app`] is
//! the window.

pub mod app;
pub mod args;
pub mod connect;
pub mod connection;
pub mod counter;
pub mod failure;
pub mod gate;
pub mod i18n;
pub mod preview;
pub mod screen;
pub mod settings;
pub mod startup;
pub mod sync;
pub mod task;
pub mod theme;
