//! The overview: every group the person may see, side by side.

use std::sync::Arc;

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::WebLabel;

/// `GET /web`: the overview's address ends with `/`.
pub async fn home() -> Response {
    Redirect::to("/web/").into_response()
}

/// `GET /web/`.
pub async fn overview(State(app): State<Arc<App>>, viewer: Viewer) -> Response {
    let t = session::texts(&app, &viewer.language);
    let body = html! {
        @if viewer.groups.is_empty() {
            p { (t.web_label(WebLabel::NoGroups)) }
        } @else {
            h2 { (t.web_label(WebLabel::Groups)) }
            ul class="cards" {
                @for group in &viewer.groups {
                    li {
                        a href={ "/web/g/" (group.slug) } { (group.name.as_str()) }
                        " "
                        code { (group.slug) }
                    }
                }
            }
        }
    };
    let frame = Frame {
        title: t.web_label(WebLabel::Overview),
        group: None,
        window: None,
    };
    layout::page(&t, &viewer, frame, body)
}
