//! Test support (the server crate's, without its binary): real databases (a SQLite file, a
//! fresh PostgreSQL database), a real server on 127.0.0.1:0 with a provisioned workstation and
//! its operators, a raw HTTP client that speaks the protocol, and workstations made of the real
//! local store.

#![allow(dead_code)]

use std::path::PathBuf;

use tempfile::TempDir;
use tereze_core::channel::Channel;
use tereze_core::iin::Iin;
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{NewOperator, Operator, RequestDraft, Role, Store};
use tereze_protocol::{
    ChangesPage, Envelope, OPERATOR_HEADER, PROTOCOL_HEADER, PROTOCOL_VERSION, PushBatch,
    PushOperation, PushResponse,
};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use tereze_server::{RunningServer, ServeConfig};
use uuid::Uuid;

/// The office every test workstation serves.
pub const OFFICE: &str = "sko-edu-arys";
/// A password that meets the policy.
pub const PASSWORD: &str = "correct-horse-battery";

/// A database for one test: its address and the folder that holds its files.
pub struct TestDb {
    pub address: String,
    pub label: &'static str,
    pub dir: TempDir,
}

/// A fresh SQLite file.
pub fn sqlite_db() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let address = format!("sqlite:{}", dir.path().join("server.db").display());
    TestDb {
        address,
        label: "sqlite",
        dir,
    }
}

/// A fresh database in the PostgreSQL that `scripts/with-postgres` started.
pub fn postgres_db() -> TestDb {
    let admin = std::env::var("TEREZE_TEST_POSTGRES").unwrap_or_else(|_| {
        panic!(
            "TEREZE_TEST_POSTGRES is not set: run the tests through scripts/with-postgres \
             (it needs the Debian package `postgresql`; scripts/setup-debian --test installs it)"
        )
    });
    let name = format!("tereze_{}", Uuid::now_v7().simple());
    let mut client = postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap_or_else(|e| panic!("cannot reach the test PostgreSQL at {admin}: {e}"));
    // The name is made here from a UUID, never from input.
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .unwrap();
    let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
    TestDb {
        address: format!("{base}/{name}"),
        label: "postgres",
        dir: tempfile::tempdir().unwrap(),
    }
}

/// Runs `test` once on SQLite and once on PostgreSQL.
pub fn on_both(test: impl Fn(TestDb)) {
    test(sqlite_db());
    test(postgres_db());
}

/// A running server with one provisioned workstation and its operators.
pub struct TestServer {
    pub url: String,
    pub db: String,
    pub blob_dir: PathBuf,
    pub workstation: Uuid,
    pub credential: String,
    pub executor: Uuid,
    pub head: Uuid,
    pub con_operator: Uuid,
    runtime: tokio::runtime::Runtime,
    server: Option<RunningServer>,
}

/// Computes a valid IIN from a birth date, a century/sex digit and a serial.
pub fn iin(serial: u32) -> String {
    let base = format!("900101{}{:04}", 3, serial % 10_000);
    for check in 0..10 {
        let candidate = format!("{base}{check}");
        if Iin::parse(&candidate).is_ok() {
            return candidate;
        }
    }
    iin(serial + 1)
}

/// Adds an operator with a given id (or a new one) and role to the server's database.
pub fn add_operator(db: &Db, role: Role, serial: u32, id: Option<Uuid>, office: &str) -> Uuid {
    admin::add_operator(
        db,
        NewAccount {
            iin: iin(serial),
            full_name: format!("Test Operator {serial}"),
            role,
            office_id: office.to_owned(),
            password: PASSWORD.to_owned(),
            id,
        },
    )
    .unwrap()
}

impl TestServer {
    /// Provisions a workstation (under `workstation`'s id when given) with an executor, a head
    /// and a ЦОН operator, then starts the server.
    pub fn start(
        test_db: &TestDb,
        workstation: Option<Uuid>,
        executor: Option<Uuid>,
    ) -> TestServer {
        let db = Db::open(&test_db.address).unwrap();
        let p = admin::provision_workstation(&db, OFFICE, "test", workstation).unwrap();
        let executor = add_operator(&db, Role::Executor, 1, executor, OFFICE);
        let head = add_operator(&db, Role::Head, 2, None, OFFICE);
        let con_operator = add_operator(&db, Role::ConOperator, 3, None, OFFICE);
        drop(db);
        let blob_dir = test_db.dir.path().join("blobs");
        let mut server = TestServer {
            url: String::new(),
            db: test_db.address.clone(),
            blob_dir,
            workstation: p.id,
            credential: p.credential,
            executor,
            head,
            con_operator,
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap(),
            server: None,
        };
        server.restart(None);
        server
    }

    /// (Re)starts the server on the same database, optionally with mail settings.
    pub fn restart(&mut self, mail: Option<tereze_server::email::MailConfig>) {
        if let Some(s) = self.server.take() {
            self.runtime.block_on(s.shutdown()).unwrap();
        }
        let config = ServeConfig {
            db: self.db.clone(),
            listen: "127.0.0.1:0".parse().unwrap(),
            blob_dir: self.blob_dir.clone(),
            tls: None,
            mail,
        };
        let running = self.runtime.block_on(tereze_server::start(config)).unwrap();
        self.url = format!("http://{}", running.addr());
        self.server = Some(running);
    }

    /// A client acting as `operator` at the provisioned workstation.
    pub fn client(&self, operator: Uuid) -> Client {
        Client::new(&self.url, &self.credential, operator)
    }

    /// Opens the server's database directly (for assertions).
    pub fn open_db(&self) -> Db {
        Db::open(&self.db).unwrap()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.server.take() {
            let _ = self.runtime.block_on(s.shutdown());
        }
    }
}

/// A raw answer.
pub struct Answer {
    pub status: u16,
    pub body: String,
    pub headers: Vec<(String, String)>,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("bad JSON ({e}) with status {}: {}", self.status, self.body))
    }
}

fn answer(response: ureq::http::Response<ureq::Body>) -> Answer {
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let body = response.into_body().read_to_string().unwrap_or_default();
    Answer {
        status,
        body,
        headers,
    }
}

/// An HTTP client that speaks the protocol.
pub struct Client {
    agent: ureq::Agent,
    pub base: String,
    pub credential: String,
    pub operator: Uuid,
    pub protocol: String,
}

impl Client {
    pub fn new(base: &str, credential: &str, operator: Uuid) -> Client {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        Client {
            agent,
            base: base.to_owned(),
            credential: credential.to_owned(),
            operator,
            protocol: PROTOCOL_VERSION.to_string(),
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn get(&self, path: &str) -> Answer {
        answer(
            self.agent
                .get(self.url(path))
                .header(PROTOCOL_HEADER, &self.protocol)
                .header("authorization", &format!("Bearer {}", self.credential))
                .header(OPERATOR_HEADER, &self.operator.to_string())
                .call()
                .unwrap(),
        )
    }

    pub fn head(&self, path: &str) -> Answer {
        answer(
            self.agent
                .head(self.url(path))
                .header(PROTOCOL_HEADER, &self.protocol)
                .header("authorization", &format!("Bearer {}", self.credential))
                .header(OPERATOR_HEADER, &self.operator.to_string())
                .call()
                .unwrap(),
        )
    }

    pub fn post(&self, path: &str, body: &[u8]) -> Answer {
        answer(
            self.agent
                .post(self.url(path))
                .header(PROTOCOL_HEADER, &self.protocol)
                .header("authorization", &format!("Bearer {}", self.credential))
                .header(OPERATOR_HEADER, &self.operator.to_string())
                .header("content-type", "application/json")
                .send(body)
                .unwrap(),
        )
    }

    pub fn put(&self, path: &str, range: Option<&str>, body: &[u8]) -> Answer {
        let mut req = self
            .agent
            .put(self.url(path))
            .header(PROTOCOL_HEADER, &self.protocol)
            .header("authorization", &format!("Bearer {}", self.credential))
            .header(OPERATOR_HEADER, &self.operator.to_string());
        if let Some(r) = range {
            req = req.header("content-range", r);
        }
        answer(req.send(body).unwrap())
    }

    pub fn push_raw(&self, ops: &[PushOperation]) -> Answer {
        let body = serde_json::to_vec(&PushBatch {
            operations: ops.to_vec(),
        })
        .unwrap();
        self.post("/v1/push", &body)
    }

    pub fn push(&self, ops: &[PushOperation]) -> PushResponse {
        let a = self.push_raw(ops);
        assert_eq!(a.status, 200, "push failed: {}", a.body);
        a.json()
    }

    pub fn changes(&self, after: u64) -> ChangesPage {
        let a = self.get(&format!("/v1/changes?after={after}"));
        assert_eq!(a.status, 200, "changes failed: {}", a.body);
        a.json()
    }

    /// Every change from the beginning, following pages.
    pub fn all_changes(&self) -> Vec<tereze_protocol::Change> {
        let mut out = Vec::new();
        let mut after = 0;
        loop {
            let page = self.changes(after);
            out.extend(page.changes);
            after = page.next.0;
            if !page.more {
                return out;
            }
        }
    }
}

/// A workstation: the real local store, with one executor account.
pub struct Workstation {
    pub store: Store,
    pub operator: Operator,
    _dir: TempDir,
}

impl Workstation {
    pub fn new(serial: u32) -> Workstation {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path(), &test_key()).unwrap();
        let operator = store
            .add_operator(
                &NewOperator {
                    iin: Iin::parse(&iin(serial)).unwrap(),
                    full_name: format!("Executor {serial}"),
                    role: Role::Executor,
                    office_id: OFFICE.to_owned(),
                    password_hash: None,
                },
                None,
            )
            .unwrap();
        Workstation {
            store,
            operator,
            _dir: dir,
        }
    }

    pub fn id(&self) -> Uuid {
        self.store.workstation().0
    }

    /// Saves a new preschool request and returns its id.
    pub fn new_request(&mut self, child: &str) -> Uuid {
        let mut fields = std::collections::BTreeMap::new();
        fields.insert("child-name".to_owned(), child.to_owned());
        fields.insert("applicant-phone".to_owned(), "+77010000000".to_owned());
        self.store
            .save_request(
                &RequestDraft {
                    id: None,
                    expected_version: None,
                    service_id: "preschool-queue".to_owned(),
                    profile: "default".to_owned(),
                    channel: Channel::Office,
                    fields,
                },
                self.operator.id,
            )
            .unwrap()
            .id
    }

    /// Saves the form again with one field changed.
    pub fn edit(&mut self, id: Uuid, field: &str, value: &str) {
        let request = self.store.load_request(id).unwrap();
        let mut fields = request.fields.clone();
        fields.insert(field.to_owned(), value.to_owned());
        self.store
            .save_request(
                &RequestDraft {
                    id: Some(id),
                    expected_version: Some(request.version),
                    service_id: request.service_id.clone(),
                    profile: request.profile.clone(),
                    channel: request.channel,
                    fields,
                },
                self.operator.id,
            )
            .unwrap();
    }

    pub fn act(&mut self, id: Uuid, from: Status, action: Action) {
        self.store
            .apply_action(id, Flow::Standard, from, action, self.operator.id)
            .unwrap();
    }

    /// The whole outbox (pending operations), as push operations.
    pub fn outbox(&self) -> Vec<PushOperation> {
        self.store
            .pending_outbox(1_000_000)
            .unwrap()
            .into_iter()
            .map(|e| {
                PushOperation::from_envelope(Envelope {
                    workstation: e.workstation,
                    seq: e.seq,
                    operation: e.operation,
                })
            })
            .collect()
    }
}

/// A server whose workstation and executor are `ws`'s own ids.
pub fn server_for(test_db: &TestDb, ws: &Workstation) -> TestServer {
    TestServer::start(test_db, Some(ws.id()), Some(ws.operator.id))
}

/// The fixed master key these tests open their encrypted stores with.
pub fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
