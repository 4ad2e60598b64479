//! The page around every dashboard page — the header with the person's name and the sign-out
//! button, the navigation between the overview and their groups, the period choice — and the
//! pages that only say one thing (sign in, not found, expired form, failure). Every value is
//! escaped by `maud`; the only script is the embedded `dashboard.js` (the CSP forbids inline).

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use coloop_core::dashboard::Window;
use coloop_core::domain::GroupSlug;
use maud::{DOCTYPE, Markup, html};

use super::session::Viewer;
use crate::telegram::App;
use crate::texts::{DEFAULT_LANGUAGE, Texts, WebLabel};

/// A page's place in the navigation, and the period it shows.
pub struct Frame<'a> {
    pub title: String,
    /// The group whose page this is (highlighted in the navigation).
    pub group: Option<&'a GroupSlug>,
    /// The navigation between the group's pages, under the title.
    pub tabs: Option<Markup>,
    /// The period choice: the period shown and the page's path.
    pub window: Option<(Window, &'a str)>,
}

/// The words of a period.
pub fn window_label(window: Window) -> WebLabel {
    match window {
        Window::Week => WebLabel::Window7,
        Window::Month => WebLabel::Window30,
        Window::Quarter => WebLabel::Window90,
        Window::All => WebLabel::WindowAll,
    }
}

fn head(t: &Texts<'_>, title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · " (t.web_label(WebLabel::Dashboard)) }
            link rel="stylesheet" href="/web/assets/dashboard.css";
            script src="/web/assets/dashboard.js" defer {}
        }
    }
}

/// A page of the signed-in dashboard.
pub fn page(t: &Texts<'_>, viewer: &Viewer, frame: Frame<'_>, body: Markup) -> Response {
    let who = match viewer.name.is_empty() {
        true => t.web_label(WebLabel::Coordinator),
        false => viewer.name.clone(),
    };
    let markup = html! {
        (DOCTYPE)
        html lang=(t.code()) {
            (head(t, &frame.title))
            body {
                a class="skip" href="#content" { (t.web_label(WebLabel::SkipToContent)) }
                header class="top" {
                    a class="brand" href="/web/" { (t.web_label(WebLabel::Dashboard)) }
                    span class="who" { (t.web_signed_in_as(&who)) }
                    form class="sign-out" method="post" action="/web/logout" {
                        input type="hidden" name="csrf" value=(viewer.csrf());
                        button type="submit" { (t.web_label(WebLabel::SignOut)) }
                    }
                }
                nav class="groups" aria-label=(t.web_label(WebLabel::Groups)) {
                    ul {
                        li {
                            a href="/web/" aria-current=[frame.group.is_none().then_some("page")] {
                                (t.web_label(WebLabel::Overview))
                            }
                        }
                        @for group in &viewer.groups {
                            li {
                                a href={ "/web/g/" (group.slug) }
                                    aria-current=[(frame.group == Some(&group.slug)).then_some("page")] {
                                    (group.name.as_str())
                                }
                            }
                        }
                    }
                }
                main id="content" {
                    h1 { (frame.title) }
                    @if let Some(tabs) = frame.tabs {
                        (tabs)
                    }
                    @if let Some((current, path)) = frame.window {
                        (window_choice(t, current, path))
                    }
                    (body)
                }
                footer { p { (t.web_label(WebLabel::Privacy)) } }
            }
        }
    };
    Html(markup.into_string()).into_response()
}

/// The period choice: a small form that reloads the page with `?window=`.
fn window_choice(t: &Texts<'_>, current: Window, path: &str) -> Markup {
    html! {
        form class="window" method="get" action=(path) {
            label for="window" { (t.web_label(WebLabel::Window)) }
            select id="window" name="window" {
                @for window in Window::ALL {
                    option value=(window.as_str()) selected[window == current] {
                        (t.web_label(window_label(window)))
                    }
                }
            }
            button type="submit" { (t.web_label(WebLabel::Show)) }
        }
    }
}

/// A table named by the heading whose id is `labelled_by`, in a box that scrolls sideways on
/// a narrow screen and that the keyboard can reach to scroll it.
pub fn scrolling_table(
    labelled_by: &str,
    class: Option<&str>,
    head: Markup,
    body: Markup,
) -> Markup {
    html! {
        div class="table-wrap" tabindex="0" {
            table class=[class] aria-labelledby=(labelled_by) {
                thead { (head) }
                tbody { (body) }
            }
        }
    }
}

/// A page outside the signed-in dashboard (the sign-in page, the messages below).
pub fn bare(t: &Texts<'_>, title: &str, body: Markup) -> Html<String> {
    let markup = html! {
        (DOCTYPE)
        html lang=(t.code()) {
            (head(t, title))
            body {
                header class="top" {
                    span class="brand" { (t.web_label(WebLabel::Dashboard)) }
                }
                main id="content" {
                    h1 { (title) }
                    (body)
                }
                footer { p { (t.web_label(WebLabel::Privacy)) } }
            }
        }
    };
    Html(markup.into_string())
}

/// A page that says one thing.
pub struct Message {
    pub title: WebLabel,
    pub text: WebLabel,
}

pub fn message(t: &Texts<'_>, status: StatusCode, message: Message) -> Response {
    let body = html! { p { (t.web_label(message.text)) } };
    (status, bare(t, &t.web_label(message.title), body)).into_response()
}

/// No session (or no rights left): how to sign in.
pub fn need_sign_in(t: &Texts<'_>) -> Response {
    let message_ = Message {
        title: WebLabel::NeedSignIn,
        text: WebLabel::NeedSignInExplained,
    };
    message(t, StatusCode::UNAUTHORIZED, message_)
}

/// No such page, or not one the person may see: the same answer for both.
pub fn not_found(t: &Texts<'_>) -> Response {
    let message_ = Message {
        title: WebLabel::NotFound,
        text: WebLabel::NotFoundExplained,
    };
    message(t, StatusCode::NOT_FOUND, message_)
}

/// A form without this session's CSRF token.
pub fn stale_form(t: &Texts<'_>) -> Response {
    let message_ = Message {
        title: WebLabel::StaleForm,
        text: WebLabel::StaleFormExplained,
    };
    message(t, StatusCode::FORBIDDEN, message_)
}

/// Something broke on our side: logged with its cause chain; the person reads a sentence.
pub fn failed(t: &Texts<'_>, error: impl Into<anyhow::Error>) -> Response {
    let error = error.into();
    tracing::error!(error = %format!("{error:#}"), "a dashboard page failed");
    let message_ = Message {
        title: WebLabel::Failed,
        text: WebLabel::FailedExplained,
    };
    message(t, StatusCode::INTERNAL_SERVER_ERROR, message_)
}

/// Any other address under `/web`.
pub async fn not_found_anywhere(State(app): State<Arc<App>>) -> Response {
    not_found(&app.i18n.texts(DEFAULT_LANGUAGE))
}
