//! Webhook mode: registers the webhook with Telegram, and takes Telegram's POSTs.
//!
//! A request is taken only with the right `X-Telegram-Bot-Api-Secret-Token` (compared in
//! constant time; otherwise 401 and nothing is read). Bodies over [`BODY_LIMIT`] get 413, a
//! body that is not an update 400 (logged, without the body). A good update is answered 200 as
//! soon as it is queued for the dispatcher; an update Telegram sends again (it does after a
//! timeout or a 5xx) is recognised by its id among the last [`REMEMBERED`] and answered 200
//! without being handled twice. While the bot stops, requests get 503: Telegram retries later.

use std::collections::{HashSet, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use coloop_core::Store;
use subtle::ConstantTimeEq as _;
use teloxide::prelude::*;
use teloxide::types::Update;

use super::intake::{ALLOWED_UPDATES, Intake, describe};
use crate::config::ops::{WebhookConfig, WebhookSecret};

/// The largest body taken (Telegram's updates are a few KiB).
pub const BODY_LIMIT: usize = 1024 * 1024;
/// How many recent update ids are remembered to drop Telegram's re-sends.
pub const REMEMBERED: usize = 10_000;
/// The header Telegram puts the secret token in.
pub const SECRET_HEADER: &str = "x-telegram-bot-api-secret-token";
/// The settings key an older coloop kept its generated secret under.
const OLD_SECRET_SETTING: &str = "webhook_secret";

/// The most recent update ids, oldest dropped first.
#[derive(Debug, Default)]
pub struct RecentIds {
    set: HashSet<u32>,
    order: VecDeque<u32>,
}

impl RecentIds {
    /// Remembers `id`; `false` when it was already remembered.
    pub fn insert(&mut self, id: u32) -> bool {
        if !self.set.insert(id) {
            return false;
        }
        self.order.push_back(id);
        if self.order.len() > REMEMBERED
            && let Some(old) = self.order.pop_front()
        {
            self.set.remove(&old);
        }
        true
    }

    /// Forgets `id` (an update that could not be queued: its re-send must be taken).
    pub fn forget(&mut self, id: u32) {
        if self.set.remove(&id) {
            self.order.retain(|other| *other != id);
        }
    }
}

/// What the webhook route needs.
pub struct Webhook {
    pub intake: Intake,
    pub secret: WebhookSecret,
    pub recent: Mutex<RecentIds>,
}

fn outcome(name: &'static str) {
    metrics::counter!("coloop_webhook_requests_total", "outcome" => name).increment(1);
}

fn authorized(headers: &HeaderMap, secret: &WebhookSecret) -> bool {
    headers
        .get(SECRET_HEADER)
        .is_some_and(|given| bool::from(given.as_bytes().ct_eq(secret.expose().as_bytes())))
}

/// `POST <webhook path>`.
pub async fn receive(State(hook): State<Arc<Webhook>>, request: Request<Body>) -> StatusCode {
    if !authorized(request.headers(), &hook.secret) {
        outcome("unauthorized");
        tracing::warn!("webhook request without the right secret token: refused");
        return StatusCode::UNAUTHORIZED;
    }
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > BODY_LIMIT as u64) {
        outcome("too_large");
        tracing::warn!(bytes = declared, "webhook body too large: refused");
        return StatusCode::PAYLOAD_TOO_LARGE;
    }
    let body = match axum::body::to_bytes(request.into_body(), BODY_LIMIT).await {
        Ok(body) => body,
        Err(_) => {
            outcome("too_large");
            tracing::warn!("webhook body too large or cut short: refused");
            return StatusCode::PAYLOAD_TOO_LARGE;
        }
    };
    let update: Update = match serde_json::from_slice(&body) {
        Ok(update) => update,
        Err(error) => {
            outcome("malformed");
            // serde's message names the place, never the content.
            tracing::warn!(bytes = body.len(), error = %error, "webhook body is not a Telegram update");
            return StatusCode::BAD_REQUEST;
        }
    };
    hook.intake.activity.beat();
    let id = update.id.0;
    let fresh = hook
        .recent
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .insert(id);
    if !fresh {
        outcome("duplicate");
        tracing::info!(
            update_id = id,
            "Telegram sent an update again; it was handled already"
        );
        return StatusCode::OK;
    }
    super::telemetry::update_taken(&update);
    if hook.intake.tx.send(update).await.is_err() {
        hook.recent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .forget(id);
        outcome("stopping");
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    outcome("accepted");
    StatusCode::OK
}

/// The configured secret, or one derived from the bot token (the same at every start). Never
/// kept in the database: anyone with a backup could post forged updates with it. A secret an
/// older coloop kept there is deleted.
pub async fn secret(
    store: &Store,
    config: &WebhookConfig,
    token: &str,
) -> anyhow::Result<WebhookSecret> {
    store
        .delete_setting(OLD_SECRET_SETTING)
        .await
        .context("removing the webhook secret an older coloop kept in the database")?;
    Ok(match &config.secret {
        Some(secret) => secret.clone(),
        None => WebhookSecret::derive(token),
    })
}

/// Tells Telegram where to post updates (setWebhook with the secret and the update kinds).
pub async fn register(
    bot: &Bot,
    config: &WebhookConfig,
    secret: &WebhookSecret,
) -> anyhow::Result<()> {
    bot.set_webhook(config.url.clone())
        .secret_token(secret.expose())
        .allowed_updates(ALLOWED_UPDATES)
        .await
        .map_err(|e| anyhow::anyhow!("{}", describe(&e)))
        .context("registering the webhook with Telegram (setWebhook)")?;
    tracing::info!(host = config.url.host_str(), "webhook registered");
    Ok(())
}

/// Every `every`, asks Telegram whether our webhook is still registered (getWebhookInfo);
/// a yes counts as intake activity for readiness, so that a quiet bot stays ready.
pub async fn watch(bot: Bot, url: reqwest::Url, intake: Intake, every: Duration) {
    loop {
        tokio::select! {
            biased;
            () = intake.tx.closed() => return,
            () = tokio::time::sleep(every) => {}
        }
        match bot.get_webhook_info().await {
            Ok(info) if info.url.as_ref() == Some(&url) => {
                intake.activity.beat();
                if let Some(message) = info.last_error_message {
                    tracing::warn!(
                        error = %message,
                        pending = info.pending_update_count,
                        "Telegram reports it could not deliver to the webhook"
                    );
                }
            }
            Ok(_) => tracing::warn!(
                "Telegram has no webhook or another one registered for this bot \
                 (did another instance start polling?)"
            ),
            Err(error) => tracing::warn!(error = describe(&error), "checking the webhook failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_ids_are_bounded_and_drop_repeats() {
        let mut recent = RecentIds::default();
        assert!(recent.insert(1));
        assert!(!recent.insert(1));
        for id in 2..=(REMEMBERED as u32 + 1) {
            assert!(recent.insert(id));
        }
        assert_eq!(recent.order.len(), REMEMBERED);
        assert!(recent.insert(1), "the oldest id was forgotten");
        recent.forget(1);
        assert!(recent.insert(1));
    }

    #[test]
    fn the_secret_must_match_exactly() {
        let secret = WebhookSecret::parse("s3cret").unwrap();
        let mut headers = HeaderMap::new();
        assert!(!authorized(&headers, &secret));
        for wrong in ["s3cre", "s3cret2", "S3CRET", ""] {
            headers.insert(SECRET_HEADER, wrong.parse().unwrap());
            assert!(!authorized(&headers, &secret), "{wrong}");
        }
        headers.insert(SECRET_HEADER, "s3cret".parse().unwrap());
        assert!(authorized(&headers, &secret));
    }
}
