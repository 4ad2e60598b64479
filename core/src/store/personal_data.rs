//! Everything stored about one person, as `/mydata` hands it out: their profile, memberships,
//! comments, deliveries, surveys and answers (anonymous ones found with the answer key, as
//! `/forget` finds them), what they wrote (posts, surveys), linked (group chats) and hid
//! (comments), the digests sent to them and the audit events about them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::{opt_time, time};
use super::{Result, Store};
use crate::domain::{MediaKind, PersonId, PostKind, QuestionId, Role, SurveyId, TelegramId};
use crate::survey::{Answer, QuestionTag, RespondentKey};

/// Everything coloop stores about one person, as `/mydata` hands it out.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    /// `None` for a coordinator who never joined a group (only their digests are stored).
    pub profile: Option<Profile>,
    pub memberships: Vec<MembershipRecord>,
    pub comments: Vec<CommentRecord>,
    pub deliveries: Vec<DeliveryRecord>,
    /// The surveys that reached them and how far they got.
    pub surveys: Vec<SurveyRecord>,
    /// Their answers: to named surveys, and to anonymous ones (found with the answer key, as
    /// `/forget` finds them: nothing in the database links those to them).
    pub answers: Vec<AnswerRecord>,
    /// Posts they wrote.
    pub posts_written: Vec<PostRecord>,
    /// Surveys they wrote.
    pub surveys_written: Vec<SurveyWrittenRecord>,
    /// Group chats they linked to a working group.
    pub chats_linked: Vec<LinkedChatRecord>,
    /// Others' comments they hid (which, and when; the comments are their authors').
    pub comments_hidden: Vec<HiddenCommentRecord>,
    /// Scheduled digests sent to them.
    pub digest_runs: Vec<DigestRunRecord>,
    /// Audit events where they are the actor or the target.
    pub audit: Vec<super::AuditEvent>,
    /// Their offers of help (issue #19).
    pub offers: Vec<super::OfferRecord>,
    /// The introductions they were introduced in (issue #19).
    pub introductions: Vec<super::IntroductionRecord>,
    /// Their who's who line, if they are listed (issue #19).
    pub whos_who: Option<super::ProfileRecord>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SurveyRecord {
    pub survey_id: i64,
    pub title: String,
    pub group: String,
    pub anonymous: bool,
    #[serde(serialize_with = "time")]
    pub invited_at: DateTime<Utc>,
    pub questions_answered: i64,
    #[serde(serialize_with = "opt_time")]
    pub finished_at: Option<DateTime<Utc>>,
    pub reminders: i64,
}

/// One answer, named or anonymous. `value` is stored as [`Answer`] says (a rating 1–5, yes 1 /
/// no 0, a bit mask of options); `labels` is how the person saw it — filled in their language
/// by the bot from [`AnswerRecord::answer`] and [`AnswerRecord::options`], which stay out of
/// the file.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerRecord {
    pub survey_id: i64,
    /// Found with the answer key: nothing in the database links it to them.
    pub anonymous: bool,
    pub question: i64,
    pub prompt: String,
    pub value: Option<i64>,
    pub text: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// Named answers only: anonymous ones keep no time.
    #[serde(serialize_with = "opt_time")]
    pub answered_at: Option<DateTime<Utc>>,
    /// The stored answer, read back (`None` for a row that cannot be one).
    #[serde(skip)]
    pub answer: Option<Answer>,
    /// The question's options (a choice or multi question), in order.
    #[serde(skip)]
    pub options: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    survey_id: i64,
    anonymous: bool,
    question: i64,
    prompt: String,
    kind: QuestionTag,
    value: Option<i64>,
    text: Option<String>,
    answered_at: Option<DateTime<Utc>>,
    /// JSON array of the option labels, in order.
    options: String,
}

impl AnswerRow {
    fn into_record(self) -> Result<AnswerRecord> {
        let options: Vec<String> = serde_json::from_str(&self.options).map_err(|e| {
            super::StoreError::Corrupt(format!("options of question {}: {e}", self.question))
        })?;
        Ok(AnswerRecord {
            answer: Answer::from_stored(self.kind, self.value, self.text.clone()),
            survey_id: self.survey_id,
            anonymous: self.anonymous,
            question: self.question,
            prompt: self.prompt,
            value: self.value,
            text: self.text,
            labels: Vec::new(),
            answered_at: self.answered_at,
            options,
        })
    }
}

/// The columns of an [`AnswerRow`] of answer `a` to question `q` (`{anonymous}`: 0 or 1).
const ANSWER_COLUMNS: &str = "q.survey_id, {anonymous} AS anonymous, q.position + 1 AS question,
    q.prompt, q.kind, a.value, a.text, a.answered_at,
    (SELECT json_group_array(label)
     FROM (SELECT o.label FROM survey_options o WHERE o.question_id = q.id
           ORDER BY o.position)) AS options";

/// A post they wrote.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct PostRecord {
    pub id: i64,
    pub group: String,
    pub kind: PostKind,
    pub title: String,
    pub summary: String,
    pub state: String,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
}

/// A survey they wrote.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SurveyWrittenRecord {
    pub id: i64,
    pub group: String,
    pub title: String,
    pub anonymous: bool,
    pub state: String,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "opt_time")]
    pub closed_at: Option<DateTime<Utc>>,
}

/// A group chat they linked.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct LinkedChatRecord {
    pub group: String,
    pub chat_id: i64,
    pub title: String,
    #[serde(serialize_with = "time")]
    pub linked_at: DateTime<Utc>,
    #[serde(serialize_with = "opt_time")]
    pub unlinked_at: Option<DateTime<Utc>>,
}

/// A comment they hid.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct HiddenCommentRecord {
    pub comment_id: i64,
    pub group: String,
    pub post_title: Option<String>,
    #[serde(serialize_with = "time")]
    pub hidden_at: DateTime<Utc>,
}

/// A scheduled digest sent to them.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DigestRunRecord {
    /// `all`, or a group's slug.
    pub scope: String,
    #[serde(serialize_with = "time")]
    pub period_start: DateTime<Utc>,
    #[serde(serialize_with = "time")]
    pub sent_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Profile {
    pub telegram_id: i64,
    pub display_name: String,
    /// Their Telegram @username (without the @), as last seen.
    pub username: Option<String>,
    pub language: Option<String>,
    #[serde(serialize_with = "time")]
    pub consent_at: DateTime<Utc>,
    pub consent_version: i64,
    #[serde(serialize_with = "opt_time")]
    pub paused_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "opt_time")]
    pub blocked_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct MembershipRecord {
    pub group: String,
    pub role: Role,
    #[serde(serialize_with = "time")]
    pub joined_at: DateTime<Utc>,
    #[serde(serialize_with = "opt_time")]
    pub left_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "opt_time")]
    pub paused_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct CommentRecord {
    pub id: i64,
    pub group: String,
    pub post_id: Option<i64>,
    pub post_title: Option<String>,
    pub text: Option<String>,
    pub media_kind: Option<MediaKind>,
    pub file_id: Option<String>,
    pub duration_secs: Option<i64>,
    pub anonymous: bool,
    pub hidden: bool,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct DeliveryRecord {
    pub post_id: i64,
    pub post_title: String,
    pub group: String,
    pub state: String,
    #[serde(serialize_with = "opt_time")]
    pub sent_at: Option<DateTime<Utc>>,
}

impl Store {
    /// Everything stored about a person, or `None` if nothing is; `key` finds their answers
    /// to anonymous surveys.
    pub async fn personal_data(
        &self,
        telegram_id: TelegramId,
        key: &RespondentKey,
    ) -> Result<Option<PersonalData>> {
        if !self.stores_anything_about(telegram_id).await? {
            return Ok(None);
        }
        let profile = sqlx::query_as(
            "SELECT telegram_id, display_name, username, language, consent_at, consent_version, paused_at,
                    blocked_at, created_at
             FROM people WHERE telegram_id = ?",
        )
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        let mut answers: Vec<AnswerRow> = self
            .rows_of(
                telegram_id,
                &format!(
                    "SELECT {} FROM answers a JOIN survey_questions q ON q.id = a.question_id
                     JOIN people p ON p.id = a.person_id WHERE p.telegram_id = ?",
                    ANSWER_COLUMNS.replace("{anonymous}", "0")
                ),
            )
            .await?;
        answers.extend(self.anonymous_answers_of(telegram_id, key).await?);
        answers.sort_by_key(|a| (a.survey_id, a.question));
        let answers = answers
            .into_iter()
            .map(AnswerRow::into_record)
            .collect::<Result<Vec<_>>>()?;
        Ok(Some(PersonalData {
            profile,
            memberships: self
                .rows_of(
                    telegram_id,
                    "SELECT g.slug AS \"group\", m.role, m.joined_at, m.left_at, m.paused_at
                     FROM memberships m JOIN working_groups g ON g.id = m.group_id
                     JOIN people p ON p.id = m.person_id WHERE p.telegram_id = ? ORDER BY m.id",
                )
                .await?,
            comments: self
                .rows_of(
                    telegram_id,
                    "SELECT c.id, g.slug AS \"group\", c.post_id, po.title AS post_title, c.body AS text,
                            c.media_kind, c.file_id, c.duration_secs, c.anonymous,
                            c.hidden_at IS NOT NULL AS hidden, c.created_at
                     FROM comments c JOIN working_groups g ON g.id = c.group_id
                     LEFT JOIN posts po ON po.id = c.post_id
                     JOIN people p ON p.id = c.person_id WHERE p.telegram_id = ? ORDER BY c.id",
                )
                .await?,
            deliveries: self
                .rows_of(
                    telegram_id,
                    "SELECT d.post_id, po.title AS post_title, g.slug AS \"group\", d.state, d.sent_at
                     FROM deliveries d JOIN posts po ON po.id = d.post_id
                     JOIN working_groups g ON g.id = po.group_id
                     JOIN people p ON p.id = d.person_id WHERE p.telegram_id = ? AND d.survey_id IS NULL
                     ORDER BY d.id",
                )
                .await?,
            surveys: self
                .rows_of(
                    telegram_id,
                    "SELECT s.id AS survey_id, s.title, g.slug AS \"group\", s.anonymous, sp.invited_at,
                            sp.position AS questions_answered, sp.finished_at, sp.reminders
                     FROM survey_participants sp JOIN surveys s ON s.id = sp.survey_id
                     JOIN working_groups g ON g.id = s.group_id
                     JOIN people p ON p.id = sp.person_id WHERE p.telegram_id = ? ORDER BY s.id",
                )
                .await?,
            answers,
            posts_written: self
                .rows_of(
                    telegram_id,
                    "SELECT po.id, g.slug AS \"group\", po.kind, po.title, po.summary, po.state,
                            po.created_at, po.sent_at
                     FROM posts po JOIN working_groups g ON g.id = po.group_id
                     JOIN people p ON p.id = po.author_id WHERE p.telegram_id = ? ORDER BY po.id",
                )
                .await?,
            surveys_written: self
                .rows_of(
                    telegram_id,
                    "SELECT s.id, g.slug AS \"group\", s.title, s.anonymous, s.state, s.created_at,
                            s.sent_at, s.closed_at
                     FROM surveys s JOIN working_groups g ON g.id = s.group_id
                     JOIN people p ON p.id = s.author_id WHERE p.telegram_id = ? ORDER BY s.id",
                )
                .await?,
            chats_linked: self
                .rows_of(
                    telegram_id,
                    "SELECT g.slug AS \"group\", gc.chat_id, gc.title, gc.linked_at, gc.unlinked_at
                     FROM group_chats gc JOIN working_groups g ON g.id = gc.group_id
                     WHERE gc.linked_by = ? ORDER BY gc.id",
                )
                .await?,
            comments_hidden: self
                .rows_of(
                    telegram_id,
                    "SELECT c.id AS comment_id, g.slug AS \"group\", po.title AS post_title, c.hidden_at
                     FROM comments c JOIN working_groups g ON g.id = c.group_id
                     LEFT JOIN posts po ON po.id = c.post_id
                     WHERE c.hidden_by = ? AND c.hidden_at IS NOT NULL ORDER BY c.id",
                )
                .await?,
            digest_runs: self
                .rows_of(
                    telegram_id,
                    "SELECT scope, period_start, sent_at FROM digest_runs WHERE telegram_id = ?
                     ORDER BY period_start, scope",
                )
                .await?,
            audit: self.audit_of_person(telegram_id).await?,
            offers: self.offer_records(telegram_id).await?,
            introductions: self.introduction_records(telegram_id).await?,
            whos_who: self.profile_record(telegram_id).await?,
        }))
    }

    /// The rows of a query whose one parameter is the person's Telegram id.
    async fn rows_of<T>(&self, telegram_id: TelegramId, sql: &str) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as(sql)
            .bind(telegram_id)
            .fetch_all(&self.pool)
            .await?)
    }

    /// Their answers to anonymous surveys: for every question of every anonymous survey they
    /// take part in, the answer under the respondent `key` gives (as `/forget` finds them).
    async fn anonymous_answers_of(
        &self,
        telegram_id: TelegramId,
        key: &RespondentKey,
    ) -> Result<Vec<AnswerRow>> {
        let questions: Vec<(SurveyId, QuestionId, PersonId)> = self
            .rows_of(
                telegram_id,
                "SELECT sp.survey_id, q.id, sp.person_id FROM survey_participants sp
                 JOIN surveys s ON s.id = sp.survey_id JOIN people p ON p.id = sp.person_id
                 JOIN survey_questions q ON q.survey_id = s.id
                 WHERE p.telegram_id = ? AND s.anonymous = 1",
            )
            .await?;
        let mut found = Vec::new();
        for (survey, question, person) in questions {
            let respondent = key.respondent(survey, question, person, true);
            let answer: Option<AnswerRow> = sqlx::query_as(&format!(
                "SELECT {} FROM answers a JOIN survey_questions q ON q.id = a.question_id
                 WHERE a.question_id = ? AND a.respondent = ? AND a.erased = 0",
                ANSWER_COLUMNS.replace("{anonymous}", "1")
            ))
            .bind(question)
            .bind(respondent.as_str())
            .fetch_optional(&self.pool)
            .await?;
            found.extend(answer);
        }
        Ok(found)
    }
}
