//! Issue #19, offering help: a member's offers (made with the "I'd like to help" button,
//! `/help_with` or a `volunteer:` survey question), the two short steps after one (what they
//! can offer, how they may be contacted), withdrawing, and who offered help in a group.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::codec::time;
use super::{Result, Store, ts};
use crate::domain::{
    ContactConsent, GroupId, MessageId, OfferId, OfferStep, PostId, PostKind, QuestionId,
    TelegramId,
};

/// Whether a person may offer help with a post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Offerable {
    /// No sent post of that number in a running group the person is in: to someone outside
    /// the group it does not exist.
    Unknown,
    /// A post of theirs, but not a prototype (only prototypes take `/help_with`).
    NotPrototype,
    Yes(OfferTarget),
}

/// The post an offer is about.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfferTarget {
    pub post: PostId,
    pub title: String,
    pub kind: PostKind,
    pub group_id: GroupId,
    pub group_name: String,
}

/// One offer, as its author sees it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct OfferView {
    pub id: OfferId,
    pub post: PostId,
    pub post_title: String,
    pub group_name: String,
    pub text: Option<String>,
    pub contact: ContactConsent,
    pub step: OfferStep,
    pub created_at: DateTime<Utc>,
}

/// One offer, as the group's facilitators see it (`/volunteers`).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VolunteerLine {
    pub id: OfferId,
    pub name: String,
    pub post: PostId,
    pub post_title: String,
    pub text: Option<String>,
    pub contact: ContactConsent,
    pub created_at: DateTime<Utc>,
}

/// An offer in `/mydata`.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OfferRecord {
    pub post_id: i64,
    pub post_title: String,
    pub group: String,
    pub text: Option<String>,
    pub contact: ContactConsent,
    #[serde(serialize_with = "time")]
    pub created_at: DateTime<Utc>,
}

const OFFER_VIEW: &str =
    "SELECT o.id, o.post_id AS post, po.title AS post_title, g.name AS group_name,
        o.text, o.contact, o.step, o.created_at
    FROM offers o JOIN posts po ON po.id = o.post_id
    JOIN working_groups g ON g.id = po.group_id
    JOIN people p ON p.id = o.person_id";

impl Store {
    /// Whether the person may offer help with `post`: a sent post of a running group they
    /// are in (a prototype, when `prototype_only`).
    pub async fn offer_target(
        &self,
        telegram_id: TelegramId,
        post: PostId,
        prototype_only: bool,
    ) -> Result<Offerable> {
        let target: Option<OfferTarget> = sqlx::query_as(
            "SELECT po.id AS post, po.title, po.kind, g.id AS group_id, g.name AS group_name
             FROM posts po JOIN working_groups g ON g.id = po.group_id
             JOIN memberships m ON m.group_id = g.id AND m.left_at IS NULL
             JOIN people p ON p.id = m.person_id
             WHERE po.id = ? AND p.telegram_id = ? AND po.state = 'sent' AND g.archived_at IS NULL",
        )
        .bind(post)
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(match target {
            None => Offerable::Unknown,
            Some(t) if prototype_only && t.kind != PostKind::Prototype => Offerable::NotPrototype,
            Some(t) => Offerable::Yes(t),
        })
    }

    /// Records the person's offer of help with `post` (again: its two steps start over, what
    /// they wrote stays until they write something else): its id, and whether it is new.
    /// `None` if the person is unknown.
    pub async fn record_offer(
        &self,
        telegram_id: TelegramId,
        post: PostId,
        question: Option<QuestionId>,
        now: DateTime<Utc>,
    ) -> Result<Option<(OfferId, bool)>> {
        Ok(sqlx::query_as(
            "INSERT INTO offers (person_id, post_id, question_id, created_at, updated_at)
             SELECT id, ?1, ?2, ?3, ?3 FROM people WHERE telegram_id = ?4
             ON CONFLICT (person_id, post_id) DO UPDATE SET step = 'text',
                 question_id = COALESCE(excluded.question_id, question_id),
                 updated_at = excluded.updated_at
             RETURNING id, created_at = updated_at",
        )
        .bind(post)
        .bind(question)
        .bind(ts(now))
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The bot's "what can you offer?" message for the offer: a reply to it is the answer.
    pub async fn set_offer_prompt(&self, offer: OfferId, message: MessageId) -> Result<()> {
        sqlx::query("UPDATE offers SET prompt_message_id = ? WHERE id = ?")
            .bind(message)
            .bind(offer)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The person's offer `offer`; `None` if it is not theirs (or gone).
    pub async fn offer_of(
        &self,
        telegram_id: TelegramId,
        offer: OfferId,
    ) -> Result<Option<OfferView>> {
        Ok(sqlx::query_as(&format!(
            "{OFFER_VIEW} WHERE o.id = ? AND p.telegram_id = ?"
        ))
        .bind(offer)
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The offer a text from the person describes: the one whose question `replied` is (any
    /// step), or, for a text that replies to nothing, their latest offer still asking what
    /// they can offer, if asked since `since`.
    pub async fn offer_for_text(
        &self,
        telegram_id: TelegramId,
        replied: Option<MessageId>,
        since: DateTime<Utc>,
    ) -> Result<Option<OfferView>> {
        Ok(match replied {
            Some(message) => {
                sqlx::query_as(&format!(
                    "{OFFER_VIEW} WHERE p.telegram_id = ? AND o.prompt_message_id = ?"
                ))
                .bind(telegram_id)
                .bind(message)
                .fetch_optional(&self.pool)
                .await?
            }
            None => {
                sqlx::query_as(&format!(
                    "{OFFER_VIEW} WHERE p.telegram_id = ? AND o.step = 'text' AND o.updated_at >= ?
                     ORDER BY o.updated_at DESC, o.id DESC LIMIT 1"
                ))
                .bind(telegram_id)
                .bind(ts(since))
                .fetch_optional(&self.pool)
                .await?
            }
        })
    }

    /// What the person can offer (`None`: nothing written, Skip). The conversation moves on
    /// to how they may be contacted if it was at the first step; whether it was.
    pub async fn set_offer_text(
        &self,
        offer: OfferId,
        text: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let step: Option<OfferStep> = sqlx::query_scalar("SELECT step FROM offers WHERE id = ?")
            .bind(offer)
            .fetch_optional(&mut *tx)
            .await?;
        sqlx::query(
            "UPDATE offers SET text = COALESCE(?, text), updated_at = ?,
                 step = CASE step WHEN 'text' THEN 'contact' ELSE step END
             WHERE id = ?",
        )
        .bind(text)
        .bind(ts(now))
        .bind(offer)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(step == Some(OfferStep::Text))
    }

    /// How the person agreed to be contacted; the conversation is done.
    pub async fn set_offer_contact(
        &self,
        offer: OfferId,
        contact: ContactConsent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query("UPDATE offers SET contact = ?, step = 'done', updated_at = ? WHERE id = ?")
            .bind(contact)
            .bind(ts(now))
            .bind(offer)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The person's offers, newest first.
    pub async fn offers_of(&self, telegram_id: TelegramId) -> Result<Vec<OfferView>> {
        Ok(sqlx::query_as(&format!(
            "{OFFER_VIEW} WHERE p.telegram_id = ? ORDER BY o.created_at DESC, o.id DESC"
        ))
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Withdraws the person's offer: it is gone from every list at once. `false` if it was
    /// not theirs or already gone.
    pub async fn withdraw_offer(&self, telegram_id: TelegramId, offer: OfferId) -> Result<bool> {
        self.withdraw_offers(telegram_id, "id", offer.get()).await
    }

    /// A "no" to a `volunteer:` question: the offer its "yes" made is withdrawn.
    pub async fn withdraw_question_offer(
        &self,
        telegram_id: TelegramId,
        question: QuestionId,
    ) -> Result<bool> {
        self.withdraw_offers(telegram_id, "question_id", question.get())
            .await
    }

    /// Deletes the person's offers whose `column` (`id`, `question_id`) is `value`; whether
    /// there was one.
    async fn withdraw_offers(
        &self,
        telegram_id: TelegramId,
        column: &'static str,
        value: i64,
    ) -> Result<bool> {
        let done = sqlx::query(&format!(
            "DELETE FROM offers WHERE {column} = ?
                 AND person_id = (SELECT id FROM people WHERE telegram_id = ?)"
        ))
        .bind(value)
        .bind(telegram_id)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() > 0)
    }

    /// Who offered help with the group's posts (one post's, with `post`), newest first:
    /// current members only.
    pub async fn volunteers(
        &self,
        group: GroupId,
        post: Option<PostId>,
    ) -> Result<Vec<VolunteerLine>> {
        Ok(sqlx::query_as(
            "SELECT o.id, p.display_name AS name, o.post_id AS post, po.title AS post_title,
                    o.text, o.contact, o.created_at
             FROM offers o JOIN posts po ON po.id = o.post_id
             JOIN people p ON p.id = o.person_id
             WHERE po.group_id = ?1 AND (?2 IS NULL OR o.post_id = ?2)
               AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = o.person_id
                           AND m.group_id = ?1 AND m.left_at IS NULL)
             ORDER BY o.created_at DESC, o.id DESC",
        )
        .bind(group)
        .bind(post)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The person's offers, for `/mydata`.
    pub(super) async fn offer_records(&self, telegram_id: TelegramId) -> Result<Vec<OfferRecord>> {
        Ok(sqlx::query_as(
            "SELECT o.post_id, po.title AS post_title, g.slug AS \"group\", o.text, o.contact,
                    o.created_at
             FROM offers o JOIN posts po ON po.id = o.post_id
             JOIN working_groups g ON g.id = po.group_id
             JOIN people p ON p.id = o.person_id WHERE p.telegram_id = ? ORDER BY o.id",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?)
    }
}
