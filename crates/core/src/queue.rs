//! The preschool queue's rules as pure functions, the same code on the workstation
//! (provisional numbers, offline leases) and on the server (official numbers, allocation runs).
//!
//! - [`QueueRules`]: what varies by region or year (age cut-off, categories and their
//!   documents, the offer ratio, the August freeze, the periods), loaded from TOML.
//! - [`Applicant`] and [`positions`]: the queue per cohort, ordered by class, application time
//!   and request id.
//! - [`allocate`]: an allocation run over vacant places, producing offers.
//! - [`may_refer_offline`]: whether a workstation may give a leased place to a child offline.
//!
//! A child's own states (waiting, offered, referred, stop-listed, …) and the periods between
//! them are in [`crate::lifecycle`] ([`crate::lifecycle::QueueState`],
//! [`crate::lifecycle::QueueTerms`]).

mod allocate;
mod applicant;
mod lease;
mod rules;

pub use allocate::{
    AllocationError, AllocationRun, GroupPlaces, Offer, allocate, fits, takes_part,
};
pub use applicant::{Applicant, OrderKey, Position, positions};
pub use lease::{
    LeasedPlaces, OfflineReferralRefusal, RatioServed, may_refer_offline,
    may_refer_offline_in_ratio,
};
pub use rules::{
    CategoryClass, CategoryRule, MonthDay, QueueRules, QueueRulesError, Ratio, age_in_years,
};
