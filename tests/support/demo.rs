//! The app on a fresh demo data folder, and logging in the way the login task does; shared by
//! the screen tests. Included with `#[path]` by each test that needs it.

#![allow(dead_code)] // each includer uses only part of it

use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::login;
use tereze::startup;
use tereze_core::keyring::{Keyring, MasterKey};
use tereze_core::store::Store;
use tereze_protocol::ConnectionFile;
use time::OffsetDateTime;

/// The demo executor's IIN and password, as the README gives them.
pub const EXECUTOR: (&str, &str) = ("900412442007", "demo-executor-2026");
/// The demo head of department's IIN and password.
pub const HEAD: (&str, &str) = ("790925317006", "demo-head-2026");

/// The app started with `--demo` on a new data folder, in `lang`, on the window's login screen
/// with the encrypted store open (as after a log-out: the demo executor's password unlocked the
/// master key, as the login gate does).
pub fn demo_app(lang: Lang) -> (tempfile::TempDir, App) {
    demo_app_with(lang, |_| None)
}

/// The same, with the server connection `connect` gives for the opened store, as if
/// `tereze connect` had stored it before the window started.
pub fn demo_app_with(
    lang: Lang,
    connect: impl FnOnce(&Store) -> Option<ConnectionFile>,
) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().expect("temp dir");
    let run = RunArgs {
        data_dir: Some(dir.path().to_path_buf()),
        demo: true,
        lang: Some(lang),
    };
    let mut started = startup::start(&run, lang).expect("start");
    let key = master_key(dir.path(), EXECUTOR);
    let store = started.open_with_key(&key).expect("open the store");
    started.connection = connect(&store);
    (dir, App::new(started.context(store, key).expect("context")))
}

/// The master key of the data folder `dir`, unlocked with this IIN and password from its
/// keyring, as the login gate does.
pub fn master_key(dir: &std::path::Path, (iin, password): (&str, &str)) -> MasterKey {
    let mut keyring = Keyring::load(dir).expect("keyring");
    let iin = tereze_core::iin::Iin::parse(iin).expect("IIN");
    keyring
        .unlock(&iin, password, OffsetDateTime::now_utc())
        .expect("unlock")
        .key
}

/// Checks the IIN and password as the login task does off the UI thread, and hands the answer
/// to the app.
pub fn log_in(app: &mut App, (iin, password): (&str, &str)) {
    let result = login::attempt(
        &app.context().store,
        iin,
        password,
        OffsetDateTime::now_utc(),
    );
    let _ = app.update(Message::Login(login::Message::Finished(result)));
}

/// The demo app with the demo executor logged in.
pub fn logged_in(lang: Lang) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app(lang);
    log_in(&mut app, EXECUTOR);
    (dir, app)
}

/// The demo app connected as `connect` says, with the demo executor logged in.
pub fn logged_in_with(
    lang: Lang,
    connect: impl FnOnce(&Store) -> Option<ConnectionFile>,
) -> (tempfile::TempDir, App) {
    let (dir, mut app) = demo_app_with(lang, connect);
    log_in(&mut app, EXECUTOR);
    (dir, app)
}
