//! Memberships: who is in which working group, with which role. Joining is by invite code;
//! a person's current membership of a group is at most one row (`left_at IS NULL`), and past
//! ones stay as history.

use chrono::{DateTime, Utc};
use sqlx::SqliteConnection;

use super::groups::{GROUP_COLUMNS, GroupRow};
use super::people::{Newcomer, upsert_consented};
use super::{Result, Store, parse_stored, ts};
use crate::domain::{GroupName, GroupSlug, InviteCode, PersonId, Role, TelegramId};

/// What opening an invite did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JoinOutcome {
    /// No group has this code, nor ever had.
    UnknownCode,
    /// The code was replaced by a rotation, or it expired or was used up.
    Replaced,
    /// The group exists but is archived.
    Archived {
        name: GroupName,
    },
    /// The person did not agree to the consent text yet; nothing was stored.
    NeedsConsent {
        name: GroupName,
        role: Role,
    },
    Joined(Joined),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Joined {
    pub slug: GroupSlug,
    pub name: GroupName,
    /// The role the person has now.
    pub role: Role,
    pub change: JoinChange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinChange {
    /// A new membership.
    New,
    /// A member became a facilitator.
    Promoted,
    /// Nothing changed: they already had this role (or a higher one).
    Already,
}

/// One of a person's current memberships.
#[derive(Debug, Clone)]
pub struct MembershipView {
    pub slug: GroupSlug,
    pub name: GroupName,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
}

impl Store {
    /// `/start <code>` from someone: joins them if they already consented, otherwise tells the
    /// caller consent is needed. Stores nothing for unknown or archived codes.
    pub async fn join_with_code(
        &self,
        telegram_id: TelegramId,
        code: &InviteCode,
        now: DateTime<Utc>,
    ) -> Result<JoinOutcome> {
        let mut tx = self.write_tx().await?;
        let person: Option<PersonId> =
            sqlx::query_scalar("SELECT id FROM people WHERE telegram_id = ?")
                .bind(telegram_id)
                .fetch_optional(&mut *tx)
                .await?;
        let outcome = match person {
            Some(person) => join_in_tx(&mut tx, person, code, now).await?,
            None => match invite_target(&mut tx, code, now).await? {
                Target::Open(group, role) => JoinOutcome::NeedsConsent {
                    name: group.name,
                    role,
                },
                Target::Closed(outcome) => outcome,
            },
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// The "I agree" button: stores the person with their consent and joins them, in one
    /// transaction. If the code no longer opens a group, nothing at all is stored.
    pub async fn consent_and_join(
        &self,
        who: &Newcomer,
        code: &InviteCode,
        consent_version: i64,
        now: DateTime<Utc>,
    ) -> Result<JoinOutcome> {
        let mut tx = self.write_tx().await?;
        if let Target::Closed(outcome) = invite_target(&mut tx, code, now).await? {
            tx.rollback().await?;
            return Ok(outcome);
        }
        let person = upsert_consented(&mut tx, who, consent_version, now).await?;
        let outcome = join_in_tx(&mut tx, person, code, now).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    /// A person's current memberships, by group slug.
    pub async fn memberships_of(&self, telegram_id: TelegramId) -> Result<Vec<MembershipView>> {
        let rows: Vec<(String, String, Role, DateTime<Utc>)> = sqlx::query_as(
            "SELECT g.slug, g.name, m.role, m.joined_at
             FROM memberships m
             JOIN people p ON p.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             WHERE p.telegram_id = ? AND m.left_at IS NULL AND g.archived_at IS NULL
             ORDER BY g.slug",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(slug, name, role, joined_at)| {
                Ok(MembershipView {
                    slug: parse_stored::<String>("slug", &slug).and_then(|s| {
                        GroupSlug::parse(&s)
                            .map_err(|_| super::StoreError::Corrupt(format!("slug {s:?}")))
                    })?,
                    name: GroupName::parse(&name)
                        .map_err(|_| super::StoreError::Corrupt(format!("group name {name:?}")))?,
                    role,
                    joined_at,
                })
            })
            .collect()
    }

    /// The person's current role in the group with this slug, if any (archived groups give none).
    pub async fn role_in(&self, telegram_id: TelegramId, slug: &GroupSlug) -> Result<Option<Role>> {
        Ok(sqlx::query_scalar(
            "SELECT m.role
             FROM memberships m
             JOIN people p ON p.id = m.person_id
             JOIN working_groups g ON g.id = m.group_id
             WHERE p.telegram_id = ? AND g.slug = ? AND m.left_at IS NULL AND g.archived_at IS NULL",
        )
        .bind(telegram_id)
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// Ends the person's current membership of the group (`/leave`); `false` if they had none.
    /// What was queued for them from that group is dropped, as for a removal.
    pub async fn leave(
        &self,
        telegram_id: TelegramId,
        slug: &GroupSlug,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let mut tx = self.write_tx().await?;
        let found: Option<(PersonId, crate::domain::GroupId)> = sqlx::query_as(
            "SELECT m.person_id, m.group_id FROM memberships m
             JOIN people p ON p.id = m.person_id JOIN working_groups g ON g.id = m.group_id
             WHERE p.telegram_id = ? AND g.slug = ? AND m.left_at IS NULL",
        )
        .bind(telegram_id)
        .bind(slug.as_str())
        .fetch_optional(&mut *tx)
        .await?;
        let Some((person, group)) = found else {
            return Ok(false);
        };
        end_membership(&mut tx, person, group, None, now).await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Current memberships of a group with the given role.
    pub async fn count_current_members(&self, slug: &GroupSlug, role: Role) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) FROM memberships m JOIN working_groups g ON g.id = m.group_id
             WHERE g.slug = ? AND m.role = ? AND m.left_at IS NULL",
        )
        .bind(slug.as_str())
        .bind(role.as_str())
        .fetch_one(&self.pool)
        .await?)
    }

    /// Every membership row ever (current and past), for tests and audits.
    pub async fn count_membership_rows(&self) -> Result<i64> {
        Ok(sqlx::query_scalar("SELECT COUNT(*) FROM memberships")
            .fetch_one(&self.pool)
            .await?)
    }
}

enum Target {
    Open(super::Group, Role),
    Closed(JoinOutcome),
}

/// How a membership ended: the person left, or someone removed them.
#[derive(Debug, Clone, Copy)]
pub(super) enum EndedBy {
    Removal { by: Option<PersonId> },
}

/// Ends a current membership, and cancels what was queued for the person from that group
/// (posts, survey questions, reminders) — the one rule for leaving and for removal. The
/// person's role, if they had a membership.
pub(super) async fn end_membership(
    conn: &mut SqliteConnection,
    person: PersonId,
    group: crate::domain::GroupId,
    ended: Option<EndedBy>,
    now: DateTime<Utc>,
) -> Result<Option<Role>> {
    let (removed, by) = match ended {
        None => (false, None),
        Some(EndedBy::Removal { by }) => (true, by),
    };
    let role: Option<Role> = sqlx::query_scalar(
        "UPDATE memberships SET left_at = ?, left_by = ?, removed = ?
         WHERE person_id = ? AND group_id = ? AND left_at IS NULL
         RETURNING role",
    )
    .bind(ts(now))
    .bind(by)
    .bind(removed)
    .bind(person)
    .bind(group)
    .fetch_optional(&mut *conn)
    .await?;
    if role.is_some() {
        sqlx::query(
            "DELETE FROM deliveries
             WHERE person_id = ?1 AND state = 'pending' AND parts_sent = 0
               AND (post_id IN (SELECT id FROM posts WHERE group_id = ?2)
                    OR notice_id IN (SELECT id FROM group_notices WHERE group_id = ?2))",
        )
        .bind(person)
        .bind(group)
        .execute(&mut *conn)
        .await?;
    }
    if role == Some(Role::Facilitator) {
        // A facilitator who leaves or is removed keeps no dashboard session (issue #21).
        super::web_sessions::end_sessions_of_person(conn, person).await?;
    }
    Ok(role)
}

async fn invite_target(
    conn: &mut SqliteConnection,
    code: &InviteCode,
    now: DateTime<Utc>,
) -> Result<Target> {
    let row: Option<GroupRow> = sqlx::query_as(&format!(
        "SELECT {GROUP_COLUMNS} FROM working_groups g WHERE g.member_code = ?1 OR g.facilitator_code = ?1"
    ))
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?;
    let Some(group) = row.map(GroupRow::into_group).transpose()? else {
        let retired: bool =
            sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM retired_invite_codes WHERE code = ?)")
                .bind(code.as_str())
                .fetch_one(&mut *conn)
                .await?;
        return Ok(Target::Closed(if retired {
            JoinOutcome::Replaced
        } else {
            JoinOutcome::UnknownCode
        }));
    };
    if group.archived {
        return Ok(Target::Closed(JoinOutcome::Archived { name: group.name }));
    }
    let role = if &group.facilitator_code == code {
        Role::Facilitator
    } else {
        Role::Member
    };
    if !group.limit_for(role).open_at(now) {
        return Ok(Target::Closed(JoinOutcome::Replaced));
    }
    Ok(Target::Open(group, role))
}

async fn join_in_tx(
    conn: &mut SqliteConnection,
    person: PersonId,
    code: &InviteCode,
    now: DateTime<Utc>,
) -> Result<JoinOutcome> {
    let (group, role) = match invite_target(conn, code, now).await? {
        Target::Open(group, role) => (group, role),
        Target::Closed(outcome) => return Ok(outcome),
    };
    let current: Option<Role> = sqlx::query_scalar(
        "SELECT role FROM memberships WHERE person_id = ? AND group_id = ? AND left_at IS NULL",
    )
    .bind(person)
    .bind(group.id)
    .fetch_optional(&mut *conn)
    .await?;
    let (role, change) = match current {
        None => {
            sqlx::query("INSERT INTO memberships (person_id, group_id, role, joined_at) VALUES (?, ?, ?, ?)")
                .bind(person)
                .bind(group.id)
                .bind(role.as_str())
                .bind(ts(now))
                .execute(&mut *conn)
                .await?;
            (role, JoinChange::New)
        }
        Some(have) if have >= role => (have, JoinChange::Already),
        Some(_) => {
            sqlx::query("UPDATE memberships SET role = ? WHERE person_id = ? AND group_id = ? AND left_at IS NULL")
                .bind(role.as_str())
                .bind(person)
                .bind(group.id)
                .execute(&mut *conn)
                .await?;
            (role, JoinChange::Promoted)
        }
    };
    if change != JoinChange::Already {
        let column = role.as_str();
        sqlx::query(&format!(
            "UPDATE working_groups SET {column}_uses = {column}_uses + 1 WHERE id = ?"
        ))
        .bind(group.id)
        .execute(&mut *conn)
        .await?;
    }
    Ok(JoinOutcome::Joined(Joined {
        slug: group.slug,
        name: group.name,
        role,
        change,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CONSENT_VERSION;
    use crate::domain::{Challenge, DisplayName};
    use crate::store::test_support::store;
    use crate::store::{CreateGroup, Group};

    async fn group(store: &Store, slug: &str) -> Group {
        match store
            .create_group(
                &GroupSlug::parse(slug).unwrap(),
                &GroupName::parse("Group").unwrap(),
                &Challenge::default(),
                Utc::now(),
            )
            .await
            .unwrap()
        {
            CreateGroup::Created(g) => g,
            CreateGroup::SlugTaken => unreachable!(),
        }
    }

    fn ana() -> Newcomer {
        Newcomer {
            telegram_id: TelegramId::new(1001),
            name: DisplayName::from_telegram("Ana", None),
            username: None,
            language: Some("es".into()),
        }
    }

    fn change(outcome: JoinOutcome) -> (Role, JoinChange) {
        match outcome {
            JoinOutcome::Joined(j) => (j.role, j.change),
            other => panic!("expected a join, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn a_language_is_stored_only_for_people_who_consented() {
        let (store, _dir) = store().await;
        let g = group(&store, "water").await;
        let es = crate::domain::LanguageCode::parse("en").unwrap();
        assert!(!store.set_language(ana().telegram_id, &es).await.unwrap());
        assert_eq!(store.language_of(ana().telegram_id).await.unwrap(), None);
        assert_eq!(store.count_people().await.unwrap(), 0);
        store
            .consent_and_join(&ana(), &g.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            store
                .language_of(ana().telegram_id)
                .await
                .unwrap()
                .as_deref(),
            Some("es")
        );
        assert!(store.set_language(ana().telegram_id, &es).await.unwrap());
        assert_eq!(
            store
                .language_of(ana().telegram_id)
                .await
                .unwrap()
                .as_deref(),
            Some("en")
        );
        // Erased: no language any more.
        let key = crate::survey::RespondentKey::generate();
        assert!(
            store
                .erase_person(ana().telegram_id, &key, Utc::now())
                .await
                .unwrap()
        );
        assert_eq!(store.language_of(ana().telegram_id).await.unwrap(), None);
    }

    #[tokio::test]
    async fn nothing_is_stored_before_consent() {
        let (store, _dir) = store().await;
        let g = group(&store, "water").await;
        let outcome = store
            .join_with_code(ana().telegram_id, &g.member_code, Utc::now())
            .await
            .unwrap();
        assert!(matches!(
            outcome,
            JoinOutcome::NeedsConsent {
                role: Role::Member,
                ..
            }
        ));
        assert_eq!(store.count_people().await.unwrap(), 0);
        assert_eq!(store.count_membership_rows().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn consent_joins_then_codes_join_directly() {
        let (store, _dir) = store().await;
        let water = group(&store, "water").await;
        let housing = group(&store, "housing").await;
        let now = Utc::now();
        assert_eq!(
            change(
                store
                    .consent_and_join(&ana(), &water.member_code, CONSENT_VERSION, now)
                    .await
                    .unwrap()
            ),
            (Role::Member, JoinChange::New)
        );
        // Redelivered button press: nothing twice.
        assert_eq!(
            change(
                store
                    .consent_and_join(&ana(), &water.member_code, CONSENT_VERSION, now)
                    .await
                    .unwrap()
            ),
            (Role::Member, JoinChange::Already)
        );
        let id = ana().telegram_id;
        assert_eq!(
            change(
                store
                    .join_with_code(id, &housing.member_code, now)
                    .await
                    .unwrap()
            ),
            (Role::Member, JoinChange::New)
        );
        assert_eq!(
            change(
                store
                    .join_with_code(id, &water.facilitator_code, now)
                    .await
                    .unwrap()
            ),
            (Role::Facilitator, JoinChange::Promoted)
        );
        assert_eq!(
            change(
                store
                    .join_with_code(id, &water.member_code, now)
                    .await
                    .unwrap()
            ),
            (Role::Facilitator, JoinChange::Already)
        );
        assert_eq!(store.count_people().await.unwrap(), 1);
        assert_eq!(store.count_membership_rows().await.unwrap(), 2);
        let person = store.person_by_telegram(id).await.unwrap().unwrap();
        assert_eq!(person.consent_version, CONSENT_VERSION);
        assert_eq!(person.language.as_deref(), Some("es"));
        let roles: Vec<_> = store
            .memberships_of(id)
            .await
            .unwrap()
            .into_iter()
            .map(|m| (m.slug.to_string(), m.role))
            .collect();
        assert_eq!(
            roles,
            vec![
                ("housing".into(), Role::Member),
                ("water".into(), Role::Facilitator)
            ]
        );
    }

    #[tokio::test]
    async fn consenting_to_a_newer_text_when_joining_another_group_renews_the_consent() {
        let (store, _dir) = store().await;
        let water = group(&store, "water").await;
        let housing = group(&store, "housing").await;
        let id = ana().telegram_id;
        store
            .consent_and_join(&ana(), &water.member_code, 1, Utc::now())
            .await
            .unwrap();
        assert_eq!(
            store
                .language_and_consent(id)
                .await
                .unwrap()
                .map(|(_, old)| old),
            Some(true)
        );
        store
            .consent_and_join(&ana(), &housing.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        let person = store.person_by_telegram(id).await.unwrap().unwrap();
        assert_eq!(person.consent_version, CONSENT_VERSION);
        assert_eq!(
            store
                .language_and_consent(id)
                .await
                .unwrap()
                .map(|(_, old)| old),
            Some(false)
        );
        // An older text agreed to later never lowers it.
        let school = group(&store, "school").await;
        store
            .consent_and_join(&ana(), &school.member_code, 1, Utc::now())
            .await
            .unwrap();
        let person = store.person_by_telegram(id).await.unwrap().unwrap();
        assert_eq!(person.consent_version, CONSENT_VERSION);
    }

    #[tokio::test]
    async fn closed_codes_store_nothing() {
        let (store, _dir) = store().await;
        let g = group(&store, "water").await;
        store
            .rotate_links(
                g.id,
                crate::store::Rotation::Both,
                &crate::store::Actor::Operator,
                Utc::now(),
            )
            .await
            .unwrap();
        let outcome = store
            .consent_and_join(&ana(), &g.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        assert_eq!(outcome, JoinOutcome::Replaced);
        let fresh = store.group_by_slug(&g.slug).await.unwrap().unwrap();
        store
            .archive_group(g.id, &crate::store::Actor::Operator, Utc::now())
            .await
            .unwrap();
        let outcome = store
            .consent_and_join(&ana(), &fresh.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        assert!(matches!(outcome, JoinOutcome::Archived { .. }));
        assert_eq!(store.count_people().await.unwrap(), 0);
    }

    #[tokio::test]
    async fn leave_and_rejoin_keeps_history() {
        let (store, _dir) = store().await;
        let g = group(&store, "water").await;
        let id = ana().telegram_id;
        store
            .consent_and_join(&ana(), &g.member_code, CONSENT_VERSION, Utc::now())
            .await
            .unwrap();
        assert!(store.leave(id, &g.slug, Utc::now()).await.unwrap());
        assert!(!store.leave(id, &g.slug, Utc::now()).await.unwrap());
        assert_eq!(store.role_in(id, &g.slug).await.unwrap(), None);
        assert_eq!(
            change(
                store
                    .join_with_code(id, &g.member_code, Utc::now())
                    .await
                    .unwrap()
            ),
            (Role::Member, JoinChange::New)
        );
        assert_eq!(store.count_membership_rows().await.unwrap(), 2);
        assert_eq!(
            store
                .count_current_members(&g.slug, Role::Member)
                .await
                .unwrap(),
            1
        );
    }
}
