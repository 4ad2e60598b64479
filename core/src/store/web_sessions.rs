//! Issue #21: the dashboard's sign-ins and sessions. A sign-in token (from `/web`) is used
//! once, within [`SIGN_IN_VALID`]; it becomes a session valid [`SESSION_VALID`]. Only the
//! tokens' SHA-256 hashes are stored. What a session may see is not stored here: the
//! dashboard asks the person's rights again on every request. Sessions end at once when a
//! person is erased, removed from a group they facilitate, demoted, or no longer a stored
//! coordinator — in the transaction of that change ([`end_sessions_of`]).

use chrono::{DateTime, TimeDelta, Utc};
use sqlx::SqliteConnection;

use super::{Result, Store, StoreError, parse_ts, ts};
use crate::domain::{GroupId, GroupName, GroupSlug, LanguageCode, PersonId, TelegramId, WebToken};

/// How long a sign-in link works.
pub const SIGN_IN_VALID: TimeDelta = TimeDelta::minutes(10);
/// How long a session lasts.
pub const SESSION_VALID: TimeDelta = TimeDelta::hours(12);

/// A live session: whose it is, the language they read, until when it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebSession {
    pub telegram_id: TelegramId,
    pub language: LanguageCode,
    pub expires_at: DateTime<Utc>,
}

impl Store {
    /// A new sign-in token for the person (expired sign-ins and sessions of everyone are
    /// cleared on the way).
    pub async fn issue_sign_in(
        &self,
        telegram_id: TelegramId,
        language: &LanguageCode,
        now: DateTime<Utc>,
    ) -> Result<WebToken> {
        let token = WebToken::generate();
        let mut tx = self.write_tx().await?;
        sqlx::query("DELETE FROM web_sign_ins WHERE expires_at <= ?1")
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM web_sessions WHERE expires_at <= ?1")
            .bind(ts(now))
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO web_sign_ins (token_hash, telegram_id, language, expires_at)
             VALUES (?, ?, ?, ?)",
        )
        .bind(token.hash().as_slice())
        .bind(telegram_id)
        .bind(language.as_str())
        .bind(ts(now + SIGN_IN_VALID))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(token)
    }

    /// The language of `token`'s person when it would sign in now (unused and not expired),
    /// for its page; `None` otherwise. It does not use the token up.
    pub async fn pending_sign_in(
        &self,
        token: &WebToken,
        now: DateTime<Utc>,
    ) -> Result<Option<LanguageCode>> {
        let language: Option<String> = sqlx::query_scalar(
            "SELECT language FROM web_sign_ins WHERE token_hash = ? AND expires_at > ?",
        )
        .bind(token.hash().as_slice())
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        language.as_deref().map(language_of).transpose()
    }

    /// Uses up the sign-in token and opens a session: its token (for the cookie) and what it
    /// is. `None` when the token is unknown, used or expired.
    pub async fn redeem_sign_in(
        &self,
        token: &WebToken,
        now: DateTime<Utc>,
    ) -> Result<Option<(WebToken, WebSession)>> {
        let mut tx = self.write_tx().await?;
        let found: Option<(TelegramId, String)> = sqlx::query_as(
            "DELETE FROM web_sign_ins WHERE token_hash = ? AND expires_at > ?
             RETURNING telegram_id, language",
        )
        .bind(token.hash().as_slice())
        .bind(ts(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((telegram_id, language)) = found else {
            // A used or expired token stays refused; an expired row is of no use to anyone.
            sqlx::query("DELETE FROM web_sign_ins WHERE token_hash = ?")
                .bind(token.hash().as_slice())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            return Ok(None);
        };
        let session = WebToken::generate();
        let expires_at = now + SESSION_VALID;
        sqlx::query(
            "INSERT INTO web_sessions (token_hash, telegram_id, language, created_at, expires_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(session.hash().as_slice())
        .bind(telegram_id)
        .bind(&language)
        .bind(ts(now))
        .bind(ts(expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(Some((
            session,
            WebSession {
                telegram_id,
                language: language_of(&language)?,
                expires_at,
            },
        )))
    }

    /// The live session of `token`, if any.
    pub async fn web_session(
        &self,
        token: &WebToken,
        now: DateTime<Utc>,
    ) -> Result<Option<WebSession>> {
        let found: Option<(TelegramId, String, String)> = sqlx::query_as(
            "SELECT telegram_id, language, expires_at FROM web_sessions
             WHERE token_hash = ? AND expires_at > ?",
        )
        .bind(token.hash().as_slice())
        .bind(ts(now))
        .fetch_optional(&self.pool)
        .await?;
        found
            .map(|(telegram_id, language, expires_at)| {
                Ok(WebSession {
                    telegram_id,
                    language: language_of(&language)?,
                    expires_at: parse_ts(&expires_at)?,
                })
            })
            .transpose()
    }

    /// Ends one session (its sign-out button); `false` if it was not open.
    pub async fn end_web_session(&self, token: &WebToken) -> Result<bool> {
        let done = sqlx::query("DELETE FROM web_sessions WHERE token_hash = ?")
            .bind(token.hash().as_slice())
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Ends every session of the person and drops their unused sign-in links (`/web logout`):
    /// how many sessions ended.
    pub async fn end_web_sessions(&self, telegram_id: TelegramId) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let ended = end_sessions_of(&mut tx, telegram_id).await?;
        tx.commit().await?;
        Ok(ended)
    }

    /// How many sessions of the person are open (for tests and `/web`'s answer).
    pub async fn count_web_sessions(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM web_sessions WHERE telegram_id = ? AND expires_at > ?",
        )
        .bind(telegram_id)
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await?)
    }
}

/// A group a signed-in person may see on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisibleGroup {
    pub id: GroupId,
    pub slug: GroupSlug,
    pub name: GroupName,
}

impl Store {
    /// The groups a person may see on the dashboard, by slug: every group for a coordinator
    /// (finished ones too), else those they facilitate now (as `/digest` allows them).
    pub async fn dashboard_groups(
        &self,
        telegram_id: TelegramId,
        coordinator: bool,
    ) -> Result<Vec<VisibleGroup>> {
        let rows: Vec<(GroupId, String, String)> = sqlx::query_as(
            "SELECT g.id, g.slug, g.name FROM working_groups g
             WHERE ?2
                OR (g.archived_at IS NULL AND EXISTS (
                    SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
                    WHERE m.group_id = g.id AND p.telegram_id = ?1
                      AND m.left_at IS NULL AND m.role = 'facilitator'))
             ORDER BY g.slug",
        )
        .bind(telegram_id)
        .bind(coordinator)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, slug, name)| {
                Ok(VisibleGroup {
                    id,
                    slug: GroupSlug::parse(&slug)
                        .map_err(|_| StoreError::Corrupt(format!("slug {slug:?}")))?,
                    name: GroupName::parse(&name)
                        .map_err(|_| StoreError::Corrupt(format!("group name {name:?}")))?,
                })
            })
            .collect()
    }
}

fn language_of(stored: &str) -> Result<LanguageCode> {
    LanguageCode::parse(stored).ok_or_else(|| StoreError::Corrupt(format!("language {stored:?}")))
}

/// Ends the person's sessions and sign-in links, inside the caller's transaction: how many
/// sessions ended.
pub(super) async fn end_sessions_of(
    conn: &mut SqliteConnection,
    telegram_id: TelegramId,
) -> Result<u64> {
    sqlx::query("DELETE FROM web_sign_ins WHERE telegram_id = ?")
        .bind(telegram_id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("DELETE FROM web_sessions WHERE telegram_id = ?")
        .bind(telegram_id)
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected())
}

/// [`end_sessions_of`] the person with this row id.
pub(super) async fn end_sessions_of_person(
    conn: &mut SqliteConnection,
    person: PersonId,
) -> Result<u64> {
    let telegram_id: Option<TelegramId> =
        sqlx::query_scalar("SELECT telegram_id FROM people WHERE id = ?")
            .bind(person)
            .fetch_optional(&mut *conn)
            .await?;
    match telegram_id {
        Some(telegram_id) => end_sessions_of(conn, telegram_id).await,
        None => Ok(0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;
    use chrono::TimeZone;

    fn at(minute: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap() + TimeDelta::minutes(minute)
    }

    #[tokio::test]
    async fn a_sign_in_is_used_once_within_ten_minutes_and_kept_only_hashed() {
        let (store, dir) = store().await;
        let ana = TelegramId::new(7);
        let es = LanguageCode::parse("es").unwrap();
        let token = store.issue_sign_in(ana, &es, at(0)).await.unwrap();
        assert_eq!(
            store.pending_sign_in(&token, at(9)).await.unwrap(),
            Some(es.clone())
        );
        assert!(
            store
                .pending_sign_in(&token, at(9))
                .await
                .unwrap()
                .is_some(),
            "looking uses nothing"
        );
        let (session, open) = store.redeem_sign_in(&token, at(9)).await.unwrap().unwrap();
        assert_eq!(open.telegram_id, ana);
        assert_eq!(open.language, es);
        assert_eq!(open.expires_at, at(9) + SESSION_VALID);
        assert_eq!(
            store.redeem_sign_in(&token, at(9)).await.unwrap(),
            None,
            "used"
        );
        assert_eq!(store.pending_sign_in(&token, at(9)).await.unwrap(), None);
        assert_eq!(
            store.web_session(&session, at(10)).await.unwrap(),
            Some(open)
        );
        assert_eq!(
            store
                .web_session(&session, at(9) + SESSION_VALID)
                .await
                .unwrap(),
            None,
            "12 hours later"
        );

        let late = store.issue_sign_in(ana, &es, at(0)).await.unwrap();
        assert_eq!(store.pending_sign_in(&late, at(10)).await.unwrap(), None);
        assert_eq!(
            store.redeem_sign_in(&late, at(10)).await.unwrap(),
            None,
            "expired"
        );
        let forged = WebToken::generate();
        assert_eq!(store.redeem_sign_in(&forged, at(1)).await.unwrap(), None);

        // Neither secret is in the database file.
        store.checkpoint().await.unwrap();
        let mut bytes = Vec::new();
        for entry in std::fs::read_dir(dir.path()).unwrap() {
            bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains(token.expose()) && !text.contains(session.expose()));
    }

    #[tokio::test]
    async fn logging_out_ends_every_session_and_link_of_the_person() {
        let (store, _dir) = store().await;
        let (ana, bo) = (TelegramId::new(7), TelegramId::new(8));
        let en = LanguageCode::parse("en").unwrap();
        let mut sessions = Vec::new();
        for who in [ana, ana, bo] {
            let token = store.issue_sign_in(who, &en, at(0)).await.unwrap();
            sessions.push(
                store
                    .redeem_sign_in(&token, at(1))
                    .await
                    .unwrap()
                    .unwrap()
                    .0,
            );
        }
        let pending = store.issue_sign_in(ana, &en, at(2)).await.unwrap();
        assert_eq!(store.count_web_sessions(ana, at(3)).await.unwrap(), 2);
        assert_eq!(store.end_web_sessions(ana).await.unwrap(), 2);
        assert_eq!(store.web_session(&sessions[0], at(3)).await.unwrap(), None);
        assert_eq!(store.pending_sign_in(&pending, at(3)).await.unwrap(), None);
        assert!(
            store
                .web_session(&sessions[2], at(3))
                .await
                .unwrap()
                .is_some()
        );
        assert!(store.end_web_session(&sessions[2]).await.unwrap());
        assert!(!store.end_web_session(&sessions[2]).await.unwrap());
    }
}
