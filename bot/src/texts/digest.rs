//! Digests: the text of `/digest` and scheduled digests, chart labels, `/export` captions.

use super::*;
use coloop_core::digest::BarMeaning;
use coloop_core::survey::QuestionTag;

/// One survey's chart, ready to draw and send.
#[derive(Debug, Clone)]
pub struct SurveyChart {
    /// The line drawn above the panels.
    pub heading: String,
    pub distributions: Vec<coloop_core::chart::Distribution>,
    pub file_name: String,
    /// HTML.
    pub caption: String,
}

/// Who reads a digest: coordinators see the response per group and category; facilitators
/// see the names of their own groups' silent members (everyone else only counts).
#[derive(Debug, Clone, Copy, Default)]
pub struct DigestView<'a> {
    pub coordinator: bool,
    /// Slugs of the groups the reader facilitates.
    pub facilitates: &'a [String],
}

impl Texts<'_> {
    /// A feedback digest as a chat message (long ones are sent in parts, cut between lines).
    pub fn digest(
        &self,
        d: &coloop_core::digest::Digest,
        scope: Option<&str>,
        days: u32,
        view: DigestView<'_>,
    ) -> String {
        let scope = match scope {
            Some(name) => escape(name),
            None => self.tr("digest-all-groups"),
        };
        let mut text = self.tra(
            "digest-title",
            args![
                "scope" => scope,
                "from" => self.date_label(d.from.date_naive()),
                "to" => self.date_label(d.to.date_naive()),
                "days" => i64::from(days),
            ],
        );
        let m = &d.members;
        text.push_str("\n\n");
        text.push_str(&self.tra(
            "digest-members",
            args!["total" => m.total, "joined" => m.joined, "paused" => m.paused, "blocked" => m.blocked],
        ));
        text.push_str("\n\n");
        text.push_str(&self.tr("digest-posts"));
        if d.posts.is_empty() {
            text.push('\n');
            text.push_str(&self.tr("digest-no-posts"));
        }
        for p in &d.posts {
            let reached = p.sent + p.failed + p.blocked + p.pending;
            let share = if reached > 0 {
                p.sent as f64 / reached as f64
            } else {
                0.0
            };
            let kind = self.kind_name(p.kind);
            text.push('\n');
            text.push_str(&self.tra(
                "digest-post",
                args![
                    "kind" => kind,
                    "title" => escape(&p.title),
                    "group" => p.group.clone(),
                    "bar" => coloop_core::digest::bar_track(share, 10),
                    "percent" => format!("{:.0}%", share * 100.0),
                    "sent" => p.sent,
                    "total" => reached,
                    "comments" => p.comments,
                ],
            ));
            if p.answers > 0 {
                text.push('\n');
                text.push_str(&self.tra("digest-post-told", args!["told" => p.told]));
            }
        }
        self.digest_surveys(&mut text, d);
        if view.coordinator && !d.equity.is_empty() {
            text.push_str("\n\n");
            text.push_str(&self.tr("digest-equity"));
            for e in &d.equity {
                let rate = coloop_core::digest::share(e.responded, e.invited);
                let category = match e.category {
                    Some(c) => self.category_label(c),
                    None => self.tr("digest-equity-other"),
                };
                text.push('\n');
                text.push_str(&self.tra(
                    "digest-equity-line",
                    args![
                        "group" => e.group.clone(),
                        "category" => category,
                        "bar" => coloop_core::digest::bar_track(rate, 10),
                        "percent" => coloop_core::digest::percent(rate),
                        "responded" => e.responded,
                        "invited" => e.invited,
                    ],
                ));
            }
        }
        for silent in &d.silent {
            text.push_str("\n\n");
            text.push_str(&self.tra(
                "digest-silent",
                args!["group" => silent.group.clone(), "count" => silent.count],
            ));
            if view.facilitates.contains(&silent.group) {
                let names: Vec<String> = d
                    .silent_names
                    .iter()
                    .filter(|m| m.group == silent.group)
                    .map(|m| escape(&m.name))
                    .collect();
                text.push('\n');
                text.push_str(&names.join(", "));
            }
        }
        let network = self.digest_network(&d.network);
        if !network.is_empty() {
            text.push_str("\n\n");
            text.push_str(&network);
        }
        text.push_str("\n\n");
        text.push_str(&self.tra("digest-comments", args!["count" => d.comment_count]));
        for c in &d.latest_comments {
            let when = self.date_time_label(c.created_at);
            let author = c
                .author
                .as_deref()
                .map(escape)
                .unwrap_or_else(|| self.tr("digest-anonymous"));
            let excerpt = escape(&coloop_core::digest::comment_excerpt(c));
            text.push('\n');
            text.push_str(&match &c.post_title {
                Some(title) => self.tra(
                    "digest-comment-post",
                    args!["when" => when, "author" => author, "title" => escape(title), "text" => excerpt],
                ),
                None => self.tra("digest-comment", args!["when" => when, "author" => author, "text" => excerpt]),
            });
        }
        text
    }

    /// What one bar of a question stands for (plain text): `4 ★`, Yes / No, an option.
    pub fn digest_bar_label(&self, kind: QuestionTag, b: &coloop_core::store::BarCount) -> String {
        match b.meaning(kind) {
            BarMeaning::Option(label) => label.to_owned(),
            BarMeaning::Rating(n) => self.survey_rating(n),
            BarMeaning::Yes => self.survey_yes(),
            BarMeaning::No | BarMeaning::Other(_) => self.survey_no(),
        }
    }

    pub fn digest_chart_caption(&self, title: &str) -> String {
        self.tra("digest-chart", args!["title" => escape(title)])
    }

    fn digest_surveys(&self, text: &mut String, d: &coloop_core::digest::Digest) {
        use coloop_core::digest::{bar_total, percent, share};
        if d.surveys.is_empty() {
            return;
        }
        text.push_str("\n\n");
        text.push_str(&self.tr("digest-surveys"));
        for s in &d.surveys {
            let line = &s.survey;
            text.push_str("\n\n");
            text.push_str(&self.tra(
                "digest-survey",
                args![
                    "id" => line.id.get(),
                    "title" => escape(&line.title),
                    "group" => line.group.clone(),
                    "post" => escape(&line.post_title),
                    "delivered" => line.delivered,
                    "respondents" => line.respondents,
                    "finished" => line.finished,
                    "anonymous" => yes_no(line.anonymous),
                ],
            ));
            for q in &s.questions {
                text.push('\n');
                if q.withheld {
                    text.push_str(&self.tra(
                        "digest-question-withheld",
                        args![
                            "number" => q.line.number,
                            "prompt" => escape(&q.line.prompt),
                            "min" => d.anonymous_min_answers,
                        ],
                    ));
                    continue;
                }
                text.push_str(&self.tra(
                    "digest-question",
                    args![
                        "number" => q.line.number,
                        "prompt" => escape(&q.line.prompt),
                        "answers" => q.line.answers,
                        "percent" => percent(q.response_rate),
                    ],
                ));
                if let Some(mean) = q.line.mean {
                    text.push_str(&self.tra("digest-mean", args!["mean" => format!("{mean:.1}")]));
                }
                let total = bar_total(q);
                for b in &q.bars {
                    let label = escape(&self.digest_bar_label(q.line.kind, b));
                    let fraction = share(b.count, total);
                    text.push('\n');
                    text.push_str(&self.tra(
                        "digest-bar",
                        args![
                            "label" => label,
                            "bar" => coloop_core::digest::bar_track(fraction, 10),
                            "percent" => percent(fraction),
                            "count" => b.count,
                        ],
                    ));
                }
                for sample in &q.samples {
                    let cut: String = sample.chars().take(200).collect();
                    text.push('\n');
                    text.push_str(&self.tra("digest-sample", args!["text" => escape(cut.trim())]));
                }
            }
        }
    }

    pub fn export_empty(&self) -> String {
        self.tr("export-empty")
    }

    pub fn digest_which_group(&self, groups: &[GroupSlug]) -> String {
        self.tra("digest-which-group", args!["groups" => code_list(groups)])
    }

    pub fn export_caption(&self, what: &str, scope: Option<&str>) -> String {
        let scope = match scope {
            Some(name) => escape(name),
            None => self.tr("digest-all-groups"),
        };
        self.tra(
            match what {
                "comments" => "export-comments",
                "answers" => "export-answers",
                _ => "export-deliveries",
            },
            args!["scope" => scope],
        )
    }

    pub fn which_group(&self, groups: &[GroupSlug]) -> String {
        if groups.is_empty() {
            return self.tr("which-group");
        }
        self.tra("which-group-yours", args!["groups" => code_list(groups)])
    }

    /// One chart per survey of the digest that has answers: the distribution of each
    /// question's answers, labelled in this language.
    pub fn digest_charts(&self, digest: &coloop_core::digest::Digest) -> Vec<SurveyChart> {
        digest
            .surveys
            .iter()
            .filter_map(|survey| {
                let distributions: Vec<coloop_core::chart::Distribution> = survey
                    .questions
                    .iter()
                    .filter(|q| !q.bars.is_empty())
                    .map(|q| {
                        coloop_core::digest::distribution(q, |kind, b| {
                            self.digest_bar_label(kind, b)
                        })
                    })
                    .collect();
                (!distributions.is_empty()).then(|| SurveyChart {
                    heading: self.tra(
                        "digest-chart-heading",
                        args![
                            "id" => survey.survey.id.to_string(),
                            "title" => survey.survey.title.clone(),
                            "group" => survey.survey.group.clone(),
                        ],
                    ),
                    distributions,
                    file_name: format!("survey-{}.png", survey.survey.id),
                    caption: self.digest_chart_caption(&survey.survey.title),
                })
            })
            .collect()
    }
}
