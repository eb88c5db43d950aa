//! The preschool queue end to end, the workstation against the real server on 127.0.0.1:0:
//! the head runs an allocation from the queue screen and sees its published list; at the
//! counter an offer is declined with the applicant's written statement, the place goes on, the
//! next child consents and the referral prints with the kindergarten and the group; offline, a
//! referral against this workstation's lease is refused for a child another child comes before,
//! issued for that child, and accepted by the server when the workstation syncs. Online, an
//! answer reaches the server at once (the place a refusal frees shows offered to the next child
//! without a sync) and is never pushed a second time; with the server stopped it waits in the
//! outbox and is accepted at the next sync. A lease of places taken from the screen shows with
//! its expiry; offline none is asked for, and the server's refusal is shown translated. And an
//! archival certificate decided with the archive's findings, signed, printed and issued.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/tasks.rs"]
mod tasks;

#[path = "support/counter.rs"]
mod counter;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use counter::{DEMO_KEY_PASSWORD, demo_key, pdftotext, sign_with};
use iced::widget::Id;
use iced_test::selector::Candidate;
use iced_test::simulator;
use tereze::app::{App, Message};
use tereze::args::RunArgs;
use tereze::i18n::Lang;
use tereze::screen::queue::{self as queue_screen, id as queue_id};
use tereze::screen::{Screen, decide, document, home, login, sign};
use tereze::startup;
use tereze_core::channel::Channel;
use tereze_core::i18n::Localized;
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{NewDecision, OutboxState, RequestDraft, Role, Store};
use tereze_protocol::{
    GroupCounts, LeaseRequest, LeaseWish, OfferAnswer, Operation, QueueSnapshot, QueueStep,
    RunRequest,
};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use tereze_server::{ServeConfig, connection_file};
use tereze_sync::{
    Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine, SyncEvent, SyncSummary,
    Timeouts,
};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

const OFFICE: &str = "sko-edu-arys";
const PASSWORD: &str = "correct-horse-battery";

/// The workstation's master key, unlocked with the executor's password (the account that
/// opened the workstation when it was connected).
fn master_key(ws: &std::path::Path) -> tereze_core::keyring::MasterKey {
    let mut keyring = tereze_core::keyring::Keyring::load(ws).unwrap();
    let iin = tereze_core::iin::Iin::parse(EXECUTOR_IIN).unwrap();
    keyring
        .unlock(&iin, PASSWORD, OffsetDateTime::now_utc())
        .unwrap()
        .key
}

/// The app on the connected workstation with its store open, on the login screen.
fn started_app(run: &RunArgs, lang: Lang) -> App {
    let started = startup::start(run, lang).unwrap();
    let dir = run.data_dir.clone().unwrap();
    let key = master_key(&dir);
    let store = started.open_with_key(&key).unwrap();
    App::new(started.context(store, key).unwrap())
}
const HEAD_IIN: &str = "790925317006";
const EXECUTOR_IIN: &str = "900412442007";
const ORG: &str = "demo-arys-baldauren";
const G2: &str = "demo-arys-baldauren-g2";

/// A department's server with its reference data, a head and an executor, and one connected
/// workstation.
struct Office {
    rt: tokio::runtime::Runtime,
    server: Option<tereze_server::RunningServer>,
    db_address: String,
    head: Uuid,
    executor: Uuid,
    workstation: tempfile::TempDir,
    _server_dir: tempfile::TempDir,
    _files: tempfile::TempDir,
}

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

impl Office {
    /// The office with `places` vacant places in group G2 and none anywhere else.
    fn open(places: u32) -> Office {
        let server_dir = tempfile::tempdir().unwrap();
        let db_address = format!("sqlite:{}", server_dir.path().join("server.db").display());
        let db = Db::open(&db_address).unwrap();
        let head = account(&db, HEAD_IIN, Role::Head);
        let executor = account(&db, EXECUTOR_IIN, Role::Executor);
        let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/reference");
        admin::import_reference(&db, &assets).unwrap();
        let groups: Vec<String> = db
            .run_blocking(|sql| {
                Ok::<_, tereze_server::db::DbError>(
                    sql.query(
                        "SELECT group_id FROM queue_groups WHERE office_id = $1",
                        &[OFFICE.into()],
                    )?
                    .iter()
                    .map(|r| r.text(0).unwrap())
                    .collect(),
                )
            })
            .unwrap();
        for group in groups {
            let capacity = if group == G2 { places } else { 0 };
            tereze_server::queue::in_transaction(&db, move |sql| {
                tereze_server::queue::groups::set_counts(
                    sql,
                    None,
                    &group,
                    &GroupCounts {
                        capacity: Some(capacity),
                        occupied: Some(0),
                    },
                )
            })
            .unwrap();
        }
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
        let workstation = tempfile::tempdir().unwrap();
        let p = admin::provision_workstation(&db, OFFICE, "counter", None).unwrap();
        let file = connection_file::build(Some(&url), None, p.id, &p.credential).unwrap();
        let path = files.path().join("counter.toml");
        connection_file::write(&path, &file).unwrap();
        tereze::connect::connect(
            &path,
            workstation.path(),
            Timeouts::default(),
            &tereze::connect::Opener {
                iin: EXECUTOR_IIN.to_owned(),
                password: PASSWORD.to_owned(),
            },
        )
        .unwrap();
        Office {
            rt,
            server: Some(server),
            db_address,
            head,
            executor,
            workstation,
            _server_dir: server_dir,
            _files: files,
        }
    }

    fn engine(&self, operator: Uuid) -> SyncEngine {
        let c = tereze::connection::load(self.workstation.path())
            .unwrap()
            .unwrap();
        SyncEngine::new(SyncConfig::new(
            ServerAddress::parse(&c.url).unwrap(),
            None,
            Credentials {
                workstation: c.secret,
                operator,
            },
        ))
        .unwrap()
    }

    /// One sync cycle as `operator`, on its own store connection.
    fn sync(&self, operator: Uuid) -> tereze_sync::SyncSummary {
        let mut store = Store::open(
            self.workstation.path(),
            &master_key(self.workstation.path()),
        )
        .unwrap();
        self.rt
            .block_on(
                self.engine(operator)
                    .sync_once(&mut store, &EventSender::none()),
            )
            .unwrap()
    }

    /// A child registered and decided into the queue on the workstation, as the counter does
    /// (the signature itself is the counter tests' business).
    fn register(&self, last: &str, born: Date) -> Uuid {
        let mut store = Store::open(
            self.workstation.path(),
            &master_key(self.workstation.path()),
        )
        .unwrap();
        let by = self.executor;
        let mut fields = BTreeMap::new();
        for (k, v) in [
            ("child-last-name", last.to_owned()),
            ("child-first-name", "Әли".to_owned()),
            (
                "child-birth-date",
                tereze_core::validate::date::to_stored(born),
            ),
            ("group-language", "kk".to_owned()),
            ("correctional-group", "false".to_owned()),
            ("privilege-category", "none".to_owned()),
        ] {
            fields.insert(k.to_owned(), v);
        }
        let id = store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".into(),
                    profile: "default".into(),
                    channel: Channel::Office,
                    fields,
                },
                by,
            )
            .unwrap()
            .id;
        let flow = Flow::PreschoolQueue;
        store
            .apply_action(id, flow, Status::Draft, Action::Sign, by)
            .unwrap();
        store.register(id, flow, by).unwrap();
        store
            .apply_action(id, flow, Status::Registered, Action::TakeIntoWork, by)
            .unwrap();
        store
            .decide(
                id,
                flow,
                Status::InWork,
                &NewDecision {
                    outcome_id: "registration-talon".into(),
                    ground: None,
                    queue: Some((born.year(), "none".into())),
                },
                by,
            )
            .unwrap();
        id
    }

    /// The app on the workstation with `iin` logged in, on the queue screen.
    fn app_on_queue(&self, iin: &str) -> App {
        let run = RunArgs {
            data_dir: Some(self.workstation.path().to_path_buf()),
            demo: false,
            lang: Some(Lang::Kk),
        };
        let mut app = started_app(&run, Lang::Kk);
        let result = login::attempt(
            &app.context().store,
            iin,
            PASSWORD,
            OffsetDateTime::now_utc(),
        );
        tasks::settle(&mut app, Message::Login(login::Message::Finished(result)));
        assert!(
            simulator(app.view())
                .find(Id::from(home::id::OPEN_QUEUE))
                .is_ok(),
            "the inbox offers the queue"
        );
        click(&mut app, home::id::OPEN_QUEUE.to_owned());
        queue(&app);
        app
    }

    fn frozen(&self) -> bool {
        tereze_server::queue::rules()
            .unwrap()
            .is_frozen(tereze_server::queue::today())
    }

    fn snapshot(&self, operator: Uuid) -> QueueSnapshot {
        self.rt
            .block_on(self.engine(operator).queue_snapshot())
            .unwrap()
    }

    /// The head's allocation run for today, straight on the server.
    fn run_allocation(&self) {
        self.rt
            .block_on(self.engine(self.head).start_run(&RunRequest::default()))
            .unwrap();
    }

    /// Stops the server (the link is down); returns its address.
    fn stop_server(&mut self) -> std::net::SocketAddr {
        let server = self.server.take().expect("running");
        let addr = server.addr();
        self.rt.block_on(server.shutdown()).unwrap();
        addr
    }

    /// Starts the server again on the same address and database (the link is back).
    fn restart_server(&mut self, addr: std::net::SocketAddr) {
        let server = self
            .rt
            .block_on(tereze_server::start(ServeConfig {
                db: self.db_address.clone(),
                listen: addr,
                blob_dir: self._server_dir.path().join("blobs"),
                tls: None,
                mail: None,
            }))
            .unwrap();
        self.server = Some(server);
    }
}

/// The queue steps waiting in the workstation's outbox.
fn queued_steps(app: &App) -> Vec<QueueStep> {
    let store = app.context().store.lock().unwrap();
    store
        .pending_outbox(100)
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.operation {
            Operation::QueueStep { step, .. } => Some(step),
            _ => None,
        })
        .collect()
}

/// The first text on screen that contains `needle`.
fn text_with(app: &App, needle: &str) -> Option<String> {
    let needle = needle.to_owned();
    simulator(app.view())
        .find(move |c: Candidate<'_>| match c {
            Candidate::Text { content, .. } if content.contains(needle.as_str()) => {
                Some(content.to_owned())
            }
            _ => None,
        })
        .ok()
}

/// What the sync worker reports to the window when a cycle could not reach the server.
fn link_down() -> Message {
    Message::Sync(tereze::sync::Event::Progress(SyncEvent::Failed {
        reason: Localized::new("sync-connection"),
        transient: true,
    }))
}

/// What the sync worker reports to the window when a cycle finished.
fn link_back() -> Message {
    Message::Sync(tereze::sync::Event::Progress(SyncEvent::Finished(
        SyncSummary::default(),
    )))
}

impl Drop for Office {
    fn drop(&mut self) {
        if let Some(server) = self.server.take() {
            let _ = self.rt.block_on(server.shutdown());
        }
    }
}

/// Born so that the child is three at today's date: group G2's age band.
/// The executor's key is the demo one: its root is installed as the workstation's trust.
fn trust_demo_root(ws: &Path) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/pki");
    std::fs::create_dir_all(ws.join("pki/trust")).unwrap();
    std::fs::create_dir_all(ws.join("pki/crl")).unwrap();
    std::fs::copy(
        demo.join("trust/demo-root.cer"),
        ws.join("pki/trust/root.cer"),
    )
    .unwrap();
    std::fs::copy(demo.join("demo-root.crl"), ws.join("pki/crl/root.crl")).unwrap();
}

/// The document on show.
fn shown_document(app: &App) -> document::Rendered {
    let Screen::Document(doc) = app.screen() else {
        panic!("not on the document screen: {:?}", app.screen());
    };
    doc.rendered().expect("rendered").clone()
}

fn status(office: &Office, id: Uuid) -> Status {
    let ws = office.workstation.path();
    Store::open(ws, &master_key(ws))
        .unwrap()
        .load_request(id)
        .unwrap()
        .status
}

fn three_year_old() -> Date {
    let d = OffsetDateTime::now_utc().date() - Duration::days(61);
    Date::from_calendar_date(d.year() - 3, d.month(), d.day().min(28)).unwrap()
}

fn queue(app: &App) -> &queue_screen::QueueScreen {
    match app.screen() {
        Screen::Queue(s) => s,
        other => panic!("not on the queue screen: {other:?}"),
    }
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

fn shows(app: &App, id: String) -> bool {
    simulator(app.view()).find(Id::from(id)).is_ok()
}

fn statement() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/demo-scan.pdf")
}

/// Records the applicant's answer with the written statement; returns what the operator was
/// told.
fn answer(app: &mut App, offer: Uuid, answer: OfferAnswer) -> &'static str {
    tasks::settle(
        app,
        Message::Queue(queue_screen::Message::StatementChosen(
            offer,
            answer,
            Some(statement()),
        )),
    );
    let screen = queue(app);
    assert!(screen.problem().is_none(), "{:?}", screen.problem());
    screen.notice().expect("told").key
}

#[test]
fn an_offer_declined_goes_to_the_next_child_who_consents_and_gets_the_referral() {
    let office = Office::open(1);
    if office.frozen() {
        eprintln!("1–31 August: no offers are made, nothing to test today");
        return;
    }
    let born = three_year_old();
    let first = office.register("Ахметов", born);
    let second = office.register("Бекова", born);

    // The second child's talon is signed and handed out at registration, as at the counter.
    trust_demo_root(office.workstation.path());
    {
        let mut app = office.app_on_queue(EXECUTOR_IIN);
        click(&mut app, queue_id::BACK.to_owned());
        tasks::settle(&mut app, Message::Home(home::Message::Open(second)));
        tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
        sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
        tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
        tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
        let talon = shown_document(&app);
        assert!(
            talon.signed && talon.title.starts_with("talon "),
            "{}",
            talon.title
        );
        tasks::settle(&mut app, Message::Document(document::Message::Issue));
        assert_eq!(status(&office, second), Status::Issued);
    }
    assert_eq!(office.sync(office.executor).rejected, 0);

    // The head runs the allocation from the queue screen and sees the published list.
    let mut head = office.app_on_queue(HEAD_IIN);
    click(&mut head, queue_id::REFRESH.to_owned());
    assert!(
        queue(&head).problem().is_none(),
        "{:?}",
        queue(&head).problem()
    );
    assert!(shows(&head, queue_id::entry(first)));
    click(&mut head, queue_id::START_RUN.to_owned());
    let cache = queue(&head).cache().unwrap().clone().unwrap();
    assert_eq!(cache.snapshot.runs.len(), 1, "{:?}", queue(&head).problem());
    let run = cache.snapshot.runs[0].run_id;
    click(&mut head, queue_id::run(run));
    let list = queue(&head).published().unwrap().clone();
    assert_eq!(list.offers.len(), 1);
    assert_eq!(list.offers[0].initials, "А. Ә.", "initials only, no name");
    assert!(shows(&head, queue_id::PUBLISHED.to_owned()));
    drop(head);

    // At the counter: the first child's offer with its deadline, refused in writing.
    let mut app = office.app_on_queue(EXECUTOR_IIN);
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    let offer = cache
        .snapshot
        .offers
        .iter()
        .find(|o| o.request_id == first)
        .unwrap()
        .clone();
    assert_eq!(offer.state, "offered");
    assert!(shows(&app, queue_id::accept(offer.offer_id)));
    assert!(
        !shows(&app, queue_id::overdue(first)),
        "the choice window is open"
    );
    answer(&mut app, offer.offer_id, OfferAnswer::Decline);
    let attached = {
        let store = app.context().store.lock().unwrap();
        store.attachments(first).unwrap()
    };
    assert!(
        attached
            .iter()
            .any(|a| a.slot == tereze::counter::queue::STATEMENT_SLOT),
        "the written refusal is attached to the request"
    );
    assert_eq!(office.sync(office.executor).rejected, 0);

    // The place went on to the second child, who consents.
    click(&mut app, queue_id::REFRESH.to_owned());
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    let states: BTreeMap<Uuid, String> = cache
        .snapshot
        .entries
        .iter()
        .map(|e| (e.request_id, e.state.clone()))
        .collect();
    assert_eq!(states[&first], "waiting", "back with the original date");
    assert_eq!(states[&second], "offered");
    let next = cache
        .snapshot
        .offers
        .iter()
        .find(|o| o.request_id == second && o.state == "offered")
        .unwrap()
        .clone();
    answer(&mut app, next.offer_id, OfferAnswer::Accept);
    assert_eq!(office.sync(office.executor).rejected, 0);
    click(&mut app, queue_id::REFRESH.to_owned());
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    let referred = cache
        .snapshot
        .offers
        .iter()
        .find(|o| o.request_id == second)
        .unwrap();
    assert_eq!(referred.state, "referred", "the server issued the referral");
    assert!(referred.referral_until.is_some());

    // The referral document names the kindergarten and the group.
    click(&mut app, queue_id::referral(second));
    let Screen::Document(doc) = app.screen() else {
        panic!("not on the document screen: {:?}", app.screen());
    };
    let rendered = doc.rendered().expect("rendered");
    assert!(
        rendered.title.starts_with("referral "),
        "{}",
        rendered.title
    );
    let text = pdftotext(&rendered.pdf);
    assert!(text.contains("ЖОЛДАМА"), "{text}");
    assert!(text.contains("«Балдәурен» демо балабақшасы"), "{text}");
    assert!(text.contains("«Шаттық» ортаңғы тобы"), "{text}");
    assert!(text.contains("Бекова"), "{text}");

    // The talon's signature does not cover the referral: it is signed on its own before it is
    // printed, and signing it at the counter hands it out.
    assert!(
        rendered.new_document && !rendered.signed,
        "the referral is not yet signed"
    );
    assert_eq!(rendered.name, "referral");
    tasks::settle(&mut app, Message::Document(document::Message::Print));
    assert!(doc_notice(&app).is_some_and(|n| n == "counter-sign-before-printing"));
    assert!(shows(&app, document::id::SIGN_NEW.to_owned()));
    click(&mut app, document::id::SIGN_NEW.to_owned());
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let signed = shown_document(&app);
    assert!(signed.signed && !signed.new_document && signed.title.starts_with("referral "));
    let issued: Vec<String> = {
        let store = app.context().store.lock().unwrap();
        store
            .issued_documents(second)
            .unwrap()
            .into_iter()
            .map(|(name, _, _)| name)
            .collect()
    };
    assert_eq!(issued, ["registration-talon", "referral"]);
    let summary = office.sync(office.executor);
    assert_eq!(summary.rejected, 0, "{summary:?}");
}

fn doc_notice(app: &App) -> Option<&'static str> {
    let Screen::Document(doc) = app.screen() else {
        panic!("not on the document screen: {:?}", app.screen());
    };
    doc.notice().map(|n| n.key)
}

#[test]
fn offline_a_leased_place_goes_only_to_the_child_who_comes_first_and_the_server_accepts_it() {
    let office = Office::open(2);
    if office.frozen() {
        eprintln!("1–31 August: no places are given, nothing to test today");
        return;
    }
    let born = three_year_old();
    let first = office.register("Ахметов", born);
    let second = office.register("Бекова", born);
    office.sync(office.executor);
    let lease = office
        .rt
        .block_on(office.engine(office.executor).take_lease(&LeaseRequest {
            organisations: vec![LeaseWish {
                organisation_id: ORG.into(),
                places: 1,
            }],
            days: 3,
        }))
        .unwrap();
    office.sync(office.executor);
    let mut app = office.app_on_queue(EXECUTOR_IIN);
    assert!(shows(&app, queue_id::lease(lease.lease_id)));

    // No server call from here on: the check runs on the cached queue.
    assert!(shows(&app, queue_id::refer(second, G2)));
    click(&mut app, queue_id::refer(second, G2));
    let refused = queue(&app).problem().expect("refused").clone();
    assert_eq!(refused.key, "queue-offline-not-next");
    {
        let store = app.context().store.lock().unwrap();
        assert!(
            store
                .pending_outbox(100)
                .unwrap()
                .iter()
                .all(|e| !matches!(e.operation, Operation::QueueStep { .. })),
            "a refused referral queues nothing"
        );
    }
    click(&mut app, queue_id::refer(first, G2));
    assert!(
        queue(&app).problem().is_none(),
        "{:?}",
        queue(&app).problem()
    );
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    assert_eq!(cache.snapshot.leases[0].places[0].used, 1);
    {
        let store = app.context().store.lock().unwrap();
        let steps: Vec<_> = store
            .outbox_items(Some(OutboxState::Queued), 100)
            .unwrap()
            .into_iter()
            .filter(|i| i.kind == "queue-step")
            .collect();
        assert_eq!(steps.len(), 1, "the referral waits for the link");
        let pending = store.pending_outbox(100).unwrap();
        assert!(pending.iter().any(|e| matches!(
            &e.operation,
            Operation::QueueStep { step: QueueStep::LeaseReferral { referral, .. }, .. }
                if referral.request_id == first && referral.group_id == G2
        )));
    }

    // The link is back: the referral is accepted and the lease's place counted as used.
    let summary = office.sync(office.executor);
    assert_eq!((summary.accepted, summary.rejected), (1, 0), "{summary:?}");
    let server = office.snapshot(office.head);
    let referral = server
        .offers
        .iter()
        .find(|o| o.request_id == first)
        .expect("the server holds the referral");
    assert_eq!(referral.state, "referred");
    assert_eq!(referral.group_id, G2);
    assert_eq!(server.leases.len(), 1);
    assert_eq!(server.leases[0].places[0].used, 1);
    let states: BTreeMap<Uuid, &str> = server
        .entries
        .iter()
        .map(|e| (e.request_id, e.state.as_str()))
        .collect();
    assert_eq!(states[&first], "referred");
    assert_eq!(states[&second], "waiting");
}

/// The offer made to `request` in `snapshot` that is still in `state`.
fn offer_of(snapshot: &QueueSnapshot, request: Uuid, state: &str) -> tereze_protocol::OfferRecord {
    snapshot
        .offers
        .iter()
        .find(|o| o.request_id == request && o.state == state)
        .unwrap_or_else(|| panic!("no {state} offer for {request}: {:?}", snapshot.offers))
        .clone()
}

fn states(snapshot: &QueueSnapshot) -> BTreeMap<Uuid, String> {
    snapshot
        .entries
        .iter()
        .map(|e| (e.request_id, e.state.clone()))
        .collect()
}

#[test]
fn online_answers_reach_the_server_at_once_and_are_not_pushed_again_at_the_next_sync() {
    let office = Office::open(1);
    if office.frozen() {
        eprintln!("1–31 August: no offers are made, nothing to test today");
        return;
    }
    let born = three_year_old();
    let first = office.register("Ахметов", born);
    let second = office.register("Бекова", born);
    office.sync(office.executor);
    office.run_allocation();
    let mut app = office.app_on_queue(EXECUTOR_IIN);
    click(&mut app, queue_id::REFRESH.to_owned());
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    let offer = offer_of(&cache.snapshot, first, "offered");

    // A written refusal: on the server at once, and the place shows offered to the next child
    // without a sync or a refresh.
    assert_eq!(
        answer(&mut app, offer.offer_id, OfferAnswer::Decline),
        "queue-counter-answer-on-server"
    );
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    assert_eq!(states(&cache.snapshot)[&first], "waiting");
    let next = offer_of(&cache.snapshot, second, "offered");
    let server = office.snapshot(office.head);
    assert_eq!(states(&server)[&first], "waiting", "declined on the server");
    assert_eq!(states(&server)[&second], "offered");
    assert!(queued_steps(&app).is_empty(), "nothing waits for the sync");

    // Written consent: the server holds the referral before any sync.
    assert_eq!(
        answer(&mut app, next.offer_id, OfferAnswer::Accept),
        "queue-counter-answer-on-server"
    );
    let server = office.snapshot(office.head);
    let referred = offer_of(&server, second, "referred");
    assert_eq!(referred.offer_id, next.offer_id);
    assert!(referred.referral_until.is_some());
    assert_eq!(states(&server)[&second], "referred");
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    assert_eq!(
        offer_of(&cache.snapshot, second, "referred").offer_id,
        next.offer_id
    );
    assert!(
        queued_steps(&app).is_empty(),
        "the answer is not queued as well"
    );
    {
        let store = app.context().store.lock().unwrap();
        let attached = store.attachments(second).unwrap();
        assert!(
            attached
                .iter()
                .any(|a| a.slot == tereze::counter::queue::STATEMENT_SLOT),
            "the written consent is kept with the request"
        );
    }
    let g2 = |s: &QueueSnapshot| {
        let g = s.groups.iter().find(|g| g.group_id == G2).unwrap();
        (g.occupied, g.reserved, g.vacant)
    };
    assert_eq!(g2(&server), (0, 1, 0), "one place held by the referral");

    // The next sync pushes the statements only; the server counts the answer once.
    let summary = office.sync(office.executor);
    assert_eq!(summary.rejected, 0, "{summary:?}");
    let after = office.snapshot(office.head);
    assert_eq!(offer_of(&after, second, "referred"), referred);
    assert_eq!(g2(&after), (0, 1, 0));
    assert_eq!(states(&after), states(&server));
    assert!(queued_steps(&app).is_empty());
}

#[test]
fn with_the_server_stopped_a_consent_waits_in_the_outbox_and_is_accepted_at_the_next_sync() {
    let mut office = Office::open(1);
    if office.frozen() {
        eprintln!("1–31 August: no offers are made, nothing to test today");
        return;
    }
    let first = office.register("Ахметов", three_year_old());
    office.sync(office.executor);
    office.run_allocation();
    let mut app = office.app_on_queue(EXECUTOR_IIN);
    click(&mut app, queue_id::REFRESH.to_owned());
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    let offer = offer_of(&cache.snapshot, first, "offered");

    let addr = office.stop_server();
    assert_eq!(
        answer(&mut app, offer.offer_id, OfferAnswer::Accept),
        "queue-counter-answer-offline"
    );
    let shown = app.context().translator.tr("queue-counter-answer-offline");
    assert!(shows(&app, queue_id::NOTICE.to_owned()));
    assert!(text_with(&app, &shown).is_some(), "the notice says so");
    let cache = queue(&app).cache().unwrap().clone().unwrap();
    assert_eq!(states(&cache.snapshot)[&first], "referred", "shown at once");
    assert_eq!(
        queued_steps(&app),
        vec![QueueStep::Answer {
            offer_id: offer.offer_id,
            answer: OfferAnswer::Accept
        }]
    );

    office.restart_server(addr);
    assert_eq!(
        states(&office.snapshot(office.head))[&first],
        "offered",
        "the server has not heard of it yet"
    );
    let summary = office.sync(office.executor);
    assert_eq!(summary.rejected, 0, "{summary:?}");
    assert!(summary.accepted >= 1, "{summary:?}");
    let server = office.snapshot(office.head);
    assert_eq!(states(&server)[&first], "referred");
    assert_eq!(
        offer_of(&server, first, "referred").offer_id,
        offer.offer_id
    );
    assert!(queued_steps(&app).is_empty(), "the step was settled");
}

#[test]
fn a_lease_taken_from_the_screen_shows_with_its_expiry_and_offline_none_is_asked_for() {
    let office = Office::open(2);
    let mut app = office.app_on_queue(EXECUTOR_IIN);
    click(&mut app, queue_id::REFRESH.to_owned());
    assert!(shows(&app, queue_id::LEASE_ORGANISATION.to_owned()));
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::LeaseOrganisationPicked(ORG.into())),
    );

    // The last sync could not reach the server: the button is disabled with the reason, and
    // nothing is asked of the server.
    tasks::settle(&mut app, link_down());
    assert!(shows(&app, queue_id::LEASE_OFFLINE.to_owned()));
    let clicked = {
        let mut ui = simulator(app.view());
        ui.click(Id::from(queue_id::TAKE_LEASE)).unwrap();
        ui.into_messages().count()
    };
    assert_eq!(clicked, 0, "the button is disabled");
    tasks::settle(&mut app, Message::Queue(queue_screen::Message::TakeLease));
    assert_eq!(
        queue(&app).problem().map(|p| p.key),
        Some("queue-counter-offline")
    );
    assert!(
        office.snapshot(office.executor).leases.is_empty(),
        "no call"
    );

    // The link is back: one place for three days.
    tasks::settle(&mut app, link_back());
    assert!(!shows(&app, queue_id::LEASE_OFFLINE.to_owned()));
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::LeasePlacesChanged("1".into())),
    );
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::LeaseDaysChanged("3".into())),
    );
    let asked = OffsetDateTime::now_utc();
    click(&mut app, queue_id::TAKE_LEASE.to_owned());
    let screen = queue(&app);
    assert!(screen.problem().is_none(), "{:?}", screen.problem());
    let told = screen.notice().expect("told").clone();
    assert_eq!(told.key, "queue-counter-lease-taken");
    assert_eq!(told.get("places"), Some("1"));
    let cache = screen.cache().unwrap().clone().unwrap();
    assert_eq!(cache.snapshot.leases.len(), 1);
    let lease = &cache.snapshot.leases[0];
    let expected = asked + Duration::days(3);
    assert!(
        (lease.expires_at - expected).abs() < Duration::minutes(5),
        "{} vs {expected}",
        lease.expires_at
    );
    assert_eq!(lease.places.len(), 1);
    assert_eq!(
        (
            lease.places[0].group_id.as_str(),
            lease.places[0].places,
            lease.places[0].used
        ),
        (G2, 1, 0)
    );
    assert!(shows(&app, queue_id::lease(lease.lease_id)));
    let until = lease
        .expires_at
        .to_offset(tereze_core::deadline::OFFICE_OFFSET);
    let expiry = app.context().translator.tr_args(
        "queue-screen-lease",
        &[
            ("date", tereze_core::text::format_date(until.date())),
            ("time", format!("{:02}:{:02}", until.hour(), until.minute())),
        ],
    );
    assert!(
        simulator(app.view()).find(expiry.as_str()).is_ok(),
        "the expiry is shown: {expiry}"
    );
    assert_eq!(
        text_with(&app, "пайдаланылды").as_deref(),
        Some(
            "«Балдәурен» демо балабақшасы · «Шаттық» ортаңғы тобы, 3–4 жас, қазақ тілінде: 0 \
             пайдаланылды, 1 қалды"
        ),
        "the places it holds, by name"
    );
    let server = office.snapshot(office.executor);
    assert_eq!(server.leases.len(), 1);
    assert_eq!(server.leases[0].lease_id, lease.lease_id);

    // Another lease takes the last place on the server; the screen's older snapshot still shows
    // it vacant, and the server's refusal comes back translated.
    office
        .rt
        .block_on(office.engine(office.executor).take_lease(&LeaseRequest {
            organisations: vec![LeaseWish {
                organisation_id: ORG.into(),
                places: 1,
            }],
            days: 1,
        }))
        .unwrap();
    tasks::settle(
        &mut app,
        Message::Queue(queue_screen::Message::LeaseOrganisationPicked(ORG.into())),
    );
    click(&mut app, queue_id::TAKE_LEASE.to_owned());
    let refused = queue(&app).problem().expect("refused").clone();
    assert_eq!(refused.key, "queue-server-no-vacant-places");
    let shown = app.context().translator.text(&refused);
    assert_ne!(shown, refused.key, "translated: {shown}");
    assert!(simulator(app.view()).find(shown.as_str()).is_ok());

    // A ЦОН operator may not lease: the server's refusal comes back in the operator's words.
    let iin = (1..)
        .find_map(|s| {
            tereze_core::iin::Iin::compose(
                time::macros::date!(1992 - 03 - 14),
                tereze_core::iin::Sex::Female,
                s,
            )
        })
        .unwrap()
        .to_string();
    let con = account(
        &Db::open(&office.db_address).unwrap(),
        &iin,
        Role::ConOperator,
    );
    let refused = office
        .rt
        .block_on(tereze::counter::queue::take_lease(
            Ok(office.engine(con)),
            std::sync::Arc::clone(&app.context().store),
            LeaseRequest {
                organisations: vec![LeaseWish {
                    organisation_id: ORG.into(),
                    places: 1,
                }],
                days: 1,
            },
        ))
        .expect_err("refused");
    assert_eq!(refused.key, "queue-server-not-permitted");
    assert_ne!(app.context().translator.text(&refused), refused.key);
}

#[test]
fn an_archival_certificate_is_decided_with_the_findings_signed_printed_and_issued() {
    let office = Office::open(0);
    let ws = office.workstation.path();
    trust_demo_root(ws);

    let id = {
        let mut store = Store::open(ws, &master_key(ws)).unwrap();
        let by = office.executor;
        let mut fields = BTreeMap::new();
        for (k, v) in [
            ("applicant-last-name", "Серікова"),
            ("applicant-first-name", "Дана"),
            ("certificate-type", "employment-record"),
            ("organisation-name", "Арыс кірпіш зауыты"),
            ("period-from", "1998"),
            ("period-to", "2004"),
            ("purpose", "Зейнетақы қоры"),
        ] {
            fields.insert(k.to_owned(), v.to_owned());
        }
        let id = store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "archive-certificate".into(),
                    profile: "default".into(),
                    channel: Channel::Office,
                    fields,
                },
                by,
            )
            .unwrap()
            .id;
        store
            .apply_action(id, Flow::Standard, Status::Draft, Action::Sign, by)
            .unwrap();
        store.register(id, Flow::Standard, by).unwrap();
        store
            .apply_action(
                id,
                Flow::Standard,
                Status::Registered,
                Action::TakeIntoWork,
                by,
            )
            .unwrap();
        id
    };

    let run = RunArgs {
        data_dir: Some(ws.to_path_buf()),
        demo: false,
        lang: Some(Lang::Ru),
    };
    let mut app = started_app(&run, Lang::Ru);
    let result = login::attempt(
        &app.context().store,
        EXECUTOR_IIN,
        PASSWORD,
        OffsetDateTime::now_utc(),
    );
    tasks::settle(&mut app, Message::Login(login::Message::Finished(result)));
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    assert!(shows(&app, decide::archival::id::FINDINGS.to_owned()));

    // No findings, no decision.
    tasks::settle(&mut app, Message::Decide(decide::Message::Decide));
    let Screen::Decide(screen) = app.screen() else {
        panic!("left the decision screen");
    };
    assert_eq!(
        screen.notice().map(|n| n.key),
        Some("counter-archival-findings-missing")
    );
    for (field, value) in [
        (
            decide::archival::Field::Findings,
            "стаж работы каменщиком с 01.09.1998 по 30.06.2004 подтверждён",
        ),
        (decide::archival::Field::Fund, "Ф-112"),
        (decide::archival::Field::Inventory, "2"),
        (decide::archival::Field::File, "45"),
        (decide::archival::Field::Sheets, "17–19"),
    ] {
        tasks::settle(
            &mut app,
            Message::Decide(decide::Message::Archival(field, value.to_owned())),
        );
    }
    tasks::settle(&mut app, Message::Decide(decide::Message::Decide));
    assert_eq!(
        Store::open(ws, &master_key(ws))
            .unwrap()
            .load_request(id)
            .unwrap()
            .status,
        Status::Decided
    );

    // Signed by the executor, printed with the findings and the archive record, issued.
    tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let Screen::Document(doc) = app.screen() else {
        panic!("not on the document screen: {:?}", app.screen());
    };
    let rendered = doc.rendered().expect("rendered").clone();
    assert!(rendered.signed, "the certificate carries the signature");
    assert!(
        rendered.title.starts_with("archival-certificate "),
        "{}",
        rendered.title
    );
    let text = pdftotext(&rendered.pdf);
    for expected in [
        "Серікова Дана",
        "Арыс кірпіш зауыты",
        "подтверждён",
        "Ф-112",
        "17–19",
        "1998",
        "2004",
        "Зейнетақы қоры",
    ] {
        assert!(text.contains(expected), "{expected} missing: {text}");
    }
    tasks::settle(&mut app, Message::Document(document::Message::Issue));
    assert_eq!(
        Store::open(ws, &master_key(ws))
            .unwrap()
            .load_request(id)
            .unwrap()
            .status,
        Status::Issued
    );
    let summary = office.sync(office.executor);
    assert_eq!(summary.rejected, 0, "{summary:?}");
    let state: String = Db::open(&office.db_address)
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
    assert!(
        state.contains("\"issued\""),
        "the server has it issued: {state}"
    );
}
