//! A group's page: its challenge, and the way to its other pages.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::html;

use super::visible_group;
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::WebLabel;

/// `GET /web/g/<slug>`.
pub async fn group(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path(slug): Path<String>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let group = match visible_group(&app, &t, &viewer, &slug).await {
        Ok(group) => group,
        Err(refusal) => return refusal,
    };
    let body = html! {
        h2 { (t.web_label(WebLabel::Challenge)) }
        p class="challenge" { (group.challenge.as_str()) }
    };
    let frame = Frame {
        title: group.name.as_str().to_owned(),
        group: Some(group.slug.as_str()),
        window: None,
    };
    layout::page(&t, &viewer, frame, body)
}
