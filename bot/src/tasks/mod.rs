//! The background loops, started by [`crate::app`] and stopped by its one shutdown signal. They
//! use the Telegram toolkit and the texts, never a handler.
//!
//! - [`sender`]: the outbox's Telegram transport (one `sendMessage`, statuses kept); the worker
//!   itself is `coloop_core::delivery::Worker`.
//! - [`notices`]: batched "new comments" notices to facilitators.
//! - [`held`]: tells a broadcast's author when it is held up (Telegram down) and when it is done.
//! - [`digests`]: the weekly digests to coordinators and facilitators.
//! - [`survey_keeper`]: closes due surveys, removes closed surveys' buttons, queues reminders;
//!   the anonymous-answer key.
//! - [`retention`]: the daily deletion of old comments, when configured.

pub mod digests;
pub mod held;
pub mod notices;
pub mod retention;
pub mod sender;
pub mod survey_keeper;

use std::future::Future;
use std::time::Duration;

use coloop_core::wake::Wake;
use tokio::sync::watch;

/// The loop every task runs: a round at once and then every `period` (or as soon as `wake`
/// is woken), until `stop` turns true. A failed round is logged with its cause chain and
/// tried again at the next tick; `what` names the task in that line.
pub async fn every<F, Fut, T>(
    period: Duration,
    wake: Option<Wake>,
    mut stop: watch::Receiver<bool>,
    what: &'static str,
    mut round: F,
) where
    F: FnMut() -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let woken = || async {
        match &wake {
            Some(wake) => wake.notified().await,
            None => std::future::pending().await,
        }
    };
    loop {
        tokio::select! {
            biased;
            _ = stop.wait_for(|stop| *stop) => break,
            _ = ticks.tick() => {}
            () = woken() => {}
        }
        if let Err(error) = round().await {
            tracing::error!(
                error = format!("{error:#}"),
                "{what}: a round failed; trying again at the next tick"
            );
        }
    }
}
