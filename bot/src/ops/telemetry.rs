//! Metrics: recorded with the `metrics` macros where things happen (here, in the dispatcher
//! and in core's delivery worker) and rendered as Prometheus text by `GET /metrics`, together
//! with gauges read from the database at scrape time (deliveries by state, outbox depth).
//!
//! The recorder is process-wide (that is how the `metrics` facade works): it is installed once,
//! the first time a bot starts in the process.

use std::fmt::Write as _;
use std::sync::OnceLock;

use coloop_core::Store;
use coloop_core::store::DeliveryCounts;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

/// Buckets of the send latency histogram, in seconds.
const SEND_BUCKETS: [f64; 11] = [
    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0,
];

static RECORDER: OnceLock<Option<PrometheusHandle>> = OnceLock::new();

/// Installs the Prometheus recorder (once per process) and returns its handle; `None` when
/// another recorder was installed first.
pub fn recorder() -> Option<&'static PrometheusHandle> {
    RECORDER
        .get_or_init(|| {
            let handle = PrometheusBuilder::new()
                .set_buckets_for_metric(
                    Matcher::Full("coloop_send_duration_seconds".into()),
                    &SEND_BUCKETS,
                )
                .ok()?
                .install_recorder()
                .ok()?;
            describe();
            Some(handle)
        })
        .as_ref()
}

fn describe() {
    metrics::describe_counter!(
        "coloop_updates_total",
        "Updates taken in from Telegram, by kind"
    );
    metrics::describe_counter!(
        "coloop_handler_errors_total",
        "Updates whose handler failed with an internal error"
    );
    metrics::describe_counter!(
        "coloop_deliveries_total",
        "Broadcast messages the delivery worker sent or gave up on, by outcome"
    );
    metrics::describe_counter!(
        "coloop_telegram_429_total",
        "429 Too Many Requests answers from Telegram, by source"
    );
    metrics::describe_counter!(
        "coloop_webhook_requests_total",
        "Webhook requests, by outcome"
    );
    metrics::describe_histogram!(
        "coloop_send_duration_seconds",
        metrics::Unit::Seconds,
        "Time one sendMessage of the delivery worker took"
    );
}

/// Counts one update taken in, by its kind.
pub fn update_taken(update: &teloxide::types::Update) {
    use teloxide::types::UpdateKind;
    let kind = match &update.kind {
        UpdateKind::Message(_) => "message",
        UpdateKind::EditedMessage(_) => "edited_message",
        UpdateKind::CallbackQuery(_) => "callback_query",
        UpdateKind::MyChatMember(_) => "my_chat_member",
        UpdateKind::Error(_) => "unknown",
        _ => "other",
    };
    metrics::counter!("coloop_updates_total", "kind" => kind).increment(1);
}

/// The `/metrics` page: the recorder's metrics, then the database's gauges (or
/// `coloop_database_up 0` when the database did not answer).
pub async fn render(store: &Store) -> String {
    let mut out = match recorder() {
        Some(handle) => {
            handle.run_upkeep();
            handle.render()
        }
        None => String::new(),
    };
    let counts = tokio::time::timeout(
        std::time::Duration::from_secs(1),
        store.all_delivery_counts(),
    )
    .await;
    match counts {
        Ok(Ok(counts)) => {
            database_gauges(&mut out, Some(counts));
        }
        Ok(Err(error)) => {
            tracing::warn!(error = %coloop_core::error_chain(&error), "metrics: reading delivery counts failed");
            database_gauges(&mut out, None);
        }
        Err(_) => database_gauges(&mut out, None),
    }
    out
}

fn database_gauges(out: &mut String, counts: Option<DeliveryCounts>) {
    let _ = writeln!(
        out,
        "# HELP coloop_database_up Whether the database answered this scrape\n\
         # TYPE coloop_database_up gauge\ncoloop_database_up {}",
        u8::from(counts.is_some())
    );
    let Some(c) = counts else { return };
    let _ = writeln!(
        out,
        "# HELP coloop_deliveries Deliveries in the database, by state\n\
         # TYPE coloop_deliveries gauge"
    );
    for (state, n) in [
        ("pending", c.pending),
        ("sent", c.sent),
        ("failed", c.failed),
        ("blocked", c.blocked),
    ] {
        let _ = writeln!(out, "coloop_deliveries{{state=\"{state}\"}} {n}");
    }
    let _ = writeln!(
        out,
        "# HELP coloop_outbox_depth Deliveries waiting to be sent\n\
         # TYPE coloop_outbox_depth gauge\ncoloop_outbox_depth {}",
        c.pending
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_gauges_are_prometheus_text() {
        let mut out = String::new();
        database_gauges(
            &mut out,
            Some(DeliveryCounts {
                pending: 3,
                sent: 7,
                failed: 1,
                blocked: 0,
            }),
        );
        assert!(out.contains("coloop_database_up 1\n"), "{out}");
        assert!(
            out.contains("coloop_deliveries{state=\"sent\"} 7\n"),
            "{out}"
        );
        assert!(out.contains("coloop_outbox_depth 3\n"), "{out}");
        let mut out = String::new();
        database_gauges(&mut out, None);
        assert!(out.contains("coloop_database_up 0\n"), "{out}");
        assert!(!out.contains("coloop_outbox_depth"));
    }
}
