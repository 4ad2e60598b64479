//! Who is asking: the session cookie, and the person's rights, read from the store on every
//! request (a facilitator sees their groups only; a coordinator every group). No session, or
//! a person with no rights left, gets the page that tells them how to sign in. Forms carry a
//! CSRF token derived from the session's own secret.

use std::sync::Arc;

use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::Response;
use chrono::Utc;
use coloop_core::domain::{GroupSlug, TelegramId, WebToken};
use coloop_core::store::{SESSION_VALID, VisibleGroup};
use subtle::ConstantTimeEq as _;

use super::layout;
use crate::telegram::App;
use crate::texts::Texts;

/// The session cookie's name.
pub const COOKIE: &str = "coloop_session";
/// What a form's CSRF token is derived for.
const CSRF_PURPOSE: &str = "coloop dashboard form";

/// A signed-in person and what they may see now.
pub struct Viewer {
    pub telegram_id: TelegramId,
    pub name: String,
    pub coordinator: bool,
    /// The groups they may see, by slug.
    pub groups: Vec<VisibleGroup>,
    /// The catalogue they read.
    pub language: String,
    token: WebToken,
}

impl Viewer {
    /// The CSRF token of this session's forms.
    pub fn csrf(&self) -> String {
        self.token.derive(CSRF_PURPOSE)
    }

    /// Whether `given` is this session's CSRF token.
    pub fn csrf_ok(&self, given: &str) -> bool {
        self.csrf().as_bytes().ct_eq(given.as_bytes()).into()
    }

    /// The group called `slug` (as the address has it), if they may see it.
    pub fn group(&self, slug: &str) -> Option<&VisibleGroup> {
        let slug = GroupSlug::parse(slug).ok()?;
        self.groups.iter().find(|g| g.slug == slug)
    }

    pub fn token(&self) -> &WebToken {
        &self.token
    }
}

/// The session token the browser sent, if it can be one.
pub fn session_token(headers: &HeaderMap) -> Option<WebToken> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .and_then(|(_, value)| WebToken::parse(value))
}

/// Whether the dashboard is reached over https (then the cookie is `Secure`).
fn secure(app: &App) -> bool {
    app.dashboard
        .get()
        .is_some_and(|url| url.scheme() == "https")
}

/// The `Set-Cookie` value of a new session.
pub fn session_cookie(app: &App, token: &WebToken) -> HeaderValue {
    let secure = if secure(app) { "; Secure" } else { "" };
    let value = format!(
        "{COOKIE}={}; Path=/web; Max-Age={}; HttpOnly; SameSite=Strict{secure}",
        token.expose(),
        SESSION_VALID.num_seconds()
    );
    HeaderValue::from_str(&value).unwrap_or_else(|_| unreachable!("a token is alphanumeric"))
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn cleared_cookie(app: &App) -> HeaderValue {
    let secure = if secure(app) { "; Secure" } else { "" };
    let value = format!("{COOKIE}=; Path=/web; Max-Age=0; HttpOnly; SameSite=Strict{secure}");
    HeaderValue::from_str(&value).unwrap_or_else(|_| unreachable!("a fixed text"))
}

/// The texts of a language code, falling back to English.
pub fn texts<'a>(app: &'a App, language: &str) -> Texts<'a> {
    app.i18n.texts(language)
}

impl<S> FromRequestParts<S> for Viewer
where
    Arc<App>: FromRef<S>,
    S: Send + Sync,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Response> {
        let app = &Arc::<App>::from_ref(state);
        let default = crate::texts::DEFAULT_LANGUAGE;
        let Some(token) = session_token(&parts.headers) else {
            return Err(layout::need_sign_in(&texts(app, default)));
        };
        match viewer(app, token).await {
            Ok(Some(viewer)) => Ok(viewer),
            Ok(None) => Err(layout::need_sign_in(&texts(app, default))),
            Err(error) => Err(layout::failed(&texts(app, default), error)),
        }
    }
}

/// The person of a session and their rights now; `None` without a live session, or when
/// they may see nothing any more (then the session ends).
async fn viewer(app: &App, token: WebToken) -> anyhow::Result<Option<Viewer>> {
    let store = &app.store;
    let Some(session) = store.web_session(&token, Utc::now()).await? else {
        return Ok(None);
    };
    let id = session.telegram_id;
    let coordinator = app.is_coordinator(id).await?;
    let groups = store.dashboard_groups(id, coordinator).await?;
    if !coordinator && groups.is_empty() {
        store.end_web_session(&token).await?;
        return Ok(None);
    }
    let person = store.person_by_telegram(id).await?;
    let stored = person.as_ref().and_then(|p| p.language.as_deref());
    let language = app
        .i18n
        .choose(stored, Some(session.language.as_str()))
        .code()
        .to_owned();
    Ok(Some(Viewer {
        telegram_id: id,
        name: person.map(|p| p.name).unwrap_or_default(),
        coordinator,
        groups,
        language,
        token,
    }))
}
