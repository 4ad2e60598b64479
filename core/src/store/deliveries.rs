//! The outbox: deliveries of sent posts, one per recipient chat, worked off by
//! [`crate::delivery::Worker`]. The worker is the only writer of a delivery's state.

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ts};
use crate::domain::{DeliveryId, NoticeId, PersonId, PostId, SurveyId};

/// A delivery that is due.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DueDelivery {
    pub id: DeliveryId,
    /// The post it sends; `None` for a group notice.
    pub post_id: Option<PostId>,
    /// The group notice it sends (the thanks of an archived group), instead of a post.
    pub notice_id: Option<NoticeId>,
    /// A survey's first question (`reminder` 0) or one of its reminders, rather than the post.
    pub survey_id: Option<SurveyId>,
    pub reminder: i64,
    pub person_id: Option<PersonId>,
    pub chat_id: i64,
    /// The forum topic, for a linked group chat's topic.
    pub thread_id: Option<i64>,
    /// The recipient gets the personal "you said, we did" note with the post.
    pub with_note: bool,
    pub chat_kind: ChatKind,
    pub attempts: i64,
    pub parts_sent: i64,
    /// The recipient's stored language (`people.language`); `None` for a group chat.
    pub language: Option<String>,
    /// When it was queued: its own failures are retried until it is old enough to give up.
    pub created_at: DateTime<Utc>,
}

impl DueDelivery {
    pub fn is_group_chat(&self) -> bool {
        self.chat_kind == ChatKind::Group
    }
}

/// Where a delivery goes: a person's private chat or a linked group chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChatKind {
    Private,
    Group,
}

impl ChatKind {
    pub const ALL: [ChatKind; 2] = [ChatKind::Private, ChatKind::Group];

    /// As stored in `deliveries.chat_kind`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ChatKind::Private => "private",
            ChatKind::Group => "group",
        }
    }
}

from_str_by_all!(ChatKind);

/// Delivery counts by state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryCounts {
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub blocked: i64,
}

impl Store {
    /// Up to `limit` pending deliveries due at `now`, oldest first, leaving out the chats in
    /// `skip_chats` (those the rate limiter holds back).
    pub async fn due_deliveries(
        &self,
        now: DateTime<Utc>,
        skip_chats: &[i64],
        limit: i64,
    ) -> Result<Vec<DueDelivery>> {
        let skip =
            serde_json::to_string(skip_chats).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(sqlx::query_as(
            "SELECT d.id, d.post_id, d.notice_id, d.survey_id, d.reminder, d.person_id, d.chat_id, d.thread_id, d.with_note, d.chat_kind, d.attempts,
                    d.parts_sent, p.language, d.created_at
             FROM deliveries d LEFT JOIN people p ON p.id = d.person_id
             WHERE d.state = 'pending' AND d.next_attempt_at <= ?
               AND d.chat_id NOT IN (SELECT value FROM json_each(?))
             ORDER BY d.next_attempt_at, d.id
             LIMIT ?",
        )
        .bind(ts(now))
        .bind(skip)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// When the next pending delivery falls due, if any.
    pub async fn next_delivery_due(&self) -> Result<Option<DateTime<Utc>>> {
        let next: Option<String> = sqlx::query_scalar(
            "SELECT MIN(next_attempt_at) FROM deliveries WHERE state = 'pending'",
        )
        .fetch_one(&self.pool)
        .await?;
        next.as_deref().map(super::parse_ts).transpose()
    }

    /// The rendered parts of a post in every language, as stored when it was previewed.
    pub async fn post_parts(&self, post: PostId) -> Result<super::RenderedPost> {
        let rendered: String = sqlx::query_scalar("SELECT rendered FROM posts WHERE id = ?")
            .bind(post)
            .fetch_one(&self.pool)
            .await?;
        super::RenderedPost::from_json(&rendered)
            .ok_or_else(|| StoreError::Corrupt(format!("rendered parts of post {post}")))
    }

    /// Records one sent part (and, with `last`, the delivery as sent) in one transaction.
    pub async fn record_part_sent(
        &self,
        delivery: DeliveryId,
        part: i64,
        chat_id: i64,
        message_id: i64,
        last: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        // The delivery may have gone meanwhile (the person asked to be forgotten): then there
        // is nothing to record.
        sqlx::query(
            "INSERT INTO delivered_messages (delivery_id, part, chat_id, message_id)
             SELECT ?1, ?2, ?3, ?4 WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ?1)
             ON CONFLICT (delivery_id, part) DO UPDATE SET message_id = excluded.message_id",
        )
        .bind(delivery)
        .bind(part)
        .bind(chat_id)
        .bind(message_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE deliveries SET
                 parts_sent = ?2 + 1,
                 message_id = COALESCE(message_id, ?3),
                 attempts = 0,
                 last_error = NULL,
                 state = CASE WHEN ?4 THEN 'sent' ELSE state END,
                 sent_at = CASE WHEN ?4 THEN ?5 ELSE sent_at END
             WHERE id = ?1",
        )
        .bind(delivery)
        .bind(part)
        .bind(message_id)
        .bind(last)
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        // A survey's message: remember it (a reply answers it; its buttons go at close).
        sqlx::query(
            "INSERT INTO survey_messages (chat_id, message_id, survey_id, position)
             SELECT ?2, ?3, survey_id, CASE WHEN reminder = 0 THEN 0 ELSE ?4 END
             FROM deliveries WHERE id = ?1 AND survey_id IS NOT NULL
             ON CONFLICT DO NOTHING",
        )
        .bind(delivery)
        .bind(chat_id)
        .bind(message_id)
        .bind(super::answers::REMINDER_POSITION)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Puts a delivery off until `until` without charging an attempt (a reminder that fell
    /// into the quiet hours).
    pub async fn postpone(&self, delivery: DeliveryId, until: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE deliveries SET next_attempt_at = ? WHERE id = ? AND state = 'pending'")
            .bind(ts(until))
            .bind(delivery)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Marks a delivery sent without sending more (its last part went out already).
    pub async fn record_done(&self, delivery: DeliveryId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE deliveries SET state = 'sent', sent_at = COALESCE(sent_at, ?) WHERE id = ? AND state = 'pending'")
            .bind(ts(now))
            .bind(delivery)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A transient failure: try again at `next_at`.
    pub async fn record_retry(
        &self,
        delivery: DeliveryId,
        attempts: i64,
        next_at: DateTime<Utc>,
        error: &str,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
        )
        .bind(attempts)
        .bind(ts(next_at))
        .bind(error)
        .bind(delivery)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Takes back a failure charged to a delivery (it turned out to be an outage): `attempts`
    /// as before it, due again at `next_at`, pending again if it had been failed.
    pub async fn refund_attempt(
        &self,
        delivery: DeliveryId,
        attempts: i64,
        next_at: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE deliveries SET state = 'pending', attempts = ?, next_attempt_at = ?
             WHERE id = ? AND state IN ('pending', 'failed')",
        )
        .bind(attempts)
        .bind(ts(next_at))
        .bind(delivery)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A permanent failure.
    pub async fn record_failed(
        &self,
        delivery: DeliveryId,
        attempts: i64,
        error: &str,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE deliveries SET state = 'failed', attempts = ?, last_error = ? WHERE id = ?",
        )
        .bind(attempts)
        .bind(error)
        .bind(delivery)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The recipient blocked the bot: the person is marked blocked and none of their pending
    /// deliveries is tried again. A group chat (no person) only loses this delivery.
    pub async fn record_blocked(
        &self,
        delivery: DeliveryId,
        person: Option<PersonId>,
        error: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        sqlx::query("UPDATE deliveries SET state = 'blocked', last_error = ? WHERE id = ?")
            .bind(error)
            .bind(delivery)
            .execute(&mut *tx)
            .await?;
        if let Some(person) = person {
            sqlx::query("UPDATE people SET blocked_at = COALESCE(blocked_at, ?) WHERE id = ?")
                .bind(ts(now))
                .bind(person)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE deliveries SET state = 'blocked', last_error = ? WHERE person_id = ? AND state = 'pending'",
            )
            .bind(error)
            .bind(person)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Delivery counts of one post.
    pub async fn delivery_counts(&self, post: PostId) -> Result<DeliveryCounts> {
        self.count_deliveries(Some(post)).await
    }

    /// Delivery counts over the whole outbox (posts, surveys and reminders).
    pub async fn all_delivery_counts(&self) -> Result<DeliveryCounts> {
        self.count_deliveries(None).await
    }

    async fn count_deliveries(&self, post: Option<PostId>) -> Result<DeliveryCounts> {
        let (pending, sent, failed, blocked): (i64, i64, i64, i64) = sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE state = 'pending'),
                    COUNT(*) FILTER (WHERE state = 'sent'),
                    COUNT(*) FILTER (WHERE state = 'failed'),
                    COUNT(*) FILTER (WHERE state = 'blocked')
             FROM deliveries WHERE ?1 IS NULL OR (post_id = ?1 AND survey_id IS NULL)",
        )
        .bind(post)
        .fetch_one(&self.pool)
        .await?;
        Ok(DeliveryCounts {
            pending,
            sent,
            failed,
            blocked,
        })
    }

    /// Whether the person with this Telegram id is marked as having blocked the bot.
    pub async fn is_blocked(&self, telegram_id: crate::domain::TelegramId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM people WHERE telegram_id = ? AND blocked_at IS NOT NULL)",
        )
        .bind(telegram_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The last error recorded on a delivery to this chat for this post.
    pub async fn delivery_error(&self, post: PostId, chat_id: i64) -> Result<Option<String>> {
        Ok(sqlx::query_scalar(
            "SELECT last_error FROM deliveries WHERE post_id = ? AND chat_id = ? AND survey_id IS NULL",
        )
        .bind(post)
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await?
        .flatten())
    }
}

impl Store {
    /// Sends failed deliveries again: those of `post` (its own, not its survey's), or every
    /// failed one. They are pending again, due now, with no attempts and a fresh give-up age
    /// (their last error kept until the next try). Sent, blocked and pending deliveries are
    /// untouched, so nobody who got a message gets it twice; a long post resumes at the
    /// part that failed. Returns how many were queued again.
    pub async fn retry_failed(&self, post: Option<PostId>, now: DateTime<Utc>) -> Result<u64> {
        let done = sqlx::query(
            "UPDATE deliveries SET state = 'pending', attempts = 0, next_attempt_at = ?1, created_at = ?1
             WHERE state = 'failed' AND (?2 IS NULL OR (post_id = ?2 AND survey_id IS NULL))",
        )
        .bind(ts(now))
        .bind(post)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    /// The working group a sent post went to, by slug.
    pub async fn group_of_post(&self, post: PostId) -> Result<Option<crate::domain::GroupSlug>> {
        let slug: Option<String> = sqlx::query_scalar(
            "SELECT g.slug FROM posts po JOIN working_groups g ON g.id = po.group_id
             WHERE po.id = ? AND po.state = 'sent'",
        )
        .bind(post)
        .fetch_optional(&self.pool)
        .await?;
        slug.map(|s| {
            crate::domain::GroupSlug::parse(&s)
                .map_err(|_| StoreError::Corrupt(format!("group slug {s:?}")))
        })
        .transpose()
    }
}

/// Whether a delivery should still be sent, checked just before sending it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StillWanted {
    Yes,
    /// Gone (the recipient was erased or is no longer in the group, or the survey closed, or
    /// a reminder's recipient has answered) or no longer pending.
    Gone,
    /// The recipient paused (everything, or this post's group) since it was queued: it is
    /// dropped, as if queued after the pause.
    Paused,
}

impl Store {
    /// Whether the delivery is still pending and its recipient still wants it. A delivery of
    /// a paused recipient that has not started (no part sent) is deleted.
    pub async fn still_wanted(
        &self,
        delivery: DeliveryId,
        now: DateTime<Utc>,
    ) -> Result<StillWanted> {
        let row: Option<(String, i64, bool, bool)> = sqlx::query_as(
            "SELECT d.state, d.parts_sent,
                    COALESCE(pe.paused_at IS NOT NULL OR m.paused_at IS NOT NULL, 0),
                    d.survey_id IS NOT NULL AND (s.state IS NOT 'open'
                        OR (s.closes_at IS NOT NULL AND s.closes_at <= ?2)
                        OR (d.reminder > 0 AND sp.finished_at IS NOT NULL)
                        OR m.id IS NULL)
                    OR (d.person_id IS NOT NULL AND m.id IS NULL)
             FROM deliveries d
             LEFT JOIN posts po ON po.id = d.post_id
             LEFT JOIN group_notices n ON n.id = d.notice_id
             LEFT JOIN people pe ON pe.id = d.person_id
             LEFT JOIN memberships m ON m.person_id = d.person_id
                 AND m.group_id = COALESCE(po.group_id, n.group_id) AND m.left_at IS NULL
             LEFT JOIN surveys s ON s.id = d.survey_id
             LEFT JOIN survey_participants sp ON sp.survey_id = d.survey_id AND sp.person_id = d.person_id
             WHERE d.id = ?1",
        )
        .bind(delivery)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(StillWanted::Gone),
            Some((state, _, _, _)) if state != "pending" => Ok(StillWanted::Gone),
            // A survey that closed before its question went out, a reminder to someone who
            // has finished since, or a person who left or was removed from the group (posts
            // and notices too): nothing to send.
            Some((_, _, _, true)) => {
                sqlx::query("DELETE FROM deliveries WHERE id = ? AND state = 'pending'")
                    .bind(delivery)
                    .execute(&self.pool)
                    .await?;
                Ok(StillWanted::Gone)
            }
            Some((_, 0, true, _)) => {
                sqlx::query(
                    "DELETE FROM deliveries WHERE id = ? AND state = 'pending' AND parts_sent = 0",
                )
                .bind(delivery)
                .execute(&self.pool)
                .await?;
                Ok(StillWanted::Paused)
            }
            Some(_) => Ok(StillWanted::Yes),
        }
    }

    /// The post a bot message in a chat belongs to (any part of a post's delivery; a survey's
    /// messages belong to the survey, not its post: replies to them are never comments).
    pub async fn post_of_message(&self, chat_id: i64, message_id: i64) -> Result<Option<PostId>> {
        Ok(sqlx::query_scalar(
            "SELECT d.post_id FROM delivered_messages dm JOIN deliveries d ON d.id = dm.delivery_id
             WHERE dm.chat_id = ? AND dm.message_id = ? AND d.survey_id IS NULL
               AND d.post_id IS NOT NULL",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_optional(&self.pool)
        .await?)
    }
}
