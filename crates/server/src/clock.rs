//! The server's clock: UTC, as fixed-width RFC 3339 text in the database.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{OffsetDateTime, UtcOffset};

/// Now, in UTC.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// A time as stored: RFC 3339 in UTC with exactly six fractional digits, so that text order is
/// time order in both databases.
pub fn text(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z"
        ))
        .unwrap_or_default()
}

/// Now, as stored.
pub fn now_text() -> String {
    text(now())
}

/// Parses a stored time; a damaged value reads as the epoch rather than failing a listing.
pub fn parse(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_times_sort_as_text_and_parse_back() {
        let a = OffsetDateTime::UNIX_EPOCH + time::Duration::milliseconds(100);
        let b = OffsetDateTime::UNIX_EPOCH + time::Duration::milliseconds(120);
        assert_eq!(text(a), "1970-01-01T00:00:00.100000Z");
        assert!(text(a) < text(b));
        assert_eq!(parse(&text(b)), b);
    }
}
