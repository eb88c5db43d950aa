//! Official request numbers, assigned when a request is registered.
//!
//! The format is `<OFFICE>-<YEAR>-<SERIAL>`: the office's reference id in upper case, the year
//! of registration and a six-digit serial that restarts at 1 every year for every office, e.g.
//! `SKO-EDU-ARYS-2026-000123`. DOMAIN.md requires a number at registration (step 6) without
//! fixing its shape; the office id makes it unique across the country and readable at the
//! counter, the year keeps serials short, and the serial sorts in registration order.

use crate::db::{DbError, Sql};

/// Takes the next serial for `office_id` in `year` inside the caller's transaction.
pub fn next_number(sql: &mut dyn Sql, office_id: &str, year: i32) -> Result<String, DbError> {
    let year = i64::from(year);
    let row = sql.query_opt(
        "INSERT INTO request_numbers (office_id, year, last_serial) VALUES ($1, $2, 1)
         ON CONFLICT (office_id, year) DO UPDATE SET last_serial = request_numbers.last_serial + 1
         RETURNING last_serial",
        &[office_id.into(), year.into()],
    )?;
    let serial = row.map_or(Ok(1), |r| r.int(0))?;
    Ok(format(office_id, year, serial))
}

/// Formats a number.
pub fn format(office_id: &str, year: i64, serial: i64) -> String {
    format!("{}-{year}-{serial:06}", office_id.to_uppercase())
}

#[cfg(test)]
mod tests {
    #[test]
    fn number_names_office_year_and_serial() {
        assert_eq!(
            super::format("sko-edu-arys", 2026, 123),
            "SKO-EDU-ARYS-2026-000123"
        );
    }
}
