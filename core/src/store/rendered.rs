//! The rendering cache of surveys: what the outbox sends for a survey (its first question with
//! the introduction, and the reminder) in every language, rendered once by the bot when the
//! draft is made and stored in `surveys.rendered`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Result, Store, StoreError};
use crate::domain::SurveyId;
use crate::message::Markup;

/// One message the outbox sends for a survey, exactly as sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyMessage {
    pub html: String,
    pub markup: Option<Markup>,
}

/// What the outbox sends for a survey in one language: the first question (with the survey's
/// introduction) and the reminder.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyRendering {
    pub first: SurveyMessage,
    pub reminder: SurveyMessage,
}

/// A survey's outbox messages in every language, stored in `surveys.rendered`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RenderedSurvey {
    by_language: BTreeMap<String, SurveyRendering>,
}

impl RenderedSurvey {
    pub fn insert(&mut self, language: &str, rendering: SurveyRendering) {
        self.by_language.insert(language.to_owned(), rendering);
    }

    /// The rendering for a recipient's language: that language, its primary subtag, English,
    /// or any.
    pub fn for_language(&self, language: Option<&str>) -> Option<&SurveyRendering> {
        let wanted = language.map(str::to_ascii_lowercase);
        let primary = wanted
            .as_deref()
            .and_then(|w| w.split(['-', '_']).next())
            .map(str::to_owned);
        [wanted.as_deref(), primary.as_deref(), Some("en")]
            .into_iter()
            .flatten()
            .find_map(|code| self.by_language.get(code))
            .or_else(|| self.by_language.values().next())
    }

    pub(super) fn to_json(&self) -> Result<String> {
        serde_json::to_string(&self.by_language).map_err(|e| StoreError::Corrupt(e.to_string()))
    }

    fn from_json(json: &str) -> Option<Self> {
        serde_json::from_str(json)
            .ok()
            .map(|by_language| Self { by_language })
    }
}

impl Store {
    /// Stores what the outbox sends for a draft (rendered once its id is known).
    pub async fn set_survey_rendering(
        &self,
        survey: SurveyId,
        rendered: &RenderedSurvey,
    ) -> Result<()> {
        sqlx::query("UPDATE surveys SET rendered = ? WHERE id = ? AND state = 'draft'")
            .bind(rendered.to_json()?)
            .bind(survey)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// The rendered outbox messages of a survey.
    pub async fn survey_rendering(&self, survey: SurveyId) -> Result<RenderedSurvey> {
        let rendered: String = sqlx::query_scalar("SELECT rendered FROM surveys WHERE id = ?")
            .bind(survey)
            .fetch_one(&self.pool)
            .await?;
        RenderedSurvey::from_json(&rendered)
            .ok_or_else(|| StoreError::Corrupt(format!("rendered survey {survey}")))
    }
}
