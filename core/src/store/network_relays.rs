//! Issue #19, the relay between introduced people: which bot message in whose chat leads to
//! whom, so that a reply to it is passed on; how many messages a person passed on lately (the
//! rate limit); and ending a relay. What people write is never stored here.

use chrono::{DateTime, Utc};

use super::{Result, Store, ts};
use crate::domain::{IntroductionId, MessageId, PersonId, RelayId, TelegramId};

/// One side of a relay, as the other side reaches it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RelayPeer {
    pub person: PersonId,
    pub telegram_id: TelegramId,
    pub name: String,
    pub language: Option<String>,
}

/// Where a reply to a relay message goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelayTarget {
    pub relay: RelayId,
    pub ended: bool,
    /// The person replying.
    pub me: RelayPeer,
    /// The other side; `None` once they erased their data (the relay is over).
    pub peer: Option<RelayPeer>,
}

#[derive(sqlx::FromRow)]
struct RelayRow {
    relay: RelayId,
    ended: bool,
    person_a: Option<PersonId>,
    person_b: Option<PersonId>,
}

impl Store {
    /// The relays of a made introduction: each two of its people.
    pub async fn relays_of(
        &self,
        intro: IntroductionId,
    ) -> Result<Vec<(RelayId, PersonId, PersonId)>> {
        Ok(sqlx::query_as(
            "SELECT id, person_a, person_b FROM relays
             WHERE introduction_id = ? AND person_a IS NOT NULL AND person_b IS NOT NULL
             ORDER BY id",
        )
        .bind(intro)
        .fetch_all(&self.pool)
        .await?)
    }

    /// A bot message in `person`'s chat that leads to the other side of `relay` (`sender`:
    /// whose message it passed on, if any).
    pub async fn add_relay_message(
        &self,
        relay: RelayId,
        person: PersonId,
        message: MessageId,
        sender: Option<PersonId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT OR IGNORE INTO relay_messages (relay_id, person_id, message_id, sender_id, sent_at)
             VALUES (?, ?, ?, ?, ?)",
        )
        .bind(relay)
        .bind(person)
        .bind(message)
        .bind(sender)
        .bind(ts(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn relay_peer(&self, person: Option<PersonId>) -> Result<Option<RelayPeer>> {
        let Some(person) = person else {
            return Ok(None);
        };
        Ok(sqlx::query_as(
            "SELECT id AS person, telegram_id, display_name AS name, language FROM people WHERE id = ?",
        )
        .bind(person)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The relay `relay` between the person and someone else, from their side.
    async fn relay_from(
        &self,
        row: Option<RelayRow>,
        me: TelegramId,
    ) -> Result<Option<RelayTarget>> {
        let Some(row) = row else {
            return Ok(None);
        };
        let (a, b) = (
            self.relay_peer(row.person_a).await?,
            self.relay_peer(row.person_b).await?,
        );
        let (mine, peer) = if a.as_ref().is_some_and(|a| a.telegram_id == me) {
            (a, b)
        } else {
            (b, a)
        };
        let Some(mine) = mine.filter(|m| m.telegram_id == me) else {
            return Ok(None);
        };
        Ok(Some(RelayTarget {
            relay: row.relay,
            ended: row.ended || peer.is_none(),
            me: mine,
            peer,
        }))
    }

    /// Where a reply to bot message `message` in the person's chat goes, if it is a relay's.
    pub async fn relay_for_reply(
        &self,
        telegram_id: TelegramId,
        message: MessageId,
    ) -> Result<Option<RelayTarget>> {
        let row: Option<RelayRow> = sqlx::query_as(
            "SELECT r.id AS relay, r.ended_at IS NOT NULL AS ended, r.person_a, r.person_b
             FROM relay_messages rm JOIN relays r ON r.id = rm.relay_id
             JOIN people p ON p.id = rm.person_id
             WHERE p.telegram_id = ? AND rm.message_id = ?",
        )
        .bind(telegram_id)
        .bind(message)
        .fetch_optional(&self.pool)
        .await?;
        self.relay_from(row, telegram_id).await
    }

    /// How many messages the person passed on through relays since `since`.
    pub async fn relayed_since(
        &self,
        telegram_id: TelegramId,
        since: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM relay_messages
             WHERE sender_id = (SELECT id FROM people WHERE telegram_id = ?) AND sent_at >= ?",
        )
        .bind(telegram_id)
        .bind(ts(since))
        .fetch_one(&self.pool)
        .await?)
    }

    /// Ends the relay, by one of its two people; the relay from their side, `None` if it is
    /// not theirs or already ended.
    pub async fn end_relay(
        &self,
        relay: RelayId,
        telegram_id: TelegramId,
        now: DateTime<Utc>,
    ) -> Result<Option<RelayTarget>> {
        let row: Option<RelayRow> = sqlx::query_as(
            "UPDATE relays SET ended_at = ?1
             WHERE id = ?2 AND ended_at IS NULL
               AND (SELECT id FROM people WHERE telegram_id = ?3) IN (person_a, person_b)
             RETURNING id AS relay, 1 AS ended, person_a, person_b",
        )
        .bind(ts(now))
        .bind(relay)
        .bind(telegram_id)
        .fetch_optional(&self.pool)
        .await?;
        self.relay_from(row, telegram_id).await
    }
}
