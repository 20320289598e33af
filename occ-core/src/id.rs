//! Issue IDs: the number a citizen keeps to follow a complaint.
//!
//! The canonical form is `OCC-YYYY-NNNNNN-C`:
//!
//! * `YYYY` is the Buddhist Era year of filing (Gregorian + 543), as Thai users read years;
//! * `NNNNNN` is the sequence number within that year, zero-padded to six digits (wider once a
//!   year passes 999,999 complaints);
//! * `C` is a Damm check digit over the ten (or more) digits of `YYYY` and `NNNNNN`.
//!
//! The Damm algorithm detects every single-digit error and every swap of two adjacent digits,
//! which are the mistakes people make when they copy a number from one screen to another or read
//! it out over the phone.
//!
//! ```
//! use occ_core::IssueId;
//!
//! let id = IssueId::new(2569, 42)?;
//! assert_eq!(id.to_string(), "OCC-2569-000042-7");
//!
//! // Parsing is lenient about the ways people retype a number...
//! assert_eq!("occ 2569 000042 7".parse::<IssueId>()?, id);
//! assert_eq!("๒๕๖๙-๐๐๐๐๔๒-๗".parse::<IssueId>()?, id);
//! // ...and tells a typo apart from text that is no Issue ID at all.
//! assert!("OCC-2569-000042-8".parse::<IssueId>().unwrap_err().is_mistyped());
//! assert!(!"hello".parse::<IssueId>().unwrap_err().is_mistyped());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::text::thai_digits_to_ascii;

/// The identifier of one complaint, such as `OCC-2569-000042-7`.
///
/// Issue IDs order by year, then by sequence, which is the order in which complaints were filed.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IssueId {
    year_be: u16,
    seq: u32,
}

/// The smallest Buddhist Era year an [`IssueId`] can carry (Gregorian 1957).
pub const MIN_YEAR_BE: u16 = 2500;
/// The largest Buddhist Era year an [`IssueId`] can carry (Gregorian 2456).
pub const MAX_YEAR_BE: u16 = 2999;
/// The largest sequence number within a year: nine digits.
pub const MAX_SEQ: u32 = 999_999_999;

/// Why an [`IssueId`] could not be built from its parts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum IssueIdError {
    /// The year is outside the range OCC numbers complaints in.
    #[error("year {0} is outside the Buddhist Era years {MIN_YEAR_BE} to {MAX_YEAR_BE}")]
    YearOutOfRange(u32),
    /// Sequence numbers start at 1.
    #[error("the sequence number of an Issue ID starts at 1")]
    ZeroSequence,
    /// Sequence numbers have at most nine digits.
    #[error("the sequence number of an Issue ID has at most nine digits")]
    SequenceTooLarge,
}

impl IssueId {
    /// Builds the Issue ID of the `seq`-th complaint of Buddhist Era year `year_be`.
    ///
    /// # Errors
    ///
    /// [`IssueIdError`] when the year is outside [`MIN_YEAR_BE`]..=[`MAX_YEAR_BE`] or `seq` is
    /// not in 1..=[`MAX_SEQ`].
    pub fn new(year_be: u32, seq: u32) -> Result<Self, IssueIdError> {
        if !(u32::from(MIN_YEAR_BE)..=u32::from(MAX_YEAR_BE)).contains(&year_be) {
            return Err(IssueIdError::YearOutOfRange(year_be));
        }
        if seq == 0 {
            return Err(IssueIdError::ZeroSequence);
        }
        if seq > MAX_SEQ {
            return Err(IssueIdError::SequenceTooLarge);
        }
        Ok(Self {
            year_be: year_be as u16,
            seq,
        })
    }

    /// The Buddhist Era year of filing.
    pub fn year_be(self) -> u32 {
        u32::from(self.year_be)
    }

    /// The sequence number within the year, starting at 1.
    pub fn seq(self) -> u32 {
        self.seq
    }

    /// The Damm check digit printed at the end of the canonical form.
    pub fn check_digit(self) -> u8 {
        // The digits of the year, then of the sequence padded to six digits (wider if needed).
        let mut digits = [0u8; 4 + 9];
        let mut n = 0;
        for p in [1000, 100, 10, 1] {
            digits[n] = ((self.year_be / p) % 10) as u8;
            n += 1;
        }
        let width = (self.seq.checked_ilog10().unwrap_or(0) + 1).max(6);
        for i in (0..width).rev() {
            digits[n] = ((self.seq / 10u32.pow(i)) % 10) as u8;
            n += 1;
        }
        damm(digits[..n].iter().copied())
    }

    /// A fixed-width big-endian key that sorts like the Issue IDs themselves.
    pub fn to_key(self) -> [u8; 6] {
        let mut key = [0u8; 6];
        key[..2].copy_from_slice(&self.year_be.to_be_bytes());
        key[2..].copy_from_slice(&self.seq.to_be_bytes());
        key
    }

    /// The inverse of [`IssueId::to_key`]; `None` for bytes that no Issue ID produces.
    pub fn from_key(key: &[u8]) -> Option<Self> {
        let key: [u8; 6] = key.try_into().ok()?;
        let year = u16::from_be_bytes([key[0], key[1]]);
        let seq = u32::from_be_bytes([key[2], key[3], key[4], key[5]]);
        Self::new(u32::from(year), seq).ok()
    }
}

impl fmt::Display for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "OCC-{:04}-{:06}-{}",
            self.year_be,
            self.seq,
            self.check_digit()
        )
    }
}

impl fmt::Debug for IssueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IssueId({self})")
    }
}

/// Why a text is not accepted as an [`IssueId`].
///
/// The two cases deserve different answers: text that is no Issue ID at all ("please send your
/// Issue ID, it looks like OCC-2569-000123-4") and a number that has the right shape but a wrong
/// check digit ("this number looks mistyped, please check it").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ParseIssueIdError {
    /// The text does not have the shape of an Issue ID.
    #[error("this is not an Issue ID (they look like OCC-2569-000123-4)")]
    NotAnIssueId,
    /// The text has the shape of an Issue ID, but its check digit does not match: one of its
    /// digits was most likely mistyped.
    #[error("this Issue ID looks mistyped: its check digit does not match, please check it")]
    CheckDigitMismatch,
}

impl ParseIssueIdError {
    /// True when the text looked like an Issue ID but a digit was mistyped.
    pub fn is_mistyped(&self) -> bool {
        matches!(self, Self::CheckDigitMismatch)
    }
}

impl FromStr for IssueId {
    type Err = ParseIssueIdError;

    /// Parses the canonical form and the ways people retype it: any case, spaces, dashes, dots,
    /// slashes or underscores between the parts (or none at all), Thai digits, and with or without
    /// the `OCC` prefix.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        use ParseIssueIdError::NotAnIssueId;

        let ascii = thai_digits_to_ascii(s.trim());
        let rest = match ascii.get(..3) {
            Some(prefix) if prefix.eq_ignore_ascii_case("OCC") => &ascii[3..],
            _ => &ascii,
        };

        // Split into runs of digits; anything but a separator is not an Issue ID.
        let mut groups: [&str; 3] = [""; 3];
        let mut count = 0;
        let mut start = None;
        for (i, c) in rest.char_indices() {
            if c.is_ascii_digit() {
                start.get_or_insert(i);
            } else if is_separator(c) {
                if let Some(s) = start.take() {
                    *groups.get_mut(count).ok_or(NotAnIssueId)? = &rest[s..i];
                    count += 1;
                }
            } else {
                return Err(NotAnIssueId);
            }
        }
        if let Some(s) = start {
            *groups.get_mut(count).ok_or(NotAnIssueId)? = &rest[s..];
            count += 1;
        }

        let (year, seq, check) = match &groups[..count] {
            [year, seq, check] if year.len() == 4 && check.len() == 1 => (*year, *seq, *check),
            // Without a separator before the check digit, the sequence must be written in full.
            [year, seq_check] if year.len() == 4 && seq_check.len() >= 7 => {
                let (seq, check) = seq_check.split_at(seq_check.len() - 1);
                (*year, seq, check)
            }
            [year_seq, check] if year_seq.len() >= 10 && check.len() == 1 => {
                let (year, seq) = year_seq.split_at(4);
                (year, seq, *check)
            }
            [all] if all.len() >= 11 => (&all[..4], &all[4..all.len() - 1], &all[all.len() - 1..]),
            _ => return Err(NotAnIssueId),
        };
        if seq.is_empty() || seq.len() > 9 {
            return Err(NotAnIssueId);
        }
        let year: u32 = year.parse().map_err(|_| NotAnIssueId)?;
        let seq: u32 = seq.parse().map_err(|_| NotAnIssueId)?;
        let id = IssueId::new(year, seq).map_err(|_| NotAnIssueId)?;
        if check.as_bytes()[0] - b'0' != id.check_digit() {
            return Err(ParseIssueIdError::CheckDigitMismatch);
        }
        Ok(id)
    }
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-' | '_' | '.' | '/' | '#' | ':' | '\u{2010}'..='\u{2015}' | '\u{2212}'
    ) || c.is_whitespace()
}

impl Serialize for IssueId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IssueId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// The Damm quasigroup of order 10 (a weakly totally anti-symmetric one), from Damm's thesis.
const DAMM: [[u8; 10]; 10] = [
    [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
    [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
    [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
    [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
    [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
    [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
    [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
    [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
    [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
    [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/// The Damm check digit of a sequence of decimal digits.
fn damm(digits: impl IntoIterator<Item = u8>) -> u8 {
    digits
        .into_iter()
        .fold(0, |interim, d| DAMM[usize::from(interim)][usize::from(d)])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn check_parse(input: &str, expected: Result<&str, ParseIssueIdError>) {
        let got = input.parse::<IssueId>().map(|id| id.to_string());
        assert_eq!(
            got.as_deref().map_err(Clone::clone),
            expected,
            "input {input:?}"
        );
    }

    #[test]
    fn damm_reference_value() {
        // The worked example of the algorithm: 572 has check digit 4.
        assert_eq!(damm([5, 7, 2]), 4);
        assert_eq!(damm([5, 7, 2, 4]), 0);
    }

    #[test]
    fn canonical_form() {
        let id = IssueId::new(2569, 123).unwrap();
        assert_eq!(
            id.to_string(),
            format!("OCC-2569-000123-{}", id.check_digit())
        );
        let big = IssueId::new(2569, 1_234_567).unwrap();
        assert!(big.to_string().starts_with("OCC-2569-1234567-"));
        assert_eq!(big.to_string().parse::<IssueId>().unwrap(), big);
    }

    #[test]
    fn lenient_forms() {
        let id = IssueId::new(2569, 42).unwrap();
        let canonical = id.to_string();
        assert_eq!(canonical, "OCC-2569-000042-7");
        let c = id.check_digit();
        for input in [
            format!("OCC-2569-000042-{c}"),
            format!("occ-2569-000042-{c}"),
            format!("  OCC 2569 000042 {c} "),
            format!("OCC2569000042-{c}"),
            format!("occ2569000042{c}"),
            format!("2569000042{c}"),
            format!("2569-000042-{c}"),
            format!("2569 000042{c}"),
            format!("2569000042 {c}"),
            format!("OCC-2569-42-{c}"),
            format!("OCC–2569–000042–{c}"),
            format!("OCC.2569.000042.{c}"),
            "๒๕๖๙-๐๐๐๐๔๒-๗".to_owned(),
            "occ-๒๕๖๙-๐๐๐๐๔๒-๗".to_owned(),
            format!("OCC 2569\u{00a0}000042\t{c}"),
        ] {
            check_parse(&input, Ok(&canonical));
        }
    }

    #[test]
    fn not_an_issue_id() {
        for input in [
            "",
            "   ",
            "hello",
            "OCC",
            "OCC-",
            "สวัสดีครับ",
            "OCC-2569",
            "2569-42",
            "0812345678",
            "OCC-2569-000042-7x",
            "OCC-1999-000042-1",
            "OCC-2569-000000-0",
            "OCC-2569-1234567890-1",
            "OCC-25-000042-9",
        ] {
            check_parse(input, Err(ParseIssueIdError::NotAnIssueId));
        }
    }

    #[test]
    fn mistyped_check_digit() {
        check_parse(
            "OCC-2569-000042-8",
            Err(ParseIssueIdError::CheckDigitMismatch),
        );
        check_parse(
            "OCC-2569-000024-9",
            Err(ParseIssueIdError::CheckDigitMismatch),
        );
    }

    #[test]
    fn key_round_trip_and_order() {
        let a = IssueId::new(2569, 999_999).unwrap();
        let b = IssueId::new(2570, 1).unwrap();
        assert!(a < b);
        assert!(a.to_key() < b.to_key());
        assert_eq!(IssueId::from_key(&a.to_key()), Some(a));
        assert_eq!(IssueId::from_key(&[0; 6]), None);
        assert_eq!(IssueId::from_key(&[1, 2, 3]), None);
    }

    #[test]
    fn serde_uses_canonical_text() {
        let id = IssueId::new(2569, 7).unwrap();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{id}\""));
        assert_eq!(serde_json::from_str::<IssueId>(&json).unwrap(), id);
        assert!(serde_json::from_str::<IssueId>("\"not an id\"").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Every single-digit change and every swap of two different adjacent digits is caught.
        #[test]
        fn every_single_error_and_adjacent_swap_is_caught(year in 2500u32..=2999, seq in 1u32..=999_999) {
            let id = IssueId::new(year, seq).unwrap();
            let text = format!("{:04}{:06}{}", year, seq, id.check_digit());
            let digits: Vec<u8> = text.bytes().collect();

            for pos in 0..digits.len() {
                for d in b'0'..=b'9' {
                    if d == digits[pos] {
                        continue;
                    }
                    let mut typo = digits.clone();
                    typo[pos] = d;
                    let typo = String::from_utf8(typo).unwrap();
                    if let Ok(other) = typo.parse::<IssueId>() {
                        prop_assert!(false, "{} parsed as {} from {}", typo, other, id);
                    }
                }
            }
            for pos in 0..digits.len() - 1 {
                if digits[pos] == digits[pos + 1] {
                    continue;
                }
                let mut swapped = digits.clone();
                swapped.swap(pos, pos + 1);
                let swapped = String::from_utf8(swapped).unwrap();
                prop_assert!(swapped.parse::<IssueId>().is_err(), "{} accepted", swapped);
            }
        }

        #[test]
        fn display_parse_round_trip(year in 2500u32..=2999, seq in 1u32..=MAX_SEQ) {
            let id = IssueId::new(year, seq).unwrap();
            prop_assert_eq!(id.to_string().parse::<IssueId>().unwrap(), id);
            prop_assert_eq!(id.to_string().to_lowercase().replace('-', " ").parse::<IssueId>().unwrap(), id);
        }
    }
}
