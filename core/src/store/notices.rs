//! Group notices: messages to a group's members that are not posts (no comments, no digest
//! line), sent through the same durable outbox as posts — today the thanks of an archived
//! group. Queued in the transaction that archives the group, so its members are told once,
//! within Telegram's limits, after a restart too, and only those still in the group who did
//! not pause or block the bot (checked again just before each is sent).

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::posts::RECIPIENTS;
use super::{RenderedPost, Result, Store, StoreError, ts};
use crate::domain::{GroupId, NoticeId, PersonId};

/// Queues `thanks` (rendered in every language) for the group's current members, leaving out
/// `except` (who archived it), those who paused and those who blocked the bot. How many were
/// queued.
pub(super) async fn queue_farewell(
    conn: &mut SqliteConnection,
    group: GroupId,
    thanks: &RenderedPost,
    except: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<u64> {
    queue_notice(conn, group, "farewell", thanks, except, now).await
}

/// Queues a notice of `kind` (`farewell`, `actor`: a shared actor, issue #19) for the group's
/// current members, as [`queue_farewell`] does.
pub(super) async fn queue_notice(
    conn: &mut SqliteConnection,
    group: GroupId,
    kind: &'static str,
    rendered: &RenderedPost,
    except: Option<PersonId>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let now = ts(now);
    let notice: NoticeId = sqlx::query_scalar(
        "INSERT INTO group_notices (group_id, kind, rendered, created_at)
         VALUES (?, ?, ?, ?) RETURNING id",
    )
    .bind(group)
    .bind(kind)
    .bind(rendered.to_json()?)
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?;
    let queued = sqlx::query(&format!(
        "INSERT INTO deliveries (notice_id, person_id, chat_id, chat_kind, state, next_attempt_at, created_at)
         SELECT ?3, p.id, p.telegram_id, 'private', 'pending', ?4, ?4 {RECIPIENTS}
         ORDER BY m.id"
    ))
    .bind(group)
    .bind(except)
    .bind(notice)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(queued.rows_affected())
}

impl Store {
    /// A notice's rendered parts in every language.
    pub async fn notice_parts(&self, notice: NoticeId) -> Result<RenderedPost> {
        let rendered: String =
            sqlx::query_scalar("SELECT rendered FROM group_notices WHERE id = ?")
                .bind(notice)
                .fetch_one(&self.pool)
                .await?;
        RenderedPost::from_json(&rendered).ok_or_else(|| {
            StoreError::Corrupt(format!("rendered parts of notice {}", notice.get()))
        })
    }
}
