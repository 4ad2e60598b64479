//! Answers to surveys and the messages that ask and answer them: whether a press may be
//! answered, answers upserted per respondent and question (so a redelivered press never counts
//! twice), a participant's position only moving forward from the question they are at (so two
//! quick presses send the next question once), the question and reminder messages sent
//! (`survey_messages`) and the text messages taken as answers (`answer_messages`).
//!
//! Answers and question messages are written in batches by [`writer`]; values go in and out
//! as [`Answer`]s, whose stored encoding is [`crate::survey`]'s.

pub(super) mod writer;

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::surveys::{SURVEY_COLUMNS, SURVEY_FROM, SurveyRef, SurveyRow, SurveyState};
use super::{Result, Store, StoreError, SurveyQuestion, ts};
use crate::domain::{ChatMessage, MessageId, PersonId, SurveyId, TelegramId};
use crate::survey::{Answer, OptionSet, QuestionTag, Respondent};

/// Whether a person may answer a question now, and what they answer.
#[derive(Debug, Clone)]
pub enum Answerable {
    Yes {
        survey: Box<SurveyRef>,
        question: SurveyQuestion,
        person: PersonId,
        /// The question waiting for them (0 when they never started; the number of questions
        /// once they finished).
        at: u8,
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

/// What a survey's message in a person's chat is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurveyMessageKind {
    /// It asks the question at this position (0-based).
    Question(u8),
    /// A reminder (its Continue button asks the question they are at).
    Reminder,
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
    pub kind: QuestionTag,
    pub prompt: String,
    pub respondent: Option<String>,
    /// As stored ([`Answer`]'s encoding); [`AnswerLine::answer`] reads it.
    pub value: Option<i64>,
    pub text: Option<String>,
}

impl AnswerLine {
    /// The answer this line holds; `None` when the stored values cannot be one.
    pub fn answer(&self) -> Option<Answer> {
        Answer::from_stored(self.kind, self.value, self.text.clone())
    }
}

/// The position a reminder is stored with in `survey_messages` (questions have theirs, 0 up).
pub(super) const REMINDER_POSITION: i64 = -1;

#[derive(sqlx::FromRow)]
struct AnswerableRow {
    #[sqlx(flatten)]
    survey: SurveyRow,
    /// The presser, when a current member of the survey's group.
    person: Option<PersonId>,
    /// The question waiting for them, when they take part.
    at: Option<i64>,
}

/// The columns of [`AnswerableRow`] beyond the survey's: the presser (`?2`, a Telegram id) as
/// a current member of the group, and the question they are at.
const PRESSER_COLUMNS: &str = "(SELECT p.id FROM people p
              JOIN memberships m ON m.person_id = p.id AND m.group_id = s.group_id AND m.left_at IS NULL
              WHERE p.telegram_id = ?2) AS person,
            (SELECT sp.position FROM survey_participants sp JOIN people p ON p.id = sp.person_id
              WHERE sp.survey_id = s.id AND p.telegram_id = ?2) AS at";

impl Store {
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
        let row: Option<AnswerableRow> = sqlx::query_as(&format!(
            "SELECT {SURVEY_COLUMNS}, {PRESSER_COLUMNS} {SURVEY_FROM} WHERE s.id = ?1"
        ))
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
        // Someone who is not a member, and was never sent the survey, learns nothing of it —
        // not its group, not whether it is open (issue #20): as if it did not exist.
        if person.is_none() && at.is_none() {
            return Ok(Answerable::Unknown);
        }
        let at = u8::try_from(at.unwrap_or(0))
            .map_err(|_| StoreError::Corrupt(format!("position in survey {survey}")))?;
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
                at,
            },
        })
    }

    /// A respondent's stored answer to a question.
    pub async fn answer(
        &self,
        question: &SurveyQuestion,
        respondent: &Respondent,
    ) -> Result<Option<Answer>> {
        let row: Option<(Option<i64>, Option<String>)> = sqlx::query_as(
            "SELECT value, text FROM answers WHERE question_id = ? AND respondent = ?",
        )
        .bind(question.id)
        .bind(respondent.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(value, text)| {
            Answer::from_stored(question.kind.tag(), value, text).ok_or_else(|| {
                StoreError::Corrupt(format!("an answer to question {}", question.id))
            })
        })
        .transpose()
    }

    /// Stores (or replaces) an answer and, when the person was at this question, moves them
    /// on — atomically, in a batch with the other answers arriving at the same time
    /// ([`writer`]). The person is stored with the answer only for named surveys.
    pub async fn save_answer(
        &self,
        who: &Answering<'_>,
        answer: &Answer,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        self.write_answer(who, answer, None, now).await
    }

    /// [`Store::save_answer`] for an answer a text message carried: a message already taken
    /// as an answer is not taken again ([`Progress::Repeated`]).
    pub async fn save_answer_from(
        &self,
        who: &Answering<'_>,
        answer: &Answer,
        message: ChatMessage,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        self.write_answer(who, answer, Some(message), now).await
    }

    async fn write_answer(
        &self,
        who: &Answering<'_>,
        answer: &Answer,
        message: Option<ChatMessage>,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        let Answering {
            survey,
            question,
            person,
            respondent,
        } = *who;
        let (value, text) = answer.to_stored();
        let write = writer::AnswerWrite {
            survey: survey.id,
            questions: survey.questions,
            anonymous: survey.anonymous,
            question_id: question.id,
            position: question.position,
            person,
            respondent: respondent.as_str().to_owned(),
            value,
            text,
            message,
            now,
        };
        self.through_writer(|reply| writer::Job::Answer(write, reply))
            .await
    }

    /// Hands a write to the answer writer and waits for its outcome.
    async fn through_writer<T>(
        &self,
        job: impl FnOnce(tokio::sync::oneshot::Sender<Result<T>>) -> writer::Job,
    ) -> Result<T> {
        let stopped = || StoreError::BatchFailed("the answer writer has stopped".into());
        let (reply, outcome) = tokio::sync::oneshot::channel();
        self.answers.send(job(reply)).map_err(|_| stopped())?;
        outcome.await.map_err(|_| stopped())?
    }

    /// Ticks one option of a multi question on or off; the options ticked now, or `None` when
    /// the survey closed since the press was checked (nothing is stored). Setting, not
    /// toggling: a redelivered press changes nothing.
    pub async fn set_option(
        &self,
        who: &Answering<'_>,
        option: u8,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<OptionSet>> {
        let (survey, question, person) = (who.survey, who.question, who.person);
        let mut tx = self.write_tx().await?;
        if !writer::is_open(&mut tx, survey.id, now).await? {
            return Ok(None);
        }
        if survey.anonymous {
            writer::release_held(&mut tx, now).await?;
        }
        let mask: i64 = sqlx::query_scalar(
            &"INSERT INTO answers (question_id, respondent, person_id, value, answered_at, held_until)
             VALUES (?1, ?2, ?3, CASE WHEN ?5 THEN ?4 ELSE 0 END, ?6, ?7)
             ON CONFLICT (question_id, respondent) DO UPDATE SET {KEEP_SHOWN}
                 value = CASE WHEN ?5 THEN COALESCE(value, 0) | ?4 ELSE COALESCE(value, 0) & ~?4 END,
                 answered_at = excluded.answered_at, held_until = excluded.held_until
             RETURNING value"
                .replace("{KEEP_SHOWN}", writer::KEEP_SHOWN),
        )
        .bind(question.id)
        .bind(who.respondent.as_str())
        .bind((!survey.anonymous).then_some(person))
        .bind(OptionSet::bit(option))
        .bind(on)
        .bind((!survey.anonymous).then(|| ts(now)))
        .bind(survey.anonymous.then(|| writer::held_until(now)))
        .fetch_one(&mut *tx)
        .await?;
        writer::touch_participant(&mut tx, survey.id, person, survey.anonymous, now).await?;
        tx.commit().await?;
        OptionSet::from_mask(mask)
            .map(Some)
            .ok_or_else(|| StoreError::Corrupt(format!("options of question {}", question.id)))
    }

    /// Moves a person on from question `from` (a multi question's Done), only if they were at
    /// `from`: a second press, or one on an earlier question, does not move them; nobody
    /// once the survey closed ([`Progress::Closed`]).
    pub async fn advance(
        &self,
        survey: &SurveyRef,
        from: u8,
        person: PersonId,
        now: DateTime<Utc>,
    ) -> Result<Progress> {
        let mut tx = self.write_tx().await?;
        if !writer::is_open(&mut tx, survey.id, now).await? {
            return Ok(Progress::Closed);
        }
        // The participant row exists: every tick touched it first.
        let step = writer::Step {
            anonymous: survey.anonymous,
            survey: survey.id,
            questions: survey.questions,
            from,
            person,
            answered: false,
        };
        let progress = writer::advance(&mut tx, &step, now)
            .await?
            .unwrap_or(Progress::Stayed);
        tx.commit().await?;
        Ok(progress)
    }

    /// Forgets the hour of anonymous answers whose hour has passed, and deletes what was still
    /// shown of answers erased within it (then the log is checkpointed, as after `/forget`).
    /// The survey keeper calls it each minute; answering releases too.
    pub async fn release_held_answers(&self, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write_tx().await?;
        writer::release_held(&mut tx, now).await?;
        let dropped = writer::drop_erased(&mut tx, now).await?;
        tx.commit().await?;
        if dropped > 0 {
            self.checkpoint().await?;
        }
        Ok(())
    }

    /// Records a question message sent to a person: a reply to it answers it, its buttons go
    /// when the survey closes, and the latest one asking a text question is the one waiting.
    pub async fn record_question_sent(
        &self,
        survey: SurveyId,
        position: u8,
        message: ChatMessage,
    ) -> Result<()> {
        let sent = writer::QuestionSent {
            survey,
            position,
            message,
        };
        self.through_writer(|reply| writer::Job::QuestionSent(sent, reply))
            .await
    }

    /// The latest message in a chat that asked question `position` of a survey.
    pub async fn question_message(
        &self,
        chat: TelegramId,
        survey: SurveyId,
        position: u8,
    ) -> Result<Option<MessageId>> {
        Ok(sqlx::query_scalar(
            "SELECT MAX(message_id) FROM survey_messages WHERE chat_id = ? AND survey_id = ? AND position = ?",
        )
        .bind(chat)
        .bind(survey)
        .bind(i64::from(position))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Whether this message was taken as an answer to a text question (Telegram may deliver
    /// it again).
    pub async fn was_answer_message(&self, message: ChatMessage) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM answer_messages WHERE chat_id = ? AND message_id = ?)",
        )
        .bind(message.chat)
        .bind(message.message)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The survey a bot message in a chat belongs to, and what it is, if it is one.
    pub async fn survey_message(
        &self,
        message: ChatMessage,
    ) -> Result<Option<(SurveyId, SurveyMessageKind)>> {
        let row: Option<(SurveyId, i64)> = sqlx::query_as(
            "SELECT survey_id, position FROM survey_messages WHERE chat_id = ? AND message_id = ?",
        )
        .bind(message.chat)
        .bind(message.message)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|(survey, position)| {
            let kind = match position {
                REMINDER_POSITION => SurveyMessageKind::Reminder,
                p => SurveyMessageKind::Question(
                    u8::try_from(p)
                        .map_err(|_| StoreError::Corrupt(format!("survey message position {p}")))?,
                ),
            };
            Ok((survey, kind))
        })
        .transpose()
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
               AND q.kind = ?
             ORDER BY sm.message_id DESC LIMIT 1",
        )
        .bind(telegram_id)
        .bind(ts(now))
        .bind(QuestionTag::Text)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|(survey, position)| Some((survey, u8::try_from(position).ok()?))))
    }

    /// Question messages of closed surveys whose buttons are still to be removed.
    pub async fn stale_survey_messages(&self, limit: i64) -> Result<Vec<ChatMessage>> {
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
    pub async fn mark_survey_message_cleared(&self, message: ChatMessage) -> Result<()> {
        sqlx::query("UPDATE survey_messages SET cleared = 1 WHERE chat_id = ? AND message_id = ?")
            .bind(message.chat)
            .bind(message.message)
            .execute(&self.pool)
            .await?;
        Ok(())
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
             WHERE s.id = ? AND a.erased = 0
             ORDER BY q.position, pe.display_name, a.respondent",
        )
        .bind(survey)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Counts for tests and metrics: answers to a survey, and how many of them link a person.
    /// An answer erased by `/forget` is no one's: not counted, even while the version shown
    /// before waits for its hour to end.
    pub async fn survey_answer_counts(&self, survey: SurveyId) -> Result<(i64, i64)> {
        Ok(sqlx::query_as(
            "SELECT COUNT(*), COUNT(a.person_id) FROM answers a
             JOIN survey_questions q ON q.id = a.question_id WHERE q.survey_id = ? AND a.erased = 0",
        )
        .bind(survey)
        .fetch_one(&self.pool)
        .await?)
    }
}
