//! Telegram group chats linked to a working group (`/link`, `/unlink`).

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ts};
use crate::domain::{GroupId, GroupSlug, TelegramId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Linked {
    Linked,
    /// The chat is linked to this group already (re-linked: the topic may have changed).
    Already,
    /// The chat is linked to another group; unlink it there first.
    OtherGroup(GroupSlug),
}

impl Store {
    /// Links a chat (and forum topic) to a group.
    pub async fn link_chat(
        &self,
        group: GroupId,
        chat_id: i64,
        thread_id: Option<i64>,
        title: &str,
        by: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<Linked> {
        let mut tx = self.write_tx().await?;
        let current: Option<(GroupId, String)> = sqlx::query_as(
            "SELECT c.group_id, g.slug FROM group_chats c JOIN working_groups g ON g.id = c.group_id
             WHERE c.chat_id = ? AND c.unlinked_at IS NULL",
        )
        .bind(chat_id)
        .fetch_optional(&mut *tx)
        .await?;
        let outcome = match current {
            Some((linked, _)) if linked == group => {
                sqlx::query("UPDATE group_chats SET thread_id = ?, title = ? WHERE chat_id = ? AND unlinked_at IS NULL")
                    .bind(thread_id)
                    .bind(title)
                    .bind(chat_id)
                    .execute(&mut *tx)
                    .await?;
                Linked::Already
            }
            Some((_, slug)) => Linked::OtherGroup(
                GroupSlug::parse(&slug)
                    .map_err(|_| StoreError::Corrupt(format!("slug {slug:?}")))?,
            ),
            None => {
                sqlx::query(
                    "INSERT INTO group_chats (group_id, chat_id, thread_id, title, linked_by, linked_at)
                     VALUES (?, ?, ?, ?, ?, ?)",
                )
                .bind(group)
                .bind(chat_id)
                .bind(thread_id)
                .bind(title)
                .bind(by)
                .bind(ts(now))
                .execute(&mut *tx)
                .await?;
                Linked::Linked
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// The group a chat is linked to, if any.
    pub async fn linked_group(&self, chat_id: i64) -> Result<Option<GroupSlug>> {
        let slug: Option<String> = sqlx::query_scalar(
            "SELECT g.slug FROM group_chats c JOIN working_groups g ON g.id = c.group_id
             WHERE c.chat_id = ? AND c.unlinked_at IS NULL",
        )
        .bind(chat_id)
        .fetch_optional(&self.pool)
        .await?;
        slug.map(|s| GroupSlug::parse(&s).map_err(|_| StoreError::Corrupt(format!("slug {s:?}"))))
            .transpose()
    }

    /// Unlinks a chat; `false` if it was not linked.
    pub async fn unlink_chat(&self, chat_id: i64, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE group_chats SET unlinked_at = ? WHERE chat_id = ? AND unlinked_at IS NULL",
        )
        .bind(ts(now))
        .bind(chat_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// How many chats a group's posts also go to.
    pub async fn linked_chat_count(&self, group: GroupId) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM group_chats WHERE group_id = ? AND unlinked_at IS NULL",
        )
        .bind(group)
        .fetch_one(&self.pool)
        .await?)
    }
}
