//! Tells facilitators about new comments in their groups, batched: at most one notice per
//! facilitator and group per interval, with the count and the first lines — not a message per
//! comment. Which comments were told is kept in the database, so a restart neither repeats nor
//! skips a notice. Each notice is in its facilitator's stored language.

use std::sync::Arc;

use chrono::Utc;
use coloop_core::Store;
use teloxide::prelude::*;
use teloxide::types::ChatId;
use tokio::sync::watch;

use crate::config::CommentSettings;
use crate::telegram::{send_html, with_flood_retry};
use crate::texts::Catalogues;

/// Looks for due notices every `notice_tick` until `stop` turns true.
pub async fn run_until_stopped(
    bot: Bot,
    store: Store,
    settings: CommentSettings,
    i18n: Arc<Catalogues>,
    stop: watch::Receiver<bool>,
) {
    let round_stop = stop.clone();
    super::every(settings.notice_tick, None, stop, "comment notices", || {
        send_due(&bot, &store, &settings, &i18n, &round_stop)
    })
    .await;
    tracing::info!("comment notifier stopped");
}

/// Sends every due notice once (stopping early when `stop` turns true; the rest go out at the
/// next start); returns how many went out.
pub async fn send_due(
    bot: &Bot,
    store: &Store,
    settings: &CommentSettings,
    i18n: &Catalogues,
    stop: &watch::Receiver<bool>,
) -> anyhow::Result<usize> {
    let interval = chrono::Duration::from_std(settings.notice_interval)?;
    let due = store.due_notices(interval, Utc::now()).await?;
    let mut sent = 0;
    for notice in due {
        if *stop.borrow() {
            break;
        }
        let text = i18n
            .choose(notice.language.as_deref(), None)
            .new_comments_notice(&notice);
        match with_flood_retry(|| send_html(bot, ChatId(notice.chat_id), text.clone())).await {
            Ok(_) => {
                store
                    .mark_noticed(
                        notice.person_id,
                        notice.group,
                        notice.last_comment,
                        Utc::now(),
                    )
                    .await?;
                sent += 1;
            }
            Err(error) if crate::telegram::is_unreachable(&error) => {
                // They blocked the bot: marked, and skipped from then on.
                tracing::debug!(chat_id = notice.chat_id, "blocked the bot");
                tracing::info!("a facilitator blocked the bot; notices stop");
                store
                    .mark_blocked(
                        coloop_core::domain::TelegramId::new(notice.chat_id),
                        Utc::now(),
                    )
                    .await?;
            }
            Err(error) => {
                // Not marked: tried again at the next tick.
                tracing::debug!(chat_id = notice.chat_id, "a comment notice failed");
                tracing::warn!(%error, "could not send a comment notice");
            }
        }
    }
    Ok(sent)
}
