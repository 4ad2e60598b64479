//! The dashboard (issue #21): coordinators and facilitators read their groups' feedback in a
//! browser. Server-rendered pages under `/web/` on the bot's HTTP server, in the person's
//! language, with templates checked at compile time (`maud`: every value escaped).
//!
//! - [`session`]: the session cookie, the person's rights asked again on every request
//!   ([`session::Viewer`]), the forms' CSRF token.
//! - [`sign_in`]: the sign-in link's page (a GET never uses the token up), signing in and out.
//! - [`layout`]: the page around every page (header, group navigation, period choice,
//!   sign-out) and the pages that only say something (not found, expired form, failure).
//! - [`pages`]: the overview and each group's pages.
//!
//! The web plumbing (embedded assets, security headers) is [`crate::web`]'s.

pub mod layout;
pub mod pages;
pub mod session;
pub mod sign_in;

use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};

use crate::telegram::App;
use crate::web::{self, Asset};

const ASSETS: &[Asset] = &[
    Asset::style(
        "/web/assets/dashboard.css",
        include_str!("assets/dashboard.css"),
    ),
    Asset::script(
        "/web/assets/dashboard.js",
        include_str!("assets/dashboard.js"),
    ),
];

/// The dashboard's routes, all under `/web`; `bot` fetches comments' files from Telegram.
pub fn router(app: Arc<App>, bot: teloxide::Bot) -> Router {
    let files = Router::new()
        .route("/web/g/{slug}/media/{comment}", get(pages::media::media))
        .with_state(pages::media::Files {
            app: app.clone(),
            bot,
        });
    let pages = Router::new()
        .route("/web", get(pages::overview::home))
        .route("/web/", get(pages::overview::overview))
        .route(
            "/web/login",
            get(sign_in::sign_in_page).post(sign_in::sign_in),
        )
        .route("/web/logout", post(sign_in::sign_out))
        .merge(pages::routes())
        .fallback(layout::not_found_anywhere)
        .with_state(app)
        .merge(files)
        .layer(axum::middleware::from_fn(private));
    web::secured(pages.merge(web::assets(ASSETS)))
}

/// Pages with someone's data are kept by no cache.
async fn private(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}
