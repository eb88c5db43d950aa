//! Request statuses and the transitions between them.
//!
//! # The request
//!
//! Every request goes through the regulated steps (002:L127-155): the executor fills the form and
//! signs it ([`Action::Sign`]), the system registers and numbers it ([`Action::Register`], status
//! "поступившие" / «Келіп түскендер»), the executor takes it into work ([`Action::TakeIntoWork`],
//! "в работе" / «Жұмыста»), decides, signs the output document and issues it:
//!
//! ```text
//! draft ─sign→ signed ─register→ registered ─take-into-work→ in-work ─decide→ decided ─┐
//!                                   │                           │                      sign-result
//!                                   └──────────refuse───────────┴──refuse→ refused ────┤
//!                                                                                      ↓
//!                                            issued ←issue─ result-signed ←────────────┘
//! ```
//!
//! A motivated refusal is an output document like any other (002:L153, 004:L535-537): it is
//! formed, signed with the executor's ЭЦП and handed over by hand or e-mail. So `refused` is the
//! negative twin of `decided` — "the outcome is known and its document is formed but not yet
//! signed" — and both continue through [`Status::ResultSigned`] to [`Status::Issued`]. Which
//! document was issued is the request's [`Outcome`], recorded when the decision is taken
//! ([`Action::outcome`]); the status only says how far the request has gone. A refusal can be
//! decided at acceptance (documents incomplete: [`Status::Registered`]) or after processing
//! ([`Status::InWork`]). A signature that fails verification (certificate IIN, validity,
//! revocation) never becomes [`Action::Sign`]: the request stays a draft until a valid signature.
//!
//! [`transition`] is the one place that enforces this; it is a pure function, so an illegal
//! action changes nothing.
//!
//! # The preschool queue
//!
//! In the [`Flow::PreschoolQueue`] flow the issued document is a registration talon (no place
//! yet), a referral (a place was free) or a refusal. A child with a talon then has a queue entry
//! with its own small machine, [`QueueState`] and [`queue_transition`], whose dates (choice
//! window, referral validity, stop-list) are computed by [`QueueTerms`] and kept beside the
//! state, not in it. The ordering and allocation rules are elsewhere.

mod action;
mod queue;
mod queue_terms;
mod transition;

pub use action::{Action, Outcome};
pub use queue::{QueueEvent, QueueState, QueueTransitionError, queue_transition};
pub use queue_terms::QueueTerms;
pub use transition::{TransitionError, allowed_actions, transition};

use serde::{Deserialize, Serialize};

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Being filled in; not yet signed.
    Draft,
    /// Signed by the executor's ЭЦП; not yet registered.
    Signed,
    /// Registered and numbered ("поступившие").
    Registered,
    /// Being processed ("в работе").
    InWork,
    /// Decided; the output document is formed but not yet signed.
    Decided,
    /// The output document is signed.
    ResultSigned,
    /// Handed to the applicant ("завершено / выдано").
    Issued,
    /// A motivated refusal was decided.
    Refused,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 8] = [
        Status::Draft,
        Status::Signed,
        Status::Registered,
        Status::InWork,
        Status::Decided,
        Status::ResultSigned,
        Status::Issued,
        Status::Refused,
    ];

    /// The stable name used in files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Signed => "signed",
            Status::Registered => "registered",
            Status::InWork => "in-work",
            Status::Decided => "decided",
            Status::ResultSigned => "result-signed",
            Status::Issued => "issued",
            Status::Refused => "refused",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// True once nothing more can happen to the request.
    pub fn is_final(self) -> bool {
        self == Status::Issued
    }
}

/// Which set of statuses and transitions a service follows; named by each regulation file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Flow {
    /// draft → signed → registered → in work → decided (or refused) → result signed → issued.
    Standard,
    /// The standard flow plus the preschool queue: registration talon, offers, referral.
    PreschoolQueue,
}

impl Flow {
    /// Every flow.
    pub const ALL: [Flow; 2] = [Flow::Standard, Flow::PreschoolQueue];

    /// The stable name used in regulation files and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Flow::Standard => "standard",
            Flow::PreschoolQueue => "preschool-queue",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}
