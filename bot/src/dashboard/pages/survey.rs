//! A survey's page: per question the digest's numbers (the anonymity rules applied: a withheld
//! question shows nothing), its chart as inline SVG from the code that draws the chat's PNG
//! with the same rows as a table (the chart's text equivalent), the written answers, and the
//! response over time.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Utc;
use coloop_core::dashboard::{QuestionChart, SurveyPage};
use coloop_core::digest::SurveyDigest;
use coloop_core::domain::SurveyId;
use coloop_core::store::SurveyState;
use maud::{Markup, PreEscaped, html};

use super::{Tab, group_tabs, number};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::{Texts, WebLabel};

/// `GET /web/g/<slug>/s/<survey>`.
pub async fn survey(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path((slug, survey)): Path<(String, String)>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let Some(visible) = viewer.group(&slug).cloned() else {
        return layout::not_found(&t);
    };
    let Ok(id) = survey.parse::<SurveyId>() else {
        return layout::not_found(&t);
    };
    let page = match SurveyPage::build(&app.store, visible.id, id, Utc::now()).await {
        Ok(Some(page)) => page,
        Ok(None) => return layout::not_found(&t),
        Err(error) => return layout::failed(&t, error),
    };
    let charts = match page.charts(|kind, bar| t.digest_bar_label(kind, bar)) {
        Ok(charts) => charts,
        Err(error) => return layout::failed(&t, error),
    };
    let body = html! {
        (numbers(&t, &page.survey))
        @for question in &page.survey.questions {
            section class="question" {
                h2 { (question.line.number) ". " (question.line.prompt) }
                @if question.withheld {
                    p { (t.web_label(WebLabel::Withheld)) }
                } @else {
                    p {
                        (t.web_label(WebLabel::Answers)) ": " (question.line.answers)
                        " · " (t.web_label(WebLabel::ResponseRate)) ": " (t.web_percent(question.response_rate))
                        @if let Some(mean) = question.line.mean {
                            " · " (t.web_label(WebLabel::Mean)) ": " (format!("{mean:.1}"))
                        }
                    }
                    @if let Some(chart) = charts.iter().find(|c| c.number == question.line.number) {
                        (chart_figure(&t, chart))
                    }
                    @if !question.samples.is_empty() {
                        h3 { (t.web_label(WebLabel::TextAnswers)) }
                        ul class="answers" {
                            @for sample in &question.samples { li { (sample) } }
                        }
                    }
                }
            }
        }
        @if !page.days.is_empty() {
            h2 id="over-time" { (t.web_label(WebLabel::ResponsesOverTime)) }
            (layout::scrolling_table("over-time", None, html! {
                tr {
                    th scope="col" { (t.web_label(WebLabel::Day)) }
                    th scope="col" class="number" { (t.web_label(WebLabel::Respondents)) }
                    th scope="col" class="number" { (t.web_label(WebLabel::ResponseRate)) }
                }
            }, html! {
                @for day in &page.days {
                    tr {
                        th scope="row" { (t.web_day(day.day)) }
                        (number(day.respondents))
                        td class="number" { (t.web_percent(day.rate)) }
                    }
                }

            }))
        }
    };
    let frame = Frame {
        title: page.survey.survey.title.clone(),
        group: Some(&visible.slug),
        tabs: Some(group_tabs(&t, &visible, Tab::Other)),
        window: None,
    };
    layout::page(&t, &viewer, frame, body)
}

/// A survey's head numbers: reached, answered, finished, open or closed.
pub fn numbers(t: &Texts<'_>, survey: &SurveyDigest) -> Markup {
    let line = &survey.survey;
    let state = match line.state {
        SurveyState::Open | SurveyState::Draft => WebLabel::SurveyOpen,
        SurveyState::Closed | SurveyState::Cancelled => WebLabel::SurveyClosed,
    };
    html! {
        p class="muted" { (line.post_title) " · " (t.web_label(state)) }
        ul class="headline" {
            li { span class="number" { (line.delivered) } (t.web_label(WebLabel::Reached)) }
            li { span class="number" { (line.respondents) } (t.web_label(WebLabel::Respondents)) }
            li { span class="number" { (line.finished) } (t.web_label(WebLabel::Finished)) }
        }
    }
}

/// A question's chart: the SVG (hidden from screen readers) and its rows as a table.
fn chart_figure(t: &Texts<'_>, chart: &QuestionChart) -> Markup {
    // plotters escapes the text it writes into the SVG; the document is inlined as it is,
    // with the table below as what assistive technology reads.
    let svg = chart
        .svg
        .replacen("<svg ", "<svg aria-hidden=\"true\" focusable=\"false\" ", 1);
    html! {
        figure class="chart" {
            (PreEscaped(svg))
            figcaption {
                table {
                    caption { (t.web_label(WebLabel::ChartText)) " (" (t.web_label(WebLabel::Answers)) ": " (chart.total) ")" }
                    thead { tr {
                        th scope="col" { (t.web_label(WebLabel::Answers)) }
                        th scope="col" class="number" { (t.web_label(WebLabel::Count)) }
                        th scope="col" class="number" { (t.web_label(WebLabel::Share)) }
                    } }
                    tbody {
                        @for row in &chart.rows {
                            tr {
                                th scope="row" { (row.label) }
                                td class="number" { (row.count) }
                                td class="number" { (row.value) }
                            }
                        }
                    }
                }
            }
        }
    }
}
