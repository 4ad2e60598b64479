//! The HTTP side: `POST /bot<token>/<method>` (JSON, query string, urlencoded
//! or multipart parameters), `GET /file/bot<token>/<path>`, fault injection,
//! rate limiting, getUpdates long polling and call recording.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Query, Request, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::methods::{self, Params};
use super::model::{Call, CallOutcome, Fault};
use super::rate;
use super::shapes::{ApiError, ok_body};
use super::state::{FilePart, Shared};

const BODY_LIMIT: usize = 64 * 1024 * 1024;
const CONFLICT: &str = "Conflict: terminated by other getUpdates request; make sure that only \
                        one bot instance is running";

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .fallback(handle)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .with_state(shared)
}

fn json_response(status: u16, body: &Value) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        body.to_string(),
    )
        .into_response()
}

fn percent_decode(s: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%'
            && i + 2 < b.len()
            && let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2]))
        {
            out.push(h * 16 + l);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn handle(State(shared): State<Arc<Shared>>, req: Request) -> Response {
    let at = Instant::now();
    let segments: Vec<String> = req
        .uri()
        .path()
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    match segments.as_slice() {
        [file, bot, rest @ ..] if file == "file" && !rest.is_empty() => {
            download(&shared, bot, &rest.join("/"), at)
        }
        [bot, method] => api(&shared, bot, method, req, at).await,
        _ => json_response(404, &ApiError::new(404, "Not Found").body()),
    }
}

fn record(
    shared: &Shared,
    method: &str,
    params: Value,
    at: Instant,
    (status, injected): (u16, bool),
    body: Value,
) {
    let outcome = if status == 200 {
        CallOutcome::Ok
    } else {
        CallOutcome::Error(status)
    };
    let call = Call {
        method: method.to_owned(),
        params,
        at,
        outcome,
        response: body,
        injected,
    };
    shared.mutate(|s| s.record_call(call));
}

fn download(shared: &Shared, bot: &str, path: &str, at: Instant) -> Response {
    let found = (bot.strip_prefix("bot") == Some(shared.token.as_str()))
        .then(|| {
            shared
                .lock()
                .files
                .values()
                .find(|f| f.path == path)
                .map(|f| f.bytes.clone())
        })
        .flatten();
    let params = json!({ "file_path": path });
    match found {
        Some(bytes) => {
            let body = json!({ "size": bytes.len() });
            record(shared, "downloadFile", params, at, (200, false), body);
            (
                StatusCode::OK,
                [(header::CONTENT_TYPE, "application/octet-stream")],
                Body::from(bytes),
            )
                .into_response()
        }
        None => {
            let body = ApiError::new(404, "Not Found").body();
            let response = json_response(404, &body);
            record(shared, "downloadFile", params, at, (404, false), body);
            response
        }
    }
}

async fn api(shared: &Shared, bot: &str, method: &str, req: Request, at: Instant) -> Response {
    let (params, result, injected) = match read_params(req).await {
        Err(e) => (Params::default(), Err(e), false),
        Ok(params) => {
            let (result, injected) = if bot.strip_prefix("bot") != Some(shared.token.as_str()) {
                (Err(ApiError::new(401, "Unauthorized")), false)
            } else {
                run(shared, method, &params, at).await
            };
            (params, result, injected)
        }
    };
    let (status, body) = match result {
        Ok(v) => (200, ok_body(v)),
        Err(e) => (e.code, e.body()),
    };
    // Answered as written, then kept in the log as it is (not copied: a getUpdates answer
    // carries up to 100 updates).
    let response = json_response(status, &body);
    record(
        shared,
        method,
        params.into_recorded(),
        at,
        (status, injected),
        body,
    );
    response
}

fn pairs(query: &str) -> Result<Vec<(String, String)>, ApiError> {
    let uri: Uri = format!("/?{query}")
        .parse()
        .map_err(|_| ApiError::bad("Bad Request: can't parse parameters"))?;
    Query::<Vec<(String, String)>>::try_from_uri(&uri)
        .map(|q| q.0)
        .map_err(|_| ApiError::bad("Bad Request: can't parse parameters"))
}

struct RawPart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    bytes: Vec<u8>,
}

async fn read_params(req: Request) -> Result<Params, ApiError> {
    let mut params = Params::default();
    if let Some(q) = req.uri().query() {
        for (k, v) in pairs(q)? {
            params.insert_text(k, &v);
        }
    }
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if content_type.starts_with("multipart/form-data") {
        let bad = |e: axum::extract::multipart::MultipartError| {
            ApiError::bad(format!("Bad Request: can't parse multipart/form-data: {e}"))
        };
        let mut mp = Multipart::from_request(req, &())
            .await
            .map_err(|e| ApiError::bad(format!("Bad Request: {}", e.body_text())))?;
        let mut raw = Vec::new();
        while let Some(field) = mp.next_field().await.map_err(bad)? {
            let name = field.name().unwrap_or_default().to_owned();
            let file_name = field.file_name().map(str::to_owned);
            let content_type = field.content_type().map(str::to_owned);
            let bytes = field.bytes().await.map_err(bad)?.to_vec();
            raw.push(RawPart {
                name,
                file_name,
                content_type,
                bytes,
            });
        }
        // Parts referenced as attach://<name> are files even without a filename.
        let mut attached = HashSet::new();
        for p in raw.iter().filter(|p| p.file_name.is_none()) {
            let text = String::from_utf8_lossy(&p.bytes);
            for (i, _) in text.match_indices("attach://") {
                let rest = &text[i + "attach://".len()..];
                let len = rest
                    .bytes()
                    .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'-')
                    .count();
                attached.insert(rest[..len].to_owned());
            }
        }
        for p in raw {
            if p.file_name.is_some() || attached.contains(&p.name) {
                let file = FilePart {
                    file_name: p.file_name,
                    content_type: p.content_type,
                    bytes: p.bytes,
                };
                params.files.insert(p.name, file);
            } else {
                params.insert_text(p.name, &String::from_utf8_lossy(&p.bytes));
            }
        }
        return Ok(params);
    }
    let body = axum::body::to_bytes(req.into_body(), BODY_LIMIT)
        .await
        .map_err(|_| ApiError::new(413, "Request Entity Too Large"))?;
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(params);
    }
    if content_type.starts_with("application/x-www-form-urlencoded") {
        for (k, v) in pairs(&String::from_utf8_lossy(&body))? {
            params.insert_text(k, &v);
        }
        return Ok(params);
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => {
            params.map.extend(map);
            Ok(params)
        }
        _ => Err(ApiError::bad("Bad Request: can't parse JSON object")),
    }
}

fn fault_error(fault: Fault) -> ApiError {
    match fault {
        Fault::TooManyRequests { retry_after } => ApiError {
            code: 429,
            description: format!("Too Many Requests: retry after {retry_after}"),
            retry_after: Some(retry_after),
        },
        Fault::Forbidden(d) => ApiError::new(403, d),
        Fault::BadRequest(d) => ApiError::new(400, d),
        Fault::ServerError(code) => ApiError::new(code, "Internal Server Error"),
        Fault::Slow(_) => ApiError::new(500, "Internal Server Error"),
    }
}

async fn shutdown_signal(shared: &Shared) {
    let mut rx = shared.shutdown.subscribe();
    let _ = rx.wait_for(|v| *v).await;
}

/// Answers a call: injected fault first, then the rate limiter (measured on
/// the arrival instant `at`), then the method itself. The flag tells whether
/// an injected fault gave the answer.
async fn run(
    shared: &Shared,
    method: &str,
    p: &Params,
    at: Instant,
) -> (Result<Value, ApiError>, bool) {
    match shared.mutate(|s| s.take_fault(method, p.chat_id())) {
        Some(Fault::Slow(d)) => {
            tokio::select! {
                _ = tokio::time::sleep(d) => {}
                _ = shutdown_signal(shared) => {}
            }
        }
        Some(fault) => return (Err(fault_error(fault)), true),
        None => {}
    }
    if rate::is_limited(method)
        && let Err(retry_after) = shared.mutate(|s| s.rate_check(p.chat_id(), at))
    {
        return (
            Err(fault_error(Fault::TooManyRequests { retry_after })),
            false,
        );
    }
    let result = if method.eq_ignore_ascii_case("getUpdates") {
        get_updates(shared, p).await
    } else {
        shared.mutate(|s| methods::call(s, method, p))
    };
    (result, false)
}

async fn get_updates(shared: &Shared, p: &Params) -> Result<Value, ApiError> {
    let offset = p.int("offset")?;
    let limit = p.int("limit")?.unwrap_or(100).clamp(1, 100) as usize;
    let timeout = p.int("timeout")?.unwrap_or(0).clamp(0, 3600) as u64;
    let allowed = match p.json("allowed_updates")? {
        None => None,
        Some(Value::Array(a)) => Some(
            a.iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect::<Vec<_>>(),
        ),
        Some(_) => return Err(ApiError::bad("Bad Request: can't parse allowed_updates")),
    };
    let mut changed = shared.changed.subscribe();
    let generation = shared.mutate(|s| {
        if s.webhook.is_some() {
            return Err(ApiError::new(
                409,
                "Conflict: can't use getUpdates method while webhook is active; use \
                 deleteWebhook to delete the webhook first",
            ));
        }
        // A newer getUpdates terminates an older one that is still waiting.
        s.poll_generation += 1;
        if let Some(a) = allowed {
            s.allowed_updates = Some(a);
        }
        if let Some(o) = offset {
            s.confirm(o);
        }
        Ok(s.poll_generation)
    })?;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(timeout);
    loop {
        changed.borrow_and_update();
        let (batch, dropped) = {
            let mut s = shared.lock();
            if s.poll_generation != generation {
                return Err(ApiError::new(409, CONFLICT));
            }
            let before = s.pending_count();
            let batch = s.take_batch(limit);
            (batch, before != s.pending_count())
        };
        if !batch.is_empty() || dropped {
            shared.notify();
        }
        if !batch.is_empty() || shared.is_shut_down() || tokio::time::Instant::now() >= deadline {
            return Ok(Value::Array(batch));
        }
        tokio::select! {
            _ = changed.changed() => {}
            _ = tokio::time::sleep_until(deadline) => {}
            _ = shutdown_signal(shared) => {}
        }
    }
}
