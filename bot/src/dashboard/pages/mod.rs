//! The dashboard's pages: the overview of every group the person may see, and each group's
//! pages under `/web/g/<slug>/` — the group, a prototype, a survey, the comments, the export.
//! A group the person may not see answers exactly like one that does not exist (404), and so
//! does an item (prototype, survey, comment) of another group: the read models take the group's
//! id and find nothing of another group's.

pub mod comments;
pub mod export;
pub mod group;
pub mod media;
pub mod overview;
pub mod prototype;
pub mod survey;

use std::sync::Arc;

use axum::Router;
use axum::routing::{get, post};
use coloop_core::dashboard::Window;
use coloop_core::store::VisibleGroup;
use maud::{Markup, html};
use serde::Deserialize;

use crate::telegram::App;
use crate::texts::{Texts, WebLabel};

/// The routes of the groups' pages.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/web/g/{slug}", get(group::group))
        .route("/web/g/{slug}/p/{prototype}", get(prototype::prototype))
        .route("/web/g/{slug}/s/{survey}", get(survey::survey))
        .route("/web/g/{slug}/comments", get(comments::comments))
        .route(
            "/web/g/{slug}/comments/{comment}/hide",
            post(comments::hide),
        )
        .route("/web/g/{slug}/export", get(export::export))
        .route("/web/g/{slug}/export/{file}", get(export::download))
}

/// `?window=`: the period a page shows (30 days when missing or not one of ours).
#[derive(Debug, Default, Deserialize)]
pub struct WindowQuery {
    #[serde(default)]
    window: Option<String>,
}

impl WindowQuery {
    pub fn window(&self) -> Window {
        self.window
            .as_deref()
            .and_then(|raw| raw.parse().ok())
            .unwrap_or_default()
    }
}

/// Which of a group's pages is shown, for its navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tab {
    Group,
    Comments,
    Export,
    /// A prototype or a survey: no tab is the current one.
    Other,
}

/// The navigation between a group's pages.
pub fn group_tabs(t: &Texts<'_>, group: &VisibleGroup, current: Tab) -> Markup {
    let base = format!("/web/g/{}", group.slug);
    let tabs = [
        (Tab::Group, base.clone(), WebLabel::Group),
        (
            Tab::Comments,
            format!("{base}/comments"),
            WebLabel::Comments,
        ),
        (Tab::Export, format!("{base}/export"), WebLabel::Export),
    ];
    html! {
        nav class="sub" aria-label=(group.name.as_str()) {
            ul {
                @for (tab, href, label) in tabs {
                    li { a href=(href) aria-current=[(tab == current).then_some("page")] { (t.web_label(label)) } }
                }
            }
        }
    }
}

/// A number of people, things or answers in a table cell.
pub fn number(n: i64) -> Markup {
    html! { td class="number" { (n) } }
}
