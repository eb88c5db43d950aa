//! Why the server refuses a queue call: one i18n key per reason (`i18n/*/queue-server.ftl`),
//! sent on the wire and shown by the workstation in the operator's language.

use axum::http::StatusCode;
use tereze_core::i18n::{Localize, Localized};
use tereze_protocol::ApiError;

use crate::error::ApiFailure;

/// A refused queue call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueRefusal {
    /// 1–31 August: the transfer between age groups, when no offers are made.
    Frozen,
    /// Only a head of department may do this.
    HeadOnly,
    /// Only an administrator may change groups.
    AdminOnly,
    /// The operator's role does not allow this.
    NotPermitted,
    /// The organisation is not a kindergarten or mini-centre of the reference data.
    UnknownOrganisation,
    /// A group with this id exists already.
    GroupExists,
    /// The age band or the language of a new group is not valid.
    BadGroup,
    /// Occupied places exceed the capacity, or the capacity is below the places taken.
    BadCounts,
    /// The offer is not in a state that allows this answer.
    OfferNotOpen,
    /// The run was made under other rules than the server applies now.
    RulesChanged,
    /// A lease runs for 1 to 30 days and asks for at least one place.
    BadLease,
    /// None of the named organisations has a vacant place.
    NoVacantPlaces,
    /// The lease belongs to another workstation.
    LeaseNotYours,
    /// The referral was issued after the lease expired, or its places have returned.
    LeaseExpired,
    /// The lease holds no unused place in that group.
    LeaseNoPlace,
    /// The child is not waiting in the queue.
    NotWaiting,
    /// The group does not fit the child (age, language, correctional, wishes).
    DoesNotFit,
    /// The lookup needs exactly one of the request number and the child's IIN.
    LookupKey,
    /// The child's IIN is not a valid IIN.
    BadIin,
    /// A pushed step names an offer or a lease this office does not have.
    UnknownStep,
    /// The operator made too many position lookups in the last minute.
    TooManyLookups,
}

impl Localize for QueueRefusal {
    fn localized(&self) -> Localized {
        match self {
            QueueRefusal::Frozen => Localized::new("queue-frozen"),
            QueueRefusal::HeadOnly => Localized::new("server-head-only"),
            QueueRefusal::AdminOnly => Localized::new("queue-server-admin-only"),
            QueueRefusal::NotPermitted => Localized::new("queue-server-not-permitted"),
            QueueRefusal::UnknownOrganisation => {
                Localized::new("queue-server-unknown-organisation")
            }
            QueueRefusal::GroupExists => Localized::new("queue-server-group-exists"),
            QueueRefusal::BadGroup => Localized::new("queue-server-bad-group"),
            QueueRefusal::BadCounts => Localized::new("queue-server-bad-counts"),
            QueueRefusal::OfferNotOpen => Localized::new("queue-server-offer-not-open"),
            QueueRefusal::RulesChanged => Localized::new("queue-server-rules-changed"),
            QueueRefusal::BadLease => Localized::new("queue-server-bad-lease"),
            QueueRefusal::NoVacantPlaces => Localized::new("queue-server-no-vacant-places"),
            QueueRefusal::LeaseNotYours => Localized::new("queue-server-lease-not-yours"),
            QueueRefusal::LeaseExpired => Localized::new("queue-server-lease-expired"),
            QueueRefusal::LeaseNoPlace => Localized::new("queue-server-lease-no-place"),
            QueueRefusal::NotWaiting => Localized::new("queue-server-not-waiting"),
            QueueRefusal::DoesNotFit => Localized::new("queue-server-does-not-fit"),
            QueueRefusal::LookupKey => Localized::new("queue-server-lookup-key"),
            QueueRefusal::BadIin => Localized::new("queue-server-bad-iin"),
            QueueRefusal::UnknownStep => Localized::new("queue-server-unknown-step"),
            QueueRefusal::TooManyLookups => Localized::new("queue-server-too-many-lookups"),
        }
    }
}

impl QueueRefusal {
    /// The i18n key, as sent on the wire.
    pub fn key(self) -> &'static str {
        self.localized().key
    }

    /// The HTTP answer: 403 for roles and foreign leases, 429 for too many lookups, 400
    /// otherwise.
    pub fn failure(self) -> ApiFailure {
        let reason = self.key().to_owned();
        match self {
            QueueRefusal::TooManyLookups => ApiFailure {
                status: StatusCode::TOO_MANY_REQUESTS,
                error: ApiError::Unavailable { reason },
            },
            QueueRefusal::HeadOnly
            | QueueRefusal::AdminOnly
            | QueueRefusal::NotPermitted
            | QueueRefusal::LeaseNotYours => ApiFailure {
                status: StatusCode::FORBIDDEN,
                error: ApiError::Forbidden { reason },
            },
            _ => ApiFailure {
                status: StatusCode::BAD_REQUEST,
                error: ApiError::BadRequest { reason },
            },
        }
    }
}
