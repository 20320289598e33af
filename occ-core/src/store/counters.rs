//! Statistics counters, kept up to date in the same atomic step as each change so that a report
//! never scans the store.

use std::collections::BTreeMap;
use std::fmt;

use crate::calendar::buddhist_year_month;
use crate::catalog::{AgencyCode, CategoryCode, SubcategoryCode};
use crate::complaint::{Channel, Complaint};
use crate::workflow::Status;

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
}

impl fmt::Display for CounterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CounterKey::Filed => f.write_str("filed"),
            CounterKey::FiledInMonth { year_be, month } => {
                write!(f, "month/{year_be:04}-{month:02}")
            }
            CounterKey::Category(c) => write!(f, "category/{c}"),
            CounterKey::Subcategory(c, s) => write!(f, "subcategory/{c}/{s}"),
            CounterKey::Channel(c) => write!(f, "channel/{c}"),
            CounterKey::Status(s) => write!(f, "status/{s}"),
            CounterKey::Agency(a) => write!(f, "agency/{a}"),
        }
    }
}

impl CounterKey {
    /// Parses the form [`Display`](fmt::Display) writes.
    pub fn parse(s: &str) -> Option<Self> {
        let (kind, rest) = s.split_once('/').unwrap_or((s, ""));
        Some(match kind {
            "filed" if rest.is_empty() => CounterKey::Filed,
            "month" => {
                let (y, m) = rest.split_once('-')?;
                CounterKey::FiledInMonth {
                    year_be: y.parse().ok()?,
                    month: m.parse().ok()?,
                }
            }
            "category" => CounterKey::Category(CategoryCode::new(rest).ok()?),
            "subcategory" => {
                let (c, s) = rest.split_once('/')?;
                CounterKey::Subcategory(CategoryCode::new(c).ok()?, SubcategoryCode::new(s).ok()?)
            }
            "channel" => CounterKey::Channel(Channel::new(rest).ok()?),
            "status" => CounterKey::Status(Status::from_code(rest)?),
            "agency" => CounterKey::Agency(AgencyCode::new(rest).ok()?),
            _ => return None,
        })
    }

    /// The counters a complaint adds to once, when it is filed; they never change afterwards.
    pub(crate) fn at_filing(c: &Complaint) -> [CounterKey; 5] {
        let (year_be, month) = buddhist_year_month(c.filed_at);
        [
            CounterKey::Filed,
            CounterKey::FiledInMonth { year_be, month },
            CounterKey::Category(c.category.clone()),
            CounterKey::Subcategory(c.category.clone(), c.subcategory.clone()),
            CounterKey::Channel(c.channel().clone()),
        ]
    }

    /// The counters that follow a complaint's current state.
    pub(crate) fn for_state(c: &Complaint) -> [CounterKey; 2] {
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
            for key in CounterKey::at_filing(c)
                .into_iter()
                .chain(CounterKey::for_state(c))
            {
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
        let keys = [
            CounterKey::Filed,
            CounterKey::FiledInMonth {
                year_be: 2569,
                month: 12,
            },
            CounterKey::Category(CategoryCode::new("shopping").unwrap()),
            CounterKey::Subcategory(
                CategoryCode::new("shopping").unwrap(),
                SubcategoryCode::new("not_delivered").unwrap(),
            ),
            CounterKey::Channel(Channel::telegram()),
            CounterKey::Status(Status::NeedInfo),
            CounterKey::Agency(AgencyCode::new("OCPB").unwrap()),
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
}
