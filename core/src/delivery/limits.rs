//! The worker's limits: Telegram's rate limits it paces itself below, and its retry backoff.

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use tokio::time::Instant;

/// How late a send may be and still keep its place in the schedule ([`Limits::next_slot`]).
const CATCH_UP: Duration = Duration::from_millis(10);

/// Messages the bot sends outside the outbox (answers to people, edits of pressed messages):
/// Telegram counts them against the same global limit, so the worker gives each of them one
/// of its slots (cheap to clone; the handlers count, the worker takes the count).
#[derive(Debug, Clone, Default)]
pub struct OtherSends(Arc<AtomicU32>);

impl OtherSends {
    /// One message went out (or was edited) outside the outbox.
    pub fn sent(&self) {
        self.0.fetch_add(1, Ordering::Relaxed);
    }

    /// How many went out since the last look, and starts counting again.
    pub(super) fn take(&self) -> u32 {
        self.0.swap(0, Ordering::Relaxed)
    }
}

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

    /// When the message after one sent at `now` may go, given the slot `planned` this one was
    /// due at. Timers wake a little late (tokio rounds sleeps up to the millisecond), and
    /// counting the gap from the late moment would lose that lateness on every message (at
    /// 30/s, a 1 ms wake-up delay costs 1 message in 30). So while a send is less than
    /// [`CATCH_UP`] late, the next is due one gap after its *slot*; later than that (after an
    /// idle spell, a flood wait, a slow query), the schedule starts again from now.
    ///
    /// Any `limit + 1` sends in a row then span at least `limit` gaps minus `CATCH_UP`: at
    /// 30/s, 30 × 34.3 ms − 10 ms = 1,020 ms, so no one-second window holds more than 30
    /// even with 20 ms of network jitter.
    ///
    /// `others` messages went out outside the outbox since the last send: each takes a slot.
    pub(super) fn next_slot(&self, planned: Instant, now: Instant, others: u32) -> Instant {
        let gap = self.global_gap();
        let others = gap * others.min(self.global_per_second);
        if now.saturating_duration_since(planned) < CATCH_UP {
            planned + gap + others
        } else {
            now + gap + others
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

#[cfg(test)]
mod tests {
    use super::*;
    use rand::Rng as _;

    /// Sends paced by `next_slot`, each woken up to `late` after its slot (plus `extra` on
    /// every `every`-th): their instants.
    fn paced(count: usize, late: Duration, every: usize, extra: Duration) -> Vec<Instant> {
        let limits = Limits::default();
        let mut rng = rand::rng();
        let mut planned = Instant::now();
        let mut sent = Vec::with_capacity(count);
        for i in 0..count {
            let mut lateness = late.mul_f64(rng.random::<f64>());
            if every > 0 && i % every == 0 {
                lateness += extra;
            }
            let now = planned + lateness;
            sent.push(now);
            planned = limits.next_slot(planned, now, 0);
        }
        sent
    }

    fn rate(sent: &[Instant]) -> f64 {
        (sent.len() - 1) as f64 / (sent[sent.len() - 1] - sent[0]).as_secs_f64()
    }

    /// The shortest span of 31 sends in a row (30 gaps).
    fn tightest_31(sent: &[Instant]) -> Duration {
        sent.windows(31).map(|w| w[30] - w[0]).min().unwrap()
    }

    #[test]
    fn late_wake_ups_do_not_add_up() {
        // Up to 3 ms late each time: the rate stays at the paced 30/s less the 3% margin.
        let sent = paced(3_000, Duration::from_millis(3), 0, Duration::ZERO);
        let rate = rate(&sent);
        assert!((29.05..=29.2).contains(&rate), "{rate} messages/s");
        assert!(tightest_31(&sent) >= Duration::from_millis(1_015));
    }

    #[test]
    fn a_message_sent_outside_the_outbox_takes_one_of_its_slots() {
        let limits = Limits::default();
        let gap = limits.global_gap();
        let start = Instant::now();
        assert_eq!(limits.next_slot(start, start, 0), start + gap);
        assert_eq!(limits.next_slot(start, start, 2), start + gap * 3);
        // However many there were, the worker waits at most a second more.
        assert_eq!(limits.next_slot(start, start, 500), start + gap * 31);
        let others = OtherSends::default();
        others.sent();
        others.sent();
        assert_eq!(others.take(), 2);
        assert_eq!(others.take(), 0);
    }

    #[test]
    fn a_long_delay_starts_the_schedule_again_without_a_burst() {
        // Every 50th send is 200 ms late (a slow query): the next ones are not squeezed
        // together to make up for it.
        let sent = paced(
            3_000,
            Duration::from_millis(9),
            50,
            Duration::from_millis(200),
        );
        assert!(tightest_31(&sent) >= Duration::from_millis(1_015));
        let gap = Limits::default().global_gap();
        for pair in sent.windows(2) {
            assert!(
                pair[1] - pair[0] >= gap - CATCH_UP,
                "{:?}",
                pair[1] - pair[0]
            );
        }
    }
}
