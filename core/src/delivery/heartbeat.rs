//! The worker's heartbeat: when it last went round its loop, for readiness probes.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// When the worker last went round its loop, for readiness probes (cheap to clone).
#[derive(Debug, Clone, Default)]
pub struct Heartbeat(Arc<AtomicU64>);

fn unix_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Heartbeat {
    /// Records "alive now".
    pub fn beat(&self) {
        self.0.store(unix_millis().max(1), Ordering::Relaxed);
    }

    /// How long ago the last beat was; `None` before the first.
    pub fn age(&self) -> Option<Duration> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            at => Some(Duration::from_millis(unix_millis().saturating_sub(at))),
        }
    }
}
