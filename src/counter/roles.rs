//! Who signs which output document, enforced before a result signature is made.
//!
//! The regulations have the provider's executor sign the result with their ЭЦП for the preschool
//! queue (002:L153), archival certificates (002:L1312-1334), the unemployed certificate
//! (002:L2359-2381) and the disabled-child support notification (002:L3467-3489); the school
//! admission order is drafted by the executor and signed by the head (003: actions 3–4). A head
//! of department may sign whatever an executor may. A ЦОН operator only passes results on, and
//! an administrator signs nothing.

use tereze_core::i18n::{Localize, Localized};
use tereze_core::regulation::{OutcomeKind, Regulation};
use tereze_core::store::Role;

/// Who must sign an output document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequiredSigner {
    /// The executor of the providing office (or the head).
    Executor,
    /// The head of department only.
    Head,
}

/// The signer an outcome document of `regulation` requires.
pub fn required_signer(regulation: &Regulation, outcome: OutcomeKind) -> RequiredSigner {
    match (regulation.id.as_str(), outcome) {
        ("school-admission", OutcomeKind::Positive) => RequiredSigner::Head,
        _ => RequiredSigner::Executor,
    }
}

/// Why this operator may not sign the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignerRefused {
    /// The document needs the head of department's signature.
    #[error("the head of department must sign this document")]
    HeadRequired,
    /// The operator's role signs no output documents.
    #[error("this role signs no output documents")]
    RoleCannotSign,
}

impl Localize for SignerRefused {
    fn localized(&self) -> Localized {
        match self {
            Self::HeadRequired => Localized::new("counter-head-must-sign"),
            Self::RoleCannotSign => Localized::new("counter-role-cannot-sign"),
        }
    }
}

/// Whether an operator with `role` may sign a document that requires `required`.
pub fn may_sign(role: Role, required: RequiredSigner) -> Result<(), SignerRefused> {
    match (role, required) {
        (Role::Head, _) | (Role::Executor, RequiredSigner::Executor) => Ok(()),
        (Role::Executor, RequiredSigner::Head) => Err(SignerRefused::HeadRequired),
        (Role::ConOperator | Role::Administrator, _) => Err(SignerRefused::RoleCannotSign),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_executor_cannot_sign_what_needs_the_head() {
        assert_eq!(
            may_sign(Role::Executor, RequiredSigner::Head),
            Err(SignerRefused::HeadRequired)
        );
        assert_eq!(may_sign(Role::Head, RequiredSigner::Head), Ok(()));
        assert_eq!(may_sign(Role::Executor, RequiredSigner::Executor), Ok(()));
        assert_eq!(
            may_sign(Role::ConOperator, RequiredSigner::Executor),
            Err(SignerRefused::RoleCannotSign)
        );
    }
}
