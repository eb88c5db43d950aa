//! The counter flow's records on the server, on SQLite and on PostgreSQL: signatures,
//! decisions, documents handed out and survey answers are checked, kept once and sent back with
//! the request's history; a role that may not make them, a signer who is not the author and a
//! signature that does not cover the request are refused and audited.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "support/server.rs"]
mod support;

use support::{Client, TestDb, Workstation, on_both, server_for};
use tereze_core::canonical::SignedRequest;
use tereze_core::iin::Iin;
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{NewDecision, NewSignature, SignatureKind, SurveyAnswers, sha256_hex};
use tereze_protocol::{ChangedEntity, Operation, PushOperation, PushOutcome, Seq};
use tereze_server::db::Db;
use time::OffsetDateTime;
use uuid::Uuid;

fn outcomes(client: &Client, ops: &[PushOperation]) -> Vec<PushOutcome> {
    client
        .push(ops)
        .results
        .into_iter()
        .map(|r| r.outcome)
        .collect()
}

fn audited(db: &Db, reason: &'static str) -> i64 {
    db.run_blocking(move |s| tereze_server::audit::count(s, "push-refused", reason))
        .unwrap()
}

fn signature(ws: &Workstation, id: Uuid, kind: SignatureKind) -> NewSignature {
    let request = ws.store.load_request(id).unwrap();
    let (content, document) = match kind {
        SignatureKind::Request => (
            SignedRequest {
                id,
                version: request.version,
                service_id: &request.service_id,
                profile: &request.profile,
                channel: request.channel,
                operator_iin: ws.operator.iin,
                fields: &request.fields,
                attachments: &[],
            }
            .bytes(),
            None,
        ),
        SignatureKind::Result => {
            let doc = "d0".repeat(32);
            (doc.clone().into_bytes(), Some(doc))
        }
    };
    NewSignature {
        request_id: id,
        request_version: request.version,
        kind,
        cms: vec![0x30, 0x80, 1, 2, 3],
        content_sha256: sha256_hex(&content),
        signer_subject: "CN=TEST".into(),
        signer_iin: ws.operator.iin,
        serial: "1001".into(),
        signed_at: OffsetDateTime::now_utc(),
        with_warnings: false,
        document_sha256: document,
        document: None,
    }
}

/// A request signed, registered, refused, its refusal signed and issued with the survey.
fn refused_and_issued(ws: &mut Workstation) -> Uuid {
    let op = ws.operator.id;
    let id = ws.new_request("Ерлан");
    let sig = signature(ws, id, SignatureKind::Request);
    ws.store.record_signature(&sig, Flow::Standard, op).unwrap();
    ws.act(id, Status::Signed, Action::Register);
    ws.act(id, Status::Registered, Action::TakeIntoWork);
    let refusal = NewDecision {
        outcome_id: "refusal".into(),
        ground: Some("documents-incomplete".into()),
        queue: None,
    };
    ws.store
        .decide(id, Flow::Standard, Status::InWork, &refusal, op)
        .unwrap();
    let sig = signature(ws, id, SignatureKind::Result);
    ws.store.record_signature(&sig, Flow::Standard, op).unwrap();
    let answers = SurveyAnswers {
        process: 2,
        information: 3,
    };
    ws.store
        .issue(id, Flow::Standard, Some(answers), support::OFFICE, op)
        .unwrap();
    id
}

#[test]
fn the_counter_records_are_kept_once_and_pulled_as_the_requests_history() {
    on_both(|db: TestDb| {
        // Serial 1: the workstation's executor has the server executor's IIN.
        let mut ws = Workstation::new(1);
        let id = refused_and_issued(&mut ws);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        let results = outcomes(&client, &ops);
        for (op, outcome) in ops.iter().zip(&results) {
            assert!(
                matches!(outcome, PushOutcome::Accepted { .. }),
                "{}: {outcome:?}",
                op.envelope.operation.kind()
            );
        }
        let sdb = server.open_db();
        let history = sdb
            .run_blocking(move |s| tereze_server::counter::history(s, id))
            .unwrap();
        let kinds: Vec<&str> = history
            .iter()
            .map(|e| match e {
                ChangedEntity::Signature { signature } => signature.kind.as_str(),
                ChangedEntity::Decision { .. } => "decision",
                ChangedEntity::DocumentIssued { .. } => "issued",
                _ => "other",
            })
            .collect();
        assert_eq!(kinds, ["request", "result", "decision", "issued"]);
        let ChangedEntity::Decision { decision } = &history[2] else {
            panic!("no decision");
        };
        assert_eq!(decision.ground_id.as_deref(), Some("documents-incomplete"));
        assert_eq!(
            sdb.run_blocking(|s| tereze_server::counter::survey_count(s, support::OFFICE))
                .unwrap(),
            1
        );
        // Pull carries them with the request.
        let pulled = client
            .all_changes()
            .into_iter()
            .filter(|c| {
                matches!(
                    c.entity,
                    ChangedEntity::Signature { .. }
                        | ChangedEntity::Decision { .. }
                        | ChangedEntity::DocumentIssued { .. }
                )
            })
            .count();
        assert_eq!(pulled, 4);

        // Sent again (after a restore, say): duplicates, nothing added.
        let again = outcomes(&client, &ops);
        assert!(again.iter().all(|o| *o == PushOutcome::Duplicate));
        let mut renumbered: Vec<PushOperation> = ops
            .iter()
            .filter(|o| o.envelope.operation.kind() != "set-status")
            .cloned()
            .collect();
        let mut seq = ops.len() as u64;
        for op in &mut renumbered {
            seq += 1;
            op.envelope.seq = Seq(seq);
        }
        let again = outcomes(&client, &renumbered);
        assert!(
            again.iter().all(|o| *o == PushOutcome::Duplicate),
            "{again:?}"
        );
        let after = sdb
            .run_blocking(move |s| tereze_server::counter::history(s, id))
            .unwrap();
        assert_eq!(after.len(), 4);
    });
}

#[test]
fn forged_counter_records_are_refused_and_audited() {
    on_both(|db: TestDb| {
        let mut ws = Workstation::new(1);
        let id = refused_and_issued(&mut ws);
        let server = server_for(&db, &ws);
        let client = server.client(ws.operator.id);
        let ops = ws.outbox();
        // Everything up to the decision's status move goes through.
        let decision_at = ops
            .iter()
            .position(|o| o.envelope.operation.kind() == "record-decision")
            .unwrap();
        let accepted = outcomes(&client, &ops[..decision_at]);
        assert!(
            accepted
                .iter()
                .all(|o| matches!(o, PushOutcome::Accepted { .. }))
        );
        let sdb = server.open_db();

        // The decision sent straight to the server as the ЦОН operator's, who may not refuse.
        let mut by_con = ops[decision_at].clone();
        let Operation::RecordDecision { decision } = &mut by_con.envelope.operation else {
            panic!("not a decision");
        };
        decision.by = server.con_operator;
        assert_eq!(
            outcomes(&client, &[by_con]),
            vec![PushOutcome::Rejected {
                reason: "server-not-permitted".into()
            }]
        );
        assert_eq!(audited(&sdb, "server-not-permitted"), 1);

        let mut next = decision_at as u64 + 1;
        let mut seq = || {
            next += 1;
            Seq(next)
        };
        // The real decision still goes through.
        let mut real = ops[decision_at].clone();
        real.envelope.seq = seq();
        assert!(matches!(
            outcomes(&client, &[real])[0],
            PushOutcome::Accepted { .. }
        ));

        // A result signature whose certificate IIN is not the author's.
        let result_at = ops
            .iter()
            .rposition(|o| o.envelope.operation.kind() == "add-signature")
            .unwrap();
        let mut stranger = ops[result_at].clone();
        stranger.envelope.seq = seq();
        let Operation::AddSignature { signature } = &mut stranger.envelope.operation else {
            panic!("not a signature");
        };
        signature.id = Uuid::now_v7();
        signature.signer_iin = Iin::parse(&support::iin(9)).unwrap().as_string();
        // A result signature whose content hash is not the hash of the document it names.
        let mut tampered = ops[result_at].clone();
        tampered.envelope.seq = seq();
        let Operation::AddSignature { signature } = &mut tampered.envelope.operation else {
            panic!("not a signature");
        };
        signature.id = Uuid::now_v7();
        signature.document_sha256 = Some("e1".repeat(32));
        // The result signed by the ЦОН operator, who may not sign results.
        let mut by_con = ops[result_at].clone();
        by_con.envelope.seq = seq();
        let Operation::AddSignature { signature } = &mut by_con.envelope.operation else {
            panic!("not a signature");
        };
        signature.id = Uuid::now_v7();
        signature.by = server.con_operator;
        let forged: Vec<PushOperation> = [stranger, tampered, by_con]
            .into_iter()
            .map(|o| PushOperation::from_envelope(o.envelope))
            .collect();
        let reasons: Vec<String> = outcomes(&client, &forged)
            .into_iter()
            .map(|o| match o {
                PushOutcome::Rejected { reason } => reason,
                other => panic!("not rejected: {other:?}"),
            })
            .collect();
        assert_eq!(
            reasons,
            [
                "server-signer-not-author",
                "server-signature-content-mismatch",
                "server-not-permitted"
            ]
        );
        assert_eq!(audited(&sdb, "server-signature-content-mismatch"), 1);
        assert_eq!(audited(&sdb, "server-not-permitted"), 2);
        // Only the request signature and the real decision are on file.
        let history = sdb
            .run_blocking(move |s| tereze_server::counter::history(s, id))
            .unwrap();
        assert_eq!(history.len(), 2, "{history:?}");
    });
}
