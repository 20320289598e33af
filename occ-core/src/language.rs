//! The two languages OCC speaks, and text given in both.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language a citizen or officer reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Thai, the first language of most users and the default.
    #[default]
    #[serde(rename = "th")]
    Thai,
    /// English.
    #[serde(rename = "en")]
    English,
}

impl Language {
    /// Both languages, Thai first.
    pub const ALL: [Language; 2] = [Language::Thai, Language::English];

    /// The BCP 47 code: `th` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Language::Thai => "th",
            Language::English => "en",
        }
    }

    /// The language of a platform locale such as `th`, `th-TH`, `en-US` or `en_GB`; `None` for
    /// any other language.
    ///
    /// ```
    /// use occ_core::Language;
    /// assert_eq!(Language::from_locale("th-TH"), Some(Language::Thai));
    /// assert_eq!(Language::from_locale("en_GB"), Some(Language::English));
    /// assert_eq!(Language::from_locale("ja"), None);
    /// ```
    pub fn from_locale(locale: &str) -> Option<Self> {
        let primary = locale.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "th" => Some(Language::Thai),
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language code that is neither `th` nor `en`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: use th or en")]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::from_locale(s.trim()).ok_or_else(|| UnknownLanguage(s.to_owned()))
    }
}

/// A text given in Thai and in English.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Localized {
    /// The Thai text.
    pub th: String,
    /// The English text.
    pub en: String,
}

impl Localized {
    /// The text in `lang`.
    pub fn get(&self, lang: Language) -> &str {
        match lang {
            Language::Thai => &self.th,
            Language::English => &self.en,
        }
    }
}
