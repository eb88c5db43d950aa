#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The counter flow's rows: a signature moves the request with it, registration gives a
//! provisional number, a decision keeps its outcome, ground and queue entry, and issue keeps the
//! survey — each all-or-nothing.

use std::collections::BTreeMap;

use tereze_core::channel::Channel;
use tereze_core::iin::Iin;
use tereze_core::lifecycle::{Flow, Status};
use tereze_core::store::{
    NewDecision, NewOperator, NewSignature, Role, SignatureKind, Store, StoreError, SurveyAnswers,
};
use time::OffsetDateTime;
use uuid::Uuid;

fn store() -> (tempfile::TempDir, Store, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let op = store
        .add_operator(
            &NewOperator {
                iin: Iin::parse("900412442007").unwrap(),
                full_name: "Test Executor".into(),
                role: Role::Executor,
                office_id: "sko-edu-shymkent".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap();
    (dir, store, op.id)
}

fn draft(store: &mut Store, op: Uuid) -> Uuid {
    let mut fields = BTreeMap::new();
    fields.insert("child-last-name".to_owned(), "Ахметова".to_owned());
    store
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
        .id
}

fn signature(id: Uuid, kind: SignatureKind) -> NewSignature {
    NewSignature {
        request_id: id,
        request_version: 1,
        kind,
        cms: vec![0x30, 0x80, 1, 2, 3],
        content_sha256: "ab".repeat(32),
        signer_subject: "CN=TEST".into(),
        signer_iin: Iin::parse("900412442007").unwrap(),
        serial: "1001".into(),
        signed_at: OffsetDateTime::now_utc(),
        with_warnings: false,
        document_sha256: (kind == SignatureKind::Result).then(|| "cd".repeat(32)),
        document: None,
    }
}

#[test]
fn the_whole_counter_flow_keeps_its_rows_with_the_status_moves() {
    let (_dir, mut store, op) = store();
    let flow = Flow::PreschoolQueue;
    let id = draft(&mut store, op);

    store
        .record_signature(&signature(id, SignatureKind::Request), flow, op)
        .unwrap();
    assert_eq!(store.load_request(id).unwrap().status, Status::Signed);
    let kept = store.signatures(id).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, SignatureKind::Request);
    assert_eq!(kept[0].cms, vec![0x30, 0x80, 1, 2, 3]);

    let registered = store.register(id, flow, op).unwrap();
    assert!(registered.provisional_number.starts_with("П-"));
    assert!(registered.provisional_number.ends_with("-00001"));
    assert_eq!(
        store.provisional_number(id).unwrap().as_deref(),
        Some(registered.provisional_number.as_str())
    );
    // A second registration on this workstation takes the next serial.
    let other = draft(&mut store, op);
    store
        .record_signature(&signature(other, SignatureKind::Request), flow, op)
        .unwrap();
    let second = store.register(other, flow, op).unwrap();
    assert!(second.provisional_number.ends_with("-00002"));

    store
        .apply_action(
            id,
            flow,
            Status::Registered,
            tereze_core::lifecycle::Action::TakeIntoWork,
            op,
        )
        .unwrap();
    let decision = NewDecision {
        outcome_id: "registration-talon".into(),
        ground: None,
        queue: Some((2022, "none".into())),
    };
    store
        .decide(id, flow, Status::InWork, &decision, op)
        .unwrap();
    assert_eq!(store.load_request(id).unwrap().status, Status::Decided);
    let entry = store.queue_entry(id).unwrap().unwrap();
    assert_eq!(entry.cohort, 2022);
    assert_eq!(entry.official_number, None);
    assert_eq!(
        store.decision(id).unwrap().unwrap().outcome_id,
        "registration-talon"
    );

    store
        .record_signature(&signature(id, SignatureKind::Result), flow, op)
        .unwrap();
    assert_eq!(store.load_request(id).unwrap().status, Status::ResultSigned);

    // A survey answer out of the scale is refused and the document is not issued.
    let bad = SurveyAnswers {
        process: 4,
        information: 1,
    };
    assert!(matches!(
        store.issue(id, flow, Some(bad), "sko-edu-shymkent", op),
        Err(StoreError::Invalid { .. })
    ));
    assert_eq!(store.load_request(id).unwrap().status, Status::ResultSigned);
    let answers = SurveyAnswers {
        process: 3,
        information: 2,
    };
    store
        .issue(id, flow, Some(answers), "sko-edu-shymkent", op)
        .unwrap();
    assert_eq!(store.load_request(id).unwrap().status, Status::Issued);
    assert_eq!(store.survey(id).unwrap(), Some(answers));
    store.verify_audit().unwrap();
}

#[test]
fn a_signature_on_a_request_that_cannot_move_is_not_kept() {
    let (_dir, mut store, op) = store();
    let id = draft(&mut store, op);
    // A result signature on a draft: the lifecycle refuses, nothing is stored.
    let refused = store.record_signature(&signature(id, SignatureKind::Result), Flow::Standard, op);
    assert!(matches!(refused, Err(StoreError::Transition(_))));
    assert!(store.signatures(id).unwrap().is_empty());
    assert_eq!(store.load_request(id).unwrap().status, Status::Draft);
    // Registering an unsigned draft is refused too, and no number is used up.
    assert!(store.register(id, Flow::Standard, op).is_err());
    assert_eq!(store.provisional_number(id).unwrap(), None);
}

#[test]
fn a_refusal_keeps_its_ground_and_puts_nobody_in_the_queue() {
    let (_dir, mut store, op) = store();
    let flow = Flow::PreschoolQueue;
    let id = draft(&mut store, op);
    store
        .record_signature(&signature(id, SignatureKind::Request), flow, op)
        .unwrap();
    store.register(id, flow, op).unwrap();
    let refusal = NewDecision {
        outcome_id: "refusal".into(),
        ground: Some("documents-incomplete".into()),
        queue: None,
    };
    store
        .decide(id, flow, Status::Registered, &refusal, op)
        .unwrap();
    let request = store.load_request(id).unwrap();
    assert_eq!(request.status, Status::Refused);
    assert_eq!(
        request.outcome,
        Some(tereze_core::lifecycle::Outcome::Refused)
    );
    let kept = store.decision(id).unwrap().unwrap();
    assert_eq!(kept.ground_id.as_deref(), Some("documents-incomplete"));
    assert_eq!(store.queue_entry(id).unwrap(), None);
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
