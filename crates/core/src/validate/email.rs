//! E-mail addresses, for sending the result (002:L155). A sane subset of RFC 5322: one `@`, a
//! non-empty local part without spaces or brackets, and a domain of at least two labels
//! (internationalised labels such as `.қаз` are letters too). White space is dropped because a
//! stray space is the most common typing slip (`name@ mail.ru`); the domain is lower-cased.

use thiserror::Error;

use crate::i18n::{Localize, Localized};

/// Why a string is not an e-mail address.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum EmailError {
    /// Not of the form `name@domain.tld`.
    #[error("not an e-mail address")]
    Invalid,
}

impl Localize for EmailError {
    fn localized(&self) -> Localized {
        match self {
            EmailError::Invalid => Localized::new("email-invalid"),
        }
    }
}

/// Checks and normalises an address.
pub fn parse(input: &str) -> Result<String, EmailError> {
    let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.chars().count() > 254 {
        return Err(EmailError::Invalid);
    }
    let (local, domain) = compact.split_once('@').ok_or(EmailError::Invalid)?;
    let local_ok = !local.is_empty()
        && local.chars().count() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| !c.is_control() && !"@,;:<>()[]\\\"".contains(c));
    if !local_ok {
        return Err(EmailError::Invalid);
    }
    let domain = domain.to_lowercase();
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.chars().count() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| t.chars().any(char::is_alphabetic));
    if labels.len() < 2 || !labels.iter().all(label_ok) || !tld_ok {
        return Err(EmailError::Invalid);
    }
    Ok(format!("{local}@{domain}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_addresses_pass_and_are_tidied() {
        assert_eq!(parse("oz_sp@mail.ru").unwrap(), "oz_sp@mail.ru");
        assert_eq!(
            parse("gauharbaidibek@ Mail.RU").unwrap(),
            "gauharbaidibek@mail.ru"
        );
        assert_eq!(parse("білім@мектеп.қаз").unwrap(), "білім@мектеп.қаз");
    }

    #[test]
    fn malformed_addresses_fail() {
        for bad in [
            "no-at.kz",
            "a@b",
            "a@@b.kz",
            "@mail.ru",
            "a@mail..ru",
            "a@-mail.ru",
            "a.@mail.ru",
            "a<b>@mail.ru",
            "a@mail.123",
            "12ord_tszn@mail",
        ] {
            assert_eq!(parse(bad), Err(EmailError::Invalid), "{bad}");
        }
    }
}
