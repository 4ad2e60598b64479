//! Issue #19, other actors: organisations, experts and public offices a group works with —
//! added by its facilitators with what they offer, how they may be reached (what they agreed
//! to publish) and a category; listed for facilitators; shared with the members as a group
//! notice through the durable outbox.

use chrono::{DateTime, Utc};

use super::{RenderedPost, Result, Store, StoreError, ts};
use crate::command::NewActor;
use crate::domain::{ActorContact, Category, GroupId, PersonId, TelegramId};

/// An actor, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorView {
    pub id: i64,
    pub group_id: GroupId,
    pub name: String,
    pub offers: Option<String>,
    pub contact: Option<ActorContact>,
    pub category: Option<Category>,
}

#[derive(sqlx::FromRow)]
struct ActorRow {
    id: i64,
    group_id: GroupId,
    name: String,
    offers: Option<String>,
    contact_kind: Option<String>,
    contact: Option<String>,
    category: Option<Category>,
}

impl ActorRow {
    fn into_view(self) -> Result<ActorView> {
        let contact = match (self.contact_kind.as_deref(), self.contact.as_deref()) {
            (Some(kind), Some(text)) => Some(
                ActorContact::from_stored(kind, text)
                    .ok_or_else(|| StoreError::Corrupt(format!("contact of actor {}", self.id)))?,
            ),
            _ => None,
        };
        Ok(ActorView {
            id: self.id,
            group_id: self.group_id,
            name: self.name,
            offers: self.offers,
            contact,
            category: self.category,
        })
    }
}

const ACTOR: &str =
    "SELECT id, group_id, name, offers, contact_kind, contact, category FROM actors";

impl Store {
    /// Adds an actor to the group; its number.
    pub async fn add_actor(
        &self,
        group: GroupId,
        actor: &NewActor,
        added_by: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO actors (group_id, name, offers, contact_kind, contact, category, added_by,
                                 created_at)
             VALUES (?, ?, ?, ?, ?, ?, (SELECT id FROM people WHERE telegram_id = ?), ?)
             RETURNING id",
        )
        .bind(group)
        .bind(actor.name.as_str())
        .bind(actor.offers.as_ref().map(|o| o.as_str()))
        .bind(actor.contact.as_ref().map(ActorContact::kind))
        .bind(actor.contact.as_ref().map(ActorContact::as_str))
        .bind(actor.category)
        .bind(added_by)
        .bind(ts(now))
        .fetch_one(&self.pool)
        .await?)
    }

    /// The group's actors, by name.
    pub async fn actors_of(&self, group: GroupId) -> Result<Vec<ActorView>> {
        let rows: Vec<ActorRow> = sqlx::query_as(&format!(
            "{ACTOR} WHERE group_id = ? ORDER BY name COLLATE NOCASE, id"
        ))
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ActorRow::into_view).collect()
    }

    /// Actor `id`, whatever its group (the caller checks rights on its group).
    pub async fn actor(&self, id: i64) -> Result<Option<ActorView>> {
        let row: Option<ActorRow> = sqlx::query_as(&format!("{ACTOR} WHERE id = ?"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(ActorRow::into_view).transpose()
    }

    /// Shares an actor with the group's members: `rendered` (in every language) is queued as a
    /// group notice for each current member who did not pause or block the bot, but `except`
    /// (who shares it). How many were queued.
    pub async fn share_actor(
        &self,
        group: GroupId,
        rendered: &RenderedPost,
        except: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut tx = self.write_tx().await?;
        let queued =
            super::notices::queue_notice(&mut tx, group, "actor", rendered, except, now).await?;
        tx.commit().await?;
        Ok(queued)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Migration 20261207100003 widens `group_notices.kind` in place: a notice queued before
    /// it keeps its deliveries, an actor notice can be queued after it, and nothing else can.
    #[tokio::test]
    async fn widening_the_notice_kinds_keeps_queued_notices() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("coloop.db")).await.unwrap();
        let before = sqlx::migrate::Migrator {
            migrations: std::borrow::Cow::Owned(
                super::super::MIGRATOR
                    .migrations
                    .iter()
                    .filter(|m| m.version < 20261207100003)
                    .cloned()
                    .collect(),
            ),
            ..sqlx::migrate::Migrator::DEFAULT
        };
        before.run(&store.pool).await.unwrap();
        for sql in [
            "INSERT INTO working_groups (id, slug, name, member_code, facilitator_code, created_at)
             VALUES (1, 'g', 'G', 'm', 'f', 'x')",
            "INSERT INTO people (id, telegram_id, display_name, consent_at, consent_version, created_at)
             VALUES (1, 100, 'A', 'x', 1, 'x')",
            "INSERT INTO memberships (person_id, group_id, role, joined_at)
             VALUES (1, 1, 'member', 'x')",
            "INSERT INTO group_notices (id, group_id, kind, rendered, created_at)
             VALUES (5, 1, 'farewell', '{}', 'x')",
            "INSERT INTO deliveries (notice_id, person_id, chat_id, chat_kind, state, next_attempt_at, created_at)
             VALUES (5, 1, 100, 'private', 'pending', 'x', 'x')",
        ] {
            sqlx::query(sql).execute(&store.pool).await.unwrap();
        }
        assert!(
            sqlx::query("INSERT INTO group_notices (group_id, kind, rendered, created_at) VALUES (1, 'actor', '{}', 'x')")
                .execute(&store.pool)
                .await
                .is_err(),
            "before the migration an actor notice is refused"
        );
        store.migrate().await.unwrap();
        let deliveries: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM deliveries WHERE notice_id = 5")
                .fetch_one(&store.pool)
                .await
                .unwrap();
        assert_eq!(deliveries, 1);
        let rendered = RenderedPost::same_for_all(vec!["An actor".into()]);
        assert_eq!(
            store
                .share_actor(GroupId::new(1), &rendered, None, Utc::now())
                .await
                .unwrap(),
            1
        );
        assert!(
            sqlx::query("INSERT INTO group_notices (group_id, kind, rendered, created_at) VALUES (1, 'other', '{}', 'x')")
                .execute(&store.pool)
                .await
                .is_err()
        );
        let problems: Vec<(String,)> = sqlx::query_as("PRAGMA foreign_key_check")
            .fetch_all(&store.pool)
            .await
            .unwrap();
        assert!(problems.is_empty());
    }
}
