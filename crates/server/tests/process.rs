//! The real `tereze-server` binary: killed mid-batch and restarted without loss or duplicates,
//! TLS from certificate files, e-mail through a real SMTP server on loopback, `/health`,
//! graceful shutdown on SIGTERM, and the admin commands.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

#[path = "../../../tests/support/smtp.rs"]
mod smtp;

use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use smtp::{SmtpSink, base64, flat};
use support::{Client, TestDb, Workstation, on_both, provision, spawn_server, wait_exit};
use tereze_core::lifecycle::{Action, Status};
use tereze_core::store::sha256_hex;
use tereze_protocol::{PushBatch, PushOperation, PushOutcome, PushResponse};
use tereze_server::db::Db;

fn count(address: &str, sql: &'static str) -> i64 {
    let db = Db::open(address).unwrap();
    db.run_blocking(move |s| {
        s.query_opt(sql, &[])
            .map(|r| r.map_or(0, |r| r.int(0).unwrap()))
    })
    .unwrap()
}

/// Pushes `ops` in batches of 50 until every one is settled; panics on anything unexpected.
fn push_all(client: &Client, ops: &[PushOperation]) -> Vec<PushOutcome> {
    let mut out = Vec::new();
    for chunk in ops.chunks(50) {
        let results = client.push(chunk).results;
        out.extend(results.into_iter().map(|r| r.outcome));
    }
    out
}

#[test]
fn server_killed_mid_batch_loses_and_duplicates_nothing() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(41);
        for i in 0..300 {
            let id = ws.new_request(&format!("Бала {i}"));
            ws.act(id, Status::Draft, Action::Sign);
        }
        let ops = ws.outbox();
        let credential = provision(&db, &ws);
        for round in 0..3u64 {
            let mut server = spawn_server(&db, &[]);
            let stop = Arc::new(AtomicBool::new(false));
            let pusher = {
                let (stop, ops, url, credential, operator) = (
                    stop.clone(),
                    ops.clone(),
                    format!("http://{}", server.addr),
                    credential.clone(),
                    ws.operator.id,
                );
                std::thread::spawn(move || {
                    let agent: ureq::Agent = ureq::Agent::config_builder()
                        .http_status_as_error(false)
                        .build()
                        .into();
                    while !stop.load(Ordering::Relaxed) {
                        for chunk in ops.chunks(50) {
                            let body = serde_json::to_vec(&PushBatch {
                                operations: chunk.to_vec(),
                            })
                            .unwrap();
                            let sent = agent
                                .post(format!("{url}/v1/push"))
                                .header("x-tereze-protocol", "1")
                                .header("authorization", &format!("Bearer {credential}"))
                                .header("x-tereze-operator", &operator.to_string())
                                .send(&body[..]);
                            if sent.is_err() || stop.load(Ordering::Relaxed) {
                                return;
                            }
                        }
                    }
                })
            };
            // Kill at a different point each round, while batches are in flight.
            std::thread::sleep(Duration::from_millis(120 + 170 * round));
            server.child.kill().unwrap(); // SIGKILL
            server.child.wait().unwrap();
            stop.store(true, Ordering::Relaxed);
            pusher.join().unwrap();
        }
        // Restart on the same database and replay the whole outbox, as a workstation that never
        // saw an acknowledgement would.
        let mut server = spawn_server(&db, &[]);
        let client = Client::new(
            &format!("http://{}", server.addr),
            &credential,
            ws.operator.id,
        );
        let outcomes = push_all(&client, &ops);
        assert!(
            outcomes
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. } | PushOutcome::Duplicate)),
            "{}: {outcomes:?}",
            db.label
        );
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        let n = ops.len() as i64;
        assert_eq!(count(&db.address, "SELECT count(*) FROM settled_ops"), n);
        assert_eq!(
            count(
                &db.address,
                "SELECT count(*) FROM settled_ops WHERE outcome = 'accepted'"
            ),
            n,
            "{}: every operation applied exactly once",
            db.label
        );
        assert_eq!(count(&db.address, "SELECT count(*) FROM change_log"), n);
        assert_eq!(
            count(
                &db.address,
                "SELECT count(*) FROM entities WHERE kind = 'request' AND version = 2"
            ),
            300
        );
        assert_eq!(
            count(&db.address, "SELECT max(last_seq) FROM workstations"),
            n
        );
    });
}

fn openssl(args: &[&str], dir: &std::path::Path) {
    let status = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap_or_else(|e| panic!("openssl is needed (Debian package openssl): {e}"));
    assert!(status.success(), "openssl {args:?}");
}

/// A private CA and a server certificate for localhost signed by it, as the project deploys
/// (the workstation pins the CA). Returns (ca, cert, key).
fn openssl_cert(
    dir: &std::path::Path,
) -> (std::path::PathBuf, std::path::PathBuf, std::path::PathBuf) {
    let p256 = [
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-nodes",
    ];
    let mut ca = vec!["req", "-x509"];
    ca.extend(p256);
    ca.extend([
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Tereze Test CA",
    ]);
    openssl(&ca, dir);
    let mut csr = vec!["req", "-new"];
    csr.extend(p256);
    csr.extend([
        "-keyout",
        "key.pem",
        "-out",
        "server.csr",
        "-subj",
        "/CN=localhost",
    ]);
    openssl(&csr, dir);
    std::fs::write(
        dir.join("ext.cnf"),
        "basicConstraints=CA:FALSE\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n",
    )
    .unwrap();
    openssl(
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "cert.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ],
        dir,
    );
    (
        dir.join("ca.pem"),
        dir.join("cert.pem"),
        dir.join("key.pem"),
    )
}

#[test]
fn tls_from_certificate_files_health_and_graceful_shutdown() {
    on_both(|db: TestDb| {
        let (ca, cert, key) = openssl_cert(db.dir.path());
        let mut server = spawn_server(
            &db,
            &[
                "--tls-cert",
                cert.to_str().unwrap(),
                "--tls-key",
                key.to_str().unwrap(),
            ],
        );
        let port = server.addr.rsplit_once(':').unwrap().1.to_owned();
        let pem = std::fs::read(&ca).unwrap();
        let root = ureq::tls::Certificate::from_pem(&pem).unwrap();
        let tls = ureq::tls::TlsConfig::builder()
            .root_certs(ureq::tls::RootCerts::Specific(Arc::new(vec![root])))
            .build();
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls)
            .http_status_as_error(false)
            .build()
            .into();
        let health = agent
            .get(format!("https://localhost:{port}/health"))
            .call()
            .unwrap();
        assert_eq!(health.status().as_u16(), 200);
        let body = health.into_body().read_to_string().unwrap();
        assert!(body.contains("\"status\":\"ok\""), "{body}");
        // A client that does not trust the certificate is refused at the handshake.
        let stranger: ureq::Agent = ureq::Agent::config_builder().build().into();
        assert!(
            stranger
                .get(format!("https://localhost:{port}/health"))
                .call()
                .is_err()
        );
        // SIGTERM: the server stops accepting, finishes, and exits cleanly.
        let pid = server.child.id().to_string();
        assert!(
            Command::new("kill")
                .args(["-TERM", &pid])
                .status()
                .unwrap()
                .success()
        );
        let status = wait_exit(&mut server.child);
        assert!(status.success(), "{}: exit {status:?}", db.label);
    });
}

#[test]
fn an_issued_document_is_emailed_through_a_real_smtp_server() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(42);
        let id = ws.new_request("Ақбота");
        let draft = ws.new_request("Томирис");
        ws.act(id, Status::Draft, Action::Sign);
        ws.act(id, Status::Signed, Action::Register);
        ws.act(id, Status::Registered, Action::TakeIntoWork);
        ws.act(id, Status::InWork, Action::Decide);
        ws.act(id, Status::Decided, Action::SignResult);
        ws.act(id, Status::ResultSigned, Action::Issue);
        let credential = provision(&db, &ws);
        let sink = SmtpSink::start();
        let relay = sink.relay();
        let mut server = spawn_server(
            &db,
            &[
                "--smtp",
                &relay,
                "--smtp-from",
                "noreply@edu.example.kz",
                "--smtp-security",
                "plain",
            ],
        );
        let client = Client::new(
            &format!("http://{}", server.addr),
            &credential,
            ws.operator.id,
        );
        let results: PushResponse = client.push(&ws.outbox());
        let number = results
            .results
            .iter()
            .find_map(|r| match &r.outcome {
                PushOutcome::Accepted { number, .. } => number.clone(),
                _ => None,
            })
            .unwrap();
        let pdf: Vec<u8> = b"%PDF-1.4\n"
            .iter()
            .copied()
            .chain((0..3000u32).map(|i| (i * 7 % 256) as u8))
            .collect();
        let sha = sha256_hex(&pdf);
        assert_eq!(
            client.put(&format!("/v1/blobs/{sha}"), None, &pdf).status,
            201
        );
        let ask = |request: uuid::Uuid, to: &str| {
            let body = serde_json::to_vec(&tereze_protocol::EmailDocument {
                to: to.into(),
                document_sha256: sha.clone(),
                file_name: format!("{number}.pdf"),
            })
            .unwrap();
            client.post(&format!("/v1/requests/{request}/email"), &body)
        };
        let refused = ask(draft, "parent@example.kz");
        assert_eq!(refused.status, 400);
        assert!(
            refused.body.contains("server-not-issued"),
            "{}",
            refused.body
        );
        let bad = ask(id, "not an address");
        assert_eq!(bad.status, 400);
        assert!(bad.body.contains("server-bad-email"), "{}", bad.body);
        let sent = ask(id, "parent@example.kz");
        assert_eq!(sent.status, 200, "{}", sent.body);
        let sent: tereze_protocol::EmailSent = sent.json();
        assert_eq!(sent.number, number);
        server.child.kill().unwrap();
        server.child.wait().unwrap();
        let printed = sink.finish();
        assert!(printed.contains("parent@example.kz"), "{printed}");
        assert!(printed.contains(&format!("{number}.pdf")), "{printed}");
        // smtpd prints each line of the message as a Python bytes literal: b'...'.
        assert!(
            flat(&printed).contains(&base64(&pdf)[..200]),
            "the PDF travels intact"
        );
    });
}

#[test]
fn admin_commands_provision_add_operators_and_import_reference() {
    on_both(|db: TestDb| {
        let run = |args: &[&str]| {
            Command::new(support::server_binary())
                .args(["--db", &db.address])
                .args(args)
                .output()
                .unwrap()
        };
        let out = run(&["provision-workstation", "--office", "sko-edu-arys"]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let credential = text
            .lines()
            .find_map(|l| l.strip_prefix("credential "))
            .unwrap()
            .to_owned();
        // Only the hash is kept.
        let hashes = Db::open(&db.address)
            .unwrap()
            .run_blocking(|s| s.query("SELECT credential_hash FROM workstations", &[]))
            .unwrap();
        assert_eq!(hashes.len(), 1);
        let stored = hashes[0].text(0).unwrap();
        assert_ne!(stored, credential);
        assert_eq!(stored, tereze_server::auth::credential_hash(&credential));

        let iin = support::iin(77);
        let add = |role: &str| {
            run(&[
                "add-operator",
                "--iin",
                &iin,
                "--name",
                "Сәуле Ахметова",
                "--role",
                role,
                "--office",
                "sko-edu-arys",
                "--password",
                support::PASSWORD,
            ])
        };
        assert!(!add("chief").status.success(), "an unknown role is refused");
        let ok = add("head");
        assert!(
            ok.status.success(),
            "{}",
            String::from_utf8_lossy(&ok.stderr)
        );
        assert!(
            !add("head").status.success(),
            "the same IIN twice is refused"
        );
        let role = Db::open(&db.address)
            .unwrap()
            .run_blocking(|s| s.query("SELECT role, password_hash FROM operators", &[]))
            .unwrap();
        assert_eq!(role[0].text(0).unwrap(), "head");
        assert!(role[0].text(1).unwrap().starts_with("$argon2id$"));

        let reference =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference");
        let imported = run(&["import-reference", reference.to_str().unwrap()]);
        assert!(
            imported.status.success(),
            "{}",
            String::from_utf8_lossy(&imported.stderr)
        );
        assert!(
            String::from_utf8(imported.stdout)
                .unwrap()
                .starts_with("reference ")
        );
    });
}

#[test]
fn the_queue_settings_file_sets_the_rules_version_and_the_longest_lease() {
    on_both(|db: TestDb| {
        let ws = Workstation::new(47);
        let credential = provision(&db, &ws);
        let assets =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference");
        tereze_server::admin::import_reference(&Db::open(&db.address).unwrap(), &assets).unwrap();
        let settings = db.dir.path().join("queue.toml");
        std::fs::write(
            &settings,
            "rules-version = \"kz-2024.1-test\"\nlease-max-days = 5\n\
             [terms]\nchoice-window-working-days = 1\n",
        )
        .unwrap();
        let server = spawn_server(&db, &["--queue-config", settings.to_str().unwrap()]);
        let client = Client::new(
            &format!("http://{}", server.addr),
            &credential,
            ws.operator.id,
        );
        let lease = |days: u32| {
            client.post(
                "/v1/queue/leases",
                &serde_json::to_vec(&serde_json::json!({
                    "organisations": [{ "organisation_id": "demo-arys-baldauren", "places": 1 }],
                    "days": days
                }))
                .unwrap(),
            )
        };
        let long = lease(10);
        assert_eq!(long.status, 400, "{}: {}", db.label, long.body);
        assert_eq!(
            long.json::<tereze_protocol::ApiError>().key(),
            "queue-server-bad-lease"
        );
        let short = lease(5);
        assert_eq!(short.status, 200, "{}: {}", db.label, short.body);
        let snapshot: tereze_protocol::QueueSnapshot = client.get("/v1/queue/snapshot").json();
        assert_eq!(snapshot.rules_version, "kz-2024.1-test");

        // A settings file that does not load stops the server before it serves.
        let bad = db.dir.path().join("bad.toml");
        std::fs::write(&bad, "utc-offset-hours = 40\n").unwrap();
        let out = Command::new(support::server_binary())
            .args(["--db", &db.address, "--queue-config"])
            .arg(&bad)
            .args(["serve", "--listen", "127.0.0.1:0"])
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("utc-offset-hours"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
}
