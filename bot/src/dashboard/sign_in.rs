//! Signing in with the link `/web` sent, and signing out. Telegram (and some phones' chat
//! scanners) open every link in a message to preview it, so the link's page only shows a
//! "Sign in" button: the token is used up by the POST that button makes, never by a GET.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use coloop_core::domain::WebToken;
use maud::html;
use serde::Deserialize;

use super::layout::{self, Message};
use super::session::{self, Viewer};
use crate::telegram::App;
use crate::texts::{DEFAULT_LANGUAGE, WebLabel};

#[derive(Deserialize)]
pub struct Link {
    #[serde(default)]
    t: String,
}

/// `GET /web/login?t=…`: the sign-in button, when the link still works.
pub async fn sign_in_page(State(app): State<Arc<App>>, Query(link): Query<Link>) -> Response {
    let Some(token) = WebToken::parse(&link.t) else {
        return refused(&app, StatusCode::BAD_REQUEST);
    };
    // In the language the person read `/web`'s answer in.
    let t = match app.store.pending_sign_in(&token, Utc::now()).await {
        Ok(Some(language)) => session::texts(&app, language.as_str()),
        Ok(None) => return refused(&app, StatusCode::GONE),
        Err(error) => return layout::failed(&session::texts(&app, DEFAULT_LANGUAGE), error),
    };
    let body = html! {
        p { (t.web_label(WebLabel::SignInExplained)) }
        form method="post" action="/web/login" {
            input type="hidden" name="t" value=(token.expose());
            button type="submit" class="primary" { (t.web_label(WebLabel::SignIn)) }
        }
    };
    layout::bare(&t, &t.web_label(WebLabel::SignInTitle), body).into_response()
}

/// `POST /web/login`: uses the token up and opens a session (its cookie), then the overview.
pub async fn sign_in(State(app): State<Arc<App>>, Form(link): Form<Link>) -> Response {
    let t = session::texts(&app, DEFAULT_LANGUAGE);
    let Some(token) = WebToken::parse(&link.t) else {
        return refused(&app, StatusCode::BAD_REQUEST);
    };
    match app.store.redeem_sign_in(&token, Utc::now()).await {
        Ok(Some((session, _))) => {
            tracing::info!("signed in to the dashboard");
            let mut response = Redirect::to("/web/").into_response();
            response
                .headers_mut()
                .insert(header::SET_COOKIE, session::session_cookie(&app, &session));
            response
        }
        Ok(None) => refused(&app, StatusCode::GONE),
        Err(error) => layout::failed(&t, error),
    }
}

fn refused(app: &App, status: StatusCode) -> Response {
    let t = session::texts(app, DEFAULT_LANGUAGE);
    layout::message(
        &t,
        status,
        Message {
            title: WebLabel::LinkRefused,
            text: WebLabel::LinkRefusedExplained,
        },
    )
}

#[derive(Deserialize)]
pub struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /web/logout`: ends this session.
pub async fn sign_out(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    viewer: Result<Viewer, Response>,
    Form(form): Form<SignOutForm>,
) -> Response {
    let viewer = match viewer {
        Ok(viewer) => viewer,
        // Signed out already (or never in): say so, and drop the cookie.
        Err(_) if session::session_token(&headers).is_none() => {
            return signed_out(&app, DEFAULT_LANGUAGE);
        }
        Err(refusal) => return refusal,
    };
    let t = session::texts(&app, &viewer.language);
    if !viewer.csrf_ok(&form.csrf) {
        return layout::stale_form(&t);
    }
    if let Err(error) = app.store.end_web_session(viewer.token()).await {
        return layout::failed(&t, error);
    }
    signed_out(&app, &viewer.language)
}

fn signed_out(app: &App, language: &str) -> Response {
    let t = session::texts(app, language);
    let mut response = layout::message(
        &t,
        StatusCode::OK,
        Message {
            title: WebLabel::SignedOut,
            text: WebLabel::SignedOutExplained,
        },
    );
    response
        .headers_mut()
        .insert(header::SET_COOKIE, session::cleared_cookie(app));
    response
}
