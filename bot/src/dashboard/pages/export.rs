//! A group's export: the CSV files of `/export` (coordinators, as in the chat), and a summary
//! laid out for printing (challenge, timeline, prototypes) with a print button.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use coloop_core::digest::{ExportFile, export_csv};
use maud::html;

use super::group::{prototypes, summary, timeline, with_group_page};
use super::{Tab, WindowQuery, group_tabs};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::WebLabel;

fn file_label(file: ExportFile) -> WebLabel {
    match file {
        ExportFile::Answers => WebLabel::CsvAnswers,
        ExportFile::Comments => WebLabel::CsvComments,
        ExportFile::Deliveries => WebLabel::CsvDeliveries,
    }
}

/// `GET /web/g/<slug>/export?window=`.
pub async fn export(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<WindowQuery>,
) -> Response {
    with_group_page(&app, &viewer, &slug, query.window(), |t, visible, page| {
        let base = format!("/web/g/{}", visible.slug);
        let path = format!("{base}/export");
        let body = html! {
            div class="no-print" {
                p { (t.web_label(WebLabel::ExportExplained)) }
                @if viewer.coordinator {
                    ul {
                        @for file in ExportFile::ALL {
                            li {
                                a href={ (path) "/" (file.name()) ".csv" } download { (t.web_label(file_label(file))) }
                            }
                        }
                    }
                }
                p { (t.web_label(WebLabel::PrintExplained)) }
                p { button type="button" data-print hidden { (t.web_label(WebLabel::Print)) } }
            }
            h2 { (t.web_label(WebLabel::PrintLayout)) ": " (visible.name.as_str()) " · " (t.web_label(layout::window_label(page.window))) }
            (summary(t, page))
            (timeline(t, page))
            (prototypes(t, &base, &page.prototypes))
        };
        let frame = Frame {
            title: format!("{} · {}", t.web_label(WebLabel::Export), visible.name.as_str()),
            group: Some(&visible.slug),
            tabs: Some(group_tabs(t, visible, Tab::Export)),
            window: Some((page.window, &path)),
        };
        layout::page(t, &viewer, frame, body)
    })
    .await
}

/// `GET /web/g/<slug>/export/<file>.csv`: the file `/export <group>` sends (coordinators only,
/// as in the chat; anyone else gets 404).
pub async fn download(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path((slug, name)): Path<(String, String)>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let Some(visible) = viewer.group(&slug).cloned() else {
        return layout::not_found(&t);
    };
    let file = name.strip_suffix(".csv").and_then(ExportFile::parse);
    let (Some(file), true) = (file, viewer.coordinator) else {
        return layout::not_found(&t);
    };
    match export_csv(&app.store, file, Some(visible.id), Utc::now()).await {
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
                (
                    header::CONTENT_DISPOSITION,
                    format!(
                        "attachment; filename=\"coloop-{}-{}.csv\"",
                        visible.slug,
                        file.name()
                    ),
                ),
            ],
            csv,
        )
            .into_response(),
        Err(error) => layout::failed(&t, error),
    }
}
