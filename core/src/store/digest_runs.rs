//! Scheduled digests' bookkeeping: who they go to (facilitators of live groups; nobody who
//! paused or blocked the bot), and which recipient, scope and period were sent already.

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::TelegramId;

/// Someone a scheduled digest goes to: all groups for a coordinator, their group for a
/// facilitator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestRecipient {
    pub telegram_id: i64,
    /// `None`: all groups.
    pub group: Option<crate::domain::GroupSlug>,
    pub language: Option<String>,
}

impl Store {
    /// Facilitators of live groups (not paused, not blocked), one row per group they facilitate.
    pub async fn facilitator_digest_recipients(&self) -> Result<Vec<DigestRecipient>> {
        let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT p.telegram_id, g.slug, p.language
             FROM memberships m JOIN people p ON p.id = m.person_id JOIN working_groups g ON g.id = m.group_id
             WHERE m.role = 'facilitator' AND m.left_at IS NULL AND m.paused_at IS NULL
               AND p.paused_at IS NULL AND p.blocked_at IS NULL AND g.archived_at IS NULL
             ORDER BY p.telegram_id, g.slug",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(telegram_id, slug, language)| {
                Ok(DigestRecipient {
                    telegram_id,
                    group: Some(
                        crate::domain::GroupSlug::parse(&slug)
                            .map_err(|_| super::StoreError::Corrupt(format!("slug {slug:?}")))?,
                    ),
                    language,
                })
            })
            .collect()
    }

    /// Whether someone said `/stop` (paused everything) or blocked the bot: then no scheduled
    /// digest goes to them, whatever their role. Someone never seen is not.
    pub async fn silenced(&self, telegram_id: TelegramId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM people WHERE telegram_id = ?
                            AND (paused_at IS NOT NULL OR blocked_at IS NOT NULL))",
        )
        .bind(telegram_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Whether the digest of this recipient, scope and period was sent already.
    pub async fn digest_sent(
        &self,
        telegram_id: i64,
        scope: &str,
        period_start: DateTime<Utc>,
    ) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM digest_runs WHERE telegram_id = ? AND scope = ? AND period_start = ?)",
        )
        .bind(telegram_id)
        .bind(scope)
        .bind(ts(period_start))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Records a sent scheduled digest; `false` if it had been recorded already.
    pub async fn record_digest_sent(
        &self,
        telegram_id: i64,
        scope: &str,
        period_start: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO digest_runs (telegram_id, scope, period_start, sent_at) VALUES (?, ?, ?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(telegram_id)
        .bind(scope)
        .bind(ts(period_start))
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
