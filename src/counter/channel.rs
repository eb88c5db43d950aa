//! The channel a new request is saved with follows where the operator works: a request taken
//! by a ЦОН operator, or by anyone whose office is a ЦОН branch, came through the ЦОН and gets
//! the ЦОН terms of its regulation (002:L157-211, 004:L122-168); every other request came to
//! the provider's own office.

use tereze_core::channel::Channel;
use tereze_core::i18n::{Localize, Localized};
use tereze_core::reference::{OfficeKind, ReferenceData};
use tereze_core::regulation::Regulation;
use tereze_core::store::{Operator, Role};

/// A service whose regulation has no action table for the channel the operator works in: the
/// disabled-child support (002:L3423) and school admission (003:L11-13) are not taken at a ЦОН.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the service is not provided through this channel")]
pub struct NotThroughChannel {
    /// The service's name in Kazakh and Russian.
    pub service: String,
}

impl Localize for NotThroughChannel {
    fn localized(&self) -> Localized {
        Localized::new("channel-service-not-at-con").arg("service", self.service.clone())
    }
}

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

/// Whether a request of `regulation` may be taken through `channel`: the regulation's action
/// tables give that channel at least one step. The provider's own office always may.
pub fn admits(regulation: &Regulation, channel: Channel) -> Result<(), NotThroughChannel> {
    if channel == Channel::Office || regulation.deadlines.iter().any(|d| d.channel == channel) {
        Ok(())
    } else {
        Err(NotThroughChannel {
            service: format!("{} / {}", regulation.names.kk, regulation.names.ru),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tereze_core::regulation::Registry;

    #[test]
    fn the_con_takes_only_services_with_a_con_action_table() {
        let registry = Registry::builtin().unwrap();
        for (service, at_con) in [
            ("preschool-queue", true),
            ("archive-certificate", true),
            ("unemployed-certificate", true),
            ("disabled-child-support", false),
            ("school-admission", false),
        ] {
            let regulation = registry.get(service).unwrap();
            assert_eq!(
                admits(regulation, Channel::Con).is_ok(),
                at_con,
                "{service}"
            );
            assert!(admits(regulation, Channel::Office).is_ok(), "{service}");
        }
    }

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
