//! A group's page: its challenge; a timeline of outcomes, prototypes, questions and surveys;
//! delivery per post; its prototypes with their status history; "you said, we did" — which
//! posts answered which comments.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Utc;
use coloop_core::dashboard::{GroupPage, Prototype, TimelineEntry, YouSaidWeDid};
use coloop_core::domain::PostKind;
use coloop_core::store::{PostLine, VisibleGroup};
use maud::{Markup, html};

use super::{Tab, WindowQuery, group_tabs, number};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::{Texts, WebLabel};

/// `GET /web/g/<slug>?window=`.
pub async fn group(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<WindowQuery>,
) -> Response {
    with_group_page(&app, &viewer, &slug, query.window(), |t, visible, page| {
        let path = format!("/web/g/{}", visible.slug);
        let body = html! {
            (summary(t, page))
            (timeline(t, page))
            (delivery(t, page))
            (prototypes(t, &path, &page.prototypes))
            (you_said_we_did(t, &path, &page.you_said_we_did))
        };
        let frame = Frame {
            title: visible.name.as_str().to_owned(),
            group: Some(&visible.slug),
            tabs: Some(group_tabs(t, visible, Tab::Group)),
            window: Some((page.window, &path)),
        };
        layout::page(t, &viewer, frame, body)
    })
    .await
}

/// The page `render` makes of group `slug`'s [`GroupPage`] over `window`, when the viewer may
/// see the group (the group's page, and its export's printable summary).
pub async fn with_group_page(
    app: &App,
    viewer: &Viewer,
    slug: &str,
    window: coloop_core::dashboard::Window,
    render: impl FnOnce(&Texts<'_>, &VisibleGroup, &GroupPage) -> Response,
) -> Response {
    let t = session::texts(app, &viewer.language);
    let Some(visible) = viewer.group(slug) else {
        return layout::not_found(&t);
    };
    match GroupPage::build(&app.store, visible.id, window, Utc::now()).await {
        Ok(Some(page)) => render(&t, visible, &page),
        Ok(None) => layout::not_found(&t),
        Err(error) => layout::failed(&t, error),
    }
}

/// The challenge, and the period's numbers: the printable head of the group.
pub fn summary(t: &Texts<'_>, page: &GroupPage) -> Markup {
    let sent: i64 = page.posts.iter().map(|p| p.sent).sum();
    let comments: i64 = page.posts.iter().map(|p| p.comments).sum();
    let surveys = page
        .timeline
        .iter()
        .filter(|e| matches!(e, TimelineEntry::Survey(_)))
        .count();
    html! {
        h2 { (t.web_label(WebLabel::Challenge)) }
        p class="challenge" { (page.group.challenge.as_str()) }
        ul class="headline" {
            li { span class="number" { (page.posts.len()) } (t.web_label(WebLabel::Posts)) }
            li { span class="number" { (surveys) } (t.web_label(WebLabel::Surveys)) }
            li { span class="number" { (sent) } (t.web_label(WebLabel::Delivered)) }
            li { span class="number" { (comments) } (t.web_label(WebLabel::Comments)) }
        }
    }
}

fn kind_label(kind: PostKind) -> WebLabel {
    match kind {
        PostKind::Outcome => WebLabel::Outcome,
        PostKind::Prototype => WebLabel::Prototype,
        PostKind::Question => WebLabel::Question,
    }
}

fn when(t: &Texts<'_>, at: Option<chrono::DateTime<Utc>>) -> Markup {
    match at {
        Some(at) => html! { (t.web_date(at)) },
        None => html! { (t.web_label(WebLabel::NoValue)) },
    }
}

pub fn timeline(t: &Texts<'_>, page: &GroupPage) -> Markup {
    html! {
        h2 id="timeline" { (t.web_label(WebLabel::Timeline)) }
        @if page.timeline.is_empty() {
            p { (t.web_label(WebLabel::Nothing)) }
        } @else {
            (layout::scrolling_table("timeline", None, html! {
                tr {
                    th scope="col" { (t.web_label(WebLabel::Date)) }
                    th scope="col" { (t.web_label(WebLabel::Kind)) }
                    th scope="col" { (t.web_label(WebLabel::Text)) }
                    th scope="col" { (t.web_label(WebLabel::Status)) }
                }
            }, html! {
                @for entry in &page.timeline {
                    tr {
                        td { (when(t, entry.at())) }
                        @match entry {
                            TimelineEntry::Post(post) => {
                                td { (t.web_label(kind_label(post.kind))) }
                                th scope="row" { (post.title) }
                                td {
                                    @if let Some(category) = post.category { (t.category_label(category)) }
                                    @if let Some(status) = post.status { " · " (t.status_label(status)) }
                                }
                            }
                            TimelineEntry::Survey(survey) => {
                                td { (t.web_label(WebLabel::Survey)) }
                                th scope="row" {
                                    a href={ "/web/g/" (page.group.slug) "/s/" (survey.id) } { (survey.title) }
                                }
                                td { (survey.respondents) " / " (survey.delivered) " " (t.web_label(WebLabel::Respondents).to_lowercase()) }
                            }
                        }
                    }
                }

            }))
        }
    }
}

/// Delivery per post: the digest's counts, and a bar (a `<meter>`: no inline style).
fn delivery(t: &Texts<'_>, page: &GroupPage) -> Markup {
    if page.posts.is_empty() {
        return html! {};
    }
    html! {
        h2 id="delivery" { (t.web_label(WebLabel::Delivery)) }
        (layout::scrolling_table("delivery", None, html! {
            tr {
                th scope="col" { (t.web_label(WebLabel::Post)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Delivered)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Pending)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Undelivered)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Blocked)) }
                th scope="col" class="number" { (t.web_label(WebLabel::Comments)) }
            }
        }, html! {
            @for post in &page.posts {
                (delivery_row(t, page.group.slug.as_str(), post))
            }

        }))
    }
}

fn delivery_row(t: &Texts<'_>, slug: &str, post: &PostLine) -> Markup {
    let total = post.sent + post.pending + post.failed + post.blocked;
    html! {
        tr {
            th scope="row" { (post.title) }
            td class="number" {
                (post.sent)
                " "
                meter min="0" max=(total.max(1)) value=(post.sent) aria-label=(t.web_label(WebLabel::Delivered)) {}
            }
            (number(post.pending))
            (number(post.failed))
            (number(post.blocked))
            td class="number" {
                a href={ "/web/g/" (slug) "/comments?post=" (post.id) } { (post.comments) }
            }
        }
    }
}

pub fn prototypes(t: &Texts<'_>, path: &str, prototypes: &[Prototype]) -> Markup {
    html! {
        h2 id="prototypes" { (t.web_label(WebLabel::Prototypes)) }
        @if prototypes.is_empty() {
            p { (t.web_label(WebLabel::Nothing)) }
        } @else {
            (layout::scrolling_table("prototypes", None, html! {
                tr {
                    th scope="col" { (t.web_label(WebLabel::Prototype)) }
                    th scope="col" { (t.web_label(WebLabel::Category)) }
                    th scope="col" { (t.web_label(WebLabel::Status)) }
                    th scope="col" { (t.web_label(WebLabel::StatusHistory)) }
                }
            }, html! {
                @for p in prototypes {
                    tr {
                        th scope="row" { a href={ (path) "/p/" (p.row.id) } { (p.row.title) } }
                        td { (t.category_label(p.row.category)) }
                        td { (t.status_label(p.row.status)) }
                        td { (history(t, p)) }
                    }
                }

            }))
        }
    }
}

pub fn history(t: &Texts<'_>, prototype: &Prototype) -> Markup {
    html! {
        ol class="history" {
            @for change in &prototype.history {
                li {
                    (when(t, change.at)) ": "
                    @if let Some(status) = change.status { (t.status_label(status)) }
                    @if let Some(category) = change.category { " · " (t.category_label(category)) }
                }
            }
        }
    }
}

fn you_said_we_did(t: &Texts<'_>, path: &str, links: &[YouSaidWeDid]) -> Markup {
    if links.is_empty() {
        return html! {};
    }
    html! {
        h2 { (t.web_label(WebLabel::YouSaidWeDid)) }
        @for link in links {
            section class="answer" {
                h3 { (link.title) " " span class="muted" { "(" (when(t, link.sent_at)) ")" } }
                p { (t.web_label(WebLabel::Told)) ": " (link.told) }
                ul {
                    @for answered in &link.answered {
                        li {
                            (t.web_label(WebLabel::Answered)) ": "
                            a href={ (path) "/comments?post=" (answered.post_id) } { (answered.title) }
                            " (" (answered.comment_count) " " (t.web_label(WebLabel::Comments).to_lowercase()) ")"
                            @if !answered.comments.is_empty() {
                                ul {
                                    @for c in &answered.comments {
                                        li {
                                            @match &c.text {
                                                Some(text) => q { (text) },
                                                None => @if let Some(kind) = c.media_kind { (t.web_media(kind, None)) },
                                            }
                                            " — "
                                            (c.author.clone().unwrap_or_else(|| t.web_label(WebLabel::Anonymous)))
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
