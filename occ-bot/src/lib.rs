//! `occ-bot`: the chat bot of OCC, a platform-neutral conversation engine in Thai and English
//! with its channels.
//!
//! * [`engine`]: [`Engine`] takes an [`Incoming`] input (text, a button, a command, a file, a
//!   shared contact) with the time, and returns a [`Response`] of Fluent message ids with
//!   arguments and buttons. It keeps each conversation's [`session`] in the store and knows no
//!   platform.
//! * [`i18n`]: the Thai and English messages of `locales/`, embedded at build time.
//! * [`terminal`]: the terminal channel, which behaves like the chat platforms.
//! * [`config`]: `occ.toml` and environment variables.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use occ_bot::{Engine, EngineConfig, I18n, Incoming, Input};
//! use occ_core::routing::{Router, SharedRouter};
//! use occ_core::store::{SledStore, Store, StoreConfig};
//! use occ_core::{Channel, Language, UserRef};
//!
//! # tokio::runtime::Runtime::new()?.block_on(async {
//! let dir = tempfile::tempdir()?;
//! let store: Arc<dyn Store> = Arc::new(SledStore::open(dir.path(), StoreConfig::default())?);
//! let router = SharedRouter::new(Router::builtin(store.catalog()));
//! let engine = Engine::new(store, router, EngineConfig::default());
//! let i18n = I18n::embedded()?;
//!
//! let response = engine
//!     .handle(Incoming {
//!         user: UserRef::new(Channel::terminal(), "somchai")?,
//!         chat: "somchai".into(),
//!         message_id: "1".into(),
//!         locale: Some("en".into()),
//!         input: Input::Command { name: "start".into(), args: String::new() },
//!         now: occ_core::jiff::Timestamp::now(),
//!     })
//!     .await;
//! assert_eq!(response.language, Language::English);
//! println!("{}", i18n.render(response.language, &response.replies[0].text));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! # })?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod chart;
pub mod config;
#[cfg(feature = "discord")]
pub mod discord;
pub mod engine;
pub mod i18n;
pub mod outbox;
pub mod render;
pub mod reply;
pub mod session;
#[cfg(feature = "telegram")]
pub mod telegram;
pub mod terminal;

pub use engine::{Engine, EngineConfig, Incoming, Input};
pub use i18n::I18n;
pub use reply::{Arg, Button, Msg, Reply, Response};
