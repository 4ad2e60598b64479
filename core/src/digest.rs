//! Feedback digests (CSV exports in [`exports`]): what a working group (or the whole platform) heard over a time window —
//! members, posts and their delivery, surveys and their answers, comments, who responds and
//! who stays silent — and the plain renderings of it: Markdown with bar charts drawn in block
//! characters, JSON, and CSV exports. (The chat rendering lives with the bot's texts.)
//!
//! Every number comes from an SQL aggregate (counts, means, per-option counts); Rust only
//! groups the few resulting rows by survey and question.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

mod exports;

pub use exports::{
    ExportError, ExportFile, answers_csv, comments_csv, deliveries_csv, export_csv,
    spreadsheet_safe,
};

use crate::domain::{GroupId, GroupSlug, QuestionId, SurveyId};
use crate::survey::{Answer, QuestionTag, RATINGS};

use crate::store::{
    BarCount, CommentLine, EquityLine, MemberCounts, PostLine, QuestionLine, Result, Scope,
    SilentMember, Store, StoreError, SurveyLine, TEXT_SAMPLES,
};

/// How many of the latest comments a digest shows.
pub const LATEST_COMMENTS: i64 = 5;

#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    /// The group's slug, or `None` for all groups.
    pub group: Option<String>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
    pub members: MemberCounts,
    pub posts: Vec<PostLine>,
    pub comment_count: i64,
    pub latest_comments: Vec<CommentLine>,
    pub surveys: Vec<SurveyDigest>,
    /// Survey response per group × prototype category.
    pub equity: Vec<EquityLine>,
    /// Members silent for the whole window, counted per group.
    pub silent: Vec<SilentCount>,
    /// Their names: shown to facilitators of their group only, never exported.
    #[serde(skip)]
    pub silent_names: Vec<SilentMember>,
    /// The least number of answers an anonymous survey's question needs before anything of
    /// them is shown (see [`QuestionDigest::withheld`]).
    pub anonymous_min_answers: u32,
    /// Offers, introductions, actors and who's who, in counts (issue #19).
    pub network: crate::store::NetworkCounts,
}

/// One survey of the window with its questions.
#[derive(Debug, Clone, Serialize)]
pub struct SurveyDigest {
    #[serde(flatten)]
    pub survey: SurveyLine,
    pub questions: Vec<QuestionDigest>,
}

/// One question: its numbers, its distribution and (text questions) a sample of answers.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionDigest {
    #[serde(flatten)]
    pub line: QuestionLine,
    /// Answers / people the survey reached.
    pub response_rate: f64,
    /// Ratings 1–5, yes then no, or every option — each present, zero or not.
    pub bars: Vec<BarCount>,
    pub samples: Vec<String>,
    /// A question of an anonymous survey with fewer than [`Digest::anonymous_min_answers`]
    /// answers (as of the last full hour): its answer count, rate, mean, bars and samples are
    /// left out (zero and empty) everywhere the digest is shown.
    pub withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SilentCount {
    pub group: String,
    pub count: i64,
}

impl Digest {
    /// The digest of one group (`Some(slug)`) or all groups over the last `days` days.
    pub async fn build(
        store: &Store,
        group: Option<&GroupSlug>,
        days: u32,
        now: DateTime<Utc>,
    ) -> Result<Self> {
        let id: Option<GroupId> = match group {
            Some(slug) => Some(
                store
                    .group_by_slug(slug)
                    .await?
                    .ok_or_else(|| StoreError::Corrupt(format!("no group {slug}")))?
                    .id,
            ),
            None => None,
        };
        let from = now - Duration::days(days.into());
        let silent_names = store.digest_silent(id, from).await?;
        let mut silent: Vec<SilentCount> = Vec::new();
        for m in &silent_names {
            match silent.last_mut() {
                Some(last) if last.group == m.group => last.count += 1,
                _ => silent.push(SilentCount {
                    group: m.group.clone(),
                    count: 1,
                }),
            }
        }
        Ok(Self {
            group: group.map(|g| g.to_string()),
            from,
            to: now,
            members: store.digest_members(id, from).await?,
            posts: store.digest_posts(id, from).await?,
            comment_count: store.digest_comment_count(id, from).await?,
            latest_comments: store
                .digest_comments(id, from, Some(LATEST_COMMENTS))
                .await?,
            surveys: surveys(store, id.into(), from, now, TEXT_SAMPLES).await?,
            equity: store.digest_equity(id, from).await?,
            silent,
            silent_names,
            anonymous_min_answers: store.anonymity().min_answers,
            network: store.digest_network(id, from).await?,
        })
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// Markdown, for the terminal or a file.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "# Feedback digest — {}\n\n{} to {}\n\n## Members\n\n",
            self.group.as_deref().unwrap_or("all working groups"),
            self.from.format("%Y-%m-%d"),
            self.to.format("%Y-%m-%d")
        );
        let m = &self.members;
        out.push_str(&format!(
            "- {} in total, {} new in this period\n- {} paused, {} blocked the bot\n\n## Posts\n\n",
            m.total, m.joined, m.paused, m.blocked
        ));
        if self.posts.is_empty() {
            out.push_str("No posts in this period.\n");
        }
        for p in &self.posts {
            let reached = p.sent + p.failed + p.blocked + p.pending;
            out.push_str(&format!(
                "- #{} {} **{}**{} ({}): delivered {} `{}` {} · failed {} · blocked {} · pending {} · {} comment{}\n",
                p.id,
                p.kind.as_str(),
                p.title,
                match (&p.category, &p.status) {
                    (Some(c), Some(s)) => format!(" [{c}, {s}]"),
                    _ => String::new(),
                },
                p.group,
                p.sent,
                bar(share(p.sent, reached), 10),
                percent(share(p.sent, reached)),
                p.failed,
                p.blocked,
                p.pending,
                p.comments,
                if p.comments == 1 { "" } else { "s" }
            ));
            if p.answers > 0 {
                out.push_str(&format!(
                    "  - you said, we did: {} {} who gave feedback told\n",
                    p.told,
                    if p.told == 1 { "person" } else { "people" }
                ));
            }
        }
        if !self.surveys.is_empty() {
            out.push_str("\n## Surveys\n");
        }
        for s in &self.surveys {
            out.push_str(&format!(
                "\n### #{} {} ({}) — about “{}”{}\n\nReached {} · answered {} · finished {}\n\n",
                s.survey.id,
                s.survey.title,
                s.survey.group,
                s.survey.post_title,
                if s.survey.anonymous {
                    ", anonymous"
                } else {
                    ""
                },
                s.survey.delivered,
                s.survey.respondents,
                s.survey.finished
            ));
            for q in &s.questions {
                if q.withheld {
                    out.push_str(&format!(
                        "{}. {} — fewer than {} answers so far\n",
                        q.line.number, q.line.prompt, self.anonymous_min_answers
                    ));
                    continue;
                }
                out.push_str(&format!(
                    "{}. {} — {} answers ({} response){}\n",
                    q.line.number,
                    q.line.prompt,
                    q.line.answers,
                    percent(q.response_rate),
                    q.line
                        .mean
                        .map(|m| format!(", mean {m:.1}"))
                        .unwrap_or_default()
                ));
                let total: i64 = bar_total(q);
                for b in &q.bars {
                    out.push_str(&format!(
                        "   - {} `{}` {} ({})\n",
                        bar_label(q.line.kind, b),
                        bar(share(b.count, total), 10),
                        percent(share(b.count, total)),
                        b.count
                    ));
                }
                for t in &q.samples {
                    out.push_str(&format!("   - “{}”\n", t.replace('\n', " ")));
                }
            }
        }
        if !self.equity.is_empty() {
            out.push_str("\n## Who responds\n\n| group | category | reached | answered | rate |\n|---|---|---|---|---|\n");
            for e in &self.equity {
                out.push_str(&format!(
                    "| {} | {} | {} | {} | {} |\n",
                    e.group,
                    e.category.map_or("other posts", |c| c.as_str()),
                    e.invited,
                    e.responded,
                    percent(share(e.responded, e.invited))
                ));
            }
        }
        if !self.silent.is_empty() {
            out.push_str("\n## Silent all period\n\n");
            for s in &self.silent {
                out.push_str(&format!("- {}: {} members\n", s.group, s.count));
            }
        }
        out.push_str(&self.network_markdown());
        out.push_str(&format!(
            "\n## Comments\n\n{} in this period.\n\n",
            self.comment_count
        ));
        for c in &self.latest_comments {
            out.push_str(&format!(
                "- {} — {}{}: {}\n",
                c.created_at.format("%Y-%m-%d"),
                c.author.as_deref().unwrap_or("anonymous"),
                c.post_title
                    .as_deref()
                    .map(|t| format!(" on “{t}”"))
                    .unwrap_or_default(),
                comment_excerpt(c)
            ));
        }
        out
    }
}

impl Digest {
    /// The "Network" section in Markdown: counts only (empty when there is nothing).
    fn network_markdown(&self) -> String {
        let n = &self.network;
        if n.is_empty() {
            return String::new();
        }
        let mut out = String::from("\n## Network\n\n");
        for o in &n.offers {
            out.push_str(&format!(
                "- #{} {} ({}): {} offer{} of help\n",
                o.post_id,
                o.title,
                o.group,
                o.offers,
                if o.offers == 1 { "" } else { "s" }
            ));
        }
        out.push_str(&format!(
            "- introductions: {} made, {} accepted by everyone\n",
            n.introductions, n.introductions_made
        ));
        for a in &n.actors {
            out.push_str(&format!(
                "- actors, {}: {}\n",
                a.category.map_or("no category", |c| c.as_str()),
                a.actors
            ));
        }
        out.push_str(&format!("- listed in who's who: {}\n", n.listed));
        out
    }
}

/// The surveys of `scope` open within the window, their questions, distributions and up to
/// `text_limit` text answers per question — anonymous surveys' only as the store's
/// [`crate::store::Anonymity`] rule allows at `now`. This is the one place that decides what
/// of an anonymous survey a digest (in the chat or on the dashboard) shows.
pub(crate) async fn surveys(
    store: &Store,
    group: Scope<'_>,
    from: DateTime<Utc>,
    now: DateTime<Utc>,
    text_limit: i64,
) -> Result<Vec<SurveyDigest>> {
    let surveys = store.digest_surveys(group, from).await?;
    if surveys.is_empty() {
        return Ok(Vec::new());
    }
    let min_answers = i64::from(store.anonymity().min_answers);
    let anonymous: std::collections::HashSet<SurveyId> = surveys
        .iter()
        .filter(|s| s.anonymous)
        .map(|s| s.id)
        .collect();
    let questions = store.digest_questions(group, from, now).await?;
    // Grouped by id once: an all-groups digest has thousands of questions.
    let mut bars_of: HashMap<QuestionId, Vec<BarCount>> = HashMap::new();
    for bar in store.digest_bars(group, from, now).await? {
        bars_of.entry(bar.question_id).or_default().push(bar);
    }
    let mut samples_of: HashMap<QuestionId, Vec<String>> = HashMap::new();
    for sample in store.text_answers(group, from, now, text_limit).await? {
        samples_of
            .entry(sample.question_id)
            .or_default()
            .push(sample.text);
    }
    let mut questions_of: HashMap<SurveyId, Vec<QuestionDigest>> = HashMap::new();
    let delivered: HashMap<SurveyId, i64> = surveys.iter().map(|s| (s.id, s.delivered)).collect();
    for mut q in questions {
        let found = bars_of.remove(&q.question_id).unwrap_or_default();
        let samples = samples_of.remove(&q.question_id).unwrap_or_default();
        let digest = if anonymous.contains(&q.survey_id) && q.answers < min_answers {
            q.answers = 0;
            q.mean = None;
            QuestionDigest {
                response_rate: 0.0,
                bars: Vec::new(),
                samples: Vec::new(),
                withheld: true,
                line: q,
            }
        } else {
            QuestionDigest {
                response_rate: share(q.answers, delivered.get(&q.survey_id).copied().unwrap_or(0)),
                bars: complete_bars(&q, found.iter()),
                samples,
                withheld: false,
                line: q,
            }
        };
        questions_of
            .entry(digest.line.survey_id)
            .or_default()
            .push(digest);
    }
    Ok(surveys
        .into_iter()
        .map(|survey| SurveyDigest {
            questions: questions_of.remove(&survey.id).unwrap_or_default(),
            survey,
        })
        .collect())
}

/// A question's bars with every possible value present: ratings 1–5, yes then no; options
/// come complete from the database.
fn complete_bars<'a>(q: &QuestionLine, found: impl Iterator<Item = &'a BarCount>) -> Vec<BarCount> {
    let found: Vec<&BarCount> = found.collect();
    let answers: Vec<Answer> = match q.kind {
        QuestionTag::Rating => RATINGS.map(Answer::Rating).collect(),
        QuestionTag::YesNo => vec![Answer::YesNo(true), Answer::YesNo(false)],
        QuestionTag::Choice | QuestionTag::Multi => return found.into_iter().cloned().collect(),
        QuestionTag::Text => return Vec::new(),
    };
    let values = answers.iter().filter_map(|a| a.to_stored().0);
    values
        .map(|value| BarCount {
            question_id: q.question_id,
            value,
            label: None,
            count: found
                .iter()
                .find(|b| b.value == value)
                .map_or(0, |b| b.count),
        })
        .collect()
}

/// The chart of a question: its bars labelled by `label` (the chat's labels, in the reader's
/// language), shares of the people who answered for a multiple-choice question (as the text
/// says). The chat's PNG and the dashboard's SVG are both drawn from this.
pub fn distribution(
    q: &QuestionDigest,
    label: impl Fn(QuestionTag, &BarCount) -> String,
) -> crate::chart::Distribution {
    crate::chart::Distribution {
        title: format!("{}. {}", q.line.number, q.line.prompt),
        bars: q
            .bars
            .iter()
            .map(|b| {
                (
                    label(q.line.kind, b),
                    u64::try_from(b.count).unwrap_or_default(),
                )
            })
            .collect(),
        total: q
            .line
            .kind
            .many()
            .then(|| u64::try_from(bar_total(q)).unwrap_or_default()),
    }
}

/// What a comment says, in one line: "[voice 0:23]" for media, the text's first line.
pub fn comment_excerpt(c: &CommentLine) -> String {
    let mut out = String::new();
    if let Some(kind) = c.media_kind {
        let kind = kind.as_str().replace('_', " ");
        match c.duration_secs {
            Some(s) => out.push_str(&format!("[{kind} {}:{:02}] ", s / 60, s % 60)),
            None => out.push_str(&format!("[{kind}] ")),
        }
    }
    if let Some(text) = &c.text {
        let line = text
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or_default()
            .trim();
        let cut: String = line.chars().take(160).collect();
        out.push_str(&cut);
        if line.chars().count() > 160 {
            out.push('…');
        }
    }
    out.trim_end().to_owned()
}

/// What one bar of a question stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarMeaning<'a> {
    /// A choice or multi question's option.
    Option(&'a str),
    Rating(u8),
    Yes,
    No,
    /// A value no answer of the question's kind has (a corrupt row).
    Other(i64),
}

impl BarCount {
    /// What this bar of a question of kind `kind` stands for.
    pub fn meaning(&self, kind: QuestionTag) -> BarMeaning<'_> {
        if let Some(label) = &self.label {
            return BarMeaning::Option(label);
        }
        match Answer::from_stored(kind, Some(self.value), None) {
            Some(Answer::Rating(n)) => BarMeaning::Rating(n),
            Some(Answer::YesNo(true)) => BarMeaning::Yes,
            Some(Answer::YesNo(false)) => BarMeaning::No,
            _ => BarMeaning::Other(self.value),
        }
    }
}

/// What one bar stands for, in plain words (for Markdown and the chart).
pub fn bar_label(kind: QuestionTag, b: &BarCount) -> String {
    match b.meaning(kind) {
        BarMeaning::Option(label) => label.to_owned(),
        BarMeaning::Rating(n) => format!("{n} ★"),
        BarMeaning::Yes => "yes".to_owned(),
        BarMeaning::No => "no".to_owned(),
        BarMeaning::Other(value) => value.to_string(),
    }
}

/// What a question's bars are shares of: the answers (for multi, people can choose several
/// options, so each option's share is of the people who answered).
pub fn bar_total(q: &QuestionDigest) -> i64 {
    if q.line.kind.many() {
        q.line.answers
    } else {
        q.bars.iter().map(|b| b.count).sum()
    }
}

pub fn share(part: i64, whole: i64) -> f64 {
    if whole <= 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

pub fn percent(fraction: f64) -> String {
    format!("{:.0}%", (fraction * 100.0).round())
}

/// A horizontal bar of `width` cells for a fraction in 0..=1, in eighths of a cell:
/// `bar(0.42, 10)` is `████▏`.
pub fn bar(fraction: f64, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let fraction = if fraction.is_nan() {
        0.0
    } else {
        fraction.clamp(0.0, 1.0)
    };
    let eighths = (fraction * width as f64 * 8.0).round() as usize;
    let mut out = "█".repeat(eighths / 8);
    if !eighths.is_multiple_of(8) {
        out.push(EIGHTHS[eighths % 8]);
    }
    out
}

/// [`bar`] on a track of `width` light shades, so bars of one list line up.
pub fn bar_track(fraction: f64, width: usize) -> String {
    format!("{:░<width$}", bar(fraction, width))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_in_eighths() {
        assert_eq!(bar(0.0, 10), "");
        assert_eq!(bar(1.0, 10), "██████████");
        assert_eq!(bar(0.42, 10), "████▎");
        assert_eq!(bar(0.5, 4), "██");
        assert_eq!(bar(2.0, 3), "███");
        assert_eq!(bar(f64::NAN, 3), "");
        assert_eq!(percent(share(1, 3)), "33%");
        assert_eq!(share(1, 0), 0.0);
    }

    fn line(text: Option<&str>, media: Option<&str>, secs: Option<i64>) -> CommentLine {
        CommentLine {
            id: 1,
            group: "water".into(),
            author: None,
            created_at: crate::store::parse_ts("2026-11-27T10:00:00.000000Z").unwrap(),
            post_id: None,
            post_title: None,
            text: text.map(str::to_owned),
            media_kind: media.map(|m| m.parse().unwrap()),
            duration_secs: secs,
        }
    }

    #[test]
    fn excerpts_show_media_and_first_lines() {
        assert_eq!(
            comment_excerpt(&line(None, Some("voice"), Some(23))),
            "[voice 0:23]"
        );
        assert_eq!(
            comment_excerpt(&line(Some("\nHello\nworld"), Some("photo"), None)),
            "[photo] Hello"
        );
        assert_eq!(
            comment_excerpt(&line(Some(&"x".repeat(200)), None, None))
                .chars()
                .count(),
            161
        );
    }
}
