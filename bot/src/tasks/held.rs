//! Tells the author of a broadcast that is held up (still not delivered to everyone some
//! minutes after Send: Telegram is down) once, and once more when it is done. What was told is
//! kept in the database, so a restart neither repeats nor skips a message. Each message is in
//! the author's stored language.

use std::sync::Arc;

use chrono::Utc;
use coloop_core::Store;
use coloop_core::store::HeldBroadcast;
use teloxide::prelude::*;
use teloxide::types::ChatId;
use tokio::sync::watch;

use crate::config::HeldSettings;
use crate::telegram::{send_html, with_flood_retry};
use crate::texts::Catalogues;

/// Looks at the outbox every `tick` until `stop` turns true.
pub async fn run_until_stopped(
    bot: Bot,
    store: Store,
    settings: HeldSettings,
    i18n: Arc<Catalogues>,
    stop: watch::Receiver<bool>,
) {
    super::every(settings.tick, None, stop, "held-broadcast watcher", || {
        tell(&bot, &store, &settings, &i18n)
    })
    .await;
    tracing::info!("held-broadcast watcher stopped");
}

/// Sends what is due: "held up" for broadcasts newly held, "done" for held ones that finished.
async fn tell(
    bot: &Bot,
    store: &Store,
    settings: &HeldSettings,
    i18n: &Catalogues,
) -> anyhow::Result<()> {
    let sent_before = Utc::now() - chrono::Duration::from_std(settings.after)?;
    for held in store.newly_held_broadcasts(sent_before).await? {
        let text = i18n
            .choose(held.language.as_deref(), None)
            .broadcast_held_up(&held, settings.after);
        if send(bot, &held, text).await {
            store.mark_held_noticed(held.post, Utc::now()).await?;
        }
    }
    for done in store.finished_held_broadcasts().await? {
        let text = i18n
            .choose(done.language.as_deref(), None)
            .broadcast_done(&done);
        if send(bot, &done, text).await {
            store.mark_done_noticed(done.post, Utc::now()).await?;
        }
    }
    Ok(())
}

/// Whether the message is settled (sent, or the author cannot be reached at all); otherwise
/// it is tried again at the next tick.
async fn send(bot: &Bot, to: &HeldBroadcast, text: String) -> bool {
    let chat = ChatId(to.author.get());
    match with_flood_retry(|| send_html(bot, chat, text.clone())).await {
        Ok(_) => true,
        Err(teloxide::RequestError::Api(
            teloxide::ApiError::BotBlocked
            | teloxide::ApiError::UserDeactivated
            | teloxide::ApiError::CantInitiateConversation,
        )) => true,
        Err(error) => {
            tracing::warn!(post = %to.post, %error, "could not tell an author about their broadcast");
            false
        }
    }
}
