//! Participant rights: pausing one group, erasure (`/forget`) and retention (what `/mydata`
//! hands out is [`super::personal_data`]'s).

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::{GroupSlug, TelegramId};

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
        super::web_sessions::end_sessions_of(&mut tx, telegram_id).await?;
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
