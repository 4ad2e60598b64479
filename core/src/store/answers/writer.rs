//! Group commit for survey answers: when many members press buttons at once, their answers
//! (and the question messages sent in reply) are written by one task, in one transaction per
//! batch, instead of one transaction each.
//!
//! SQLite has one writer at a time, and every statement is a round trip to the connection's
//! thread; a transaction adds three more (BEGIN, COMMIT, and the pool's check when the
//! connection comes back). Batching shares those between everyone waiting, so a burst of
//! presses is written about twice as fast, while a lone press is written at once (a batch is
//! whatever is waiting when the writer comes round: nobody waits for others to arrive).
//!
//! The statements run in order, so two presses of one person within a batch see each other
//! exactly as they would one after the other: the second one finds the first's answer and
//! progress, and does not move the person on twice.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use chrono::{DateTime, Utc};
use sqlx::SqlitePool;
use tokio::sync::{mpsc, oneshot};

use super::Progress;
use crate::domain::{ChatMessage, PersonId, QuestionId, SurveyId};
use crate::store::{Result, ts};

/// Most writes in one transaction.
const MAX_BATCH: usize = 128;

/// An answer to store, and the progress it makes.
#[derive(Debug)]
pub(in crate::store) struct AnswerWrite {
    pub survey: SurveyId,
    /// How many questions the survey has (the last one finishes it).
    pub questions: i64,
    pub anonymous: bool,
    pub question_id: QuestionId,
    pub position: u8,
    pub person: PersonId,
    pub respondent: String,
    pub value: Option<i64>,
    pub text: Option<String>,
    /// The text message that carried it: taken once only.
    pub message: Option<ChatMessage>,
    pub now: DateTime<Utc>,
}

/// A question message that was sent.
#[derive(Debug)]
pub(in crate::store) struct QuestionSent {
    pub survey: SurveyId,
    pub position: u8,
    pub message: ChatMessage,
}

#[derive(Debug)]
pub(in crate::store) enum Job {
    Answer(AnswerWrite, oneshot::Sender<Result<Progress>>),
    QuestionSent(QuestionSent, oneshot::Sender<Result<()>>),
}

/// Starts the writer task on `writer` (a pool of one connection); it ends when every sender
/// is gone.
pub(in crate::store) fn spawn(writer: SqlitePool) -> mpsc::UnboundedSender<Job> {
    let (jobs, mut queue) = mpsc::unbounded_channel::<Job>();
    tokio::spawn(async move {
        let mut batch = Vec::with_capacity(MAX_BATCH);
        while let Some(first) = queue.recv().await {
            batch.push(first);
            while batch.len() < MAX_BATCH {
                match queue.try_recv() {
                    Ok(job) => batch.push(job),
                    Err(_) => break,
                }
            }
            metrics::histogram!("coloop_answer_batch_size").record(batch.len() as f64);
            match write(&writer, &batch).await {
                Ok(progress) => {
                    for (job, progress) in batch.drain(..).zip(progress) {
                        reply(job, Ok(progress));
                    }
                }
                Err(error) if batch.len() > 1 => {
                    // One write failed, so the transaction did: write each on its own, so
                    // that only the failing one fails.
                    tracing::warn!(error = %crate::error_chain(&error), writes = batch.len(), "a batch of survey answers failed; writing them one by one");
                    for job in batch.drain(..) {
                        let result = write(&writer, std::slice::from_ref(&job)).await;
                        reply(job, result.map(|mut p| p.pop().flatten()));
                    }
                }
                Err(error) => {
                    // A batch of one: its caller hears why.
                    if let Some(job) = batch.pop() {
                        reply(job, Err(error));
                    }
                }
            }
        }
    });
    jobs
}

/// Answers a job with what writing it did.
fn reply(job: Job, result: Result<Option<Progress>>) {
    match job {
        Job::Answer(_, reply) => {
            let _ = reply.send(result.map(|p| p.unwrap_or(Progress::Stayed)));
        }
        Job::QuestionSent(_, reply) => {
            let _ = reply.send(result.map(|_| ()));
        }
    }
}

/// Writes a batch in one transaction; each answer's progress, in order.
///
/// Every statement is a round trip to the connection's thread, so what the batch's writes
/// share is read or written once: each survey's state (no write in the batch changes it), the
/// release of anonymous answers (once per hour the batch's presses fall in), and the question
/// messages sent (one statement for all of them; no write in the batch reads them).
async fn write(writer: &SqlitePool, batch: &[Job]) -> Result<Vec<Option<Progress>>> {
    let mut tx = crate::store::begin_immediate(writer).await?;
    let mut shared = Shared::default();
    let mut progress = Vec::with_capacity(batch.len());
    for job in batch {
        match job {
            Job::Answer(a, _) => progress.push(Some(answer(&mut tx, &mut shared, a).await?)),
            Job::QuestionSent(..) => progress.push(None),
        }
    }
    record_questions_sent(&mut tx, batch).await?;
    tx.commit().await?;
    Ok(progress)
}

/// What the writes of one batch read once and share.
#[derive(Default)]
struct Shared {
    /// Each survey's state and close time, as read in this transaction (`None`: no such
    /// survey).
    surveys: HashMap<SurveyId, Option<SurveyOpen>>,
    /// The hour (counted from the Unix epoch) whose held answers were last released.
    released: Option<i64>,
}

/// A survey's state, as far as taking answers goes.
#[derive(sqlx::FromRow)]
struct SurveyOpen {
    open: bool,
    closes_at: Option<String>,
}

impl Shared {
    /// Whether `survey` takes answers at `now`, read once per batch (no write in it changes a
    /// survey's state).
    async fn is_open(
        &mut self,
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        survey: SurveyId,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let found = match self.surveys.entry(survey) {
            Entry::Occupied(found) => found.into_mut(),
            Entry::Vacant(place) => place.insert(
                sqlx::query_as(
                    "SELECT state = 'open' AS open, closes_at FROM surveys WHERE id = ?",
                )
                .bind(survey)
                .fetch_optional(&mut **tx)
                .await?,
            ),
        };
        Ok(found.as_ref().is_some_and(|s| {
            s.open
                && s.closes_at
                    .as_deref()
                    .is_none_or(|at| at > ts(now).as_str())
        }))
    }

    /// Releases the anonymous answers whose hour has passed, once per hour of the batch's
    /// presses: within one hour `held_until <= now` picks the same rows whatever the minute
    /// (held times are whole hours), and what the batch writes meanwhile is held until later.
    async fn release_held(
        &mut self,
        tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let hour = now.timestamp().div_euclid(3600);
        if self.released != Some(hour) {
            release_held(tx, now).await?;
            self.released = Some(hour);
        }
        Ok(())
    }
}

/// Records the question messages sent in a batch, in one statement.
async fn record_questions_sent(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    batch: &[Job],
) -> Result<()> {
    let mut sent = Vec::new();
    for job in batch {
        if let Job::QuestionSent(q, _) = job {
            sent.push(q);
        }
    }
    if sent.is_empty() {
        return Ok(());
    }
    let mut insert = sqlx::QueryBuilder::<sqlx::Sqlite>::new(
        "INSERT INTO survey_messages (chat_id, message_id, survey_id, position) ",
    );
    insert.push_values(sent, |mut row, q| {
        row.push_bind(q.message.chat)
            .push_bind(q.message.message)
            .push_bind(q.survey)
            .push_bind(i64::from(q.position));
    });
    insert.push(" ON CONFLICT DO NOTHING");
    insert.build().execute(&mut **tx).await?;
    Ok(())
}

/// Stores an answer (replacing an earlier one) and moves the person on when they were at this
/// question: one statement for the answer, usually one for the progress.
async fn answer(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    shared: &mut Shared,
    a: &AnswerWrite,
) -> Result<Progress> {
    // Closed since the press was checked (a close, or its close time, in between).
    if !shared.is_open(tx, a.survey, a.now).await? {
        return Ok(Progress::Closed);
    }
    if a.anonymous {
        shared.release_held(tx, a.now).await?;
    }
    if let Some(message) = a.message {
        let first = sqlx::query(
            "INSERT INTO answer_messages (chat_id, message_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        )
        .bind(message.chat)
        .bind(message.message)
        .execute(&mut **tx)
        .await?;
        if first.rows_affected() == 0 {
            return Ok(Progress::Repeated);
        }
    }
    sqlx::query(
        &"INSERT INTO answers (question_id, respondent, person_id, value, text, answered_at, held_until)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (question_id, respondent) DO UPDATE SET {KEEP_SHOWN}
             value = excluded.value, text = excluded.text, answered_at = excluded.answered_at,
             held_until = excluded.held_until"
        .replace("{KEEP_SHOWN}", KEEP_SHOWN),
    )
    .bind(a.question_id)
    .bind(&a.respondent)
    .bind((!a.anonymous).then_some(a.person))
    .bind(a.value)
    .bind(&a.text)
    .bind((!a.anonymous).then(|| ts(a.now)))
    .bind(a.anonymous.then(|| held_until(a.now)))
    .execute(&mut **tx)
    .await?;
    let step = Step {
        anonymous: a.anonymous,
        survey: a.survey,
        questions: a.questions,
        from: a.position,
        person: a.person,
        answered: true,
    };
    if let Some(progress) = advance(tx, &step, a.now).await? {
        return Ok(progress);
    }
    // Not at this question (an earlier one changed, a press repeated), or no participant row
    // yet (a member who joined after Send): record that they answered, then try again.
    touch_participant(tx, a.survey, a.person, a.anonymous, a.now).await?;
    Ok(advance(tx, &step, a.now).await?.unwrap_or(Progress::Stayed))
}

/// Whether the survey takes answers at `now` — checked again inside the writing transaction,
/// as a close (or its close time) may come between a press's check and its write.
pub(super) async fn is_open(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    survey: SurveyId,
    now: DateTime<Utc>,
) -> Result<bool> {
    Ok(sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM surveys WHERE id = ? AND state = 'open'
                        AND (closes_at IS NULL OR closes_at > ?))",
    )
    .bind(survey)
    .bind(ts(now))
    .fetch_one(&mut **tx)
    .await?)
}

/// Until when an anonymous answer given at `now` is held back from digests and exports: the
/// end of its hour (they show answers as of the last full hour).
pub(super) fn held_until(now: DateTime<Utc>) -> String {
    let hour = now.timestamp().div_euclid(3600) * 3600;
    ts(DateTime::from_timestamp(hour + 3600, 0).unwrap_or(now))
}

/// The time a participant row records for an answer at `now`: the day only (midnight UTC) for
/// an anonymous survey, so that the file cannot match people to answers by time.
pub(super) fn participant_time(anonymous: bool, now: DateTime<Utc>) -> DateTime<Utc> {
    if anonymous {
        let day = now.timestamp().div_euclid(86_400) * 86_400;
        DateTime::from_timestamp(day, 0).unwrap_or(now)
    } else {
        now
    }
}

/// The first assignments of an answer's upsert (`answers` the stored row, `excluded` the new
/// one): an anonymous answer whose current version is shown (its hour has passed: its
/// `held_until` is earlier than the new one's) keeps that version as the one shown until the
/// new one's hour is over; one changed again within its hour keeps the version it had before
/// the hour (or none). So the shown aggregates stay exactly those as of the last full hour.
/// A named answer (no `held_until`) keeps none.
pub(in crate::store) const KEEP_SHOWN: &str = "
    prior_value = CASE WHEN excluded.held_until IS NOT NULL AND (answers.held_until IS NULL
                            OR answers.held_until < excluded.held_until)
                       THEN answers.value ELSE answers.prior_value END,
    prior_text = CASE WHEN excluded.held_until IS NOT NULL AND (answers.held_until IS NULL
                           OR answers.held_until < excluded.held_until)
                      THEN answers.text ELSE answers.prior_text END,
    has_prior = CASE WHEN excluded.held_until IS NOT NULL AND (answers.held_until IS NULL
                          OR answers.held_until < excluded.held_until)
                     THEN 1 ELSE answers.has_prior END,";

/// Forgets the hour of the anonymous answers whose hour has passed (and the version shown
/// before it): the database keeps no time of an anonymous answer beyond the hour it was given
/// in. Answers erased within their hour are left for [`drop_erased`].
///
/// They are rewritten, not updated in place: SQLite places a row's bytes within its page in
/// the order rows are written, so the file would keep the order the hour's answers came in.
/// Deleted (zeroed, with `secure_delete`) and written again in key order — the question, then
/// the keyed hash of the respondent — their place says nothing of when they came.
pub(in crate::store) async fn release_held(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    now: DateTime<Utc>,
) -> Result<()> {
    let released: Vec<(QuestionId, String, Option<i64>, Option<String>)> = sqlx::query_as(
        "SELECT question_id, respondent, value, text FROM answers
         WHERE held_until IS NOT NULL AND held_until <= ?1 AND erased = 0
         ORDER BY question_id, respondent",
    )
    .bind(ts(now))
    .fetch_all(&mut **tx)
    .await?;
    if released.is_empty() {
        return Ok(());
    }
    sqlx::query(
        "DELETE FROM answers WHERE held_until IS NOT NULL AND held_until <= ?1 AND erased = 0",
    )
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    for (question, respondent, value, text) in released {
        sqlx::query(
            "INSERT INTO answers (question_id, respondent, value, text) VALUES (?, ?, ?, ?)",
        )
        .bind(question)
        .bind(respondent)
        .bind(value)
        .bind(text)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Deletes the shown versions of answers erased by `/forget` whose hour has passed; how many.
pub(in crate::store) async fn drop_erased(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    now: DateTime<Utc>,
) -> Result<u64> {
    let done = sqlx::query(
        "DELETE FROM answers WHERE erased = 1 AND (held_until IS NULL OR held_until <= ?)",
    )
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Records that a person answered now (creating their participant row if they answer from a
/// message that was not sent to them, e.g. after joining late); only the day for an anonymous
/// survey.
pub(super) async fn touch_participant(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    survey: SurveyId,
    person: PersonId,
    anonymous: bool,
    now: DateTime<Utc>,
) -> Result<()> {
    let now = participant_time(anonymous, now);
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

/// A move from one question to the next.
pub(super) struct Step {
    pub survey: SurveyId,
    /// An anonymous survey: the times recorded are days ([`participant_time`]).
    pub anonymous: bool,
    /// How many questions the survey has (moving on from the last finishes it).
    pub questions: i64,
    pub from: u8,
    pub person: PersonId,
    /// Record that they answered now (a multi question's Done recorded it with each tick).
    pub answered: bool,
}

/// Moves a person from question `from` to the next (finished after the last), only if they
/// were at `from`: a second press on the same question, or one on an earlier question, does
/// not move them (`None`).
pub(super) async fn advance(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    step: &Step,
    now: DateTime<Utc>,
) -> Result<Option<Progress>> {
    let now = participant_time(step.anonymous, now);
    let next = i64::from(step.from) + 1;
    let finished = next >= step.questions;
    let moved = sqlx::query(
        "UPDATE survey_participants SET position = ?1,
             last_answered_at = CASE WHEN ?7 THEN ?2 ELSE last_answered_at END,
             finished_at = CASE WHEN ?3 THEN ?2 ELSE finished_at END
         WHERE survey_id = ?4 AND person_id = ?5 AND position = ?6",
    )
    .bind(next)
    .bind(ts(now))
    .bind(finished)
    .bind(step.survey)
    .bind(step.person)
    .bind(i64::from(step.from))
    .bind(step.answered)
    .execute(&mut **tx)
    .await?;
    Ok((moved.rows_affected() == 1).then(|| {
        Progress::Advanced(if finished {
            None
        } else {
            u8::try_from(next).ok()
        })
    }))
}

/// Erases a person's anonymous answer to a question (`/forget`): one never shown (given
/// within the hour, with no version before it) is deleted; otherwise the respondent becomes a
/// random key and the current answer goes, and only the version shown as of the last full hour
/// stays until the hour of `now` is over ([`drop_erased`]).
pub(in crate::store) async fn erase_anonymous(
    tx: &mut sqlx::Transaction<'static, sqlx::Sqlite>,
    question: QuestionId,
    respondent: &crate::survey::Respondent,
    now: DateTime<Utc>,
) -> Result<()> {
    sqlx::query(
        "DELETE FROM answers WHERE question_id = ?1 AND respondent = ?2 AND person_id IS NULL
             AND held_until > ?3 AND has_prior = 0",
    )
    .bind(question)
    .bind(respondent.as_str())
    .bind(ts(now))
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "UPDATE answers SET respondent = 'erased-' || lower(hex(randomblob(16))),
             prior_value = CASE WHEN held_until IS NULL OR held_until <= ?3 THEN value ELSE prior_value END,
             prior_text = CASE WHEN held_until IS NULL OR held_until <= ?3 THEN text ELSE prior_text END,
             has_prior = 1, value = NULL, text = NULL, erased = 1, held_until = ?4
         WHERE question_id = ?1 AND respondent = ?2 AND person_id IS NULL",
    )
    .bind(question)
    .bind(respondent.as_str())
    .bind(ts(now))
    .bind(held_until(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}
