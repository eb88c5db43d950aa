//! The preschool queue: the scenarios the rules promise, and properties of the allocation run
//! over random queues and places.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, HashSet};

use proptest::prelude::*;
use tereze_core::calendar::Calendar;
use tereze_core::lifecycle::{QueueEvent, QueueState, queue_transition};
use tereze_core::queue::{
    AllocationError, AllocationRun, Applicant, CategoryClass, GroupPlaces, QueueRules, allocate,
    fits, positions, takes_part,
};
use tereze_core::reference::Language;
use time::macros::{date, datetime};
use time::{Date, Duration, OffsetDateTime};
use uuid::Uuid;

/// A September day, outside the August freeze.
const RUN_DAY: Date = date!(2026 - 09 - 15);

fn rules() -> QueueRules {
    QueueRules::builtin().unwrap()
}

fn calendar() -> Calendar {
    Calendar::builtin().unwrap()
}

fn child(n: u128, class: CategoryClass, applied_minutes: i64) -> Applicant {
    Applicant {
        id: Uuid::from_u128(n),
        birth_date: date!(2022 - 03 - 10),
        applied_at: datetime!(2023-01-01 09:00 UTC) + Duration::minutes(applied_minutes),
        class,
        language: Language::Kk,
        correctional: false,
        pmpk_decision: false,
        wishes: Vec::new(),
    }
}

fn group(id: &str, organisation: &str, vacant: u32) -> GroupPlaces {
    GroupPlaces {
        group_id: id.to_string(),
        organisation_id: organisation.to_string(),
        age_min: 4,
        age_max: 5,
        language: Language::Kk,
        correctional: false,
        vacant,
    }
}

fn run(applicants: &[Applicant], groups: &[GroupPlaces]) -> AllocationRun {
    allocate(&rules(), &calendar(), RUN_DAY, applicants, groups, 7).unwrap()
}

fn offered(run: &AllocationRun) -> Vec<u128> {
    run.offers.iter().map(|o| o.applicant.as_u128()).collect()
}

#[test]
fn an_extraordinary_child_comes_first_whatever_the_application_time() {
    let queue = [
        child(1, CategoryClass::General, 0),
        child(2, CategoryClass::FirstPriority, 10),
        child(3, CategoryClass::Extraordinary, 10_000),
    ];
    let result = run(&queue, &[group("g", "kg", 1)]);
    assert_eq!(offered(&result), [3]);
    assert_eq!(positions(&queue)[&2022][0].id, Uuid::from_u128(3));
}

#[test]
fn a_first_priority_child_gets_one_offer_in_four_while_both_kinds_wait() {
    let mut queue = Vec::new();
    for i in 0..8 {
        // First-priority children applied later than every general one: the ratio, not the
        // time, gives them their share.
        queue.push(child(
            100 + i,
            CategoryClass::FirstPriority,
            1_000 + i as i64,
        ));
        queue.push(child(200 + i, CategoryClass::General, i as i64));
    }
    let result = run(&queue, &[group("g", "kg", 8)]);
    let classes: Vec<CategoryClass> = result.offers.iter().map(|o| o.class).collect();
    use CategoryClass::{FirstPriority as F, General as G};
    assert_eq!(classes, [F, G, G, G, F, G, G, G]);
    // Each class in its own queue order.
    assert_eq!(offered(&result), [100, 200, 201, 202, 101, 203, 204, 205]);
}

#[test]
fn when_one_kind_runs_out_the_other_takes_the_remaining_places() {
    let queue = [
        child(1, CategoryClass::FirstPriority, 5),
        child(2, CategoryClass::General, 0),
    ];
    let result = run(&queue, &[group("g", "kg", 5)]);
    assert_eq!(offered(&result), [1, 2]);
    assert_eq!(result.vacant_after["g"], 3);
}

#[test]
fn the_august_freeze_holds_and_ends_with_august() {
    let queue = [child(1, CategoryClass::General, 0)];
    let places = [group("g", "kg", 1)];
    for day in [
        date!(2026 - 08 - 01),
        date!(2026 - 08 - 17),
        date!(2026 - 08 - 31),
    ] {
        assert_eq!(
            allocate(&rules(), &calendar(), day, &queue, &places, 1),
            Err(AllocationError::Frozen),
            "{day}"
        );
    }
    let september = allocate(
        &rules(),
        &calendar(),
        date!(2026 - 09 - 01),
        &queue,
        &places,
        1,
    );
    assert_eq!(september.unwrap().offers.len(), 1);
}

#[test]
fn a_declined_offer_keeps_the_original_date() {
    let early = child(1, CategoryClass::General, 0);
    let first = run(std::slice::from_ref(&early), &[group("g1", "kg", 1)]);
    assert_eq!(offered(&first), [1]);

    // The applicant refuses in writing: back to waiting, and nothing about the date changes.
    let state = queue_transition(QueueState::Offered, QueueEvent::RefuseOffer).unwrap();
    assert_eq!(state, QueueState::Waiting);
    assert!(takes_part(state, None, RUN_DAY));

    // A child who applied later does not overtake at the next run.
    let later = child(2, CategoryClass::General, 60 * 24 * 400);
    let queue = [later, early];
    let second = run(&queue, &[group("g2", "kg", 1)]);
    assert_eq!(offered(&second), [1]);
    assert_eq!(positions(&queue)[&2022][0].id, Uuid::from_u128(1));
}

#[test]
fn an_expired_referral_gives_the_stop_list_then_the_original_date() {
    let terms = rules().terms;
    let annulled_on = date!(2026 - 09 - 21);
    let state = queue_transition(QueueState::Referred, QueueEvent::AnnulReferral).unwrap();
    assert_eq!(state, QueueState::StopListed);
    let until = terms.stop_list_until(annulled_on);
    assert_eq!(until, date!(2026 - 10 - 01));

    let early = child(1, CategoryClass::General, 0);
    let later = child(2, CategoryClass::General, 500);
    let place = [group("g", "kg", 1)];
    // While stop-listed the child takes no part: the later child gets the place.
    let during = date!(2026 - 09 - 28);
    let taking_part: Vec<Applicant> = [
        (&early, state, Some(until)),
        (&later, QueueState::Waiting, None),
    ]
    .into_iter()
    .filter(|(_, s, u)| takes_part(*s, *u, during))
    .map(|(a, _, _)| a.clone())
    .collect();
    let result = allocate(&rules(), &calendar(), during, &taking_part, &place, 3).unwrap();
    assert_eq!(offered(&result), [2]);

    // After the stop-list the entry is back, ahead of the later child again.
    let after = until + Duration::days(1);
    assert!(takes_part(state, Some(until), after));
    let back = queue_transition(state, QueueEvent::StopListEnded).unwrap();
    assert_eq!(back, QueueState::Waiting);
    let queue = [later.clone(), early.clone()];
    let result = allocate(&rules(), &calendar(), after, &queue, &place, 3).unwrap();
    assert_eq!(offered(&result), [1]);
}

#[test]
fn a_correctional_group_needs_the_pmpk_decision() {
    let mut without = child(1, CategoryClass::General, 0);
    without.correctional = true;
    let mut with = child(2, CategoryClass::General, 10);
    with.correctional = true;
    with.pmpk_decision = true;
    let ordinary = child(3, CategoryClass::General, 20);
    let mut special = group("c", "kg", 5);
    special.correctional = true;
    let result = run(&[without, with, ordinary], &[special]);
    assert_eq!(offered(&result), [2]);
}

#[test]
fn wishes_are_honoured_in_the_order_named() {
    let mut a = child(1, CategoryClass::General, 0);
    a.wishes = vec!["kg-b".into(), "kg-a".into()];
    let mut b = child(2, CategoryClass::General, 1);
    b.wishes = vec!["kg-b".into()];
    let result = run(&[a, b], &[group("a1", "kg-a", 1), group("b1", "kg-b", 1)]);
    let got: Vec<(u128, &str)> = result
        .offers
        .iter()
        .map(|o| (o.applicant.as_u128(), o.organisation_id.as_str()))
        .collect();
    // The first child takes its first choice; the second named only that one and waits.
    assert_eq!(got, [(1, "kg-b")]);
}

#[test]
fn a_child_past_the_cut_off_age_or_in_no_band_gets_no_offer() {
    let mut old = child(1, CategoryClass::General, 0);
    old.birth_date = date!(2020 - 01 - 01); // six on the run day
    let mut young = child(2, CategoryClass::General, 1);
    young.birth_date = date!(2025 - 01 - 01); // one: no group of that band here
    let mut wide = group("g", "kg", 5);
    wide.age_min = 1;
    wide.age_max = 7;
    let result = run(&[old.clone()], std::slice::from_ref(&wide));
    assert!(result.offers.is_empty());
    let result = run(&[young], &[group("g", "kg", 5)]);
    assert!(result.offers.is_empty());
}

#[test]
fn the_offer_gives_the_choice_window_in_working_days() {
    let result = run(
        &[child(1, CategoryClass::General, 0)],
        &[group("g", "kg", 1)],
    );
    // Tuesday 15 September 2026: Wed, Thu, Fri.
    assert_eq!(result.offers[0].respond_by, date!(2026 - 09 - 18));
}

// ------------------------------------------------------------------ properties

const ORGS: [&str; 4] = ["kg-1", "kg-2", "mc-3", "kg-4"];

fn arb_applicant() -> impl Strategy<Value = Applicant> {
    (
        any::<u64>(),
        0i64..(6 * 365 + 200),
        0i64..100_000,
        0u8..3,
        any::<bool>(),
        0u8..10,
        any::<bool>(),
        proptest::collection::vec(0usize..4, 0..3),
    )
        .prop_map(
            |(id, age_days, minutes, class, kk, corr, pmpk, wishes)| Applicant {
                id: Uuid::from_u128(u128::from(id)),
                birth_date: RUN_DAY - Duration::days(age_days + 200),
                applied_at: OffsetDateTime::UNIX_EPOCH
                    + Duration::days(19_000)
                    + Duration::minutes(minutes),
                class: [
                    CategoryClass::Extraordinary,
                    CategoryClass::FirstPriority,
                    CategoryClass::General,
                ][usize::from(class)],
                language: if kk { Language::Kk } else { Language::Ru },
                correctional: corr == 0,
                pmpk_decision: pmpk,
                wishes: wishes.into_iter().map(|i| ORGS[i].to_string()).collect(),
            },
        )
}

fn arb_group(i: usize) -> impl Strategy<Value = GroupPlaces> {
    (0usize..4, 1u8..6, any::<bool>(), 0u8..6, 0u32..5).prop_map(
        move |(org, age_min, kk, corr, vacant)| GroupPlaces {
            group_id: format!("{}-g{i}", ORGS[org]),
            organisation_id: ORGS[org].to_string(),
            age_min,
            age_max: age_min + 1,
            language: if kk { Language::Kk } else { Language::Ru },
            correctional: corr == 0,
            vacant,
        },
    )
}

fn arb_groups() -> impl Strategy<Value = Vec<GroupPlaces>> {
    (1usize..12).prop_flat_map(|n| (0..n).map(arb_group).collect::<Vec<_>>())
}

/// True when `y` is served strictly before `x` in a run: an older cohort, or the same cohort
/// and extraordinary before the rest, or the same cohort and class and earlier in the queue.
fn served_before(y: &Applicant, x: &Applicant) -> bool {
    y.cohort() < x.cohort()
        || (y.cohort() == x.cohort()
            && ((y.class == CategoryClass::Extraordinary
                && x.class != CategoryClass::Extraordinary)
                || (y.class == x.class && y.order_key() < x.order_key())))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn allocation_keeps_every_promise(
        mut applicants in proptest::collection::vec(arb_applicant(), 0..60),
        mut groups in arb_groups(),
        seed in any::<u64>(),
    ) {
        let rules = rules();
        let cal = calendar();
        // Unique ids, as request ids are.
        let mut seen = HashSet::new();
        applicants.retain(|a| seen.insert(a.id));

        let result = allocate(&rules, &cal, RUN_DAY, &applicants, &groups, seed).unwrap();

        // Deterministic, whatever order the inputs come in.
        applicants.reverse();
        groups.reverse();
        let again = allocate(&rules, &cal, RUN_DAY, &applicants, &groups, seed).unwrap();
        prop_assert_eq!(&again, &result);

        // No child offered twice.
        let mut offered = HashSet::new();
        for o in &result.offers {
            prop_assert!(offered.insert(o.applicant), "offered twice: {}", o.applicant);
        }

        // No group over capacity, and the places add up.
        let mut taken: BTreeMap<&str, u32> = BTreeMap::new();
        for o in &result.offers {
            *taken.entry(o.group_id.as_str()).or_default() += 1;
        }
        for g in &groups {
            let t = taken.get(g.group_id.as_str()).copied().unwrap_or(0);
            prop_assert!(t <= g.vacant, "group {} over capacity", g.group_id);
            prop_assert_eq!(result.vacant_after[&g.group_id] + t, g.vacant);
        }

        // Every offer fits: age band, cut-off age, language, correctional rule, wishes.
        let by_id: BTreeMap<Uuid, &Applicant> = applicants.iter().map(|a| (a.id, a)).collect();
        let group_by_id: BTreeMap<&str, &GroupPlaces> =
            groups.iter().map(|g| (g.group_id.as_str(), g)).collect();
        for o in &result.offers {
            let a = by_id[&o.applicant];
            let g = group_by_id[o.group_id.as_str()];
            prop_assert!(fits(&rules, a, g, RUN_DAY), "offer does not fit: {:?} {:?}", a, g);
            prop_assert_eq!(o.class, a.class);
        }

        // Priority: nobody passed over could have taken a place given to someone served after.
        for y in applicants.iter().filter(|a| !offered.contains(&a.id)) {
            for o in &result.offers {
                let x = by_id[&o.applicant];
                if served_before(y, x) {
                    let g = group_by_id[o.group_id.as_str()];
                    prop_assert!(!fits(&rules, y, g, RUN_DAY),
                        "{} was passed over for a place {} got", y.id, x.id);
                }
            }
        }
    }

    #[test]
    fn the_ratio_holds_while_both_kinds_wait(
        first in 0usize..30,
        general in 0usize..30,
        places in 0u32..40,
    ) {
        let mut queue = Vec::new();
        for i in 0..first {
            queue.push(child(1_000 + i as u128, CategoryClass::FirstPriority, i as i64));
        }
        for i in 0..general {
            queue.push(child(2_000 + i as u128, CategoryClass::General, i as i64));
        }
        let result = run(&queue, &[group("g", "kg", places)]);
        // The sequence the rule describes: first-priority when its share is due, else general;
        // whichever kind runs out, the other continues.
        let (mut f, mut g) = (0usize, 0usize);
        let mut expected = Vec::new();
        while expected.len() < places as usize && (f < first || g < general) {
            let due = f * 3 <= g;
            if (due && f < first) || g >= general {
                expected.push(CategoryClass::FirstPriority);
                f += 1;
            } else {
                expected.push(CategoryClass::General);
                g += 1;
            }
        }
        let classes: Vec<CategoryClass> = result.offers.iter().map(|o| o.class).collect();
        prop_assert_eq!(classes, expected);
    }
}
