//! A survey's page: per question the digest's numbers (anonymity rules applied), the text
//! answers, the response over time, and the charts — SVG from the code that draws the chat's
//! PNG, with a text equivalent.

use chrono::{DateTime, NaiveDate, Utc};

use crate::chart::{ChartError, ChartRow, distribution_svg, text_equivalent};
use crate::digest::{SurveyDigest, distribution, share, surveys};
use crate::domain::{GroupId, SurveyId};
use crate::store::dashboard::beginning;
use crate::store::{BarCount, Result, Scope, Store};
use crate::survey::QuestionTag;

/// How many text answers per question the page lists at most.
pub const TEXT_ANSWERS: i64 = 1000;

/// One survey, as the digest shows it.
#[derive(Debug, Clone)]
pub struct SurveyPage {
    /// Its line (title, post, reach, respondents) and questions: answer counts, rates, means,
    /// bars, and in `samples` the text answers (up to [`TEXT_ANSWERS`]) — for an anonymous
    /// survey only as the anonymity rule allows (`withheld` questions show nothing).
    pub survey: SurveyDigest,
    /// The response by day, cumulative.
    pub days: Vec<ResponseDay>,
    /// The least number of answers an anonymous survey's question needs to be shown.
    pub anonymous_min_answers: u32,
}

/// How many people had answered by the end of a day (UTC), by the day of each one's latest
/// answer (all an anonymous survey keeps).
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseDay {
    pub day: NaiveDate,
    /// People who had answered by then.
    pub respondents: i64,
    /// Of the people the survey reached, 0–1.
    pub rate: f64,
}

/// A question's chart: an SVG panel and the same rows as text.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionChart {
    /// 1-based.
    pub number: i64,
    /// An SVG document, to inline in the page.
    pub svg: String,
    /// What the panel draws, row by row (the accessible table).
    pub rows: Vec<ChartRow>,
    /// What the shares are of (`n = …` on the chart).
    pub total: u128,
}

impl SurveyPage {
    /// Survey `survey` of group `group` as shown at `now`; `None` when the group has no such
    /// sent survey.
    pub async fn build(
        store: &Store,
        group: GroupId,
        survey: SurveyId,
        now: DateTime<Utc>,
    ) -> Result<Option<Self>> {
        if !store.survey_in_group(group, survey).await? {
            return Ok(None);
        }
        let Some(digest) = surveys(store, Scope::Survey(survey), beginning(), now, TEXT_ANSWERS)
            .await?
            .pop()
        else {
            return Ok(None);
        };
        let mut total = 0;
        let days = store
            .survey_days(survey)
            .await?
            .into_iter()
            .map(|d| {
                total += d.respondents;
                ResponseDay {
                    day: d.day,
                    respondents: total,
                    rate: share(total, digest.survey.delivered),
                }
            })
            .collect();
        Ok(Some(Self {
            survey: digest,
            days,
            anonymous_min_answers: store.anonymity().min_answers,
        }))
    }

    /// A chart per question that has bars (not text questions, not withheld ones), with bars
    /// labelled by `label` (the chat's labels: `Texts::digest_bar_label`).
    pub fn charts(
        &self,
        label: impl Fn(QuestionTag, &BarCount) -> String,
    ) -> std::result::Result<Vec<QuestionChart>, ChartError> {
        self.survey
            .questions
            .iter()
            .filter(|q| !q.bars.is_empty())
            .map(|q| {
                let d = distribution(q, &label);
                let (rows, total) = text_equivalent(&d);
                Ok(QuestionChart {
                    number: q.line.number,
                    svg: distribution_svg(&d)?,
                    rows,
                    total,
                })
            })
            .collect()
    }
}
