//! The dashboard's pages: the overview of every group the person may see, and each group's
//! pages under `/web/g/<slug>/`. A group the person may not see answers exactly like one that
//! does not exist (404).

pub mod group;
pub mod overview;

use std::sync::Arc;

use axum::Router;
use axum::response::Response;
use axum::routing::get;
use coloop_core::store::Group;

use super::layout;
use super::session::Viewer;
use crate::telegram::App;
use crate::texts::Texts;

/// The routes of the groups' pages.
pub fn routes() -> Router<Arc<App>> {
    Router::new().route("/web/g/{slug}", get(group::group))
}

/// The group called `slug`, when the viewer may see it; otherwise the not-found page.
pub async fn visible_group(
    app: &App,
    t: &Texts<'_>,
    viewer: &Viewer,
    slug: &str,
) -> Result<Group, Response> {
    let Some(visible) = viewer.group(slug) else {
        return Err(layout::not_found(t));
    };
    match app.store.group_by_slug(&visible.slug).await {
        Ok(Some(group)) => Ok(group),
        Ok(None) => Err(layout::not_found(t)),
        Err(error) => Err(layout::failed(t, error)),
    }
}
