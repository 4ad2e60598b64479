//! Broadcasts held up in the outbox (Telegram down for a while): which to tell their author
//! about, once when held up and once when done, and that they were told.

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::{PostId, TelegramId};

/// A broadcast its author should hear about.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct HeldBroadcast {
    pub post: PostId,
    pub title: String,
    pub group_name: String,
    /// The author's Telegram id (their private chat) and stored language.
    pub author: TelegramId,
    pub language: Option<String>,
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub blocked: i64,
}

const SELECT: &str =
    "SELECT po.id AS post, po.title, g.name AS group_name, pe.telegram_id AS author,
        pe.language,
        COUNT(d.id) FILTER (WHERE d.state = 'pending') AS pending,
        COUNT(d.id) FILTER (WHERE d.state = 'sent') AS sent,
        COUNT(d.id) FILTER (WHERE d.state = 'failed') AS failed,
        COUNT(d.id) FILTER (WHERE d.state = 'blocked') AS blocked
    FROM posts po
    JOIN working_groups g ON g.id = po.group_id
    JOIN people pe ON pe.id = po.author_id
    JOIN deliveries d ON d.post_id = po.id AND d.survey_id IS NULL";

impl Store {
    /// Sent broadcasts with deliveries still pending although they were sent before
    /// `sent_before`, whose author was not told yet.
    pub async fn newly_held_broadcasts(
        &self,
        sent_before: DateTime<Utc>,
    ) -> Result<Vec<HeldBroadcast>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT}
             WHERE po.state = 'sent' AND po.held_noticed_at IS NULL AND po.sent_at <= ?
             GROUP BY po.id
             HAVING pending > 0
             ORDER BY po.id"
        ))
        .bind(ts(sent_before))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Held-up broadcasts (their author was told) with nothing pending any more, whose author
    /// was not told of the end yet.
    pub async fn finished_held_broadcasts(&self) -> Result<Vec<HeldBroadcast>> {
        Ok(sqlx::query_as(&format!(
            "{SELECT}
             WHERE po.held_noticed_at IS NOT NULL AND po.done_noticed_at IS NULL
             GROUP BY po.id
             HAVING pending = 0
             ORDER BY po.id"
        ))
        .fetch_all(&self.pool)
        .await?)
    }

    /// The author was told the broadcast is held up.
    pub async fn mark_held_noticed(&self, post: PostId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE posts SET held_noticed_at = COALESCE(held_noticed_at, ?) WHERE id = ?")
            .bind(ts(now))
            .bind(post)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The author was told the held-up broadcast is done.
    pub async fn mark_done_noticed(&self, post: PostId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE posts SET done_noticed_at = COALESCE(done_noticed_at, ?) WHERE id = ?")
            .bind(ts(now))
            .bind(post)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
