//! Configuration: `occ.toml` (see `occ.example.toml` at the top of the workspace) and
//! environment variables, with command-line flags over both.
//!
//! Tokens for the chat platforms are read from the environment (or a file the configuration
//! names) and are never printed, not even in `Debug` output.

use std::path::{Path, PathBuf};

use occ_core::jiff::SignedDuration;
use occ_core::routing::{Router, RulesError};
use occ_core::store::StoreConfig;
use occ_core::{Catalog, CatalogError};
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
    /// Where the file was read from, for messages.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

/// `[store]`
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSection {
    /// sled's page cache, in MiB (default 64).
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
