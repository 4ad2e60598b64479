//! People: stored only once they agreed to the consent text.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::{Result, Store, ts};
use crate::domain::{DisplayName, LanguageCode, PersonId, TelegramId, Username};

/// Someone who is about to agree to the consent text: what Telegram tells us about them.
#[derive(Debug, Clone)]
pub struct Newcomer {
    pub telegram_id: TelegramId,
    pub name: DisplayName,
    /// Their Telegram @username, if they have one.
    pub username: Option<Username>,
    /// Telegram's `language_code`, if any.
    pub language: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub id: PersonId,
    pub telegram_id: TelegramId,
    pub name: String,
    pub language: Option<String>,
    pub consent_at: DateTime<Utc>,
    pub consent_version: i64,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: PersonId,
    telegram_id: TelegramId,
    display_name: String,
    language: Option<String>,
    consent_at: DateTime<Utc>,
    consent_version: i64,
}

impl PersonRow {
    fn into_person(self) -> Result<Person> {
        Ok(Person {
            id: self.id,
            telegram_id: self.telegram_id,
            name: self.display_name,
            language: self.language,
            consent_at: self.consent_at,
            consent_version: self.consent_version,
        })
    }
}

/// The first consent text that says the @username is kept (see [`crate::CONSENT_VERSION`]).
pub const USERNAME_CONSENT: i64 = 2;

impl Store {
    pub async fn person_by_telegram(&self, telegram_id: TelegramId) -> Result<Option<Person>> {
        let row: Option<PersonRow> = sqlx::query_as(
            "SELECT id, telegram_id, display_name, language, consent_at, consent_version
             FROM people WHERE telegram_id = ?",
        )
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(PersonRow::into_person).transpose()
    }

    /// Pauses every push to the person (`/stop`); `false` if unknown or already paused.
    pub async fn pause(&self, telegram_id: TelegramId, now: DateTime<Utc>) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE people SET paused_at = ? WHERE telegram_id = ? AND paused_at IS NULL",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(done.rows_affected() == 1)
    }

    /// Resumes pushes (`/resume`); `false` if unknown or not paused.
    pub async fn resume(&self, telegram_id: TelegramId) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET paused_at = NULL WHERE telegram_id = ? AND paused_at IS NOT NULL",
        )
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Marks the person as having blocked the bot (they are skipped by broadcasts).
    pub async fn mark_blocked(&self, telegram_id: TelegramId, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET blocked_at = ? WHERE telegram_id = ? AND blocked_at IS NULL",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The person wrote to the bot, so they no longer block it: clears the mark (one cheap
    /// statement, run for every private update). `true` if they had been marked blocked.
    pub async fn clear_blocked(&self, telegram_id: TelegramId) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET blocked_at = NULL WHERE telegram_id = ? AND blocked_at IS NOT NULL",
        )
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The person wrote to the bot in private: their name and @username are refreshed from
    /// what Telegram says now, and they no longer block the bot. Read first, so an update that
    /// changes nothing (nearly all of them) writes nothing. `true` if they had been marked
    /// blocked.
    pub async fn seen_in_private(
        &self,
        telegram_id: TelegramId,
        name: &DisplayName,
        username: Option<&Username>,
    ) -> Result<bool> {
        let stored: Option<(String, Option<String>, bool, i64)> = sqlx::query_as(
            "SELECT display_name, username, blocked_at IS NOT NULL, consent_version
             FROM people WHERE telegram_id = ?",
        )
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some((stored_name, stored_username, blocked, consent_version)) = stored else {
            return Ok(false);
        };
        // The @username is kept only for people who agreed to a text that says so.
        let username = username
            .map(Username::as_str)
            .filter(|_| consent_version >= USERNAME_CONSENT);
        if !blocked && stored_name == name.as_str() && stored_username.as_deref() == username {
            return Ok(false);
        }
        let done = sqlx::query(
            "UPDATE people SET display_name = ?2, username = ?3, blocked_at = NULL
             WHERE telegram_id = ?1",
        )
        .bind(telegram_id)
        .bind(name.as_str())
        .bind(username)
        .execute(&self.pool)
        .await?;
        Ok(blocked && done.rows_affected() == 1)
    }

    /// The language the person is stored with (chosen with `/language`, or Telegram's at
    /// consent); `None` when they are not stored or no language is.
    pub async fn language_of(&self, telegram_id: TelegramId) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT language FROM people WHERE telegram_id = ?")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?
                .flatten(),
        )
    }

    /// The person's stored language (as [`Store::language_of`]) and whether they agreed to an
    /// older consent text than [`crate::CONSENT_VERSION`], in one query (read for every
    /// update); `None` when they are not stored.
    pub async fn language_and_consent(
        &self,
        telegram_id: TelegramId,
    ) -> Result<Option<(Option<String>, bool)>> {
        let found: Option<(Option<String>, i64)> =
            sqlx::query_as("SELECT language, consent_version FROM people WHERE telegram_id = ?")
                .bind(telegram_id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(found.map(|(language, version)| (language, version < crate::CONSENT_VERSION)))
    }

    /// Whether to show the current consent text to a person who agreed to an older one now:
    /// `true` at most once a week (and records that it was shown), `false` for everyone else.
    pub async fn ask_consent_again(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET consent_asked_at = ?1
             WHERE telegram_id = ?2 AND consent_version < ?3
               AND (consent_asked_at IS NULL OR consent_asked_at <= ?4)",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .bind(crate::CONSENT_VERSION)
        .bind(ts(now - chrono::Duration::days(7)))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that a person agreed to consent text `version` now (only ever raising it), with
    /// their @username when that text says it is kept; `false` when they are not stored or had
    /// agreed to it already.
    pub async fn renew_consent(
        &self,
        telegram_id: TelegramId,
        version: i64,
        username: Option<&Username>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET consent_version = ?1, consent_at = ?2, consent_asked_at = NULL,
                 username = CASE WHEN ?1 >= ?5 THEN ?4 END
             WHERE telegram_id = ?3 AND consent_version < ?1",
        )
        .bind(version)
        .bind(ts(now))
        .bind(telegram_id)
        .bind(username.map(Username::as_str))
        .bind(USERNAME_CONSENT)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stores the language the person chose (`/language`); `false` when they are not stored
    /// (no consent yet: nothing is stored about them).
    pub async fn set_language(
        &self,
        telegram_id: TelegramId,
        language: &LanguageCode,
    ) -> Result<bool> {
        let done = sqlx::query("UPDATE people SET language = ? WHERE telegram_id = ?")
            .bind(language.as_str())
            .bind(telegram_id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Records that a person is told now that a reply of theirs in a group chat was not kept
    /// (they are not in its working group); `false` when they were told within the last day.
    pub async fn note_outsider(&self, telegram_id: TelegramId, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE people SET outsider_noted_at = ?1
             WHERE telegram_id = ?2 AND (outsider_noted_at IS NULL OR outsider_noted_at <= ?3)",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .bind(ts(now - chrono::Duration::days(1)))
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    pub async fn count_people(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM people")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Stores a newcomer with their consent, or returns the existing person (consent is kept as
/// first given). Runs inside the caller's transaction.
pub(super) async fn upsert_consented(
    conn: &mut SqliteConnection,
    who: &Newcomer,
    consent_version: i64,
    now: DateTime<Utc>,
) -> Result<PersonId> {
    let id: PersonId = sqlx::query_scalar(
        "INSERT INTO people (telegram_id, display_name, language, consent_at, consent_version, created_at, username)
         VALUES (?1, ?2, ?3, ?4, ?5, ?4, CASE WHEN ?5 >= ?7 THEN ?6 END)
         ON CONFLICT (telegram_id) DO UPDATE SET display_name = excluded.display_name,
             -- Agreeing to a newer text (joining another group) renews the consent; the
             -- @username is kept only under a text that says so.
             consent_at = CASE WHEN excluded.consent_version > people.consent_version
                               THEN excluded.consent_at ELSE people.consent_at END,
             consent_version = MAX(people.consent_version, excluded.consent_version),
             username = CASE WHEN MAX(people.consent_version, excluded.consent_version) >= ?7
                             THEN excluded.username END
         RETURNING id",
    )
    .bind(who.telegram_id)
    .bind(who.name.as_str())
    .bind(who.language.as_deref())
    .bind(ts(now))
    .bind(consent_version)
    .bind(who.username.as_ref().map(Username::as_str))
    .bind(USERNAME_CONSENT)
    .fetch_one(&mut *conn)
    .await?;
    Ok(id)
}
