//! Surveys: a facilitator's questionnaire, first a draft shown in a preview, then — on Send —
//! open: one participant row and one pending outbox delivery (the first question) per
//! recipient, written in one transaction. Answers are upserted per respondent and question,
//! so a redelivered press never counts twice; a participant's position only moves forward
//! from the question it is at, so two quick presses send the next question once.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::{Result, Store, StoreError, parse_stored, parse_ts, ts};
use crate::domain::{GroupId, GroupSlug, PersonId, PostId, PostKey, SurveyId, TelegramId};
use crate::message::Markup;
use crate::survey::{QuestionKind, Respondent, SurveySpec};

/// One message the outbox sends for a survey, exactly as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyMessage {
    pub html: String,
    pub markup: Option<Markup>,
}

/// What the outbox sends for a survey in one language: the first question (with the survey's
/// introduction) and the reminder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRendering {
    pub first: SurveyMessage,
    pub reminder: SurveyMessage,
}

/// A survey's outbox messages in every language, stored in `surveys.rendered`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedSurvey {
    by_language: BTreeMap<String, SurveyRendering>,
}

impl RenderedSurvey {
    pub fn insert(&mut self, language: &str, rendering: SurveyRendering) {
        self.by_language.insert(language.to_owned(), rendering);
    }

    /// The rendering for a recipient's language: that language, its primary subtag, English,
    /// or any.
    pub fn for_language(&self, language: Option<&str>) -> Option<&SurveyRendering> {
        let wanted = language.map(str::to_ascii_lowercase);
        let primary = wanted
            .as_deref()
            .and_then(|w| w.split(['-', '_']).next())
            .map(str::to_owned);
        [wanted.as_deref(), primary.as_deref(), Some("en")]
            .into_iter()
            .flatten()
            .find_map(|code| self.by_language.get(code))
            .or_else(|| self.by_language.values().next())
    }

    fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.by_language).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str(json)
            .ok()
            .map(|by_language| Self { by_language })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyState {
    Draft,
    Open,
    Closed,
    Cancelled,
}

impl std::str::FromStr for SurveyState {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        match s {
            "draft" => Ok(SurveyState::Draft),
            "open" => Ok(SurveyState::Open),
            "closed" => Ok(SurveyState::Closed),
            "cancelled" => Ok(SurveyState::Cancelled),
            _ => Err(()),
        }
    }
}

/// A new survey draft.
#[derive(Debug, Clone)]
pub struct NewSurvey<'a> {
    pub group: GroupId,
    pub post: PostId,
    pub author: TelegramId,
    /// The (chat, message) of the command: a redelivered command makes no second draft.
    pub source: Option<(i64, i64)>,
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
    pub id: i64,
    pub position: u8,
    pub kind: QuestionKind,
    pub prompt: String,
}

/// Whether a person may answer a question now, and what they answer.
#[derive(Debug, Clone)]
pub enum Answerable {
    Yes {
        survey: Box<SurveyRef>,
        question: SurveyQuestion,
        person: PersonId,
        /// The question waiting for them (0 when they never started).
        at: i64,
    },
    /// No such survey or question (a forged or very old button).
    Unknown,
    /// The survey no longer takes answers.
    Closed(Box<SurveyRef>),
    /// The person is not (or no longer) a member of the survey's group.
    NotMember(Box<SurveyRef>),
}

/// Who answers which question (built once per press).
#[derive(Debug, Clone, Copy)]
pub struct Answering<'a> {
    pub survey: &'a SurveyRef,
    pub question: &'a SurveyQuestion,
    pub person: PersonId,
    pub respondent: &'a Respondent,
}

/// A stored answer's value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AnswerValue {
    /// Rating 1–5; yes 1 / no 0; choice and multi: a bit mask of options.
    pub value: Option<i64>,
    pub text: Option<String>,
}

/// What saving an answer did to the person's progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// They were at this question and move on to the next (`Some`) or are done (`None`).
    Advanced(Option<u8>),
    /// An earlier question changed (or a redelivered press): nothing more to ask.
    Stayed,
    /// The text message was taken as an answer before (Telegram delivered it again): nothing
    /// was stored.
    Repeated,
    /// The survey closed since the press was checked: nothing was stored.
    Closed,
}

/// One stored answer, as exports and tests read it. `respondent` is the person's name, or
/// `None` for an anonymous survey.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow, Serialize)]
pub struct AnswerLine {
    pub survey_id: SurveyId,
    pub survey_title: String,
    #[sqlx(rename = "group_slug")]
    #[serde(rename = "group")]
    pub group_slug: String,
    /// 1-based, as members see it.
    pub question: i64,
    pub kind: String,
    pub prompt: String,
    pub respondent: Option<String>,
    pub value: Option<i64>,
    pub text: Option<String>,
}

/// A question message whose buttons are to be removed (its survey closed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, sqlx::FromRow)]
pub struct StaleMessage {
    pub chat_id: i64,
    pub message_id: i64,
}

#[derive(sqlx::FromRow)]
struct SurveyRow {
    id: SurveyId,
    group_id: GroupId,
    slug: String,
    group_name: String,
    title: String,
    post_id: PostId,
    post_title: String,
    anonymous: bool,
    author: Option<TelegramId>,
    state: String,
    closes_at: Option<String>,
    questions: i64,
}

impl SurveyRow {
    fn into_ref(self) -> Result<SurveyRef> {
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
            state: parse_stored("survey state", &self.state)?,
            closes_at: self.closes_at.as_deref().map(parse_ts).transpose()?,
            questions: self.questions,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DraftSurveyRow {
    id: SurveyId,
    group_id: GroupId,
    post_id: PostId,
    state: String,
    closes_after_s: Option<i64>,
    closes_at: Option<String>,
    author_id: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AnswerableRow {
    #[sqlx(flatten)]
    survey: SurveyRow,
    /// The presser, when a current member of the survey's group.
    person: Option<PersonId>,
    /// The question waiting for them, when they take part.
    at: Option<i64>,
}

/// [`SURVEY_SELECT`] with the presser (`?2`, a Telegram id) as a current member of the group,
/// and the question they are at.
const SURVEY_SELECT_PRESSER: &str = "SELECT s.id, s.group_id, g.slug, g.name AS group_name, s.title, s.post_id,
            po.title AS post_title, s.anonymous, pe.telegram_id AS author, s.state, s.closes_at,
            (SELECT COUNT(*) FROM survey_questions q WHERE q.survey_id = s.id) AS questions,
            (SELECT p.id FROM people p
              JOIN memberships m ON m.person_id = p.id AND m.group_id = s.group_id AND m.left_at IS NULL
              WHERE p.telegram_id = ?2) AS person,
            (SELECT sp.position FROM survey_participants sp JOIN people p ON p.id = sp.person_id
              WHERE sp.survey_id = s.id AND p.telegram_id = ?2) AS at
     FROM surveys s
     JOIN working_groups g ON g.id = s.group_id
     JOIN posts po ON po.id = s.post_id
     LEFT JOIN people pe ON pe.id = s.author_id";

const SURVEY_SELECT: &str =
    "SELECT s.id, s.group_id, g.slug, g.name AS group_name, s.title, s.post_id,
            po.title AS post_title, s.anonymous, pe.telegram_id AS author, s.state, s.closes_at,
            (SELECT COUNT(*) FROM survey_questions q WHERE q.survey_id = s.id) AS questions
     FROM surveys s
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
        .bind(new.source.map(|s| s.0))
        .bind(new.source.map(|s| s.1))
        .bind(ts(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some(id) = id else {
            let (id, key): (SurveyId, String) = sqlx::query_as(
                "SELECT id, idempotency_key FROM surveys WHERE source_chat_id = ? AND source_message_id = ?",
            )
            .bind(new.source.map(|s| s.0))
            .bind(new.source.map(|s| s.1))
            .fetch_one(&mut *tx)
            .await?;
            let key = PostKey::parse(&key)
                .ok_or_else(|| StoreError::Corrupt(format!("survey key of {id}")))?;
            return Ok(SurveyDraft { id, key });
        };
        for (position, question) in new.spec.questions.iter().enumerate() {
            let question_id: i64 = sqlx::query_scalar(
                "INSERT INTO survey_questions (survey_id, position, kind, prompt) VALUES (?, ?, ?, ?) RETURNING id",
            )
            .bind(id)
            .bind(position as i64)
            .bind(question.kind.keyword())
            .bind(&question.prompt)
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

    /// Stores what the outbox sends for a draft (rendered once its id is known).
    pub async fn set_survey_rendering(
        &self,
        survey: SurveyId,
        rendered: &RenderedSurvey,
    ) -> Result<()> {
        sqlx::query("UPDATE surveys SET rendered = ? WHERE id = ? AND state = 'draft'")
            .bind(rendered.to_json()?)
            .bind(survey)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The latest message in a chat that asked question `position` of a survey.
    pub async fn question_message(
        &self,
        chat_id: i64,
        survey: SurveyId,
        position: i64,
    ) -> Result<Option<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(message_id) FROM survey_messages WHERE chat_id = ? AND survey_id = ? AND position = ?",
        )
        .bind(chat_id)
        .bind(survey)
        .bind(position)
        .fetch_one(&self.pool)
        .await?)
    }

    pub async fn survey_by_key(&self, key: &PostKey) -> Result<Option<SurveyRef>> {
        let row: Option<SurveyRow> =
            sqlx::query_as(&format!("{SURVEY_SELECT} WHERE s.idempotency_key = ?"))
                .bind(key.as_str())
                .fetch_optional(&self.pool)
                .await?;
        row.map(SurveyRow::into_ref).transpose()
    }

    pub async fn survey(&self, id: SurveyId) -> Result<Option<SurveyRef>> {
        let row: Option<SurveyRow> = sqlx::query_as(&format!("{SURVEY_SELECT} WHERE s.id = ?"))
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
        let rows: Vec<(i64, i64, String, String, String)> = sqlx::query_as(
            "SELECT q.id, q.position, q.kind, q.prompt,
                    (SELECT json_group_array(label) FROM
                        (SELECT label FROM survey_options o WHERE o.question_id = q.id ORDER BY o.position))
             FROM survey_questions q WHERE q.survey_id = ? ORDER BY q.position",
        )
        .bind(survey)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, position, kind, prompt, options)| {
                let options: Vec<String> = serde_json::from_str(&options)
                    .map_err(|e| StoreError::Corrupt(format!("options of question {id}: {e}")))?;
                Ok(SurveyQuestion {
                    id,
                    position: u8::try_from(position)
                        .map_err(|_| StoreError::Corrupt(format!("position of question {id}")))?,
                    kind: QuestionKind::from_stored(&kind, options)
                        .ok_or_else(|| StoreError::Corrupt(format!("question kind {kind:?}")))?,
                    prompt,
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
        match parse_stored::<SurveyState>("survey state", &state)? {
            SurveyState::Draft => {}
            SurveyState::Cancelled => return Ok(ConfirmedSurvey::Cancelled),
            SurveyState::Open | SurveyState::Closed => return Ok(ConfirmedSurvey::AlreadySent),
        }
        let closes_at = match (closes_at, closes_after) {
            (Some(at), _) => Some(parse_ts(&at)?),
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

    /// The rendered outbox messages of a survey.
    pub async fn survey_rendering(&self, survey: SurveyId) -> Result<RenderedSurvey> {
        let rendered: String = sqlx::query_scalar("SELECT rendered FROM surveys WHERE id = ?")
            .bind(survey)
            .fetch_one(&self.pool)
            .await?;
        RenderedSurvey::from_json(&rendered)
            .ok_or_else(|| StoreError::Corrupt(format!("rendered survey {survey}")))
    }

    /// Whether the person with `telegram_id` may answer question `position` of `survey` at
    /// `now`: the survey exists and is open, the question belongs to it, and they are a
    /// current member of its group.
    pub async fn answerable(
        &self,
        survey: SurveyId,
        position: u8,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<Answerable> {
        // The survey, and whether (and how far) the presser takes part, in one query.
        let row: Option<AnswerableRow> =
            sqlx::query_as(&format!("{SURVEY_SELECT_PRESSER} WHERE s.id = ?1"))
                .bind(survey)
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(AnswerableRow {
            survey: found,
            person,
            at,
        }) = row
        else {
            return Ok(Answerable::Unknown);
        };
        let found = found.into_ref()?;
        if found.state == SurveyState::Draft || found.state == SurveyState::Cancelled {
            return Ok(Answerable::Unknown);
        }
        let Some(question) = self
            .survey_questions(survey)
            .await?
            .into_iter()
            .find(|q| q.position == position)
        else {
            return Ok(Answerable::Unknown);
        };
        if !found.is_open(now) {
            return Ok(Answerable::Closed(Box::new(found)));
        }
        Ok(match person {
            None => Answerable::NotMember(Box::new(found)),
            Some(person) => Answerable::Yes {
                survey: Box::new(found),
                question,
                person,
                at: at.unwrap_or(0),
            },
        })
    }

    /// A respondent's stored answer to a question.
    pub async fn answer(
        &self,
        question: i64,
        respondent: &Respondent,
    ) -> Result<Option<AnswerValue>> {
        let row: Option<(Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT value, text FROM answers WHERE question_id = ? AND respondent = ?",
        )
        .bind(question)
        .bind(respondent.as_str())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(value, text)| AnswerValue { value, text }))
    }

    /// Stores (or replaces) an answer and, when the person was at this question and
    /// `advance`, moves them on — atomically, in a batch with the other answers arriving at
    /// the same time ([`super::answer_writer`]). The person is stored with the answer only for
    /// named surveys.
    pub async fn save_answer(
        &self,
        who: &Answering<'_>,
        answer: &AnswerValue,
        advance: bool,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        self.save_answer_from(who, answer, advance, None, now).await
    }

    /// [`Store::save_answer`] for an answer a text message carried (`(chat, message id)`): a
    /// message already taken as an answer is not taken again ([`Progress::Repeated`]).
    pub async fn save_answer_from(
        &self,
        who: &Answering<'_>,
        answer: &AnswerValue,
        advance: bool,
        message: Option<(i64, i64)>,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        let Answering {
            survey,
            question,
            person,
            respondent,
        } = *who;
        let write = super::answer_writer::AnswerWrite {
            survey: survey.id,
            questions: survey.questions,
            anonymous: survey.anonymous,
            question_id: question.id,
            position: question.position,
            person,
            respondent: respondent.as_str().to_owned(),
            value: answer.value,
            text: answer.text.clone(),
            advance,
            message,
            now,
        };
        self.through_writer(|reply| super::answer_writer::Job::Answer(write, reply))
            .await
    }

    /// Hands a write to the answer writer and waits for its outcome.
    async fn through_writer<T>(
        &self,
        job: impl FnOnce(tokio::sync::oneshot::Sender<Result<T>>) -> super::answer_writer::Job,
    ) -> Result<T> {
        let stopped = || StoreError::BatchFailed("the answer writer has stopped".into());
        let (reply, outcome) = tokio::sync::oneshot::channel();
        self.answers.send(job(reply)).map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }

    /// Sets one option of a multi question on or off; the resulting mask. Setting, not
    /// toggling: a redelivered press changes nothing.
    pub async fn set_option(
        &self,
        who: &Answering<'_>,
        option: u8,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let Answering {
            survey,
            question,
            person,
            respondent,
        } = *who;
        let bit = 1i64 << option;
        let mut tx = self.write_tx().await?;
        let mask: i64 = sqlx::query_scalar(
            "INSERT INTO answers (question_id, respondent, person_id, value, answered_at)
             VALUES (?1, ?2, ?3, CASE WHEN ?5 THEN ?4 ELSE 0 END, ?6)
             ON CONFLICT (question_id, respondent) DO UPDATE SET
                 value = CASE WHEN ?5 THEN COALESCE(value, 0) | ?4 ELSE COALESCE(value, 0) & ~?4 END,
                 answered_at = excluded.answered_at
             RETURNING value",
        )
        .bind(question.id)
        .bind(respondent.as_str())
        .bind((!survey.anonymous).then_some(person))
        .bind(bit)
        .bind(on)
        .bind((!survey.anonymous).then(|| ts(now)))
        .fetch_one(&mut *tx)
        .await?;
        touch_participant(&mut tx, survey.id, person, now).await?;
        tx.commit().await?;
        Ok(mask)
    }

    /// Moves a person on from question `from` (a multi question's Done).
    pub async fn advance(
        &self,
        survey: &SurveyRef,
        from: u8,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        let mut tx = self.write_tx().await?;
        let progress = advance_in(&mut tx, survey, from, person, now).await?;
        tx.commit().await?;
        Ok(progress)
    }

    /// Records a question message sent to a person: a reply to it answers it, its buttons go
    /// when the survey closes, and the latest one asking a text question is the one waiting.
    pub async fn record_question_sent(
        &self,
        survey: SurveyId,
        position: i64,
        chat_id: i64,
        message_id: i64,
    ) -> Result<()> {
        let sent = super::answer_writer::QuestionSent {
            survey,
            position,
            chat_id,
            message_id,
        };
        self.through_writer(|reply| super::answer_writer::Job::QuestionSent(sent, reply))
            .await
    }

    /// Whether this message was taken as an answer to a text question (Telegram may deliver
    /// it again).
    pub async fn was_answer_message(&self, chat_id: i64, message_id: i64) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM answer_messages WHERE chat_id = ? AND message_id = ?)",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The survey question a bot message in a chat asks, if it is one (position −1: a
    /// reminder).
    pub async fn survey_message(
        &self,
        chat_id: i64,
        message_id: i64,
    ) -> Result<Option<(SurveyId, i64)>> {
        Ok(sqlx::query_as(
            "SELECT survey_id, position FROM survey_messages WHERE chat_id = ? AND message_id = ?",
        )
        .bind(chat_id)
        .bind(message_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The text question waiting for this person's answer, if any: of their open surveys whose
    /// current question is a text question that was sent to them, the one asked last.
    pub async fn waiting_text_question(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<Option<(SurveyId, u8)>> {
        let row: Option<(SurveyId, i64)> = sqlx::query_as(
            "SELECT sp.survey_id, sp.position FROM survey_participants sp
             JOIN people p ON p.id = sp.person_id
             JOIN surveys s ON s.id = sp.survey_id
             JOIN survey_questions q ON q.survey_id = sp.survey_id AND q.position = sp.position
             JOIN survey_messages sm ON sm.chat_id = p.telegram_id AND sm.survey_id = sp.survey_id
                                    AND sm.position = sp.position
             WHERE p.telegram_id = ? AND s.state = 'open' AND (s.closes_at IS NULL OR s.closes_at > ?)
               AND q.kind = 'text'
             ORDER BY sm.message_id DESC LIMIT 1",
        )
        .bind(telegram_id)
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(survey, position)| Some((survey, u8::try_from(position).ok()?))))
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

    /// Question messages of closed surveys whose buttons are still to be removed.
    pub async fn stale_survey_messages(&self, limit: i64) -> Result<Vec<StaleMessage>> {
        Ok(sqlx::query_as(
            "SELECT sm.chat_id, sm.message_id FROM survey_messages sm
             JOIN surveys s ON s.id = sm.survey_id
             WHERE sm.cleared = 0 AND s.state = 'closed'
             ORDER BY sm.survey_id, sm.message_id LIMIT ?",
        )
        .bind(limit)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The buttons of this message were removed (or cannot be).
    pub async fn mark_survey_message_cleared(&self, message: StaleMessage) -> Result<()> {
        sqlx::query("UPDATE survey_messages SET cleared = 1 WHERE chat_id = ? AND message_id = ?")
            .bind(message.chat_id)
            .bind(message.message_id)
            .execute(&self.pool)
            .await?;
        Ok(())
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

    /// Every answer to a survey, by question then respondent. Anonymous answers come without
    /// a name (the stored respondent key leads to no one).
    pub async fn survey_answers(&self, survey: SurveyId) -> Result<Vec<AnswerLine>> {
        Ok(sqlx::query_as(
            "SELECT s.id AS survey_id, s.title AS survey_title, g.slug AS group_slug,
                    q.position + 1 AS question, q.kind, q.prompt,
                    CASE WHEN s.anonymous THEN NULL ELSE pe.display_name END AS respondent,
                    a.value, a.text
             FROM answers a
             JOIN survey_questions q ON q.id = a.question_id
             JOIN surveys s ON s.id = q.survey_id
             JOIN working_groups g ON g.id = s.group_id
             LEFT JOIN people pe ON pe.id = a.person_id
             WHERE s.id = ?
             ORDER BY q.position, pe.display_name, a.respondent",
        )
        .bind(survey)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Counts for tests and metrics: answers to a survey, and how many of them link a person.
    pub async fn survey_answer_counts(&self, survey: SurveyId) -> Result<(i64, i64)> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*), COUNT(a.person_id) FROM answers a
             JOIN survey_questions q ON q.id = a.question_id WHERE q.survey_id = ?",
        )
        .bind(survey)
        .fetch_one(&self.pool)
        .await?)
    }
}

/// Records that a person answered now (creating their participant row if they answer from a
/// message that was not sent to them, e.g. after joining late).
async fn touch_participant(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    survey: SurveyId,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO survey_participants (survey_id, person_id, invited_at, last_answered_at)
         VALUES (?1, ?2, ?3, ?3)
         ON CONFLICT (survey_id, person_id) DO UPDATE SET last_answered_at = excluded.last_answered_at",
    )
    .bind(survey)
    .bind(person)
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Moves a person from question `from` to the next (finished after the last), only if they
/// were at `from`: a second press on the same question, or one on an earlier question, does
/// not move them.
async fn advance_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    survey: &SurveyRef,
    from: u8,
    person: PersonId,
    now: DateTime<Utc>,
) -> Result<Progress> {
    let next = i64::from(from) + 1;
    let finished = next >= survey.questions;
    // The participant row exists: every answer touches it first ([`touch_participant`]).
    let moved = sqlx::query(
        "UPDATE survey_participants SET position = ?,
             finished_at = CASE WHEN ? THEN ? ELSE finished_at END
         WHERE survey_id = ? AND person_id = ? AND position = ?",
    )
    .bind(next)
    .bind(finished)
    .bind(ts(now))
    .bind(survey.id)
    .bind(person)
    .bind(i64::from(from))
    .execute(&mut **tx)
    .await?;
    Ok(if moved.rows_affected() == 0 {
        Progress::Stayed
    } else if finished {
        Progress::Advanced(None)
    } else {
        Progress::Advanced(u8::try_from(next).ok())
    })
}
