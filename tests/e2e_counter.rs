#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter flow reaching the server, end to end: the demo workstation's screens (their
//! tasks run as the window runs them), its real store and the real sync engine against a real
//! `tereze-server` on 127.0.0.1:0 over HTTPS.
//!
//! - online: a preschool request signed, registered and synced gets its official number and
//!   queue number, and its talon is printed with them, unmarked;
//! - offline: the same with the server down gives a provisional talon; once the server is up and
//!   synced the number arrives, the talon is listed for reprinting, signed again and reprinted;
//! - a refusal decided, signed and synced is on the server, and a second workstation pulls it;
//! - a signature with a revoked test certificate is refused: nothing registered, nothing queued;
//! - a decision made by a role that may not decide is refused by the server and audited.

use tereze::app::{App, Message};
use tereze::i18n::Lang;
use tereze::screen::{Screen, decide, document, home, sign};
use tereze_core::iin::{Iin, Sex};
use tereze_core::lifecycle::{Flow, Status};
use tereze_core::store::{NewDecision, NewOperator, Operator, OutboxState, Role, SignatureKind};
use tereze_protocol::ChangedEntity;
use tereze_sign::testpki::fixture::{self, Fixture};
use time::OffsetDateTime;
use time::macros::date;
use uuid::Uuid;

#[path = "support/counter.rs"]
mod counter;
#[path = "support/demo.rs"]
mod demo;
#[path = "support/tasks.rs"]
mod tasks;

#[path = "../crates/sync/tests/support/openssl_ca.rs"]
mod openssl_ca;

#[path = "support/counter_server.rs"]
mod counter_server;

use counter::*;
use counter_server::CounterServer;

/// The demo app logged in, a server that knows its executor, and the workstation's credential.
fn connected(lang: Lang) -> (tempfile::TempDir, App, CounterServer, String, Operator) {
    let (dir, app) = demo::logged_in(lang);
    let op = app.context().operator.clone().unwrap();
    let server = CounterServer::prepare(&[&op]);
    let credential = server.provision(&app.context().store.lock().unwrap(), "counter 1");
    (dir, app, server, credential, op)
}

fn sync(server: &CounterServer, app: &App, credential: &str, op: &Operator) {
    let mut store = app.context().store.lock().unwrap();
    let summary = server.sync(&mut store, credential, op.id).unwrap();
    assert_eq!(summary.waiting, 0, "{summary:?}");
}

/// Back to the start screen from wherever the counter flow left the app.
fn go_home(app: &mut App) {
    if matches!(app.screen(), Screen::Document(_)) {
        tasks::settle(app, Message::Document(document::Message::Back));
    }
    if matches!(app.screen(), Screen::Decide(_)) {
        tasks::settle(app, Message::Decide(decide::Message::Back));
    }
    assert!(
        matches!(app.screen(), Screen::Home(_)),
        "not on the start screen"
    );
}

/// Opens request `id` from the start screen.
fn open(app: &mut App, id: Uuid) {
    go_home(app);
    tasks::settle(app, Message::Home(home::Message::Open(id)));
}

fn document_screen(app: &App) -> &document::DocumentScreen {
    match app.screen() {
        Screen::Document(s) => s,
        other => panic!("not on the document screen: {other:?}"),
    }
}

fn rendered(app: &App) -> document::Rendered {
    document_screen(app).rendered().cloned().expect("rendered")
}

/// On the decision screen of a registered request: into work, queued, talon signed.
fn decide_and_sign_talon(app: &mut App) {
    tasks::settle(app, Message::Decide(decide::Message::TakeIntoWork));
    tasks::settle(app, Message::Decide(decide::Message::Decide));
    tasks::settle(app, Message::Decide(decide::Message::SignResult));
    sign_with(app, demo_key(), DEMO_KEY_PASSWORD);
    assert!(sign_screen(app).is_kept());
    tasks::settle(app, Message::Sign(sign::Message::Continue));
}

fn issue_with_survey(app: &mut App) {
    for m in [
        document::survey::Message::Process(3),
        document::survey::Message::Information(3),
    ] {
        tasks::settle(app, Message::Document(document::Message::Survey(m)));
    }
    tasks::settle(app, Message::Document(document::Message::Issue));
}

fn history_kinds(history: &[ChangedEntity]) -> Vec<String> {
    history
        .iter()
        .map(|e| match e {
            ChangedEntity::Signature { signature } => format!("signature-{}", signature.kind),
            ChangedEntity::Decision { decision } => format!("decision-{}", decision.outcome_id),
            ChangedEntity::DocumentIssued { document } => format!("issued-{}", document.document),
            other => format!("{other:?}"),
        })
        .collect()
}

#[test]
fn online_a_registered_child_gets_the_official_numbers_on_an_unmarked_talon() {
    let (_dir, mut app, mut server, credential, op) = connected(Lang::Ru);
    server.start();
    let id = new_request(&app);
    let provisional = sign_and_register(&mut app, id);
    sync(&server, &app, &credential, &op);

    let (official, queue_number) = {
        let store = app.context().store.lock().unwrap();
        let official = store
            .load_request(id)
            .unwrap()
            .number
            .expect("official number");
        let entry = store.queue_entry(id).unwrap().expect("a queue place");
        (
            official,
            entry.official_number.expect("official queue number"),
        )
    };
    assert_ne!(official, provisional);
    assert!(!official.starts_with("П-"), "{official}");
    assert_eq!(
        server.request(id).unwrap().number.as_deref(),
        Some(official.as_str())
    );
    assert_eq!(
        server.request(id).unwrap().queue.unwrap().number,
        queue_number
    );

    // The decision screen shows the official number, the provisional one as "was".
    open(&mut app, id);
    let loaded = decide_screen(&app).loaded().unwrap();
    assert_eq!(loaded.number, Some((official.clone(), false)));
    assert_eq!(loaded.was.as_deref(), Some(provisional.as_str()));

    decide_and_sign_talon(&mut app);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let talon = rendered(&app);
    assert!(talon.signed && !talon.provisional && !talon.reprint);
    let text = pdftotext(&talon.pdf);
    assert!(
        text.contains(&official),
        "the talon shows {official}: {text}"
    );
    assert!(!text.contains(&provisional), "{text}");
    assert!(!text.contains("ПРЕДВАРИТЕЛЬНЫЙ НОМЕР"), "{text}");

    issue_with_survey(&mut app);
    assert_eq!(status(&app, id), Status::Issued);
    sync(&server, &app, &credential, &op);
    assert_eq!(server.request(id).unwrap().status, "issued");
    assert_eq!(
        history_kinds(&server.history(id)),
        [
            "signature-request",
            "signature-result",
            "decision-registration-talon",
            "issued-registration-talon"
        ]
    );
}

#[test]
fn offline_the_provisional_talon_is_signed_again_and_reprinted_once_the_number_arrives() {
    let (dir, mut app, mut server, credential, op) = connected(Lang::Ru);
    // The server is down: the whole flow runs on the workstation.
    let id = new_request(&app);
    let provisional = sign_and_register(&mut app, id);
    decide_and_sign_talon(&mut app);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let talon = rendered(&app);
    assert!(talon.signed && talon.provisional);
    let text = pdftotext(&talon.pdf);
    assert!(
        text.contains(&provisional) && text.contains("ПРЕДВАРИТЕЛЬНЫЙ НОМЕР"),
        "{text}"
    );
    issue_with_survey(&mut app);
    assert_eq!(status(&app, id), Status::Issued);
    {
        let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", closed.local_addr().unwrap());
        drop(closed);
        let engine = server.engine_at(&url, &credential, op.id);
        let mut store = app.context().store.lock().unwrap();
        let failed = server
            .rt
            .block_on(engine.sync_once(&mut store, &tereze_sync::EventSender::none()));
        assert!(failed.is_err());
        assert!(store.outbox_counts().unwrap().waiting() > 0);
    }

    // The server comes up; sync brings the official number.
    server.start();
    sync(&server, &app, &credential, &op);
    let official = {
        let store = app.context().store.lock().unwrap();
        let official = store
            .load_request(id)
            .unwrap()
            .number
            .expect("official number");
        assert!(
            store
                .queue_entry(id)
                .unwrap()
                .unwrap()
                .official_number
                .is_some()
        );
        let listed: Vec<Uuid> = store
            .documents_to_reprint(10)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        assert_eq!(listed, [id]);
        official
    };

    // The start screen lists the talon to reprint.
    go_home(&mut app);
    let Screen::Home(start) = app.screen() else {
        panic!("not on the start screen");
    };
    let listed = &start.loaded().unwrap().to_reprint;
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);

    // The document screen offers the reprint; the old signature does not cover the new number.
    open(&mut app, id);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let stale = rendered(&app);
    assert!(stale.reprint && !stale.signed && !stale.provisional);
    tasks::settle(&mut app, Message::Document(document::Message::Print));
    assert_eq!(
        document_screen(&app).notice().map(|n| n.key),
        Some("counter-sign-before-printing")
    );
    tasks::settle(&mut app, Message::Document(document::Message::Reprint));
    assert_eq!(
        sign_screen(&app).target(),
        tereze::counter::signing::Target::Result
    );
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    assert!(sign_screen(&app).is_kept());
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    let reprinted = rendered(&app);
    assert!(reprinted.signed && !reprinted.reprint && !reprinted.provisional);
    let pdf = dir.path().join("talon.pdf");
    document::save_pdf(&pdf, &reprinted.pdf).unwrap();
    let text = pdftotext(&std::fs::read(&pdf).unwrap());
    assert!(
        text.contains(&official),
        "the reprint shows {official}: {text}"
    );
    assert!(!text.contains("ПРЕДВАРИТЕЛЬНЫЙ НОМЕР"), "{text}");
    assert_eq!(status(&app, id), Status::Issued);

    sync(&server, &app, &credential, &op);
    let store = app.context().store.lock().unwrap();
    assert!(store.documents_to_reprint(10).unwrap().is_empty());
    assert_eq!(
        history_kinds(&server.history(id)),
        [
            "signature-request",
            "signature-result",
            "signature-result",
            "decision-registration-talon",
            "issued-registration-talon",
            "issued-registration-talon"
        ]
    );
}

#[test]
fn a_talon_signed_but_not_yet_handed_out_is_signed_again_before_it_is_issued() {
    let (_dir, mut app, mut server, credential, op) = connected(Lang::Ru);
    let id = new_request(&app);
    sign_and_register(&mut app, id);
    decide_and_sign_talon(&mut app);
    assert_eq!(status(&app, id), Status::ResultSigned);
    server.start();
    sync(&server, &app, &credential, &op);

    open(&mut app, id);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    assert!(rendered(&app).reprint);
    // Handing out the talon signed with the provisional number is refused.
    tasks::settle(&mut app, Message::Document(document::Message::Issue));
    assert_eq!(status(&app, id), Status::ResultSigned);
    assert_eq!(
        document_screen(&app).notice().map(|n| n.key),
        Some("counter-sign-before-printing")
    );
    tasks::settle(&mut app, Message::Document(document::Message::Reprint));
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(&app, id), Status::ResultSigned);
    tasks::settle(&mut app, Message::Decide(decide::Message::OpenDocument));
    assert!(rendered(&app).signed && !rendered(&app).reprint);
    issue_with_survey(&mut app);
    assert_eq!(status(&app, id), Status::Issued);
    sync(&server, &app, &credential, &op);
    assert_eq!(
        history_kinds(&server.history(id)),
        [
            "signature-request",
            "signature-result",
            "signature-result",
            "decision-registration-talon",
            "issued-registration-talon"
        ]
    );
}

#[test]
fn a_refusal_signed_and_synced_is_on_the_server_and_a_second_workstation_pulls_it() {
    let (_dir, mut app, mut server, credential, op) = connected(Lang::Kk);
    server.start();
    let id = new_request(&app);
    sign_and_register(&mut app, id);
    let ground = decide::Choice::for_tests("documents-incomplete");
    tasks::settle(
        &mut app,
        Message::Decide(decide::Message::GroundPicked(ground)),
    );
    tasks::settle(&mut app, Message::Decide(decide::Message::Refuse));
    assert_eq!(status(&app, id), Status::Refused);
    tasks::settle(&mut app, Message::Decide(decide::Message::SignResult));
    sign_with(&mut app, demo_key(), DEMO_KEY_PASSWORD);
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    assert_eq!(status(&app, id), Status::ResultSigned);
    sync(&server, &app, &credential, &op);

    assert_eq!(server.request(id).unwrap().status, "result-signed");
    let history = server.history(id);
    assert_eq!(
        history_kinds(&history),
        ["signature-request", "signature-result", "decision-refusal"]
    );
    let ChangedEntity::Decision { decision } = &history[2] else {
        panic!("no decision");
    };
    assert_eq!(decision.ground_id.as_deref(), Some("documents-incomplete"));
    assert_eq!(decision.by, op.id);

    // A second counter of the office pulls the request with its history.
    let second_dir = tempfile::tempdir().unwrap();
    let mut second = counter_server::second_store(second_dir.path());
    let second_credential = server.provision(&second, "counter 2");
    server.sync(&mut second, &second_credential, op.id).unwrap();
    let request = second.load_request(id).unwrap();
    assert_eq!(request.status, Status::ResultSigned);
    assert!(request.number.is_some());
    let signatures = second.signatures(id).unwrap();
    let kinds: Vec<SignatureKind> = signatures.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, [SignatureKind::Request, SignatureKind::Result]);
    let local = app.context().store.lock().unwrap().signatures(id).unwrap();
    assert_eq!(signatures[1].cms, local[1].cms, "the CMS arrives intact");
    let pulled = second.decision(id).unwrap().unwrap();
    assert_eq!(pulled.outcome_id, "refusal");
    assert_eq!(pulled.ground_id.as_deref(), Some("documents-incomplete"));
}

#[test]
fn a_signature_with_a_revoked_certificate_registers_nothing_and_sends_nothing() {
    let (dir, mut app, mut server, credential, op) = connected(Lang::Kk);
    let pki = Fixture::build(OffsetDateTime::now_utc()).unwrap();
    let trust = dir.path().join("pki/trust");
    std::fs::create_dir_all(&trust).unwrap();
    std::fs::write(trust.join("test-root.cer"), &pki.root.cert_der).unwrap();
    let crl = dir.path().join("pki/crl");
    std::fs::create_dir_all(&crl).unwrap();
    std::fs::write(crl.join("operators.crl"), &pki.crl).unwrap();
    std::fs::write(crl.join("root.crl"), &pki.root_crl).unwrap();
    assert_eq!(fixture::OPERATOR_IIN, op.iin.as_string());
    let key = dir.path().join("revoked.p12");
    std::fs::write(&key, pki.p12(&pki.revoked).unwrap()).unwrap();

    server.start();
    let id = new_request(&app);
    tasks::settle(&mut app, Message::Home(home::Message::Open(id)));
    tasks::settle(&mut app, Message::Decide(decide::Message::Sign));
    sign_with(&mut app, key, fixture::PASSWORD);
    let screen = sign_screen(&app);
    assert!(!screen.signed().unwrap().verdict.is_valid());
    assert!(!screen.is_kept());
    tasks::settle(&mut app, Message::Sign(sign::Message::Continue));
    {
        let store = app.context().store.lock().unwrap();
        let outbox = store.pending_outbox(1000).unwrap();
        let mine: Vec<&str> = outbox
            .iter()
            .filter(|e| e.operation.entity_id() == id)
            .map(|e| e.operation.kind())
            .collect();
        assert_eq!(mine, ["save-request"], "only the form waits for the server");
        assert!(
            !outbox.iter().any(|e| matches!(
                &e.operation,
                tereze_protocol::Operation::AddSignature { signature } if signature.request_id == id
            )),
            "no signature was queued"
        );
        assert_eq!(store.provisional_number(id).unwrap(), None);
    }
    sync(&server, &app, &credential, &op);
    let on_server = server.request(id).unwrap();
    assert_eq!(on_server.status, "draft");
    assert_eq!(on_server.number, None);
    assert!(server.history(id).is_empty());
    assert_eq!(status(&app, id), Status::Draft);
}

#[test]
fn a_decision_by_a_role_that_may_not_decide_is_refused_by_the_server_and_audited() {
    let (_dir, mut app, mut server, credential, op) = connected(Lang::En);
    // A ЦОН operator account of the office, known to the workstation and to the server.
    let con_iin = (0..200)
        .find_map(|s| Iin::compose(date!(1991 - 05 - 20), Sex::Male, 4100 + s))
        .unwrap();
    let con = app
        .context()
        .store
        .lock()
        .unwrap()
        .add_operator(
            &NewOperator {
                iin: con_iin,
                full_name: "ЦОН Operator".into(),
                role: Role::ConOperator,
                office_id: op.office_id.clone(),
                password_hash: None,
            },
            None,
        )
        .unwrap();
    server.add_account(&con_iin.as_string(), Role::ConOperator, Some(con.id));
    server.start();

    let id = new_request(&app);
    sign_and_register(&mut app, id);
    tasks::settle(&mut app, Message::Decide(decide::Message::TakeIntoWork));
    // A tampered workstation writes the refusal as the ЦОН operator's, past the screens.
    app.context()
        .store
        .lock()
        .unwrap()
        .decide(
            id,
            Flow::PreschoolQueue,
            Status::InWork,
            &NewDecision {
                outcome_id: "refusal".into(),
                ground: Some("documents-incomplete".into()),
                queue: None,
            },
            con.id,
        )
        .unwrap();
    {
        let mut store = app.context().store.lock().unwrap();
        server.sync(&mut store, &credential, op.id).unwrap();
        let refused: Vec<(String, Option<String>)> = store
            .outbox_items(Some(OutboxState::Rejected), 100)
            .unwrap()
            .into_iter()
            .map(|i| (i.kind, i.reason))
            .collect();
        let not_permitted = Some("server-not-permitted".to_owned());
        assert_eq!(
            refused,
            [
                ("set-status".to_owned(), not_permitted.clone()),
                ("record-decision".to_owned(), not_permitted)
            ]
        );
    }
    assert_eq!(server.audited("server-not-permitted"), 2);
    assert_eq!(server.request(id).unwrap().status, "in-work");
    assert_eq!(history_kinds(&server.history(id)), ["signature-request"]);
}
