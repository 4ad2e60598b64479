//! The dashboard's comments: a group's comments filtered (post, kind, dates, hidden, words) and
//! paged by keyset, and every comment on a prototype.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Sqlite};

use super::super::{Result, Store, ts};
use crate::domain::{CommentId, GroupId, MediaKind, PostId, PostKind, PrototypeId};

/// A comment as the dashboard shows it: its text and, for a voice note, photo or other file,
/// the Telegram file id (for a player or thumbnail) and duration.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DashboardComment {
    pub id: CommentId,
    pub post_id: Option<PostId>,
    pub post_title: Option<String>,
    /// `None` when the author asked to stay anonymous.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub text: Option<String>,
    pub media_kind: Option<MediaKind>,
    pub file_id: Option<String>,
    pub duration_secs: Option<i64>,
    /// Hidden by a facilitator (listed only when the filter asks for hidden ones).
    pub hidden: bool,
}

/// What kind of comment: plain text, or one carrying a file of a [`MediaKind`] (a photo's
/// caption is its text).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CommentKind {
    Text,
    Media(MediaKind),
}

impl CommentKind {
    /// `text`, or the media kind's name (`voice`, `photo`, …).
    pub const fn as_str(self) -> &'static str {
        match self {
            CommentKind::Text => "text",
            CommentKind::Media(kind) => kind.as_str(),
        }
    }
}

impl FromStr for CommentKind {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        match s {
            "text" => Ok(CommentKind::Text),
            other => other.parse().map(CommentKind::Media),
        }
    }
}

impl fmt::Display for CommentKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which comments by moderation: the visible ones (the default), the hidden ones, or both.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Hidden {
    #[default]
    Visible,
    Hidden,
    Any,
}

impl Hidden {
    pub const ALL: [Hidden; 3] = [Hidden::Visible, Hidden::Hidden, Hidden::Any];

    pub const fn as_str(self) -> &'static str {
        match self {
            Hidden::Visible => "visible",
            Hidden::Hidden => "hidden",
            Hidden::Any => "any",
        }
    }
}

from_str_by_all!(Hidden);

/// Where a page of comments ends: the next page starts after this comment (newest first).
/// Written as `<microseconds since 1970>-<id>` in URLs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommentCursor {
    pub created_at: DateTime<Utc>,
    pub id: CommentId,
}

impl fmt::Display for CommentCursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.created_at.timestamp_micros(), self.id)
    }
}

impl FromStr for CommentCursor {
    type Err = ();
    fn from_str(s: &str) -> std::result::Result<Self, ()> {
        let (micros, id) = s.split_once('-').ok_or(())?;
        Ok(Self {
            created_at: DateTime::from_timestamp_micros(micros.parse().map_err(|_| ())?)
                .ok_or(())?,
            id: id.parse().map_err(|_| ())?,
        })
    }
}

/// Which of a group's comments to list. The default lists every visible one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CommentFilter {
    /// Only comments on this post.
    pub post: Option<PostId>,
    pub kind: Option<CommentKind>,
    /// Made at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Made before this time.
    pub to: Option<DateTime<Utc>>,
    pub hidden: Hidden,
    /// Words the text must all contain (case-insensitive for ASCII letters); `%`, `_` and `\`
    /// match themselves.
    pub words: Option<String>,
    /// The page after this comment; `None`: the first page.
    pub after: Option<CommentCursor>,
}

/// The columns of a [`DashboardComment`] from comments `c`, people `pe`, posts `po`.
const COLUMNS: &str = "SELECT c.id, c.post_id, po.title AS post_title,
        CASE WHEN c.anonymous THEN NULL ELSE pe.display_name END AS author,
        c.created_at, c.body AS text, c.media_kind, c.file_id, c.duration_secs,
        c.hidden_at IS NOT NULL AS hidden
    FROM comments c
    JOIN people pe ON pe.id = c.person_id
    LEFT JOIN posts po ON po.id = c.post_id";

/// `text` for a LIKE pattern with `\` as the escape character: `%`, `_` and `\` match
/// themselves.
fn like_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Store {
    /// Up to `limit` comments of `group` that `filter` lets through, newest first, starting
    /// after `filter.after`. Comments still waiting to be filed are never listed.
    pub async fn dashboard_comments(
        &self,
        group: GroupId,
        filter: &CommentFilter,
        limit: i64,
    ) -> Result<Vec<DashboardComment>> {
        let mut q = QueryBuilder::<Sqlite>::new(COLUMNS);
        q.push(" WHERE c.group_id = ").push_bind(group);
        q.push(" AND c.unfiled = 0");
        match filter.hidden {
            Hidden::Visible => q.push(" AND c.hidden_at IS NULL"),
            Hidden::Hidden => q.push(" AND c.hidden_at IS NOT NULL"),
            Hidden::Any => &mut q,
        };
        if let Some(post) = filter.post {
            q.push(" AND c.post_id = ").push_bind(post);
        }
        match filter.kind {
            Some(CommentKind::Text) => {
                q.push(" AND c.media_kind IS NULL");
            }
            Some(CommentKind::Media(kind)) => {
                q.push(" AND c.media_kind = ").push_bind(kind);
            }
            None => {}
        }
        if let Some(from) = filter.from {
            q.push(" AND c.created_at >= ").push_bind(ts(from));
        }
        if let Some(to) = filter.to {
            q.push(" AND c.created_at < ").push_bind(ts(to));
        }
        for word in filter.words.iter().flat_map(|w| w.split_whitespace()) {
            q.push(" AND c.body LIKE ")
                .push_bind(format!("%{}%", like_escaped(word)))
                .push(" ESCAPE '\\'");
        }
        if let Some(after) = filter.after {
            q.push(" AND (c.created_at, c.id) < (")
                .push_bind(ts(after.created_at))
                .push(", ")
                .push_bind(after.id)
                .push(")");
        }
        q.push(" ORDER BY c.created_at DESC, c.id DESC LIMIT ")
            .push_bind(limit);
        Ok(q.build_query_as().fetch_all(&self.pool).await?)
    }

    /// Every sent post of `group`, newest first: id, kind and title (what the comments page's
    /// post filter offers).
    pub async fn sent_posts(&self, group: GroupId) -> Result<Vec<(PostId, PostKind, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, kind, title FROM posts WHERE group_id = ?1 AND state = 'sent'
             ORDER BY sent_at DESC, id DESC",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every visible comment on the posts of prototype `prototype`, oldest first.
    pub async fn prototype_comments(
        &self,
        prototype: PrototypeId,
    ) -> Result<Vec<DashboardComment>> {
        Ok(sqlx::query_as(&format!(
            "{COLUMNS}
             WHERE c.post_id IN (SELECT id FROM posts WHERE prototype_id = ?1)
               AND c.hidden_at IS NULL AND c.unfiled = 0
             ORDER BY c.created_at, c.id"
        ))
        .bind(prototype)
        .fetch_all(&self.pool)
        .await?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_match_wildcards_literally() {
        assert_eq!(like_escaped("50%_a\\b"), "50\\%\\_a\\\\b");
    }

    #[test]
    fn cursors_and_kinds_read_back_what_they_write() {
        let cursor = CommentCursor {
            created_at: DateTime::from_timestamp_micros(1_765_000_000_123_456).unwrap(),
            id: CommentId::new(42),
        };
        assert_eq!(cursor.to_string().parse(), Ok(cursor));
        assert_eq!("nonsense".parse::<CommentCursor>(), Err(()));
        for kind in ["text", "voice", "photo", "video_note"] {
            assert_eq!(kind.parse::<CommentKind>().unwrap().as_str(), kind);
        }
        assert_eq!("sticker".parse::<CommentKind>(), Err(()));
        assert_eq!("hidden".parse(), Ok(Hidden::Hidden));
    }
}
