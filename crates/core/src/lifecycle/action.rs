//! What an operator does to a request, and what a decision produced.

use serde::{Deserialize, Serialize};

/// An operator's (or the system's) step on a request; [`super::transition`] says where it leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Sign the filled form and attachments with the executor's ЭЦП (after it was verified).
    Sign,
    /// Register the request and assign its number ("поступившие").
    Register,
    /// Accept the request into work ("в работе").
    TakeIntoWork,
    /// Decide in the applicant's favour and form the output document (for the preschool queue:
    /// the registration talon or the referral).
    Decide,
    /// Decide a motivated refusal and form the refusal letter.
    Refuse,
    /// Sign the output document (positive or refusal) with the executor's or head's ЭЦП.
    SignResult,
    /// Hand the signed output document to the applicant, by hand or by e-mail.
    Issue,
}

impl Action {
    /// Every action.
    pub const ALL: [Action; 7] = [
        Action::Sign,
        Action::Register,
        Action::TakeIntoWork,
        Action::Decide,
        Action::Refuse,
        Action::SignResult,
        Action::Issue,
    ];

    /// The stable name used in the audit log and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Sign => "sign",
            Action::Register => "register",
            Action::TakeIntoWork => "take-into-work",
            Action::Decide => "decide",
            Action::Refuse => "refuse",
            Action::SignResult => "sign-result",
            Action::Issue => "issue",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The outcome a deciding action records on the request; `None` for the other actions.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Action::Decide => Some(Outcome::Granted),
            Action::Refuse => Some(Outcome::Refused),
            _ => None,
        }
    }
}

/// Which kind of output document a decided request carries to signing and issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// The service was rendered: certificate, notification, registration talon or referral.
    Granted,
    /// A motivated refusal letter.
    Refused,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 2] = [Outcome::Granted, Outcome::Refused];

    /// The stable name used in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Granted => "granted",
            Outcome::Refused => "refused",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for a in Action::ALL {
            assert_eq!(Action::parse(a.as_str()), Some(a));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::parse(o.as_str()), Some(o));
        }
        assert_eq!(Action::parse("Sign"), None);
    }

    #[test]
    fn only_decisions_carry_an_outcome() {
        assert_eq!(Action::Decide.outcome(), Some(Outcome::Granted));
        assert_eq!(Action::Refuse.outcome(), Some(Outcome::Refused));
        assert_eq!(Action::SignResult.outcome(), None);
    }
}
