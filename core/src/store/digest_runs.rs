//! Scheduled digests' bookkeeping: who they go to (facilitators of live groups, coordinators
//! added with `coloop admin add` or named in the configuration and started; nobody who paused
//! or blocked the bot), and which recipient, scope and period were sent already.

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

    /// A coordinator as the recipient of the all-groups digest, when they get it: one added
    /// with `coloop admin add`, or one named in the configuration (`configured`) who sent
    /// `/start` ([`Store::record_coordinator_start`]) — and in either case not someone who
    /// paused everything or blocked the bot. `/forget` removes both rows, so a coordinator who
    /// forgets themselves gets no digest, and no `digest_runs` row is made for them, until they
    /// send `/start` again (issue #20).
    pub async fn coordinator_digest_recipient(
        &self,
        telegram_id: TelegramId,
        configured: bool,
    ) -> Result<Option<DigestRecipient>> {
        let language: Option<Option<String>> = sqlx::query_scalar(
            "SELECT (SELECT language FROM people WHERE telegram_id = ?1)
             WHERE (EXISTS (SELECT 1 FROM coordinators WHERE telegram_id = ?1)
                    OR (?2 AND EXISTS (SELECT 1 FROM started_coordinators WHERE telegram_id = ?1)))
               AND NOT EXISTS (SELECT 1 FROM people WHERE telegram_id = ?1
                               AND (paused_at IS NOT NULL OR blocked_at IS NOT NULL))",
        )
        .bind(telegram_id)
        .bind(configured)
        .fetch_optional(&self.pool)
        .await?;
        Ok(language.map(|language| DigestRecipient {
            telegram_id: telegram_id.get(),
            group: None,
            language,
        }))
    }

    /// A coordinator named in the configuration sent `/start`: scheduled digests go to them
    /// from now on (until they `/forget` themselves).
    pub async fn record_coordinator_start(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO started_coordinators (telegram_id, started_at) VALUES (?, ?)
             ON CONFLICT DO NOTHING",
        )
        .bind(telegram_id)
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(())
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
