//! Statistics counters, kept up to date in the same atomic step as each change so that a report
//! reads a few counters per day of its period and never scans the store.
//!
//! Every counter follows from a complaint's events (what happened, and when) or from its current
//! state (status and agency); [`CounterKey::for_event`] and [`CounterKey::for_state`] say which,
//! and [`Counters::recount`] recomputes them all from complaints, which is what tests compare
//! the store's counters with.

use std::collections::BTreeMap;
use std::fmt;

use jiff::SignedDuration;

use crate::calendar::{Day, buddhist_year_month};
use crate::catalog::{AgencyCode, CategoryCode, SubcategoryCode};
use crate::complaint::{Channel, Complaint};
use crate::workflow::{EventKind, Status};

/// Upper bounds of the buckets that times to forward and to resolve are counted in, in minutes:
/// every 5 to 15 minutes in the first hour, every hour to a day, every day to two weeks, then
/// coarser. A median is reported as the upper bound of its bucket.
pub const DELAY_BUCKETS_MINUTES: [u32; 49] = [
    5, 10, 15, 30, 45, 60, // the first hour
    120, 180, 240, 300, 360, 420, 480, 540, 600, 660, 720, 780, 840, 900, 960, 1020, 1080, 1140,
    1200, 1260, 1320, 1380, 1440, // hours, to one day
    2880, 4320, 5760, 7200, 8640, 10080, 11520, 12960, 14400, 15840, 17280, 18720,
    20160, // days, to 14
    30240, 43200, 64800, 86400, 129600, 259200, 525600, // 21, 30, 45, 60, 90, 180, 365 days
];

/// The bucket of a delay (the last bucket, 49, holds everything over a year).
pub fn delay_bucket(delay: SignedDuration) -> u8 {
    let minutes = (delay.as_secs().max(0) as u64).div_ceil(60);
    DELAY_BUCKETS_MINUTES
        .iter()
        .position(|&b| minutes <= u64::from(b))
        .unwrap_or(DELAY_BUCKETS_MINUTES.len()) as u8
}

/// The upper bound of a bucket; `None` for the last, open-ended one.
pub fn bucket_upper_bound(bucket: u8) -> Option<SignedDuration> {
    DELAY_BUCKETS_MINUTES
        .get(usize::from(bucket))
        .map(|&m| SignedDuration::from_mins(i64::from(m)))
}

/// What a counter counts.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum CounterKey {
    /// Complaints ever filed.
    Filed,
    /// Complaints filed in a month (Buddhist Era year and month, in Bangkok time).
    FiledInMonth {
        /// The year, Buddhist Era.
        year_be: u32,
        /// The month, 1 to 12.
        month: u8,
    },
    /// Complaints filed in a month, by category.
    FiledInMonthByCategory {
        /// The year, Buddhist Era.
        year_be: u32,
        /// The month, 1 to 12.
        month: u8,
        /// The category.
        category: CategoryCode,
    },
    /// Complaints ever filed in a category.
    Category(CategoryCode),
    /// Complaints ever filed in a subcategory.
    Subcategory(CategoryCode, SubcategoryCode),
    /// Complaints ever filed through a channel.
    Channel(Channel),
    /// Complaints now in a status.
    Status(Status),
    /// Complaints now assigned to an agency.
    Agency(AgencyCode),
    /// Forwardings ever made to an agency.
    ForwardedTo(AgencyCode),
    /// Complaints received on a day.
    ReceivedOn(Day),
    /// Forwardings to an agency made on a day.
    ForwardedOn(Day, AgencyCode),
    /// Complaints resolved on a day.
    ResolvedOn(Day),
    /// Complaints first forwarded on a day, by the delay bucket from filing to that forwarding.
    TimeToForward(Day, u8),
    /// Complaints resolved on a day, by the delay bucket from filing to resolution.
    TimeToResolve(Day, u8),
}

impl fmt::Display for CounterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CounterKey::Filed => f.write_str("filed"),
            CounterKey::FiledInMonth { year_be, month } => {
                write!(f, "month/{year_be:04}-{month:02}")
            }
            CounterKey::FiledInMonthByCategory {
                year_be,
                month,
                category,
            } => {
                write!(f, "month/{year_be:04}-{month:02}/category/{category}")
            }
            CounterKey::Category(c) => write!(f, "category/{c}"),
            CounterKey::Subcategory(c, s) => write!(f, "subcategory/{c}/{s}"),
            CounterKey::Channel(c) => write!(f, "channel/{c}"),
            CounterKey::Status(s) => write!(f, "status/{s}"),
            CounterKey::Agency(a) => write!(f, "agency/{a}"),
            CounterKey::ForwardedTo(a) => write!(f, "forwarded/{a}"),
            CounterKey::ReceivedOn(d) => write!(f, "day/{d}/received"),
            CounterKey::ForwardedOn(d, a) => write!(f, "day/{d}/forwarded/{a}"),
            CounterKey::ResolvedOn(d) => write!(f, "day/{d}/resolved"),
            CounterKey::TimeToForward(d, b) => write!(f, "day/{d}/to_forward/{b:02}"),
            CounterKey::TimeToResolve(d, b) => write!(f, "day/{d}/to_resolve/{b:02}"),
        }
    }
}

impl CounterKey {
    /// Parses the form [`Display`](fmt::Display) writes.
    pub fn parse(s: &str) -> Option<Self> {
        let parts: Vec<&str> = s.split('/').collect();
        let month = |ym: &str| -> Option<(u32, u8)> {
            let (y, m) = ym.split_once('-')?;
            Some((y.parse().ok()?, m.parse().ok()?))
        };
        Some(match parts.as_slice() {
            ["filed"] => CounterKey::Filed,
            ["month", ym] => {
                let (year_be, month) = month(ym)?;
                CounterKey::FiledInMonth { year_be, month }
            }
            ["month", ym, "category", c] => {
                let (year_be, month) = month(ym)?;
                CounterKey::FiledInMonthByCategory {
                    year_be,
                    month,
                    category: CategoryCode::new(c).ok()?,
                }
            }
            ["category", c] => CounterKey::Category(CategoryCode::new(c).ok()?),
            ["subcategory", c, s] => {
                CounterKey::Subcategory(CategoryCode::new(c).ok()?, SubcategoryCode::new(s).ok()?)
            }
            ["channel", c] => CounterKey::Channel(Channel::new(c).ok()?),
            ["status", s] => CounterKey::Status(Status::from_code(s)?),
            ["agency", a] => CounterKey::Agency(AgencyCode::new(a).ok()?),
            ["forwarded", a] => CounterKey::ForwardedTo(AgencyCode::new(a).ok()?),
            ["day", d, "received"] => CounterKey::ReceivedOn(d.parse().ok()?),
            ["day", d, "forwarded", a] => {
                CounterKey::ForwardedOn(d.parse().ok()?, AgencyCode::new(a).ok()?)
            }
            ["day", d, "resolved"] => CounterKey::ResolvedOn(d.parse().ok()?),
            ["day", d, "to_forward", b] => {
                CounterKey::TimeToForward(d.parse().ok()?, b.parse().ok()?)
            }
            ["day", d, "to_resolve", b] => {
                CounterKey::TimeToResolve(d.parse().ok()?, b.parse().ok()?)
            }
            _ => return None,
        })
    }

    /// The counters the `index`-th event of a complaint's timeline adds one to.
    pub fn for_event(c: &Complaint, index: usize) -> Vec<CounterKey> {
        let Some(event) = c.timeline.get(index) else {
            return Vec::new();
        };
        let day = Day::of(event.at);
        match &event.kind {
            EventKind::Filed => {
                let (year_be, month) = buddhist_year_month(c.filed_at);
                vec![
                    CounterKey::Filed,
                    CounterKey::FiledInMonth { year_be, month },
                    CounterKey::FiledInMonthByCategory {
                        year_be,
                        month,
                        category: c.category.clone(),
                    },
                    CounterKey::Category(c.category.clone()),
                    CounterKey::Subcategory(c.category.clone(), c.subcategory.clone()),
                    CounterKey::Channel(c.channel().clone()),
                    CounterKey::ReceivedOn(Day::of(c.filed_at)),
                ]
            }
            EventKind::Forwarded { to_agency, .. } => {
                let mut keys = vec![
                    CounterKey::ForwardedTo(to_agency.clone()),
                    CounterKey::ForwardedOn(day, to_agency.clone()),
                ];
                let first = !c.timeline[..index]
                    .iter()
                    .any(|e| matches!(e.kind, EventKind::Forwarded { .. }));
                if first {
                    keys.push(CounterKey::TimeToForward(
                        day,
                        delay_bucket(event.at.duration_since(c.filed_at)),
                    ));
                }
                keys
            }
            EventKind::StatusChanged {
                to: Status::Resolved,
                ..
            } => vec![
                CounterKey::ResolvedOn(day),
                CounterKey::TimeToResolve(day, delay_bucket(event.at.duration_since(c.filed_at))),
            ],
            _ => Vec::new(),
        }
    }

    /// The counters that follow a complaint's current state.
    pub fn for_state(c: &Complaint) -> [CounterKey; 2] {
        [
            CounterKey::Status(c.status),
            CounterKey::Agency(c.agency.clone()),
        ]
    }
}

/// A snapshot of the counters.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counters {
    values: BTreeMap<CounterKey, u64>,
}

impl Counters {
    /// The value of a counter (0 if it was never touched).
    pub fn get(&self, key: &CounterKey) -> u64 {
        self.values.get(key).copied().unwrap_or(0)
    }

    /// Every counter that is not zero.
    pub fn iter(&self) -> impl Iterator<Item = (&CounterKey, u64)> {
        self.values.iter().map(|(k, v)| (k, *v))
    }

    /// Counters recomputed from scratch over a set of complaints: what the store's counters must
    /// equal.
    pub fn recount<'a>(complaints: impl IntoIterator<Item = &'a Complaint>) -> Self {
        let mut counters = Counters::default();
        for c in complaints {
            let keys = (0..c.timeline.len())
                .flat_map(|i| CounterKey::for_event(c, i))
                .chain(CounterKey::for_state(c));
            for key in keys {
                *counters.values.entry(key).or_default() += 1;
            }
        }
        counters
    }

    pub(crate) fn insert(&mut self, key: CounterKey, value: u64) {
        if value != 0 {
            self.values.insert(key, value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_through_text() {
        let day: Day = "2569-12-04".parse().unwrap();
        let shopping = CategoryCode::new("shopping").unwrap();
        let ocpb = AgencyCode::new("OCPB").unwrap();
        let keys = [
            CounterKey::Filed,
            CounterKey::FiledInMonth {
                year_be: 2569,
                month: 12,
            },
            CounterKey::FiledInMonthByCategory {
                year_be: 2569,
                month: 3,
                category: shopping.clone(),
            },
            CounterKey::Category(shopping.clone()),
            CounterKey::Subcategory(shopping, SubcategoryCode::new("not_delivered").unwrap()),
            CounterKey::Channel(Channel::telegram()),
            CounterKey::Status(Status::NeedInfo),
            CounterKey::Agency(ocpb.clone()),
            CounterKey::ForwardedTo(ocpb.clone()),
            CounterKey::ReceivedOn(day),
            CounterKey::ForwardedOn(day, ocpb),
            CounterKey::ResolvedOn(day),
            CounterKey::TimeToForward(day, 7),
            CounterKey::TimeToResolve(day, 49),
        ];
        for k in keys {
            assert_eq!(CounterKey::parse(&k.to_string()), Some(k.clone()), "{k}");
        }
        assert_eq!(
            CounterKey::FiledInMonth {
                year_be: 2569,
                month: 3
            }
            .to_string(),
            "month/2569-03"
        );
        assert_eq!(CounterKey::parse("nonsense/x"), None);
    }

    #[test]
    fn delay_buckets() {
        let m = |mins: i64| delay_bucket(SignedDuration::from_mins(mins));
        assert_eq!(m(0), 0);
        assert_eq!(m(5), 0);
        assert_eq!(m(6), 1);
        assert_eq!(m(60), 5);
        assert_eq!(m(61), 6);
        assert_eq!(m(24 * 60), 28);
        assert_eq!(m(2 * 24 * 60), 29);
        assert_eq!(m(400 * 24 * 60), 49);
        assert_eq!(bucket_upper_bound(5), Some(SignedDuration::from_mins(60)));
        assert_eq!(bucket_upper_bound(49), None);
        assert!(DELAY_BUCKETS_MINUTES.windows(2).all(|w| w[0] < w[1]));
    }
}
