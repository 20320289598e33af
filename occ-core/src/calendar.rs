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

/// A day in Bangkok, with its Buddhist Era year: what statistics are counted by.
///
/// ```
/// use occ_core::calendar::Day;
///
/// let day: Day = "2569-12-04".parse()?;
/// assert_eq!(day.to_string(), "2569-12-04");
/// assert_eq!(day.next().to_string(), "2569-12-05");
/// assert_eq!(Day::of("2026-12-03T17:30:00Z".parse()?), day);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Day(jiff::civil::Date);

impl Day {
    /// The day in Bangkok at `at`.
    pub fn of(at: Timestamp) -> Self {
        Self(in_bangkok(at).date())
    }

    /// The day with this Buddhist Era year, month and day of month.
    pub fn new(year_be: u32, month: u8, day: u8) -> Option<Self> {
        let year = i16::try_from(year_be).ok()? - BUDDHIST_ERA_OFFSET;
        jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?)
            .ok()
            .map(Self)
    }

    /// The Buddhist Era year.
    pub fn year_be(self) -> u32 {
        (self.0.year() + BUDDHIST_ERA_OFFSET) as u32
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.0.month() as u8
    }

    /// The day of the month.
    pub fn day(self) -> u8 {
        self.0.day() as u8
    }

    /// The Gregorian date.
    pub fn date(self) -> jiff::civil::Date {
        self.0
    }

    /// The next day.
    pub fn next(self) -> Self {
        Self(self.0.tomorrow().unwrap_or(self.0))
    }

    /// The day `days` days later (earlier when negative).
    pub fn plus(self, days: i32) -> Self {
        Self(
            self.0
                .checked_add(jiff::Span::new().days(days))
                .unwrap_or(self.0),
        )
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    pub fn days_until(self, other: Day) -> i32 {
        (other.0 - self.0).get_days()
    }

    /// Noon of the day in Bangkok: a moment that shows as this day in any report.
    pub fn noon(self) -> Timestamp {
        self.0
            .to_datetime(jiff::civil::Time::constant(12, 0, 0, 0))
            .to_zoned_datetime(BANGKOK)
            .map_or(Timestamp::MIN, |z| z.timestamp())
    }

    /// The first day of its month.
    pub fn first_of_month(self) -> Self {
        Self(self.0.first_of_month())
    }

    /// The last day of its month.
    pub fn last_of_month(self) -> Self {
        Self(self.0.last_of_month())
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:04}-{:02}-{:02}",
            self.year_be(),
            self.month(),
            self.day()
        )
    }
}

/// Text that is not a day written as `YYYY-MM-DD` with a Buddhist Era year.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a day: write it as YYYY-MM-DD with a Buddhist Era year, such as 2569-12-04")]
pub struct ParseDayError(pub String);

impl std::str::FromStr for Day {
    type Err = ParseDayError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ParseDayError(s.to_owned());
        let ascii = crate::text::thai_digits_to_ascii(s.trim());
        let mut parts = ascii.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        let (y, m, d) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        Day::new(y, m, d).ok_or_else(bad)
    }
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

    #[test]
    fn days() {
        let d: Day = "๒๕๖๙-๑๒-๓๑".parse().unwrap();
        assert_eq!(d.next().to_string(), "2570-01-01");
        assert_eq!(d.plus(-30).to_string(), "2569-12-01");
        assert_eq!(d.first_of_month().days_until(d), 30);
        assert_eq!(d.days_until(d.first_of_month()), -30);
        assert_eq!(Day::new(2569, 2, 29), None);
        assert_eq!(
            Day::new(2567, 2, 29).map(|d| d.to_string()),
            Some("2567-02-29".into())
        );
        for bad in ["2569-13-01", "2026", "x", "2569-1-1-1"] {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
    }
}
