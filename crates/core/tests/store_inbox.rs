//! The inbox filters by status, service and search text, and knows each request's deadline.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::calendar::Calendar;
use tereze_core::deadline::Step;
use tereze_core::demo;
use tereze_core::lifecycle::Status;
use tereze_core::regulation::Registry;
use tereze_core::store::{InboxFilter, Store};
use time::Duration;

fn demo_store() -> (tempfile::TempDir, Store, Registry) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path(), &test_key()).unwrap();
    let registry = Registry::builtin().unwrap();
    demo::seed(&mut store, &registry).unwrap().unwrap();
    (dir, store, registry)
}

#[test]
fn filters_narrow_the_inbox() {
    let (_dir, store, _) = demo_store();
    assert_eq!(store.inbox(&InboxFilter::default()).unwrap().len(), 4);

    let working = store
        .inbox(&InboxFilter {
            statuses: vec![Status::Registered, Status::InWork],
            ..InboxFilter::default()
        })
        .unwrap();
    let mut statuses: Vec<Status> = working.iter().map(|r| r.status).collect();
    statuses.sort_by_key(|s| s.as_str());
    assert_eq!(statuses, [Status::InWork, Status::Registered]);

    let other_service = InboxFilter {
        service_id: Some("archive-certificate".into()),
        ..InboxFilter::default()
    };
    assert!(store.inbox(&other_service).unwrap().is_empty());
}

#[test]
fn search_with_the_wrong_layout_still_finds_the_child_and_respects_filters() {
    let (_dir, store, _) = demo_store();
    // "Іңкәр" typed with a Latin I.
    let found = store
        .inbox(&InboxFilter {
            query: "Iңкәр".into(),
            ..InboxFilter::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].names.iter().any(|n| n.contains("Іңкәр")));
    // The same search among drafts only finds nothing: that request is registered.
    let drafts = store
        .inbox(&InboxFilter {
            query: "Iңкәр".into(),
            statuses: vec![Status::Draft],
            ..InboxFilter::default()
        })
        .unwrap();
    assert!(drafts.is_empty());
}

#[test]
fn each_request_has_the_deadline_of_its_step() {
    let (_dir, store, registry) = demo_store();
    let calendar = Calendar::builtin().unwrap();
    let preschool = registry.get("preschool-queue").unwrap();
    let rows = store.inbox(&InboxFilter::default()).unwrap();
    let in_work = rows.iter().find(|r| r.status == Status::InWork).unwrap();
    let deadline = in_work.deadline(preschool, &calendar).unwrap();
    // Decided at the department: 15 minutes from being taken into work (002 Прил.3 Table 1).
    assert_eq!(deadline.step, Step::Decide);
    assert_eq!(
        deadline.due_at - in_work.status_since,
        Duration::minutes(15)
    );
    assert!(!deadline.is_overdue(in_work.status_since + Duration::minutes(15)));
    assert!(deadline.is_overdue(in_work.status_since + Duration::minutes(16)));

    let registered = rows
        .iter()
        .find(|r| r.status == Status::Registered)
        .unwrap();
    let accept = registered.deadline(preschool, &calendar).unwrap();
    assert_eq!(accept.step, Step::Accept);
}

/// The fixed master key these tests open their encrypted stores with.
fn test_key() -> tereze_core::keyring::MasterKey {
    tereze_core::keyring::MasterKey::from_bytes([7; 32])
}
