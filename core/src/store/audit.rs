//! The audit trail: an append-only record of every change to a working group's composition,
//! links and life (who, what, which group, when, and the person it was done to). Nothing here
//! deletes an event; erasing a person (`/forget`) blanks who they were and keeps the event.

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::SqliteConnection;

use super::codec::time;
use super::{Result, Store, ts};
use crate::domain::{AuditAction, DisplayName, GroupId, TelegramId};

/// Who did something.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Actor {
    /// Someone in Telegram, with the name they have there.
    Person {
        telegram_id: TelegramId,
        name: DisplayName,
    },
    /// The operator, through the `coloop` command line.
    Operator,
}

/// One event to record.
#[derive(Debug, Clone)]
pub struct NewAuditEvent {
    pub group: Option<GroupId>,
    pub action: AuditAction,
    pub actor: Actor,
    /// The person it was done to, when there is one (their stored name is recorded).
    pub target: Option<TelegramId>,
    /// What exactly (which link, the post or comment id), for reading only.
    pub detail: String,
}

impl NewAuditEvent {
    pub fn new(group: GroupId, action: AuditAction, actor: Actor) -> Self {
        Self {
            group: Some(group),
            action,
            actor,
            target: None,
            detail: String::new(),
        }
    }

    pub fn target(mut self, target: TelegramId) -> Self {
        self.target = Some(target);
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// A person as an event shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Person(String),
    Operator,
    /// Someone who asked coloop to forget them.
    Erased,
}

/// A recorded event, as `/audit` and `/mydata` show it.
#[derive(Debug, Clone, Serialize)]
pub struct AuditEvent {
    #[serde(serialize_with = "time")]
    pub at: DateTime<Utc>,
    /// The group's slug (as text: the group may have been renamed since).
    pub group: Option<String>,
    pub action: AuditAction,
    pub actor: Party,
    pub target: Option<Party>,
    pub detail: String,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    at: DateTime<Utc>,
    slug: Option<String>,
    action: AuditAction,
    actor_kind: String,
    actor_name: Option<String>,
    target_kind: Option<String>,
    target_name: Option<String>,
    detail: String,
}

fn party(kind: &str, name: Option<String>) -> Result<Party> {
    match (kind, name) {
        ("person", Some(name)) => Ok(Party::Person(name)),
        ("operator", _) => Ok(Party::Operator),
        ("erased", _) => Ok(Party::Erased),
        (kind, _) => Err(super::StoreError::Corrupt(format!("audit party {kind:?}"))),
    }
}

impl EventRow {
    fn into_event(self) -> Result<AuditEvent> {
        Ok(AuditEvent {
            at: self.at,
            group: self.slug,
            action: self.action,
            actor: party(&self.actor_kind, self.actor_name)?,
            target: self
                .target_kind
                .map(|kind| party(&kind, self.target_name))
                .transpose()?,
            detail: self.detail,
        })
    }
}

const EVENT_COLUMNS: &str = "e.at, g.slug, e.action, e.actor_kind, e.actor_name, e.target_kind, \
                             e.target_name, e.detail";

/// Records one event inside the caller's transaction.
pub(super) async fn record(
    conn: &mut SqliteConnection,
    event: &NewAuditEvent,
    now: DateTime<Utc>,
) -> Result<()> {
    let (actor_kind, actor_telegram, actor_name) = match &event.actor {
        Actor::Person { telegram_id, name } => ("person", Some(*telegram_id), Some(name.as_str())),
        Actor::Operator => ("operator", None, None),
    };
    sqlx::query(
        "INSERT INTO audit_events (at, group_id, action, actor_kind, actor_telegram, actor_name,
                                   target_kind, target_telegram, target_name, detail)
         VALUES (?1, ?2, ?3, ?4, ?5,
                 COALESCE((SELECT display_name FROM people WHERE telegram_id = ?5), ?6),
                 CASE WHEN ?7 IS NULL THEN NULL ELSE 'person' END, ?7,
                 (SELECT display_name FROM people WHERE telegram_id = ?7), ?8)",
    )
    .bind(ts(now))
    .bind(event.group)
    .bind(event.action)
    .bind(actor_kind)
    .bind(actor_telegram)
    .bind(actor_name)
    .bind(event.target)
    .bind(&event.detail)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `/forget`: the events stay, the erased person in them becomes "an erased person".
pub(super) async fn erase_from_audit(
    conn: &mut SqliteConnection,
    telegram_id: TelegramId,
) -> Result<()> {
    for party in ["actor", "target"] {
        sqlx::query(&format!(
            "UPDATE audit_events
             SET {party}_kind = 'erased', {party}_telegram = NULL, {party}_name = NULL
             WHERE {party}_telegram = ?"
        ))
        .bind(telegram_id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

impl Store {
    /// Records one event on its own (for actions whose own write is elsewhere).
    pub async fn record_audit(&self, event: &NewAuditEvent, now: DateTime<Utc>) -> Result<()> {
        let mut tx = self.write_tx().await?;
        record(&mut tx, event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// A group's events since `since`, newest first, at most `limit`.
    pub async fn audit_of_group(
        &self,
        group: GroupId,
        since: DateTime<Utc>,
        limit: i64,
    ) -> Result<Vec<AuditEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events e LEFT JOIN working_groups g ON g.id = e.group_id
             WHERE e.group_id = ? AND e.at >= ? ORDER BY e.id DESC LIMIT ?"
        ))
        .bind(group)
        .bind(ts(since))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(EventRow::into_event).collect()
    }

    /// The events where the person is the actor or the target, oldest first (`/mydata`).
    pub async fn audit_of_person(&self, telegram_id: TelegramId) -> Result<Vec<AuditEvent>> {
        let rows: Vec<EventRow> = sqlx::query_as(&format!(
            "SELECT {EVENT_COLUMNS} FROM audit_events e LEFT JOIN working_groups g ON g.id = e.group_id
             WHERE e.actor_telegram = ?1 OR e.target_telegram = ?1 ORDER BY e.id"
        ))
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(EventRow::into_event).collect()
    }

    /// How many events the trail holds (tests and checks).
    pub async fn count_audit_events(&self, action: AuditAction) -> Result<i64> {
        Ok(
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = ?")
                .bind(action)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}
