//! Per-person limits on updates (issue #20): one person flooding the bot — private messages,
//! `/help@bot` in a group, button presses — is ignored beyond a burst, before any work is done
//! for them, so their lane keeps moving and they cannot use up Telegram's sending budget that
//! everyone's answers share.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many updates one person may send at once by default (a long survey answered quickly,
/// a coordinator's busy minute, fit well within it): `COLOOP_UPDATE_BURST`.
pub const BURST: f64 = 100.0;
/// How fast their allowance comes back: one update a second (60 a minute).
pub const REFILL_PER_SECOND: f64 = 1.0;
/// People remembered before idle ones (whose allowance is full again) are forgotten.
const REMEMBERED: usize = 10_000;

/// A token bucket per person, in memory (a restart forgives everyone).
#[derive(Debug)]
pub struct UpdateLimits {
    buckets: Mutex<HashMap<u64, (f64, Instant)>>,
    burst: f64,
}

impl Default for UpdateLimits {
    fn default() -> Self {
        Self::new(BURST as u32)
    }
}

impl UpdateLimits {
    /// Limits with a burst of `burst` updates per person.
    pub fn new(burst: u32) -> Self {
        Self {
            buckets: Mutex::default(),
            burst: f64::from(burst.max(1)),
        }
    }

    /// Whether an update of user `user` arriving at `now` is handled; `false`: it is dropped.
    pub fn admit(&self, user: u64, now: Instant) -> bool {
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() >= REMEMBERED {
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * REFILL_PER_SECOND
                    < self.burst
            });
        }
        let burst = self.burst;
        let (tokens, at) = buckets.entry(user).or_insert((burst, now));
        *tokens = (*tokens + now.saturating_duration_since(*at).as_secs_f64() * REFILL_PER_SECOND)
            .min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// How long a person who used their whole burst waits for the next update to be handled.
pub fn refill_interval() -> Duration {
    Duration::from_secs_f64(1.0 / REFILL_PER_SECOND)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_one_a_second_per_person() {
        let limits = UpdateLimits::default();
        let t0 = Instant::now();
        let admitted = (0..300).filter(|_| limits.admit(7, t0)).count();
        assert_eq!(admitted, BURST as usize);
        assert!(limits.admit(8, t0), "someone else is not limited");
        assert!(!limits.admit(7, t0 + refill_interval() / 2));
        assert!(limits.admit(7, t0 + refill_interval()));
        assert!(!limits.admit(7, t0 + refill_interval()));
    }
}
