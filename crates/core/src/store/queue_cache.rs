//! The office's preschool queue as this workstation last got it from the server (a
//! [`QueueSnapshot`]), and the queue steps taken at the counter against it: the applicant's
//! written answer to an offer, and a referral issued offline against this workstation's lease.
//!
//! A refresh replaces the whole cache in one transaction. A step writes its outbox operation
//! ([`Operation::QueueStep`]), the audit row and the cache's new state in one transaction, so the
//! queue screen shows the step at once and a second offline referral counts the first. An answer
//! the server already took through a direct call is shown and audited without an outbox
//! operation, so it never reaches the server twice. The names of the organisations and groups
//! the cache names by id come from the store's reference data ([`QueueNames`]).

mod names;
mod read;
mod write;

use thiserror::Error;
use time::OffsetDateTime;

use super::StoreError;
use crate::i18n::{Localize, Localized};
use crate::queue::OfflineReferralRefusal;

pub use names::{BilingualName, GroupName, OrganisationCard, QueueNames};
pub use tereze_protocol::QueueSnapshot;

/// The cached queue and when this workstation refreshed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueCache {
    /// What the server sent (with the steps taken here since applied to it).
    pub snapshot: QueueSnapshot,
    /// When this workstation stored it.
    pub refreshed_at: OffsetDateTime,
}

/// Why a queue step was not taken; nothing was changed.
#[derive(Debug, Error)]
pub enum QueueStepError {
    /// The queue was never refreshed from the server on this workstation.
    #[error("the queue was never refreshed")]
    NoCache,
    /// The offer is not in the cached queue.
    #[error("offer {0} is not in the cached queue")]
    UnknownOffer(uuid::Uuid),
    /// The offer was answered already, or its choice window closed.
    #[error("the offer is not open")]
    OfferNotOpen,
    /// The lease or its group is not held by this workstation.
    #[error("no such leased group on this workstation")]
    UnknownLease,
    /// The offline check refused the referral.
    #[error("offline referral refused: {0}")]
    Refused(OfflineReferralRefusal),
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for QueueStepError {
    fn from(e: rusqlite::Error) -> Self {
        QueueStepError::Store(StoreError::from(e))
    }
}

impl From<serde_json::Error> for QueueStepError {
    fn from(e: serde_json::Error) -> Self {
        QueueStepError::Store(StoreError::from(e))
    }
}

impl Localize for QueueStepError {
    fn localized(&self) -> Localized {
        match self {
            QueueStepError::NoCache => Localized::new("queue-cache-empty"),
            QueueStepError::UnknownOffer(_) => Localized::new("queue-cache-unknown-offer"),
            QueueStepError::OfferNotOpen => Localized::new("queue-server-offer-not-open"),
            QueueStepError::UnknownLease => Localized::new("queue-cache-unknown-lease"),
            QueueStepError::Refused(r) => r.localized(),
            QueueStepError::Store(e) => e.localized(),
        }
    }
}
