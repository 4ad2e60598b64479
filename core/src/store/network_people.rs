//! Issue #19, who's who (opt-in): a member's one-line introduction, the members of a group who
//! chose to be listed, and a contact request from the list — an introduction of two whose
//! requester has accepted already, answered like any other.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::time;
use super::{Result, Store, ts};
use crate::domain::{GroupId, IntroductionId, PersonId, ProfileLine, TelegramId};

/// A member listed in who's who.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ListedPerson {
    pub person: PersonId,
    pub telegram_id: TelegramId,
    pub name: String,
    pub line: String,
}

/// What asking a listed member to be in touch did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContactRequest {
    /// Asked: the introduction waiting for their answer.
    Asked(IntroductionId),
    /// One between the two is waiting or made already.
    AlreadyAsked,
}

/// The who's who line in `/mydata`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ProfileRecord {
    pub line: String,
    #[serde(serialize_with = "time")]
    pub listed_at: DateTime<Utc>,
}

const LISTED: &str = "SELECT p.id AS person, p.telegram_id, p.display_name AS name, pr.line
    FROM profiles pr JOIN people p ON p.id = pr.person_id
    JOIN memberships m ON m.person_id = p.id AND m.left_at IS NULL";

impl Store {
    /// Lists the person in who's who with `line`; `false` if they are unknown.
    pub async fn set_profile(
        &self,
        telegram_id: TelegramId,
        line: &ProfileLine,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO profiles (person_id, line, listed_at)
             SELECT id, ?, ? FROM people WHERE telegram_id = ?
             ON CONFLICT (person_id) DO UPDATE SET line = excluded.line",
        )
        .bind(line.as_str())
        .bind(ts(now))
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Takes the person off who's who at once; whether they were on it.
    pub async fn remove_profile(&self, telegram_id: TelegramId) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM profiles WHERE person_id = (SELECT id FROM people WHERE telegram_id = ?)",
        )
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The person's who's who entry, if they are listed.
    pub async fn profile_record(&self, telegram_id: TelegramId) -> Result<Option<ProfileRecord>> {
        Ok(sqlx::query_as(
            "SELECT pr.line, pr.listed_at FROM profiles pr JOIN people p ON p.id = pr.person_id
             WHERE p.telegram_id = ?",
        )
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The group's current members who chose to be listed, by name.
    pub async fn listed_members(&self, group: GroupId) -> Result<Vec<ListedPerson>> {
        Ok(sqlx::query_as(&format!(
            "{LISTED} WHERE m.group_id = ? ORDER BY p.display_name COLLATE NOCASE, p.id"
        ))
        .bind(group)
        .fetch_all(&self.pool)
        .await?)
    }

    /// One listed current member of the group.
    pub async fn listed_member(
        &self,
        group: GroupId,
        person: PersonId,
    ) -> Result<Option<ListedPerson>> {
        Ok(
            sqlx::query_as(&format!("{LISTED} WHERE m.group_id = ? AND p.id = ?"))
                .bind(group)
                .bind(person)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    /// The requester asks `target` to be in touch: a contact introduction of the two, the
    /// requester's acceptance given (their who's who line, if any, is its note).
    pub async fn request_contact(
        &self,
        group: GroupId,
        requester: TelegramId,
        target: PersonId,
        now: DateTime<Utc>,
    ) -> Result<ContactRequest> {
        let mut tx = self.write_tx().await?;
        let (me, line): (PersonId, Option<String>) = sqlx::query_as(
            "SELECT p.id, pr.line FROM people p LEFT JOIN profiles pr ON pr.person_id = p.id
             WHERE p.telegram_id = ?",
        )
        .bind(requester)
        .fetch_one(&mut *tx)
        .await?;
        let open: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM introductions i
                 JOIN introduction_people a ON a.introduction_id = i.id AND a.person_id = ?1
                 JOIN introduction_people b ON b.introduction_id = i.id AND b.person_id = ?2
                 WHERE i.kind = 'contact' AND i.state IN ('pending', 'made'))",
        )
        .bind(me)
        .bind(target)
        .fetch_one(&mut *tx)
        .await?;
        if open {
            return Ok(ContactRequest::AlreadyAsked);
        }
        let now = ts(now);
        let intro: IntroductionId = sqlx::query_scalar(
            "INSERT INTO introductions (group_id, kind, note, state, created_at)
             VALUES (?, 'contact', ?, 'pending', ?) RETURNING id",
        )
        .bind(group)
        .bind(line)
        .bind(&now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO introduction_people (introduction_id, person_id, answer, answered_at)
             VALUES (?1, ?2, 'accepted', ?4), (?1, ?3, 'waiting', NULL)",
        )
        .bind(intro)
        .bind(me)
        .bind(target)
        .bind(&now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(ContactRequest::Asked(intro))
    }
}
