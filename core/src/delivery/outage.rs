//! Whether Telegram is down as the worker sees it: since when, for readiness probes, the
//! `coloop_telegram_outage_seconds` gauge and the once-a-minute warning; and how the worker tells
//! an outage from a failure of one message.
//!
//! A 5xx to one message is first charged to its delivery (retried with its own backoff) and
//! the delivery is remembered as a *suspect*. Any answer that shows the API works (a message
//! sent, a 4xx) clears the suspects: their failures were their own. When `outage_after`
//! different deliveries answer 5xx in a row, or Telegram cannot be reached at all, Telegram is
//! down: every suspect gets its attempt back, all sending pauses, and the worker probes with
//! one message at a time, backing off up to `outage_probe_cap`, until a call succeeds. Nothing
//! that happens during an outage is charged to any delivery.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Utc};
use tokio::time::Instant;

use super::{Step, Transport, Worker, count};
use crate::domain::DeliveryId;
use crate::store::{DueDelivery, Result};

/// Since when Telegram has been unreachable (5xx to many messages in a row, or no connection),
/// as the delivery worker last saw it; `None` while it answers (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct Outage(Arc<AtomicI64>);

impl Outage {
    /// Since when Telegram has been unreachable, if it is.
    pub fn since(&self) -> Option<DateTime<Utc>> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            millis => DateTime::from_timestamp_millis(millis),
        }
    }

    /// Records the start of an outage (keeps an earlier start); the worker does.
    pub fn begin(&self, at: DateTime<Utc>) {
        let millis = at.timestamp_millis().max(1);
        let _ = self
            .0
            .compare_exchange(0, millis, Ordering::Relaxed, Ordering::Relaxed);
    }

    /// Records the end of an outage; returns when it began, if one was going on.
    pub fn end(&self) -> Option<DateTime<Utc>> {
        let since = self.since();
        self.0.store(0, Ordering::Relaxed);
        since
    }
}

/// A delivery charged with a 5xx that may yet turn out to be an outage.
#[derive(Debug, Clone, Copy)]
pub(super) struct Suspect {
    id: DeliveryId,
    /// Its attempts before the charge.
    attempts: i64,
}

/// How often the worker repeats its warning while Telegram is down.
const WARN_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

impl<T: Transport> Worker<T> {
    /// Telegram answered something that shows it works: an outage is over, and the 5xx
    /// answers since the last such answer were about their own messages.
    pub(super) fn api_answered(&mut self, now: Instant) {
        self.suspects.clear();
        self.probes = 0;
        if let Some(since) = self.outage.end() {
            let lasted = (self.clock.wall(now) - since).num_seconds();
            tracing::warn!(
                lasted_s = lasted,
                "Telegram reachable again: sending resumes"
            );
            metrics::gauge!("coloop_telegram_outage_seconds").set(0.0);
            self.outage_warned = None;
        }
    }

    /// A 5xx to delivery `d`: its own failure, unless Telegram is down (already, or as the
    /// run of 5xx answers now shows).
    pub(super) async fn server_error(
        &mut self,
        d: &DueDelivery,
        error: &str,
        now: Instant,
    ) -> Result<Step> {
        if self.outage.since().is_some() {
            return self.unreachable(d, error, now).await;
        }
        let chat_id = d.chat_id;
        let attempts = d.attempts + 1;
        let wall = self.clock.wall(now);
        self.suspects.retain(|s| s.id != d.id);
        self.suspects.push(Suspect {
            id: d.id,
            attempts: d.attempts,
        });
        if self.suspects.len() >= self.limits.outage_after.max(1) as usize {
            return self.unreachable(d, error, now).await;
        }
        let age = (wall - d.created_at).to_std().unwrap_or_default();
        if age >= self.limits.give_up_after {
            tracing::warn!(chat_id, attempts, %error, "delivery failed: still failing at the give-up age");
            self.store.record_failed(d.id, attempts, error).await?;
            count("failed");
            return Ok(Step::Failed { chat_id });
        }
        let delay = self
            .limits
            .backoff(u32::try_from(attempts).unwrap_or(u32::MAX));
        tracing::info!(chat_id, attempts, delay_s = delay.as_secs(), %error, "delivery will be retried");
        // Stored times have microsecond precision: round up so the retry is never early.
        let retry_at = self
            .clock
            .wall(now + delay + std::time::Duration::from_micros(1));
        self.store
            .record_retry(d.id, attempts, retry_at, error)
            .await?;
        count("retry");
        Ok(Step::Retrying { chat_id })
    }

    /// Telegram is down: pause everything until the next probe, charge nothing (the suspects
    /// get their attempts back), and put `d` off until then so the next probe is another
    /// message.
    pub(super) async fn unreachable(
        &mut self,
        d: &DueDelivery,
        error: &str,
        now: Instant,
    ) -> Result<Step> {
        count("unavailable");
        let wall = self.clock.wall(now);
        if self.outage.since().is_none() {
            self.outage.begin(wall);
            tracing::warn!(%error, "Telegram unreachable: pausing all deliveries");
            metrics::gauge!("coloop_telegram_outage_seconds").set(0.0);
            self.outage_warned = Some(now);
        }
        self.probes = self.probes.saturating_add(1);
        let until = now + self.limits.probe_backoff(self.probes);
        let resume = self.clock.wall(until + std::time::Duration::from_micros(1));
        let refunded: Vec<Suspect> = std::mem::take(&mut self.suspects);
        for suspect in &refunded {
            self.store
                .refund_attempt(suspect.id, suspect.attempts, resume)
                .await?;
        }
        if !refunded.iter().any(|s| s.id == d.id) {
            self.store.postpone(d.id, resume).await?;
        }
        tracing::debug!(%error, probe = self.probes, "Telegram still unreachable");
        self.flood_until = Some(until);
        Ok(Step::Wait(until))
    }

    /// Keeps the outage gauge current and warns once a minute while Telegram is down.
    pub(super) fn watch_outage(&mut self, now: Instant) {
        let Some(since) = self.outage.since() else {
            return;
        };
        let lasted = (self.clock.wall(now) - since).num_milliseconds().max(0) as f64 / 1000.0;
        metrics::gauge!("coloop_telegram_outage_seconds").set(lasted);
        if self
            .outage_warned
            .is_none_or(|at| now.saturating_duration_since(at) >= WARN_EVERY)
        {
            tracing::warn!(since = %since.to_rfc3339(), lasted_s = lasted as u64, "Telegram unreachable since {since}");
            self.outage_warned = Some(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_keeps_its_first_start_until_it_ends() {
        let outage = Outage::default();
        assert_eq!(outage.since(), None);
        let start = DateTime::from_timestamp_millis(1_700_000_000_000).unwrap();
        outage.begin(start);
        outage.begin(start + chrono::Duration::seconds(60));
        assert_eq!(outage.since(), Some(start));
        assert_eq!(outage.end(), Some(start));
        assert_eq!(outage.since(), None);
    }
}
