//! A group's people over time: who is (or was) in it with which role and state, and the
//! changes a facilitator or coordinator makes to that — removing someone, changing their role.
//! Every change is recorded in the audit trail, in the same transaction.

use chrono::{DateTime, Utc};

use super::audit::{Actor, NewAuditEvent, record};
use super::memberships::{EndedBy, end_membership};
use super::{Result, Store};
use crate::domain::{AuditAction, GroupId, PersonId, Role, TelegramId, Username};

/// Where a person stands in a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberState {
    Active,
    /// They paused pushes (everything, or this group).
    Paused,
    /// They blocked the bot.
    Blocked,
    /// They left, or were removed.
    Left,
}

/// One person of a group, as `/members` and the pickers show them. Activity counts only what
/// is already shown with their name: named comments and answers to named surveys.
#[derive(Debug, Clone)]
pub struct MemberLine {
    pub person: PersonId,
    pub telegram_id: TelegramId,
    pub name: String,
    /// Their Telegram @username, if they have one.
    pub username: Option<Username>,
    pub language: Option<String>,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
    pub state: MemberState,
    pub named_comments: i64,
    /// Named surveys they answered.
    pub named_surveys: i64,
}

#[derive(sqlx::FromRow)]
struct LineRow {
    person_id: PersonId,
    telegram_id: TelegramId,
    display_name: String,
    username: Option<String>,
    language: Option<String>,
    role: Role,
    joined_at: DateTime<Utc>,
    left: bool,
    blocked: bool,
    paused: bool,
    named_comments: i64,
    named_surveys: i64,
}

/// What a role change did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleChange {
    Changed,
    /// They already had that role.
    Unchanged,
    /// They are not (any more) in the group.
    NotInGroup,
}

/// Who is acting, as far as memberships record it.
async fn actor_person(store: &Store, actor: &Actor) -> Result<Option<PersonId>> {
    match actor {
        Actor::Person { telegram_id, .. } => {
            Ok(store.person_by_telegram(*telegram_id).await?.map(|p| p.id))
        }
        Actor::Operator => Ok(None),
    }
}

impl Store {
    /// The group's people: everyone with a current membership, then those who left (each
    /// person once, with their latest membership), facilitators first, then by name.
    pub async fn group_people(&self, group: GroupId) -> Result<Vec<MemberLine>> {
        let rows: Vec<LineRow> = sqlx::query_as(
            "SELECT p.id AS person_id, p.telegram_id, p.display_name, p.username, p.language, m.role,
                    m.joined_at,
                    m.left_at IS NOT NULL AS left,
                    p.blocked_at IS NOT NULL AS blocked,
                    (p.paused_at IS NOT NULL OR m.paused_at IS NOT NULL) AS paused,
                    (SELECT COUNT(*) FROM comments c
                     WHERE c.person_id = p.id AND c.group_id = m.group_id AND c.anonymous = 0
                       AND c.unfiled = 0) AS named_comments,
                    (SELECT COUNT(DISTINCT q.survey_id) FROM answers a
                     JOIN survey_questions q ON q.id = a.question_id
                     JOIN surveys s ON s.id = q.survey_id
                     WHERE a.person_id = p.id AND s.group_id = m.group_id AND s.anonymous = 0)
                        AS named_surveys
             FROM memberships m JOIN people p ON p.id = m.person_id
             WHERE m.group_id = ?
               AND m.id = (SELECT MAX(m2.id) FROM memberships m2
                           WHERE m2.person_id = m.person_id AND m2.group_id = m.group_id)
             ORDER BY m.left_at IS NOT NULL, m.role = 'member', p.display_name COLLATE NOCASE, p.id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| MemberLine {
                person: r.person_id,
                telegram_id: r.telegram_id,
                name: r.display_name,
                username: r.username.as_deref().and_then(Username::parse),
                language: r.language,
                role: r.role,
                joined_at: r.joined_at,
                state: if r.left {
                    MemberState::Left
                } else if r.blocked {
                    MemberState::Blocked
                } else if r.paused {
                    MemberState::Paused
                } else {
                    MemberState::Active
                },
                named_comments: r.named_comments,
                named_surveys: r.named_surveys,
            })
            .collect())
    }

    /// The group's current people only (what the pickers offer).
    pub async fn current_people(&self, group: GroupId) -> Result<Vec<MemberLine>> {
        let mut people = self.group_people(group).await?;
        people.retain(|p| p.state != MemberState::Left);
        Ok(people)
    }

    /// A current member of the group, by person id.
    pub async fn current_member(
        &self,
        group: GroupId,
        person: PersonId,
    ) -> Result<Option<MemberLine>> {
        Ok(self
            .current_people(group)
            .await?
            .into_iter()
            .find(|p| p.person == person))
    }

    /// Whether the person was in the group once and is not any more (left or removed).
    pub async fn left_group(&self, telegram_id: TelegramId, group: GroupId) -> Result<bool> {
        Ok(sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
                            WHERE p.telegram_id = ?1 AND m.group_id = ?2 AND m.left_at IS NOT NULL)
                AND NOT EXISTS (SELECT 1 FROM memberships m JOIN people p ON p.id = m.person_id
                            WHERE p.telegram_id = ?1 AND m.group_id = ?2 AND m.left_at IS NULL)",
        )
        .bind(telegram_id)
        .bind(group)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The person's role in an archived group they were in when it ended (`role_in` gives none
    /// for archived groups): they are told the group has finished rather than refused.
    pub async fn role_in_archived(
        &self,
        telegram_id: TelegramId,
        slug: &crate::domain::GroupSlug,
    ) -> Result<Option<Role>> {
        Ok(sqlx::query_scalar(
            "SELECT m.role FROM memberships m
             JOIN people p ON p.id = m.person_id JOIN working_groups g ON g.id = m.group_id
             WHERE p.telegram_id = ? AND g.slug = ? AND m.left_at IS NULL
               AND g.archived_at IS NOT NULL",
        )
        .bind(telegram_id)
        .bind(slug.as_str())
        .fetch_optional(&self.pool)
        .await?)
    }

    /// The names of the archived groups the person was in when they ended (`/groups`).
    pub async fn finished_groups_of(&self, telegram_id: TelegramId) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar(
            "SELECT g.name FROM memberships m
             JOIN people p ON p.id = m.person_id JOIN working_groups g ON g.id = m.group_id
             WHERE p.telegram_id = ? AND m.left_at IS NULL AND g.archived_at IS NOT NULL
             ORDER BY g.slug",
        )
        .bind(telegram_id)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Removes a person from the group if their role is at most `up_to`: their membership
    /// ends (by whom, marked a removal) and what was queued for them from the group is
    /// cancelled. Their role, or `None` if they were not in it (or outrank `up_to`: nothing
    /// changes).
    pub async fn remove_member(
        &self,
        group: GroupId,
        person: PersonId,
        up_to: Role,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<Option<Role>> {
        let by = actor_person(self, actor).await?;
        let mut tx = self.write_tx().await?;
        let current = current_role(&mut tx, group, person).await?;
        let Some((role, telegram_id)) = current.filter(|(role, _)| *role <= up_to) else {
            return Ok(None);
        };
        end_membership(&mut tx, person, group, Some(EndedBy::Removal { by }), now).await?;
        let event = NewAuditEvent::new(group, AuditAction::MemberRemoved, actor.clone())
            .target(telegram_id)
            .detail(role.as_str());
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(Some(role))
    }

    /// Gives a current member of the group a new role (promotion or demotion), recorded.
    pub async fn set_role(
        &self,
        group: GroupId,
        person: PersonId,
        role: Role,
        actor: &Actor,
        now: DateTime<Utc>,
    ) -> Result<RoleChange> {
        let mut tx = self.write_tx().await?;
        let current = current_role(&mut tx, group, person).await?;
        let Some((have, telegram_id)) = current else {
            return Ok(RoleChange::NotInGroup);
        };
        if have == role {
            return Ok(RoleChange::Unchanged);
        }
        sqlx::query(
            "UPDATE memberships SET role = ? WHERE person_id = ? AND group_id = ? AND left_at IS NULL",
        )
        .bind(role)
        .bind(person)
        .bind(group)
        .execute(&mut *tx)
        .await?;
        let action = if role > have {
            AuditAction::Promoted
        } else {
            // A demoted facilitator keeps no dashboard session (issue #21).
            super::web_sessions::end_sessions_of(&mut tx, telegram_id).await?;
            AuditAction::Demoted
        };
        let event = NewAuditEvent::new(group, action, actor.clone())
            .target(telegram_id)
            .detail(role.as_str());
        record(&mut tx, &event, now).await?;
        tx.commit().await?;
        Ok(RoleChange::Changed)
    }
}

/// A person's current role in the group, and their Telegram id.
async fn current_role(
    conn: &mut sqlx::SqliteConnection,
    group: GroupId,
    person: PersonId,
) -> Result<Option<(Role, TelegramId)>> {
    Ok(sqlx::query_as(
        "SELECT m.role, p.telegram_id FROM memberships m JOIN people p ON p.id = m.person_id
         WHERE m.person_id = ? AND m.group_id = ? AND m.left_at IS NULL",
    )
    .bind(person)
    .bind(group)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The people `query` names: with a leading `@`, the one with that @username; otherwise those
/// whose name is exactly the query or whose @username it is, else those whose name contains it
/// (case-insensitive, spaces collapsed).
pub fn matching<'a>(people: &'a [MemberLine], query: &str) -> Vec<&'a MemberLine> {
    let query = query
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let has_username =
        |p: &MemberLine, wanted: &Username| p.username.as_ref().is_some_and(|u| u.is(wanted));
    if query.starts_with('@') {
        let Some(wanted) = Username::parse(&query) else {
            return Vec::new();
        };
        return people.iter().filter(|p| has_username(p, &wanted)).collect();
    }
    let as_username = Username::parse(&query);
    let exact: Vec<&MemberLine> = people
        .iter()
        .filter(|p| {
            p.name.to_lowercase() == query
                || as_username.as_ref().is_some_and(|u| has_username(p, u))
        })
        .collect();
    if !exact.is_empty() {
        return exact;
    }
    people
        .iter()
        .filter(|p| p.name.to_lowercase().contains(&query))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: i64, name: &str, username: Option<&str>) -> MemberLine {
        MemberLine {
            person: PersonId::new(id),
            telegram_id: TelegramId::new(id),
            name: name.to_owned(),
            username: username.and_then(Username::parse),
            language: None,
            role: Role::Member,
            joined_at: Utc::now(),
            state: MemberState::Active,
            named_comments: 0,
            named_surveys: 0,
        }
    }

    fn names(found: &[&MemberLine]) -> Vec<String> {
        found.iter().map(|p| p.name.clone()).collect()
    }

    #[test]
    fn people_are_found_by_part_of_their_name_or_their_username() {
        let people = [
            line(1, "Ana Pérez", Some("ana_p")),
            line(2, "Mariana Ruiz", None),
            line(3, "Luis", Some("Mariana")),
        ];
        // Part of a name, any case: everyone it is part of.
        assert_eq!(
            names(&matching(&people, "ANA")),
            ["Ana Pérez", "Mariana Ruiz"]
        );
        // A whole name wins over parts of others.
        assert_eq!(names(&matching(&people, " ana   pérez ")), ["Ana Pérez"]);
        // An @username: only its owner, any case.
        assert_eq!(names(&matching(&people, "@ANA_P")), ["Ana Pérez"]);
        assert_eq!(names(&matching(&people, "@mariana")), ["Luis"]);
        // A bare word that is someone's username finds them (and names equal to it).
        assert_eq!(names(&matching(&people, "ana_p")), ["Ana Pérez"]);
        assert!(matching(&people, "@nobody").is_empty());
        assert!(matching(&people, "@not valid").is_empty());
        assert!(matching(&people, "Zoe").is_empty());
    }
}
