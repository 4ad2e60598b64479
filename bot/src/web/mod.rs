//! The web plumbing of the pages the bot serves on its HTTP server (the sandbox's chat client;
//! the dashboard later): files embedded in the binary, the security headers every page gets,
//! pages filled from a template with every value escaped, refusals as JSON, and server-sent
//! events. It knows nothing of Telegram or of the bot.

use std::convert::Infallible;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use serde_json::json;
use tokio::sync::watch;

/// A file embedded in the binary (`include_str!`), served at `path`.
#[derive(Debug, Clone, Copy)]
pub struct Asset {
    pub path: &'static str,
    pub content_type: &'static str,
    pub body: &'static str,
}

impl Asset {
    /// A script served at `path`.
    pub const fn script(path: &'static str, body: &'static str) -> Asset {
        Asset {
            path,
            content_type: "text/javascript; charset=utf-8",
            body,
        }
    }

    /// A stylesheet served at `path`.
    pub const fn style(path: &'static str, body: &'static str) -> Asset {
        Asset {
            path,
            content_type: "text/css; charset=utf-8",
            body,
        }
    }
}

/// The routes serving `assets`.
pub fn assets(assets: &'static [Asset]) -> Router {
    assets.iter().fold(Router::new(), |router, asset| {
        router.route(
            asset.path,
            get(move || async move {
                (
                    [
                        (header::CONTENT_TYPE, asset.content_type),
                        (header::CACHE_CONTROL, "no-cache"),
                    ],
                    asset.body,
                )
            }),
        )
    })
}

/// The content security policy of every page: scripts, styles and media from the page's own
/// origin only (no inline script, so text that slipped into the page can never run), no
/// framing, forms posting only back.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// `router` with the security headers on every answer: [`CONTENT_SECURITY_POLICY`], no MIME
/// sniffing, no referrer, no framing.
pub fn secured(router: Router) -> Router {
    router.layer(axum::middleware::from_fn(security_headers))
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

/// HTML-escapes `text` for an element's content or a quoted attribute (either quote).
pub fn escape(text: &str) -> String {
    coloop_core::message::escape_html(text).replace('\'', "&#39;")
}

/// `template` with every `{{name}}` replaced by its value from `values`, escaped; a name with
/// no value is left as it is (a test of the page sees it).
pub fn fill(template: &str, values: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(template.len() + 1024);
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = &after[..end];
                match values.iter().find(|(key, _)| *key == name) {
                    Some((_, value)) => out.push_str(&escape(value)),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// `value` as JSON that is safe inside `<script type="application/json">`: no `<`, `>` or
/// `&` that could end the element.
pub fn json_in_page(value: &serde_json::Value) -> String {
    value
        .to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// A request the page refuses: its HTTP status and a short code the page turns into a
/// sentence in the reader's language (`{"error": "unknown-person"}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Refusal {
    pub status: StatusCode,
    pub code: &'static str,
}

impl Refusal {
    pub const fn new(status: StatusCode, code: &'static str) -> Refusal {
        Refusal { status, code }
    }

    pub const fn bad_request(code: &'static str) -> Refusal {
        Refusal::new(StatusCode::BAD_REQUEST, code)
    }

    pub const fn not_found(code: &'static str) -> Refusal {
        Refusal::new(StatusCode::NOT_FOUND, code)
    }

    pub const fn forbidden(code: &'static str) -> Refusal {
        Refusal::new(StatusCode::FORBIDDEN, code)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        (self.status, axum::Json(json!({ "error": self.code }))).into_response()
    }
}

/// Server-sent events: a `change` event (its data a counter) after each change of `changes`,
/// at most one per `settle` (changes in between are folded into it), ending when `stop`
/// turns `true` — so a server shutting down gracefully is not held open by a page.
pub fn changes(
    changes: watch::Receiver<u64>,
    stop: watch::Receiver<bool>,
    settle: Duration,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream =
        futures_util::stream::unfold((changes, stop), move |(mut changes, mut stop)| async move {
            if *stop.borrow() {
                return None;
            }
            tokio::select! {
                changed = changes.changed() => changed.ok()?,
                _ = stop.wait_for(|stop| *stop) => return None,
            }
            tokio::time::sleep(settle).await;
            let counter = *changes.borrow_and_update();
            let event = Event::default().event("change").data(counter.to_string());
            Some((Ok(event), (changes, stop)))
        });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filled_page_escapes_every_value() {
        let page = fill(
            "<h1>{{title}}</h1><p title=\"{{tip}}\">{{missing}}</p>{{",
            &[
                ("title", "<script>alert(1)</script>".into()),
                ("tip", "\"quoted\" & 'single'".into()),
            ],
        );
        assert_eq!(
            page,
            "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>\
             <p title=\"&quot;quoted&quot; &amp; &#39;single&#39;\">{{missing}}</p>{{"
        );
    }

    #[test]
    fn json_in_a_page_cannot_close_its_script_element() {
        let text = json_in_page(&json!({ "a": "</script><script>x()</script> & more" }));
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["a"], "</script><script>x()</script> & more");
    }
}
