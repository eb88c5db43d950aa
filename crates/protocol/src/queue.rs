//! The preschool queue on the wire: groups and their places, a child's place in the queue,
//! allocation runs and their published lists, offers, offline leases and the position lookup.
//!
//! Stable names travel as strings (`waiting`, `first-priority`, `kk`), as elsewhere in this
//! crate, so the wire stays free of the domain types. No type here carries an IIN or a name
//! except [`PositionQuery`], which is only ever a POST body.

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

// Dates on the wire of the queue calls: `YYYY-MM-DD`.
time::serde::format_description!(day, Date, "[year]-[month]-[day]");

/// A child's place in its cohort's queue, as the server keeps it; carried on the request's
/// change so the workstation can replace the provisional number of its talon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePlace {
    /// The cohort: the child's year of birth.
    pub cohort: i32,
    /// The official queue number: the position in the cohort when the server last placed the
    /// child (1 = first). Positions move as others are served; ask the position lookup for now.
    pub number: u32,
    /// The queue state (stable name: `waiting`, `offered`, `referred`, …).
    pub state: String,
    /// The application time the queue orders by.
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    /// Set when the workstation's clock could not be trusted for this registration
    /// (`future`, `before-previous`): the server's receipt time was used instead.
    pub clock_flag: Option<String>,
}

/// A group of a kindergarten or mini-centre with its places.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupRecord {
    /// The group's reference id.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// `kindergarten` or `mini-centre`.
    pub organisation_kind: String,
    /// The office whose queue fills it.
    pub office_id: String,
    /// Age band in full years: from (inclusive).
    pub age_min: u8,
    /// Age band in full years: to (exclusive).
    pub age_max: u8,
    /// `kk` or `ru`.
    pub language: String,
    /// A correctional group (needs the PMPK decision).
    pub correctional: bool,
    /// All places.
    pub capacity: u32,
    /// Places taken by enrolled children.
    pub occupied: u32,
    /// Places held by open offers, valid referrals and unreturned leases.
    pub reserved: u32,
    /// Places free for the next run: capacity − occupied − reserved.
    pub vacant: u32,
}

/// The groups of the caller's office.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupList {
    /// Ordered by group id.
    pub groups: Vec<GroupRecord>,
}

/// An administrator's change of a group's counts; a missing value stays as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    /// New capacity.
    pub capacity: Option<u32>,
    /// New number of occupied places.
    pub occupied: Option<u32>,
}

/// A group an administrator adds to an organisation of the reference data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewGroup {
    /// The new group's id.
    pub group_id: String,
    /// The organisation (a kindergarten or a mini-centre of the reference data).
    pub organisation_id: String,
    /// Age band from (inclusive).
    pub age_min: u8,
    /// Age band to (exclusive).
    pub age_max: u8,
    /// `kk` or `ru`.
    pub language: String,
    /// A correctional group.
    pub correctional: bool,
    /// All places.
    pub capacity: u32,
    /// Places already taken.
    pub occupied: u32,
}

/// Starts an allocation run (комплектование).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRequest {
    /// The allocation date (ages are taken on it); today when absent.
    #[serde(default, with = "day::option")]
    pub date: Option<Date>,
    /// The seed ordering equivalent groups; drawn by the server when absent.
    pub seed: Option<u64>,
}

/// An offer of a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferRecord {
    /// The offer's id.
    pub offer_id: Uuid,
    /// The run that made it (none for a referral against a lease).
    pub run_id: Option<Uuid>,
    /// The child's request.
    pub request_id: Uuid,
    /// The class served: `extraordinary`, `first-priority`, `general`.
    pub class: String,
    /// The group offered.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// `offered`, `referred`, `enrolled`, `declined`, `expired`, `annulled`.
    pub state: String,
    /// The last day to answer the offer.
    #[serde(with = "day")]
    pub respond_by: Date,
    /// The last day the referral can be used, once issued.
    #[serde(with = "day::option")]
    pub referral_until: Option<Date>,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunSummary {
    /// The run's id.
    pub run_id: Uuid,
    /// `scheduled` (a head's run) or `continuous` (a freed place offered on).
    pub kind: String,
    /// The allocation date.
    #[serde(with = "day")]
    pub date: Date,
    /// The seed used.
    pub seed: u64,
    /// The rules version applied.
    pub rules_version: String,
    /// The offers made, in order.
    pub offers: Vec<OfferRecord>,
}

/// The answer of a replay: the run recomputed from its stored inputs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplayResult {
    /// The run.
    pub run_id: Uuid,
    /// True when the recomputed offers and vacancies equal the stored ones.
    pub same: bool,
    /// How many offers the run made.
    pub offers: usize,
}

/// A vacant place count on a published list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVacancy {
    /// The group.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// Places the run had to give.
    pub vacant_before: u32,
    /// Places left after the run.
    pub vacant_after: u32,
}

/// An offer on a published list: no IIN, no name, only the queue number and initials.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedOffer {
    /// The cohort.
    pub cohort: i32,
    /// The child's official queue number.
    pub queue_number: u32,
    /// Initials, e.g. `А. Б.`.
    pub initials: String,
    /// The class served.
    pub class: String,
    /// The group.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// The offer's state now (`offered`, `referred`, …).
    pub state: String,
}

/// The list a run publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedList {
    /// The run.
    pub run_id: Uuid,
    /// Its date.
    #[serde(with = "day")]
    pub date: Date,
    /// Vacant places per group.
    pub vacancies: Vec<PublishedVacancy>,
    /// Offers and referrals issued, in the order made.
    pub offers: Vec<PublishedOffer>,
}

/// An operator's answer to an offer, or the kindergarten's enrolment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OfferAnswer {
    /// Written consent: the referral is issued.
    Accept,
    /// Written refusal: back in the queue with the original date.
    Decline,
    /// The child was enrolled: out of the queue, the place becomes occupied.
    Enroll,
}

/// Asks for a lease on vacant places of named organisations, for working offline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRequest {
    /// Places wanted per organisation.
    pub organisations: Vec<LeaseWish>,
    /// How many days the workstation may issue referrals against the lease (1 to 30).
    pub days: u32,
}

/// Places wanted in one organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseWish {
    /// The organisation.
    pub organisation_id: String,
    /// How many places.
    pub places: u32,
}

/// A queue step a workstation pushes in its outbox (see `Operation::QueueStep`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "step", rename_all = "kebab-case")]
pub enum QueueStep {
    /// The applicant's written answer to an offer, or the enrolment.
    Answer {
        /// The offer.
        offer_id: Uuid,
        /// The answer.
        answer: OfferAnswer,
    },
    /// A referral issued against the workstation's lease.
    LeaseReferral {
        /// The lease.
        lease_id: Uuid,
        /// The referral.
        referral: LeaseReferral,
    },
}

/// A granted lease.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseRecord {
    /// The lease's id.
    pub lease_id: Uuid,
    /// The workstation that holds it.
    pub workstation: Uuid,
    /// Referrals may be issued against it until then.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: OffsetDateTime,
    /// Unused places return to the queue's runs after this time (referrals issued before
    /// `expires_at` are still accepted until then).
    #[serde(with = "time::serde::rfc3339")]
    pub returns_at: OffsetDateTime,
    /// The places reserved, per group (fewer than asked when fewer were vacant).
    pub places: Vec<LeasedGroup>,
}

/// Places of one group held by a lease.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeasedGroup {
    /// The group.
    pub group_id: String,
    /// Its organisation.
    pub organisation_id: String,
    /// Places reserved.
    pub places: u32,
    /// Places already used by referrals.
    pub used: u32,
}

/// A referral the workstation issued (maybe offline) against its lease.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeaseReferral {
    /// The child's request.
    pub request_id: Uuid,
    /// The leased group.
    pub group_id: String,
    /// When the referral was issued on the workstation.
    #[serde(with = "time::serde::rfc3339")]
    pub issued_at: OffsetDateTime,
}

/// Looks up a child's place: exactly one of the two keys. Sent as a POST body so the IIN never
/// appears in a URL or an access log.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionQuery {
    /// The request number (e.g. `SKO-EDU-ARYS-2026-000012`).
    pub request_number: Option<String>,
    /// The child's IIN.
    pub child_iin: Option<String>,
}

/// Where a child stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionAnswer {
    /// The request.
    pub request_id: Uuid,
    /// The request number.
    pub request_number: Option<String>,
    /// The cohort.
    pub cohort: i32,
    /// The current position among the children still in the cohort's queue.
    pub position: u32,
    /// The queue state.
    pub state: String,
}

/// A queue entry as the head of department sees it (no personal data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntryRecord {
    /// The request.
    pub request_id: Uuid,
    /// The request number.
    pub request_number: Option<String>,
    /// The cohort.
    pub cohort: i32,
    /// The current position (0 once out of the queue).
    pub position: u32,
    /// The class.
    pub class: String,
    /// The queue state.
    pub state: String,
    /// The time the queue orders by.
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    /// The application time the workstation claimed.
    #[serde(with = "time::serde::rfc3339")]
    pub claimed_at: OffsetDateTime,
    /// Why the claimed time was not trusted, if it was not.
    pub clock_flag: Option<String>,
    /// The last day of the stop-list, while stop-listed.
    #[serde(with = "day::option")]
    pub stop_listed_until: Option<Date>,
}

/// The office's queue for the head of department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueEntryList {
    /// By cohort, then position.
    pub entries: Vec<QueueEntryRecord>,
}

/// What one run of the expiry job did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExpirySummary {
    /// Offers not answered in the choice window (back to waiting).
    pub offers_expired: u32,
    /// Referrals not used in time (annulled, stop-listed).
    pub referrals_annulled: u32,
    /// Stop-lists over (back to waiting with the original date).
    pub stop_lists_ended: u32,
    /// Leases whose unused places returned.
    pub leases_returned: u32,
    /// Offers made on the freed places.
    pub offers_made: u32,
}

/// One child of the office's queue as a workstation caches it: what the queue screen shows
/// and what the offline referral check orders by. No name and no IIN: the initials are those
/// of the published lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueCacheEntry {
    /// The request.
    pub request_id: Uuid,
    /// The request number.
    pub request_number: Option<String>,
    /// The cohort.
    pub cohort: i32,
    /// The current position among the children still in the cohort's queue (0 once out).
    pub position: u32,
    /// The class (`extraordinary`, `first-priority`, `general`).
    pub class: String,
    /// The queue state.
    pub state: String,
    /// The time the queue orders by.
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    /// The child's date of birth: the age bands of the groups follow from it.
    #[serde(with = "day")]
    pub birth_date: Date,
    /// The language of the group asked for (`kk`, `ru`).
    pub language: String,
    /// Asked for a correctional group.
    pub correctional: bool,
    /// The PMPK decision is on file.
    pub pmpk_decision: bool,
    /// Organisations wished for, in order; empty means any.
    pub wishes: Vec<String>,
    /// Initials, as on the published lists.
    pub initials: String,
    /// The last day of the stop-list, while stop-listed.
    #[serde(with = "day::option")]
    pub stop_listed_until: Option<Date>,
}

/// A run as listed for the head: enough to pick one and ask for its published list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunBrief {
    /// The run.
    pub run_id: Uuid,
    /// `scheduled` or `continuous`.
    pub kind: String,
    /// The allocation date.
    #[serde(with = "day")]
    pub date: Date,
    /// How many offers it made.
    pub offers: u32,
}

/// Everything a workstation keeps of its office's queue to show it and to refer offline
/// against its leases: `GET /v1/queue/snapshot`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueSnapshot {
    /// When the server took it.
    #[serde(with = "time::serde::rfc3339")]
    pub taken_at: OffsetDateTime,
    /// The server's date in Kazakhstan then.
    #[serde(with = "day")]
    pub today: Date,
    /// The rules version the server applies.
    pub rules_version: String,
    /// The office's entries still in the queue, by cohort and position.
    pub entries: Vec<QueueCacheEntry>,
    /// Open offers and valid referrals (`offered`, `referred`).
    pub offers: Vec<OfferRecord>,
    /// The office's groups with their places.
    pub groups: Vec<GroupRecord>,
    /// This workstation's leases not yet returned.
    pub leases: Vec<LeaseRecord>,
    /// The office's latest runs, newest first.
    pub runs: Vec<RunBrief>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_travel_as_plain_days_and_a_missing_run_date_means_today() {
        let offer = OfferRecord {
            offer_id: Uuid::from_u128(1),
            run_id: None,
            request_id: Uuid::from_u128(2),
            class: "general".into(),
            group_id: "g".into(),
            organisation_id: "o".into(),
            state: "referred".into(),
            respond_by: date!(2026 - 03 - 05),
            referral_until: Some(date!(2026 - 03 - 12)),
        };
        let json = serde_json::to_value(&offer).unwrap();
        assert_eq!(json["respond_by"], "2026-03-05");
        assert_eq!(json["referral_until"], "2026-03-12");
        assert_eq!(serde_json::from_value::<OfferRecord>(json).unwrap(), offer);
        let run: RunRequest = serde_json::from_str("{}").unwrap();
        assert_eq!(run, RunRequest::default());
        let run: RunRequest = serde_json::from_str(r#"{"date":"2026-09-01","seed":7}"#).unwrap();
        assert_eq!(run.date, Some(date!(2026 - 09 - 01)));
        assert_eq!(
            serde_json::to_value(OfferAnswer::Decline).unwrap(),
            "decline"
        );
    }

    #[test]
    fn a_request_without_a_queue_place_keeps_its_old_shape() {
        let json = r#"{"id":"00000000-0000-0000-0000-000000000007","version":1,"number":null,
            "service_id":"preschool-queue","profile":"default","channel":"office",
            "status":"draft","fields":{},"created_by":"00000000-0000-0000-0000-000000000001",
            "saved_by":"00000000-0000-0000-0000-000000000001",
            "created_at":"2026-03-02T04:00:00Z","updated_at":"2026-03-02T04:00:00Z"}"#;
        let mut request: crate::RequestRecord = serde_json::from_str(json).unwrap();
        assert_eq!(request.queue, None);
        assert!(
            !serde_json::to_string(&request)
                .unwrap()
                .contains("\"queue\"")
        );
        request.queue = Some(QueuePlace {
            cohort: 2023,
            number: 4,
            state: "waiting".into(),
            applied_at: datetime!(2026-03-02 04:00 UTC),
            clock_flag: None,
        });
        let back: crate::RequestRecord =
            serde_json::from_str(&serde_json::to_string(&request).unwrap()).unwrap();
        assert_eq!(back, request);
    }
}
