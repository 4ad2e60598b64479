//! The sandbox's page and its JSON endpoints. Each endpoint checks what it is given — a known
//! person, a chat they may write in, a message of that chat, a text Telegram would take, a
//! file small enough — and then acts through the imitation as that person, exactly as a phone
//! would: the bot cannot tell. A refusal is a 4xx with a short code ([`Refusal`]) and leaves
//! nothing behind.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, extract::rejection::JsonRejection};
use serde::Deserialize;
use serde_json::{Value, json};
use tokio::sync::watch;

use super::telegram::{Content, FakeTelegram};
use crate::texts::Catalogues;
use crate::web::{self, Asset, Refusal};

/// The largest file a person may send from the page.
pub const MAX_UPLOAD: usize = 10 * 1024 * 1024;
/// Telegram's limit on a message's text.
const MAX_TEXT: usize = 4096;

const PAGE: &str = include_str!("page/index.html");
const ASSETS: &[Asset] = &[
    Asset::script("/sandbox/sandbox.js", include_str!("page/sandbox.js")),
    Asset::style("/sandbox/sandbox.css", include_str!("page/sandbox.css")),
];

/// What the endpoints work with.
#[derive(Clone)]
pub struct Page {
    pub tg: FakeTelegram,
    pub i18n: Arc<Catalogues>,
    /// Turns `true` when the sandbox stops.
    pub stop: watch::Receiver<bool>,
}

/// The page at `/`, its files under `/sandbox/`, its endpoints under `/sandbox/api/`.
pub fn router(page: Page) -> Router {
    let api = Router::new()
        .route("/sandbox/api/world", get(world))
        .route("/sandbox/api/people", post(add_person))
        .route("/sandbox/api/groups", post(add_group))
        .route("/sandbox/api/chats/{chat}/messages", get(messages))
        .route("/sandbox/api/send", post(send))
        .route("/sandbox/api/press", post(press))
        .route(
            "/sandbox/api/upload",
            // Room for the form's other fields around the largest file.
            post(upload).layer(DefaultBodyLimit::max(MAX_UPLOAD + 64 * 1024)),
        )
        .route("/sandbox/api/files/{file_id}", get(file))
        .route("/sandbox/api/events", get(events))
        .route("/", get(index))
        .with_state(page);
    web::secured(api.merge(web::assets(ASSETS)))
}

type Answer = Result<Response, Refusal>;

const UNKNOWN_PERSON: Refusal = Refusal::not_found("unknown-person");
const UNKNOWN_CHAT: Refusal = Refusal::not_found("unknown-chat");
const NOT_YOUR_CHAT: Refusal = Refusal::forbidden("not-your-chat");
const UNKNOWN_MESSAGE: Refusal = Refusal::not_found("unknown-message");
const BAD_REQUEST: Refusal = Refusal::bad_request("bad-request");
const FILE_TOO_LARGE: Refusal = Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, "file-too-large");

/// The page, in the browser's language when the catalogues have it.
async fn index(State(page): State<Page>, headers: HeaderMap) -> Html<String> {
    let wanted = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split([',', ';']).next())
        .unwrap_or(crate::texts::DEFAULT_LANGUAGE);
    let texts = page.i18n.texts(wanted);
    let labels = texts.sandbox_labels();
    let mut values: Vec<(&str, String)> = labels.clone();
    values.push(("lang", texts.code().to_owned()));
    let as_json: serde_json::Map<String, Value> = labels
        .into_iter()
        .map(|(label, text)| (label.to_owned(), json!(text)))
        .collect();
    // The labels' JSON is already safe inside its element; `fill` escapes what it inserts, so
    // it goes in afterwards.
    let html =
        web::fill(PAGE, &values).replace("{{labels}}", &web::json_in_page(&Value::Object(as_json)));
    Html(html)
}

/// The people, the group chats and the bot's name.
async fn world(State(page): State<Page>) -> Json<Value> {
    Json(json!({
        "bot": page.tg.bot_username(),
        "people": page.tg.people(),
        "groups": page.tg.group_chats(),
    }))
}

/// A JSON body, or a 400 the page understands.
fn body<T>(body: Result<Json<T>, JsonRejection>) -> Result<T, Refusal> {
    body.map(|Json(body)| body).map_err(|_| BAD_REQUEST)
}

#[derive(Deserialize)]
struct NewPerson {
    name: String,
    #[serde(default)]
    language: Option<String>,
}

/// A language tag as Telegram gives them: `es`, `pt-br`, `en-US`.
fn language_tag(raw: &str) -> Option<String> {
    let (primary, region) = match raw.split_once(['-', '_']) {
        Some((primary, region)) => (primary, Some(region)),
        None => (raw, None),
    };
    let letters = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic())
    };
    (letters(primary, 2..=3) && region.is_none_or(|r| letters(r, 2..=4)))
        .then(|| raw.replace('_', "-").to_ascii_lowercase())
}

async fn add_person(
    State(page): State<Page>,
    new: Result<Json<NewPerson>, JsonRejection>,
) -> Answer {
    let new = body(new)?;
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 64 {
        return Err(Refusal::bad_request("bad-name"));
    }
    let language = match new.language.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => Some(language_tag(raw).ok_or(Refusal::bad_request("bad-language"))?),
    };
    let id = page.tg.add_user(name, None, language.as_deref());
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

#[derive(Deserialize)]
struct NewGroup {
    title: String,
}

async fn add_group(State(page): State<Page>, new: Result<Json<NewGroup>, JsonRejection>) -> Answer {
    let new = body(new)?;
    let title = new.title.trim();
    if title.is_empty() || title.chars().count() > 128 {
        return Err(Refusal::bad_request("bad-title"));
    }
    let id = page.tg.add_group(title, false);
    Ok((StatusCode::CREATED, Json(json!({ "id": id }))).into_response())
}

/// `person` may read and write in `chat`: a known person, and a group chat or their own
/// private chat.
fn may_use(tg: &FakeTelegram, person: i64, chat: i64) -> Result<(), Refusal> {
    if !tg.people().iter().any(|p| p.id == person) {
        return Err(UNKNOWN_PERSON);
    }
    if chat > 0 {
        return if chat == person {
            Ok(())
        } else {
            Err(NOT_YOUR_CHAT)
        };
    }
    if tg.group_chats().iter().any(|g| g.id == chat) {
        Ok(())
    } else {
        Err(UNKNOWN_CHAT)
    }
}

#[derive(Deserialize)]
struct Reader {
    person: i64,
}

/// The chat's messages as Telegram shows them now.
async fn messages(
    State(page): State<Page>,
    Path(chat): Path<i64>,
    Query(reader): Query<Reader>,
) -> Answer {
    may_use(&page.tg, reader.person, chat)?;
    let messages = page.tg.chat_history(chat).ok_or(UNKNOWN_CHAT)?;
    Ok(Json(json!({ "messages": messages })).into_response())
}

/// `message` of `chat` exists (and is not deleted).
fn known_message(tg: &FakeTelegram, chat: i64, message: i64) -> Result<(), Refusal> {
    let history = tg.chat_history(chat).ok_or(UNKNOWN_CHAT)?;
    history
        .iter()
        .any(|m| m.get("message_id").and_then(Value::as_i64) == Some(message))
        .then_some(())
        .ok_or(UNKNOWN_MESSAGE)
}

/// The imitation's answer to an action that was checked first; a refusal here is a race
/// (the message went away meanwhile), told as such.
fn acted(result: Result<super::telegram::Sent, String>) -> Answer {
    match result {
        Ok(sent) => Ok((
            StatusCode::ACCEPTED,
            Json(json!({ "message_id": sent.message_id, "update_id": sent.update_id })),
        )
            .into_response()),
        Err(error) => {
            tracing::warn!(%error, "the imitation refused a checked action");
            Err(Refusal::new(StatusCode::CONFLICT, "other"))
        }
    }
}

#[derive(Deserialize)]
struct Said {
    person: i64,
    chat: i64,
    text: String,
    #[serde(default)]
    reply_to: Option<i64>,
}

/// The person writes a text (or a command), perhaps as a reply.
async fn send(State(page): State<Page>, said: Result<Json<Said>, JsonRejection>) -> Answer {
    let said = body(said)?;
    may_use(&page.tg, said.person, said.chat)?;
    let text = said.text.trim();
    if text.is_empty() {
        return Err(Refusal::bad_request("empty-text"));
    }
    if text.encode_utf16().count() > MAX_TEXT {
        return Err(Refusal::bad_request("text-too-long"));
    }
    if let Some(target) = said.reply_to {
        known_message(&page.tg, said.chat, target)?;
    }
    acted(page.tg.try_send(
        said.person,
        said.chat,
        said.reply_to,
        Content::Text(text.to_owned()),
    ))
}

#[derive(Deserialize)]
struct Pressed {
    person: i64,
    chat: i64,
    message: i64,
    data: String,
}

/// The person presses an inline button.
async fn press(State(page): State<Page>, pressed: Result<Json<Pressed>, JsonRejection>) -> Answer {
    let pressed = body(pressed)?;
    may_use(&page.tg, pressed.person, pressed.chat)?;
    if pressed.data.is_empty() || pressed.data.len() > 64 {
        return Err(BAD_REQUEST);
    }
    known_message(&page.tg, pressed.chat, pressed.message)?;
    acted(
        page.tg
            .try_press_button(pressed.person, pressed.chat, pressed.message, &pressed.data),
    )
}

/// The upload form's fields.
#[derive(Default)]
struct Form {
    person: Option<i64>,
    chat: Option<i64>,
    reply_to: Option<i64>,
    caption: Option<String>,
    file: Option<(String, Vec<u8>)>,
}

async fn read_form(mut multipart: Multipart) -> Result<Form, Refusal> {
    let mut form = Form::default();
    let number = |text: String| text.trim().parse::<i64>().map_err(|_| BAD_REQUEST);
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(error) if error.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return Err(FILE_TOO_LARGE);
            }
            Err(_) => return Err(BAD_REQUEST),
        };
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            let kind = field.content_type().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|error| {
                if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    FILE_TOO_LARGE
                } else {
                    BAD_REQUEST
                }
            })?;
            form.file = Some((kind, bytes.to_vec()));
            continue;
        }
        let text = field.text().await.map_err(|_| BAD_REQUEST)?;
        match name.as_str() {
            "person" => form.person = Some(number(text)?),
            "chat" => form.chat = Some(number(text)?),
            "reply_to" if !text.trim().is_empty() => form.reply_to = Some(number(text)?),
            "caption" if !text.trim().is_empty() => form.caption = Some(text.trim().to_owned()),
            _ => {}
        }
    }
    Ok(form)
}

/// The person sends a voice note (an audio file) or a photo (an image), perhaps as a reply:
/// stored like a Telegram upload, its bytes downloadable by the bot.
async fn upload(State(page): State<Page>, multipart: Multipart) -> Answer {
    let form = read_form(multipart).await?;
    let (person, chat) = form.person.zip(form.chat).ok_or(BAD_REQUEST)?;
    may_use(&page.tg, person, chat)?;
    let (kind, bytes) = form.file.ok_or(BAD_REQUEST)?;
    if bytes.is_empty() {
        return Err(Refusal::bad_request("empty-file"));
    }
    if bytes.len() > MAX_UPLOAD {
        return Err(FILE_TOO_LARGE);
    }
    if let Some(target) = form.reply_to {
        known_message(&page.tg, chat, target)?;
    }
    let content = if kind.starts_with("audio/") {
        // A voice note's length is not in its bytes we keep; Telegram's apps say it. About a
        // second per 2 KB of Opus is near enough for a label.
        let duration_secs = u32::try_from(bytes.len() / 2048)
            .unwrap_or(u32::MAX)
            .clamp(1, 3600);
        Content::Voice {
            bytes,
            duration_secs,
        }
    } else if kind.starts_with("image/") {
        Content::Photo {
            bytes,
            caption: form.caption,
        }
    } else {
        return Err(Refusal::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "file-kind",
        ));
    };
    acted(page.tg.try_send(person, chat, form.reply_to, content))
}

/// What a file's bytes are, from their first bytes or its name.
fn content_type(bytes: &[u8], name: Option<&str>) -> &'static str {
    let by_name = name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, ext)| ext.to_ascii_lowercase());
    match (bytes, by_name.as_deref()) {
        ([0x89, b'P', b'N', b'G', ..], _) => "image/png",
        ([0xff, 0xd8, 0xff, ..], _) => "image/jpeg",
        ([b'O', b'g', b'g', b'S', ..], _) => "audio/ogg",
        (_, Some("csv")) => "text/csv; charset=utf-8",
        (_, Some("json")) => "application/json",
        (_, Some("txt" | "md")) => "text/plain; charset=utf-8",
        (_, Some("png")) => "image/png",
        (_, Some("jpg" | "jpeg")) => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// A file of a message: a photo or voice note shown in the page, a document downloaded.
async fn file(State(page): State<Page>, Path(file_id): Path<String>) -> Answer {
    let file = page
        .tg
        .file(&file_id)
        .ok_or(Refusal::not_found("unknown-file"))?;
    let kind = content_type(&file.bytes, file.file_name.as_deref());
    let mut response = ([(header::CONTENT_TYPE, kind)], file.bytes).into_response();
    if let Some(name) = file.file_name {
        // Only the name's safe characters: it goes into a header.
        let safe: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        if let Ok(value) = format!("attachment; filename=\"{safe}\"").parse() {
            response
                .headers_mut()
                .insert(header::CONTENT_DISPOSITION, value);
        }
    }
    Ok(response)
}

/// Live updates: an event after every change of the imitation.
async fn events(State(page): State<Page>) -> impl IntoResponse {
    web::changes(
        page.tg.changes(),
        page.stop.clone(),
        Duration::from_millis(60),
    )
}

#[cfg(test)]
mod tests;
