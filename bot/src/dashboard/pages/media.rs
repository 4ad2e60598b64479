//! A comment's file — a photo to see, a voice note or audio to play, a document to download —
//! fetched from Telegram (getFile) when a page asks for it, after the group's rights are
//! checked: the bot keeps Telegram's file ids, not the files.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use coloop_core::domain::{CommentId, MediaKind};
use teloxide::net::Download as _;
use teloxide::prelude::*;

use crate::dashboard::layout;
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;

/// What the media route needs: the app and the Telegram client that fetches files.
#[derive(Clone)]
pub struct Files {
    pub app: Arc<App>,
    pub bot: Bot,
}

impl axum::extract::FromRef<Files> for Arc<App> {
    fn from_ref(files: &Files) -> Arc<App> {
        files.app.clone()
    }
}

/// What a browser is told a file is (Telegram's voice notes are Ogg/Opus, photos JPEG).
fn content_type(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Voice => "audio/ogg",
        MediaKind::Audio => "audio/mpeg",
        MediaKind::Photo => "image/jpeg",
        MediaKind::Video | MediaKind::VideoNote => "video/mp4",
        MediaKind::Document => "application/octet-stream",
    }
}

/// `GET /web/g/<slug>/media/<comment>`.
pub async fn media(
    State(files): State<Files>,
    viewer: Viewer,
    Path((slug, comment)): Path<(String, String)>,
) -> Response {
    let app = &files.app;
    let t = session::texts(app, &viewer.language);
    let Some(group) = viewer.group(&slug) else {
        return layout::not_found(&t);
    };
    let Ok(id) = comment.parse::<CommentId>() else {
        return layout::not_found(&t);
    };
    let media = match app.store.comment_file(id).await {
        Ok(Some((owner, media))) if owner == group.slug => media,
        Ok(_) => return layout::not_found(&t),
        Err(error) => return layout::failed(&t, error),
    };
    let file = match files
        .bot
        .get_file(teloxide::types::FileId(media.file_id.clone()))
        .await
    {
        Ok(file) => file,
        Err(error) => return layout::failed(&t, anyhow::Error::new(error).context("getFile")),
    };
    let mut bytes = Vec::with_capacity(file.size as usize);
    if let Err(error) = files.bot.download_file(&file.path, &mut bytes).await {
        return layout::failed(&t, anyhow::Error::new(error).context("downloading a file"));
    }
    let disposition = match media.kind {
        MediaKind::Document => "attachment",
        _ => "inline",
    };
    (
        [
            (header::CONTENT_TYPE, content_type(media.kind)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}
