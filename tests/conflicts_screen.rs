//! The head of department settles a conflict from the sync screen, against the real server:
//! two workstations edit the same request offline, the later one's edit becomes a conflict, the
//! head sees both versions side by side with the difference marked, keeps the late edit, and
//! the next sync makes it the server's version. The losing workstation itself shows the
//! server's version meanwhile.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/tasks.rs"]
mod tasks;

use std::collections::BTreeMap;
use std::path::Path;

use iced::widget::Id;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::sync::conflicts;
use tereze::screen::sync::id as sync_id;
use tereze::screen::{Screen, home, login};
use tereze::startup;
use tereze_core::channel::Channel;
use tereze_core::store::{OutboxState, RequestDraft, Role, Store};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use tereze_server::{ServeConfig, connection_file};
use tereze_sync::{Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine, Timeouts};
use time::OffsetDateTime;
use uuid::Uuid;

const OFFICE: &str = "sko-edu-arys";
const PASSWORD: &str = "correct-horse-battery";
const HEAD_IIN: &str = "790925317006";
const EXECUTOR_IIN: &str = "900412442007";

fn account(db: &Db, iin: &str, role: Role) -> Uuid {
    admin::add_operator(
        db,
        NewAccount {
            iin: iin.to_owned(),
            full_name: format!("Account {iin}"),
            role,
            office_id: OFFICE.to_owned(),
            password: PASSWORD.to_owned(),
            id: None,
        },
    )
    .unwrap()
}

/// Provisions a workstation and connects `data_dir` to it the way `tereze connect` does.
fn connect(db: &Db, url: &str, data_dir: &Path, files: &Path, name: &str, opener: &str) {
    let p = admin::provision_workstation(db, OFFICE, name, None).unwrap();
    let file = connection_file::build(Some(url), None, p.id, &p.credential).unwrap();
    let path = files.join(format!("{name}.toml"));
    connection_file::write(&path, &file).unwrap();
    let opener = tereze::connect::Opener {
        iin: opener.to_owned(),
        password: PASSWORD.to_owned(),
    };
    tereze::connect::connect(&path, data_dir, Timeouts::default(), &opener).unwrap();
    std::fs::write(data_dir.join("connected-by"), &opener.iin).unwrap();
}

/// One sync cycle of the workstation in `data_dir` as `operator`, on its own store connection.
fn sync(rt: &tokio::runtime::Runtime, data_dir: &Path, operator: Uuid) -> tereze_sync::SyncSummary {
    let iin = iin_of(data_dir);
    let c = tereze::connection::load(data_dir).unwrap().unwrap();
    let engine = SyncEngine::new(SyncConfig::new(
        ServerAddress::parse(&c.url).unwrap(),
        None,
        Credentials {
            workstation: c.secret,
            operator,
        },
    ))
    .unwrap();
    let mut store = Store::open(data_dir, &key_of(data_dir, iin)).unwrap();
    rt.block_on(engine.sync_once(&mut store, &EventSender::none()))
        .unwrap()
}

fn edit(data_dir: &Path, id: Uuid, child: &str, operator: Uuid) {
    let iin = iin_of(data_dir);
    let mut store = Store::open(data_dir, &key_of(data_dir, iin)).unwrap();
    let r = store.load_request(id).unwrap();
    let mut fields = r.fields.clone();
    fields.insert("child-name".to_owned(), child.to_owned());
    store
        .save_request(
            &RequestDraft {
                id: Some(id),
                expected_version: Some(r.version),
                service_id: r.service_id.clone(),
                profile: r.profile.clone(),
                channel: r.channel,
                fields,
            },
            operator,
        )
        .unwrap();
}

fn click(app: &mut App, id: String) {
    let messages = {
        let mut ui = simulator(app.view());
        ui.click(Id::from(id.clone()))
            .unwrap_or_else(|_| panic!("no widget {id}"));
        ui.into_messages().collect::<Vec<_>>()
    };
    for message in messages {
        tasks::settle(app, message);
    }
}

#[test]
fn the_head_keeps_the_late_edit_and_the_next_sync_makes_it_the_servers() {
    let server_dir = tempfile::tempdir().unwrap();
    let db_address = format!("sqlite:{}", server_dir.path().join("server.db").display());
    let db = Db::open(&db_address).unwrap();
    let head = account(&db, HEAD_IIN, Role::Head);
    let executor = account(&db, EXECUTOR_IIN, Role::Executor);
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
            tls: None,
            mail: None,
        }))
        .unwrap();
    let url = format!("http://{}", server.addr());
    let files = tempfile::tempdir().unwrap();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    connect(&db, &url, a.path(), files.path(), "a", HEAD_IIN);
    connect(&db, &url, b.path(), files.path(), "b", EXECUTOR_IIN);

    // The head's workstation registers a request; both have version 1.
    let id = {
        let mut store = Store::open(a.path(), &key_of(a.path(), HEAD_IIN)).unwrap();
        let mut fields = BTreeMap::new();
        fields.insert("child-name".to_owned(), "Әлібек".to_owned());
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
                head,
            )
            .unwrap()
            .id
    };
    sync(&rt, a.path(), head);
    sync(&rt, b.path(), executor);
    // Both edit version 1 offline; A reaches the server first.
    edit(a.path(), id, "Әлібек (A)", head);
    edit(b.path(), id, "Әлібек (B)", executor);
    assert_eq!(sync(&rt, a.path(), head).accepted, 1);
    assert_eq!(sync(&rt, b.path(), executor).conflicts, 1);
    {
        let store = Store::open(b.path(), &key_of(b.path(), EXECUTOR_IIN)).unwrap();
        assert_eq!(
            store.load_request(id).unwrap().fields["child-name"],
            "Әлібек (A)",
            "the losing workstation still shows its own version"
        );
        let lost = store.outbox_items(Some(OutboxState::Conflict), 10).unwrap();
        assert_eq!(lost.len(), 1, "the conflict is not listed in B's outbox");
    }

    // The head opens the sync screen on workstation A.
    let run = RunArgs {
        data_dir: Some(a.path().to_path_buf()),
        demo: false,
        lang: Some(Lang::Kk),
    };
    let started = startup::start(&run, Lang::Kk).unwrap();
    let key = key_of(a.path(), HEAD_IIN);
    let store = started.open_with_key(&key).unwrap();
    let mut app = App::new(started.context(store, key).unwrap());
    let result = login::attempt(
        &app.context().store,
        HEAD_IIN,
        PASSWORD,
        OffsetDateTime::now_utc(),
    );
    tasks::settle(&mut app, Message::Login(login::Message::Finished(result)));
    tasks::settle(&mut app, Message::Home(home::Message::OpenSync));
    let Screen::Sync(screen) = app.screen() else {
        panic!("not on the sync screen");
    };
    let open = screen
        .conflicts()
        .expect("conflicts not asked for")
        .clone()
        .unwrap();
    assert_eq!(open.len(), 1, "{open:?}");
    let conflict = open[0].clone();
    assert_eq!(conflict.entity_id, id);
    let rows = conflicts::diff(&conflict);
    let name = rows.iter().find(|r| r.field == "child-name").unwrap();
    assert!(name.differs());
    assert_eq!(
        (name.theirs.as_deref(), name.mine.as_deref()),
        (Some("Әлібек (A)"), Some("Әлібек (B)"))
    );
    assert!(
        rows.iter().filter(|r| r.differs()).count() == 1,
        "only the child's name differs: {rows:?}"
    );
    assert!(
        simulator(app.view())
            .find(Id::from(sync_id::conflict(conflict.id)))
            .is_ok()
    );

    // Keep the late edit: it is saved again here and the conflict is settled on the server.
    click(&mut app, sync_id::keep_mine(conflict.id));
    let Screen::Sync(screen) = app.screen() else {
        panic!("left the sync screen");
    };
    assert!(screen.problem().is_none(), "{:?}", screen.problem());
    assert_eq!(screen.conflicts().unwrap().as_ref().unwrap().len(), 0);
    assert_eq!(sync(&rt, a.path(), head).accepted, 1);
    let state: String = Db::open(&db_address)
        .unwrap()
        .run_blocking(move |sql| {
            sql.query_opt(
                "SELECT state FROM entities WHERE id = $1",
                &[id.to_string().into()],
            )?
            .unwrap()
            .text(0)
        })
        .unwrap();
    assert!(state.contains("Әлібек (B)"), "{state}");
    let c = tereze::connection::load(a.path()).unwrap().unwrap();
    let engine = SyncEngine::new(SyncConfig::new(
        ServerAddress::parse(&c.url).unwrap(),
        None,
        Credentials {
            workstation: c.secret,
            operator: head,
        },
    ))
    .unwrap();
    let listed = rt.block_on(engine.conflicts()).unwrap();
    assert!(listed.conflicts.iter().all(|c| c.resolved));
    rt.block_on(server.shutdown()).unwrap();
}

/// Who connected the workstation in `data_dir`: the head on A, the executor on B (the folder
/// holds a marker file the test writes when connecting).
fn iin_of(data_dir: &Path) -> &'static str {
    let who = std::fs::read_to_string(data_dir.join("connected-by")).unwrap();
    if who == HEAD_IIN {
        HEAD_IIN
    } else {
        EXECUTOR_IIN
    }
}

/// The master key of a connected workstation's data folder, unlocked by the account that
/// connected it (the head on A, the executor on B), as the login gate does.
fn key_of(data_dir: &Path, iin: &str) -> tereze_core::keyring::MasterKey {
    let mut keyring = tereze_core::keyring::Keyring::load(data_dir).unwrap();
    let iin = tereze_core::iin::Iin::parse(iin).unwrap();
    keyring
        .unlock(&iin, PASSWORD, OffsetDateTime::now_utc())
        .unwrap()
        .key
}
