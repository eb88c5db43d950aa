//! Who may do what on the server; checked for every pushed operation, whatever the workstation
//! already allowed.
//!
//! The lifecycle ([`tereze_core::lifecycle::transition`]) says which moves are legal; this says
//! who may make them. Executors and heads do everything a request needs; a ЦОН operator accepts,
//! signs, registers and issues but does not process or decide (the provider does); an
//! administrator manages accounts and reference data and touches no request. Conflicts are the
//! head of department's alone.

use tereze_core::lifecycle::Action;
use tereze_core::store::Role;

/// May `role` save a request's form or attach a scan?
pub fn may_edit(role: Role) -> bool {
    matches!(role, Role::Executor | Role::ConOperator | Role::Head)
}

/// May `role` take `action` on a request?
pub fn may_act(role: Role, action: Action) -> bool {
    match role {
        Role::Executor | Role::Head => true,
        Role::ConOperator => matches!(action, Action::Sign | Action::Register | Action::Issue),
        Role::Administrator => false,
    }
}

/// May `role` see and resolve conflicts?
pub fn may_resolve_conflicts(role: Role) -> bool {
    role == Role::Head
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn con_operator_cannot_decide_and_admin_touches_no_request() {
        assert!(may_act(Role::ConOperator, Action::Register));
        assert!(!may_act(Role::ConOperator, Action::Decide));
        assert!(!may_act(Role::ConOperator, Action::SignResult));
        assert!(may_act(Role::Executor, Action::Decide));
        assert!(!may_act(Role::Administrator, Action::Sign));
        assert!(!may_edit(Role::Administrator));
        assert!(may_resolve_conflicts(Role::Head));
        assert!(!may_resolve_conflicts(Role::Executor));
    }
}
