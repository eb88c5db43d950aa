//! The sync API end to end, on SQLite and on PostgreSQL: push with dedupe and numbering, pull,
//! conflicts kept for the head, roles re-checked, forged operations refused and audited,
//! resumable blobs, reference data, and the protocol-version gate.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

use std::collections::BTreeMap;

use support::{Client, OFFICE, TestDb, Workstation, on_both, server_for};
use tereze_core::lifecycle::{Action, Status};
use tereze_core::store::{Role, sha256_hex};
use tereze_protocol::{
    ApiError, ChangedEntity, ConflictList, Envelope, Operation, PushOperation, PushOutcome,
    ReferenceSet, ReferenceVersion, Seq, WorkstationId,
};
use tereze_server::db::Db;
use uuid::Uuid;

fn outcomes(client: &Client, ops: &[PushOperation]) -> Vec<PushOutcome> {
    client
        .push(ops)
        .results
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

fn count(db: &Db, sql: &'static str) -> i64 {
    db.run_blocking(move |s| {
        s.query_opt(sql, &[])
            .map(|r| r.map_or(0, |r| r.int(0).unwrap()))
    })
    .unwrap()
}

fn audited(db: &Db, action: &'static str, reason: &'static str) -> i64 {
    db.run_blocking(move |s| tereze_server::audit::count(s, action, reason))
        .unwrap()
}

/// Requests as the server's change log ends up describing them: id → (version, status, number).
fn server_requests(client: &Client) -> BTreeMap<Uuid, (i64, String, Option<String>)> {
    let mut out = BTreeMap::new();
    for change in client.all_changes() {
        if let ChangedEntity::Request { request } = change.entity {
            out.insert(
                request.id,
                (request.version, request.status, request.number),
            );
        }
    }
    out
}

#[test]
fn pushed_outbox_is_applied_numbered_and_pulled() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(11);
        let a = ws.new_request("Әлия");
        let b = ws.new_request("Нұрсұлтан");
        ws.edit(a, "child-name", "Әлия Серікқызы");
        for id in [a, b] {
            ws.act(id, Status::Draft, Action::Sign);
            ws.act(id, Status::Signed, Action::Register);
        }
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        let results = outcomes(&client, &ops);
        assert_eq!(results.len(), 7, "{}", db.label);
        let numbers: Vec<String> = results
            .iter()
            .filter_map(|o| match o {
                PushOutcome::Accepted { number, .. } => number.clone(),
                other => panic!("{}: not accepted: {other:?}", db.label),
            })
            .collect();
        let year = time::OffsetDateTime::now_utc().year();
        assert_eq!(
            numbers,
            vec![
                format!("SKO-EDU-ARYS-{year}-000001"),
                format!("SKO-EDU-ARYS-{year}-000002")
            ]
        );
        let pulled = server_requests(&client);
        assert_eq!(pulled[&a].0, 4);
        assert_eq!(pulled[&a].1, "registered");
        assert_eq!(pulled[&a].2.as_deref(), Some(numbers[0].as_str()));
        assert_eq!(pulled[&b].2.as_deref(), Some(numbers[1].as_str()));
        let page = client.changes(0);
        assert_eq!(page.changes.len(), 7);
        assert!(page.changes.windows(2).all(|w| w[0].cursor < w[1].cursor));
        assert!(client.changes(page.next.0).changes.is_empty());
    });
}

#[test]
fn replaying_the_outbox_three_times_changes_nothing_after_the_first() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(12);
        for i in 0..5 {
            let id = ws.new_request(&format!("Бала {i}"));
            ws.act(id, Status::Draft, Action::Sign);
        }
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        // Out of order first: the second half arrives before the first.
        let late = outcomes(&client, &ops[5..]);
        assert!(late.iter().all(|o| !o.is_final()), "{late:?}");
        assert!(matches!(
            &late[0],
            PushOutcome::Retry { reason, expected } if reason == "server-seq-gap" && *expected == Seq(1)
        ));
        let first = outcomes(&client, &ops);
        assert!(
            first
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. }))
        );
        let state = server_requests(&client);
        let changes = client.all_changes();
        for _ in 0..3 {
            let again = outcomes(&client, &ops);
            assert!(
                again.iter().all(|o| *o == PushOutcome::Duplicate),
                "{again:?}"
            );
        }
        assert_eq!(server_requests(&client), state);
        assert_eq!(client.all_changes(), changes);
        let sdb = server.open_db();
        assert_eq!(count(&sdb, "SELECT count(*) FROM settled_ops"), 10);
        assert_eq!(count(&sdb, "SELECT count(*) FROM entities"), 5);
    });
}

#[test]
fn the_same_entity_version_under_a_new_seq_is_a_duplicate() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(13);
        ws.new_request("Айару");
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        outcomes(&client, &ops);
        let mut again = ops[0].clone();
        again.envelope.seq = Seq(2);
        assert_eq!(outcomes(&client, &[again]), vec![PushOutcome::Duplicate]);
        assert_eq!(client.all_changes().len(), 1);
    });
}

#[test]
fn offline_edits_on_two_workstations_conflict_and_both_versions_reach_the_head() {
    on_both(|db: TestDb| {
        let mut ws_a = Workstation::new(14);
        let id = ws_a.new_request("Дана");
        let server = server_for(&db, &ws_a);
        let a = server.client(ws_a.operator.id);
        outcomes(&a, &ws_a.outbox());
        // Both workstations start from version 1; A's edit arrives first.
        ws_a.edit(id, "applicant-phone", "+77011111111");
        let a_edit = ws_a.outbox().pop().unwrap();
        let sdb = server.open_db();
        let b = tereze_server::admin::provision_workstation(&sdb, OFFICE, "b", None).unwrap();
        let b_operator = support::add_operator(&sdb, Role::Executor, 21, None, OFFICE);
        let Operation::SaveRequest { request } = &a_edit.envelope.operation else {
            panic!("not a save")
        };
        let mut theirs = request.clone();
        theirs
            .fields
            .insert("applicant-phone".into(), "+77022222222".into());
        theirs.saved_by = b_operator;
        let b_edit = PushOperation::from_envelope(Envelope {
            workstation: WorkstationId(b.id),
            seq: Seq(1),
            operation: Operation::SaveRequest { request: theirs },
        });
        assert!(matches!(
            outcomes(&a, &[a_edit])[0],
            PushOutcome::Accepted { .. }
        ));
        let b_client = Client::new(&server.url, &b.credential, b_operator);
        assert_eq!(
            outcomes(&b_client, std::slice::from_ref(&b_edit)),
            vec![PushOutcome::Conflict { server_version: 2 }],
            "{}",
            db.label
        );
        // Pushed again: settled once, not a second conflict.
        assert_eq!(
            outcomes(&b_client, std::slice::from_ref(&b_edit)),
            vec![PushOutcome::Duplicate]
        );
        // B goes on editing its own version 2: the numbers match the server's version 2, but
        // the contents do not, so this is a conflict too and A's version survives.
        let mut b_next = b_edit.clone();
        b_next.envelope.seq = Seq(2);
        b_next.base_version = 2;
        if let Operation::SaveRequest { request } = &mut b_next.envelope.operation {
            request.version = 3;
            request.fields.insert("child-name".into(), "Дана Б.".into());
        }
        assert_eq!(
            outcomes(&b_client, &[b_next]),
            vec![PushOutcome::Conflict { server_version: 2 }]
        );

        // The executor may not see the list; the head sees both versions.
        let refused = a.get("/v1/conflicts");
        assert_eq!(refused.status, 403);
        assert_eq!(audited(&sdb, "conflicts-refused", "server-head-only"), 1);
        let head = server.client(server.head);
        let list: ConflictList = head.get("/v1/conflicts").json();
        assert_eq!(list.conflicts.len(), 2);
        let c = &list.conflicts[0];
        assert_eq!((c.entity_id, c.base_version, c.server_version), (id, 1, 2));
        let Some(ChangedEntity::Request { request: kept }) = &c.server_state else {
            panic!("server state missing")
        };
        assert_eq!(kept.fields["applicant-phone"], "+77011111111");
        let Operation::SaveRequest { request: incoming } = &c.incoming.operation else {
            panic!("incoming missing")
        };
        assert_eq!(incoming.fields["applicant-phone"], "+77022222222");
        assert!(!c.resolved);
        // The server keeps its version; the conflict is in the change log for every workstation.
        assert_eq!(server_requests(&a)[&id].0, 2);
        assert!(a.all_changes().iter().any(|ch| matches!(
            ch.entity,
            ChangedEntity::Conflict { entity_id, .. } if entity_id == id
        )));
        let resolved = head.post(&format!("/v1/conflicts/{}/resolve", c.id), b"");
        assert_eq!(resolved.status, 204);
        let list: ConflictList = head.get("/v1/conflicts").json();
        assert!(!list.conflicts[0].resolved, "open ones come first");
        assert!(list.conflicts[1].resolved);
    });
}

#[test]
fn roles_are_rechecked_and_forged_operations_are_refused_and_audited() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(15);
        let id = ws.new_request("Ерлан");
        ws.act(id, Status::Draft, Action::Sign);
        ws.act(id, Status::Signed, Action::Register);
        ws.act(id, Status::Registered, Action::TakeIntoWork);
        ws.act(id, Status::InWork, Action::Decide);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let mut ops = ws.outbox();
        let sdb = server.open_db();
        let other_office =
            support::add_operator(&sdb, Role::Executor, 31, None, "sko-edu-baidibek");

        // The decision claims to be made by the ЦОН operator, who may not decide.
        let decide = ops.pop().unwrap();
        let mut by_con = decide.clone();
        if let Operation::SetStatus { by, .. } = &mut by_con.envelope.operation {
            *by = server.con_operator;
        }
        let mut results = outcomes(&client, &ops);
        assert!(
            results
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. }))
        );
        results = outcomes(&client, &[by_con]);
        assert_eq!(
            results,
            vec![PushOutcome::Rejected {
                reason: "server-not-permitted".into()
            }]
        );
        assert_eq!(audited(&sdb, "push-refused", "server-not-permitted"), 1);

        // An operator of another office, an unknown operator, another workstation's envelope.
        let mut next = decide.clone();
        next.envelope.seq = Seq(6);
        if let Operation::SetStatus { by, .. } = &mut next.envelope.operation {
            *by = other_office;
        }
        let mut unknown = decide.clone();
        unknown.envelope.seq = Seq(7);
        if let Operation::SetStatus { by, .. } = &mut unknown.envelope.operation {
            *by = Uuid::now_v7();
        }
        let mut foreign = decide.clone();
        foreign.envelope.workstation = WorkstationId(Uuid::now_v7());
        let results = outcomes(&client, &[next, unknown, foreign]);
        let reasons: Vec<String> = results
            .into_iter()
            .map(|o| match o {
                PushOutcome::Rejected { reason } => reason,
                other => panic!("not rejected: {other:?}"),
            })
            .collect();
        assert_eq!(
            reasons,
            vec![
                "server-author-other-office",
                "server-unknown-author",
                "server-foreign-workstation"
            ]
        );
        assert_eq!(
            audited(&sdb, "push-refused", "server-foreign-workstation"),
            1
        );

        // The real decision, by the executor, still goes through (seq 8), and the status moved.
        let mut real = decide;
        real.envelope.seq = Seq(8);
        assert!(matches!(
            outcomes(&client, &[real])[0],
            PushOutcome::Accepted { .. }
        ));
        assert_eq!(server_requests(&client)[&id].1, "decided");

        // A move the lifecycle forbids (decided → issued) is refused whoever makes it.
        let mut illegal = ws.outbox().pop().unwrap();
        illegal.envelope.seq = Seq(9);
        illegal.base_version = 5;
        if let Operation::SetStatus {
            version,
            from,
            to,
            action,
            outcome,
            ..
        } = &mut illegal.envelope.operation
        {
            *version = 6;
            *from = "decided".into();
            *to = "issued".into();
            *action = "issue".into();
            *outcome = None;
        }
        assert_eq!(
            outcomes(&client, &[illegal]),
            vec![PushOutcome::Rejected {
                reason: "server-illegal-transition".into()
            }]
        );
    });
}

#[test]
fn calls_without_credential_or_known_operator_are_refused() {
    on_both(|db: TestDb| {
        let ws = Workstation::new(16);
        let server = server_for(&db, &ws);
        let mut nobody = server.client(ws.operator.id);
        nobody.credential = "tzw_forged".into();
        let a = nobody.get("/v1/changes");
        assert_eq!(a.status, 401);
        assert_eq!(a.json::<ApiError>(), ApiError::Unauthenticated);
        let stranger = server.client(Uuid::now_v7());
        let a = stranger.get("/v1/changes");
        assert_eq!(a.status, 403);
        assert_eq!(
            a.json::<ApiError>(),
            ApiError::Forbidden {
                reason: "server-operator-unknown".into()
            }
        );
        let sdb = server.open_db();
        assert_eq!(audited(&sdb, "auth-refused", "unauthenticated"), 1);
        assert_eq!(audited(&sdb, "auth-refused", "server-operator-unknown"), 1);
    });
}

#[test]
fn another_protocol_version_gets_update_needed_before_the_body_is_read() {
    let db = support::sqlite_db();
    let ws = Workstation::new(17);
    let server = server_for(&db, &ws);
    let mut old = server.client(ws.operator.id);
    old.protocol = "0".into();
    let a = old.post("/v1/push", b"{ this is not json");
    assert_eq!(a.status, 426);
    assert_eq!(
        a.json::<ApiError>(),
        ApiError::ProtocolMismatch {
            client: 0,
            server: tereze_protocol::PROTOCOL_VERSION
        }
    );
    old.protocol = "2".into();
    let a = old.get("/v1/changes");
    assert!(a.body.contains("\"client\":2"), "{}", a.body);
    // The same garbage with the right version is a typed bad request, not a crash.
    let current = server.client(ws.operator.id);
    let a = current.post("/v1/push", b"{ this is not json");
    assert_eq!(a.status, 400);
    assert_eq!(
        a.json::<ApiError>(),
        ApiError::BadRequest {
            reason: "server-bad-body".into()
        }
    );
}

#[test]
fn blobs_resume_verify_and_gate_the_attachment() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(18);
        let id = ws.new_request("Мирас");
        let scan_dir = tempfile::tempdir().unwrap();
        let scan = scan_dir.path().join("birth.pdf");
        let content = tereze_core::scan::sample_jpeg(b"birth certificate", 200_009);
        std::fs::write(&scan, &content).unwrap();
        ws.store
            .add_attachment(id, "birth-certificate", "birth.pdf", &scan, ws.operator.id)
            .unwrap();
        let sha = sha256_hex(&content);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        // The attachment's bytes are not there yet: the request goes in, the attachment waits.
        let first = outcomes(&client, &ops);
        assert!(matches!(first[0], PushOutcome::Accepted { .. }));
        assert!(matches!(
            &first[1],
            PushOutcome::Retry { reason, expected } if reason == "server-blob-missing" && *expected == Seq(2)
        ));
        let path = format!("/v1/blobs/{sha}");
        assert_eq!(client.head(&path).status, 404);
        let total = content.len();
        let half = total / 2;
        let a = client.put(
            &path,
            Some(&format!("bytes 0-{}/{total}", half - 1)),
            &content[..half],
        );
        assert_eq!(a.status, 202, "{}", a.body);
        let h = client.head(&path);
        assert_eq!(
            h.header("x-tereze-blob-received"),
            Some(half.to_string().as_str())
        );
        assert_eq!(h.header("x-tereze-blob-complete"), Some("false"));
        assert_eq!(
            client.get(&path).status,
            404,
            "a partial blob is not visible"
        );
        // A piece that does not continue where the stored part ends is refused.
        let wrong = client.put(
            &path,
            Some(&format!("bytes 10-19/{total}")),
            &content[10..20],
        );
        assert_eq!(wrong.status, 416);
        assert_eq!(
            wrong.header("x-tereze-blob-received"),
            Some(half.to_string().as_str())
        );
        let rest = client.put(
            &path,
            Some(&format!("bytes {half}-{}/{total}", total - 1)),
            &content[half..],
        );
        assert_eq!(rest.status, 201, "{}", rest.body);
        assert_eq!(
            client.head(&path).header("x-tereze-blob-complete"),
            Some("true")
        );
        let got = client.get(&path);
        assert_eq!(got.status, 200);
        let second = outcomes(&client, &ops[1..]);
        assert!(
            matches!(second[0], PushOutcome::Accepted { .. }),
            "{second:?}"
        );

        // Bytes that do not match their name never become visible.
        let liar = sha256_hex(b"something else");
        let bad = client.put(&format!("/v1/blobs/{liar}"), None, b"not that");
        assert_eq!(bad.status, 422);
        assert_eq!(client.head(&format!("/v1/blobs/{liar}")).status, 404);
        assert_eq!(client.head("/v1/blobs/NOT-A-HASH").status, 400);
    });
}

#[test]
fn blob_download_returns_the_verified_bytes() {
    let db = support::sqlite_db();
    let ws = Workstation::new(19);
    let server = server_for(&db, &ws);
    let client = server.client(ws.operator.id);
    let content = "Анықтама / Справка".as_bytes();
    let path = format!("/v1/blobs/{}", sha256_hex(content));
    assert_eq!(client.put(&path, None, content).status, 201);
    // Uploading it again is harmless.
    assert_eq!(client.put(&path, None, content).status, 201);
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let bytes = agent
        .get(format!("{}{path}", server.url))
        .header("x-tereze-protocol", "1")
        .header("authorization", &format!("Bearer {}", server.credential))
        .header("x-tereze-operator", &ws.operator.id.to_string())
        .call()
        .unwrap()
        .into_body()
        .read_to_vec()
        .unwrap();
    assert_eq!(bytes, content);
}

#[test]
fn reference_data_is_imported_with_the_core_parser_and_served_by_version() {
    on_both(|db: TestDb| {
        let ws = Workstation::new(20);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        assert_eq!(client.get("/v1/reference").status, 404);
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/reference");
        let sdb = server.open_db();
        let version = tereze_server::admin::import_reference(&sdb, &dir).unwrap();
        assert_eq!(
            tereze_server::admin::import_reference(&sdb, &dir).unwrap(),
            version,
            "the same files keep their version"
        );
        let v: ReferenceVersion = client.get("/v1/reference/version").json();
        assert_eq!(v.version, version);
        let set: ReferenceSet = client.get("/v1/reference").json();
        let data = tereze_core::reference::ReferenceData::parse(
            &set.offices_csv,
            &set.organisations_csv,
            &set.groups_csv,
        )
        .unwrap();
        assert!(data.office(OFFICE).is_some());
        // A broken file is refused with the parser's own error, and the old set stays.
        let broken = tempfile::tempdir().unwrap();
        for f in ["offices.csv", "organisations.csv", "groups.csv"] {
            std::fs::copy(dir.join(f), broken.path().join(f)).unwrap();
        }
        std::fs::write(broken.path().join("groups.csv"), "id,nonsense\n1,2\n").unwrap();
        assert!(tereze_server::admin::import_reference(&sdb, broken.path()).is_err());
        let v: ReferenceVersion = client.get("/v1/reference/version").json();
        assert_eq!(v.version, version);
    });
}

#[test]
fn revocation_lists_are_listed_and_fetched_as_blobs() {
    on_both(|db: TestDb| {
        let ws = Workstation::new(22);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let crl = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(crl.path(), b"0\x82 fake DER").unwrap();
        let sdb = server.open_db();
        let store = tereze_server::blob::BlobStore::open(&server.blob_dir).unwrap();
        let sha = tereze_server::admin::import_crl(&sdb, &store, "Demo CA", crl.path()).unwrap();
        let list: tereze_protocol::CrlList = client.get("/v1/crls").json();
        assert_eq!(list.crls.len(), 1);
        assert_eq!(list.crls[0].issuer, "Demo CA");
        assert_eq!(list.crls[0].sha256, sha);
        assert_eq!(client.get(&format!("/v1/blobs/{sha}")).status, 200);
    });
}

#[test]
fn changes_and_requests_stay_within_their_office() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(23);
        let id = ws.new_request("Інжу");
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        outcomes(&client, &ops);
        let sdb = server.open_db();
        let other = "sko-edu-baidibek";
        let far = tereze_server::admin::provision_workstation(&sdb, other, "far", None).unwrap();
        let far_operator = support::add_operator(&sdb, Role::Executor, 24, None, other);
        let far_client = Client::new(&server.url, &far.credential, far_operator);
        assert!(far_client.all_changes().is_empty(), "{}", db.label);
        // Acting on another office's request is refused as if it did not exist.
        let Operation::SaveRequest { request } = &ops[0].envelope.operation else {
            panic!("not a save")
        };
        let mut edit = request.clone();
        edit.version = 2;
        edit.saved_by = far_operator;
        let op = PushOperation::from_envelope(Envelope {
            workstation: WorkstationId(far.id),
            seq: Seq(1),
            operation: Operation::SaveRequest { request: edit },
        });
        assert_eq!(
            outcomes(&far_client, &[op]),
            vec![PushOutcome::Rejected {
                reason: "server-unknown-request".into()
            }]
        );
        assert_eq!(server_requests(&client)[&id].0, 1);
    });
}

#[test]
fn the_server_reconnects_after_postgresql_drops_its_session() {
    let db = support::postgres_db();
    let mut ws = Workstation::new(25);
    ws.new_request("Ансар");
    let server = server_for(&db, &ws);
    let client = server.client(ws.operator.id);
    let ops = ws.outbox();
    outcomes(&client, &ops);
    let admin = std::env::var("TEREZE_TEST_POSTGRES").unwrap();
    let name = db.address.rsplit_once('/').unwrap().1.to_owned();
    let mut pg = postgres::Client::connect(&admin, postgres::NoTls).unwrap();
    let ended = pg
        .query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
            &[&name],
        )
        .unwrap();
    assert!(
        !ended.is_empty(),
        "the server's session was found and ended"
    );
    // Wait (bounded) until the session is really gone, so the next call meets a dead link.
    for _ in 0..100 {
        let left = pg
            .query(
                "SELECT 1 FROM pg_stat_activity WHERE datname = $1",
                &[&name],
            )
            .unwrap();
        if left.is_empty() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    // The call that meets the dead link reconnects and is answered.
    let a = client.get("/v1/changes");
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(client.all_changes().len(), 1);
    assert_eq!(outcomes(&client, &ops), vec![PushOutcome::Duplicate]);
}

#[test]
fn a_fresh_workstation_gets_its_office_accounts_for_offline_login() {
    on_both(|db: TestDb| {
        let ws = Workstation::new(26);
        let server = server_for(&db, &ws);
        let sdb = server.open_db();
        support::add_operator(&sdb, Role::Executor, 27, None, "sko-edu-baidibek");
        // No operator is logged in yet: the credential alone is enough for this call.
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let get = |credential: &str| {
            let r = agent
                .get(format!("{}/v1/operators", server.url))
                .header("x-tereze-protocol", "1")
                .header("authorization", &format!("Bearer {credential}"))
                .call()
                .unwrap();
            (r.status().as_u16(), r.into_body().read_to_string().unwrap())
        };
        let (status, body) = get(&server.credential);
        assert_eq!(status, 200, "{body}");
        let list: tereze_protocol::OperatorList = serde_json::from_str(&body).unwrap();
        assert_eq!(list.operators.len(), 3, "only this office's accounts");
        assert!(list.operators.iter().all(|o| o.office_id == OFFICE));
        let executor = list
            .operators
            .iter()
            .find(|o| o.id == ws.operator.id)
            .unwrap();
        assert_eq!(executor.role, "executor");
        assert!(tereze_core::password::verify(
            &executor.password_hash,
            support::PASSWORD
        ));
        assert_eq!(get("tzw_forged").0, 401);
    });
}

#[test]
fn a_removed_attachment_is_kept_marked_removed_and_pulled_as_such() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(19);
        let id = ws.new_request("Айару");
        let scan_dir = tempfile::tempdir().unwrap();
        let scan = scan_dir.path().join("birth.pdf");
        let content = tereze_core::scan::sample_jpeg(b"removed later", 64);
        std::fs::write(&scan, &content).unwrap();
        let attachment = ws
            .store
            .add_attachment(id, "birth-certificate", "birth.pdf", &scan, ws.operator.id)
            .unwrap();
        ws.store
            .remove_attachment(attachment.id, ws.operator.id)
            .unwrap();
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let sha = sha256_hex(&content);
        assert_eq!(
            client
                .put(&format!("/v1/blobs/{sha}"), None, &content)
                .status,
            201
        );
        let results = outcomes(&client, &ws.outbox());
        assert_eq!(results.len(), 3, "{results:?}");
        assert!(
            results
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. })),
            "{results:?}"
        );
        let removed: Vec<_> = client
            .all_changes()
            .into_iter()
            .filter_map(|c| match c.entity {
                tereze_protocol::ChangedEntity::AttachmentRemoved {
                    attachment,
                    removed_by,
                    ..
                } => Some((attachment.id, attachment.sha256, removed_by)),
                _ => None,
            })
            .collect();
        assert_eq!(removed, vec![(attachment.id, sha.clone(), ws.operator.id)]);
        // The content stays stored under its hash.
        assert_eq!(client.get(&format!("/v1/blobs/{sha}")).status, 200);
        // Resending the removal is a duplicate, not a second removal.
        let again = outcomes(&client, &ws.outbox()[2..]);
        assert_eq!(again, vec![PushOutcome::Duplicate]);
    });
}
