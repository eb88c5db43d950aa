#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter flow's rows travel: each step writes its outbox operation in the same
//! transaction, the server's official number and queue place arrive through pull, a document
//! signed with the provisional number is listed for reprinting until it is signed again, and a
//! second workstation pulling the history sees the signatures, the decision and the document.

use std::collections::BTreeMap;

use tereze_core::channel::Channel;
use tereze_core::iin::Iin;
use tereze_core::lifecycle::{Action, Flow, Status};
use tereze_core::store::{
    NewDecision, NewOperator, NewSignature, Role, SignatureKind, Store, SurveyAnswers,
};
use tereze_protocol::{Change, ChangedEntity, ChangesPage, Cursor, Operation, QueuePlace};
use time::OffsetDateTime;
use uuid::Uuid;

const OFFICE: &str = "sko-edu-shymkent";

fn store() -> (tempfile::TempDir, Store, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        dir.path(),
        &tereze_core::keyring::MasterKey::from_bytes([7; 32]),
    )
    .unwrap();
    let op = store
        .add_operator(
            &NewOperator {
                iin: Iin::parse("900412442007").unwrap(),
                full_name: "Test Executor".into(),
                role: Role::Executor,
                office_id: OFFICE.into(),
                password_hash: None,
            },
            None,
        )
        .unwrap();
    (dir, store, op.id)
}

fn signature(id: Uuid, version: i64, kind: SignatureKind, doc: &str) -> NewSignature {
    NewSignature {
        request_id: id,
        request_version: version,
        kind,
        cms: vec![0x30, 0x80, 1, 2, 3],
        content_sha256: "ab".repeat(32),
        signer_subject: "CN=TEST".into(),
        signer_iin: Iin::parse("900412442007").unwrap(),
        serial: "1001".into(),
        signed_at: OffsetDateTime::now_utc(),
        with_warnings: false,
        document_sha256: (kind == SignatureKind::Result).then(|| doc.repeat(32)),
        document: None,
    }
}

fn page(entities: Vec<ChangedEntity>, from: u64) -> ChangesPage {
    let changes: Vec<Change> = entities
        .into_iter()
        .enumerate()
        .map(|(n, entity)| Change {
            cursor: Cursor(from + n as u64),
            entity,
        })
        .collect();
    ChangesPage {
        next: changes.last().map_or(Cursor(from), |c| c.cursor),
        changes,
        more: false,
    }
}

/// A preschool request taken through the whole flow offline; returns its id.
fn through_the_flow(store: &mut Store, op: Uuid) -> Uuid {
    let flow = Flow::PreschoolQueue;
    let mut fields = BTreeMap::new();
    fields.insert("child-last-name".to_owned(), "Ахметова".to_owned());
    fields.insert("privilege-category".to_owned(), "none".to_owned());
    let id = store
        .save_request(
            &tereze_core::store::RequestDraft {
                id: None,
                expected_version: None,
                service_id: "preschool-queue".into(),
                profile: "default".into(),
                channel: Channel::Office,
                fields,
            },
            op,
        )
        .unwrap()
        .id;
    store
        .record_signature(&signature(id, 1, SignatureKind::Request, ""), flow, op)
        .unwrap();
    store.register(id, flow, op).unwrap();
    store
        .apply_action(id, flow, Status::Registered, Action::TakeIntoWork, op)
        .unwrap();
    let decision = NewDecision {
        outcome_id: "registration-talon".into(),
        ground: None,
        queue: Some((2022, "none".into())),
    };
    store
        .decide(id, flow, Status::InWork, &decision, op)
        .unwrap();
    store
        .record_signature(&signature(id, 5, SignatureKind::Result, "c1"), flow, op)
        .unwrap();
    let answers = SurveyAnswers {
        process: 3,
        information: 2,
    };
    store.issue(id, flow, Some(answers), OFFICE, op).unwrap();
    id
}

#[test]
fn every_counter_step_writes_its_operation_next_to_its_status_move() {
    let (_dir, mut store, op) = store();
    let id = through_the_flow(&mut store, op);
    let outbox = store.pending_outbox(100).unwrap();
    let kinds: Vec<&str> = outbox.iter().map(|e| e.operation.kind()).collect();
    assert_eq!(
        kinds,
        [
            "save-request",
            "add-signature",
            "set-status", // sign
            "set-status", // register
            "set-status", // take into work
            "set-status", // decide
            "record-decision",
            "add-signature",
            "set-status", // sign result
            "set-status", // issue
            "issue-document",
            "answer-survey",
        ]
    );
    let signatures = store.signatures(id).unwrap();
    let Operation::AddSignature { signature } = &outbox[1].operation else {
        panic!("not a signature: {:?}", outbox[1].operation);
    };
    assert_eq!(
        signature.id, signatures[0].id,
        "the same id as the local row"
    );
    assert_eq!(signature.kind, "request");
    assert_eq!(signature.cms, vec![0x30, 0x80, 1, 2, 3]);
    let Operation::RecordDecision { decision } = &outbox[6].operation else {
        panic!("not a decision");
    };
    assert_eq!(decision.outcome_id, "registration-talon");
    assert_eq!(decision.ground_id, None);
    let Operation::IssueDocument { document } = &outbox[10].operation else {
        panic!("not an issue");
    };
    assert_eq!(document.document, "registration-talon");
    assert_eq!(document.content_sha256, "c1".repeat(32));
    let Operation::AnswerSurvey { survey } = &outbox[11].operation else {
        panic!("not a survey");
    };
    assert_eq!((survey.process, survey.information), (3, 2));
    assert_eq!(survey.office_id, OFFICE);
    let json = serde_json::to_string(&outbox[11].operation).unwrap();
    assert!(!json.contains(&id.to_string()), "the survey is anonymous");
    store.verify_audit().unwrap();
}

#[test]
fn the_official_number_arrives_and_the_provisional_talon_is_listed_until_signed_again() {
    let (_dir, mut store, op) = store();
    let id = through_the_flow(&mut store, op);
    assert!(store.documents_to_reprint(10).unwrap().is_empty());
    let provisional = store.provisional_number(id).unwrap().unwrap();
    let signed = store.signatures(id).unwrap();
    assert_eq!(
        signed[1].document_number.as_deref(),
        Some(provisional.as_str())
    );

    // The server settled everything and sends the request back numbered and queued.
    let last = store.pending_outbox(100).unwrap().last().unwrap().seq;
    store.ack_outbox(last).unwrap();
    let request = store.load_request(id).unwrap();
    let mut record = tereze_protocol::RequestRecord {
        id,
        version: request.version,
        number: Some("SKO-2026-000042".into()),
        service_id: request.service_id.clone(),
        profile: request.profile.clone(),
        channel: "office".into(),
        status: request.status.as_str().into(),
        fields: request.fields.clone(),
        created_by: op,
        saved_by: op,
        created_at: request.created_at,
        updated_at: request.updated_at,
        queue: Some(QueuePlace {
            cohort: 2022,
            number: 17,
            state: "waiting".into(),
            applied_at: request.created_at,
            clock_flag: None,
        }),
    };
    store
        .apply_changes(&page(
            vec![ChangedEntity::Request {
                request: record.clone(),
            }],
            1,
        ))
        .unwrap();
    assert_eq!(
        store.load_request(id).unwrap().number.as_deref(),
        Some("SKO-2026-000042")
    );
    assert_eq!(
        store.queue_entry(id).unwrap().unwrap().official_number,
        Some(17)
    );
    // The provisional number stays on file ("was П-…").
    assert_eq!(store.provisional_number(id).unwrap(), Some(provisional));
    let listed = store.documents_to_reprint(10).unwrap();
    assert_eq!(listed.iter().map(|r| r.id).collect::<Vec<_>>(), [id]);
    assert!(store.needs_reprint(id).unwrap());

    // Signed again with the official number: kept without a status move, handed out again.
    let version = store.load_request(id).unwrap().version;
    let again = store
        .record_signature(
            &signature(id, version, SignatureKind::Result, "c2"),
            Flow::PreschoolQueue,
            op,
        )
        .unwrap();
    assert_eq!(again.version, version);
    assert_eq!(store.load_request(id).unwrap().status, Status::Issued);
    assert!(store.documents_to_reprint(10).unwrap().is_empty());
    assert!(!store.needs_reprint(id).unwrap());
    let issued = store.issued_documents(id).unwrap();
    assert_eq!(issued.len(), 2);
    assert_eq!(issued[1].1, "c2".repeat(32));
    let kinds: Vec<&str> = store
        .pending_outbox(100)
        .unwrap()
        .iter()
        .map(|e| e.operation.kind())
        .collect();
    assert_eq!(kinds, ["add-signature", "issue-document"]);

    // A later queue position replaces the number shown.
    record.queue.as_mut().unwrap().number = 12;
    store.ack_outbox(again.seq).unwrap();
    store
        .apply_changes(&page(vec![ChangedEntity::Request { request: record }], 2))
        .unwrap();
    assert_eq!(
        store.queue_entry(id).unwrap().unwrap().official_number,
        Some(12)
    );
}

#[test]
fn the_referral_signed_months_after_the_talon_is_handed_out_as_the_referral() {
    let (_dir, mut store, op) = store();
    let id = through_the_flow(&mut store, op);
    let version = store.load_request(id).unwrap().version;
    let mut referral = signature(id, version, SignatureKind::Result, "e7");
    referral.document = Some("referral".into());
    store
        .record_signature(&referral, Flow::PreschoolQueue, op)
        .unwrap();

    assert_eq!(store.load_request(id).unwrap().status, Status::Issued);
    let signatures = store.signatures(id).unwrap();
    assert_eq!(
        signatures.last().unwrap().document.as_deref(),
        Some("referral")
    );
    let issued = store.issued_documents(id).unwrap();
    let names: Vec<&str> = issued.iter().map(|(name, _, _)| name.as_str()).collect();
    assert_eq!(names, ["registration-talon", "referral"]);
    assert_eq!(issued[1].1, "e7".repeat(32));
    let outbox = store.pending_outbox(100).unwrap();
    let Operation::AddSignature { signature: sent } = &outbox[outbox.len() - 2].operation else {
        panic!("not a signature: {:?}", outbox[outbox.len() - 2].operation);
    };
    assert_eq!(sent.document.as_deref(), Some("referral"));
    let Operation::IssueDocument { document } = &outbox[outbox.len() - 1].operation else {
        panic!("not an issue");
    };
    assert_eq!(document.document, "referral");
    store.verify_audit().unwrap();
}

#[test]
fn a_second_workstation_pulls_the_requests_history() {
    let (_dir, mut first, op) = store();
    let id = through_the_flow(&mut first, op);
    let request = first.load_request(id).unwrap();
    let outbox = first.pending_outbox(100).unwrap();
    let mut entities = vec![ChangedEntity::Request {
        request: tereze_protocol::RequestRecord {
            id,
            version: request.version,
            number: Some("SKO-2026-000043".into()),
            service_id: request.service_id.clone(),
            profile: request.profile.clone(),
            channel: "office".into(),
            status: request.status.as_str().into(),
            fields: request.fields.clone(),
            created_by: op,
            saved_by: op,
            created_at: request.created_at,
            updated_at: request.updated_at,
            queue: None,
        },
    }];
    for e in &outbox {
        match &e.operation {
            Operation::AddSignature { signature } => entities.push(ChangedEntity::Signature {
                signature: signature.clone(),
            }),
            Operation::RecordDecision { decision } => entities.push(ChangedEntity::Decision {
                decision: decision.clone(),
            }),
            Operation::IssueDocument { document } => entities.push(ChangedEntity::DocumentIssued {
                document: document.clone(),
            }),
            _ => {}
        }
    }
    let (_dir2, mut second, _) = store();
    let tally = second.apply_changes(&page(entities.clone(), 1)).unwrap();
    assert_eq!(tally.requests, 1);
    assert_eq!(tally.history, 4);
    let seen = second.signatures(id).unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].kind, SignatureKind::Request);
    assert_eq!(seen[1].cms, vec![0x30, 0x80, 1, 2, 3]);
    assert_eq!(
        second.decision(id).unwrap().unwrap().outcome_id,
        "registration-talon"
    );
    assert_eq!(second.issued_documents(id).unwrap().len(), 1);
    // Its own copies coming back change nothing on the first workstation.
    first.ack_outbox(outbox.last().unwrap().seq).unwrap();
    let again = first
        .apply_changes(&page(entities[1..].to_vec(), 1))
        .unwrap();
    assert_eq!(again.history, 0);
    assert_eq!(first.signatures(id).unwrap().len(), 2);
}
