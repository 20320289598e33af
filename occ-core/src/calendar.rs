//! Dates as Thai users read them: in Bangkok time, with Buddhist Era years.
//!
//! Times are stored as UTC [`Timestamp`]s. Thailand has kept UTC+07:00 without daylight saving
//! since 1920, so Bangkok time is a fixed offset and needs no time zone database.

use jiff::tz::{Offset, TimeZone};
use jiff::{Timestamp, ZonedDateTime};

/// Years between the Gregorian and the Buddhist Era calendar: 2026 is 2569.
pub const BUDDHIST_ERA_OFFSET: i16 = 543;

/// Asia/Bangkok: UTC+07:00 all year.
pub const BANGKOK: TimeZone = TimeZone::fixed(Offset::constant(7));

/// The time in Bangkok.
pub fn in_bangkok(at: Timestamp) -> ZonedDateTime {
    at.to_zoned_datetime(BANGKOK)
}

/// The Buddhist Era year in Bangkok at `at`; it decides an Issue ID's year.
///
/// ```
/// use occ_core::calendar::buddhist_year;
///
/// let new_years_eve_utc: jiff::Timestamp = "2026-12-31T18:00:00Z".parse()?;
/// // Already 1 January 2027 in Bangkok:
/// assert_eq!(buddhist_year(new_years_eve_utc), 2570);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn buddhist_year(at: Timestamp) -> u32 {
    (in_bangkok(at).year() + BUDDHIST_ERA_OFFSET) as u32
}

/// The Buddhist Era year and the month (1 to 12) in Bangkok at `at`.
pub fn buddhist_year_month(at: Timestamp) -> (u32, u8) {
    let z = in_bangkok(at);
    ((z.year() + BUDDHIST_ERA_OFFSET) as u32, z.month() as u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_turns_at_bangkok_midnight() {
        let ts = |s: &str| s.parse::<Timestamp>().unwrap();
        assert_eq!(buddhist_year(ts("2016-06-01T00:00:00Z")), 2559);
        assert_eq!(buddhist_year(ts("2026-12-31T16:59:59Z")), 2569);
        assert_eq!(buddhist_year(ts("2026-12-31T17:00:00Z")), 2570);
        assert_eq!(buddhist_year_month(ts("2026-01-31T17:00:00Z")), (2569, 2));
    }
}
