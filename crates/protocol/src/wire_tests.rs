//! The JSON shapes other programs rely on.

use super::*;
use time::OffsetDateTime;

fn envelope() -> Envelope {
    Envelope {
        workstation: WorkstationId(Uuid::from_u128(9)),
        seq: Seq(4),
        operation: Operation::SetStatus {
            request_id: Uuid::from_u128(7),
            version: 3,
            from: "draft".into(),
            to: "signed".into(),
            action: "sign".into(),
            outcome: None,
            by: Uuid::from_u128(1),
            at: OffsetDateTime::UNIX_EPOCH,
        },
    }
}

#[test]
fn push_operation_is_made_against_the_previous_version() {
    let op = PushOperation::from_envelope(envelope());
    assert_eq!(op.entity_id, Uuid::from_u128(7));
    assert_eq!(op.base_version, 2);
    let json = serde_json::to_string(&PushBatch {
        operations: vec![op.clone()],
    })
    .unwrap();
    let back: PushBatch = serde_json::from_str(&json).unwrap();
    assert_eq!(back.operations, vec![op]);
}

#[test]
fn outcomes_are_tagged_and_only_retry_is_not_final() {
    let conflict = PushOutcome::Conflict { server_version: 5 };
    assert_eq!(
        serde_json::to_value(&conflict).unwrap(),
        serde_json::json!({"outcome": "conflict", "server_version": 5})
    );
    assert!(conflict.is_final());
    assert!(PushOutcome::Duplicate.is_final());
    let retry = PushOutcome::Retry {
        reason: "push-seq-gap".into(),
        expected: Seq(3),
    };
    assert!(!retry.is_final());
}

#[test]
fn protocol_mismatch_names_both_versions() {
    let err = ApiError::ProtocolMismatch {
        client: 2,
        server: PROTOCOL_VERSION,
    };
    let value = serde_json::to_value(&err).unwrap();
    assert_eq!(value["error"], "protocol-mismatch");
    assert_eq!(value["client"], 2);
    assert_eq!(value["server"], PROTOCOL_VERSION);
    assert_eq!(err.key(), "api-protocol-mismatch");
    let back: ApiError = serde_json::from_value(value).unwrap();
    assert_eq!(back, err);
}

#[test]
fn changes_page_round_trips() {
    let page = ChangesPage {
        changes: vec![Change {
            cursor: Cursor(12),
            entity: ChangedEntity::Conflict {
                conflict_id: Uuid::from_u128(3),
                entity_id: Uuid::from_u128(7),
            },
        }],
        next: Cursor(12),
        more: false,
    };
    let json = serde_json::to_string(&page).unwrap();
    assert!(json.contains("\"kind\":\"conflict\""), "{json}");
    assert_eq!(serde_json::from_str::<ChangesPage>(&json).unwrap(), page);
}

fn signature() -> SignatureRecord {
    SignatureRecord {
        id: Uuid::from_u128(21),
        version: 1,
        request_id: Uuid::from_u128(7),
        request_version: 2,
        kind: "result".into(),
        cms: vec![0x30, 0x82, 0x00, 0xff, 0x0a],
        content_sha256: "ab".repeat(32),
        document_sha256: Some("cd".repeat(32)),
        document: Some("referral".into()),
        attachments: Vec::new(),
        signer_subject: "CN=Test".into(),
        signer_iin: "930314400123".into(),
        serial: "1f".into(),
        signed_at: OffsetDateTime::UNIX_EPOCH,
        with_warnings: false,
        by: Uuid::from_u128(1),
    }
}

#[test]
fn counter_operations_name_their_kind_entity_and_version_one() {
    let at = OffsetDateTime::UNIX_EPOCH;
    let ops = [
        Operation::AddSignature {
            signature: signature(),
        },
        Operation::RecordDecision {
            decision: DecisionRecord {
                id: Uuid::from_u128(22),
                version: 1,
                request_id: Uuid::from_u128(7),
                outcome_id: "refusal".into(),
                ground_id: Some("documents-incomplete".into()),
                by: Uuid::from_u128(1),
                decided_at: at,
            },
        },
        Operation::IssueDocument {
            document: IssuedDocumentRecord {
                id: Uuid::from_u128(23),
                version: 1,
                request_id: Uuid::from_u128(7),
                document: "registration-talon".into(),
                content_sha256: "cd".repeat(32),
                by: Uuid::from_u128(1),
                issued_at: at,
            },
        },
        Operation::AnswerSurvey {
            survey: SurveyRecord {
                id: Uuid::from_u128(24),
                version: 1,
                office_id: "office-1".into(),
                process: 3,
                information: 2,
                by: Uuid::from_u128(1),
                answered_at: at,
            },
        },
    ];
    let kinds: Vec<&str> = ops.iter().map(Operation::kind).collect();
    assert_eq!(
        kinds,
        [
            "add-signature",
            "record-decision",
            "issue-document",
            "answer-survey"
        ]
    );
    for (n, op) in ops.iter().enumerate() {
        assert_eq!(op.entity_id(), Uuid::from_u128(21 + n as u128));
        assert_eq!(op.entity_version(), 1);
        let json = serde_json::to_value(op).unwrap();
        assert_eq!(json["op"], op.kind());
        assert_eq!(serde_json::from_value::<Operation>(json).unwrap(), *op);
    }
    // The survey is anonymous: it carries no request.
    let survey = serde_json::to_value(&ops[3]).unwrap();
    assert!(survey["survey"].get("request_id").is_none(), "{survey}");
}

#[test]
fn a_signature_carries_its_cms_as_hex_and_refuses_damaged_hex() {
    let json = serde_json::to_value(ChangedEntity::Signature {
        signature: signature(),
    })
    .unwrap();
    assert_eq!(json["kind"], "signature");
    assert_eq!(json["signature"]["cms"], "308200ff0a");
    let back: ChangedEntity = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(
        back,
        ChangedEntity::Signature {
            signature: signature()
        }
    );
    for bad in ["308", "30zz"] {
        let mut damaged = json.clone();
        damaged["signature"]["cms"] = bad.into();
        assert!(
            serde_json::from_value::<ChangedEntity>(damaged).is_err(),
            "{bad}"
        );
    }
}
