//! The numbers behind a feedback digest: members, posts and their delivery, comments — for one
//! working group or all of them, over a time window.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::{opt_time, time};
use super::scope::{Scope, scoped};
use super::surveys::SurveyState;
use super::{Result, Store, ts};
use crate::domain::{Category, MediaKind, PostKind, PrototypeStatus, QuestionId, SurveyId};
use crate::survey::QuestionTag;

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
    pub kind: PostKind,
    pub title: String,
    pub category: Option<Category>,
    pub status: Option<PrototypeStatus>,
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
    pub sent: i64,
    pub pending: i64,
    pub failed: i64,
    pub blocked: i64,
    pub comments: i64,
    /// How many earlier posts it answers ("you said, we did").
    pub answers: i64,
    /// How many people who gave feedback on those got it with the personal note.
    pub told: i64,
}

/// A visible comment made within the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct CommentLine {
    pub id: i64,
    pub group: String,
    /// `None` when anonymous.
    pub author: Option<String>,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
    pub post_id: Option<i64>,
    pub post_title: Option<String>,
    pub text: Option<String>,
    pub media_kind: Option<MediaKind>,
    pub duration_secs: Option<i64>,
}

/// A survey sent within the window, with how far it got.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SurveyLine {
    pub id: SurveyId,
    pub group: String,
    pub title: String,
    pub post_title: String,
    pub anonymous: bool,
    pub state: SurveyState,
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
    /// People its first question reached.
    pub delivered: i64,
    /// People who answered at least one question.
    pub respondents: i64,
    /// People who answered every question.
    pub finished: i64,
}

/// One question of a survey in the window: how many answered, and the rating mean.
#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct QuestionLine {
    #[serde(skip)]
    pub question_id: QuestionId,
    pub survey_id: SurveyId,
    /// 1-based.
    pub number: i64,
    pub kind: QuestionTag,
    pub prompt: String,
    pub answers: i64,
    /// Ratings only.
    pub mean: Option<f64>,
}

/// One bar of a question's distribution: a rating (1–5), yes (1) / no (0), or an option
/// (its 0-based position and label) of a choice or multi question — counted per option, not
/// per combination.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct BarCount {
    #[serde(skip)]
    pub question_id: QuestionId,
    pub value: i64,
    pub label: Option<String>,
    pub count: i64,
}

/// A text answer shown as a sample.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct TextSample {
    #[serde(skip)]
    pub question_id: QuestionId,
    pub text: String,
}

/// Survey response in one group for posts of one prototype category (`None`: other posts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct EquityLine {
    pub group: String,
    pub category: Option<Category>,
    pub invited: i64,
    pub responded: i64,
}

/// A member who was a member for the whole window and neither commented nor answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct SilentMember {
    pub group: String,
    pub name: String,
}

/// One answer, for the answers export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct AnswerExport {
    pub survey_id: i64,
    pub group: String,
    pub survey: String,
    pub question: i64,
    pub kind: QuestionTag,
    pub prompt: String,
    /// `None` for an anonymous survey.
    pub respondent: Option<String>,
    pub answer: Option<String>,
    #[serde(serialize_with = "opt_time")]
    pub answered_at: Option<DateTime<Utc>>,
}

/// What digests and exports show of anonymous surveys: a question's answers (counts, mean,
/// distribution, text samples, exported rows) only once it has at least `min_answers` of them,
/// and only those given before the current hour began. Held by the [`Store`], so that every
/// view built from it (chat, chart, CSV, JSON, the scheduled digest) follows the same rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anonymity {
    pub min_answers: u32,
}

impl Default for Anonymity {
    fn default() -> Self {
        Self { min_answers: 5 }
    }
}

/// How many text answers a digest samples per question.
pub const TEXT_SAMPLES: i64 = 5;

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
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
}

/// Whether answer `a`'s current version is shown at `?3`: a named answer's always, an
/// anonymous one's once the hour it was given (or last changed) in has passed.
const RELEASED: &str = "(a.held_until IS NULL OR a.held_until <= ?3)";

/// Digest and export SQL over answers `a` as shown at `?3` — exactly as of the last full hour
/// for an anonymous survey: `{shown}` is whether `a` has a shown version (its current one once
/// released, unless erased; while held back, the one it had before, if any), `{value}` and
/// `{text}` that version's value and text. So an answer given, changed or erased within the
/// hour changes nothing shown until the hour is over (issue #20).
fn shown(sql: &str) -> String {
    sql.replace(
        "{shown}",
        &format!("(CASE WHEN {RELEASED} THEN a.erased = 0 ELSE a.has_prior = 1 END)"),
    )
    .replace(
        "{value}",
        &format!("(CASE WHEN {RELEASED} THEN a.value ELSE a.prior_value END)"),
    )
    .replace(
        "{text}",
        &format!("(CASE WHEN {RELEASED} THEN a.text ELSE a.prior_text END)"),
    )
}

impl Store {
    /// [`Store::scoped_rows`] with `?3` the time the digest is made: anonymous answers still
    /// are as shown at that time ([`shown`]).
    pub(super) async fn scoped_rows_at<T>(
        &self,
        sql: &str,
        column: &str,
        scope: Scope<'_>,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as(&shown(&scoped(sql, column, scope)))
            .bind(scope)
            .bind(ts(since))
            .bind(ts(now))
            .fetch_all(&self.pool)
            .await?)
    }

    /// Member counts of a group (or of all groups: people counted once per group).
    pub async fn digest_members(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<MemberCounts> {
        let group: Scope<'_> = group.into();
        Ok(sqlx::query_as(
            &scoped(
                "SELECT COUNT(*) AS total,
                    COUNT(*) FILTER (WHERE m.joined_at >= ?2) AS joined,
                    COUNT(*) FILTER (WHERE m.paused_at IS NOT NULL OR p.paused_at IS NOT NULL) AS paused,
                    COUNT(*) FILTER (WHERE p.blocked_at IS NOT NULL) AS blocked
             FROM memberships m JOIN people p ON p.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             WHERE m.left_at IS NULL AND g.archived_at IS NULL AND {group}",
                "m.group_id",
                group,
            ),
        )
        .bind(group)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Posts sent within the window, newest first, with delivery and visible-comment counts.
    pub async fn digest_posts(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<Vec<PostLine>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows(
            "WITH scoped AS (
                     SELECT po.* FROM posts po
                     WHERE po.state = 'sent' AND po.sent_at >= ?2 AND {group}),
                 delivery AS (
                     SELECT d.post_id,
                            COUNT(*) FILTER (WHERE d.state = 'sent') AS sent,
                            COUNT(*) FILTER (WHERE d.state = 'pending') AS pending,
                            COUNT(*) FILTER (WHERE d.state = 'failed') AS failed,
                            COUNT(*) FILTER (WHERE d.state = 'blocked') AS blocked,
                            COUNT(*) FILTER (WHERE d.with_note = 1 AND d.state = 'sent') AS told
                     FROM scoped JOIN deliveries d ON d.post_id = scoped.id AND d.survey_id IS NULL
                     GROUP BY d.post_id),
                 commented AS (
                     SELECT c.post_id, COUNT(*) AS comments
                     FROM scoped JOIN comments c ON c.post_id = scoped.id
                     WHERE c.hidden_at IS NULL AND c.unfiled = 0
                     GROUP BY c.post_id)
                 SELECT po.id, g.slug AS \"group\", po.kind, po.title, po.category, po.status, po.sent_at,
                        COALESCE(d.sent, 0) AS sent, COALESCE(d.pending, 0) AS pending,
                        COALESCE(d.failed, 0) AS failed, COALESCE(d.blocked, 0) AS blocked,
                        COALESCE(c.comments, 0) AS comments,
                        (SELECT COUNT(*) FROM post_answers pa WHERE pa.post_id = po.id) AS answers,
                        COALESCE(d.told, 0) AS told
                 FROM scoped po
                 JOIN working_groups g ON g.id = po.group_id
                 LEFT JOIN delivery d ON d.post_id = po.id
                 LEFT JOIN commented c ON c.post_id = po.id
                 ORDER BY po.sent_at DESC, po.id DESC",
            "po.group_id",
            group,
            since,
        )
        .await
    }

    /// Visible comments made within the window, newest first (`limit` of them; all with `None`).
    pub async fn digest_comments(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
        limit: Option<i64>,
    ) -> Result<Vec<CommentLine>> {
        let group: Scope<'_> = group.into();
        Ok(sqlx::query_as(
            &scoped(
                "SELECT c.id, g.slug AS \"group\",
                    CASE WHEN c.anonymous THEN NULL ELSE pe.display_name END AS author,
                    c.created_at, c.post_id, po.title AS post_title, c.body AS text, c.media_kind, c.duration_secs
             FROM comments c
             JOIN working_groups g ON g.id = c.group_id
             JOIN people pe ON pe.id = c.person_id
             LEFT JOIN posts po ON po.id = c.post_id
             WHERE c.hidden_at IS NULL AND c.unfiled = 0 AND c.created_at >= ?2
               AND {group}
             ORDER BY c.created_at DESC, c.id DESC
             LIMIT ?3",
                "c.group_id",
                group,
            ),
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
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<i64> {
        let group: Scope<'_> = group.into();
        Ok(sqlx::query_scalar(&scoped(
            "SELECT COUNT(*) FROM comments c
             WHERE c.hidden_at IS NULL AND c.unfiled = 0 AND c.created_at >= ?2 AND {group}",
            "c.group_id",
            group,
        ))
        .bind(group)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Surveys open at some time within the window (sent, and not closed before it), newest
    /// first.
    pub async fn digest_surveys(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<Vec<SurveyLine>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows(
            "SELECT s.id, g.slug AS \"group\", s.title, po.title AS post_title, s.anonymous, s.state, s.sent_at,
                    (SELECT COUNT(*) FROM deliveries d
                      WHERE d.survey_id = s.id AND d.reminder = 0 AND d.state = 'sent') AS delivered,
                    (SELECT COUNT(*) FROM survey_participants sp
                      WHERE sp.survey_id = s.id AND sp.last_answered_at IS NOT NULL) AS respondents,
                    (SELECT COUNT(*) FROM survey_participants sp
                      WHERE sp.survey_id = s.id AND sp.finished_at IS NOT NULL) AS finished
             FROM surveys s
             JOIN working_groups g ON g.id = s.group_id
             JOIN posts po ON po.id = s.post_id
             WHERE s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2) AND {group}
             ORDER BY s.sent_at DESC, s.id DESC",
            "s.group_id",
            group,
            since,
        )
        .await
    }

    /// The questions of the surveys sent within the window, with answer counts and rating
    /// means — aggregated in SQL.
    pub async fn digest_questions(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<QuestionLine>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows_at(
            "SELECT q.id AS question_id, q.survey_id, q.position + 1 AS number, q.kind, q.prompt,
                    COUNT(a.respondent) FILTER (WHERE {text} IS NOT NULL
                        OR ({value} IS NOT NULL AND (q.kind IN ('rating', 'yesno') OR {value} != 0))) AS answers,
                    AVG({value}) FILTER (WHERE q.kind = 'rating') AS mean
             FROM surveys s
             JOIN survey_questions q ON q.survey_id = s.id
             LEFT JOIN answers a ON a.question_id = q.id AND {shown}
             WHERE s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2) AND {group}
             GROUP BY q.id
             ORDER BY s.sent_at DESC, s.id DESC, q.position",
            "s.group_id",
            group,
            since,
            now,
        )
        .await
    }

    /// The distributions of the rating, yes/no, choice and multi questions of the surveys sent
    /// within the window.
    pub async fn digest_bars(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<BarCount>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows_at(
            "SELECT q.id AS question_id, {value} AS value, NULL AS label, COUNT(*) AS count
             FROM surveys s
             JOIN survey_questions q ON q.survey_id = s.id
             JOIN answers a ON a.question_id = q.id
             WHERE q.kind IN ('rating', 'yesno') AND {value} IS NOT NULL AND {shown}
               AND s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2) AND {group}
             GROUP BY q.id, 2
             UNION ALL
             SELECT o.question_id, o.position AS value, o.label,
                    (SELECT COUNT(*) FROM answers a
                      WHERE a.question_id = o.question_id AND ({value} >> o.position) & 1 = 1
                        AND {shown}) AS count
             FROM surveys s
             JOIN survey_questions q ON q.survey_id = s.id
             JOIN survey_options o ON o.question_id = q.id
             WHERE s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2) AND {group}
             ORDER BY 1, 2",
            "s.group_id",
            group,
            since,
            now,
        )
        .await
    }

    /// Up to [`TEXT_SAMPLES`] text answers per text question, the most recent first
    /// (anonymous answers keep no time: theirs come in no particular order).
    pub async fn digest_text_samples(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<Vec<TextSample>> {
        self.text_answers(group.into(), since, now, TEXT_SAMPLES)
            .await
    }

    /// Up to `limit` text answers per text question of the surveys of `group` open within the
    /// window, as shown at `now`: the most recent first (anonymous answers keep no time: theirs
    /// come in no particular order).
    pub async fn text_answers(
        &self,
        group: Scope<'_>,
        since: DateTime<Utc>,
        now: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<TextSample>> {
        Ok(sqlx::query_as(&shown(&scoped(
                "SELECT question_id, text FROM (
                 SELECT a.question_id, {text} AS text,
                        ROW_NUMBER() OVER (PARTITION BY a.question_id
                                           ORDER BY a.answered_at DESC NULLS LAST, {text}) AS n
                 FROM surveys s
                 JOIN survey_questions q ON q.survey_id = s.id
                 JOIN answers a ON a.question_id = q.id
                 WHERE q.kind = 'text' AND {text} IS NOT NULL AND {shown}
                   AND s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2) AND {group})
             WHERE n <= ?4
             ORDER BY question_id, n",
                "s.group_id",
                group,
            )))
        .bind(group)
        .bind(ts(since))
        .bind(ts(now))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Survey response per group and prototype category, for surveys sent within the window.
    pub async fn digest_equity(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<Vec<EquityLine>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows(
            "SELECT g.slug AS \"group\", e.category, SUM(e.invited) AS invited, SUM(e.responded) AS responded
             FROM (SELECT s.group_id,
                          CASE WHEN po.kind = 'prototype' THEN po.category END AS category,
                          (SELECT COUNT(*) FROM deliveries d
                            WHERE d.survey_id = s.id AND d.reminder = 0 AND d.state = 'sent') AS invited,
                          (SELECT COUNT(*) FROM survey_participants sp
                            WHERE sp.survey_id = s.id AND sp.last_answered_at IS NOT NULL) AS responded
                   FROM surveys s JOIN posts po ON po.id = s.post_id
                   WHERE s.state IN ('open', 'closed') AND (s.closed_at IS NULL OR s.closed_at >= ?2)
                     AND {group}) e
             JOIN working_groups g ON g.id = e.group_id
             GROUP BY g.slug, e.category
             ORDER BY g.slug, e.category",
            "s.group_id",
            group,
            since,
        )
        .await
    }

    /// Members (not facilitators) who belonged to the group for the whole window and neither
    /// commented under their name nor answered a named survey in it. Anonymous comments and
    /// answers never take anyone off this list: its names would show who gave them.
    pub async fn digest_silent(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<Vec<SilentMember>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows(
            "SELECT g.slug AS \"group\", pe.display_name AS name
             FROM memberships m
             JOIN people pe ON pe.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             WHERE m.left_at IS NULL AND m.role = 'member' AND m.joined_at < ?2
               AND g.archived_at IS NULL AND {group}
               AND NOT EXISTS (SELECT 1 FROM comments c
                               WHERE c.person_id = m.person_id AND c.group_id = m.group_id
                                 AND c.anonymous = 0 AND c.created_at >= ?2)
               AND NOT EXISTS (SELECT 1 FROM survey_participants sp JOIN surveys s ON s.id = sp.survey_id
                               WHERE sp.person_id = m.person_id AND s.group_id = m.group_id
                                 AND s.anonymous = 0 AND sp.last_answered_at >= ?2)
             ORDER BY g.slug, pe.display_name",
            "m.group_id",
            group,
            since,
        )
        .await
    }

    /// Every answer to the surveys of a group (or all groups), readable: ratings as numbers,
    /// yes/no, chosen option labels; anonymous surveys without names, and under the store's
    /// [`Anonymity`] rule: only answers given before the hour of `now` began, and only for
    /// questions with at least `min_answers` of those.
    pub async fn export_answers(
        &self,
        group: impl Into<Scope<'_>>,
        now: DateTime<Utc>,
    ) -> Result<Vec<AnswerExport>> {
        let group: Scope<'_> = group.into();
        Ok(sqlx::query_as(&shown(&scoped(
                "SELECT s.id AS survey_id, g.slug AS \"group\", s.title AS survey, q.position + 1 AS question,
                    q.kind, q.prompt,
                    CASE WHEN s.anonymous THEN NULL ELSE pe.display_name END AS respondent,
                    CASE q.kind
                        WHEN 'rating' THEN CAST({value} AS TEXT)
                        WHEN 'yesno' THEN CASE {value} WHEN 1 THEN 'yes' WHEN 0 THEN 'no' END
                        WHEN 'text' THEN {text}
                        ELSE (SELECT group_concat(label, '; ') FROM
                                 (SELECT o.label FROM survey_options o
                                  WHERE o.question_id = q.id AND ({value} >> o.position) & 1 = 1
                                  ORDER BY o.position))
                    END AS answer,
                    CASE WHEN s.anonymous THEN NULL ELSE a.answered_at END AS answered_at
             FROM answers a
             JOIN survey_questions q ON q.id = a.question_id
             JOIN surveys s ON s.id = q.survey_id
             JOIN working_groups g ON g.id = s.group_id
             LEFT JOIN people pe ON pe.id = a.person_id
             WHERE {group} AND {shown}
               AND (NOT s.anonymous OR
                    (SELECT COUNT(*) FROM answers a WHERE a.question_id = q.id AND {shown}
                       AND ({text} IS NOT NULL
                            OR ({value} IS NOT NULL AND (q.kind IN ('rating', 'yesno') OR {value} != 0)))) >= ?4)
             ORDER BY s.id, q.position, respondent, answer",
                "s.group_id",
                group,
            )))
        .bind(group)
        .bind(None::<String>)
        .bind(ts(now))
        .bind(i64::from(self.anonymity().min_answers))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Every delivery of posts sent within the window, for export.
    pub async fn digest_deliveries(
        &self,
        group: impl Into<Scope<'_>>,
        since: DateTime<Utc>,
    ) -> Result<Vec<DeliveryLine>> {
        let group: Scope<'_> = group.into();
        self.scoped_rows(
            "SELECT d.post_id, g.slug AS \"group\", po.title AS post_title, pe.display_name AS recipient,
                    d.state, d.attempts, d.last_error, d.sent_at
             FROM deliveries d
             JOIN posts po ON po.id = d.post_id
             JOIN working_groups g ON g.id = po.group_id
             LEFT JOIN people pe ON pe.id = d.person_id
             WHERE po.sent_at >= ?2 AND {group} AND d.survey_id IS NULL
             ORDER BY d.post_id, d.id",
            "po.group_id",
            group,
            since,
        )
        .await
    }
}
