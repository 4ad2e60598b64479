//! [`Wake`]: tells a background loop that work is waiting, so it need not wait for its next tick.

use std::sync::Arc;

use tokio::sync::Notify;

/// Wakes one loop (the delivery worker when deliveries were queued, the survey keeper when a
/// survey was closed). Cheap to clone; each loop has its own.
#[derive(Debug, Clone, Default)]
pub struct Wake(Arc<Notify>);

impl Wake {
    pub fn wake(&self) {
        self.0.notify_one();
    }

    /// Resolves at the next wake (or at once if one is pending).
    pub async fn notified(&self) {
        self.0.notified().await;
    }
}
