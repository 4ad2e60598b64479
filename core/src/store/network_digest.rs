//! Issue #19, the digest's "Network" section: counts only — offers by post, introductions made
//! and accepted, actors per category, members listed in who's who. No names of people.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{Result, Store, ts};
use crate::domain::{Category, GroupId};

/// The network of a group (or all groups), in counts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NetworkCounts {
    /// Current offers of help, per post, most first.
    pub offers: Vec<OfferCount>,
    /// Introductions (and contact requests) sent in the window, and of those, made: everyone
    /// accepted.
    pub introductions: i64,
    pub introductions_made: i64,
    /// Other actors, per category (`None`: no category).
    pub actors: Vec<ActorCount>,
    /// Current members listed in who's who.
    pub listed: i64,
}

impl NetworkCounts {
    /// Nothing to show.
    pub fn is_empty(&self) -> bool {
        self.offers.is_empty()
            && self.introductions == 0
            && self.actors.is_empty()
            && self.listed == 0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct OfferCount {
    pub post_id: i64,
    pub title: String,
    pub group: String,
    pub offers: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow)]
pub struct ActorCount {
    pub category: Option<Category>,
    pub actors: i64,
}

impl Store {
    /// The digest's network counts for one group (`Some`) or all, introductions since `from`.
    pub async fn digest_network(
        &self,
        group: Option<GroupId>,
        from: DateTime<Utc>,
    ) -> Result<NetworkCounts> {
        let offers = sqlx::query_as(
            "SELECT po.id AS post_id, po.title, g.slug AS \"group\", COUNT(*) AS offers
             FROM offers o JOIN posts po ON po.id = o.post_id
             JOIN working_groups g ON g.id = po.group_id
             WHERE (?1 IS NULL OR po.group_id = ?1)
               AND EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = o.person_id
                           AND m.group_id = po.group_id AND m.left_at IS NULL)
             GROUP BY po.id ORDER BY offers DESC, po.id",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        let (introductions, introductions_made): (i64, i64) = sqlx::query_as(
            "SELECT COUNT(*) FILTER (WHERE state NOT IN ('picking', 'noting')),
                    COUNT(*) FILTER (WHERE state = 'made')
             FROM introductions WHERE (?1 IS NULL OR group_id = ?1) AND created_at >= ?2",
        )
        .bind(group)
        .bind(ts(from))
        .fetch_one(&self.pool)
        .await?;
        let actors = sqlx::query_as(
            "SELECT category, COUNT(*) AS actors FROM actors WHERE (?1 IS NULL OR group_id = ?1)
             GROUP BY category ORDER BY category",
        )
        .bind(group)
        .fetch_all(&self.pool)
        .await?;
        let listed = sqlx::query_scalar(
            "SELECT COUNT(DISTINCT pr.person_id) FROM profiles pr
             JOIN memberships m ON m.person_id = pr.person_id AND m.left_at IS NULL
             WHERE (?1 IS NULL OR m.group_id = ?1)",
        )
        .bind(group)
        .fetch_one(&self.pool)
        .await?;
        Ok(NetworkCounts {
            offers,
            introductions,
            introductions_made,
            actors,
            listed,
        })
    }
}
