//! Text that citizens and officers write: normalisation and bounded text types.
//!
//! What a person typed is kept as they wrote it, with three exceptions that make it safe to store
//! and show: it is put in Unicode NFC (so that the same Thai word is always the same bytes),
//! control characters other than newlines are removed (they can corrupt terminals and logs), and
//! surrounding whitespace is trimmed.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// The most characters a complaint's description may have after normalisation.
pub const MAX_DESCRIPTION_CHARS: usize = 4_000;
/// The most characters a note or message in a timeline may have after normalisation.
pub const MAX_NOTE_CHARS: usize = 4_000;
/// The most characters a person's display name may have after normalisation.
pub const MAX_NAME_CHARS: usize = 100;

/// Why a text was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// Nothing was left after removing whitespace and control characters.
    #[error("the text is empty")]
    Empty,
    /// The text is longer than allowed.
    #[error("the text has {actual} characters; at most {max} are allowed")]
    TooLong {
        /// The limit, in characters.
        max: usize,
        /// How many characters the text has after normalisation.
        actual: usize,
    },
}

/// Replaces Thai digits (๐ to ๙, U+0E50 to U+0E59) with ASCII digits, leaving everything else.
///
/// Rust's `char::to_digit` does not know Thai digits, so any number a Thai user may type goes
/// through this first.
///
/// ```
/// assert_eq!(occ_core::text::thai_digits_to_ascii("โทร ๐๘๑-๒๓๔"), "โทร 081-234");
/// ```
pub fn thai_digits_to_ascii(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_thai_digit) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.chars()
            .map(|c| {
                if is_thai_digit(c) {
                    char::from(b'0' + (c as u32 - 0x0E50) as u8)
                } else {
                    c
                }
            })
            .collect(),
    )
}

fn is_thai_digit(c: char) -> bool {
    ('\u{0E50}'..='\u{0E59}').contains(&c)
}

/// Normalises free text for storage: NFC, line endings as `\n`, tabs as spaces, other control
/// characters removed, surrounding whitespace trimmed.
///
/// ```
/// let clean = occ_core::text::normalize("  ร้านค้า\r\nไม่ส่งของ\u{0007}\t! ");
/// assert_eq!(clean, "ร้านค้า\nไม่ส่งของ !");
/// ```
pub fn normalize(input: &str) -> String {
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = unified
        .nfc()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    cleaned.trim().to_owned()
}

/// Normalises `input` and checks that it is not empty and has at most `max` characters.
///
/// # Errors
///
/// [`TextError::Empty`] or [`TextError::TooLong`].
pub fn bounded(input: &str, max: usize) -> Result<String, TextError> {
    let text = normalize(input);
    let actual = text.chars().count();
    if actual == 0 {
        Err(TextError::Empty)
    } else if actual > max {
        Err(TextError::TooLong { max, actual })
    } else {
        Ok(text)
    }
}

/// True when [`normalize`] (and, for `one_line`, [`bounded_line`]) would leave `s` as it is and
/// it is not empty; found without building a new string.
fn is_normal(s: &str, one_line: bool) -> bool {
    if s.is_empty() || s.trim().len() != s.len() || (one_line && s.contains("  ")) {
        return false;
    }
    // One pass for the common case, Latin and Thai: Latin letters before U+0300 and every Thai
    // character are in NFC on their own; Thai marks must only be in canonical order.
    let mut last_class = 0u8;
    let mut other_scripts = false;
    for c in s.chars() {
        if matches!(c, '\r' | '\t')
            || (c.is_control() && c != '\n')
            || (one_line && c.is_whitespace() && c != ' ')
        {
            return false;
        }
        let class = match c {
            '\u{0E38}' | '\u{0E39}' => 103,
            '\u{0E3A}' => 9,
            '\u{0E48}'..='\u{0E4B}' => 107,
            '\u{0}'..='\u{02FF}' | '\u{0E00}'..='\u{0E7F}' => 0,
            _ => {
                other_scripts = true;
                0
            }
        };
        if class != 0 && class < last_class {
            return false;
        }
        last_class = class;
    }
    !other_scripts
        || unicode_normalization::is_nfc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Like [`bounded`], for text that must stay on one line: newlines become spaces and runs of
/// whitespace one space.
///
/// # Errors
///
/// [`TextError::Empty`] or [`TextError::TooLong`].
pub fn bounded_line(input: &str, max: usize) -> Result<String, TextError> {
    let joined = input.split_whitespace().collect::<Vec<_>>().join(" ");
    bounded(&joined, max)
}

macro_rules! bounded_text {
    ($(#[$meta:meta])* $name:ident, $max:expr, $check:path, $one_line:expr) => {
        $(#[$meta])*
        #[derive(Clone, PartialEq, Eq, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The most characters this text may have.
            pub const MAX_CHARS: usize = $max;

            /// Normalises `text` (see [`normalize`]) and checks its length.
            ///
            /// # Errors
            ///
            /// [`TextError::Empty`] when nothing is left, [`TextError::TooLong`] when it has more
            /// than [`Self::MAX_CHARS`] characters.
            pub fn new(text: &str) -> Result<Self, TextError> {
                $check(text, $max).map(Self)
            }

            /// The normalised text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        // Personal data may be in here, so `Debug` (which ends up in logs) shows only the length.
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({} chars)", stringify!($name), self.0.chars().count())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <Cow<'de, str>>::deserialize(d)?;
                // What the store wrote is already in normal form: checked, not rebuilt.
                if is_normal(&s, $one_line) && s.chars().count() <= $max {
                    return Ok(Self(s.into_owned()));
                }
                Self::new(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

bounded_text!(
    /// A complaint's description: normalised, not empty, at most
    /// [`MAX_DESCRIPTION_CHARS`] characters.
    ///
    /// ```
    /// use occ_core::Description;
    ///
    /// let d = Description::new("โอนเงินแล้ว\u{0}ร้านไม่ส่งของ")?;
    /// assert_eq!(d.as_str(), "โอนเงินแล้วร้านไม่ส่งของ");
    /// assert!(Description::new(&"ก".repeat(4_001)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    Description,
    MAX_DESCRIPTION_CHARS,
    bounded,
    false
);

bounded_text!(
    /// A note or message in a timeline: normalised, not empty, at most [`MAX_NOTE_CHARS`]
    /// characters.
    Note,
    MAX_NOTE_CHARS,
    bounded,
    false
);

bounded_text!(
    /// The name a reporter gives: normalised to one line, not empty, at most
    /// [`MAX_NAME_CHARS`] characters.
    DisplayName,
    MAX_NAME_CHARS,
    bounded_line,
    true
);

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(normalize(input), expected, "input {input:?}");
    }

    #[test]
    fn read_texts_are_normalised_unless_already_normal() {
        let read = |json: &str| serde_json::from_str::<Description>(json).map(|d| d.0);
        // Already normal: taken as it is.
        assert_eq!(read("\"ร้านไม่ส่งของ\\nค่ะ\"").unwrap(), "ร้านไม่ส่งของ\nค่ะ");
        // Not normal: normalised as if typed.
        assert_eq!(read("\"  a\\u0000b\\r\\nc \"").unwrap(), "ab\nc");
        assert_eq!(read("\"e\\u0301\"").unwrap(), "\u{e9}");
        assert!(read("\"   \"").is_err());
        assert!(read(&format!("\"{}\"", "ก".repeat(MAX_DESCRIPTION_CHARS + 1))).is_err());
        let name = |json: &str| serde_json::from_str::<DisplayName>(json).map(|d| d.0);
        assert_eq!(name("\"สมชาย  ใจดี\"").unwrap(), "สมชาย ใจดี");
        assert_eq!(name("\"สมชาย\\nใจดี\"").unwrap(), "สมชาย ใจดี");
        assert_eq!(name("\"สมชาย ใจดี\"").unwrap(), "สมชาย ใจดี");
    }

    #[test]
    fn normalisation() {
        check("abc", "abc");
        check("  padded  ", "padded");
        check("a\r\nb\rc\nd", "a\nb\nc\nd");
        check("tab\there", "tab here");
        check("bell\u{7}esc\u{1b}[31mnul\u{0}", "bellesc[31mnul");
        check("del\u{7f}c1\u{85}", "delc1");
        // NFC: e + combining acute becomes one character.
        check("e\u{301}", "\u{e9}");
        // Thai text with its combining marks is kept as written.
        check("ร้านค้าไม่ส่งของ", "ร้านค้าไม่ส่งของ");
        // Zero-width characters are format characters, not control characters: kept.
        check("a\u{200b}b", "a\u{200b}b");
    }

    #[test]
    fn thai_digits() {
        assert_eq!(thai_digits_to_ascii("๐๑๒๓๔๕๖๗๘๙"), "0123456789");
        assert!(matches!(
            thai_digits_to_ascii("no digits"),
            Cow::Borrowed(_)
        ));
        assert_eq!(thai_digits_to_ascii("ราคา ๑,๕๐๐ บาท"), "ราคา 1,500 บาท");
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let thai = "ก".repeat(MAX_DESCRIPTION_CHARS);
        assert_eq!(thai.len(), MAX_DESCRIPTION_CHARS * 3);
        assert!(Description::new(&thai).is_ok());
        assert_eq!(
            Description::new(&format!("{thai}ก")),
            Err(TextError::TooLong {
                max: MAX_DESCRIPTION_CHARS,
                actual: MAX_DESCRIPTION_CHARS + 1
            })
        );
        // Control characters removed before counting.
        let with_controls = format!(
            "{}{}",
            "\u{7}".repeat(10),
            "a".repeat(MAX_DESCRIPTION_CHARS)
        );
        assert!(Description::new(&with_controls).is_ok());
        assert_eq!(Description::new(" \n\t\u{0} "), Err(TextError::Empty));
    }

    #[test]
    fn debug_hides_content() {
        let d = Description::new("เบอร์ 0812345678").unwrap();
        assert_eq!(format!("{d:?}"), "Description(16 chars)");
    }

    #[test]
    fn deserialising_applies_the_same_rules() {
        let d: Description = serde_json::from_str("\"  ok\\u0007 \"").unwrap();
        assert_eq!(d.as_str(), "ok");
        assert!(serde_json::from_str::<Description>("\"\"").is_err());
    }
}
