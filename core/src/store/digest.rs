//! The numbers behind a feedback digest: members, posts and their delivery, comments — for one
//! working group or all of them, over a time window.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, Store, ts};
use crate::domain::GroupId;

/// Member counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct MemberCounts {
    /// Current memberships (members and facilitators).
    pub total: i64,
    /// Joined within the window.
    pub joined: i64,
    /// Paused (everything, or this group).
    pub paused: i64,
    /// Blocked the bot.
    pub blocked: i64,
}

/// A post sent within the window, with its delivery and comment counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct PostLine {
    pub id: i64,
    pub group: String,
    pub kind: String,
    pub title: String,
    pub category: Option<String>,
    pub status: Option<String>,
    pub sent_at: Option<String>,
    pub sent: i64,
    pub pending: i64,
    pub failed: i64,
    pub blocked: i64,
    pub comments: i64,
}

/// A visible comment made within the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CommentLine {
    pub id: i64,
    pub group: String,
    /// `None` when anonymous.
    pub author: Option<String>,
    pub created_at: String,
    pub post_id: Option<i64>,
    pub post_title: Option<String>,
    pub text: Option<String>,
    pub media_kind: Option<String>,
    pub duration_secs: Option<i64>,
}

/// One delivery, for the deliveries export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct DeliveryLine {
    pub post_id: i64,
    pub group: String,
    pub post_title: String,
    /// The recipient's name; `None` for a linked group chat.
    pub recipient: Option<String>,
    pub state: String,
    pub attempts: i64,
    pub last_error: Option<String>,
    pub sent_at: Option<String>,
}

impl Store {
    /// Member counts of a group (or of all groups: people counted once per group).
    pub async fn digest_members(
        &self,
        group: Option<GroupId>,
        since: DateTime<Utc>,
    ) -> Result<MemberCounts> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*) AS total,
                    COUNT(*) FILTER (WHERE m.joined_at >= ?2) AS joined,
                    COUNT(*) FILTER (WHERE m.paused_at IS NOT NULL OR p.paused_at IS NOT NULL) AS paused,
                    COUNT(*) FILTER (WHERE p.blocked_at IS NOT NULL) AS blocked
             FROM memberships m JOIN people p ON p.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             WHERE m.left_at IS NULL AND g.archived_at IS NULL AND (?1 IS NULL OR m.group_id = ?1)",
        )
        .bind(group)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Posts sent within the window, newest first, with delivery and visible-comment counts.
    pub async fn digest_posts(
        &self,
        group: Option<GroupId>,
        since: DateTime<Utc>,
    ) -> Result<Vec<PostLine>> {
        Ok(sqlx::query_as(
            "SELECT po.id, g.slug AS \"group\", po.kind, po.title, po.category, po.status, po.sent_at,
                    (SELECT COUNT(*) FROM deliveries d WHERE d.post_id = po.id AND d.survey_id IS NULL AND d.state = 'sent') AS sent,
                    (SELECT COUNT(*) FROM deliveries d WHERE d.post_id = po.id AND d.survey_id IS NULL AND d.state = 'pending') AS pending,
                    (SELECT COUNT(*) FROM deliveries d WHERE d.post_id = po.id AND d.survey_id IS NULL AND d.state = 'failed') AS failed,
                    (SELECT COUNT(*) FROM deliveries d WHERE d.post_id = po.id AND d.survey_id IS NULL AND d.state = 'blocked') AS blocked,
                    (SELECT COUNT(*) FROM comments c
                      WHERE c.post_id = po.id AND c.hidden_at IS NULL AND c.unfiled = 0) AS comments
             FROM posts po JOIN working_groups g ON g.id = po.group_id
             WHERE po.state = 'sent' AND po.sent_at >= ?2 AND (?1 IS NULL OR po.group_id = ?1)
             ORDER BY po.sent_at DESC, po.id DESC",
        )
        .bind(group)
        .bind(ts(since))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Visible comments made within the window, newest first (`limit` of them; all with `None`).
    pub async fn digest_comments(
        &self,
        group: Option<GroupId>,
        since: DateTime<Utc>,
        limit: Option<i64>,
    ) -> Result<Vec<CommentLine>> {
        Ok(sqlx::query_as(
            "SELECT c.id, g.slug AS \"group\",
                    CASE WHEN c.anonymous THEN NULL ELSE pe.display_name END AS author,
                    c.created_at, c.post_id, po.title AS post_title, c.body AS text, c.media_kind, c.duration_secs
             FROM comments c
             JOIN working_groups g ON g.id = c.group_id
             JOIN people pe ON pe.id = c.person_id
             LEFT JOIN posts po ON po.id = c.post_id
             WHERE c.hidden_at IS NULL AND c.unfiled = 0 AND c.created_at >= ?2
               AND (?1 IS NULL OR c.group_id = ?1)
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT ?3",
        )
        .bind(group)
        .bind(ts(since))
        .bind(limit.unwrap_or(-1))
        .fetch_all(&self.pool)
        .await?)
    }

    /// How many visible comments were made within the window.
    pub async fn digest_comment_count(
        &self,
        group: Option<GroupId>,
        since: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments c
             WHERE c.hidden_at IS NULL AND c.unfiled = 0 AND c.created_at >= ?2 AND (?1 IS NULL OR c.group_id = ?1)",
        )
        .bind(group)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Every delivery of posts sent within the window, for export.
    pub async fn digest_deliveries(
        &self,
        group: Option<GroupId>,
        since: DateTime<Utc>,
    ) -> Result<Vec<DeliveryLine>> {
        Ok(sqlx::query_as(
            "SELECT d.post_id, g.slug AS \"group\", po.title AS post_title, pe.display_name AS recipient,
                    d.state, d.attempts, d.last_error, d.sent_at
             FROM deliveries d
             JOIN posts po ON po.id = d.post_id
             JOIN working_groups g ON g.id = po.group_id
             LEFT JOIN people pe ON pe.id = d.person_id
             WHERE po.sent_at >= ?2 AND (?1 IS NULL OR po.group_id = ?1) AND d.survey_id IS NULL
             ORDER BY d.post_id, d.id",
        )
        .bind(group)
        .bind(ts(since))
        .fetch_all(&self.pool)
        .await?)
    }
}

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

    /// The stored language of a Telegram user, if they are a person who chose or has one.
    pub async fn stored_language(&self, telegram_id: i64) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT language FROM people WHERE telegram_id = ?")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?
                .flatten(),
        )
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
