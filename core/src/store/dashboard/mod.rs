//! The SQL behind the web dashboard's read models (`crate::dashboard`): per-group activity for
//! the overview, a group's prototypes with their status history, "you said, we did" links and
//! a survey's response over time. What the chat digest also shows is read through the digest's
//! own queries ([`super::Scope`]), so both show the same numbers. Comments and prototype
//! look-ups are in `comments.rs`.

mod comments;

use chrono::{DateTime, NaiveDate, Utc};

pub use comments::{CommentCursor, CommentFilter, CommentKind, DashboardComment, Hidden};

use super::{Result, Scope, Store, ts};
use crate::domain::{
    Category, CommentId, GroupId, MediaKind, PostId, PostKind, PrototypeId, PrototypeStatus,
    SurveyId,
};

/// One group's activity for the overview: its current members by state, what happened in the
/// window, and when anything last happened.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct GroupActivity {
    pub id: GroupId,
    pub slug: String,
    pub name: String,
    pub archived: bool,
    /// Current members and facilitators neither paused nor blocking the bot.
    pub active: i64,
    /// Paused (everything, or this group), not blocking the bot.
    pub paused: i64,
    /// Blocking the bot.
    pub blocked: i64,
    /// Posts sent within the window.
    pub posts: i64,
    /// Surveys open at some time within the window (as in the digest).
    pub surveys: i64,
    /// Visible comments made within the window.
    pub comments: i64,
    /// The latest post sent, comment made or survey answered, at any time.
    pub last_activity: Option<DateTime<Utc>>,
}

/// One step of a prototype's history: a sent prototype post, with the category and status it
/// gave the prototype.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct StatusChange {
    pub post_id: PostId,
    pub category: Option<Category>,
    pub status: Option<PrototypeStatus>,
    pub at: Option<DateTime<Utc>>,
}

/// A prototype as its latest post left it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PrototypeRow {
    pub id: PrototypeId,
    pub title: String,
    pub category: Category,
    pub status: PrototypeStatus,
    pub summary: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A post that answers an earlier post of its group ("you said, we did"), with the comments
/// the earlier post had when the answer was sent.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnswerLink {
    pub post_id: PostId,
    pub post_kind: PostKind,
    pub post_title: String,
    pub sent_at: Option<DateTime<Utc>>,
    pub answered_id: PostId,
    pub answered_title: String,
    /// Visible comments on the answered post made before the answer was sent.
    pub comments: i64,
    /// Recipients of the answer who got the personal note (they had given feedback).
    pub told: i64,
}

/// How many people had answered a survey by the end of a day (UTC), counted by the day of each
/// person's latest answer (all an anonymous survey keeps).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct DayCount {
    pub day: NaiveDate,
    /// People whose latest answer was that day.
    pub respondents: i64,
}

/// A comment on an answered post, for a "you said, we did" link (at most
/// [`ANSWERED_COMMENTS`] per link).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AnsweredComment {
    pub answered_id: PostId,
    pub id: CommentId,
    /// `None` when anonymous.
    pub author: Option<String>,
    pub created_at: DateTime<Utc>,
    pub text: Option<String>,
    pub media_kind: Option<MediaKind>,
}

/// How many of the answered comments a "you said, we did" link lists (the count is complete).
pub const ANSWERED_COMMENTS: i64 = 10;

/// The earliest time: a window that starts here holds everything.
pub fn beginning() -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH
}

impl Store {
    /// Activity per group of `groups` (in slug order) over the window from `since`.
    pub async fn group_activity(
        &self,
        groups: &[GroupId],
        since: DateTime<Utc>,
    ) -> Result<Vec<GroupActivity>> {
        let sql = "WITH ms AS (
                 SELECT m.group_id,
                        COUNT(*) FILTER (WHERE p.blocked_at IS NULL AND m.paused_at IS NULL
                                           AND p.paused_at IS NULL) AS active,
                        COUNT(*) FILTER (WHERE p.blocked_at IS NULL
                                           AND (m.paused_at IS NOT NULL OR p.paused_at IS NOT NULL)) AS paused,
                        COUNT(*) FILTER (WHERE p.blocked_at IS NOT NULL) AS blocked
                 FROM memberships m JOIN people p ON p.id = m.person_id
                 WHERE m.left_at IS NULL AND {group}
                 GROUP BY m.group_id)
             SELECT g.id, g.slug, g.name, g.archived_at IS NOT NULL AS archived,
                    COALESCE(ms.active, 0) AS active, COALESCE(ms.paused, 0) AS paused,
                    COALESCE(ms.blocked, 0) AS blocked,
                    (SELECT COUNT(*) FROM posts po
                      WHERE po.group_id = g.id AND po.state = 'sent' AND po.sent_at >= ?2) AS posts,
                    (SELECT COUNT(*) FROM surveys s
                      WHERE s.group_id = g.id AND s.state IN ('open', 'closed')
                        AND (s.closed_at IS NULL OR s.closed_at >= ?2)) AS surveys,
                    (SELECT COUNT(*) FROM comments c
                      WHERE c.group_id = g.id AND c.created_at >= ?2 AND c.hidden_at IS NULL
                        AND c.unfiled = 0) AS comments,
                    NULLIF(MAX(
                        COALESCE((SELECT MAX(po.sent_at) FROM posts po
                                   WHERE po.group_id = g.id AND po.state = 'sent'), ''),
                        COALESCE((SELECT MAX(c.created_at) FROM comments c WHERE c.group_id = g.id), ''),
                        COALESCE((SELECT MAX((SELECT MAX(sp.last_answered_at) FROM survey_participants sp
                                               WHERE sp.survey_id = s.id))
                                   FROM surveys s WHERE s.group_id = g.id), '')), '') AS last_activity
             FROM working_groups g LEFT JOIN ms ON ms.group_id = g.id
             WHERE {groups}
             ORDER BY g.slug";
        let sql = sql.replace("{groups}", "g.id IN (SELECT value FROM json_each(?1))");
        self.scoped_rows(&sql, "m.group_id", Scope::Groups(groups), since)
            .await
    }

    /// The prototypes of a group (by title), or the one `only` names.
    pub async fn prototypes(
        &self,
        group: GroupId,
        only: Option<PrototypeId>,
    ) -> Result<Vec<PrototypeRow>> {
        Ok(sqlx::query_as(
            "SELECT id, title, category, status, summary, created_at, updated_at
             FROM prototypes WHERE group_id = ?1 AND (?2 IS NULL OR id = ?2)
             ORDER BY title_key",
        )
        .bind(group)
        .bind(only)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The status history of the prototypes of a group (or of one): each sent post about it,
    /// oldest first, with the prototype it belongs to.
    pub async fn prototype_history(
        &self,
        group: GroupId,
        only: Option<PrototypeId>,
    ) -> Result<Vec<(PrototypeId, StatusChange)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            prototype_id: PrototypeId,
            #[sqlx(flatten)]
            change: StatusChange,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT po.prototype_id, po.id AS post_id, po.category, po.status, po.sent_at AS at
             FROM posts po JOIN prototypes pr ON pr.id = po.prototype_id
             WHERE pr.group_id = ?1 AND (?2 IS NULL OR pr.id = ?2) AND po.state = 'sent'
             ORDER BY po.prototype_id, po.sent_at, po.id",
        )
        .bind(group)
        .bind(only)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| (r.prototype_id, r.change))
            .collect())
    }

    /// "You said, we did" links of the posts of a group sent within the window, newest first.
    pub async fn answer_links(
        &self,
        group: GroupId,
        since: DateTime<Utc>,
    ) -> Result<Vec<AnswerLink>> {
        Ok(sqlx::query_as(
            "SELECT po.id AS post_id, po.kind AS post_kind, po.title AS post_title, po.sent_at,
                    pa.answered_post_id AS answered_id, ap.title AS answered_title,
                    (SELECT COUNT(*) FROM comments c
                      WHERE c.post_id = pa.answered_post_id AND c.hidden_at IS NULL AND c.unfiled = 0
                        AND c.created_at <= po.sent_at) AS comments,
                    (SELECT COUNT(*) FROM deliveries d
                      WHERE d.post_id = po.id AND d.survey_id IS NULL AND d.with_note = 1
                        AND d.state = 'sent') AS told
             FROM posts po
             JOIN post_answers pa ON pa.post_id = po.id
             JOIN posts ap ON ap.id = pa.answered_post_id
             WHERE po.group_id = ?1 AND po.state = 'sent' AND po.sent_at >= ?2
             ORDER BY po.sent_at DESC, po.id DESC, pa.answered_post_id",
        )
        .bind(group)
        .bind(ts(since))
        .fetch_all(&self.pool)
        .await?)
    }

    /// The latest [`ANSWERED_COMMENTS`] comments of each answered post of [`Store::answer_links`]
    /// made before the answer was sent, per answering post.
    pub async fn answered_comments(
        &self,
        group: GroupId,
        since: DateTime<Utc>,
    ) -> Result<Vec<(PostId, AnsweredComment)>> {
        #[derive(sqlx::FromRow)]
        struct Row {
            post_id: PostId,
            #[sqlx(flatten)]
            comment: AnsweredComment,
        }
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT post_id, answered_id, id, author, created_at, text, media_kind FROM (
                 SELECT po.id AS post_id, pa.answered_post_id AS answered_id, c.id,
                        CASE WHEN c.anonymous THEN NULL ELSE pe.display_name END AS author,
                        c.created_at, c.body AS text, c.media_kind,
                        ROW_NUMBER() OVER (PARTITION BY po.id, pa.answered_post_id
                                           ORDER BY c.created_at DESC, c.id DESC) AS n
                 FROM posts po
                 JOIN post_answers pa ON pa.post_id = po.id
                 JOIN comments c ON c.post_id = pa.answered_post_id
                 JOIN people pe ON pe.id = c.person_id
                 WHERE po.group_id = ?1 AND po.state = 'sent' AND po.sent_at >= ?2
                   AND c.hidden_at IS NULL AND c.unfiled = 0 AND c.created_at <= po.sent_at)
             WHERE n <= ?3
             ORDER BY post_id, answered_id, n",
        )
        .bind(group)
        .bind(ts(since))
        .bind(ANSWERED_COMMENTS)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(|r| (r.post_id, r.comment)).collect())
    }

    /// People who had answered survey `survey` by day (UTC) of their latest answer, oldest day
    /// first; only days with answers.
    pub async fn survey_days(&self, survey: SurveyId) -> Result<Vec<DayCount>> {
        Ok(sqlx::query_as(
            "SELECT date(last_answered_at) AS day, COUNT(*) AS respondents
             FROM survey_participants
             WHERE survey_id = ?1 AND last_answered_at IS NOT NULL
             GROUP BY 1 ORDER BY 1",
        )
        .bind(survey)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Whether survey `survey` belongs to group `group` and was sent (open or closed).
    pub async fn survey_in_group(&self, group: GroupId, survey: SurveyId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM surveys
                            WHERE id = ?1 AND group_id = ?2 AND state IN ('open', 'closed'))",
        )
        .bind(survey)
        .bind(group)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The sent surveys about the posts of prototype `prototype`, newest first.
    pub async fn prototype_surveys(&self, prototype: PrototypeId) -> Result<Vec<SurveyId>> {
        Ok(sqlx::query_scalar(
            "SELECT s.id FROM surveys s JOIN posts po ON po.id = s.post_id
             WHERE po.prototype_id = ?1 AND s.state IN ('open', 'closed')
             ORDER BY s.sent_at DESC, s.id DESC",
        )
        .bind(prototype)
        .fetch_all(&self.pool)
        .await?)
    }
}
