//! The local HTTP server: the webhook route (webhook mode), `GET /healthz`, `GET /readyz` and
//! `GET /metrics`. It listens on `COLOOP_HTTP_LISTEN`, behind the operator's reverse proxy.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use coloop_core::Store;
use coloop_core::delivery::{Heartbeat, Outage};

use super::webhook::{self, Webhook};

/// How long the database may take to answer a readiness probe.
pub const DATABASE_PATIENCE: Duration = Duration::from_secs(1);
/// The delivery worker beats at least every few seconds; this much silence means it is stuck.
pub const WORKER_PATIENCE: Duration = Duration::from_secs(60);

/// What `/readyz` and `/metrics` look at.
pub struct Probe {
    pub store: Store,
    pub database: PathBuf,
    pub worker: Heartbeat,
    /// Since when the worker finds Telegram unreachable: said, but the process is still ready.
    pub outage: Outage,
    pub intake: Heartbeat,
    pub window: Duration,
    pub webhook_mode: bool,
}

impl Probe {
    /// `Ok` when ready; otherwise one line saying why not.
    pub async fn check(&self) -> Result<(), String> {
        if !self.database.exists() {
            return Err(format!(
                "database: the file {} is missing",
                self.database.display()
            ));
        }
        match tokio::time::timeout(DATABASE_PATIENCE, self.store.ping()).await {
            Err(_) => {
                return Err(format!(
                    "database: no answer within {} s (locked or unreachable)",
                    DATABASE_PATIENCE.as_secs()
                ));
            }
            Ok(Err(error)) if error.is_unwritable() => {
                return Err(format!(
                    "database: cannot be written (disk full, size limit reached or read-only): {}",
                    coloop_core::error_chain(&error)
                ));
            }
            Ok(Err(error)) => {
                return Err(format!("database: {}", coloop_core::error_chain(&error)));
            }
            Ok(Ok(())) => {}
        }
        match self.worker.age() {
            None => return Err("delivery worker: not started".into()),
            Some(age) if age > WORKER_PATIENCE => {
                return Err(format!(
                    "delivery worker: last seen {} s ago",
                    age.as_secs()
                ));
            }
            Some(_) => {}
        }
        let what = if self.webhook_mode {
            "updates: no webhook request and no successful webhook check"
        } else {
            "updates: no answer from getUpdates"
        };
        match self.intake.age() {
            None => Err(format!("{what} yet")),
            Some(age) if age > self.window => Err(format!("{what} for {} s", age.as_secs())),
            Some(_) => Ok(()),
        }
    }
}

impl Probe {
    /// What `/readyz` adds to "ready" while the delivery worker finds Telegram unreachable
    /// (the process itself is fine: restarting it would not help).
    pub fn outage_note(&self) -> Option<String> {
        self.outage.since().map(|since| {
            format!(
                "Telegram unreachable since {}",
                since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
            )
        })
    }
}

async fn healthz() -> &'static str {
    "ok\n"
}

async fn readyz(State(probe): State<Arc<Probe>>) -> impl IntoResponse {
    match probe.check().await {
        Ok(()) => match probe.outage_note() {
            None => (StatusCode::OK, "ready\n".to_owned()),
            Some(note) => (StatusCode::OK, format!("ready; {note}\n")),
        },
        Err(reason) => {
            tracing::debug!(%reason, "not ready");
            (StatusCode::SERVICE_UNAVAILABLE, format!("{reason}\n"))
        }
    }
}

async fn metrics(State(probe): State<Arc<Probe>>) -> impl IntoResponse {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        super::telemetry::render(&probe.store).await,
    )
}

/// The routes; `webhook` adds `POST <path>`.
pub fn router(probe: Arc<Probe>, webhook: Option<(String, Arc<Webhook>)>) -> Router {
    let mut router = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(probe);
    if let Some((path, hook)) = webhook {
        router = router.merge(
            Router::new()
                .route(&path, post(webhook::receive))
                .with_state(hook),
        );
    }
    router
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn readiness_names_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let database = dir.path().join("coloop.db");
        let store = Store::open_and_migrate(&database).await.unwrap();
        let probe = Probe {
            store,
            database,
            worker: Heartbeat::default(),
            outage: Outage::default(),
            intake: Heartbeat::default(),
            window: Duration::from_secs(60),
            webhook_mode: false,
        };
        assert_eq!(
            probe.check().await.unwrap_err(),
            "delivery worker: not started"
        );
        probe.worker.beat();
        assert_eq!(
            probe.check().await.unwrap_err(),
            "updates: no answer from getUpdates yet"
        );
        probe.intake.beat();
        assert_eq!(probe.check().await, Ok(()));
        assert_eq!(probe.outage_note(), None);
        let since = chrono::DateTime::from_timestamp(1_796_000_000, 0).unwrap();
        probe.outage.begin(since);
        assert_eq!(probe.check().await, Ok(()), "still ready");
        assert_eq!(
            probe.outage_note().as_deref(),
            Some("Telegram unreachable since 2026-11-30T00:53:20Z")
        );
        probe.outage.end();
        let webhook = Probe {
            webhook_mode: true,
            intake: Heartbeat::default(),
            ..probe
        };
        assert!(
            webhook
                .check()
                .await
                .unwrap_err()
                .contains("no webhook request")
        );
    }
}
