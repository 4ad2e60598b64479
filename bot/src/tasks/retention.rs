//! Retention: when `COLOOP_RETENTION_DAYS` is set, comments older than that many days are
//! deleted once a day (and at start), and the number deleted is logged. Default: keep.

use std::time::Duration;

use chrono::Utc;
use coloop_core::Store;
use tokio::sync::watch;

/// Deletes what is older than `days`; how many comments went.
pub async fn run_once(store: &Store, days: u32) -> anyhow::Result<u64> {
    let cutoff = Utc::now() - chrono::Duration::days(days.into());
    let deleted = store.delete_comments_before(cutoff).await?;
    tracing::info!(deleted, days, "retention: deleted old comments");
    Ok(deleted)
}

pub async fn run_until_stopped(store: Store, days: u32, stop: watch::Receiver<bool>) {
    super::every(
        Duration::from_secs(24 * 3600),
        None,
        stop,
        "retention",
        || run_once(&store, days),
    )
    .await;
}
