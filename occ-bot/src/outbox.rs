//! Delivering the store's outbox: what officers did, told to the citizen in the chat the
//! complaint came from, in their language.
//!
//! A channel implements [`Deliver`]; [`deliver_pending`] takes the entries waiting for that
//! channel, oldest first, renders each through the engine and hands it over, retrying transient
//! failures with exponential backoff ([`backon`]). An entry is acknowledged, durably, only after
//! the platform accepted it, so one accepted before a crash and not yet acknowledged is the only
//! kind that can be sent twice; one the platform will never accept (the user blocked the bot) is
//! parked for officers to see, not dropped.

use std::time::Duration;

use async_trait::async_trait;
use backon::{ExponentialBuilder, Retryable};
use occ_core::Channel;
use occ_core::store::{Notification, StoreError};

use crate::engine::Engine;
use crate::reply::Response;

/// Why a delivery failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DeliveryError {
    /// Worth trying again (the network, a rate limit, the platform having a bad moment).
    #[error("delivery failed for now: {0}")]
    Transient(String),
    /// Will never work (the user blocked the bot, the chat no longer exists).
    #[error("delivery is not possible: {0}")]
    Permanent(String),
}

/// How a channel sends a notification to its chat.
#[async_trait]
pub trait Deliver: Send + Sync {
    /// Sends `response` (the notification, rendered by the engine) to `n.chat`.
    ///
    /// # Errors
    ///
    /// [`DeliveryError`], saying whether to try again.
    async fn deliver(&self, n: &Notification, response: &Response) -> Result<(), DeliveryError>;
}

/// Timings of delivery.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct OutboxConfig {
    /// How often to look for entries.
    pub poll_every: Duration,
    /// Entries taken per look.
    pub batch: usize,
    /// Tries per entry in one look, the first included.
    pub max_tries: usize,
    /// The first wait between tries; it doubles each time.
    pub first_delay: Duration,
    /// The longest wait between tries.
    pub max_delay: Duration,
}

impl Default for OutboxConfig {
    fn default() -> Self {
        Self {
            poll_every: Duration::from_secs(2),
            batch: 50,
            max_tries: 5,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

/// What one pass did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pass {
    /// Delivered and acknowledged.
    pub delivered: usize,
    /// Parked as undeliverable.
    pub parked: usize,
    /// Left for a later pass after transient failures.
    pub deferred: usize,
}

/// One pass over the entries waiting for `channel`.
///
/// # Errors
///
/// Store failures (reading, acknowledging, parking).
pub async fn deliver_pending(
    engine: &Engine,
    channel: &Channel,
    deliver: &dyn Deliver,
    config: &OutboxConfig,
) -> Result<Pass, StoreError> {
    let store = engine.store();
    let mut pass = Pass::default();
    let entries = store.pending_notifications(channel, config.batch).await?;
    for (i, n) in entries.iter().enumerate() {
        let response = engine.notification(n).await;
        let backoff = ExponentialBuilder::default()
            .with_min_delay(config.first_delay)
            .with_max_delay(config.max_delay)
            .with_max_times(config.max_tries.saturating_sub(1));
        let sent = (|| deliver.deliver(n, &response))
            .retry(backoff)
            .when(|e| matches!(e, DeliveryError::Transient(_)))
            .await;
        match sent {
            Ok(()) => {
                store.ack_notification(channel, n.id).await?;
                pass.delivered += 1;
            }
            Err(DeliveryError::Permanent(reason)) => {
                tracing::warn!(id = n.id, %reason, "a notification cannot be delivered and is parked");
                store.park_notification(channel, n.id, &reason).await?;
                pass.parked += 1;
            }
            Err(DeliveryError::Transient(reason)) => {
                // Later entries wait too, so that a citizen hears things in order.
                tracing::warn!(id = n.id, %reason, "notifications are deferred");
                pass.deferred += entries.len() - i;
                break;
            }
        }
    }
    Ok(pass)
}

/// Delivers the outbox of `channel` until `stop` turns true.
pub async fn run(
    engine: &Engine,
    channel: Channel,
    deliver: &dyn Deliver,
    config: OutboxConfig,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    loop {
        if let Err(e) = deliver_pending(engine, &channel, deliver, &config).await {
            tracing::error!(error = %e, "the outbox could not be read");
        }
        tokio::select! {
            _ = tokio::time::sleep(config.poll_every) => {}
            _ = stop.changed() => {}
        }
        if *stop.borrow() {
            return;
        }
    }
}
