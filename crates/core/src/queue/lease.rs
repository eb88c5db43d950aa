//! The workstation's own check before it issues a referral offline against a lease.
//!
//! The server accepts such a referral later if the lease was the workstation's, still held and
//! had a place left, and the child was waiting and fits the group. The workstation adds one
//! rule of fairness it can only check on its cached queue: the child is the next one that
//! group would go to — the first fitting child by cohort (oldest first), class, application
//! time and request id. The 1 : 3 ratio between first-priority and general children is left to
//! the server's runs: offline, a first-priority child who fits always comes first.

use thiserror::Error;
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::allocate::{GroupPlaces, fits};
use super::applicant::Applicant;
use super::rules::QueueRules;
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
}
