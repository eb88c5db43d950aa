//! A real `tereze-server` over HTTPS (a project CA made by openssl) for the demo office, with
//! the demo workstation and its operators provisioned under their local ids, and the real sync
//! engine run against it on a workstation store. Included with `#[path]` (after `openssl_ca`)
//! by the end-to-end counter tests and the operator-timing bench.

#![allow(dead_code)] // each includer uses only part of it

use std::path::Path;

use tereze_core::demo::DEMO_OFFICE;
use tereze_core::store::{Operator, Role, Store};
use tereze_server::admin::{self, NewAccount};
use tereze_server::db::Db;
use tereze_server::{RunningServer, ServeConfig};
use tereze_sync::{Credentials, EventSender, ServerAddress, SyncConfig, SyncEngine, SyncSummary};
use uuid::Uuid;

use super::openssl_ca::{ca, server_cert};

/// The password every server account gets (the workstation logs in locally).
pub const PASSWORD: &str = "correct-horse-battery";

/// The server, its database and what a workstation needs to reach it.
pub struct CounterServer {
    pub rt: tokio::runtime::Runtime,
    pub db: String,
    pub dir: tempfile::TempDir,
    pub ca_pem: Vec<u8>,
    tls: tereze_server::TlsFiles,
    running: Option<RunningServer>,
    pub url: String,
    /// The SMTP relay the server e-mails documents through (none: e-mail is not set up).
    pub mail: Option<tereze_server::email::MailConfig>,
}

impl CounterServer {
    /// A server database (not started yet) with `operators` as accounts of the demo office
    /// under their local ids.
    pub fn prepare(operators: &[&Operator]) -> CounterServer {
        let dir = tempfile::tempdir().unwrap();
        let pki = dir.path().join("pki");
        std::fs::create_dir_all(&pki).unwrap();
        let project = ca(&pki, "tereze-project-ca");
        let tls = server_cert(&pki, &project);
        let ca_pem = std::fs::read(&project.0).unwrap();
        let db = format!("sqlite:{}", dir.path().join("server.db").display());
        let sdb = Db::open(&db).unwrap();
        for op in operators {
            admin::add_operator(
                &sdb,
                NewAccount {
                    iin: op.iin.as_string(),
                    full_name: op.full_name.clone(),
                    role: op.role,
                    office_id: DEMO_OFFICE.to_owned(),
                    password: PASSWORD.to_owned(),
                    id: Some(op.id),
                },
            )
            .unwrap();
        }
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        CounterServer {
            rt,
            db,
            dir,
            ca_pem,
            tls,
            running: None,
            url: String::new(),
            mail: None,
        }
    }

    /// Adds an account of the demo office with `role`; returns its id.
    pub fn add_account(&self, iin: &str, role: Role, id: Option<Uuid>) -> Uuid {
        admin::add_operator(
            &Db::open(&self.db).unwrap(),
            NewAccount {
                iin: iin.to_owned(),
                full_name: format!("Account {iin}"),
                role,
                office_id: DEMO_OFFICE.to_owned(),
                password: PASSWORD.to_owned(),
                id,
            },
        )
        .unwrap()
    }

    /// Provisions the workstation whose store is `store`; returns its credential.
    pub fn provision(&self, store: &Store, name: &str) -> String {
        admin::provision_workstation(
            &Db::open(&self.db).unwrap(),
            DEMO_OFFICE,
            name,
            Some(store.workstation().0),
        )
        .unwrap()
        .credential
    }

    /// Starts (or starts again) the server on a new port of 127.0.0.1.
    pub fn start(&mut self) {
        let running = self
            .rt
            .block_on(tereze_server::start(ServeConfig {
                db: self.db.clone(),
                listen: "127.0.0.1:0".parse().unwrap(),
                blob_dir: self.dir.path().join("blobs"),
                tls: Some(self.tls.clone()),
                mail: self.mail.clone(),
            }))
            .unwrap();
        self.url = format!("https://{}", running.addr());
        self.running = Some(running);
    }

    /// The stored connection of a workstation with `credential` to the running server, as
    /// `tereze connect` writes it (the project CA included).
    pub fn connection(&self, store: &Store, credential: &str) -> tereze_protocol::ConnectionFile {
        tereze_protocol::ConnectionFile {
            url: self.url.clone(),
            workstation: store.workstation().0,
            secret: credential.to_owned(),
            ca_pem: Some(String::from_utf8(self.ca_pem.clone()).unwrap()),
        }
    }

    /// The sync engine of a workstation with `credential`, for `operator`, at `url`.
    pub fn engine_at(&self, url: &str, credential: &str, operator: Uuid) -> SyncEngine {
        SyncEngine::new(SyncConfig::new(
            ServerAddress::parse(url).unwrap(),
            Some(self.ca_pem.clone()),
            Credentials {
                workstation: credential.to_owned(),
                operator,
            },
        ))
        .unwrap()
    }

    /// One sync cycle of `store` with the real engine.
    pub fn sync(
        &self,
        store: &mut Store,
        credential: &str,
        operator: Uuid,
    ) -> Result<SyncSummary, tereze_sync::SyncError> {
        let engine = self.engine_at(&self.url, credential, operator);
        self.rt
            .block_on(engine.sync_once(store, &EventSender::none()))
    }

    /// The request's counter history as the server keeps it.
    pub fn history(&self, request: Uuid) -> Vec<tereze_protocol::ChangedEntity> {
        Db::open(&self.db)
            .unwrap()
            .run_blocking(move |s| tereze_server::counter::history(s, request))
            .unwrap()
    }

    /// The request as the server holds it.
    pub fn request(&self, id: Uuid) -> Option<tereze_protocol::RequestRecord> {
        let state = Db::open(&self.db)
            .unwrap()
            .run_blocking(move |sql| {
                sql.query_opt(
                    "SELECT state FROM entities WHERE id = $1",
                    &[id.to_string().into()],
                )?
                .map(|r| r.text(0))
                .transpose()
            })
            .unwrap()?;
        match serde_json::from_str(&state).unwrap() {
            tereze_protocol::ChangedEntity::Request { request } => Some(request),
            other => panic!("not a request: {other:?}"),
        }
    }

    /// How many refusals the server audited with `reason`.
    pub fn audited(&self, reason: &'static str) -> i64 {
        Db::open(&self.db)
            .unwrap()
            .run_blocking(move |s| tereze_server::audit::count(s, "push-refused", reason))
            .unwrap()
    }
}

/// A new workstation store in `dir` (a second counter of the office), encrypted under a master
/// key of its own.
pub fn second_store(dir: &Path) -> Store {
    Store::open(dir, &tereze_core::keyring::MasterKey::generate()).unwrap()
}
