//! The worker's limits: Telegram's rate limits it paces itself below, and its retry backoff.

use std::time::Duration;

/// The worker's limits.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Messages per second over all chats.
    pub global_per_second: u32,
    /// Least time between two messages to one private chat.
    pub private_interval: Duration,
    /// Least time between two messages to one group chat.
    pub group_interval: Duration,
    /// How old a delivery may get while its own failures (a 5xx to it while other messages
    /// go out) are retried; then it is `failed`, with the last error.
    pub give_up_after: Duration,
    /// First retry delay; doubled per attempt up to `backoff_cap`.
    pub backoff_base: Duration,
    pub backoff_cap: Duration,
    /// How many different deliveries answered 5xx in a row mean Telegram is down (an outage
    /// pauses all sending and charges no delivery).
    pub outage_after: u32,
    /// Longest wait between two probes while Telegram is down (the probes back off from
    /// `backoff_base`).
    pub outage_probe_cap: Duration,
    /// How many due deliveries are read at once.
    pub batch: i64,
}

impl Default for Limits {
    /// Telegram's documented limits, with a small safety margin so the worker stays under them.
    fn default() -> Self {
        Self {
            global_per_second: 30,
            private_interval: Duration::from_millis(1_050),
            group_interval: Duration::from_millis(3_100),
            give_up_after: Duration::from_secs(24 * 3600),
            backoff_base: Duration::from_secs(2),
            backoff_cap: Duration::from_secs(600),
            outage_after: 3,
            outage_probe_cap: Duration::from_secs(60),
            batch: 256,
        }
    }
}

impl Limits {
    pub(super) fn global_gap(&self) -> Duration {
        if self.global_per_second == 0 {
            Duration::ZERO
        } else {
            // 3% margin, so that network jitter never puts more than the limit into any
            // one-second window (at 30/s: 34.3 ms apart, room for 30 ms of jitter).
            (Duration::from_secs(1) / self.global_per_second).mul_f64(1.03)
        }
    }

    /// Delay before retry number `attempt` (1-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.saturating_sub(1).min(20));
        self.backoff_base
            .saturating_mul(factor)
            .min(self.backoff_cap)
    }

    /// Wait before probe number `probe` (1-based) while Telegram is down.
    pub fn probe_backoff(&self, probe: u32) -> Duration {
        let factor = 2u32.saturating_pow(probe.saturating_sub(1).min(20));
        self.backoff_base
            .saturating_mul(factor)
            .min(self.outage_probe_cap)
    }
}
