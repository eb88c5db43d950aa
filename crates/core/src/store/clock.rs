//! Timestamps as the store writes them: UTC, microseconds, fixed width so text order is time
//! order (`2026-03-08T09:15:02.123456Z`).

use time::format_description::FormatItem;
use time::macros::format_description;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::StoreError;

const FORMAT: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");

/// The current time truncated to microseconds, and its stored text.
pub(crate) fn now() -> Result<(OffsetDateTime, String), StoreError> {
    let t = OffsetDateTime::now_utc();
    let t = t
        .replace_nanosecond(t.nanosecond() / 1000 * 1000)
        .map_err(|_| StoreError::Invalid { what: "clock" })?;
    Ok((t, format(t)?))
}

/// The stored text of a time, converted to UTC first (the text always ends in `Z`).
pub(crate) fn format(t: OffsetDateTime) -> Result<String, StoreError> {
    t.to_offset(time::UtcOffset::UTC)
        .format(FORMAT)
        .map_err(|_| StoreError::Invalid { what: "timestamp" })
}

/// Reads a stored timestamp back.
pub(crate) fn parse(s: &str) -> Result<OffsetDateTime, StoreError> {
    PrimitiveDateTime::parse(s, FORMAT)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|_| StoreError::Invalid { what: "timestamp" })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn stored_text_round_trips_and_sorts_by_time() {
        let (t, s) = now().unwrap();
        assert_eq!(parse(&s).unwrap(), t);
        let earlier = format(t - time::Duration::microseconds(1)).unwrap();
        let later = format(t + time::Duration::seconds(1)).unwrap();
        assert!(earlier < s && s < later);
        assert_eq!(s.len(), "2026-03-08T09:15:02.123456Z".len());
    }

    #[test]
    fn office_time_is_stored_as_utc() {
        let office = time::macros::datetime!(2026-03-08 14:15:02 +5);
        assert_eq!(format(office).unwrap(), "2026-03-08T09:15:02.000000Z");
        assert_eq!(parse(&format(office).unwrap()).unwrap(), office);
    }
}
