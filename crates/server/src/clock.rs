//! The server's clock: UTC, as RFC 3339 text in the database.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

/// Now, in UTC.
pub fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// A time as stored: RFC 3339 in UTC.
pub fn text(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// Now, as stored.
pub fn now_text() -> String {
    text(now())
}

/// Parses a stored time; a damaged value reads as the epoch rather than failing a listing.
pub fn parse(s: &str) -> OffsetDateTime {
    OffsetDateTime::parse(s, &Rfc3339).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
