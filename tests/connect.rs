//! Connecting a workstation end to end, against the real server over HTTPS with a project CA
//! made by openssl: the administrator provisions a workstation and writes its connection file,
//! `tereze connect` (the real binary) checks and stores it, an operator of the office logs in
//! with the account the server handed over, and the app's sync worker carries a saved request
//! to the server; "sync now" carries the next one. A file with a foreign CA, an unknown
//! credential or an unreachable address gives its own message and exit code and leaves the
//! stored connection exactly as it was.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/tasks.rs"]
mod tasks;

#[path = "../crates/sync/tests/support/openssl_ca.rs"]
mod openssl_ca;

use openssl_ca::{ca, server_cert};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use iced::futures::StreamExt;
use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::{Lang, Translator};
use tereze::screen::login;
use tereze::startup;
use tereze::sync::SyncStatus;
use tereze_core::channel::Channel;
use tereze_core::store::{RequestDraft, Role};
use tereze_protocol::ConnectionFile;
use tereze_server::ServeConfig;
use tereze_server::admin::{self, NewAccount};
use tereze_server::connection_file;
use tereze_server::db::Db;
use time::OffsetDateTime;
use uuid::Uuid;

const OFFICE: &str = "sko-edu-arys";
const IIN: &str = "900412442007";
const PASSWORD: &str = "correct-horse-battery";

/// Runs `tereze connect FILE --data-dir DIR --lang en`, giving the executor's IIN and password
/// on standard input.
fn tereze_connect(file: &Path, data_dir: &Path) -> Output {
    tereze_connect_as(file, data_dir, IIN, PASSWORD)
}

/// `tereze connect` with this IIN and password on standard input.
fn tereze_connect_as(file: &Path, data_dir: &Path, iin: &str, password: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_tereze"))
        .arg("connect")
        .arg(file)
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--lang", "en"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{iin}\n{password}").unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).trim().to_owned()
}

fn write_file(dir: &Path, name: &str, file: &ConnectionFile) -> PathBuf {
    let path = dir.join(name);
    connection_file::write(&path, file).unwrap();
    path
}

/// The stored connection's bytes, to see that a failed connect leaves them alone.
fn stored(data_dir: &Path) -> Vec<u8> {
    std::fs::read(tereze::connection::stored_path(data_dir)).unwrap()
}

fn save_request(app: &App, child: &str) -> Uuid {
    let operator = app.context().operator.as_ref().unwrap().id;
    let mut fields = BTreeMap::new();
    fields.insert("child-name".to_owned(), child.to_owned());
    fields.insert("applicant-phone".to_owned(), "+77010000000".to_owned());
    let mut store = app.context().store.lock().unwrap();
    store
        .save_request(
            &RequestDraft {
                id: None,
                expected_version: None,
                service_id: "preschool-queue".to_owned(),
                profile: "default".to_owned(),
                channel: Channel::Office,
                fields,
            },
            operator,
        )
        .unwrap()
        .id
}

/// The request's state on the server, if it arrived.
fn on_server(db: &str, id: Uuid) -> Option<String> {
    Db::open(db)
        .unwrap()
        .run_blocking(move |sql| {
            sql.query_opt(
                "SELECT state FROM entities WHERE id = $1",
                &[id.to_string().into()],
            )?
            .map(|r| r.text(0))
            .transpose()
        })
        .unwrap()
}

/// Feeds the worker's events to the app (running the tasks they start) until a cycle ends.
fn until_cycle_ends(
    rt: &tokio::runtime::Runtime,
    app: &mut App,
    worker: &mut (impl iced::futures::Stream<Item = tereze::sync::Event> + Unpin),
) {
    loop {
        // A guard against a hang, not a measurement.
        let event = rt
            .block_on(async { tokio::time::timeout(Duration::from_secs(120), worker.next()).await })
            .expect("the worker went quiet")
            .expect("the worker ended");
        let done = matches!(
            &event,
            tereze::sync::Event::Progress(
                tereze_sync::SyncEvent::Finished(_) | tereze_sync::SyncEvent::Failed { .. }
            ) | tereze::sync::Event::Unusable(_)
        );
        tasks::settle(app, Message::Sync(event));
        if done {
            return;
        }
    }
}

#[test]
fn a_provisioned_workstation_connects_syncs_and_bad_files_change_nothing() {
    let pki = tempfile::tempdir().unwrap();
    let project = ca(pki.path(), "tereze-project-ca");
    let stranger = ca(pki.path(), "some-other-ca");
    let tls = server_cert(pki.path(), &project);

    let server_dir = tempfile::tempdir().unwrap();
    let db_address = format!("sqlite:{}", server_dir.path().join("server.db").display());
    let db = Db::open(&db_address).unwrap();
    let executor = admin::add_operator(
        &db,
        NewAccount {
            iin: IIN.to_owned(),
            full_name: "Айгерім Сәрсенова".to_owned(),
            role: Role::Executor,
            office_id: OFFICE.to_owned(),
            password: PASSWORD.to_owned(),
            id: None,
        },
    )
    .unwrap();
    let provisioned = admin::provision_workstation(&db, OFFICE, "counter 1", None).unwrap();
    drop(db);

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let server = rt
        .block_on(tereze_server::start(ServeConfig {
            db: db_address.clone(),
            listen: "127.0.0.1:0".parse().unwrap(),
            blob_dir: server_dir.path().join("blobs"),
            tls: Some(tls),
            mail: None,
        }))
        .unwrap();
    let url = format!("https://{}", server.addr());

    // The administrator's file, as `provision-workstation --out` writes it.
    let files = tempfile::tempdir().unwrap();
    let good = connection_file::build(
        Some(&url),
        Some(&project.0),
        provisioned.id,
        &provisioned.credential,
    )
    .unwrap();
    let good_path = write_file(files.path(), "connection.toml", &good);

    let data = tempfile::tempdir().unwrap();
    // A password the server does not hold for the office account opens nothing and makes
    // nothing: on a new workstation, it would become the key to all the data.
    let out = tereze_connect_as(&good_path, data.path(), IIN, "not-the-password");
    assert_eq!(out.status.code(), Some(9), "{}", stderr(&out));
    assert!(std::fs::read_dir(data.path()).unwrap().next().is_none());
    let out = tereze_connect(&good_path, data.path());
    assert!(out.status.success(), "connect failed: {}", stderr(&out));
    assert!(tereze_core::keyring::Keyring::exists(data.path()));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains(&url), "{said}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let path = tereze::connection::stored_path(data.path());
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the stored secret is readable by others"
        );
    }
    let kept = stored(data.path());

    let t = Translator::new(Lang::En);
    // A file whose CA did not sign the server's certificate.
    let foreign = ConnectionFile {
        ca_pem: Some(std::fs::read_to_string(&stranger.0).unwrap()),
        ..good.clone()
    };
    let out = tereze_connect(
        &write_file(files.path(), "foreign.toml", &foreign),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(4), "{}", stderr(&out));
    assert_eq!(stderr(&out), t.tr("connect-wrong-ca"));
    assert_eq!(stored(data.path()), kept);

    // A credential the server does not know (revoked or mistyped).
    let unknown = ConnectionFile {
        secret: format!("tzw_{}", "0".repeat(64)),
        ..good.clone()
    };
    let out = tereze_connect(
        &write_file(files.path(), "unknown.toml", &unknown),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(stderr(&out), t.tr("connect-refused"));
    assert_eq!(stored(data.path()), kept);

    // A refused check on a new workstation leaves its data folder uncreated.
    let fresh = data.path().join("never-made");
    let out = tereze_connect(&files.path().join("unknown.toml"), &fresh);
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert!(!fresh.exists(), "a refused connect created the data folder");

    // Nothing listening at the address.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_url = format!("https://{}", closed.local_addr().unwrap());
    drop(closed);
    let gone = ConnectionFile {
        url: closed_url,
        ..good.clone()
    };
    let out = tereze_connect(&write_file(files.path(), "gone.toml", &gone), data.path());
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(stderr(&out), t.tr("connect-unreachable"));
    assert_eq!(stored(data.path()), kept);

    // The workstation starts connected, under the provisioned id; the office's executor logs
    // in with the password the server holds.
    let run = RunArgs {
        data_dir: Some(data.path().to_path_buf()),
        demo: false,
        lang: Some(Lang::En),
    };
    let started = startup::start(&run, Lang::En).unwrap();
    assert_eq!(started.connection.as_ref(), Some(&good));
    // The login gate: the executor's password unlocks the data (their wrap was made at
    // connect); a wrong one opens nothing.
    assert_eq!(
        started
            .unlock(IIN, "not-the-password", OffsetDateTime::now_utc())
            .unwrap_err()
            .key,
        "login-refused"
    );
    let session = started
        .unlock(IIN, PASSWORD, OffsetDateTime::now_utc())
        .unwrap();
    assert_eq!(session.operator.id, executor);
    let mut app = App::new(started.context(session.store, session.key).unwrap());
    assert_eq!(
        app.context().store.lock().unwrap().workstation().0,
        provisioned.id
    );
    assert!(app.sync_setup().is_none(), "a worker runs before login");
    let result = login::attempt(
        &app.context().store,
        IIN,
        PASSWORD,
        OffsetDateTime::now_utc(),
    );
    tasks::settle(&mut app, Message::Login(login::Message::Finished(result)));
    assert_eq!(
        app.context().operator.as_ref().map(|o| o.id),
        Some(executor)
    );
    assert_eq!(app.context().sync, SyncStatus::Waiting);

    let first = save_request(&app, "Әлихан");
    let setup = app
        .sync_setup()
        .expect("no worker for a logged-in operator");
    let mut worker = Box::pin(tereze::sync::worker(&setup));
    until_cycle_ends(&rt, &mut app, &mut worker);
    assert!(
        matches!(app.context().sync, SyncStatus::Synced { .. }),
        "{:?}",
        app.context().sync
    );
    let counts = app.context().store.lock().unwrap().outbox_counts().unwrap();
    assert_eq!(counts.waiting(), 0, "{counts:?}");
    let state = on_server(&db_address, first).expect("the request is not on the server");
    assert!(state.contains("Әлихан"), "{state}");

    // "Sync now" (Ctrl+R or the button) starts the next cycle at once.
    let second = save_request(&app, "Томирис");
    tasks::settle(&mut app, Message::SyncNow);
    until_cycle_ends(&rt, &mut app, &mut worker);
    assert!(on_server(&db_address, second).is_some());
    assert_eq!(
        app.context()
            .store
            .lock()
            .unwrap()
            .outbox_counts()
            .unwrap()
            .waiting(),
        0
    );

    // A file for another workstation: this one already has operations under its id, so it
    // keeps its connection and says which id to provision with.
    let other = {
        let db = Db::open(&db_address).unwrap();
        admin::provision_workstation(&db, OFFICE, "counter 2", None).unwrap()
    };
    let elsewhere = ConnectionFile {
        workstation: other.id,
        secret: other.credential,
        ..good.clone()
    };
    let out = tereze_connect(
        &write_file(files.path(), "elsewhere.toml", &elsewhere),
        data.path(),
    );
    assert_eq!(out.status.code(), Some(7), "{}", stderr(&out));
    assert!(stderr(&out).contains(&provisioned.id.to_string()));
    assert_eq!(stored(data.path()), kept);

    // The administrator revokes this workstation (a lost computer): connecting again with its
    // file is refused as a credential problem, and the stored connection stays as it was.
    assert!(admin::revoke_workstation(&Db::open(&db_address).unwrap(), provisioned.id).unwrap());
    let out = tereze_connect(&good_path, data.path());
    assert_eq!(out.status.code(), Some(5), "{}", stderr(&out));
    assert_eq!(stderr(&out), t.tr("connect-refused"));
    assert_eq!(stored(data.path()), kept);

    // The idle lock ends the worker's session (no subscription, so iced drops it).
    assert!(app.lock_if_idle(std::time::Instant::now() + Duration::from_secs(3600)));
    assert!(
        app.sync_setup().is_none(),
        "the worker runs behind the lock"
    );
    let again = login::attempt(
        &app.context().store,
        IIN,
        PASSWORD,
        OffsetDateTime::now_utc(),
    );
    tasks::settle(&mut app, Message::Login(login::Message::Finished(again)));
    assert!(app.sync_setup().is_some(), "no worker after unlocking");
    assert!(matches!(app.screen(), tereze::screen::Screen::Home(_)));

    // Logging out ends it too; disconnect forgets the server.
    drop(worker);
    tasks::settle(
        &mut app,
        Message::Home(tereze::screen::home::Message::LogOut),
    );
    assert!(app.sync_setup().is_none());
    let out = Command::new(env!("CARGO_BIN_EXE_tereze"))
        .args(["disconnect", "--lang", "en", "--data-dir"])
        .arg(data.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!tereze::connection::stored_path(data.path()).exists());
    rt.block_on(server.shutdown()).unwrap();
}
