//! The one place where the allowed request transitions are enforced.

use thiserror::Error;

use super::{Action, Flow, Status};
use crate::i18n::{Localize, Localized};

/// An action that is not allowed in the request's current status; nothing was changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("action {} is not allowed in status {}", action.as_str(), from.as_str())]
pub struct TransitionError {
    /// The flow the request follows.
    pub flow: Flow,
    /// The status the request is in (and stays in).
    pub from: Status,
    /// The refused action.
    pub action: Action,
}

impl Localize for TransitionError {
    fn localized(&self) -> Localized {
        Localized::new("lifecycle-transition-not-allowed")
            .arg("from", self.from.as_str())
            .arg("action", self.action.as_str())
    }
}

/// The status a request reaches when `action` is applied in status `from`, or why it cannot be.
///
/// Both flows share the request's own transitions (see the module docs); the preschool queue's
/// extra life after the talon is issued is [`super::queue_transition`]. The flow is still an
/// argument so that a flow added later must state its transitions here.
pub fn transition(flow: Flow, from: Status, action: Action) -> Result<Status, TransitionError> {
    let next = match flow {
        Flow::Standard | Flow::PreschoolQueue => standard(from, action),
    };
    next.ok_or(TransitionError { flow, from, action })
}

fn standard(from: Status, action: Action) -> Option<Status> {
    use Action as A;
    use Status as S;
    match (from, action) {
        (S::Draft, A::Sign) => Some(S::Signed),
        (S::Signed, A::Register) => Some(S::Registered),
        (S::Registered, A::TakeIntoWork) => Some(S::InWork),
        (S::InWork, A::Decide) => Some(S::Decided),
        (S::Registered | S::InWork, A::Refuse) => Some(S::Refused),
        (S::Decided | S::Refused, A::SignResult) => Some(S::ResultSigned),
        (S::ResultSigned, A::Issue) => Some(S::Issued),
        _ => None,
    }
}

/// The actions allowed in a status, in [`Action::ALL`] order: what the screen offers as buttons.
pub fn allowed_actions(flow: Flow, from: Status) -> Vec<Action> {
    Action::ALL
        .into_iter()
        .filter(|&a| transition(flow, from, a).is_ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_names_status_and_action_for_the_operator() {
        let err = transition(Flow::Standard, Status::Draft, Action::Issue).unwrap_err();
        let msg = err.localized();
        assert_eq!(msg.key, "lifecycle-transition-not-allowed");
        assert_eq!(msg.get("from"), Some("draft"));
        assert_eq!(msg.get("action"), Some("issue"));
    }

    #[test]
    fn in_work_offers_decide_and_refuse() {
        assert_eq!(
            allowed_actions(Flow::Standard, Status::InWork),
            vec![Action::Decide, Action::Refuse]
        );
        assert!(allowed_actions(Flow::PreschoolQueue, Status::Issued).is_empty());
    }
}
