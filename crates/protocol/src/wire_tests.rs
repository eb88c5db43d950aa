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
