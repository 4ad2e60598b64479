//! A prototype's page: its summary and status history, every comment on it in the period chosen
//! (text, photos shown, voice notes playable), and the results of the surveys about it sent in
//! that period.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use chrono::Utc;
use coloop_core::dashboard::PrototypePage;
use coloop_core::domain::PrototypeId;
use maud::html;

use super::comments::comment_list;
use super::group::history;
use super::survey::numbers;
use super::{Tab, WindowQuery, group_tabs};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::WebLabel;

/// `GET /web/g/<slug>/p/<prototype>`.
pub async fn prototype(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path((slug, prototype)): Path<(String, String)>,
    Query(query): Query<WindowQuery>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let Some(visible) = viewer.group(&slug).cloned() else {
        return layout::not_found(&t);
    };
    let Ok(id) = prototype.parse::<PrototypeId>() else {
        return layout::not_found(&t);
    };
    let now = Utc::now();
    let page = match PrototypePage::build(&app.store, visible.id, id, now).await {
        Ok(Some(page)) => page,
        Ok(None) => return layout::not_found(&t),
        Err(error) => return layout::failed(&t, error),
    };
    let row = &page.prototype.row;
    let base = format!("/web/g/{}", visible.slug);
    let path = format!("{base}/p/{id}");
    // The period chosen: the comments made and the surveys sent in it (its history is whole).
    let window = query.window();
    let since = window.since(now);
    let comments: Vec<_> = page
        .comments
        .iter()
        .filter(|c| c.created_at >= since)
        .cloned()
        .collect();
    let surveys = page
        .surveys
        .iter()
        .filter(|s| s.survey.sent_at.is_none_or(|at| at >= since));
    let body = html! {
        p {
            (t.category_label(row.category)) " · " (t.status_label(row.status))
        }
        h2 { (t.web_label(WebLabel::Summary)) }
        p class="challenge" { (row.summary) }
        h2 { (t.web_label(WebLabel::StatusHistory)) }
        (history(&t, &page.prototype))
        h2 { (t.web_label(WebLabel::Comments)) }
        (comment_list(&t, visible.slug.as_str(), &comments, None))
        h2 { (t.web_label(WebLabel::Surveys)) }
        @if surveys.clone().next().is_none() {
            p { (t.web_label(WebLabel::Nothing)) }
        }
        @for survey in surveys {
            h3 { a href={ (base) "/s/" (survey.survey.id) } { (survey.survey.title) } }
            (numbers(&t, survey))
        }
    };
    let frame = Frame {
        title: row.title.clone(),
        group: Some(&visible.slug),
        tabs: Some(group_tabs(&t, &visible, Tab::Other)),
        window: Some((window, &path)),
    };
    layout::page(&t, &viewer, frame, body)
}
