//! Running coloop in production: webhook mode, the HTTP server with health, readiness and
//! metrics, and the intake that feeds updates from either long polling or the webhook to the
//! dispatcher. [`Ops::start`] wires them for [`crate::app::run`].
//!
//! - [`config`]: `COLOOP_WEBHOOK_URL`, `COLOOP_HTTP_LISTEN`, … → [`config::OpsConfig`].
//! - [`intake`]: the update channel, its teloxide listener, and the long-polling loop.
//! - [`webhook`]: setWebhook and the webhook route (secret, limits, re-sends).
//! - [`http`]: the routes and the readiness probe.
//! - [`telemetry`]: the Prometheus recorder and the `/metrics` page.
//! - [`maintenance`]: `coloop backup`, `coloop migrate --status`, `coloop health`.
//! - [`groups`]: `coloop group list | rotate | archive`, for operators.

pub mod groups;
pub mod http;
pub mod intake;
pub mod maintenance;
pub mod telemetry;
pub mod webhook;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use anyhow::Context as _;
use coloop_core::Store;
use coloop_core::delivery::{Heartbeat, Outage};
use teloxide::prelude::*;
use tokio::task::JoinHandle;

use crate::config::Config;

/// What a started bot tells whoever started it.
#[derive(Debug, Clone, Copy)]
pub struct Started {
    /// Where the HTTP server listens, when there is one.
    pub http: Option<SocketAddr>,
}

/// The running update sources and HTTP server.
pub struct Ops {
    http: Option<SocketAddr>,
    tasks: Vec<JoinHandle<()>>,
}

impl Ops {
    /// Binds the HTTP server (when configured; it serves `pages` too), registers the webhook or starts long polling,
    /// and returns the listener the dispatcher reads. Everything stops when the dispatcher
    /// stops the listener, except the HTTP server, which stops on `server_stop`.
    pub async fn start(
        config: &Config,
        bot: &Bot,
        store: &Store,
        worker: Heartbeat,
        outage: Outage,
        pages: axum::Router,
        server_stop: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<(Ops, intake::Listener)> {
        let ops_config = &config.ops;
        let (intake, listener) = intake::channel();
        telemetry::recorder();
        let mut tasks = Vec::new();

        let webhook = match &ops_config.webhook {
            Some(webhook) => {
                let secret = webhook::secret(store, webhook, config.token.expose()).await?;
                Some((webhook, secret))
            }
            None => None,
        };
        anyhow::ensure!(
            webhook.is_none() || ops_config.http_listen.is_some(),
            "webhook mode needs an address to listen on (COLOOP_HTTP_LISTEN)"
        );
        let mut http = None;
        if let Some(listen) = ops_config.http_listen {
            let socket = tokio::net::TcpListener::bind(listen)
                .await
                .with_context(|| format!("listening on {listen} (COLOOP_HTTP_LISTEN)"))?;
            let bound = socket.local_addr().context("reading the bound address")?;
            let probe = Arc::new(http::Probe {
                store: store.clone(),
                database: config.base.database.clone(),
                worker,
                outage,
                intake: intake.activity.clone(),
                window: ops_config.ready_window,
                webhook_mode: webhook.is_some(),
            });
            let route = webhook.as_ref().map(|(config, secret)| {
                (
                    config.path().to_owned(),
                    Arc::new(webhook::Webhook {
                        intake: intake.clone(),
                        secret: secret.clone(),
                        recent: Mutex::new(webhook::RecentIds::default()),
                    }),
                )
            });
            let router = http::router(probe, route).merge(pages);
            tasks.push(tokio::spawn(async move {
                if let Err(error) = axum::serve(socket, router)
                    .with_graceful_shutdown(server_stop)
                    .await
                {
                    tracing::error!(%error, "the HTTP server failed");
                }
            }));
            tracing::info!(address = %bound, "HTTP server listening");
            http = Some(bound);
        }

        if let Some((webhook, secret)) = &webhook
            && let Err(error) = webhook::register(bot, webhook, secret).await
        {
            // Nothing may outlive a failed start: stop the HTTP server already serving.
            for task in &tasks {
                task.abort();
            }
            for task in tasks {
                let _ = task.await;
            }
            return Err(error);
        }
        match webhook {
            Some((webhook, _)) => {
                intake.activity.beat();
                tasks.push(tokio::spawn(webhook::watch(
                    bot.clone(),
                    webhook.url.clone(),
                    intake.clone(),
                    ops_config.ready_window / 3,
                )));
            }
            None => tasks.push(tokio::spawn(intake::poll(
                bot.clone(),
                intake.clone(),
                config.poll_timeout_secs,
            ))),
        }
        // The listener's channel closes when the dispatcher stops it; the sources hold the
        // remaining senders.
        drop(intake);
        Ok((Ops { http, tasks }, listener))
    }

    pub fn started(&self) -> Started {
        Started { http: self.http }
    }

    /// Waits for the sources and the HTTP server to finish.
    pub async fn finish(self) {
        for task in self.tasks {
            if let Err(error) = task.await {
                tracing::error!(%error, "an intake or HTTP task panicked");
            }
        }
    }
}
