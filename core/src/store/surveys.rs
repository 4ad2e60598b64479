//! The survey lifecycle: a facilitator's questionnaire, first a draft shown in a preview, then —
//! on Send — open: one participant row and one pending outbox delivery (the first question) per
//! recipient, written in one transaction; reminders queued for those who have not finished;
//! closed by a facilitator or its close time. Answers are in [`super::answers`], what the
//! outbox sends in [`super::rendered`].

use chrono::{DateTime, Duration, Utc};

use super::rendered::RenderedSurvey;
use super::{Result, Store, StoreError, ts};
use crate::domain::{
    ChatMessage, GroupId, GroupSlug, PersonId, PostId, PostKey, QuestionId, SurveyId, TelegramId,
};
use crate::survey::{QuestionKind, QuestionTag, SurveySpec};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyState {
    Draft,
    Open,
    Closed,
    Cancelled,
}

impl SurveyState {
    pub const ALL: [SurveyState; 4] = [
        SurveyState::Draft,
        SurveyState::Open,
        SurveyState::Closed,
        SurveyState::Cancelled,
    ];

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            SurveyState::Draft => "draft",
            SurveyState::Open => "open",
            SurveyState::Closed => "closed",
            SurveyState::Cancelled => "cancelled",
        }
    }
}

from_str_by_all!(SurveyState);

/// A new survey draft.
#[derive(Debug, Clone)]
pub struct NewSurvey<'a> {
    pub group: GroupId,
    pub post: PostId,
    pub author: TelegramId,
    /// The command's message: a redelivered command makes no second draft.
    pub source: Option<ChatMessage>,
    pub spec: &'a SurveySpec,
    /// A fixed close time (`closes: 2026-12-01 18:00`), already in UTC.
    pub closes_at: Option<DateTime<Utc>>,
    /// A close delay (`closes: 3d`), counted from Send.
    pub closes_after: Option<Duration>,
    pub rendered: &'a RenderedSurvey,
}

#[derive(Debug, Clone)]
pub struct SurveyDraft {
    pub id: SurveyId,
    pub key: PostKey,
}

/// What a survey button or command refers to.
#[derive(Debug, Clone)]
pub struct SurveyRef {
    pub id: SurveyId,
    pub group_id: GroupId,
    pub group_slug: GroupSlug,
    pub group_name: String,
    pub title: String,
    pub post_id: PostId,
    pub post_title: String,
    pub anonymous: bool,
    pub author: Option<TelegramId>,
    pub state: SurveyState,
    pub closes_at: Option<DateTime<Utc>>,
    pub questions: i64,
}

impl SurveyRef {
    /// Whether answers are taken at `now`.
    pub fn is_open(&self, now: DateTime<Utc>) -> bool {
        self.state == SurveyState::Open && self.closes_at.is_none_or(|at| at > now)
    }
}

/// What pressing Send under a survey preview did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmedSurvey {
    Sent {
        survey: SurveyId,
        recipients: i64,
        closes_at: Option<DateTime<Utc>>,
    },
    AlreadySent,
    Cancelled,
    /// Its fixed close time passed before Send: nothing was sent (it stays a draft).
    Expired,
    Unknown,
}

/// One question of a survey.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SurveyQuestion {
    pub id: QuestionId,
    pub position: u8,
    pub kind: QuestionKind,
    pub prompt: String,
    /// Its "yes" offers help (`volunteer:`, issue #19).
    pub volunteer: bool,
}

#[derive(sqlx::FromRow)]
pub(super) struct SurveyRow {
    id: SurveyId,
    group_id: GroupId,
    slug: String,
    group_name: String,
    title: String,
    post_id: PostId,
    post_title: String,
    anonymous: bool,
    author: Option<TelegramId>,
    state: SurveyState,
    closes_at: Option<DateTime<Utc>>,
    questions: i64,
}

impl SurveyRow {
    pub(super) fn into_ref(self) -> Result<SurveyRef> {
        Ok(SurveyRef {
            id: self.id,
            group_id: self.group_id,
            group_slug: GroupSlug::parse(&self.slug)
                .map_err(|_| StoreError::Corrupt(format!("slug {:?}", self.slug)))?,
            group_name: self.group_name,
            title: self.title,
            post_id: self.post_id,
            post_title: self.post_title,
            anonymous: self.anonymous,
            author: self.author,
            state: self.state,
            closes_at: self.closes_at,
            questions: self.questions,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DraftSurveyRow {
    id: SurveyId,
    group_id: GroupId,
    post_id: PostId,
    state: SurveyState,
    closes_after_s: Option<i64>,
    closes_at: Option<DateTime<Utc>>,
    author_id: Option<PersonId>,
}

/// The columns of [`SurveyRow`].
pub(super) const SURVEY_COLUMNS: &str =
    "s.id, s.group_id, g.slug, g.name AS group_name, s.title, s.post_id,
            po.title AS post_title, s.anonymous, pe.telegram_id AS author, s.state, s.closes_at,
            (SELECT COUNT(*) FROM survey_questions q WHERE q.survey_id = s.id) AS questions";

/// Where [`SURVEY_COLUMNS`] come from.
pub(super) const SURVEY_FROM: &str = "FROM surveys s
     JOIN working_groups g ON g.id = s.group_id
     JOIN posts po ON po.id = s.post_id
     LEFT JOIN people pe ON pe.id = s.author_id";

impl Store {
    /// The sent post of `group` a survey attaches to: `wanted`, or else the latest.
    pub async fn survey_post(
        &self,
        group: GroupId,
        wanted: Option<PostId>,
    ) -> Result<Option<(PostId, String)>> {
        Ok(sqlx::query_as(
            "SELECT id, title FROM posts
             WHERE group_id = ?1 AND state = 'sent' AND (?2 IS NULL OR id = ?2)
             ORDER BY id DESC LIMIT 1",
        )
        .bind(group)
        .bind(wanted)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Stores a survey draft with its questions and what the outbox will send.
    pub async fn create_survey_draft(
        &self,
        new: &NewSurvey<'_>,
        now: DateTime<Utc>,
    ) -> Result<SurveyDraft> {
        let key = PostKey::generate();
        let mut tx = self.write_tx().await?;
        let id: Option<SurveyId> = sqlx::query_scalar(
            "INSERT INTO surveys (group_id, post_id, title, anonymous, closes_after_s, closes_at, author_id,
                                  idempotency_key, state, rendered, source_chat_id, source_message_id, created_at)
             VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM people WHERE telegram_id = ?), ?, 'draft', ?, ?, ?, ?)
             ON CONFLICT (source_chat_id, source_message_id) WHERE source_message_id IS NOT NULL DO NOTHING
             RETURNING id",
        )
        .bind(new.group)
        .bind(new.post)
        .bind(new.spec.title.as_str())
        .bind(new.spec.anonymous)
        .bind(new.closes_after.map(|d| d.num_seconds()))
        .bind(new.closes_at.map(ts))
        .bind(new.author)
        .bind(key.as_str())
        .bind(new.rendered.to_json()?)
        .bind(new.source.map(|s| s.chat))
        .bind(new.source.map(|s| s.message))
        .bind(ts(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            let (id, key): (SurveyId, String) = sqlx::query_as(
                "SELECT id, idempotency_key FROM surveys WHERE source_chat_id = ? AND source_message_id = ?",
            )
            .bind(new.source.map(|s| s.chat))
            .bind(new.source.map(|s| s.message))
            .fetch_one(&mut *tx)
            .await?;
            let key = PostKey::parse(&key)
                .ok_or_else(|| StoreError::Corrupt(format!("survey key of {id}")))?;
            return Ok(SurveyDraft { id, key });
        };
        for (position, question) in new.spec.questions.iter().enumerate() {
            let question_id: i64 = sqlx::query_scalar(
                "INSERT INTO survey_questions (survey_id, position, kind, prompt, volunteer)
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            )
            .bind(id)
            .bind(position as i64)
            .bind(question.kind.tag())
            .bind(&question.prompt)
            .bind(question.volunteer)
            .fetch_one(&mut *tx)
            .await?;
            for (option, label) in question.kind.options().iter().enumerate() {
                sqlx::query(
                    "INSERT INTO survey_options (question_id, position, label) VALUES (?, ?, ?)",
                )
                .bind(question_id)
                .bind(option as i64)
                .bind(label)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok(SurveyDraft { id, key })
    }

    pub async fn survey_by_key(&self, key: &PostKey) -> Result<Option<SurveyRef>> {
        let row: Option<SurveyRow> = sqlx::query_as(&format!(
            "SELECT {SURVEY_COLUMNS} {SURVEY_FROM} WHERE s.idempotency_key = ?"
        ))
        .bind(key.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(SurveyRow::into_ref).transpose()
    }

    pub async fn survey(&self, id: SurveyId) -> Result<Option<SurveyRef>> {
        let row: Option<SurveyRow> = sqlx::query_as(&format!(
            "SELECT {SURVEY_COLUMNS} {SURVEY_FROM} WHERE s.id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(SurveyRow::into_ref).transpose()
    }

    /// The questions of a survey, in order (read once, then kept: they never change).
    pub async fn survey_questions(&self, survey: SurveyId) -> Result<Vec<SurveyQuestion>> {
        let cached = self
            .survey_questions
            .lock()
            .ok()
            .and_then(|cache| cache.get(&survey).cloned());
        if let Some(questions) = cached {
            return Ok(questions.to_vec());
        }
        let questions = self.read_survey_questions(survey).await?;
        if !questions.is_empty()
            && let Ok(mut cache) = self.survey_questions.lock()
        {
            if cache.len() >= 1024 {
                cache.clear();
            }
            cache.insert(survey, questions.clone().into());
        }
        Ok(questions)
    }

    async fn read_survey_questions(&self, survey: SurveyId) -> Result<Vec<SurveyQuestion>> {
        let rows: Vec<(QuestionId, i64, QuestionTag, String, String, bool)> = sqlx::query_as(
            "SELECT q.id, q.position, q.kind, q.prompt,
                    (SELECT json_group_array(label) FROM
                        (SELECT label FROM survey_options o WHERE o.question_id = q.id ORDER BY o.position)),
                    q.volunteer
             FROM survey_questions q WHERE q.survey_id = ? ORDER BY q.position",
        )
        .bind(survey)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, position, kind, prompt, options, volunteer)| {
                let options: Vec<String> = serde_json::from_str(&options)
                    .map_err(|e| StoreError::Corrupt(format!("options of question {id}: {e}")))?;
                Ok(SurveyQuestion {
                    id,
                    position: u8::try_from(position)
                        .map_err(|_| StoreError::Corrupt(format!("position of question {id}")))?,
                    kind: QuestionKind::new(kind, options),
                    prompt,
                    volunteer,
                })
            })
            .collect()
    }

    /// Send: opens the survey (a close delay starts now) and queues its first question for
    /// every recipient of the group's posts, with a participant row each — one transaction.
    /// Pressing twice sends once.
    pub async fn confirm_survey(
        &self,
        key: &PostKey,
        now: DateTime<Utc>,
    ) -> Result<ConfirmedSurvey> {
        let mut tx = self.write_tx().await?;
        let row: Option<DraftSurveyRow> = sqlx::query_as(
            "SELECT id, group_id, post_id, state, closes_after_s, closes_at, author_id
                 FROM surveys WHERE idempotency_key = ?",
        )
        .bind(key.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some(DraftSurveyRow {
            id: survey,
            group_id: group,
            post_id: post,
            state,
            closes_after_s: closes_after,
            closes_at,
            author_id: author,
        }) = row
        else {
            return Ok(ConfirmedSurvey::Unknown);
        };
        match state {
            SurveyState::Draft => {}
            SurveyState::Cancelled => return Ok(ConfirmedSurvey::Cancelled),
            SurveyState::Open | SurveyState::Closed => return Ok(ConfirmedSurvey::AlreadySent),
        }
        let closes_at = match (closes_at, closes_after) {
            (Some(at), _) => Some(at),
            (None, Some(seconds)) => Some(now + Duration::seconds(seconds)),
            (None, None) => None,
        };
        if closes_at.is_some_and(|at| at <= now) {
            return Ok(ConfirmedSurvey::Expired);
        }
        let now_text = ts(now);
        sqlx::query("UPDATE surveys SET state = 'open', sent_at = ?, closes_at = ? WHERE id = ?")
            .bind(&now_text)
            .bind(closes_at.map(ts))
            .bind(survey)
            .execute(&mut *tx)
            .await?;
        sqlx::query(&format!(
            "INSERT INTO survey_participants (survey_id, person_id, invited_at)
             SELECT ?3, p.id, ?4 {recipients}
             ON CONFLICT DO NOTHING",
            recipients = super::posts::RECIPIENTS
        ))
        .bind(group)
        .bind(author)
        .bind(survey)
        .bind(&now_text)
        .execute(&mut *tx)
        .await?;
        let queued = sqlx::query(&format!(
            "INSERT INTO deliveries (post_id, survey_id, reminder, person_id, chat_id, chat_kind, state,
                                     next_attempt_at, created_at)
             SELECT ?5, ?3, 0, p.id, p.telegram_id, 'private', 'pending', ?4, ?4 {recipients}
             ORDER BY m.id",
            recipients = super::posts::RECIPIENTS
        ))
        .bind(group)
        .bind(author)
        .bind(survey)
        .bind(&now_text)
        .bind(post)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ConfirmedSurvey::Sent {
            survey,
            recipients: queued.rows_affected() as i64,
            closes_at,
        })
    }

    /// Cancel under a preview: whether the draft was cancelled (false once sent).
    pub async fn cancel_survey(&self, key: &PostKey) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE surveys SET state = 'cancelled' WHERE idempotency_key = ? AND state = 'draft'",
        )
        .bind(key.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Closes an open survey; whether it was open. Pending deliveries of it are dropped by the
    /// worker when it comes to them.
    pub async fn close_survey(&self, survey: SurveyId, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE surveys SET state = 'closed', closed_at = ?1, closes_at = MIN(COALESCE(closes_at, ?1), ?1)
             WHERE id = ?2 AND state = 'open'",
        )
        .bind(ts(now))
        .bind(survey)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Closes every open survey whose close time has come; the ones closed.
    pub async fn close_due_surveys(&self, now: DateTime<Utc>) -> Result<Vec<SurveyId>> {
        Ok(sqlx::query_scalar(
            "UPDATE surveys SET state = 'closed', closed_at = ?1
             WHERE state = 'open' AND closes_at IS NOT NULL AND closes_at <= ?1
             RETURNING id",
        )
        .bind(ts(now))
        .fetch_all(&self.pool)
        .await?)
    }

    /// Queues a reminder for every participant of an open survey who has not finished it:
    /// the survey reached them (its delivery was sent) at least `delay` ago, their last
    /// reminder was at least `delay` ago, and they had fewer than `max` reminders. How many
    /// were queued.
    pub async fn queue_reminders(
        &self,
        now: DateTime<Utc>,
        delay: Duration,
        max: i64,
    ) -> Result<u64> {
        let due = ts(now - delay);
        let mut tx = self.write_tx().await?;
        let queued = sqlx::query(
            "INSERT INTO deliveries (post_id, survey_id, reminder, person_id, chat_id, chat_kind, state,
                                     next_attempt_at, created_at)
             SELECT s.post_id, s.id, sp.reminders + 1, p.id, p.telegram_id, 'private', 'pending', ?1, ?1
             FROM survey_participants sp
             JOIN surveys s ON s.id = sp.survey_id
             JOIN people p ON p.id = sp.person_id
             JOIN memberships m ON m.person_id = p.id AND m.group_id = s.group_id AND m.left_at IS NULL
             JOIN deliveries d ON d.survey_id = s.id AND d.person_id = p.id AND d.reminder = 0 AND d.state = 'sent'
             WHERE s.state = 'open' AND (s.closes_at IS NULL OR s.closes_at > ?1)
               AND sp.finished_at IS NULL AND sp.reminders < ?3
               -- The delay counts from when the last reminder was sent (a reminder held back
               -- by the quiet hours is not followed by the next one at once).
               AND COALESCE((SELECT MAX(r.sent_at) FROM deliveries r
                             WHERE r.survey_id = s.id AND r.person_id = p.id AND r.reminder > 0),
                            d.sent_at) <= ?2
               AND NOT EXISTS (SELECT 1 FROM deliveries r
                               WHERE r.survey_id = s.id AND r.person_id = p.id
                                 AND r.reminder > 0 AND r.state = 'pending')
               AND m.paused_at IS NULL AND p.paused_at IS NULL AND p.blocked_at IS NULL
             ON CONFLICT DO NOTHING",
        )
        .bind(ts(now))
        .bind(&due)
        .bind(max)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE survey_participants SET reminders = reminders + 1, reminded_at = ?1
             WHERE survey_id IN (SELECT id FROM surveys WHERE state = 'open')
               AND EXISTS (SELECT 1 FROM deliveries d
                           WHERE d.survey_id = survey_participants.survey_id
                             AND d.person_id = survey_participants.person_id
                             AND d.reminder = survey_participants.reminders + 1)",
        )
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(queued.rows_affected())
    }

    /// The anonymous surveys a person took part in (their answers there are found with the
    /// respondent key, e.g. to erase them).
    pub async fn anonymous_participations(
        &self,
        telegram_id: TelegramId,
    ) -> Result<Vec<(SurveyId, PersonId)>> {
        Ok(sqlx::query_as(
            "SELECT sp.survey_id, sp.person_id FROM survey_participants sp
             JOIN surveys s ON s.id = sp.survey_id JOIN people p ON p.id = sp.person_id
             WHERE p.telegram_id = ? AND s.anonymous = 1",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
