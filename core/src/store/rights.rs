//! Participant rights: pausing one group, everything stored about a person (`/mydata`),
//! erasure (`/forget`) and retention.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::{opt_time, time};
use super::{Result, Store, ts};
use crate::domain::{GroupSlug, MediaKind, Role, TelegramId};

/// Everything coloop stores about one person, as `/mydata` hands it out.
#[derive(Debug, Clone, Serialize)]
pub struct PersonalData {
    pub profile: Profile,
    pub memberships: Vec<MembershipRecord>,
    pub comments: Vec<CommentRecord>,
    pub deliveries: Vec<DeliveryRecord>,
    /// The surveys that reached them and how far they got.
    pub surveys: Vec<SurveyRecord>,
    /// Their answers to named surveys (answers to anonymous surveys are not linked to them).
    pub answers: Vec<AnswerRecord>,
    /// Audit events where they are the actor or the target.
    pub audit: Vec<super::AuditEvent>,
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

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AnswerRecord {
    pub survey_id: i64,
    pub question: i64,
    pub prompt: String,
    pub value: Option<i64>,
    pub text: Option<String>,
    #[serde(serialize_with = "opt_time")]
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Profile {
    pub telegram_id: i64,
    pub display_name: String,
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
    /// Pauses pushes from one group (`/stop <group>`); `false` if not a current member or
    /// already paused there.
    pub async fn pause_group(
        &self,
        telegram_id: TelegramId,
        slug: &GroupSlug,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE memberships SET paused_at = ?
             WHERE left_at IS NULL AND paused_at IS NULL
               AND person_id = (SELECT id FROM people WHERE telegram_id = ?)
               AND group_id = (SELECT id FROM working_groups WHERE slug = ?)",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .bind(slug.as_str())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Resumes one group; `false` if it was not paused.
    pub async fn resume_group(&self, telegram_id: TelegramId, slug: &GroupSlug) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE memberships SET paused_at = NULL
             WHERE left_at IS NULL AND paused_at IS NOT NULL
               AND person_id = (SELECT id FROM people WHERE telegram_id = ?)
               AND group_id = (SELECT id FROM working_groups WHERE slug = ?)",
        )
        .bind(telegram_id)
        .bind(slug.as_str())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Resumes everything: the person-wide pause and every group pause. How many were lifted.
    pub async fn resume_all(&self, telegram_id: TelegramId) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let person = sqlx::query(
            "UPDATE people SET paused_at = NULL WHERE telegram_id = ? AND paused_at IS NOT NULL",
        )
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        let groups = sqlx::query(
            "UPDATE memberships SET paused_at = NULL
             WHERE paused_at IS NOT NULL AND person_id = (SELECT id FROM people WHERE telegram_id = ?)",
        )
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(person.rows_affected() + groups.rows_affected())
    }

    /// Whether anything is stored about a person: a profile (they agreed to the consent text),
    /// or — for a coordinator — their `/start` or the digests sent to them. (A coordinator row
    /// is the operator's setting, like `COLOOP_COORDINATORS`; `/forget` erases it too.)
    pub async fn stores_anything_about(&self, telegram_id: TelegramId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM people WHERE telegram_id = ?1)
                 OR EXISTS (SELECT 1 FROM started_coordinators WHERE telegram_id = ?1)
                 OR EXISTS (SELECT 1 FROM digest_runs WHERE telegram_id = ?1)",
        )
        .bind(telegram_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Whether the person paused everything.
    pub async fn is_paused(&self, telegram_id: TelegramId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM people WHERE telegram_id = ? AND paused_at IS NOT NULL)",
        )
        .bind(telegram_id)
        .fetch_one(&self.pool)
        .await?)
    }

    /// Everything stored about a person, or `None` if nothing is.
    pub async fn personal_data(&self, telegram_id: TelegramId) -> Result<Option<PersonalData>> {
        let profile: Option<Profile> = sqlx::query_as(
            "SELECT telegram_id, display_name, language, consent_at, consent_version, paused_at, blocked_at, created_at
             FROM people WHERE telegram_id = ?",
        )
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(profile) = profile else {
            return Ok(None);
        };
        let memberships = sqlx::query_as(
            "SELECT g.slug AS \"group\", m.role, m.joined_at, m.left_at, m.paused_at
             FROM memberships m JOIN working_groups g ON g.id = m.group_id
             JOIN people p ON p.id = m.person_id WHERE p.telegram_id = ? ORDER BY m.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        let comments = sqlx::query_as(
            "SELECT c.id, g.slug AS \"group\", c.post_id, po.title AS post_title, c.body AS text, c.media_kind,
                    c.file_id, c.duration_secs, c.anonymous, c.hidden_at IS NOT NULL AS hidden, c.created_at
             FROM comments c JOIN working_groups g ON g.id = c.group_id
             LEFT JOIN posts po ON po.id = c.post_id
             JOIN people p ON p.id = c.person_id WHERE p.telegram_id = ? ORDER BY c.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        let deliveries = sqlx::query_as(
            "SELECT d.post_id, po.title AS post_title, g.slug AS \"group\", d.state, d.sent_at
             FROM deliveries d JOIN posts po ON po.id = d.post_id JOIN working_groups g ON g.id = po.group_id
             JOIN people p ON p.id = d.person_id WHERE p.telegram_id = ? AND d.survey_id IS NULL
             ORDER BY d.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        let surveys = sqlx::query_as(
            "SELECT s.id AS survey_id, s.title, g.slug AS \"group\", s.anonymous, sp.invited_at,
                    sp.position AS questions_answered, sp.finished_at, sp.reminders
             FROM survey_participants sp JOIN surveys s ON s.id = sp.survey_id
             JOIN working_groups g ON g.id = s.group_id
             JOIN people p ON p.id = sp.person_id WHERE p.telegram_id = ? ORDER BY s.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        let answers = sqlx::query_as(
            "SELECT q.survey_id, q.position + 1 AS question, q.prompt, a.value, a.text, a.answered_at
             FROM answers a JOIN survey_questions q ON q.id = a.question_id
             JOIN people p ON p.id = a.person_id WHERE p.telegram_id = ? ORDER BY q.survey_id, q.position",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(PersonalData {
            profile,
            memberships,
            comments,
            deliveries,
            surveys,
            answers,
            audit: self.audit_of_person(telegram_id).await?,
        }))
    }

    /// Erases a person in one transaction: their profile, memberships, deliveries (and the
    /// message ids they produced), comments (text and file ids) and notice cursors go; traces of
    /// their actions on others' data (who hid a comment, who linked a chat, who wrote a post)
    /// are cut loose. `false` if nothing was stored about them.
    ///
    /// Their anonymous answers are cut loose from them at once (the keyed respondent, and the
    /// answer as it is now, go). An anonymous survey's aggregates show answers as of the last
    /// full hour, so one erased within the hour `now` is in keeps, unlinked, the version shown
    /// before it until the hour is over, and is then deleted
    /// ([`Store::release_held_answers`]): the erasure changes what is shown together with
    /// everything else of that hour, not at the moment the person leaves.
    pub async fn erase_person(
        &self,
        telegram_id: TelegramId,
        key: &crate::survey::RespondentKey,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        // Their anonymous answers, found with the key: one respondent per question of every
        // anonymous survey they took part in — read inside this transaction, which holds the
        // write lock, so a press landing meanwhile waits and is erased too (or finds them
        // gone). Named answers and survey progress go with the person below.
        let taken: Vec<(
            crate::domain::SurveyId,
            crate::domain::QuestionId,
            crate::domain::PersonId,
        )> = sqlx::query_as(
            "SELECT sp.survey_id, q.id, sp.person_id FROM survey_participants sp
                 JOIN surveys s ON s.id = sp.survey_id JOIN people p ON p.id = sp.person_id
                 JOIN survey_questions q ON q.survey_id = s.id
                 WHERE p.telegram_id = ? AND s.anonymous = 1",
        )
        .bind(telegram_id)
        .fetch_all(&mut *tx)
        .await?;
        for (survey, question, person) in taken {
            let respondent = key.respondent(survey, question, person, true);
            super::answers::writer::erase_anonymous(&mut tx, question, &respondent, now).await?;
        }
        super::audit::erase_from_audit(&mut tx, telegram_id).await?;
        sqlx::query("DELETE FROM coordinators WHERE telegram_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM started_coordinators WHERE telegram_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM answer_messages WHERE chat_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE surveys SET source_chat_id = NULL, source_message_id = NULL WHERE source_chat_id = ?",
        )
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM survey_messages WHERE chat_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE comments SET hidden_by = NULL WHERE hidden_by = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE posts SET source_chat_id = NULL, source_message_id = NULL WHERE source_chat_id = ?",
        )
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM digest_runs WHERE telegram_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE group_chats SET linked_by = 0 WHERE linked_by = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        // Messages in their private chat (deliveries cascade, but be explicit about the
        // chat-keyed rows too).
        sqlx::query("DELETE FROM delivered_messages WHERE chat_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM deliveries WHERE chat_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM comments WHERE chat_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        // Memberships, deliveries, comments and notice cursors go with the person (ON DELETE
        // CASCADE); posts they wrote keep their content but lose the author (SET NULL).
        let done = sqlx::query("DELETE FROM people WHERE telegram_id = ?")
            .bind(telegram_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.checkpoint().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Retention: deletes comments older than `cutoff`; how many.
    pub async fn delete_comments_before(&self, cutoff: DateTime<Utc>) -> Result<u64> {
        let done = sqlx::query("DELETE FROM comments WHERE created_at < ?")
            .bind(ts(cutoff))
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected())
    }
}

impl Store {
    /// Every `table.column` that still holds a trace of a person: a column anywhere equal to
    /// their Telegram id, or a column referencing `people` equal to their row id. Found from the
    /// schema itself (so a table added later is checked too); used to prove erasure complete.
    pub async fn person_traces(
        &self,
        telegram_id: TelegramId,
        person_row_id: i64,
    ) -> Result<Vec<String>> {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut traces = Vec::new();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info(?)")
                .bind(&table)
                .fetch_all(&self.pool)
                .await?;
            let person_refs: Vec<String> = sqlx::query_scalar(
                "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = 'people'",
            )
            .bind(&table)
            .fetch_all(&self.pool)
            .await?;
            for column in columns {
                // Identifiers come from the schema, not from input; quote them anyway.
                let quoted_table = table.replace('"', "\"\"");
                let quoted_column = column.replace('"', "\"\"");
                let mut sql = format!(
                    "SELECT COUNT(*) FROM \"{quoted_table}\" WHERE \"{quoted_column}\" = ?1"
                );
                let references_people =
                    person_refs.contains(&column) || (table == "people" && column == "id");
                if references_people {
                    sql.push_str(&format!(" OR \"{quoted_column}\" = ?2"));
                }
                let mut query = sqlx::query_scalar::<_, i64>(&sql).bind(telegram_id);
                if references_people {
                    query = query.bind(person_row_id);
                }
                let count = query.fetch_one(&self.pool).await?;
                if count > 0 {
                    traces.push(format!("{table}.{column} ({count})"));
                }
            }
        }
        Ok(traces)
    }
}
