//! Comments: what people reply, threaded to the post they answer (or general to a group),
//! moderation, anonymity, and the batched notices that tell facilitators about new ones.

use chrono::{DateTime, Duration, Utc};

use super::{Result, Store, StoreError, ts};
use crate::domain::{
    CommentId, GroupId, GroupName, GroupSlug, MediaKind, PostId, PostKind, TelegramId,
};

/// A file a comment carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Media {
    pub kind: MediaKind,
    pub file_id: String,
    pub duration_secs: Option<i64>,
}

/// A comment as received.
#[derive(Debug, Clone)]
pub struct NewComment {
    pub group: GroupId,
    pub author: TelegramId,
    pub post: Option<PostId>,
    /// The Telegram message it came from.
    pub chat_id: i64,
    pub message_id: i64,
    pub body: Option<String>,
    pub media: Option<Media>,
    /// The person still has to say which post it is about.
    pub unfiled: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AddComment {
    Added(CommentId),
    /// The same Telegram message was stored before (a redelivered update).
    Duplicate(CommentId),
    /// The author is not a stored person (no consent yet).
    NotAPerson,
}

/// A comment in a list.
#[derive(Debug, Clone)]
pub struct CommentView {
    pub id: CommentId,
    /// `None` when the author asked to stay anonymous.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub post: Option<(PostId, String)>,
    pub body: Option<String>,
    pub media: Option<Media>,
}

/// A post someone may be commenting on ("which post?").
#[derive(Debug, Clone)]
pub struct PostChoice {
    pub id: PostId,
    pub group: GroupId,
    pub group_slug: GroupSlug,
    pub kind: PostKind,
    pub title: String,
}

/// The group (and title) of a sent post.
#[derive(Debug, Clone)]
pub struct PostOwner {
    pub group: GroupId,
    pub slug: GroupSlug,
    pub name: GroupName,
    pub title: String,
}

/// A notice a facilitator is due: new comments in one of their groups.
#[derive(Debug, Clone)]
pub struct DueNotice {
    pub person_id: i64,
    pub chat_id: i64,
    /// The facilitator's stored language (`people.language`).
    pub language: Option<String>,
    pub group: GroupId,
    pub group_slug: GroupSlug,
    pub group_name: GroupName,
    pub count: i64,
    pub last_comment: CommentId,
    /// The notice covers comments filed up to this time.
    pub up_to: DateTime<Utc>,
    /// The first few new comments (text, or the media kind), oldest first.
    pub first: Vec<(Option<String>, Option<MediaKind>)>,
}

#[derive(sqlx::FromRow)]
struct NoticeRow {
    person_id: i64,
    chat_id: i64,
    language: Option<String>,
    group_id: GroupId,
    slug: String,
    name: String,
    count: i64,
    last_comment: CommentId,
    after: String,
}

#[derive(sqlx::FromRow)]
struct CommentRow {
    id: CommentId,
    author: Option<String>,
    anonymous: bool,
    created_at: DateTime<Utc>,
    post_id: Option<PostId>,
    post_title: Option<String>,
    body: Option<String>,
    media_kind: Option<MediaKind>,
    file_id: Option<String>,
    duration_secs: Option<i64>,
}

/// A comment's group slug, media kind, file id and duration.
type FileRow = (String, Option<MediaKind>, Option<String>, Option<i64>);

fn media_of(
    kind: Option<MediaKind>,
    file_id: Option<String>,
    duration_secs: Option<i64>,
) -> Option<Media> {
    match (kind, file_id) {
        (Some(kind), Some(file_id)) => Some(Media {
            kind,
            file_id,
            duration_secs,
        }),
        _ => None,
    }
}

fn slug_of(raw: &str) -> Result<GroupSlug> {
    GroupSlug::parse(raw).map_err(|_| StoreError::Corrupt(format!("slug {raw:?}")))
}

impl Store {
    /// Stores a comment exactly as sent; the same Telegram message twice is stored once.
    pub async fn add_comment(&self, c: &NewComment, now: DateTime<Utc>) -> Result<AddComment> {
        let person: Option<i64> = sqlx::query_scalar("SELECT id FROM people WHERE telegram_id = ?")
            .bind(c.author)
            .fetch_optional(&self.pool)
            .await?;
        let Some(person) = person else {
            return Ok(AddComment::NotAPerson);
        };
        let inserted: Option<CommentId> = sqlx::query_scalar(
            "INSERT INTO comments (group_id, person_id, post_id, chat_id, message_id, body, media_kind,
                                   file_id, duration_secs, unfiled, created_at, filed_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, CASE WHEN ?10 THEN NULL ELSE ?11 END)
             ON CONFLICT (chat_id, message_id) DO NOTHING
             RETURNING id",
        )
        .bind(c.group)
        .bind(person)
        .bind(c.post)
        .bind(c.chat_id)
        .bind(c.message_id)
        .bind(c.body.as_deref())
        .bind(c.media.as_ref().map(|m| m.kind.as_str()))
        .bind(c.media.as_ref().map(|m| m.file_id.as_str()))
        .bind(c.media.as_ref().and_then(|m| m.duration_secs))
        .bind(c.unfiled)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = inserted {
            return Ok(AddComment::Added(id));
        }
        let existing: CommentId =
            sqlx::query_scalar("SELECT id FROM comments WHERE chat_id = ? AND message_id = ?")
                .bind(c.chat_id)
                .bind(c.message_id)
                .fetch_one(&self.pool)
                .await?;
        Ok(AddComment::Duplicate(existing))
    }

    /// Comments the person made since `since` (for the flood limit).
    pub async fn comments_since(&self, author: TelegramId, since: DateTime<Utc>) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM comments c JOIN people p ON p.id = c.person_id
             WHERE p.telegram_id = ? AND c.created_at >= ?",
        )
        .bind(author)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Files an unfiled comment of `author` under a post of `group` (or as a general comment
    /// when `post` is `None`). `false` if it is not theirs or was filed already.
    pub async fn file_comment(
        &self,
        comment: CommentId,
        author: TelegramId,
        group: GroupId,
        post: Option<PostId>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE comments SET group_id = ?, post_id = ?, unfiled = 0, filed_at = ?
             WHERE id = ? AND unfiled = 1 AND person_id = (SELECT id FROM people WHERE telegram_id = ?)",
        )
        .bind(group)
        .bind(post)
        .bind(ts(Utc::now()))
        .bind(comment)
        .bind(author)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Hides the author of their own comment from every list, digest and export.
    pub async fn make_comment_anonymous(
        &self,
        comment: CommentId,
        author: TelegramId,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE comments SET anonymous = 1
             WHERE id = ? AND person_id = (SELECT id FROM people WHERE telegram_id = ?)",
        )
        .bind(comment)
        .bind(author)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The group a comment belongs to (for rights checks).
    pub async fn comment_group(&self, comment: CommentId) -> Result<Option<GroupSlug>> {
        let slug: Option<String> = sqlx::query_scalar(
            "SELECT g.slug FROM comments c JOIN working_groups g ON g.id = c.group_id WHERE c.id = ?",
        )
        .bind(comment)
        .fetch_optional(&self.pool)
        .await?;
        slug.as_deref().map(slug_of).transpose()
    }

    /// A comment's group and file, if it carries one (the dashboard shows photos and plays
    /// voice notes after checking the group, issue #21).
    pub async fn comment_file(&self, comment: CommentId) -> Result<Option<(GroupSlug, Media)>> {
        let row: Option<FileRow> = sqlx::query_as(
            "SELECT g.slug, c.media_kind, c.file_id, c.duration_secs
             FROM comments c JOIN working_groups g ON g.id = c.group_id WHERE c.id = ?",
        )
        .bind(comment)
        .fetch_optional(&self.pool)
        .await?;
        let Some((slug, kind, file_id, duration)) = row else {
            return Ok(None);
        };
        match media_of(kind, file_id, duration) {
            Some(media) => Ok(Some((slug_of(&slug)?, media))),
            None => Ok(None),
        }
    }

    /// Hides a comment from lists and digests (kept for audit, with who hid it and when).
    pub async fn hide_comment(
        &self,
        comment: CommentId,
        by: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE comments SET hidden_at = ?, hidden_by = ? WHERE id = ? AND hidden_at IS NULL",
        )
        .bind(ts(now))
        .bind(by)
        .bind(comment)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The latest visible comments of a group (or of one of its posts), newest first.
    pub async fn list_comments(
        &self,
        group: GroupId,
        post: Option<PostId>,
        limit: i64,
    ) -> Result<Vec<CommentView>> {
        let rows: Vec<CommentRow> = sqlx::query_as(
            "SELECT c.id, pe.display_name AS author, c.anonymous, c.created_at, c.post_id,
                    po.title AS post_title, c.body, c.media_kind, c.file_id, c.duration_secs
             FROM comments c
             JOIN people pe ON pe.id = c.person_id
             LEFT JOIN posts po ON po.id = c.post_id
             WHERE c.group_id = ?1 AND c.hidden_at IS NULL AND c.unfiled = 0
               AND (?2 IS NULL OR c.post_id = ?2)
             ORDER BY c.id DESC
             LIMIT ?3",
        )
        .bind(group)
        .bind(post)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(CommentView {
                    id: r.id,
                    author: if r.anonymous { None } else { r.author },
                    created_at: r.created_at,
                    post: r.post_id.zip(r.post_title),
                    body: r.body,
                    media: media_of(r.media_kind, r.file_id, r.duration_secs),
                })
            })
            .collect()
    }

    /// The group a sent post belongs to, with the post's title.
    pub async fn post_owner(&self, post: PostId) -> Result<Option<PostOwner>> {
        let row: Option<(GroupId, String, String, String)> = sqlx::query_as(
            "SELECT g.id, g.slug, g.name, po.title FROM posts po JOIN working_groups g ON g.id = po.group_id
             WHERE po.id = ? AND po.state = 'sent'",
        )
        .bind(post)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(group, slug, name, title)| {
            Ok(PostOwner {
                group,
                slug: slug_of(&slug)?,
                name: GroupName::parse(&name)
                    .map_err(|_| StoreError::Corrupt(format!("group name {name:?}")))?,
                title,
            })
        })
        .transpose()
    }

    /// The latest sent posts of the groups a person is in, newest first.
    pub async fn recent_posts_for(
        &self,
        person: TelegramId,
        limit: i64,
    ) -> Result<Vec<PostChoice>> {
        let rows: Vec<(PostId, GroupId, String, PostKind, String)> = sqlx::query_as(
            "SELECT po.id, g.id, g.slug, po.kind, po.title
             FROM posts po
             JOIN working_groups g ON g.id = po.group_id
             JOIN memberships m ON m.group_id = g.id AND m.left_at IS NULL
             JOIN people pe ON pe.id = m.person_id
             WHERE pe.telegram_id = ? AND po.state = 'sent' AND g.archived_at IS NULL
             ORDER BY po.id DESC
             LIMIT ?",
        )
        .bind(person)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, group, slug, kind, title)| {
                Ok(PostChoice {
                    id,
                    group,
                    group_slug: slug_of(&slug)?,
                    kind,
                    title,
                })
            })
            .collect()
    }

    pub async fn count_comments(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM comments")
            .fetch_one(&self.pool)
            .await?)
    }

    /// Facilitators with comments they have not been told about, whose last notice for that
    /// group is at least `interval` old. Comments count by when they were filed in the group
    /// (one that waited for "which post?" counts when it was filed); a facilitator's own,
    /// hidden ones, unfiled ones and those from before they joined do not count.
    pub async fn due_notices(
        &self,
        interval: Duration,
        now: DateTime<Utc>,
    ) -> Result<Vec<DueNotice>> {
        let rows: Vec<NoticeRow> = sqlx::query_as(
            "SELECT m.person_id, p.telegram_id AS chat_id, p.language, g.id AS group_id, g.slug, g.name,
                    COUNT(c.id) AS count, MAX(c.id) AS last_comment,
                    COALESCE(n.notified_at, '') AS after
             FROM memberships m
             JOIN people p ON p.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             LEFT JOIN comment_notices n ON n.person_id = m.person_id AND n.group_id = m.group_id
             JOIN comments c ON c.group_id = m.group_id
                AND c.person_id <> m.person_id
                AND c.hidden_at IS NULL
                AND c.unfiled = 0
                AND c.filed_at >= m.joined_at
                AND c.filed_at > COALESCE(n.notified_at, '')
                AND c.filed_at <= ?2
             WHERE m.role = 'facilitator' AND m.left_at IS NULL AND m.paused_at IS NULL
               AND p.paused_at IS NULL AND p.blocked_at IS NULL
               AND (n.notified_at IS NULL OR n.notified_at <= ?1)
             GROUP BY m.person_id, g.id
             ORDER BY m.person_id, g.id",
        )
        .bind(ts(now - interval))
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?;
        let mut notices = Vec::with_capacity(rows.len());
        for NoticeRow {
            person_id,
            chat_id,
            language,
            group_id: group,
            slug,
            name,
            count,
            last_comment,
            after,
        } in rows
        {
            let first: Vec<(Option<String>, Option<MediaKind>)> = sqlx::query_as(
                "SELECT body, media_kind FROM comments
                 WHERE group_id = ? AND unfiled = 0 AND filed_at > ? AND filed_at <= ?
                   AND person_id <> ? AND hidden_at IS NULL
                 ORDER BY filed_at, id LIMIT 3",
            )
            .bind(group)
            .bind(&after)
            .bind(ts(now))
            .bind(person_id)
            .fetch_all(&self.pool)
            .await?;
            notices.push(DueNotice {
                person_id,
                chat_id,
                language,
                group,
                group_slug: slug_of(&slug)?,
                group_name: GroupName::parse(&name)
                    .map_err(|_| StoreError::Corrupt(format!("group name {name:?}")))?,
                count,
                last_comment,
                up_to: now,
                first,
            });
        }
        Ok(notices)
    }

    /// Records that a facilitator was told about the comments filed up to `up_to` (the
    /// notice's [`DueNotice::up_to`]; also the time of this notice, for the interval).
    pub async fn mark_noticed(
        &self,
        person_id: i64,
        group: GroupId,
        last_comment: CommentId,
        up_to: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO comment_notices (person_id, group_id, last_comment_id, notified_at) VALUES (?, ?, ?, ?)
             ON CONFLICT (person_id, group_id) DO UPDATE SET
                 last_comment_id = MAX(last_comment_id, excluded.last_comment_id),
                 notified_at = excluded.notified_at",
        )
        .bind(person_id)
        .bind(group)
        .bind(last_comment)
        .bind(ts(up_to))
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
