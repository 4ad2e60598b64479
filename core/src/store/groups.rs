//! Working groups: creation, look-up by slug or invite code, code rotation, archiving.

use chrono::{DateTime, Utc};

use super::{Result, Store, StoreError, ts};
use crate::domain::{Challenge, GroupId, GroupName, GroupSlug, InviteCode, Role};

#[derive(Debug, Clone)]
pub struct Group {
    pub id: GroupId,
    pub slug: GroupSlug,
    pub name: GroupName,
    pub challenge: Challenge,
    pub member_code: InviteCode,
    pub facilitator_code: InviteCode,
    pub archived: bool,
}

impl Group {
    pub fn code_for(&self, role: Role) -> &InviteCode {
        match role {
            Role::Member => &self.member_code,
            Role::Facilitator => &self.facilitator_code,
        }
    }
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
            archived: self.archived_at.is_some(),
        })
    }
}

pub(super) const GROUP_COLUMNS: &str =
    "g.id, g.slug, g.name, g.challenge, g.member_code, g.facilitator_code, g.archived_at";

impl Store {
    /// Creates a working group with fresh member and facilitator invite codes.
    pub async fn create_group(
        &self,
        slug: &GroupSlug,
        name: &GroupName,
        challenge: &Challenge,
        now: DateTime<Utc>,
    ) -> Result<CreateGroup> {
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
        .execute(&self.pool)
        .await?;
        if inserted.rows_affected() == 0 {
            return Ok(CreateGroup::SlugTaken);
        }
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

    /// Replaces both invite codes of a group; links handed out before stop working.
    pub async fn rotate_invite_codes(&self, group: GroupId) -> Result<()> {
        sqlx::query("UPDATE working_groups SET member_code = ?, facilitator_code = ? WHERE id = ?")
            .bind(InviteCode::generate().as_str())
            .bind(InviteCode::generate().as_str())
            .bind(group)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Archives a group: its invite codes stop working; its history stays.
    pub async fn archive_group(&self, group: GroupId, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "UPDATE working_groups SET archived_at = COALESCE(archived_at, ?) WHERE id = ?",
        )
        .bind(ts(now))
        .bind(group)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    pub async fn count_groups(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM working_groups")
            .fetch_one(&self.pool)
            .await?)
    }
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
        store.rotate_invite_codes(group.id).await.unwrap();
        assert!(
            store
                .group_by_invite(&group.member_code)
                .await
                .unwrap()
                .is_none()
        );
        store.archive_group(group.id, Utc::now()).await.unwrap();
        let now = store
            .group_by_slug(&slug("housing"))
            .await
            .unwrap()
            .unwrap();
        assert!(now.archived);
        assert_eq!(store.list_groups().await.unwrap().len(), 1);
    }
}
