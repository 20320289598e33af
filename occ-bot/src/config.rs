//! Configuration: `occ.toml` (see `occ.example.toml` at the top of the workspace) and
//! environment variables, with command-line flags over both.
//!
//! Tokens for the chat platforms are read from the environment (or a file the configuration
//! names) and are never printed, not even in `Debug` output.

use std::path::{Path, PathBuf};

use occ_core::jiff::SignedDuration;
use occ_core::officers::{Officer, Role, Target, Targets};
use occ_core::routing::{Router, RulesError};
use occ_core::store::StoreConfig;
use occ_core::{AgencyCode, Catalog, CatalogError, CategoryCode, Language, UserRef};
use serde::Deserialize;

use crate::engine::EngineConfig;

const MIB: u64 = 1024 * 1024;

/// The name of the configuration file looked for in the working directory.
pub const DEFAULT_FILE: &str = "occ.toml";

/// A configuration that could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid.
    #[error("the configuration {path} is not valid: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// What is wrong, with its line and column.
        message: String,
    },
    /// The catalog extension named in it was refused.
    #[error("the catalog file {path}: {source}")]
    Catalog {
        /// The file.
        path: PathBuf,
        /// Why.
        source: CatalogError,
    },
    /// The rules file named in it was refused.
    #[error(transparent)]
    Rules(#[from] RulesError),
}

/// Everything `occ.toml` can set. Every part is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The data directory (the `--data` flag and `OCC_DATA` take precedence).
    pub data: Option<PathBuf>,
    /// The store.
    #[serde(default)]
    pub store: StoreSection,
    /// Limits against floods and oversized input.
    #[serde(default)]
    pub limits: LimitsSection,
    /// Routing rules.
    #[serde(default)]
    pub rules: FileSection,
    /// Categories and agencies added to the built-in ones.
    #[serde(default)]
    pub catalog: FileSection,
    /// The Telegram channel.
    #[serde(default)]
    pub telegram: TokenSection,
    /// The Discord channel.
    #[serde(default)]
    pub discord: TokenSection,
    /// Officers, written to the store each time the bot starts (`[[officers]]`).
    #[serde(default)]
    pub officers: Vec<OfficerEntry>,
    /// Response targets: how soon complaints must be acted on and resolved.
    #[serde(default)]
    pub response: ResponseSection,
    /// Where the file was read from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

/// `[store]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSection {
    /// sled's page cache, in MiB (default 1,024).
    pub cache_mib: Option<u64>,
    /// The largest attachment accepted, in MiB (default 20).
    pub attachment_limit_mib: Option<u64>,
}

/// `[limits]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LimitsSection {
    /// Complaints one user may file in 24 hours (default 5).
    pub complaints_per_day: Option<usize>,
    /// Messages one user may send in a minute (default 40).
    pub messages_per_minute: Option<usize>,
    /// Pieces of evidence per complaint (default 10).
    pub evidence_per_complaint: Option<usize>,
    /// The longest message accepted, in characters (default 4,000).
    pub message_chars: Option<usize>,
    /// Days an unfinished complaint is kept (default 7).
    pub draft_days: Option<i64>,
}

/// One `[[officers]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfficerEntry {
    /// Their platform identity, `channel:id` (`telegram:123456789`, `discord:4567`).
    pub user: String,
    /// Their name, as colleagues know it.
    pub name: String,
    /// `desk`, `admin` or `agency:CODE`.
    pub role: String,
    /// `th` (the default) or `en`.
    pub language: Option<Language>,
}

/// `[response]`: the default targets, and `[[response.rules]]` for agencies and categories.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseSection {
    /// Hours from filing to the first officer action (default 24).
    pub first_action_hours: Option<i64>,
    /// Days from filing to resolution (default 30).
    pub resolution_days: Option<i64>,
    /// Targets for an agency, a category, or both; the most specific applies.
    #[serde(default)]
    pub rules: Vec<ResponseRule>,
}

/// One `[[response.rules]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseRule {
    /// The agency it applies to.
    pub agency: Option<String>,
    /// The category it applies to.
    pub category: Option<String>,
    /// Hours to the first action (default: the section's).
    pub first_action_hours: Option<i64>,
    /// Days to resolution (default: the section's).
    pub resolution_days: Option<i64>,
}

/// `[telegram]` and `[discord]`: where the token is, when it is not in the environment.
#[derive(Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenSection {
    /// A file holding the token (and nothing else); the environment variable wins over it.
    pub token_file: Option<PathBuf>,
}

impl std::fmt::Debug for TokenSection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenSection")
            .field("token_file", &self.token_file)
            .finish()
    }
}

impl TokenSection {
    /// The token: from the environment variable `var`, else from the file.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Read`] when the file cannot be read.
    pub fn token(&self, var: &str) -> Result<Option<String>, ConfigError> {
        if let Ok(t) = std::env::var(var)
            && !t.trim().is_empty()
        {
            return Ok(Some(t.trim().to_owned()));
        }
        match &self.token_file {
            None => Ok(None),
            Some(path) => {
                let t = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                    path: path.clone(),
                    source,
                })?;
                Ok(Some(t.trim().to_owned()).filter(|t| !t.is_empty()))
            }
        }
    }
}

/// A section that names a file.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSection {
    /// The file, relative to the working directory.
    pub file: Option<PathBuf>,
}

impl Config {
    /// Reads `path`, or `occ.toml` in the working directory when there is one, or nothing.
    ///
    /// # Errors
    ///
    /// [`ConfigError`] for a file that cannot be read or is not valid (a file named explicitly
    /// must exist).
    pub fn load(path: Option<&Path>) -> Result<Self, ConfigError> {
        let (path, required) = match path {
            Some(p) => (p.to_owned(), true),
            None => (PathBuf::from(DEFAULT_FILE), false),
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Self::default());
            }
            Err(source) => return Err(ConfigError::Read { path, source }),
        };
        let mut config: Config = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.clone(),
            message: e.to_string(),
        })?;
        config.source = Some(path);
        Ok(config)
    }

    /// The data directory: the flag or `OCC_DATA` if given, else the file's, else `./occ-data`.
    pub fn data_dir(&self, flag: Option<&Path>) -> PathBuf {
        flag.map(Path::to_owned)
            .or_else(|| self.data.clone())
            .unwrap_or_else(|| PathBuf::from("occ-data"))
    }

    /// The catalog: the built-in one with the configured extension.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Read`] or [`ConfigError::Catalog`].
    pub fn catalog(&self) -> Result<Catalog, ConfigError> {
        let mut catalog = Catalog::builtin();
        if let Some(path) = &self.catalog.file {
            let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
                path: path.clone(),
                source,
            })?;
            catalog
                .extend_from_toml(&text)
                .map_err(|source| ConfigError::Catalog {
                    path: path.clone(),
                    source,
                })?;
        }
        Ok(catalog)
    }

    /// How to open the store.
    ///
    /// # Errors
    ///
    /// As for [`Config::catalog`].
    pub fn store_config(&self) -> Result<StoreConfig, ConfigError> {
        let mut c = StoreConfig::default();
        if let Some(m) = self.store.cache_mib {
            c.cache_capacity_bytes = m * MIB;
        }
        if let Some(m) = self.store.attachment_limit_mib {
            c.attachment_limit_bytes = m * MIB;
        }
        c.catalog = self.catalog()?;
        Ok(c)
    }

    fn invalid(&self, message: String) -> ConfigError {
        ConfigError::Invalid {
            path: self
                .source
                .clone()
                .unwrap_or_else(|| PathBuf::from(DEFAULT_FILE)),
            message,
        }
    }

    /// The officers of `[[officers]]`, checked against the catalog's agencies.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] naming the entry at fault.
    pub fn officers(&self, catalog: &Catalog) -> Result<Vec<Officer>, ConfigError> {
        self.officers
            .iter()
            .enumerate()
            .map(|(n, e)| {
                let at = |what: String| self.invalid(format!("officers entry {}: {what}", n + 1));
                let user: UserRef = e.user.parse().map_err(|_| {
                    at(format!(
                        "user {:?} is not channel:id, such as telegram:123456789",
                        e.user
                    ))
                })?;
                let role: Role = e
                    .role
                    .parse()
                    .map_err(|x: occ_core::officers::ParseRoleError| at(x.to_string()))?;
                if let Role::Agency(a) = &role
                    && catalog.agency(a).is_none()
                {
                    return Err(at(format!("there is no agency {a} in the catalog")));
                }
                if e.name.trim().is_empty() {
                    return Err(at("the name is empty".to_owned()));
                }
                Ok(Officer {
                    user,
                    name: e.name.trim().to_owned(),
                    role,
                    language: e.language.unwrap_or_default(),
                })
            })
            .collect()
    }

    /// The response targets of `[response]`, checked against the catalog.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Invalid`] for an unknown agency or category, or a target under an hour.
    pub fn targets(&self, catalog: &Catalog) -> Result<Targets, ConfigError> {
        let r = &self.response;
        let mut targets = Targets::default();
        let hours = |h: i64, what: &str| {
            if h < 1 {
                Err(self.invalid(format!("response: {what} must be at least 1")))
            } else {
                Ok(SignedDuration::from_hours(h))
            }
        };
        if let Some(h) = r.first_action_hours {
            targets.default.first_action = hours(h, "first_action_hours")?;
        }
        if let Some(d) = r.resolution_days {
            targets.default.resolution = hours(d.saturating_mul(24), "resolution_days")?;
        }
        for (n, rule) in r.rules.iter().enumerate() {
            let at = |what: String| self.invalid(format!("response rule {}: {what}", n + 1));
            let agency = match &rule.agency {
                None => None,
                Some(a) => Some(
                    AgencyCode::new(a)
                        .ok()
                        .filter(|a| catalog.agency(a).is_some())
                        .ok_or_else(|| at(format!("there is no agency {a:?} in the catalog")))?,
                ),
            };
            let category = match &rule.category {
                None => None,
                Some(k) => Some(
                    CategoryCode::new(k)
                        .ok()
                        .filter(|k| catalog.category(k).is_some())
                        .ok_or_else(|| at(format!("there is no category {k:?} in the catalog")))?,
                ),
            };
            if agency.is_none() && category.is_none() {
                return Err(at("name an agency, a category or both".to_owned()));
            }
            let target = Target {
                first_action: match rule.first_action_hours {
                    Some(h) => hours(h, "first_action_hours")?,
                    None => targets.default.first_action,
                },
                resolution: match rule.resolution_days {
                    Some(d) => hours(d.saturating_mul(24), "resolution_days")?,
                    None => targets.default.resolution,
                },
            };
            targets.rules.push((agency, category, target));
        }
        Ok(targets)
    }

    /// The engine's limits.
    pub fn engine_config(&self) -> EngineConfig {
        let mut c = EngineConfig::default();
        let l = &self.limits;
        if let Some(v) = l.complaints_per_day {
            c.max_complaints_per_day = v;
        }
        if let Some(v) = l.messages_per_minute {
            c.max_messages_per_minute = v;
        }
        if let Some(v) = l.evidence_per_complaint {
            c.max_evidence = v;
        }
        if let Some(v) = l.message_chars {
            c.max_input_chars = v;
        }
        if let Some(d) = l.draft_days {
            c.draft_ttl = SignedDuration::from_hours(d.max(1) * 24);
        }
        c
    }

    /// The routing rules: the configured file, or the built-in ones.
    ///
    /// # Errors
    ///
    /// [`ConfigError::Rules`] for a rules file with a fault.
    pub fn router(&self, catalog: &Catalog) -> Result<Router, ConfigError> {
        Ok(match &self.rules.file {
            Some(path) => Router::from_file(path, catalog)?,
            None => Router::builtin(catalog),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_configuration_is_valid() {
        let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../occ.example.toml");
        let config = Config::load(Some(Path::new(example))).unwrap();
        assert_eq!(config.engine_config().max_complaints_per_day, 5);
        assert_eq!(
            config.store_config().unwrap().attachment_limit_bytes,
            20 * MIB
        );
        let catalog = config.catalog().unwrap();
        let officers = config.officers(&catalog).unwrap();
        assert_eq!(officers.len(), 2);
        assert_eq!(officers[0].role, Role::Desk);
        assert_eq!(officers[0].language, Language::Thai);
        assert_eq!(
            officers[1].role,
            Role::Agency(AgencyCode::new("OCPB").unwrap())
        );
        assert_eq!(officers[1].language, Language::English);
        let targets = config.targets(&catalog).unwrap();
        assert_eq!(targets.default.first_action, SignedDuration::from_hours(24));
        assert_eq!(targets.rules.len(), 2);
        let (agency, category, cert) = &targets.rules[0];
        assert_eq!(agency.as_ref().map(AgencyCode::as_str), Some("THAICERT"));
        assert!(category.is_none());
        assert_eq!(cert.first_action, SignedDuration::from_hours(4));
        assert_eq!(cert.resolution, SignedDuration::from_hours(7 * 24));
        let (_, _, shopping) = &targets.rules[1];
        // What a rule leaves out comes from the defaults.
        assert_eq!(shopping.first_action, SignedDuration::from_hours(24));
        assert_eq!(shopping.resolution, SignedDuration::from_hours(45 * 24));
    }

    #[test]
    fn bad_officers_and_targets_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("occ.toml");
        let catalog = Catalog::builtin();
        for (text, expected) in [
            (
                "[[officers]]\nuser = \"somchai\"\nname = \"S\"\nrole = \"desk\"\n",
                "somchai",
            ),
            (
                "[[officers]]\nuser = \"telegram:1\"\nname = \"S\"\nrole = \"boss\"\n",
                "boss",
            ),
            (
                "[[officers]]\nuser = \"telegram:1\"\nname = \"S\"\nrole = \"agency:NOPE\"\n",
                "NOPE",
            ),
            (
                "[[response.rules]]\nagency = \"NOPE\"\nresolution_days = 3\n",
                "NOPE",
            ),
            (
                "[[response.rules]]\ncategory = \"cooking\"\nresolution_days = 3\n",
                "cooking",
            ),
            (
                "[response]\nfirst_action_hours = -1\n",
                "first_action_hours",
            ),
        ] {
            std::fs::write(&path, text).unwrap();
            let config = Config::load(Some(&path)).unwrap();
            let err = config
                .officers(&catalog)
                .map(|_| ())
                .and_then(|()| config.targets(&catalog).map(|_| ()))
                .unwrap_err()
                .to_string();
            assert!(err.contains(expected), "{text}: {err}");
            assert!(err.contains("occ.toml"), "{err}");
        }
    }

    #[test]
    fn bad_files_are_explained() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("occ.toml");
        std::fs::write(&path, "[limits]\ncomplaints_per_dya = 3\n").unwrap();
        let err = Config::load(Some(&path)).unwrap_err().to_string();
        assert!(
            err.contains("unknown field") && err.contains("line 2"),
            "{err}"
        );
        let missing = Config::load(Some(&dir.path().join("nope.toml"))).unwrap_err();
        assert!(matches!(missing, ConfigError::Read { .. }));
        assert_eq!(Config::default().data_dir(None), PathBuf::from("occ-data"));
    }
}
