//! Working groups: creation, look-up by slug or invite code, invite links (rotation, expiry,
//! use caps), archiving and reopening. Each change is recorded in the audit trail.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::audit::{Actor, NewAuditEvent, record};
use super::{Result, Store, StoreError, ts};
use crate::domain::{
    AuditAction, Challenge, GroupId, GroupName, GroupSlug, InviteCode, Role, SurveyId,
};

#[derive(Debug, Clone)]
pub struct Group {
    pub id: GroupId,
    pub slug: GroupSlug,
    pub name: GroupName,
    pub challenge: Challenge,
    pub member_code: InviteCode,
    pub facilitator_code: InviteCode,
    pub member_limit: LinkLimit,
    pub facilitator_limit: LinkLimit,
    pub archived: bool,
}

impl Group {
    pub fn code_for(&self, role: Role) -> &InviteCode {
        match role {
            Role::Member => &self.member_code,
            Role::Facilitator => &self.facilitator_code,
        }
    }

    pub fn limit_for(&self, role: Role) -> &LinkLimit {
        match role {
            Role::Member => &self.member_limit,
            Role::Facilitator => &self.facilitator_limit,
        }
    }
}

/// An invite link's optional expiry and use cap, and how often it was used.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkLimit {
    pub expires_at: Option<DateTime<Utc>>,
    pub max_uses: Option<i64>,
    pub uses: i64,
}

impl LinkLimit {
    /// Whether the link still lets someone join at `now`.
    pub fn open_at(&self, now: DateTime<Utc>) -> bool {
        self.expires_at.is_none_or(|at| at > now) && self.max_uses.is_none_or(|max| self.uses < max)
    }
}

/// Which invite links a rotation replaces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rotation {
    Member,
    Facilitator,
    Both,
}

impl Rotation {
    pub fn roles(self) -> &'static [Role] {
        match self {
            Rotation::Member => &[Role::Member],
            Rotation::Facilitator => &[Role::Facilitator],
            Rotation::Both => &[Role::Member, Role::Facilitator],
        }
    }
}

/// What archiving did.
#[derive(Debug, Clone, Default)]
pub struct Archived {
    /// The surveys it closed (their buttons are to be removed).
    pub closed_surveys: Vec<SurveyId>,
    /// How many members the thanks were queued for.
    pub thanked: u64,
}

/// A group in a coordinator's list.
#[derive(Debug, Clone)]
pub struct GroupOverview {
    pub slug: GroupSlug,
    pub name: GroupName,
    pub members: i64,
    pub facilitators: i64,
    pub archived: bool,
}

// Made once per `/newgroup`: its size does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug)]
pub enum CreateGroup {
    Created(Group),
    SlugTaken,
}

#[derive(sqlx::FromRow)]
pub(super) struct GroupRow {
    id: GroupId,
    slug: String,
    name: String,
    challenge: String,
    member_code: String,
    facilitator_code: String,
    member_expires_at: Option<DateTime<Utc>>,
    member_max_uses: Option<i64>,
    member_uses: i64,
    facilitator_expires_at: Option<DateTime<Utc>>,
    facilitator_max_uses: Option<i64>,
    facilitator_uses: i64,
    archived_at: Option<String>,
}

impl GroupRow {
    pub(super) fn into_group(self) -> Result<Group> {
        let corrupt =
            |what: &str| StoreError::Corrupt(format!("{what} of group {}", self.id.get()));
        Ok(Group {
            id: self.id,
            slug: GroupSlug::parse(&self.slug).map_err(|_| corrupt("slug"))?,
            name: GroupName::parse(&self.name).map_err(|_| corrupt("name"))?,
            challenge: Challenge::parse(&self.challenge).map_err(|_| corrupt("challenge"))?,
            member_code: InviteCode::parse(&self.member_code)
                .map_err(|_| corrupt("member code"))?,
            facilitator_code: InviteCode::parse(&self.facilitator_code)
                .map_err(|_| corrupt("facilitator code"))?,
            member_limit: LinkLimit {
                expires_at: self.member_expires_at,
                max_uses: self.member_max_uses,
                uses: self.member_uses,
            },
            facilitator_limit: LinkLimit {
                expires_at: self.facilitator_expires_at,
                max_uses: self.facilitator_max_uses,
                uses: self.facilitator_uses,
            },
            archived: self.archived_at.is_some(),
        })
    }
}

pub(super) const GROUP_COLUMNS: &str = "g.id, g.slug, g.name, g.challenge, g.member_code, \
     g.facilitator_code, g.member_expires_at, g.member_max_uses, g.member_uses, \
     g.facilitator_expires_at, g.facilitator_max_uses, g.facilitator_uses, g.archived_at";

impl Store {
    /// Creates a working group with fresh member and facilitator invite codes.
    pub async fn create_group(
        &self,
        slug: &GroupSlug,
        name: &GroupName,
        challenge: &Challenge,
        now: DateTime<Utc>,
    ) -> Result<CreateGroup> {
        self.create_group_by(slug, name, challenge, None, now).await
    }

    /// [`Store::create_group`], recording who created it in the audit trail.
    pub async fn create_group_by(
        &self,
        slug: &GroupSlug,
        name: &GroupName,
        challenge: &Challenge,
        actor: Option<&Actor>,
        now: DateTime<Utc>,
    ) -> Result<CreateGroup> {
        let mut tx = self.write_tx().await?;
        let inserted = sqlx::query(
            "INSERT INTO working_groups (slug, name, challenge, member_code, facilitator_code, created_at)
             VALUES (?, ?, ?, ?, ?, ?)
             ON CONFLICT (slug) DO NOTHING",
        )
        .bind(slug.as_str())
        .bind(name.as_str())
        .bind(challenge.as_str())
        .bind(InviteCode::generate().as_str())
        .bind(InviteCode::generate().as_str())
        .bind(ts(now))
        .execute(&mut *tx)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(CreateGroup::SlugTaken);
        }
        if let Some(actor) = actor {
            let id = GroupId::new(inserted.last_insert_rowid());
            let event = NewAuditEvent::new(id, AuditAction::GroupCreated, actor.clone());
            record(&mut tx, &event, now).await?;
        }
        tx.commit().await?;
        let group = self
            .group_by_slug(slug)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("group {slug} vanished after insert")))?;
        Ok(CreateGroup::Created(group))
    }

    pub async fn group_by_slug(&self, slug: &GroupSlug) -> Result<Option<Group>> {
        let row: Option<GroupRow> = sqlx::query_as(&format!(
            "SELECT {GROUP_COLUMNS} FROM working_groups g WHERE g.slug = ?"
        ))
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await?;
        row.map(GroupRow::into_group).transpose()
    }

    pub async fn group_by_id(&self, id: GroupId) -> Result<Option<Group>> {
        let row: Option<GroupRow> = sqlx::query_as(&format!(
            "SELECT {GROUP_COLUMNS} FROM working_groups g WHERE g.id = ?"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(GroupRow::into_group).transpose()
    }

    /// The group an invite code opens, and the role it grants (archived groups included: the
    /// caller tells the person the group is archived).
    pub async fn group_by_invite(&self, code: &InviteCode) -> Result<Option<(Group, Role)>> {
        let row: Option<GroupRow> = sqlx::query_as(&format!(
            "SELECT {GROUP_COLUMNS} FROM working_groups g
             WHERE g.member_code = ?1 OR g.facilitator_code = ?1"
        ))
        .bind(code.as_str())
        .fetch_optional(&self.pool)
        .await?;
        let Some(group) = row.map(GroupRow::into_group).transpose()? else {
            return Ok(None);
        };
        let role = if &group.facilitator_code == code {
            Role::Facilitator
        } else {
            Role::Member
        };
        Ok(Some((group, role)))
    }

    /// All groups with their current member and facilitator counts, by slug.
    pub async fn list_groups(&self) -> Result<Vec<GroupOverview>> {
        let rows: Vec<(String, String, i64, i64, bool)> = sqlx::query_as(
            "SELECT g.slug, g.name,
                    COUNT(m.id) FILTER (WHERE m.role = 'member'),
                    COUNT(m.id) FILTER (WHERE m.role = 'facilitator'),
                    g.archived_at IS NOT NULL
             FROM working_groups g
             LEFT JOIN memberships m ON m.group_id = g.id AND m.left_at IS NULL
             GROUP BY g.id
             ORDER BY g.slug",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(slug, name, members, facilitators, archived)| {
                Ok(GroupOverview {
                    slug: GroupSlug::parse(&slug)
                        .map_err(|_| StoreError::Corrupt(format!("slug {slug:?}")))?,
                    name: GroupName::parse(&name)
                        .map_err(|_| StoreError::Corrupt(format!("name {name:?}")))?,
                    members,
                    facilitators,
                    archived,
                })
            })
            .collect()
    }

    /// Replaces the chosen invite codes of a group: links handed out before answer that they
    /// were replaced; the new links have no expiry or cap. Returns the group as it is now.
    pub async fn rotate_links(
        &self,
        group: GroupId,
        which: Rotation,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<Group>> {
        let mut tx = self.write_tx().await?;
        for role in which.roles() {
            replace_code(&mut tx, group, *role, now).await?;
        }
        let detail = match which {
            Rotation::Member => "member",
            Rotation::Facilitator => "facilitator",
            Rotation::Both => "member+facilitator",
        };
        let event =
            NewAuditEvent::new(group, AuditAction::LinkRotated, actor.clone()).detail(detail);
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        self.group_by_id(group).await
    }

    /// Sets (or clears, with `None`s) the expiry and use cap of one invite link; its use count
    /// starts again from zero.
    pub async fn limit_link(
        &self,
        group: GroupId,
        role: Role,
        limit: &LinkLimit,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let mut tx = self.write_tx().await?;
        let column = role.as_str();
        sqlx::query(&format!(
            "UPDATE working_groups SET {column}_expires_at = ?, {column}_max_uses = ?, {column}_uses = 0
             WHERE id = ?"
        ))
        .bind(limit.expires_at.map(ts))
        .bind(limit.max_uses)
        .bind(group)
        .execute(&mut *tx)
        .await?;
        let mut detail = role.as_str().to_owned();
        if let Some(at) = limit.expires_at {
            detail.push_str(&format!(" · expires {}", at.format("%Y-%m-%d %H:%M UTC")));
        }
        if let Some(max) = limit.max_uses {
            detail.push_str(&format!(" · {max} uses"));
        }
        let event =
            NewAuditEvent::new(group, AuditAction::LinkLimited, actor.clone()).detail(detail);
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Archives a group: no new posts, surveys or members; its invite links stop working; its
    /// open surveys close; its history stays. `None` if it was already archived.
    pub async fn archive_group(
        &self,
        group: GroupId,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<Archived>> {
        self.archive(group, actor, None, now).await
    }

    /// Archives a group as [`Store::archive_group`] does and, in the same transaction, queues
    /// `thanks` in the outbox for its members (not the actor, nor anyone who paused or blocked
    /// the bot): archiving twice thanks nobody twice.
    pub async fn archive_group_thanking(
        &self,
        group: GroupId,
        actor: &Actor,
        thanks: &super::RenderedPost,
        now: DateTime<Utc>,
    ) -> Result<Option<Archived>> {
        self.archive(group, actor, Some(thanks), now).await
    }

    async fn archive(
        &self,
        group: GroupId,
        actor: &Actor,
        thanks: Option<&super::RenderedPost>,
        now: DateTime<Utc>,
    ) -> Result<Option<Archived>> {
        let except = match actor {
            Actor::Person { telegram_id, .. } => {
                self.person_by_telegram(*telegram_id).await?.map(|p| p.id)
            }
            Actor::Operator => None,
        };
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE working_groups SET archived_at = ? WHERE id = ? AND archived_at IS NULL",
        )
        .bind(ts(now))
        .bind(group)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(None);
        }
        let closed_surveys = close_open_surveys(&mut tx, group, now).await?;
        let thanked = match thanks {
            Some(thanks) => {
                super::notices::queue_farewell(&mut tx, group, thanks, except, now).await?
            }
            None => 0,
        };
        let event = NewAuditEvent::new(group, AuditAction::Archived, actor.clone());
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(Some(Archived {
            closed_surveys,
            thanked,
        }))
    }

    /// Reopens an archived group. Its old links stay dead until rotated (they are retired
    /// here). `false` if it was not archived.
    pub async fn unarchive_group(
        &self,
        group: GroupId,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let done = sqlx::query(
            "UPDATE working_groups SET archived_at = NULL WHERE id = ? AND archived_at IS NOT NULL",
        )
        .bind(group)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            return Ok(false);
        }
        // The links it had stay closed for good: each is retired and replaced by a new code
        // nobody holds yet, so only links handed out after reopening (`/invite`, `/rotate`) work.
        for role in [Role::Member, Role::Facilitator] {
            replace_code(&mut tx, group, role, now).await?;
        }
        let event = NewAuditEvent::new(group, AuditAction::Unarchived, actor.clone());
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Keeps (or clears) the last words of an `/archive` until its confirm button is pressed.
    pub async fn set_farewell(&self, group: GroupId, words: Option<&str>) -> Result<()> {
        sqlx::query("UPDATE working_groups SET farewell = ? WHERE id = ?")
            .bind(words)
            .bind(group)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The last words waiting for an `/archive` confirmation.
    pub async fn farewell(&self, group: GroupId) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar("SELECT farewell FROM working_groups WHERE id = ?")
                .bind(group)
                .fetch_optional(&self.pool)
                .await?
                .flatten(),
        )
    }

    /// Whether the code was one of the group's links before a rotation.
    pub async fn is_retired_code(&self, code: &InviteCode) -> Result<bool> {
        Ok(
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM retired_invite_codes WHERE code = ?)")
                .bind(code.as_str())
                .fetch_one(&self.pool)
                .await?,
        )
    }

    pub async fn count_groups(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM working_groups")
            .fetch_one(&self.pool)
            .await?)
    }
}

/// Retires one invite code of the group (an old link then answers that it was replaced) and
/// gives the link a new code, without expiry or cap.
async fn replace_code(
    conn: &mut SqliteConnection,
    group: GroupId,
    role: Role,
    now: DateTime<Utc>,
) -> Result<()> {
    let column = role.as_str();
    sqlx::query(&format!(
        "INSERT OR IGNORE INTO retired_invite_codes (code, group_id, retired_at)
         SELECT {column}_code, id, ? FROM working_groups WHERE id = ?"
    ))
    .bind(ts(now))
    .bind(group)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "UPDATE working_groups SET {column}_code = ?, {column}_expires_at = NULL,
                {column}_max_uses = NULL, {column}_uses = 0
         WHERE id = ?"
    ))
    .bind(InviteCode::generate().as_str())
    .bind(group)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Closes the group's open surveys, as `/closesurvey` does each; their ids.
async fn close_open_surveys(
    conn: &mut SqliteConnection,
    group: GroupId,
    now: DateTime<Utc>,
) -> Result<Vec<SurveyId>> {
    Ok(sqlx::query_scalar(
        "UPDATE surveys SET state = 'closed', closed_at = ?1, closes_at = MIN(COALESCE(closes_at, ?1), ?1)
         WHERE group_id = ?2 AND state = 'open'
         RETURNING id",
    )
    .bind(ts(now))
    .bind(group)
    .fetch_all(&mut *conn)
    .await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::test_support::store;

    fn slug(s: &str) -> GroupSlug {
        GroupSlug::parse(s).unwrap()
    }

    async fn create(store: &Store, s: &str) -> Group {
        match store
            .create_group(
                &slug(s),
                &GroupName::parse("Water").unwrap(),
                &Challenge::default(),
                Utc::now(),
            )
            .await
            .unwrap()
        {
            CreateGroup::Created(g) => g,
            CreateGroup::SlugTaken => panic!("slug taken"),
        }
    }

    #[tokio::test]
    async fn create_find_and_refuse_duplicates() {
        let (store, _dir) = store().await;
        let group = create(&store, "water-access").await;
        assert_ne!(group.member_code, group.facilitator_code);
        assert!(!group.archived);
        let again = store
            .create_group(
                &slug("water-access"),
                &GroupName::parse("Other").unwrap(),
                &Challenge::default(),
                Utc::now(),
            )
            .await
            .unwrap();
        assert!(matches!(again, CreateGroup::SlugTaken));
        assert_eq!(store.count_groups().await.unwrap(), 1);

        let (found, role) = store
            .group_by_invite(&group.member_code)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((found.id, role), (group.id, Role::Member));
        let (_, role) = store
            .group_by_invite(&group.facilitator_code)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(role, Role::Facilitator);
        assert!(
            store
                .group_by_invite(&InviteCode::generate())
                .await
                .unwrap()
                .is_none()
        );
    }

    #[tokio::test]
    async fn rotation_and_archiving() {
        let (store, _dir) = store().await;
        let group = create(&store, "housing").await;
        store
            .rotate_links(
                group.id,
                Rotation::Both,
                &crate::store::Actor::Operator,
                Utc::now(),
            )
            .await
            .unwrap();
        assert!(
            store
                .group_by_invite(&group.member_code)
                .await
                .unwrap()
                .is_none()
        );
        store
            .archive_group(group.id, &crate::store::Actor::Operator, Utc::now())
            .await
            .unwrap();
        let now = store
            .group_by_slug(&slug("housing"))
            .await
            .unwrap()
            .unwrap();
        assert!(now.archived);
        assert_eq!(store.list_groups().await.unwrap().len(), 1);
    }
}
