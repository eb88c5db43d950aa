//! The office's queue cached on the workstation: a refresh stored and read back whole, and the
//! counter's queue steps against it — answers to offers and referrals issued offline against a
//! lease, checked with the queue rules (the 1 : 3 ratio included) and queued for the server.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tereze_core::iin::{Iin, Sex};
use tereze_core::queue::{OfflineReferralRefusal, QueueRules};
use tereze_core::store::{NewOperator, QueueStepError, Role, Store};
use tereze_protocol::{
    GroupRecord, LeaseRecord, LeasedGroup, OfferAnswer, OfferRecord, Operation, QueueCacheEntry,
    QueueSnapshot, QueueStep, RunBrief,
};
use time::macros::{date, datetime};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

const NOW: OffsetDateTime = datetime!(2026-03-05 10:00 UTC);
const TODAY: Date = date!(2026 - 03 - 05);
const GROUP: &str = "demo-arys-baldauren-g2";
const ORG: &str = "demo-arys-baldauren";

fn executor(store: &mut Store) -> Uuid {
    let iin = (1..)
        .find_map(|s| Iin::compose(date!(1990 - 05 - 17), Sex::Male, s))
        .unwrap();
    store
        .add_operator(
            &NewOperator {
                iin,
                full_name: "Нұрланов Ерасыл".into(),
                role: Role::Executor,
                office_id: "sko-edu-arys".into(),
                password_hash: None,
            },
            None,
        )
        .unwrap()
        .id
}

fn entry(n: u128, position: u32, class: &str, applied: OffsetDateTime) -> QueueCacheEntry {
    QueueCacheEntry {
        request_id: Uuid::from_u128(n),
        request_number: Some(format!("SKO-EDU-ARYS-2026-{n:06}")),
        cohort: 2023,
        position,
        class: class.into(),
        state: "waiting".into(),
        applied_at: applied,
        birth_date: date!(2023 - 01 - 10),
        language: "kk".into(),
        correctional: false,
        pmpk_decision: false,
        wishes: Vec::new(),
        initials: "А. Б.".into(),
        stop_listed_until: None,
    }
}

fn snapshot(entries: Vec<QueueCacheEntry>, offers: Vec<OfferRecord>, places: u32) -> QueueSnapshot {
    QueueSnapshot {
        taken_at: NOW,
        today: TODAY,
        rules_version: "test".into(),
        entries,
        offers,
        groups: vec![GroupRecord {
            group_id: GROUP.into(),
            organisation_id: ORG.into(),
            organisation_kind: "kindergarten".into(),
            office_id: "sko-edu-arys".into(),
            age_min: 2,
            age_max: 4,
            language: "kk".into(),
            correctional: false,
            capacity: 20,
            occupied: 18,
            reserved: places,
            vacant: 0,
        }],
        leases: vec![LeaseRecord {
            lease_id: Uuid::from_u128(77),
            workstation: Uuid::nil(),
            expires_at: datetime!(2026-03-08 10:00 UTC),
            returns_at: datetime!(2026-03-10 10:00 UTC),
            places: vec![LeasedGroup {
                group_id: GROUP.into(),
                organisation_id: ORG.into(),
                places,
                used: 0,
            }],
        }],
        runs: vec![RunBrief {
            run_id: Uuid::from_u128(55),
            kind: "scheduled".into(),
            date: date!(2026 - 03 - 02),
            offers: 1,
        }],
    }
}

fn open() -> (tempfile::TempDir, Store, Uuid) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(
        dir.path(),
        &tereze_core::keyring::MasterKey::from_bytes([7; 32]),
    )
    .unwrap();
    let who = executor(&mut store);
    (dir, store, who)
}

fn queue_steps(store: &Store) -> Vec<QueueStep> {
    store
        .pending_outbox(100)
        .unwrap()
        .into_iter()
        .filter_map(|e| match e.operation {
            Operation::QueueStep { step, .. } => Some(step),
            _ => None,
        })
        .collect()
}

#[test]
fn a_refresh_is_stored_whole_and_replaces_the_previous_one() {
    let (_dir, mut store, _) = open();
    assert_eq!(store.queue_cache().unwrap(), None);
    let first = snapshot(
        vec![
            entry(1, 1, "general", datetime!(2024-01-01 9:00 UTC)),
            entry(2, 2, "general", datetime!(2024-02-01 9:00 UTC)),
        ],
        Vec::new(),
        2,
    );
    store.replace_queue_cache(&first).unwrap();
    let cached = store.queue_cache().unwrap().unwrap();
    let mut expected = first.clone();
    expected.leases[0].workstation = store.workstation().0;
    assert_eq!(cached.snapshot, expected);
    assert!(cached.refreshed_at >= NOW);

    let second = snapshot(
        vec![entry(2, 1, "general", datetime!(2024-02-01 9:00 UTC))],
        Vec::new(),
        1,
    );
    store.replace_queue_cache(&second).unwrap();
    let cached = store.queue_cache().unwrap().unwrap().snapshot;
    assert_eq!(cached.entries.len(), 1, "the withdrawn child is gone");
    assert_eq!(cached.leases[0].places[0].places, 1);
}

#[test]
fn an_offline_referral_goes_to_the_next_child_only_and_uses_a_leased_place() {
    let rules = QueueRules::builtin().unwrap();
    let (_dir, mut store, who) = open();
    let early = entry(1, 1, "general", datetime!(2024-01-01 9:00 UTC));
    let late = entry(2, 2, "general", datetime!(2024-02-01 9:00 UTC));
    store
        .replace_queue_cache(&snapshot(vec![early.clone(), late.clone()], Vec::new(), 1))
        .unwrap();
    let lease = Uuid::from_u128(77);

    let refused = store
        .refer_offline(&rules, lease, GROUP, late.request_id, who, NOW, TODAY)
        .unwrap_err();
    assert!(
        matches!(
            refused,
            QueueStepError::Refused(OfflineReferralRefusal::NotNext { ahead }) if ahead == early.request_id
        ),
        "{refused:?}"
    );
    assert!(queue_steps(&store).is_empty(), "a refusal queues nothing");

    let referral = store
        .refer_offline(&rules, lease, GROUP, early.request_id, who, NOW, TODAY)
        .unwrap();
    assert_eq!(referral.request_id, early.request_id);
    let steps = queue_steps(&store);
    assert_eq!(
        steps,
        vec![QueueStep::LeaseReferral {
            lease_id: lease,
            referral
        }]
    );
    let cached = store.queue_cache().unwrap().unwrap().snapshot;
    assert_eq!(cached.leases[0].places[0].used, 1);
    assert_eq!(cached.entries[0].state, "referred");
    assert_eq!(cached.offers.len(), 1);
    assert_eq!(cached.offers[0].group_id, GROUP);

    // The only leased place is used now, even for the next child.
    let none_left = store
        .refer_offline(&rules, lease, GROUP, late.request_id, who, NOW, TODAY)
        .unwrap_err();
    assert!(matches!(
        none_left,
        QueueStepError::Refused(OfflineReferralRefusal::NoPlaceLeft)
    ));
    let expired = store
        .refer_offline(
            &rules,
            lease,
            GROUP,
            late.request_id,
            who,
            datetime!(2026-03-09 10:00 UTC),
            date!(2026 - 03 - 09),
        )
        .unwrap_err();
    assert!(matches!(
        expired,
        QueueStepError::Refused(OfflineReferralRefusal::LeaseExpired)
    ));
    assert!(matches!(
        store.refer_offline(
            &rules,
            Uuid::from_u128(1),
            GROUP,
            late.request_id,
            who,
            NOW,
            TODAY
        ),
        Err(QueueStepError::UnknownLease)
    ));
}

#[test]
fn offline_the_ratio_gives_the_place_to_a_general_child_after_a_first_priority_one() {
    let rules = QueueRules::builtin().unwrap();
    let (_dir, mut store, who) = open();
    let privileged_served = entry(1, 1, "first-priority", datetime!(2024-01-01 9:00 UTC));
    let privileged = entry(2, 2, "first-priority", datetime!(2024-03-01 9:00 UTC));
    let general = entry(3, 3, "general", datetime!(2024-02-01 9:00 UTC));
    let mut served = privileged_served.clone();
    served.state = "referred".into();
    let offer = OfferRecord {
        offer_id: Uuid::from_u128(500),
        run_id: Some(Uuid::from_u128(55)),
        request_id: served.request_id,
        class: "first-priority".into(),
        group_id: GROUP.into(),
        organisation_id: ORG.into(),
        state: "referred".into(),
        respond_by: date!(2026 - 03 - 04),
        referral_until: Some(date!(2026 - 03 - 11)),
    };
    store
        .replace_queue_cache(&snapshot(
            vec![served, privileged.clone(), general.clone()],
            vec![offer],
            2,
        ))
        .unwrap();
    let lease = Uuid::from_u128(77);
    let refused = store
        .refer_offline(&rules, lease, GROUP, privileged.request_id, who, NOW, TODAY)
        .unwrap_err();
    assert!(
        matches!(
            refused,
            QueueStepError::Refused(OfflineReferralRefusal::NotNext { ahead }) if ahead == general.request_id
        ),
        "one first-priority place was given: three general ones come next ({refused:?})"
    );
    store
        .refer_offline(&rules, lease, GROUP, general.request_id, who, NOW, TODAY)
        .unwrap();
}

#[test]
fn answers_to_cached_offers_are_queued_for_the_server_and_shown_at_once() {
    let (_dir, mut store, who) = open();
    let a = entry(1, 1, "general", datetime!(2024-01-01 9:00 UTC));
    let mut offered = a.clone();
    offered.state = "offered".into();
    let offer = OfferRecord {
        offer_id: Uuid::from_u128(500),
        run_id: Some(Uuid::from_u128(55)),
        request_id: a.request_id,
        class: "general".into(),
        group_id: GROUP.into(),
        organisation_id: ORG.into(),
        state: "offered".into(),
        respond_by: date!(2026 - 03 - 10),
        referral_until: None,
    };
    store
        .replace_queue_cache(&snapshot(vec![offered], vec![offer.clone()], 0))
        .unwrap();
    let late = store.answer_offer(
        offer.offer_id,
        OfferAnswer::Accept,
        who,
        date!(2026 - 03 - 11),
    );
    assert!(matches!(late, Err(QueueStepError::OfferNotOpen)));
    store
        .answer_offer(offer.offer_id, OfferAnswer::Decline, who, TODAY)
        .unwrap();
    let cached = store.queue_cache().unwrap().unwrap().snapshot;
    assert_eq!(cached.entries[0].state, "waiting");
    assert_eq!(cached.offers[0].state, "declined");
    assert_eq!(
        queue_steps(&store),
        vec![QueueStep::Answer {
            offer_id: offer.offer_id,
            answer: OfferAnswer::Decline
        }]
    );
    let twice = store.answer_offer(offer.offer_id, OfferAnswer::Accept, who, TODAY);
    assert!(matches!(twice, Err(QueueStepError::OfferNotOpen)));
    assert!(matches!(
        store.answer_offer(Uuid::from_u128(9), OfferAnswer::Accept, who, TODAY),
        Err(QueueStepError::UnknownOffer(_))
    ));
}

#[test]
fn an_answer_the_server_recorded_shows_in_the_cache_and_is_not_queued_again() {
    let (_dir, mut store, who) = open();
    let a = entry(1, 1, "general", datetime!(2024-01-01 9:00 UTC));
    let mut offered = a.clone();
    offered.state = "offered".into();
    let offer = OfferRecord {
        offer_id: Uuid::from_u128(500),
        run_id: Some(Uuid::from_u128(55)),
        request_id: a.request_id,
        class: "general".into(),
        group_id: GROUP.into(),
        organisation_id: ORG.into(),
        state: "offered".into(),
        respond_by: date!(2026 - 03 - 10),
        referral_until: None,
    };
    store
        .replace_queue_cache(&snapshot(vec![offered], vec![offer.clone()], 0))
        .unwrap();
    let audited = store.audit_head().unwrap().seq;
    store
        .note_answer_recorded(offer.offer_id, OfferAnswer::Accept, who)
        .unwrap();
    let cached = store.queue_cache().unwrap().unwrap().snapshot;
    assert_eq!(cached.entries[0].state, "referred");
    assert_eq!(cached.offers[0].state, "referred");
    assert!(queue_steps(&store).is_empty(), "the server has it already");
    assert_eq!(store.audit_head().unwrap().seq, audited + 1, "audited");
    assert!(matches!(
        store.note_answer_recorded(Uuid::from_u128(9), OfferAnswer::Accept, who),
        Err(QueueStepError::UnknownOffer(_))
    ));
}

#[test]
fn names_come_from_the_stores_reference_data_and_the_shipped_set_fills_in_only_the_unknown() {
    let (_dir, mut store, _) = open();
    let mut data = tereze_core::reference::ReferenceData::builtin().unwrap();
    data.organisations
        .iter_mut()
        .find(|o| o.id == ORG)
        .unwrap()
        .name_kk = "«Балдәурен» (сервер)".into();
    data.groups.retain(|g| g.id != GROUP);
    store.import_server_reference("v2", &data).unwrap();
    let mut names = store.queue_names().unwrap();
    use tereze_core::reference::Language;
    assert_eq!(
        names.organisation(ORG, Language::Kk),
        Some("«Балдәурен» (сервер)")
    );
    assert_eq!(
        names.organisation(ORG, Language::Ru),
        Some("Демо детский сад «Балдаурен»")
    );
    assert!(names.organisation("sko-nowhere", Language::Kk).is_none());
    names.fill_from(&tereze_core::reference::ReferenceData::builtin().unwrap());
    assert_eq!(
        names.organisation(ORG, Language::Kk),
        Some("«Балдәурен» (сервер)"),
        "the store's name stays"
    );
    let group = names.group(GROUP).expect("filled in from the shipped set");
    assert_eq!(
        group.name.in_language(Language::Ru),
        "средняя группа «Шаттык»"
    );
    assert_eq!(
        (group.age_min, group.age_max, group.language.as_str()),
        (3, 4, "kk")
    );
}
