//! A prototype's page: its summary and status history, every comment on it, and the results of
//! the surveys about it.

use chrono::{DateTime, Utc};

use super::group::Prototype;
use crate::digest::{SurveyDigest, surveys};
use crate::domain::{GroupId, PrototypeId};
use crate::store::dashboard::{DashboardComment, beginning};
use crate::store::{Result, Scope, Store};

use super::TEXT_ANSWERS;

/// One prototype.
#[derive(Debug, Clone)]
pub struct PrototypePage {
    pub prototype: Prototype,
    /// Every visible comment on its posts, oldest first (text, and file ids of photos and voice
    /// notes for thumbnails and players).
    pub comments: Vec<DashboardComment>,
    /// The surveys about its posts, newest first, as the digest shows them (anonymity rules
    /// applied).
    pub surveys: Vec<SurveyDigest>,
}

impl PrototypePage {
    /// Prototype `prototype` of group `group` at `now`; `None` when the group has no such
    /// prototype.
    pub async fn build(
        store: &Store,
        group: GroupId,
        prototype: PrototypeId,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>> {
        let Some(found) = Prototype::of(store, group, Some(prototype)).await?.pop() else {
            return Ok(None);
        };
        let mut results = Vec::new();
        for survey in store.prototype_surveys(prototype).await? {
            results.extend(
                surveys(store, Scope::Survey(survey), beginning(), now, TEXT_ANSWERS).await?,
            );
        }
        Ok(Some(Self {
            prototype: found,
            comments: store.prototype_comments(prototype).await?,
            surveys: results,
        }))
    }
}
