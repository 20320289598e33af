//! Period reports: what the center received, forwarded and resolved, how fast, and the change
//! against the previous period of the same length ("3.5 times more than the year before").
//!
//! A report is built from the store's day counters ([`CounterKey`]), so it costs a few counters
//! per day of the two periods, however many complaints the store holds. Medians of times to
//! forward and to resolve are read from delay buckets, so they are upper bounds at the
//! resolution of [`DELAY_BUCKETS_MINUTES`](crate::store::DELAY_BUCKETS_MINUTES): within five
//! minutes in the first hour, an hour in the first day, a day in the first two weeks.

use std::collections::BTreeMap;

use jiff::SignedDuration;
use serde::Serialize;

use crate::calendar::Day;
use crate::catalog::AgencyCode;
use crate::store::{CounterKey, DELAY_BUCKETS_MINUTES, bucket_upper_bound};

const BUCKETS: usize = DELAY_BUCKETS_MINUTES.len() + 1;

/// Days from `first` to `last`, both included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Period {
    /// The first day.
    #[serde(serialize_with = "as_text")]
    pub first: Day,
    /// The last day.
    #[serde(serialize_with = "as_text")]
    pub last: Day,
}

fn as_text<S: serde::Serializer>(d: &Day, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(d)
}

impl Period {
    /// The days from `first` to `last`; `None` if `last` is before `first`.
    pub fn new(first: Day, last: Day) -> Option<Self> {
        (first <= last).then_some(Self { first, last })
    }

    /// A month of a Buddhist Era year.
    pub fn month(year_be: u32, month: u8) -> Option<Self> {
        let first = Day::new(year_be, month, 1)?;
        Some(Self {
            first,
            last: first.last_of_month(),
        })
    }

    /// A month as people type it: `2569-11`, `11/2569`, `2026-11`, with Thai or ASCII digits.
    /// A year from 2400 on is taken as Buddhist Era, an earlier one as Common Era.
    ///
    /// ```
    /// use occ_core::stats::Period;
    /// let november = Period::month(2569, 11).unwrap();
    /// assert_eq!(Period::parse_month("2569-11"), Some(november));
    /// assert_eq!(Period::parse_month(" 2026/11 "), Some(november));
    /// assert_eq!(Period::parse_month("๑๑/๒๕๖๙"), Some(november));
    /// assert_eq!(Period::parse_month("2569-13"), None);
    /// ```
    pub fn parse_month(text: &str) -> Option<Self> {
        let ascii = crate::text::thai_digits_to_ascii(text.trim()).into_owned();
        let (a, b) = ascii.split_once(['-', '/'])?;
        let (a, b): (u32, u32) = (a.trim().parse().ok()?, b.trim().parse().ok()?);
        let (year, month) = if a > 12 { (a, b) } else { (b, a) };
        let year_be = if year >= 2400 {
            year
        } else {
            year + crate::calendar::BUDDHIST_ERA_OFFSET as u32
        };
        Self::month(year_be, u8::try_from(month).ok()?)
    }

    /// How many days it has.
    pub fn days(&self) -> u32 {
        (self.first.days_until(self.last) + 1) as u32
    }

    /// The period to compare with: for a whole calendar month, the month before; otherwise the
    /// period of the same length that ends the day before this one starts.
    ///
    /// ```
    /// use occ_core::stats::Period;
    /// let december = Period::month(2569, 12).unwrap();
    /// assert_eq!(december.previous(), Period::month(2569, 11).unwrap());
    /// ```
    pub fn previous(&self) -> Self {
        let last = self.first.plus(-1);
        if self.first.day() == 1 && self.last == self.first.last_of_month() {
            return Self {
                first: last.first_of_month(),
                last,
            };
        }
        Self {
            first: last.plus(1 - self.days() as i32),
            last,
        }
    }

    /// True when `day` is in it.
    pub fn contains(&self, day: Day) -> bool {
        self.first <= day && day <= self.last
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} to {}", self.first, self.last)
    }
}

/// The figures of one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFigures {
    /// Complaints received.
    pub received: u64,
    /// Forwardings made, by agency.
    pub forwarded: BTreeMap<AgencyCode, u64>,
    /// Complaints resolved.
    pub resolved: u64,
    to_forward: [u64; BUCKETS],
    to_resolve: [u64; BUCKETS],
}

impl Default for PeriodFigures {
    fn default() -> Self {
        Self {
            received: 0,
            forwarded: BTreeMap::new(),
            resolved: 0,
            to_forward: [0; BUCKETS],
            to_resolve: [0; BUCKETS],
        }
    }
}

/// The bucket holding the middle value (the lower of the two middle ones for an even count).
fn median(buckets: &[u64; BUCKETS]) -> Option<SignedDuration> {
    let total: u64 = buckets.iter().sum();
    if total == 0 {
        return None;
    }
    let mut seen = 0;
    for (b, n) in buckets.iter().enumerate() {
        seen += n;
        if seen * 2 >= total {
            // The open-ended last bucket reports a year and a day.
            return Some(
                bucket_upper_bound(b as u8).unwrap_or(SignedDuration::from_hours(366 * 24)),
            );
        }
    }
    None
}

impl PeriodFigures {
    /// Forwardings made to any agency.
    pub fn forwarded_total(&self) -> u64 {
        self.forwarded.values().sum()
    }

    /// The median time from filing to the first forwarding, for complaints first forwarded in
    /// the period (an upper bound at bucket resolution).
    pub fn median_time_to_forward(&self) -> Option<SignedDuration> {
        median(&self.to_forward)
    }

    /// The median time from filing to resolution, for complaints resolved in the period.
    pub fn median_time_to_resolve(&self) -> Option<SignedDuration> {
        median(&self.to_resolve)
    }

    /// Adds a day counter's value.
    pub(crate) fn add(&mut self, key: &CounterKey, value: u64) {
        match key {
            CounterKey::ReceivedOn(_) => self.received += value,
            CounterKey::ForwardedOn(_, a) => *self.forwarded.entry(a.clone()).or_default() += value,
            CounterKey::ResolvedOn(_) => self.resolved += value,
            CounterKey::TimeToForward(_, b) => {
                self.to_forward[usize::from(*b).min(BUCKETS - 1)] += value
            }
            CounterKey::TimeToResolve(_, b) => {
                self.to_resolve[usize::from(*b).min(BUCKETS - 1)] += value
            }
            _ => {}
        }
    }
}

/// A period's figures beside those of the period before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodReport {
    /// The period.
    pub period: Period,
    /// Its figures.
    pub current: PeriodFigures,
    /// The period of the same length just before.
    pub previous_period: Period,
    /// Its figures.
    pub previous: PeriodFigures,
}

/// One row of a report's CSV.
#[derive(Serialize)]
struct CsvRow<'a> {
    measure: &'a str,
    agency: &'a str,
    from: String,
    to: String,
    value: String,
    previous_from: String,
    previous_to: String,
    previous_value: String,
    ratio: String,
}

fn hours(d: Option<SignedDuration>) -> String {
    d.map(|d| format!("{:.2}", d.as_secs_f64() / 3600.0))
        .unwrap_or_default()
}

fn ratio(now: u64, before: u64) -> Option<f64> {
    (before > 0).then(|| now as f64 / before as f64)
}

impl PeriodReport {
    /// A report of `period` from day counters (key and value pairs) covering it and the period
    /// before; other counters are ignored.
    pub fn from_counters<'a>(
        period: Period,
        counters: impl IntoIterator<Item = (&'a CounterKey, u64)>,
    ) -> Self {
        let previous_period = period.previous();
        let mut report = Self {
            period,
            current: PeriodFigures::default(),
            previous_period,
            previous: PeriodFigures::default(),
        };
        for (key, value) in counters {
            let day = match key {
                CounterKey::ReceivedOn(d)
                | CounterKey::ForwardedOn(d, _)
                | CounterKey::ResolvedOn(d)
                | CounterKey::TimeToForward(d, _)
                | CounterKey::TimeToResolve(d, _) => *d,
                _ => continue,
            };
            if period.contains(day) {
                report.current.add(key, value);
            } else if previous_period.contains(day) {
                report.previous.add(key, value);
            }
        }
        report
    }

    /// Complaints received in the period over those received in the period before (3.5 means
    /// 3.5 times as many); `None` when none were received before.
    pub fn received_ratio(&self) -> Option<f64> {
        ratio(self.current.received, self.previous.received)
    }

    /// The report as CSV: one row per measure (received, forwarded in all and per agency,
    /// resolved, median hours to forward and to resolve), with the previous period and the
    /// ratio between them.
    pub fn to_csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        let mut row = |measure: &str, agency: &str, now: String, before: String, r: Option<f64>| {
            let row = CsvRow {
                measure,
                agency,
                from: self.period.first.to_string(),
                to: self.period.last.to_string(),
                value: now,
                previous_from: self.previous_period.first.to_string(),
                previous_to: self.previous_period.last.to_string(),
                previous_value: before,
                ratio: r.map(|r| format!("{r:.2}")).unwrap_or_default(),
            };
            w.serialize(row).expect("writing CSV to memory cannot fail");
        };
        let (c, p) = (&self.current, &self.previous);
        row(
            "received",
            "",
            c.received.to_string(),
            p.received.to_string(),
            ratio(c.received, p.received),
        );
        row(
            "forwarded",
            "",
            c.forwarded_total().to_string(),
            p.forwarded_total().to_string(),
            ratio(c.forwarded_total(), p.forwarded_total()),
        );
        let agencies: std::collections::BTreeSet<&AgencyCode> =
            c.forwarded.keys().chain(p.forwarded.keys()).collect();
        for a in agencies {
            let (n, b) = (
                c.forwarded.get(a).copied().unwrap_or(0),
                p.forwarded.get(a).copied().unwrap_or(0),
            );
            row(
                "forwarded",
                a.as_str(),
                n.to_string(),
                b.to_string(),
                ratio(n, b),
            );
        }
        row(
            "resolved",
            "",
            c.resolved.to_string(),
            p.resolved.to_string(),
            ratio(c.resolved, p.resolved),
        );
        row(
            "median_hours_to_forward",
            "",
            hours(c.median_time_to_forward()),
            hours(p.median_time_to_forward()),
            None,
        );
        row(
            "median_hours_to_resolve",
            "",
            hours(c.median_time_to_resolve()),
            hours(p.median_time_to_resolve()),
            None,
        );
        String::from_utf8(w.into_inner().expect("in memory")).expect("CSV of UTF-8 is UTF-8")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        s.parse().unwrap()
    }

    #[test]
    fn periods() {
        let dec = Period::month(2569, 12).unwrap();
        assert_eq!(
            (dec.first, dec.last, dec.days()),
            (day("2569-12-01"), day("2569-12-31"), 31)
        );
        // A month is compared with the month before, whatever their lengths.
        let before = dec.previous();
        assert_eq!(
            (before.first, before.last),
            (day("2569-11-01"), day("2569-11-30"))
        );
        let march = Period::month(2569, 3).unwrap().previous();
        assert_eq!(
            (march.first, march.last),
            (day("2569-02-01"), day("2569-02-28"))
        );
        // Any other period: the same number of days just before it.
        let week = Period::new(day("2569-12-08"), day("2569-12-14")).unwrap();
        assert_eq!(
            (week.previous().first, week.previous().last),
            (day("2569-12-01"), day("2569-12-07"))
        );
        assert!(Period::new(day("2569-12-02"), day("2569-12-01")).is_none());
        assert_eq!(
            Period::new(day("2569-12-01"), day("2569-12-01"))
                .unwrap()
                .previous()
                .first,
            day("2569-11-30")
        );
    }

    #[test]
    fn figures_medians_and_csv() {
        let ocpb = AgencyCode::new("OCPB").unwrap();
        let fda = AgencyCode::new("FDA").unwrap();
        let d1 = day("2569-12-01");
        let old = day("2569-11-15");
        let counters = [
            (CounterKey::ReceivedOn(d1), 7),
            (CounterKey::ReceivedOn(old), 2),
            (CounterKey::ForwardedOn(d1, ocpb.clone()), 4),
            (CounterKey::ForwardedOn(d1, fda.clone()), 1),
            (CounterKey::ForwardedOn(old, ocpb.clone()), 1),
            (CounterKey::TimeToForward(d1, 5), 3), // up to an hour
            (CounterKey::TimeToForward(d1, 28), 2), // up to a day
            (CounterKey::ResolvedOn(d1), 1),
            (CounterKey::TimeToResolve(d1, 49), 1), // over a year
            (CounterKey::Filed, 100),
            (CounterKey::ReceivedOn(day("2569-09-01")), 50), // outside both periods
        ];
        let r = PeriodReport::from_counters(
            Period::month(2569, 12).unwrap(),
            counters.iter().map(|(k, v)| (k, *v)),
        );
        assert_eq!(r.current.received, 7);
        assert_eq!(r.previous.received, 2);
        assert_eq!(r.received_ratio(), Some(3.5));
        assert_eq!(r.current.forwarded_total(), 5);
        assert_eq!(r.current.forwarded.get(&ocpb), Some(&4));
        assert_eq!(
            r.current.median_time_to_forward(),
            Some(SignedDuration::from_hours(1))
        );
        assert_eq!(
            r.current.median_time_to_resolve(),
            Some(SignedDuration::from_hours(366 * 24))
        );
        assert_eq!(r.previous.median_time_to_forward(), None);

        let csv = r.to_csv();
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let find = |m: &str, a: &str| {
            rows.iter()
                .find(|r| &r[0] == m && &r[1] == a)
                .unwrap()
                .clone()
        };
        assert_eq!(&find("received", "")[4], "7");
        assert_eq!(&find("received", "")[7], "2");
        assert_eq!(&find("received", "")[8], "3.50");
        assert_eq!(&find("forwarded", "OCPB")[4], "4");
        assert_eq!(&find("forwarded", "FDA")[7], "0");
        assert_eq!(&find("median_hours_to_forward", "")[4], "1.00");
        assert_eq!(&find("received", "")[2], "2569-12-01");
    }
}
