//! The overview: every group the person may see, side by side — members by state, what the
//! period brought, response, silent members, last activity — and the equity table (survey
//! response by group × prototype category, colour-scaled, each cell's number written in it).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use coloop_core::dashboard::{EQUITY_COLUMNS, Overview};
use maud::{Markup, html};

use super::{WindowQuery, number};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::{Texts, WebLabel};

/// `GET /web`: the overview's address ends with `/`.
pub async fn home() -> Response {
    Redirect::to("/web/").into_response()
}

/// `GET /web/?window=`.
pub async fn overview(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Query(query): Query<WindowQuery>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let window = query.window();
    let ids: Vec<_> = viewer.groups.iter().map(|g| g.id).collect();
    let overview = match Overview::build(&app.store, &ids, window, Utc::now()).await {
        Ok(overview) => overview,
        Err(error) => return layout::failed(&t, error),
    };
    let body = html! {
        @if overview.groups.is_empty() {
            p { (t.web_label(WebLabel::NoGroups)) }
        } @else {
            (headline(&t, &overview))
            (groups(&t, &overview))
            (equity(&t, &overview))
        }
    };
    let frame = Frame {
        title: t.web_label(WebLabel::Overview),
        group: None,
        tabs: None,
        window: Some((window, "/web/")),
    };
    layout::page(&t, &viewer, frame, body)
}

/// The period's totals over every group shown.
fn headline(t: &Texts<'_>, overview: &Overview) -> Markup {
    let sum = |f: fn(&coloop_core::dashboard::GroupSummary) -> i64| -> i64 {
        overview.groups.iter().map(f).sum()
    };
    let invited = sum(|g| g.invited);
    let responded = sum(|g| g.responded);
    let rate = if invited > 0 {
        responded as f64 / invited as f64
    } else {
        0.0
    };
    let figures = [
        (WebLabel::Active, sum(|g| g.activity.active).to_string()),
        (WebLabel::Posts, sum(|g| g.activity.posts).to_string()),
        (WebLabel::Surveys, sum(|g| g.activity.surveys).to_string()),
        (WebLabel::ResponseRate, t.web_percent(rate)),
        (WebLabel::Comments, sum(|g| g.activity.comments).to_string()),
        (WebLabel::Silent, sum(|g| g.silent).to_string()),
    ];
    html! {
        ul class="headline" {
            @for (label, value) in figures {
                li { span class="number" { (value) } (t.web_label(label)) }
            }
        }
    }
}

fn groups(t: &Texts<'_>, overview: &Overview) -> Markup {
    html! {
        h2 id="groups" { (t.web_label(WebLabel::Groups)) }
        (layout::scrolling_table("groups", None, html! {
            tr {
                th scope="col" { (t.web_label(WebLabel::Group)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Active)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Paused)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Blocked)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Posts)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Surveys)) }
                th scope="col" class="number" { (t.web_label(WebLabel::ResponseRate)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Comments)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Silent)) }
                th scope="col" { (t.web_label(WebLabel::LastActivity)) }
            }

        }, html! {
            @for g in &overview.groups {
                tr {
                    th scope="row" {
                        a href={ "/web/g/" (g.activity.slug) "?window=" (overview.window) } { (g.activity.name) }
                        @if g.activity.archived {
                            " " span class="muted" { "(" (t.web_label(WebLabel::Archived)) ")" }
                        }
                    }
                    (number(g.activity.active))
                    (number(g.activity.paused))
                    (number(g.activity.blocked))
                    (number(g.activity.posts))
                    (number(g.activity.surveys))
                    td class="number" { (t.web_percent(g.response_rate)) }
                    (number(g.activity.comments))
                    (number(g.silent))
                    td {
                        @match g.activity.last_activity {
                            Some(at) => (t.web_date(at)),
                            None => span class="muted" { (t.web_label(WebLabel::Never)) },
                        }
                    }
                }
            }

        }))
    }
}

fn equity(t: &Texts<'_>, overview: &Overview) -> Markup {
    if overview.equity.rows.is_empty() {
        return html! {};
    }
    html! {
        h2 id="equity" { (t.web_label(WebLabel::Equity)) }
        (layout::scrolling_table("equity", Some("equity"), html! {
            tr {
                th scope="col" { (t.web_label(WebLabel::Group)) }
                @for column in EQUITY_COLUMNS {
                    th scope="col" class="number" {
                        @match column {
                            Some(category) => (t.category_label(category)),
                            None => (t.web_label(WebLabel::Other)),
                        }
                    }
                }
            }

        }, html! {
            @for row in &overview.equity.rows {
                tr {
                    th scope="row" { (row.name) }
                    @for cell in &row.cells {
                        @match cell {
                            Some(cell) => td class={ "number rate-" (cell.shade) } {
                                (t.web_percent(cell.rate))
                                " (" (cell.responded) "/" (cell.invited) ")"
                            },
                            None => td class="number" { (t.web_label(WebLabel::NoValue)) },
                        }
                    }
                }
            }

        }))
    }
}
