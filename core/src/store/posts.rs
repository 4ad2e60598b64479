//! Posts: a facilitator's broadcast, first as a draft shown in a preview, then — when Send is
//! pressed — sent: the post and one pending delivery per recipient, written in one transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ts};
use crate::domain::{
    Category, GroupId, GroupSlug, PersonId, PostContent, PostId, PostKey, PostKind,
    PrototypeStatus, TelegramId,
};

/// A post's rendered parts (Telegram HTML, exactly as recipients get them), one list per
/// language code. Stored in `posts.rendered` as a JSON object `{"en": [...], "es": [...]}`;
/// the older form, a plain array, reads as the same parts for everyone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedPost {
    by_language: BTreeMap<String, Vec<String>>,
}

/// The language whose parts go to anyone whose language the post was not rendered in.
const FALLBACK_LANGUAGE: &str = "en";

/// Suffix of the keys of the renderings with the personal note (`en+note`).
const NOTE_SUFFIX: &str = "+note";

/// Suffix of the keys of the "I'd like to help" button's label (`en+help`, issue #19): a
/// prototype post carries it to members.
const HELP_SUFFIX: &str = "+help";

impl RenderedPost {
    /// The same parts for everyone.
    pub fn same_for_all(parts: Vec<String>) -> Self {
        let mut rendered = Self::default();
        rendered.insert(FALLBACK_LANGUAGE, parts);
        rendered
    }

    pub fn insert(&mut self, language: &str, parts: Vec<String>) {
        self.by_language.insert(language.to_owned(), parts);
    }

    /// The parts for recipients who gave feedback on the posts this one answers: the same post
    /// with the personal "you said, we did" note.
    pub fn insert_with_note(&mut self, language: &str, parts: Vec<String>) {
        self.by_language
            .insert(format!("{language}{NOTE_SUFFIX}"), parts);
    }

    /// The label of the "I'd like to help" button a prototype post carries (issue #19).
    pub fn insert_help_label(&mut self, language: &str, label: String) {
        self.by_language
            .insert(format!("{language}{HELP_SUFFIX}"), vec![label]);
    }

    /// The "I'd like to help" button's label for a recipient with this language, if the post
    /// has that button.
    pub fn help_label(&self, language: Option<&str>) -> Option<&str> {
        self.lookup(language, HELP_SUFFIX)
            .and_then(|label| label.first())
            .map(String::as_str)
    }

    /// The parts for a recipient with this language (`es`, `es-AR`; `None` for a group chat):
    /// that language, else its primary subtag, else English, else any. Empty only when
    /// nothing was rendered.
    pub fn parts_for(&self, language: Option<&str>) -> &[String] {
        self.lookup(language, "")
            .or_else(|| {
                self.by_language
                    .iter()
                    .find(|(k, _)| !k.ends_with(NOTE_SUFFIX) && !k.ends_with(HELP_SUFFIX))
                    .map(|(_, v)| v.as_slice())
            })
            .unwrap_or_default()
    }

    /// Like [`RenderedPost::parts_for`], choosing the rendering with the personal note when
    /// `with_note` and the post has one.
    pub fn parts_for_recipient(&self, language: Option<&str>, with_note: bool) -> &[String] {
        with_note
            .then(|| self.lookup(language, NOTE_SUFFIX))
            .flatten()
            .unwrap_or_else(|| self.parts_for(language))
    }

    fn lookup(&self, language: Option<&str>, suffix: &str) -> Option<&[String]> {
        let wanted = language.map(str::to_ascii_lowercase);
        let primary = wanted
            .as_deref()
            .and_then(|w| w.split(['-', '_']).next())
            .map(str::to_owned);
        [
            wanted.as_deref(),
            primary.as_deref(),
            Some(FALLBACK_LANGUAGE),
        ]
        .into_iter()
        .flatten()
        .find_map(|code| self.by_language.get(&format!("{code}{suffix}")))
        .map(Vec::as_slice)
    }

    pub(super) fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.by_language).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    pub(super) fn from_json(json: &str) -> Option<Self> {
        if let Ok(by_language) = serde_json::from_str::<BTreeMap<String, Vec<String>>>(json) {
            return Some(Self { by_language });
        }
        serde_json::from_str::<Vec<String>>(json)
            .ok()
            .map(Self::same_for_all)
    }
}

/// A draft awaiting its author's Send or Cancel.
#[derive(Debug, Clone)]
pub struct Draft {
    pub id: PostId,
    pub key: PostKey,
}

/// What a preview button refers to.
#[derive(Debug, Clone)]
pub struct PostRef {
    pub id: PostId,
    pub group_id: GroupId,
    pub group_slug: GroupSlug,
    pub kind: PostKind,
    pub title: String,
    pub author: Option<TelegramId>,
    pub state: PostState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PostState {
    Draft,
    Sent,
    Cancelled,
}

impl PostState {
    pub const ALL: [PostState; 3] = [PostState::Draft, PostState::Sent, PostState::Cancelled];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            PostState::Draft => "draft",
            PostState::Sent => "sent",
            PostState::Cancelled => "cancelled",
        }
    }
}

from_str_by_all!(PostState);

/// What pressing Send did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Confirmed {
    /// The post is now sent to this many recipients.
    Sent { post: PostId, recipients: i64 },
    /// It had been sent already (a second press, or a redelivered one): nothing new.
    AlreadySent { post: PostId },
    /// It had been cancelled.
    Cancelled,
    /// No such draft.
    Unknown,
}

/// A post with its delivery counts, for `/status`.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PostStatus {
    pub id: PostId,
    pub kind: PostKind,
    pub title: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub pending: i64,
    pub sent: i64,
    pub failed: i64,
    pub blocked: i64,
}

#[derive(sqlx::FromRow)]
struct PostRefRow {
    id: PostId,
    group_id: GroupId,
    slug: String,
    kind: PostKind,
    title: String,
    author: Option<TelegramId>,
    state: PostState,
}

#[derive(sqlx::FromRow)]
struct DraftRow {
    id: PostId,
    group_id: GroupId,
    state: PostState,
    kind: PostKind,
    title: String,
    summary: String,
    category: Option<Category>,
    status: Option<PrototypeStatus>,
    author_id: Option<PersonId>,
}

/// Who receives a group's posts: current members (any role) who have not paused and have not
/// blocked the bot — except the author, who saw the post as its preview. `?1` is the group,
/// `?2` the author's person id (NULL when the author is not a person, e.g. a coordinator
/// who never joined).
pub(super) const RECIPIENTS: &str = "FROM memberships m JOIN people p ON p.id = m.person_id
     WHERE m.group_id = ?1 AND m.left_at IS NULL AND m.paused_at IS NULL
       AND p.paused_at IS NULL AND p.blocked_at IS NULL
       AND p.id IS NOT ?2";

impl Store {
    /// How many people a post by `author` to the group would reach now.
    pub async fn recipient_count(&self, group: GroupId, author: TelegramId) -> Result<i64> {
        Ok(sqlx::query_scalar(&format!("SELECT COUNT(*) {RECIPIENTS}"))
            .bind(group)
            .bind(self.person_id(author).await?)
            .fetch_one(&self.pool)
            .await?)
    }

    async fn person_id(&self, telegram_id: TelegramId) -> Result<Option<i64>> {
        Ok(
            sqlx::query_scalar("SELECT id FROM people WHERE telegram_id = ?")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// Stores a draft with its rendered parts (exactly what recipients will get).
    /// `source` is the (chat id, message id) of the command that asked for it: the same
    /// message again (a redelivered update) returns the draft made the first time.
    pub async fn create_draft(
        &self,
        group: GroupId,
        author: TelegramId,
        source: Option<(i64, i64)>,
        content: &PostContent,
        rendered: &RenderedPost,
        now: DateTime<Utc>,
    ) -> Result<Draft> {
        let key = PostKey::generate();
        let (session_date, category, status) = match content {
            PostContent::Outcome { session_date, .. } => {
                (session_date.map(|d| d.to_string()), None, None)
            }
            PostContent::Prototype {
                category, status, ..
            } => (None, Some(category.as_str()), Some(status.as_str())),
            PostContent::Question { .. } => (None, None, None),
        };
        let rendered = rendered.to_json()?;
        let id: Option<PostId> = sqlx::query_scalar(
            "INSERT INTO posts (group_id, kind, title, summary, session_date, category, status, author_id,
                                idempotency_key, state, rendered, created_at, source_chat_id, source_message_id)
             VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM people WHERE telegram_id = ?), ?, 'draft', ?, ?, ?, ?)
             ON CONFLICT (source_chat_id, source_message_id) WHERE source_message_id IS NOT NULL DO NOTHING
             RETURNING id",
        )
        .bind(group)
        .bind(content.kind().as_str())
        .bind(content.title().as_str())
        .bind(content.summary().as_str())
        .bind(session_date)
        .bind(category)
        .bind(status)
        .bind(author)
        .bind(key.as_str())
        .bind(rendered)
        .bind(ts(now))
        .bind(source.map(|s| s.0))
        .bind(source.map(|s| s.1))
        .fetch_optional(&self.pool)
        .await?;
        if let Some(id) = id {
            return Ok(Draft { id, key });
        }
        let (id, key): (PostId, String) = sqlx::query_as(
            "SELECT id, idempotency_key FROM posts WHERE source_chat_id = ? AND source_message_id = ?",
        )
        .bind(source.map(|s| s.0))
        .bind(source.map(|s| s.1))
        .fetch_one(&self.pool)
        .await?;
        let key =
            PostKey::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("post key of {id}")))?;
        Ok(Draft { id, key })
    }

    pub async fn post_by_key(&self, key: &PostKey) -> Result<Option<PostRef>> {
        let row: Option<PostRefRow> = sqlx::query_as(
            "SELECT po.id, po.group_id, g.slug, po.kind, po.title, pe.telegram_id AS author, po.state
             FROM posts po
             JOIN working_groups g ON g.id = po.group_id
             LEFT JOIN people pe ON pe.id = po.author_id
             WHERE po.idempotency_key = ?",
        )
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(
            |PostRefRow {
                 id,
                 group_id,
                 slug,
                 kind,
                 title,
                 author,
                 state,
             }| {
                Ok(PostRef {
                    id,
                    group_id,
                    group_slug: GroupSlug::parse(&slug)
                        .map_err(|_| StoreError::Corrupt(format!("slug {slug:?}")))?,
                    kind,
                    title,
                    author,
                    state,
                })
            },
        )
        .transpose()
    }

    /// Send: marks the draft sent, updates its prototype (same title in the same group = the
    /// same prototype), and queues one pending delivery per recipient — all in one transaction.
    /// Pressing twice sends once.
    pub async fn confirm_post(&self, key: &PostKey, now: DateTime<Utc>) -> Result<Confirmed> {
        let mut tx = self.write_tx().await?;
        let row: Option<DraftRow> = sqlx::query_as(
            "SELECT id, group_id, state, kind, title, summary, category, status, author_id
             FROM posts WHERE idempotency_key = ?",
        )
        .bind(key.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(DraftRow {
            id: post,
            group_id: group,
            state,
            kind,
            title,
            summary,
            category,
            status,
            author_id,
        }) = row
        else {
            return Ok(Confirmed::Unknown);
        };
        match state {
            PostState::Sent => return Ok(Confirmed::AlreadySent { post }),
            PostState::Cancelled => return Ok(Confirmed::Cancelled),
            PostState::Draft => {}
        }
        let now_text = ts(now);
        let prototype: Option<i64> = if kind == PostKind::Prototype {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO prototypes (group_id, title, title_key, category, status, summary, created_at, updated_at)
                 VALUES (?1, ?2, ?7, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (group_id, title_key) DO UPDATE SET
                     title = excluded.title, category = excluded.category, status = excluded.status,
                     summary = excluded.summary, updated_at = excluded.updated_at
                 RETURNING id",
            )
            .bind(group)
            .bind(&title)
            .bind(category)
            .bind(status)
            .bind(&summary)
            .bind(&now_text)
            .bind(title.to_lowercase())
            .fetch_one(&mut *tx)
            .await?;
            Some(id)
        } else {
            None
        };
        sqlx::query("UPDATE posts SET state = 'sent', sent_at = ?, prototype_id = ? WHERE id = ?")
            .bind(&now_text)
            .bind(prototype)
            .bind(post)
            .execute(&mut *tx)
            .await?;
        let queued = sqlx::query(&format!(
            "INSERT INTO deliveries (post_id, person_id, chat_id, chat_kind, state, next_attempt_at, created_at)
             SELECT ?3, p.id, p.telegram_id, 'private', 'pending', ?4, ?4 {RECIPIENTS}
             ORDER BY m.id"
        ))
        .bind(group)
        .bind(author_id)
        .bind(post)
        .bind(&now_text)
        .execute(&mut *tx)
        .await?;
        // "You said, we did": recipients who gave feedback on a post this one answers — a
        // comment on it, or an answer to a survey about it.
        sqlx::query(
            "UPDATE deliveries SET with_note = 1
             WHERE post_id = ?1 AND survey_id IS NULL AND person_id IN (
                 SELECT c.person_id FROM comments c
                 JOIN post_answers a ON a.answered_post_id = c.post_id
                 WHERE a.post_id = ?1 AND c.hidden_at IS NULL AND c.unfiled = 0
                 UNION
                 SELECT sp.person_id FROM survey_participants sp
                 JOIN surveys s ON s.id = sp.survey_id
                 JOIN post_answers a ON a.answered_post_id = s.post_id
                 WHERE a.post_id = ?1 AND sp.last_answered_at IS NOT NULL)",
        )
        .bind(post)
        .execute(&mut *tx)
        .await?;
        // Linked group chats get the post too, one delivery each (under the group-chat limit).
        sqlx::query(
            "INSERT INTO deliveries (post_id, person_id, chat_id, thread_id, chat_kind, state, next_attempt_at, created_at)
             SELECT ?, NULL, chat_id, thread_id, 'group', 'pending', ?, ? FROM group_chats
             WHERE group_id = ? AND unlinked_at IS NULL
             ON CONFLICT (post_id, chat_id) WHERE survey_id IS NULL DO NOTHING",
        )
        .bind(post)
        .bind(&now_text)
        .bind(&now_text)
        .bind(group)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Confirmed::Sent {
            post,
            recipients: queued.rows_affected() as i64,
        })
    }

    /// The sent posts of `group` among `ids`, with their titles (what `answers:` may name).
    pub async fn answerable_posts(
        &self,
        group: GroupId,
        ids: &[PostId],
    ) -> Result<Vec<(PostId, String)>> {
        let ids = serde_json::to_string(&ids.iter().map(|id| id.get()).collect::<Vec<_>>())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(sqlx::query_as(
            "SELECT id, title FROM posts
             WHERE group_id = ? AND state = 'sent' AND id IN (SELECT value FROM json_each(?))
             ORDER BY id",
        )
        .bind(group)
        .bind(ids)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Records which earlier posts a draft answers.
    pub async fn set_post_answers(&self, post: PostId, answers: &[PostId]) -> Result<()> {
        for answered in answers {
            sqlx::query("INSERT INTO post_answers (post_id, answered_post_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .bind(post)
                .bind(answered)
                .execute(&self.pool)
                .await?;
        }
        Ok(())
    }

    /// How many of a post's recipients gave feedback on the posts it answers.
    pub async fn feedback_givers(
        &self,
        group: GroupId,
        author: TelegramId,
        answers: &[PostId],
    ) -> Result<i64> {
        let ids = serde_json::to_string(&answers.iter().map(|id| id.get()).collect::<Vec<_>>())
            .map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(sqlx::query_scalar(&format!(
            "SELECT COUNT(DISTINCT p.id) {RECIPIENTS}
               AND p.id IN (SELECT c.person_id FROM comments c
                            WHERE c.post_id IN (SELECT value FROM json_each(?3))
                              AND c.hidden_at IS NULL AND c.unfiled = 0
                            UNION
                            SELECT sp.person_id FROM survey_participants sp
                            JOIN surveys s ON s.id = sp.survey_id
                            WHERE s.post_id IN (SELECT value FROM json_each(?3))
                              AND sp.last_answered_at IS NOT NULL)"
        ))
        .bind(group)
        .bind(self.person_id(author).await?)
        .bind(ids)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Cancel: a draft becomes cancelled; `false` if it was not a draft (any more).
    pub async fn cancel_post(&self, key: &PostKey) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE posts SET state = 'cancelled' WHERE idempotency_key = ? AND state = 'draft'",
        )
        .bind(key.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The group's latest sent posts with their delivery counts, newest first.
    pub async fn post_statuses(&self, group: GroupId, limit: i64) -> Result<Vec<PostStatus>> {
        Ok(sqlx::query_as(
            "SELECT po.id, po.kind, po.title, po.sent_at,
                    COUNT(d.id) FILTER (WHERE d.state = 'pending') AS pending,
                    COUNT(d.id) FILTER (WHERE d.state = 'sent') AS sent,
                    COUNT(d.id) FILTER (WHERE d.state = 'failed') AS failed,
                    COUNT(d.id) FILTER (WHERE d.state = 'blocked') AS blocked
             FROM posts po LEFT JOIN deliveries d ON d.post_id = po.id AND d.survey_id IS NULL
             WHERE po.group_id = ? AND po.state = 'sent'
             GROUP BY po.id
             ORDER BY po.id DESC
             LIMIT ?",
        )
        .bind(group)
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest version of each prototype of a group, for tests and digests.
    pub async fn prototypes_of(
        &self,
        group: GroupId,
    ) -> Result<Vec<(String, String, String, String)>> {
        Ok(sqlx::query_as(
            "SELECT title, category, status, summary FROM prototypes WHERE group_id = ? ORDER BY title_key",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// How many sent posts a prototype's history holds.
    pub async fn prototype_history_len(&self, group: GroupId, title: &str) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM posts po JOIN prototypes pr ON pr.id = po.prototype_id
             WHERE pr.group_id = ? AND pr.title_key = ? AND po.state = 'sent'",
        )
        .bind(group)
        .bind(title.to_lowercase())
        .fetch_one(&self.pool)
        .await?)
    }

    pub async fn count_posts(&self, state: PostState) -> Result<i64> {
        let state = match state {
            PostState::Draft => "draft",
            PostState::Sent => "sent",
            PostState::Cancelled => "cancelled",
        };
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM posts WHERE state = ?")
                .bind(state)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<String> {
        vec![text.to_owned()]
    }

    #[test]
    fn parts_are_picked_by_language_with_english_as_fallback() {
        let mut rendered = RenderedPost::default();
        rendered.insert("en", parts("hello"));
        rendered.insert("es", parts("hola"));
        assert_eq!(rendered.parts_for(Some("es")), parts("hola"));
        assert_eq!(rendered.parts_for(Some("ES-ar")), parts("hola"));
        assert_eq!(rendered.parts_for(Some("fr")), parts("hello"));
        assert_eq!(rendered.parts_for(None), parts("hello"));
        let json = rendered.to_json().unwrap();
        assert_eq!(json, r#"{"en":["hello"],"es":["hola"]}"#);
        assert_eq!(RenderedPost::from_json(&json), Some(rendered));
    }

    #[test]
    fn the_old_array_form_is_the_same_for_everyone() {
        let old = RenderedPost::from_json(r#"["a","b"]"#).unwrap();
        assert_eq!(old.parts_for(Some("es")), ["a", "b"]);
        assert_eq!(old.parts_for(None), ["a", "b"]);
        let mut only_es = RenderedPost::default();
        only_es.insert("es", parts("hola"));
        assert_eq!(only_es.parts_for(Some("de")), parts("hola"));
        assert!(RenderedPost::default().parts_for(Some("es")).is_empty());
        assert_eq!(RenderedPost::from_json("{nonsense"), None);
    }
}
