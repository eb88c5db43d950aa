//! The request lifecycle and the preschool queue as an operator drives them.

// Test helpers outside #[test] functions may fail loudly too.
#![allow(clippy::unwrap_used, clippy::panic)]

use tereze_core::calendar::Calendar;
use tereze_core::i18n::Localize;
use tereze_core::lifecycle::{
    Action, Flow, Outcome, QueueEvent, QueueState, QueueTerms, Status, allowed_actions,
    queue_transition, transition,
};
use time::macros::date;

/// Every allowed (status, action) pair and where it leads, written out independently of the code.
const ALLOWED: &[(Status, Action, Status)] = &[
    (Status::Draft, Action::Sign, Status::Signed),
    (Status::Signed, Action::Register, Status::Registered),
    (Status::Registered, Action::TakeIntoWork, Status::InWork),
    (Status::Registered, Action::Refuse, Status::Refused),
    (Status::InWork, Action::Decide, Status::Decided),
    (Status::InWork, Action::Refuse, Status::Refused),
    (Status::Decided, Action::SignResult, Status::ResultSigned),
    (Status::Refused, Action::SignResult, Status::ResultSigned),
    (Status::ResultSigned, Action::Issue, Status::Issued),
];

fn run(flow: Flow, actions: &[Action]) -> Status {
    actions.iter().fold(Status::Draft, |status, &action| {
        transition(flow, status, action)
            .unwrap_or_else(|e| panic!("{action:?} from {status:?}: {e}"))
    })
}

#[test]
fn the_happy_path_goes_from_draft_to_issued() {
    for flow in Flow::ALL {
        let end = run(
            flow,
            &[
                Action::Sign,
                Action::Register,
                Action::TakeIntoWork,
                Action::Decide,
                Action::SignResult,
                Action::Issue,
            ],
        );
        assert_eq!(end, Status::Issued);
        assert!(end.is_final());
    }
}

#[test]
fn a_motivated_refusal_is_signed_and_issued_like_any_output_document() {
    // Refusal after processing.
    let end = run(
        Flow::Standard,
        &[
            Action::Sign,
            Action::Register,
            Action::TakeIntoWork,
            Action::Refuse,
            Action::SignResult,
            Action::Issue,
        ],
    );
    assert_eq!(end, Status::Issued);
    // Refusal at acceptance, documents incomplete.
    let refused = run(
        Flow::PreschoolQueue,
        &[Action::Sign, Action::Register, Action::Refuse],
    );
    assert_eq!(refused, Status::Refused);
    assert_eq!(Action::Refuse.outcome(), Some(Outcome::Refused));
    assert_eq!(
        allowed_actions(Flow::PreschoolQueue, refused),
        vec![Action::SignResult]
    );
}

#[test]
fn every_pair_outside_the_allowed_table_is_refused_and_changes_nothing() {
    for flow in Flow::ALL {
        for from in Status::ALL {
            for action in Action::ALL {
                let expected = ALLOWED
                    .iter()
                    .find(|(f, a, _)| *f == from && *a == action)
                    .map(|(_, _, to)| *to);
                match (transition(flow, from, action), expected) {
                    (Ok(to), Some(want)) => assert_eq!(to, want, "{flow:?} {from:?} {action:?}"),
                    (Err(err), None) => {
                        assert_eq!((err.from, err.action, err.flow), (from, action, flow));
                        let msg = err.localized();
                        assert_eq!(msg.key, "lifecycle-transition-not-allowed");
                        assert_eq!(msg.get("from"), Some(from.as_str()));
                        assert_eq!(msg.get("action"), Some(action.as_str()));
                    }
                    (got, want) => {
                        panic!("{flow:?} {from:?} {action:?}: got {got:?}, want {want:?}")
                    }
                }
            }
        }
    }
}

#[test]
fn stored_status_names_stay_stable() {
    let names: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        [
            "draft",
            "signed",
            "registered",
            "in-work",
            "decided",
            "result-signed",
            "issued",
            "refused"
        ]
    );
    for s in Status::ALL {
        assert_eq!(Status::parse(s.as_str()), Some(s));
    }
    for f in Flow::ALL {
        assert_eq!(Flow::parse(f.as_str()), Some(f));
    }
}

fn queue(from: QueueState, events: &[QueueEvent]) -> QueueState {
    events.iter().fold(from, |state, &event| {
        queue_transition(state, event).unwrap_or_else(|e| panic!("{event:?} from {state:?}: {e}"))
    })
}

#[test]
fn a_written_refusal_of_an_offer_puts_the_child_back_in_the_queue() {
    let state = queue(
        QueueState::Waiting,
        &[QueueEvent::Offer, QueueEvent::RefuseOffer],
    );
    assert_eq!(state, QueueState::Waiting);
    assert!(state.takes_part_in_allocation());
    // An unanswered offer also leaves the entry waiting, and it can be offered again.
    let state = queue(
        QueueState::Waiting,
        &[
            QueueEvent::Offer,
            QueueEvent::OfferExpired,
            QueueEvent::Offer,
        ],
    );
    assert_eq!(state, QueueState::Offered);
}

#[test]
fn an_unused_referral_goes_through_the_stop_list_back_to_waiting() {
    let state = queue(
        QueueState::Waiting,
        &[
            QueueEvent::Offer,
            QueueEvent::AcceptOffer,
            QueueEvent::AnnulReferral,
        ],
    );
    assert_eq!(state, QueueState::StopListed);
    assert!(!state.takes_part_in_allocation());
    assert!(queue_transition(state, QueueEvent::Offer).is_err());
    assert_eq!(
        queue(state, &[QueueEvent::StopListEnded]),
        QueueState::Waiting
    );
}

#[test]
fn enrolment_is_final() {
    let state = queue(
        QueueState::Waiting,
        &[
            QueueEvent::Offer,
            QueueEvent::AcceptOffer,
            QueueEvent::Enroll,
        ],
    );
    assert_eq!(state, QueueState::Enrolled);
    assert!(state.is_final());
    for event in QueueEvent::ALL {
        let err = queue_transition(state, event).unwrap_err();
        assert_eq!((err.from, err.event), (state, event));
        assert_eq!(err.localized().key, "queue-transition-not-allowed");
    }
}

#[test]
fn a_referral_at_application_time_can_be_used_straight_away() {
    assert_eq!(
        queue(QueueState::Referred, &[QueueEvent::Enroll]),
        QueueState::Enrolled
    );
}

#[test]
fn only_a_consented_offer_leads_to_a_referral() {
    assert!(queue_transition(QueueState::Waiting, QueueEvent::AcceptOffer).is_err());
    assert!(queue_transition(QueueState::Waiting, QueueEvent::Enroll).is_err());
    assert!(queue_transition(QueueState::Offered, QueueEvent::Enroll).is_err());
    assert!(queue_transition(QueueState::Offered, QueueEvent::AnnulReferral).is_err());
}

#[test]
fn the_applicant_or_the_department_can_end_a_live_entry() {
    for from in [
        QueueState::Waiting,
        QueueState::Offered,
        QueueState::Referred,
        QueueState::StopListed,
    ] {
        assert_eq!(
            queue_transition(from, QueueEvent::Withdraw),
            Ok(QueueState::Withdrawn)
        );
        assert_eq!(
            queue_transition(from, QueueEvent::Remove),
            Ok(QueueState::Removed)
        );
    }
    assert!(QueueState::Withdrawn.is_final() && QueueState::Removed.is_final());
}

#[test]
fn queue_periods_follow_the_holiday_calendar() {
    let cal = Calendar::builtin().unwrap();
    let terms = QueueTerms::default();
    // Offer on Wednesday 19 March 2025: Thursday 20, then Nauryz 21–25 March, then 26 and 27.
    assert_eq!(
        terms.choice_window_ends(date!(2025 - 03 - 19), &cal),
        date!(2025 - 03 - 27)
    );
    // Referral issued on Monday 5 May 2025: 6, 8 (7 and 9 May are holidays), 12, 13, 14.
    assert_eq!(
        terms.referral_valid_until(date!(2025 - 05 - 05), &cal),
        date!(2025 - 05 - 14)
    );
    // The stop-list counts calendar days.
    assert_eq!(
        terms.stop_list_until(date!(2025 - 12 - 26)),
        date!(2026 - 01 - 05)
    );
}
