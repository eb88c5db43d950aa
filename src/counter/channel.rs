//! The channel a new request is saved with follows where the operator works: a request taken
//! by a ЦОН operator, or by anyone whose office is a ЦОН branch, came through the ЦОН and gets
//! the ЦОН terms of its regulation (002:L157-211, 004:L122-168); every other request came to
//! the provider's own office.

use tereze_core::channel::Channel;
use tereze_core::reference::{OfficeKind, ReferenceData};
use tereze_core::store::{Operator, Role};

/// The channel of a request taken by an operator with `role` at an office of `office_kind`
/// (`None` when the office is not in the reference data).
pub fn for_operator(role: Role, office_kind: Option<OfficeKind>) -> Channel {
    if role == Role::ConOperator || office_kind == Some(OfficeKind::Con) {
        Channel::Con
    } else {
        Channel::Office
    }
}

/// The channel of a request `operator` takes, their office looked up in the shipped reference
/// data.
pub fn of_operator(operator: &Operator) -> Channel {
    let kind = ReferenceData::builtin()
        .ok()
        .and_then(|r| r.office(&operator.office_id).map(|o| o.kind));
    for_operator(operator.role, kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn con_operators_and_con_offices_take_requests_through_the_con() {
        assert_eq!(for_operator(Role::ConOperator, None), Channel::Con);
        assert_eq!(
            for_operator(Role::ConOperator, Some(OfficeKind::EducationDepartment)),
            Channel::Con
        );
        assert_eq!(
            for_operator(Role::Executor, Some(OfficeKind::Con)),
            Channel::Con
        );
        assert_eq!(
            for_operator(Role::Executor, Some(OfficeKind::EducationDepartment)),
            Channel::Office
        );
        assert_eq!(for_operator(Role::Head, None), Channel::Office);
    }
}
