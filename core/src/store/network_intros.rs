//! Issue #19, introductions: whom a facilitator may introduce (volunteers who agreed to be
//! introduced), the introduction as it is picked, noted and sent, each person's answer, and
//! what follows from the answers — contacts only once everyone accepted, nothing if anyone
//! declined, withdrawal when someone erases their data.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::{opt_time, time};
use super::{Result, Store, StoreError, ts};
use crate::domain::{
    GroupId, GroupSlug, IntroAnswer, IntroState, IntroductionId, MessageId, PersonId, PostId,
    TelegramId,
};

/// Someone a facilitator may introduce: a current member of the group who offered help (with
/// the post, when given) and agreed to be introduced.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IntroCandidate {
    pub person: PersonId,
    pub name: String,
}

/// An introduction, as its facilitator acts on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IntroView {
    pub id: IntroductionId,
    pub group_id: GroupId,
    pub group_slug: GroupSlug,
    pub group_name: String,
    /// `/introduce <group> <post>`: the volunteers of that post.
    pub post: Option<PostId>,
    /// The facilitator who made it (`None` once they erased their data), and their language.
    pub facilitator_name: Option<String>,
    pub facilitator: Option<TelegramId>,
    pub facilitator_language: Option<String>,
    pub note: Option<String>,
    pub state: IntroState,
    pub status_message_id: Option<MessageId>,
    /// A contact request from who's who (no facilitator), not a facilitator's introduction.
    pub is_contact: bool,
    /// The other actor (by number) the people are introduced to, if any.
    pub actor: Option<i64>,
}

/// A person of an introduction.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct IntroPerson {
    pub person: PersonId,
    pub telegram_id: TelegramId,
    pub name: String,
    pub username: Option<String>,
    pub language: Option<String>,
    pub answer: IntroAnswer,
    pub message_id: Option<MessageId>,
}

/// What an answer to an introduction did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answered {
    /// Not theirs to answer (not in it, already answered, or it is decided).
    Stale,
    /// Recorded; others have not answered yet.
    Waiting,
    /// Everyone accepted: it is made (relays exist between each two of them).
    Made,
    /// They declined: it did not happen.
    Declined,
}

/// An introduction in `/mydata`: one they were introduced in.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct IntroductionRecord {
    pub introduction_id: i64,
    pub group: String,
    pub note: Option<String>,
    pub state: IntroState,
    pub answer: IntroAnswer,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
    #[serde(serialize_with = "opt_time")]
    pub answered_at: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow)]
struct IntroRow {
    id: IntroductionId,
    group_id: GroupId,
    group_slug: String,
    group_name: String,
    post: Option<PostId>,
    facilitator_name: Option<String>,
    facilitator: Option<TelegramId>,
    facilitator_language: Option<String>,
    note: Option<String>,
    state: IntroState,
    status_message_id: Option<MessageId>,
    is_contact: bool,
    actor: Option<i64>,
}

impl IntroRow {
    fn into_view(self) -> Result<IntroView> {
        Ok(IntroView {
            group_slug: GroupSlug::parse(&self.group_slug).map_err(|e| {
                StoreError::Corrupt(format!("group of introduction {}: {e}", self.id))
            })?,
            id: self.id,
            group_id: self.group_id,
            group_name: self.group_name,
            post: self.post,
            facilitator_name: self.facilitator_name,
            facilitator: self.facilitator,
            facilitator_language: self.facilitator_language,
            note: self.note,
            state: self.state,
            status_message_id: self.status_message_id,
            is_contact: self.is_contact,
            actor: self.actor,
        })
    }
}

/// The introduction a query found, if any, as a view.
fn view(row: Option<IntroRow>) -> Result<Option<IntroView>> {
    row.map(IntroRow::into_view).transpose()
}

const INTRO_VIEW: &str = "SELECT i.id, i.group_id, g.slug AS group_slug, g.name AS group_name,
        i.post_id AS post, f.display_name AS facilitator_name, f.telegram_id AS facilitator,
        f.language AS facilitator_language, i.note, i.state,
        i.status_message_id, i.kind = 'contact' AS is_contact, i.actor_id AS actor
    FROM introductions i JOIN working_groups g ON g.id = i.group_id
    LEFT JOIN people f ON f.id = i.facilitator_id";

impl Store {
    /// Whom a facilitator may introduce in the group (about one post, with `post`): current
    /// members who offered help and agreed to be introduced, by name; never `except`.
    pub async fn intro_candidates(
        &self,
        group: GroupId,
        post: Option<PostId>,
        except: TelegramId,
    ) -> Result<Vec<IntroCandidate>> {
        Ok(sqlx::query_as(
            "SELECT DISTINCT p.id AS person, p.display_name AS name
             FROM offers o JOIN posts po ON po.id = o.post_id
             JOIN people p ON p.id = o.person_id
             JOIN memberships m ON m.person_id = p.id AND m.group_id = po.group_id
                  AND m.left_at IS NULL
             WHERE po.group_id = ?1 AND (?2 IS NULL OR o.post_id = ?2)
               AND o.contact = 'introduce' AND p.telegram_id <> ?3
             ORDER BY p.display_name COLLATE NOCASE, p.id
             LIMIT 40",
        )
        .bind(group)
        .bind(post)
        .bind(except)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A new introduction of the group by `facilitator`, being picked.
    pub async fn start_introduction(
        &self,
        group: GroupId,
        post: Option<PostId>,
        facilitator: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<IntroductionId> {
        Ok(sqlx::query_scalar(
            "INSERT INTO introductions (group_id, post_id, facilitator_id, created_at)
             VALUES (?1, ?2, (SELECT id FROM people WHERE telegram_id = ?3), ?4) RETURNING id",
        )
        .bind(group)
        .bind(post)
        .bind(facilitator)
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await?)
    }

    /// The introduction, for the facilitator who made it; `None` for anyone else.
    pub async fn intro_for(
        &self,
        intro: IntroductionId,
        facilitator: TelegramId,
    ) -> Result<Option<IntroView>> {
        let row: Option<IntroRow> = sqlx::query_as(&format!(
            "{INTRO_VIEW} WHERE i.id = ? AND f.telegram_id = ?"
        ))
        .bind(intro)
        .bind(facilitator)
        .fetch_optional(&self.pool)
        .await?;
        view(row)
    }

    /// The introduction, whoever asks (its people are checked by the caller).
    pub async fn intro(&self, intro: IntroductionId) -> Result<Option<IntroView>> {
        let row: Option<IntroRow> = sqlx::query_as(&format!("{INTRO_VIEW} WHERE i.id = ?"))
            .bind(intro)
            .fetch_optional(&self.pool)
            .await?;
        view(row)
    }

    /// The facilitator's picker (then status) message, and the "why?" question.
    pub async fn set_intro_messages(
        &self,
        intro: IntroductionId,
        status: Option<MessageId>,
        note: Option<MessageId>,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE introductions SET status_message_id = COALESCE(?, status_message_id),
                 note_message_id = COALESCE(?, note_message_id) WHERE id = ?",
        )
        .bind(status)
        .bind(note)
        .bind(intro)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Adds or removes a person while the introduction is picked; `false` if it is past that.
    pub async fn pick_intro_person(
        &self,
        intro: IntroductionId,
        person: PersonId,
        on: bool,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let state: Option<IntroState> =
            sqlx::query_scalar("SELECT state FROM introductions WHERE id = ?")
                .bind(intro)
                .fetch_optional(&mut *tx)
                .await?;
        if state != Some(IntroState::Picking) {
            return Ok(false);
        }
        let sql = if on {
            "INSERT OR IGNORE INTO introduction_people (introduction_id, person_id) VALUES (?, ?)"
        } else {
            "DELETE FROM introduction_people WHERE introduction_id = ? AND person_id = ?"
        };
        sqlx::query(sql)
            .bind(intro)
            .bind(person)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Chooses the actor (of the introduction's group) the people are introduced to, or none,
    /// while it is picked; `false` if it is past that or the actor is not the group's.
    pub async fn pick_intro_actor(
        &self,
        intro: IntroductionId,
        actor: Option<i64>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE introductions SET actor_id = ?1
             WHERE id = ?2 AND state = 'picking'
               AND (?1 IS NULL OR ?1 IN (SELECT a.id FROM actors a WHERE a.group_id = introductions.group_id))",
        )
        .bind(actor)
        .bind(intro)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The people of an introduction, by name.
    pub async fn intro_people(&self, intro: IntroductionId) -> Result<Vec<IntroPerson>> {
        Ok(sqlx::query_as(
            "SELECT p.id AS person, p.telegram_id, p.display_name AS name, p.username, p.language,
                    ip.answer, ip.message_id
             FROM introduction_people ip JOIN people p ON p.id = ip.person_id
             WHERE ip.introduction_id = ? ORDER BY p.display_name COLLATE NOCASE, p.id",
        )
        .bind(intro)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Cancels an introduction not sent yet (being picked or noted); whether it was.
    pub async fn cancel_introduction(&self, intro: IntroductionId) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM introductions WHERE id = ? AND state IN ('picking', 'noting')",
        )
        .bind(intro)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Moves the introduction from one state to another; `false` if it was not in `from`.
    pub async fn move_intro(
        &self,
        intro: IntroductionId,
        from: IntroState,
        to: IntroState,
    ) -> Result<bool> {
        let done = sqlx::query("UPDATE introductions SET state = ? WHERE id = ? AND state = ?")
            .bind(to)
            .bind(intro)
            .bind(from)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The facilitator's introduction waiting for "why?": the one whose question `replied`
    /// is, or, for a text that replies to nothing, their latest one waiting since `since`.
    pub async fn intro_waiting_note(
        &self,
        facilitator: TelegramId,
        replied: Option<MessageId>,
        since: DateTime<Utc>,
    ) -> Result<Option<IntroView>> {
        let row: Option<IntroRow> = sqlx::query_as(&format!(
            "{INTRO_VIEW} WHERE f.telegram_id = ?1 AND i.state = 'noting'
               AND ((?2 IS NOT NULL AND i.note_message_id = ?2)
                    OR (?2 IS NULL AND i.created_at >= ?3))
             ORDER BY i.id DESC LIMIT 1"
        ))
        .bind(facilitator)
        .bind(replied)
        .bind(ts(since))
        .fetch_optional(&self.pool)
        .await?;
        view(row)
    }

    /// The facilitator's note: the introduction is sent (everyone waiting); `false` if it was
    /// not waiting for one.
    pub async fn send_introduction(&self, intro: IntroductionId, note: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE introductions SET note = ?, state = 'pending' WHERE id = ? AND state = 'noting'",
        )
        .bind(note)
        .bind(intro)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The invitation sent to one person of the introduction.
    pub async fn set_invitation(
        &self,
        intro: IntroductionId,
        person: PersonId,
        message: MessageId,
    ) -> Result<()> {
        sqlx::query(
            "UPDATE introduction_people SET message_id = ? WHERE introduction_id = ? AND person_id = ?",
        )
        .bind(message)
        .bind(intro)
        .bind(person)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// A person's Accept or No thanks, in one transaction: declining ends it (nothing is
    /// disclosed); the last acceptance makes it, with a relay between each two of them.
    pub async fn answer_introduction(
        &self,
        intro: IntroductionId,
        telegram_id: TelegramId,
        accept: bool,
        now: DateTime<Utc>,
    ) -> Result<Answered> {
        let mut tx = self.write_tx().await?;
        let answer = if accept {
            IntroAnswer::Accepted
        } else {
            IntroAnswer::Declined
        };
        let done = sqlx::query(
            "UPDATE introduction_people SET answer = ?1, answered_at = ?2
             WHERE introduction_id = ?3 AND answer = 'waiting'
               AND person_id = (SELECT id FROM people WHERE telegram_id = ?4)
               AND EXISTS (SELECT 1 FROM introductions WHERE id = ?3 AND state = 'pending')",
        )
        .bind(answer)
        .bind(ts(now))
        .bind(intro)
        .bind(telegram_id)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() != 1 {
            return Ok(Answered::Stale);
        }
        let (state, outcome) = if !accept {
            (IntroState::Declined, Answered::Declined)
        } else {
            let waiting: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM introduction_people
                 WHERE introduction_id = ? AND answer <> 'accepted'",
            )
            .bind(intro)
            .fetch_one(&mut *tx)
            .await?;
            if waiting > 0 {
                tx.commit().await?;
                return Ok(Answered::Waiting);
            }
            sqlx::query(
                "INSERT INTO relays (introduction_id, person_a, person_b)
                 SELECT a.introduction_id, a.person_id, b.person_id
                 FROM introduction_people a JOIN introduction_people b
                   ON b.introduction_id = a.introduction_id AND b.person_id > a.person_id
                 WHERE a.introduction_id = ?",
            )
            .bind(intro)
            .execute(&mut *tx)
            .await?;
            (IntroState::Made, Answered::Made)
        };
        sqlx::query("UPDATE introductions SET state = ?, decided_at = ? WHERE id = ?")
            .bind(state)
            .bind(ts(now))
            .bind(intro)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// Before a person's data is erased: their introductions still being picked, noted or
    /// answered are withdrawn (the others are told it did not happen). Each, with the others.
    pub async fn withdraw_introductions_of(
        &self,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<Vec<(IntroView, Vec<IntroPerson>)>> {
        let ids: Vec<IntroductionId> = sqlx::query_scalar(
            "UPDATE introductions SET state = 'withdrawn', decided_at = ?1
             WHERE state IN ('picking', 'noting', 'pending')
               AND (facilitator_id = (SELECT id FROM people WHERE telegram_id = ?2) OR id IN (
                    SELECT ip.introduction_id FROM introduction_people ip
                    JOIN people p ON p.id = ip.person_id WHERE p.telegram_id = ?2))
             RETURNING id",
        )
        .bind(ts(now))
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        let mut withdrawn = Vec::new();
        for id in ids {
            let Some(view) = self.intro(id).await? else {
                continue;
            };
            let others = self
                .intro_people(id)
                .await?
                .into_iter()
                .filter(|p| p.telegram_id != telegram_id)
                .collect();
            withdrawn.push((view, others));
        }
        Ok(withdrawn)
    }

    /// The introductions they were introduced in, for `/mydata`.
    pub(super) async fn introduction_records(
        &self,
        telegram_id: TelegramId,
    ) -> Result<Vec<IntroductionRecord>> {
        Ok(sqlx::query_as(
            "SELECT i.id AS introduction_id, g.slug AS \"group\", i.note, i.state, ip.answer,
                    i.created_at, ip.answered_at
             FROM introduction_people ip JOIN introductions i ON i.id = ip.introduction_id
             JOIN working_groups g ON g.id = i.group_id
             JOIN people p ON p.id = ip.person_id
             WHERE p.telegram_id = ? AND i.state NOT IN ('picking', 'noting') ORDER BY i.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
