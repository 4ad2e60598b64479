//! A group's comments: filtered by post, kind (text, voice, photo), dates and moderation, and
//! searched by words; newest first, a page at a time. A facilitator (or coordinator) hides one
//! from here: a POST with the form's CSRF token, recorded in the group's audit trail like
//! `/hide`.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use coloop_core::dashboard::{
    COMMENTS_PER_PAGE, CommentFilter, CommentKind, CommentsPage, DashboardComment, Hidden,
};
use coloop_core::domain::{AuditAction, CommentId, DisplayName, MediaKind, PostId};
use coloop_core::store::{Actor, NewAuditEvent};
use maud::{Markup, html};
use serde::Deserialize;

use super::{Tab, group_tabs};
use crate::dashboard::layout::{self, Frame};
use crate::dashboard::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::{Texts, WebLabel};

/// The filters, as the form sends them (anything unreadable is left out).
#[derive(Debug, Default, Deserialize)]
pub struct CommentsQuery {
    window: Option<String>,
    post: Option<String>,
    kind: Option<String>,
    from: Option<String>,
    until: Option<String>,
    hidden: Option<String>,
    q: Option<String>,
    after: Option<String>,
}

/// The kinds one can filter by.
const KINDS: [(CommentKind, WebLabel); 3] = [
    (CommentKind::Text, WebLabel::KindText),
    (CommentKind::Media(MediaKind::Voice), WebLabel::KindVoice),
    (CommentKind::Media(MediaKind::Photo), WebLabel::KindPhoto),
];

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn day(value: &Option<String>) -> Option<NaiveDate> {
    given(value).and_then(|v| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
}

fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
}

impl CommentsQuery {
    fn window(&self) -> coloop_core::dashboard::Window {
        given(&self.window)
            .and_then(|w| w.parse().ok())
            .unwrap_or_default()
    }

    fn filter(&self, now: DateTime<Utc>) -> CommentFilter {
        let since = self.window().since(now);
        let from = day(&self.from)
            .map(start_of)
            .map_or(since, |f| f.max(since));
        CommentFilter {
            post: given(&self.post).and_then(|p| p.parse::<PostId>().ok()),
            kind: given(&self.kind).and_then(|k| k.parse().ok()),
            from: Some(from),
            to: day(&self.until).and_then(|d| d.succ_opt()).map(start_of),
            hidden: given(&self.hidden)
                .and_then(|h| h.parse().ok())
                .unwrap_or_default(),
            words: given(&self.q).map(str::to_owned),
            after: given(&self.after).and_then(|a| a.parse().ok()),
        }
    }

    /// The query of the same filters, `after` the given cursor.
    fn with_after(&self, after: &str) -> String {
        let mut url = reqwest::Url::parse("http://page/").unwrap_or_else(|_| unreachable!());
        {
            let mut pairs = url.query_pairs_mut();
            for (key, value) in [
                ("window", &self.window),
                ("post", &self.post),
                ("kind", &self.kind),
                ("from", &self.from),
                ("until", &self.until),
                ("hidden", &self.hidden),
                ("q", &self.q),
            ] {
                if let Some(value) = given(value) {
                    pairs.append_pair(key, value);
                }
            }
            pairs.append_pair("after", after);
        }
        url.query().unwrap_or_default().to_owned()
    }
}

/// `GET /web/g/<slug>/comments?…`.
pub async fn comments(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path(slug): Path<String>,
    Query(query): Query<CommentsQuery>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    let Some(group) = viewer.group(&slug).cloned() else {
        return layout::not_found(&t);
    };
    let now = Utc::now();
    let filter = query.filter(now);
    let page = match CommentsPage::build(&app.store, group.id, &filter, COMMENTS_PER_PAGE).await {
        Ok(page) => page,
        Err(error) => return layout::failed(&t, error),
    };
    let posts = match app
        .store
        .digest_posts(Some(group.id), DateTime::<Utc>::UNIX_EPOCH)
        .await
    {
        Ok(posts) => posts,
        Err(error) => return layout::failed(&t, error),
    };
    let path = format!("/web/g/{}/comments", group.slug);
    let csrf = viewer.csrf();
    let body = html! {
        form class="filters" method="get" action=(path) role="search" {
            input type="hidden" name="window" value=(query.window().as_str());
            div class="field" {
                label for="post" { (t.web_label(WebLabel::Post)) }
                select id="post" name="post" {
                    option value="" { (t.web_label(WebLabel::AnyPost)) }
                    @for post in &posts {
                        option value=(post.id) selected[filter.post.map(|p| p.get()) == Some(post.id)] { (post.title) }
                    }
                }
            }
            div class="field" {
                label for="kind" { (t.web_label(WebLabel::Kind)) }
                select id="kind" name="kind" {
                    option value="" { (t.web_label(WebLabel::AnyKind)) }
                    @for (kind, label) in KINDS {
                        option value=(kind.as_str()) selected[filter.kind == Some(kind)] { (t.web_label(label)) }
                    }
                }
            }
            div class="field" {
                label for="from" { (t.web_label(WebLabel::From)) }
                input type="date" id="from" name="from" value=[given(&query.from)];
            }
            div class="field" {
                label for="until" { (t.web_label(WebLabel::Until)) }
                input type="date" id="until" name="until" value=[given(&query.until)];
            }
            div class="field" {
                label for="q" { (t.web_label(WebLabel::Search)) }
                input type="search" id="q" name="q" value=[given(&query.q)];
            }
            div class="field" {
                span {
                    input type="checkbox" id="hidden" name="hidden" value=(Hidden::Any.as_str())
                        checked[filter.hidden == Hidden::Any];
                    label for="hidden" { (t.web_label(WebLabel::IncludeHidden)) }
                }
            }
            button type="submit" { (t.web_label(WebLabel::Filter)) }
        }
        (comment_list(&t, group.slug.as_str(), &page.comments, Some(&csrf)))
        @if let Some(next) = page.next {
            p { a href={ (path) "?" (query.with_after(&next.to_string())) } { (t.web_label(WebLabel::NextPage)) } }
        }
    };
    let frame = Frame {
        title: format!(
            "{} · {}",
            t.web_label(WebLabel::Comments),
            group.name.as_str()
        ),
        group: Some(&group.slug),
        tabs: Some(group_tabs(&t, &group, Tab::Comments)),
        window: Some((query.window(), &path)),
    };
    layout::page(&t, &viewer, frame, body)
}

/// Comments of group `slug`, each with its author (or "anonymous"), date, post, text and file
/// (a photo shown, a voice note or audio to play, a video, a document to download); with
/// `hide`, a Hide button on each visible one (the session's CSRF token).
pub fn comment_list(
    t: &Texts<'_>,
    slug: &str,
    comments: &[DashboardComment],
    hide: Option<&str>,
) -> Markup {
    html! {
        @if comments.is_empty() {
            p { (t.web_label(WebLabel::NoComments)) }
        }
        @for c in comments {
            article class={ "comment" @if c.hidden { " hidden" } } id={ "c" (c.id) } {
                p class="muted" {
                    (c.author.clone().unwrap_or_else(|| t.web_label(WebLabel::Anonymous)))
                    " · " (t.web_date(c.created_at))
                    @if let Some(title) = &c.post_title { " · " (title) }
                    @if c.hidden { " · " strong { (t.web_label(WebLabel::Hidden)) } }
                }
                @if let Some(kind) = c.media_kind {
                    p { (t.web_media(kind, c.duration_secs)) }
                    @if c.file_id.is_some() {
                        (media(t, slug, c, kind))
                    }
                }
                @if let Some(text) = &c.text {
                    p { (text) }
                }
                @if let (Some(csrf), false) = (hide, c.hidden) {
                    form method="post" action={ "/web/g/" (slug) "/comments/" (c.id) "/hide" } {
                        input type="hidden" name="csrf" value=(csrf);
                        button type="submit" { (t.web_label(WebLabel::Hide)) }
                    }
                }
            }
        }
    }
}

/// A comment's file in the page, fetched through the dashboard (`media.rs`).
fn media(t: &Texts<'_>, slug: &str, c: &DashboardComment, kind: MediaKind) -> Markup {
    let src = format!("/web/g/{slug}/media/{}", c.id);
    let label = t.web_media(kind, c.duration_secs);
    html! {
        @match kind {
            MediaKind::Photo => img class="thumb" src=(src) alt=(c.text.clone().unwrap_or(label)) loading="lazy";,
            MediaKind::Voice | MediaKind::Audio => audio controls preload="none" src=(src) aria-label=(label) {},
            MediaKind::Video | MediaKind::VideoNote => video class="thumb" controls preload="none" src=(src) aria-label=(label) {},
            MediaKind::Document => a href=(src) download { (t.web_label(WebLabel::Download)) },
        }
    }
}

#[derive(Deserialize)]
pub struct HideForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /web/g/<slug>/comments/<id>/hide`: only with the session's CSRF token, only a comment
/// of this group (any other answers 404, as `/hide` answers "no such comment").
pub async fn hide(
    State(app): State<Arc<App>>,
    viewer: Viewer,
    Path((slug, comment)): Path<(String, String)>,
    Form(form): Form<HideForm>,
) -> Response {
    let t = session::texts(&app, &viewer.language);
    if !viewer.csrf_ok(&form.csrf) {
        return layout::stale_form(&t);
    }
    let Some(group) = viewer.group(&slug).cloned() else {
        return layout::not_found(&t);
    };
    let Ok(id) = comment.parse::<CommentId>() else {
        return layout::not_found(&t);
    };
    match app.store.comment_group(id).await {
        Ok(Some(owner)) if owner == group.slug => {}
        Ok(_) => return layout::not_found(&t),
        Err(error) => return layout::failed(&t, error),
    }
    let now = Utc::now();
    match app.store.hide_comment(id, viewer.telegram_id, now).await {
        Ok(true) => {
            let actor = Actor::Person {
                telegram_id: viewer.telegram_id,
                name: DisplayName::from_telegram(&viewer.name, None),
            };
            let event = NewAuditEvent::new(group.id, AuditAction::CommentHidden, actor)
                .detail(format!("#{id}"));
            if let Err(error) = app.store.record_audit(&event, now).await {
                tracing::error!(error = %error, "could not record an audit event");
            }
        }
        Ok(false) => {}
        Err(error) => return layout::failed(&t, error),
    }
    Redirect::to(&format!("/web/g/{}/comments#c{id}", group.slug)).into_response()
}
