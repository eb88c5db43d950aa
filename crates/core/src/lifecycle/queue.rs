//! A child's entry in the preschool queue and the events that move it.
//!
//! ```text
//!            ┌─────────── refuse-offer / offer-expired ──────────┐
//!            ↓                                                   │
//! waiting ─offer→ offered ─accept-offer→ referred ─enroll→ enrolled (final)
//!    ↑                                      │
//!    └──stop-list-ended── stop-listed ←─annul-referral
//!
//! waiting | offered | referred | stop-listed ─withdraw→ withdrawn (final)
//! waiting | offered | referred | stop-listed ─remove→   removed   (final)
//! ```
//!
//! A new entry starts in [`QueueState::Waiting`] when the registration talon is issued, or in
//! [`QueueState::Referred`] when a place was free at application time (002:L153). The date and
//! time of application is never part of the state, so every way back to `waiting` (a written
//! refusal of the offer, 002:L151; the end of the stop-list) keeps the original date by
//! construction.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// Where a child's queue entry stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueueState {
    /// In the queue with a registration talon, waiting for a place.
    Waiting,
    /// A place was offered; the choice window is open.
    Offered,
    /// The applicant consented in writing and holds a referral (valid a few working days).
    Referred,
    /// The child was enrolled; the entry has left the queue.
    Enrolled,
    /// The referral was annulled; the entry sits out the stop-list, then returns to waiting.
    StopListed,
    /// The applicant withdrew the application.
    Withdrawn,
    /// The department removed the entry (aged out, duplicate, moved away, …).
    Removed,
}

impl QueueState {
    /// Every queue state.
    pub const ALL: [QueueState; 7] = [
        QueueState::Waiting,
        QueueState::Offered,
        QueueState::Referred,
        QueueState::Enrolled,
        QueueState::StopListed,
        QueueState::Withdrawn,
        QueueState::Removed,
    ];

    /// The stable name used in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueState::Waiting => "waiting",
            QueueState::Offered => "offered",
            QueueState::Referred => "referred",
            QueueState::Enrolled => "enrolled",
            QueueState::StopListed => "stop-listed",
            QueueState::Withdrawn => "withdrawn",
            QueueState::Removed => "removed",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// True when the entry has left the queue for good.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            QueueState::Enrolled | QueueState::Withdrawn | QueueState::Removed
        )
    }

    /// True when the entry takes part in allocation runs (only waiting entries get offers).
    pub fn takes_part_in_allocation(self) -> bool {
        self == QueueState::Waiting
    }
}

/// Something that happens to a queue entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QueueEvent {
    /// A place is available and the applicant is told so (002:L147).
    Offer,
    /// The applicant refused the offered place in writing and stays in the queue (002:L151).
    RefuseOffer,
    /// The choice window closed without an answer; the entry keeps its place in the queue.
    OfferExpired,
    /// The applicant consented in writing; the referral is issued (000:L226).
    AcceptOffer,
    /// The organisation enrolled the child; the entry leaves the queue.
    Enroll,
    /// The referral was annulled (unused within its validity, or cancelled).
    AnnulReferral,
    /// The stop-list period ended; the entry is back with its original date.
    StopListEnded,
    /// The applicant withdrew the application.
    Withdraw,
    /// The department removed the entry.
    Remove,
}

impl QueueEvent {
    /// Every queue event.
    pub const ALL: [QueueEvent; 9] = [
        QueueEvent::Offer,
        QueueEvent::RefuseOffer,
        QueueEvent::OfferExpired,
        QueueEvent::AcceptOffer,
        QueueEvent::Enroll,
        QueueEvent::AnnulReferral,
        QueueEvent::StopListEnded,
        QueueEvent::Withdraw,
        QueueEvent::Remove,
    ];

    /// The stable name used in the audit log and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            QueueEvent::Offer => "offer",
            QueueEvent::RefuseOffer => "refuse-offer",
            QueueEvent::OfferExpired => "offer-expired",
            QueueEvent::AcceptOffer => "accept-offer",
            QueueEvent::Enroll => "enroll",
            QueueEvent::AnnulReferral => "annul-referral",
            QueueEvent::StopListEnded => "stop-list-ended",
            QueueEvent::Withdraw => "withdraw",
            QueueEvent::Remove => "remove",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// An event that cannot happen to a queue entry in its current state; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("queue event {} is not allowed in queue state {}", event.as_str(), from.as_str())]
pub struct QueueTransitionError {
    /// The state the entry is in (and stays in).
    pub from: QueueState,
    /// The refused event.
    pub event: QueueEvent,
}

impl Localize for QueueTransitionError {
    fn localized(&self) -> Localized {
        Localized::new("queue-transition-not-allowed")
            .arg("from", self.from.as_str())
            .arg("event", self.event.as_str())
    }
}

/// The state a queue entry reaches on `event`, or why it cannot. A pure function.
pub fn queue_transition(
    from: QueueState,
    event: QueueEvent,
) -> Result<QueueState, QueueTransitionError> {
    use QueueEvent as E;
    use QueueState as S;
    let next = match (from, event) {
        (S::Waiting, E::Offer) => Some(S::Offered),
        (S::Offered, E::RefuseOffer | E::OfferExpired) => Some(S::Waiting),
        (S::Offered, E::AcceptOffer) => Some(S::Referred),
        (S::Referred, E::Enroll) => Some(S::Enrolled),
        (S::Referred, E::AnnulReferral) => Some(S::StopListed),
        (S::StopListed, E::StopListEnded) => Some(S::Waiting),
        (S::Waiting | S::Offered | S::Referred | S::StopListed, E::Withdraw) => Some(S::Withdrawn),
        (S::Waiting | S::Offered | S::Referred | S::StopListed, E::Remove) => Some(S::Removed),
        _ => None,
    };
    next.ok_or(QueueTransitionError { from, event })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in QueueState::ALL {
            assert_eq!(QueueState::parse(s.as_str()), Some(s));
        }
        for e in QueueEvent::ALL {
            assert_eq!(QueueEvent::parse(e.as_str()), Some(e));
        }
    }

    #[test]
    fn final_states_accept_no_event() {
        for s in QueueState::ALL.into_iter().filter(|s| s.is_final()) {
            for e in QueueEvent::ALL {
                assert!(queue_transition(s, e).is_err(), "{s:?} {e:?}");
            }
        }
    }

    #[test]
    fn error_is_localized_with_state_and_event() {
        let err = queue_transition(QueueState::Waiting, QueueEvent::Enroll).unwrap_err();
        let msg = err.localized();
        assert_eq!(msg.key, "queue-transition-not-allowed");
        assert_eq!(msg.get("from"), Some("waiting"));
        assert_eq!(msg.get("event"), Some("enroll"));
    }
}
