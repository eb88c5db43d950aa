//! The workstation's own check before it issues a referral offline against a lease.
//!
//! The server accepts such a referral later if the lease was the workstation's, still held and
//! had a place left, and the child was waiting and fits the group. The workstation adds one
//! rule of fairness it can only check on its cached queue: the child is the next one that
//! group would go to — the first fitting child by cohort (oldest first), class, application
//! time and request id. [`may_refer_offline`] leaves the 1 : 3 ratio between first-priority
//! and general children to the server's runs (a first-priority child who fits always comes
//! first); [`may_refer_offline_in_ratio`] applies it on the cached queue too.

use thiserror::Error;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::allocate::{GroupPlaces, fits};
use super::applicant::Applicant;
use super::rules::{CategoryClass, QueueRules, Ratio};
use crate::i18n::{Localize, Localized};

/// The places of one group a lease holds for this workstation, as last synced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LeasedPlaces {
    /// The lease.
    pub lease_id: Uuid,
    /// Referrals may be issued until then.
    pub expires_at: OffsetDateTime,
    /// The group; `vacant` is the number of leased places not used yet.
    pub group: GroupPlaces,
}

/// Why a referral may not be issued offline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum OfflineReferralRefusal {
    /// The lease has expired: the server would refuse the referral.
    #[error("the lease has expired")]
    LeaseExpired,
    /// Every leased place of the group is used.
    #[error("no leased place is left in the group")]
    NoPlaceLeft,
    /// 1–31 August: no places are given.
    #[error("no offers during the transfer between age groups")]
    Frozen,
    /// The child is not waiting in the cached queue.
    #[error("the child is not waiting in the queue")]
    NotWaiting,
    /// The group does not fit the child.
    #[error("the group does not fit the child")]
    DoesNotFit,
    /// Another waiting child who fits the group comes first.
    #[error("another child comes first for this place")]
    NotNext {
        /// The request of the child who comes first.
        ahead: Uuid,
    },
}

impl Localize for OfflineReferralRefusal {
    fn localized(&self) -> Localized {
        match self {
            OfflineReferralRefusal::LeaseExpired => Localized::new("queue-offline-lease-expired"),
            OfflineReferralRefusal::NoPlaceLeft => Localized::new("queue-offline-no-place"),
            OfflineReferralRefusal::Frozen => Localized::new("queue-frozen"),
            OfflineReferralRefusal::NotWaiting => Localized::new("queue-offline-not-waiting"),
            OfflineReferralRefusal::DoesNotFit => Localized::new("queue-offline-does-not-fit"),
            OfflineReferralRefusal::NotNext { .. } => Localized::new("queue-offline-not-next"),
        }
    }
}

/// Whether `child` may be given a leased place of `lease` offline at `now` (`today` is the
/// local date), judged on `waiting`: the children of the cached queue who take part today
/// (see [`super::takes_part`]), the child among them.
pub fn may_refer_offline(
    rules: &QueueRules,
    lease: &LeasedPlaces,
    now: OffsetDateTime,
    today: Date,
    child: &Applicant,
    waiting: &[Applicant],
) -> Result<(), OfflineReferralRefusal> {
    if now > lease.expires_at {
        return Err(OfflineReferralRefusal::LeaseExpired);
    }
    if lease.group.vacant == 0 {
        return Err(OfflineReferralRefusal::NoPlaceLeft);
    }
    if rules.is_frozen(today) {
        return Err(OfflineReferralRefusal::Frozen);
    }
    if !waiting.iter().any(|a| a.id == child.id) {
        return Err(OfflineReferralRefusal::NotWaiting);
    }
    if !fits(rules, child, &lease.group, today) {
        return Err(OfflineReferralRefusal::DoesNotFit);
    }
    let first = waiting
        .iter()
        .filter(|a| fits(rules, a, &lease.group, today))
        .min_by_key(|a| (a.cohort(), a.order_key()));
    match first {
        Some(a) if a.id != child.id => Err(OfflineReferralRefusal::NotNext { ahead: a.id }),
        _ => Ok(()),
    }
}

/// Places of a cohort already given to first-priority and general children: the open offers
/// and valid referrals of the cached queue, and the referrals issued here since.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RatioServed {
    /// Given to first-priority children.
    pub first_priority: u64,
    /// Given to general children.
    pub general: u64,
}

impl RatioServed {
    /// Counts one more place given to a child of `class` (extraordinary places do not count).
    pub fn count(&mut self, class: CategoryClass) {
        match class {
            CategoryClass::FirstPriority => self.first_priority += 1,
            CategoryClass::General => self.general += 1,
            CategoryClass::Extraordinary => {}
        }
    }

    /// Whether the next place goes to a first-priority child under `ratio` (1 : 3 gives
    /// first-priority, general, general, general, …); an allocation run counts its offers with
    /// this too, so the offline check and the run share one rule.
    pub fn first_priority_due(&self, ratio: Ratio) -> bool {
        self.first_priority * u64::from(ratio.general)
            <= self.general * u64::from(ratio.first_priority)
    }
}

/// [`may_refer_offline`] with the 1 : 3 ratio applied on the cached queue.
///
/// The child who comes first for the leased group is found as a run would find it: the oldest
/// cohort with a child who fits; in it an extraordinary child who fits, else the class whose
/// turn it is, else the other class. Whose turn it is follows from `served(cohort)`: the
/// first-priority and general places of that cohort the cached queue shows as offered or
/// referred (a run's offers and earlier lease referrals alike, which is all the workstation
/// can see offline) plus those referred here since the last refresh. With nothing served yet
/// a first-priority child comes first, as in a run; after one, three general children do.
/// The server does not re-check the ratio when it accepts the referral: this is the
/// workstation's own fairness check, as strict as the cache allows.
pub fn may_refer_offline_in_ratio(
    rules: &QueueRules,
    lease: &LeasedPlaces,
    now: OffsetDateTime,
    today: Date,
    child: &Applicant,
    waiting: &[Applicant],
    served: impl Fn(i32) -> RatioServed,
) -> Result<(), OfflineReferralRefusal> {
    match may_refer_offline(rules, lease, now, today, child, waiting) {
        Ok(()) | Err(OfflineReferralRefusal::NotNext { .. }) => {}
        Err(refusal) => return Err(refusal),
    }
    let fitting: Vec<&Applicant> = waiting
        .iter()
        .filter(|a| fits(rules, a, &lease.group, today))
        .collect();
    let Some(cohort) = fitting.iter().map(|a| a.cohort()).min() else {
        return Ok(());
    };
    let first_of = |class: CategoryClass| {
        fitting
            .iter()
            .filter(|a| a.cohort() == cohort && a.class == class)
            .min_by_key(|a| a.order_key())
            .copied()
    };
    let (first_priority, general) = if served(cohort).first_priority_due(rules.ratio) {
        (CategoryClass::FirstPriority, CategoryClass::General)
    } else {
        (CategoryClass::General, CategoryClass::FirstPriority)
    };
    let next = first_of(CategoryClass::Extraordinary)
        .or_else(|| first_of(first_priority))
        .or_else(|| first_of(general));
    match next {
        Some(a) if a.id != child.id => Err(OfflineReferralRefusal::NotNext { ahead: a.id }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::queue::CategoryClass;
    use crate::queue::applicant::tests::child;
    use crate::reference::Language;
    use time::macros::{date, datetime};

    fn lease(vacant: u32) -> LeasedPlaces {
        LeasedPlaces {
            lease_id: Uuid::from_u128(99),
            expires_at: datetime!(2026-03-10 18:00 UTC),
            group: GroupPlaces {
                group_id: "g".into(),
                organisation_id: "org".into(),
                age_min: 2,
                age_max: 4,
                language: Language::Kk,
                correctional: false,
                vacant,
            },
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-03-05 10:00 UTC);
    const TODAY: Date = date!(2026 - 03 - 05);

    #[test]
    fn only_the_first_fitting_child_of_the_cached_queue_may_be_referred() {
        let rules = QueueRules::builtin().unwrap();
        let born = date!(2023 - 01 - 10);
        let early = child(
            1,
            CategoryClass::General,
            datetime!(2024-01-01 9:00 UTC),
            born,
        );
        let late = child(
            2,
            CategoryClass::General,
            datetime!(2024-06-01 9:00 UTC),
            born,
        );
        let privileged = child(
            3,
            CategoryClass::FirstPriority,
            datetime!(2025-01-01 9:00 UTC),
            born,
        );
        let russian = Applicant {
            language: Language::Ru,
            ..child(4, CategoryClass::Extraordinary, NOW, born)
        };
        let waiting = vec![late.clone(), early.clone(), russian.clone()];
        assert_eq!(
            may_refer_offline(&rules, &lease(1), NOW, TODAY, &late, &waiting),
            Err(OfflineReferralRefusal::NotNext { ahead: early.id })
        );
        assert_eq!(
            may_refer_offline(&rules, &lease(1), NOW, TODAY, &early, &waiting),
            Ok(())
        );
        // A child who does not fit the group (another language) neither blocks nor gets it.
        assert_eq!(
            may_refer_offline(&rules, &lease(1), NOW, TODAY, &russian, &waiting),
            Err(OfflineReferralRefusal::DoesNotFit)
        );
        let mut with_privilege = waiting.clone();
        with_privilege.push(privileged.clone());
        assert_eq!(
            may_refer_offline(&rules, &lease(1), NOW, TODAY, &early, &with_privilege),
            Err(OfflineReferralRefusal::NotNext {
                ahead: privileged.id
            })
        );
    }

    #[test]
    fn an_expired_or_used_up_lease_a_frozen_month_or_an_absent_child_refuse() {
        let rules = QueueRules::builtin().unwrap();
        let born = date!(2023 - 01 - 10);
        let a = child(
            1,
            CategoryClass::General,
            datetime!(2024-01-01 9:00 UTC),
            born,
        );
        let waiting = vec![a.clone()];
        let after = datetime!(2026-03-10 18:00:01 UTC);
        assert_eq!(
            may_refer_offline(&rules, &lease(1), after, TODAY, &a, &waiting),
            Err(OfflineReferralRefusal::LeaseExpired)
        );
        assert_eq!(
            may_refer_offline(&rules, &lease(0), NOW, TODAY, &a, &waiting),
            Err(OfflineReferralRefusal::NoPlaceLeft)
        );
        let mut summer = lease(1);
        summer.expires_at = datetime!(2026-08-20 0:00 UTC);
        assert_eq!(
            may_refer_offline(
                &rules,
                &summer,
                datetime!(2026-08-03 10:00 UTC),
                date!(2026 - 08 - 03),
                &a,
                &waiting
            ),
            Err(OfflineReferralRefusal::Frozen)
        );
        assert_eq!(
            may_refer_offline(&rules, &lease(1), NOW, TODAY, &a, &[]),
            Err(OfflineReferralRefusal::NotWaiting)
        );
    }

    #[test]
    fn with_the_ratio_a_general_child_comes_after_one_first_priority_place_in_the_cohort() {
        let rules = QueueRules::builtin().unwrap();
        assert_eq!((rules.ratio.first_priority, rules.ratio.general), (1, 3));
        let born = date!(2023 - 01 - 10);
        let general = child(
            1,
            CategoryClass::General,
            datetime!(2024-01-01 9:00 UTC),
            born,
        );
        let privileged = child(
            2,
            CategoryClass::FirstPriority,
            datetime!(2025-01-01 9:00 UTC),
            born,
        );
        let waiting = vec![general.clone(), privileged.clone()];
        let none = |_| RatioServed::default();
        assert_eq!(
            may_refer_offline_in_ratio(&rules, &lease(1), NOW, TODAY, &general, &waiting, none),
            Err(OfflineReferralRefusal::NotNext {
                ahead: privileged.id
            }),
            "nothing served yet: first-priority first, as in a run"
        );
        let one_privileged = |cohort| {
            let mut s = RatioServed::default();
            if cohort == 2023 {
                s.count(CategoryClass::FirstPriority);
            }
            s
        };
        assert_eq!(
            may_refer_offline_in_ratio(
                &rules,
                &lease(1),
                NOW,
                TODAY,
                &general,
                &waiting,
                one_privileged
            ),
            Ok(())
        );
        assert_eq!(
            may_refer_offline_in_ratio(
                &rules,
                &lease(1),
                NOW,
                TODAY,
                &privileged,
                &waiting,
                one_privileged
            ),
            Err(OfflineReferralRefusal::NotNext { ahead: general.id })
        );
        let three_general = |_| RatioServed {
            first_priority: 1,
            general: 3,
        };
        assert_eq!(
            may_refer_offline_in_ratio(
                &rules,
                &lease(1),
                NOW,
                TODAY,
                &privileged,
                &waiting,
                three_general
            ),
            Ok(()),
            "after three general places the turn is first-priority's again"
        );
        // Without a first-priority child the general child is next whatever the count.
        assert_eq!(
            may_refer_offline_in_ratio(
                &rules,
                &lease(1),
                NOW,
                TODAY,
                &general,
                std::slice::from_ref(&general),
                none
            ),
            Ok(())
        );
        // The other refusals are those of the plain check.
        assert_eq!(
            may_refer_offline_in_ratio(&rules, &lease(0), NOW, TODAY, &general, &waiting, none),
            Err(OfflineReferralRefusal::NoPlaceLeft)
        );
    }
}
