//! A waiting child as the queue sees it, and the order of the queue.
//!
//! The queue holds no names: the request id, the birth date, the application time and what the
//! form asked for are all the ordering and allocation need.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::rules::CategoryClass;
use crate::reference::Language;

/// One child waiting in the queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    /// The request that put the child in the queue.
    pub id: Uuid,
    /// The child's date of birth: the cohort and the age bands follow from it.
    pub birth_date: Date,
    /// When the application was made; kept through refusals and stop-lists.
    #[serde(with = "time::serde::rfc3339")]
    pub applied_at: OffsetDateTime,
    /// The class of the proven privilege category.
    pub class: CategoryClass,
    /// The language of the group asked for.
    pub language: Language,
    /// Asked for a correctional group.
    pub correctional: bool,
    /// The PMPK commission's decision is on file: without it no correctional group is offered.
    pub pmpk_decision: bool,
    /// Organisations in the order the applicant prefers them; empty means any.
    pub wishes: Vec<String>,
}

/// The total order of the queue: class, then application time, then request id.
pub type OrderKey = (CategoryClass, OffsetDateTime, Uuid);

impl Applicant {
    /// The queue is kept per cohort: the year of birth.
    pub fn cohort(&self) -> i32 {
        self.birth_date.year()
    }

    /// Where the child stands in its cohort's queue relative to others.
    pub fn order_key(&self) -> OrderKey {
        (self.class, self.applied_at, self.id)
    }
}

/// A child's official place in its cohort's queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// The request.
    pub id: Uuid,
    /// The cohort (year of birth).
    pub cohort: i32,
    /// 1 for the first child of the cohort.
    pub number: u32,
}

/// The queue numbers of every applicant, per cohort in queue order. The same applicants in any
/// input order give the same numbers.
pub fn positions(applicants: &[Applicant]) -> BTreeMap<i32, Vec<Position>> {
    let mut by_cohort: BTreeMap<i32, Vec<&Applicant>> = BTreeMap::new();
    for a in applicants {
        by_cohort.entry(a.cohort()).or_default().push(a);
    }
    by_cohort
        .into_iter()
        .map(|(cohort, mut list)| {
            list.sort_by_key(|a| a.order_key());
            let numbered = list
                .iter()
                .zip(1u32..)
                .map(|(a, number)| Position {
                    id: a.id,
                    cohort,
                    number,
                })
                .collect();
            (cohort, numbered)
        })
        .collect()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use time::macros::{date, datetime};

    /// A waiting Kazakh-group child without special needs or wishes (shared with the lease tests).
    pub(in crate::queue) fn child(
        n: u128,
        class: CategoryClass,
        applied: OffsetDateTime,
        born: Date,
    ) -> Applicant {
        Applicant {
            id: Uuid::from_u128(n),
            birth_date: born,
            applied_at: applied,
            class,
            language: Language::Kk,
            correctional: false,
            pmpk_decision: false,
            wishes: Vec::new(),
        }
    }

    #[test]
    fn extraordinary_first_then_first_priority_then_general_each_by_time() {
        let born = date!(2022 - 05 - 01);
        let early = datetime!(2023-01-10 09:00 UTC);
        let late = datetime!(2024-06-01 16:30 UTC);
        let list = vec![
            child(1, CategoryClass::General, early, born),
            child(2, CategoryClass::Extraordinary, late, born),
            child(3, CategoryClass::FirstPriority, late, born),
            child(4, CategoryClass::FirstPriority, early, born),
            child(5, CategoryClass::General, late, born),
        ];
        let numbers: Vec<(u128, u32)> = positions(&list)[&2022]
            .iter()
            .map(|p| (p.id.as_u128(), p.number))
            .collect();
        assert_eq!(numbers, vec![(2, 1), (4, 2), (3, 3), (1, 4), (5, 5)]);
    }

    #[test]
    fn each_cohort_counts_from_one_and_input_order_does_not_matter() {
        let at = datetime!(2024-03-01 10:00 UTC);
        let mut list = vec![
            child(1, CategoryClass::General, at, date!(2021 - 12 - 31)),
            child(2, CategoryClass::General, at, date!(2022 - 01 - 01)),
            child(3, CategoryClass::General, at, date!(2021 - 01 - 01)),
        ];
        let first = positions(&list);
        list.reverse();
        assert_eq!(positions(&list), first);
        assert_eq!(
            first[&2021].iter().map(|p| p.number).collect::<Vec<_>>(),
            [1, 2]
        );
        assert_eq!(first[&2022][0].number, 1);
        // Same time and class: the request id decides, so the order is total.
        assert_eq!(first[&2021][0].id, Uuid::from_u128(1));
    }
}
