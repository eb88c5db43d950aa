//! The login gate in front of the encrypted store, driven as the window drives it: a wrong
//! password opens nothing and is told as the regulation's refusal, the README's demo password
//! opens the workstation on the start screen, and the refused attempts counted before the
//! database could be read reach its audit log. An account from the server logging in on the
//! window's own login screen gets its wrap, and can then open the workstation itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze::args::RunArgs;
use tereze::gate::{Message, Shell, ShellMessage};
use tereze::i18n::Lang;
use tereze::screen::{Screen, home, login};
use tereze::startup;
use tereze_core::keyring::Keyring;

#[path = "support/tasks.rs"]
mod tasks;

/// The demo executor's IIN and password, as the README gives them.
const EXECUTOR: (&str, &str) = ("900412442007", "demo-executor-2026");
/// The demo head of department.
const HEAD: (&str, &str) = ("790925317006", "demo-head-2026");

fn settle(shell: &mut Shell, message: ShellMessage) {
    let mut queue = vec![message];
    while let Some(next) = queue.pop() {
        let produced = tasks::run(shell.update(next));
        queue.extend(produced.into_iter().rev());
    }
}

fn submit(shell: &mut Shell, (iin, password): (&str, &str)) {
    settle(shell, ShellMessage::Gate(Message::IinChanged(iin.into())));
    settle(
        shell,
        ShellMessage::Gate(Message::PasswordChanged(password.into())),
    );
    settle(shell, ShellMessage::Gate(Message::Submit));
}

fn demo_shell(dir: &std::path::Path) -> Shell {
    let run = RunArgs {
        data_dir: Some(dir.to_path_buf()),
        demo: true,
        lang: Some(Lang::Ru),
    };
    let started = startup::start(&run, Lang::Ru).unwrap();
    Shell::boot(started).0
}

#[test]
fn the_demo_password_opens_the_workstation_and_a_wrong_one_opens_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut shell = demo_shell(dir.path());
    // The demo folder is provisioned encrypted: a keyring, and a database without SQLite's
    // plaintext header.
    assert!(Keyring::exists(dir.path()));
    let db = dir.path().join("tereze.db");
    assert!(!std::fs::read(&db).unwrap().starts_with(b"SQLite format 3"));

    for _ in 0..2 {
        submit(&mut shell, (EXECUTOR.0, "not-the-password"));
    }
    let Shell::Gate(gate) = &shell else {
        panic!("a wrong password opened the workstation");
    };
    assert_eq!(gate.error().unwrap().key, "login-refused");
    assert!(!gate.busy());

    submit(&mut shell, EXECUTOR);
    let Shell::Open(app) = &shell else {
        panic!("the demo password did not open the workstation");
    };
    assert!(
        matches!(app.screen(), Screen::Home(_)),
        "{:?}",
        app.screen()
    );
    let operator = app.context().operator.as_ref().unwrap();
    assert!(operator.full_name.contains("демо"));
    let store = app.context().store.lock().unwrap();
    let flushed: String = store
        .connection()
        .query_row(
            "SELECT detail FROM audit WHERE action = 'unlock-refused'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(flushed, r#"{"failures":2}"#);
    store.verify_audit().unwrap();
}

#[test]
fn an_account_without_a_wrap_gets_one_at_its_first_login_in_the_open_window() {
    let dir = tempfile::tempdir().unwrap();
    // As an account imported from the server: no wrap yet.
    let head = {
        assert!(!Keyring::exists(dir.path()), "no keyring before start");
        let mut shell = demo_shell(dir.path());
        let mut keyring = Keyring::load(dir.path()).unwrap();
        let ids = keyring.operators();
        assert_eq!(ids.len(), 2, "both demo operators can open the demo");
        submit(&mut shell, EXECUTOR);
        let Shell::Open(app) = &mut shell else {
            panic!("not open");
        };
        let head = app
            .context()
            .store
            .lock()
            .unwrap()
            .operator_by_iin(&tereze_core::iin::Iin::parse(HEAD.0).unwrap())
            .unwrap()
            .unwrap()
            .id;
        keyring.remove_wrap(head).unwrap();
        assert!(!Keyring::load(dir.path()).unwrap().has_wrap(head));

        // The executor logs out; the head logs in on the window's login screen.
        let _ = app.update(tereze::app::Message::Home(home::Message::LogOut));
        for message in [
            login::Message::IinChanged(HEAD.0.into()),
            login::Message::PasswordChanged(HEAD.1.into()),
            login::Message::Submit,
        ] {
            tasks::settle(app, tereze::app::Message::Login(message));
        }
        assert_eq!(app.context().operator.as_ref().unwrap().id, head);
        head
    };
    assert!(Keyring::load(dir.path()).unwrap().has_wrap(head));
    // Next run, the head opens the workstation at the gate.
    let mut shell = demo_shell(dir.path());
    submit(&mut shell, HEAD);
    assert!(matches!(shell, Shell::Open(_)));
}
