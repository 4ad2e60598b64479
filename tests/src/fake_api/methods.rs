//! Bot API methods other than getUpdates: synchronous functions on the
//! locked [`State`] that return the `result` JSON or an [`ApiError`].

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::html::{Parsed, render};
use super::model::{CallbackAnswer, Upload};
use super::shapes::{ApiError, json_or_string, mime_for, now_unix};
use super::state::{BotMeta, FilePart, FileRec, State};

const MAX_TEXT: usize = 4096;
const MAX_CAPTION: usize = 1024;
const MAX_DOWNLOAD: usize = 20 * 1024 * 1024;
const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content \
     and reply markup are exactly the same as a current content and reply markup of the message";

/// Parameters of one call: JSON body / query / multipart text fields, plus
/// multipart file parts by part name.
#[derive(Debug, Default, Clone)]
pub(crate) struct Params {
    pub map: Map<String, Value>,
    pub files: HashMap<String, FilePart>,
}

impl Params {
    /// The parameters as recorded in [`Call::params`](super::Call::params).
    pub(crate) fn recorded(&self) -> Value {
        let mut m = self.map.clone();
        for (name, f) in &self.files {
            m.insert(
                name.clone(),
                json!({
                    "file_name": f.file_name,
                    "content_type": f.content_type,
                    "size": f.bytes.len(),
                }),
            );
        }
        Value::Object(m)
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    pub(crate) fn str(&self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }

    pub(crate) fn int(&self, key: &str) -> Result<Option<i64>, ApiError> {
        let Some(v) = self.get(key) else {
            return Ok(None);
        };
        let n = match v {
            Value::Number(n) => n.as_i64().or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9e18)
                    .map(|f| f as i64)
            }),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        };
        n.map(Some)
            .ok_or_else(|| ApiError::bad(format!("Bad Request: field \"{key}\" must be a Number")))
    }

    pub(crate) fn flag(&self, key: &str) -> bool {
        match self.get(key) {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => s == "true" || s == "1",
            Some(Value::Number(n)) => n.as_i64() == Some(1),
            _ => false,
        }
    }

    /// A parameter holding a JSON object/array, sent inline or as JSON text.
    pub(crate) fn json(&self, key: &str) -> Result<Option<Value>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => serde_json::from_str(s)
                .map(Some)
                .map_err(|_| ApiError::bad(format!("Bad Request: can't parse {key} JSON object"))),
            Some(v) => Ok(Some(v.clone())),
        }
    }

    /// `chat_id` as an integer, leniently (for fault scopes).
    pub(crate) fn chat_id(&self) -> Option<i64> {
        self.int("chat_id").ok().flatten()
    }

    pub(crate) fn insert_text(&mut self, key: String, value: &str) {
        self.map.insert(key, json_or_string(value));
    }
}

/// Dispatches `method` (case-insensitive). Unknown methods answer 404.
pub(crate) fn call(s: &mut State, method: &str, p: &Params) -> Result<Value, ApiError> {
    match method.to_ascii_lowercase().as_str() {
        "getme" => Ok(get_me(s)),
        "logout" | "close" => Ok(json!(true)),
        "getwebhookinfo" => Ok(json!({
            "url": s.webhook.as_ref().map(|w| w.0.clone()).unwrap_or_default(),
            "has_custom_certificate": false,
            "pending_update_count": s.pending_count(),
        })),
        "setwebhook" => {
            let url = p.str("url").unwrap_or_default();
            s.webhook = if url.is_empty() {
                None
            } else {
                Some((url, p.str("secret_token")))
            };
            Ok(json!(true))
        }
        "deletewebhook" => {
            s.webhook = None;
            if p.flag("drop_pending_updates") {
                s.confirm(i64::MAX);
            }
            Ok(json!(true))
        }
        "setmycommands" => set_my_commands(s, p),
        "deletemycommands" => {
            s.commands = json!([]);
            Ok(json!(true))
        }
        "getmycommands" => Ok(s.commands.clone()),
        "setmydescription"
        | "setmyshortdescription"
        | "setmyname"
        | "setchatmenubutton"
        | "setmydefaultadministratorrights"
        | "setmessagereaction" => Ok(json!(true)),
        "sendchataction" => {
            let chat = chat_param(s, p)?;
            reachable(s, chat)?;
            Ok(json!(true))
        }
        "pinchatmessage" | "unpinchatmessage" | "unpinallchatmessages" | "leavechat" => {
            chat_param(s, p)?;
            Ok(json!(true))
        }
        "getchat" => get_chat(s, p),
        "sendmessage" => send_message(s, p),
        "editmessagetext" => edit_text(s, p),
        "editmessagecaption" => edit_caption(s, p),
        "editmessagereplymarkup" => edit_markup(s, p),
        "deletemessage" => {
            let chat = chat_param(s, p)?;
            let id = p.int("message_id")?.unwrap_or(0);
            delete(s, chat, id)?;
            Ok(json!(true))
        }
        "deletemessages" => {
            let chat = chat_param(s, p)?;
            let ids = p.json("message_ids")?.unwrap_or_default();
            for id in ids
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_i64)
            {
                let _ = delete(s, chat, id);
            }
            Ok(json!(true))
        }
        "answercallbackquery" => answer_callback(s, p),
        "senddocument" => send_media(s, p, "document"),
        "sendphoto" => send_media(s, p, "photo"),
        "sendvoice" => send_media(s, p, "voice"),
        "sendaudio" => send_media(s, p, "audio"),
        "sendvideonote" => send_media(s, p, "video_note"),
        "sendsticker" => send_media(s, p, "sticker"),
        "copymessage" => copy_or_forward(s, p, false),
        "forwardmessage" => copy_or_forward(s, p, true),
        "getfile" => get_file(s, p),
        _ => Err(ApiError::new(404, "Not Found: method not found")),
    }
}

fn get_me(s: &State) -> Value {
    let mut me = s.bot_json();
    me["can_join_groups"] = json!(true);
    me["can_read_all_group_messages"] = json!(false);
    me["supports_inline_queries"] = json!(false);
    me["can_connect_to_business"] = json!(false);
    me["has_main_web_app"] = json!(false);
    me
}

fn get_chat(s: &State, p: &Params) -> Result<Value, ApiError> {
    let chat = chat_param(s, p)?;
    let mut info = s
        .chats
        .get(&chat)
        .map(|c| c.json.clone())
        .unwrap_or_default();
    info["accent_color_id"] = json!(0);
    info["max_reaction_count"] = json!(11);
    info["accepted_gift_types"] = json!({
        "unlimited_gifts": false, "limited_gifts": false,
        "unique_gifts": false, "premium_subscription": false,
    });
    Ok(info)
}

fn set_my_commands(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let commands = p
        .json("commands")?
        .ok_or_else(|| ApiError::bad("Bad Request: parameter \"commands\" is required"))?;
    let list = commands
        .as_array()
        .ok_or_else(|| ApiError::bad("Bad Request: field \"commands\" must be an Array"))?;
    for c in list {
        let name = c.get("command").and_then(Value::as_str).unwrap_or_default();
        let desc = c
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let name_ok = (1..=32).contains(&name.len())
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !name_ok {
            return Err(ApiError::bad("Bad Request: BOT_COMMAND_INVALID"));
        }
        if !(1..=256).contains(&desc.chars().count()) {
            return Err(ApiError::bad("Bad Request: command description is empty"));
        }
    }
    s.commands = commands;
    Ok(json!(true))
}

/// `chat_id` of a known chat.
fn chat_param(s: &State, p: &Params) -> Result<i64, ApiError> {
    let id = match p.get("chat_id") {
        None => return Err(ApiError::bad("Bad Request: chat_id is empty")),
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(v)) => v.trim().parse().ok(),
        Some(_) => None,
    };
    id.filter(|id| s.chats.contains_key(id))
        .ok_or_else(ApiError::chat_not_found)
}

/// Telegram's refusal to write in the private chat of someone who never started the bot, or
/// who blocked it.
fn reachable(s: &State, chat: i64) -> Result<(), ApiError> {
    match s.private_user(chat) {
        Some(u) if u.blocked => Err(ApiError::new(403, "Forbidden: bot was blocked by the user")),
        Some(u) if !u.started => Err(ApiError::new(
            403,
            "Forbidden: bot can't initiate conversation with a user",
        )),
        _ => Ok(()),
    }
}

/// A chat the bot may write in: known, and reachable.
fn target_chat(s: &State, p: &Params) -> Result<i64, ApiError> {
    let chat = chat_param(s, p)?;
    reachable(s, chat)?;
    Ok(chat)
}

fn parse_text(text: &str, parse_mode: Option<&str>) -> Result<Parsed, ApiError> {
    render(text, parse_mode).map_err(ApiError::bad)
}

const BUTTON_KINDS: &[&str] = &[
    "callback_data",
    "url",
    "login_url",
    "web_app",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "copy_text",
    "callback_game",
    "pay",
];

/// Validated `reply_markup`; `inline_only` for edit methods.
fn markup_param(p: &Params, inline_only: bool) -> Result<Option<Value>, ApiError> {
    let Some(m) = p.json("reply_markup")? else {
        return Ok(None);
    };
    if !m.is_object() {
        return Err(ApiError::bad(
            "Bad Request: object expected as reply markup",
        ));
    }
    if let Some(rows) = m.get("inline_keyboard") {
        let rows = rows
            .as_array()
            .filter(|r| r.iter().all(Value::is_array))
            .ok_or_else(|| {
                ApiError::bad(
                    "Bad Request: field \"inline_keyboard\" of the InlineKeyboardMarkup should be \
                 an Array of Arrays",
                )
            })?;
        for button in rows.iter().filter_map(Value::as_array).flatten() {
            if button.get("text").and_then(Value::as_str).is_none() {
                return Err(ApiError::bad("Bad Request: can't find field \"text\""));
            }
            if let Some(data) = button.get("callback_data") {
                let len = data.as_str().map(str::len).unwrap_or(0);
                if !(1..=64).contains(&len) {
                    return Err(ApiError::bad("Bad Request: BUTTON_DATA_INVALID"));
                }
            }
            if let Some(url) = button.get("url") {
                let url = url.as_str().unwrap_or_default();
                if !url.contains("://") && !url.starts_with("tg:") {
                    return Err(ApiError::bad("Bad Request: BUTTON_URL_INVALID"));
                }
            }
            if !BUTTON_KINDS.iter().any(|k| button.get(*k).is_some()) {
                return Err(ApiError::bad(
                    "Bad Request: can't parse inline keyboard button: Text buttons are \
                     unallowed in the inline keyboard",
                ));
            }
        }
        return Ok(Some(m));
    }
    if inline_only {
        return Err(ApiError::bad("Bad Request: inline keyboard expected"));
    }
    if ["keyboard", "remove_keyboard", "force_reply"]
        .iter()
        .any(|k| m.get(*k).is_some())
    {
        Ok(Some(m))
    } else {
        Err(ApiError::bad(
            "Bad Request: can't parse reply keyboard markup JSON object",
        ))
    }
}

fn is_inline(markup: Option<&Value>) -> bool {
    markup.is_some_and(|m| m.get("inline_keyboard").is_some())
}

/// Adds thread, reply and echoed inline markup to a message being sent. In a forum, a
/// `message_thread_id` must be a topic, and a message in a topic that replies to nothing else
/// replies to the topic's creation message, as on Telegram; a reply to a message in a topic
/// lands in that topic.
fn common_send(
    s: &State,
    chat: i64,
    p: &Params,
    content: &mut Map<String, Value>,
    markup: Option<&Value>,
) -> Result<(), ApiError> {
    let mut thread = None;
    if let Some(t) = p.int("message_thread_id")?
        && s.is_forum(chat)
    {
        if !s.has_topic(chat, t) {
            return Err(ApiError::bad("Bad Request: message thread not found"));
        }
        thread = Some(t);
    }
    let (target, allow_missing) = match p.json("reply_parameters")? {
        Some(rp) => {
            let id = match rp.get("message_id") {
                Some(Value::Number(n)) => n.as_i64(),
                Some(Value::String(v)) => v.parse().ok(),
                _ => None,
            };
            let id =
                id.ok_or_else(|| ApiError::bad("Bad Request: message to be replied not found"))?;
            let in_chat = match rp.get("chat_id") {
                Some(Value::Number(n)) => n.as_i64().unwrap_or(chat),
                Some(Value::String(v)) => v.parse().unwrap_or(chat),
                _ => chat,
            };
            let allow = rp
                .get("allow_sending_without_reply")
                .and_then(Value::as_bool);
            (Some((in_chat, id)), allow.unwrap_or(false))
        }
        None => (
            p.int("reply_to_message_id")?.map(|id| (chat, id)),
            p.flag("allow_sending_without_reply"),
        ),
    };
    if let Some((in_chat, id)) = target {
        match s.message(in_chat, id).filter(|m| !m.deleted) {
            Some(_) => {
                let embedded = s.embedded_message(in_chat, id).unwrap_or_default();
                if in_chat == chat
                    && embedded.get("is_topic_message") == Some(&json!(true))
                    && let Some(t) = embedded.get("message_thread_id").and_then(Value::as_i64)
                {
                    thread = thread.or(Some(t));
                }
                content.insert("reply_to_message".into(), embedded);
            }
            None if allow_missing => {}
            None => {
                return Err(ApiError::bad(
                    "Bad Request: message to be replied not found",
                ));
            }
        }
    }
    if let Some(t) = thread {
        content.insert("message_thread_id".into(), json!(t));
        content.insert("is_topic_message".into(), json!(true));
        if !content.contains_key("reply_to_message")
            && let Some(root) = s.embedded_message(chat, t)
        {
            content.insert("reply_to_message".into(), root);
        }
    }
    if let Some(m) = markup.filter(|m| is_inline(Some(m))) {
        content.insert("reply_markup".into(), m.clone());
    }
    Ok(())
}

fn finish_send(
    s: &mut State,
    chat: i64,
    content: Map<String, Value>,
    meta: BotMeta,
) -> Result<Value, ApiError> {
    let from = s.bot_json();
    s.store_message(chat, from, content, Some(meta))
        .map(|(_, json)| json)
        .ok_or_else(ApiError::chat_not_found)
}

fn send_message(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let chat = target_chat(s, p)?;
    let text = p.str("text").unwrap_or_default();
    let parse_mode = p.str("parse_mode");
    let parsed = parse_text(&text, parse_mode.as_deref())?;
    if parsed.text.is_empty() {
        return Err(ApiError::bad("Bad Request: message text is empty"));
    }
    if parsed.text.chars().count() > MAX_TEXT {
        return Err(ApiError::bad("Bad Request: message is too long"));
    }
    let markup = markup_param(p, false)?;
    let mut content = Map::new();
    content.insert("text".into(), json!(parsed.text));
    if !parsed.entities.is_empty() {
        content.insert("entities".into(), json!(parsed.entities));
    }
    common_send(s, chat, p, &mut content, markup.as_ref())?;
    let meta = BotMeta {
        kind: "text".into(),
        source_text: Some(text),
        parse_mode,
        reply_markup: markup,
        ..BotMeta::default()
    };
    finish_send(s, chat, content, meta)
}

/// `(chat, message_id)` of a message of the bot that may be edited.
fn edit_target(s: &State, p: &Params) -> Result<(i64, i64), ApiError> {
    if p.get("inline_message_id").is_some() {
        return Err(ApiError::bad(
            "Bad Request: inline messages are not supported by the fake Telegram",
        ));
    }
    let chat = target_chat(s, p)?;
    let id = p
        .int("message_id")?
        .ok_or_else(|| ApiError::bad("Bad Request: message identifier is not specified"))?;
    let msg = s
        .message(chat, id)
        .filter(|m| !m.deleted)
        .ok_or_else(|| ApiError::bad("Bad Request: message to edit not found"))?;
    if msg.bot.is_none() {
        return Err(ApiError::bad("Bad Request: message can't be edited"));
    }
    Ok((chat, id))
}

fn set_field(json: &mut Value, key: &str, value: Option<Value>) {
    if let Some(o) = json.as_object_mut() {
        match value {
            Some(v) => {
                o.insert(key.to_owned(), v);
            }
            None => {
                o.remove(key);
            }
        }
    }
}

fn entities_json(parsed: &Parsed) -> Option<Value> {
    (!parsed.entities.is_empty()).then(|| json!(parsed.entities))
}

fn inline_echo(markup: &Option<Value>) -> Option<Value> {
    markup.clone().filter(|m| is_inline(Some(m)))
}

fn edit_text(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let (chat, id) = edit_target(s, p)?;
    let text = p.str("text").unwrap_or_default();
    let parse_mode = p.str("parse_mode");
    let parsed = parse_text(&text, parse_mode.as_deref())?;
    if parsed.text.is_empty() {
        return Err(ApiError::bad("Bad Request: message text is empty"));
    }
    if parsed.text.chars().count() > MAX_TEXT {
        return Err(ApiError::bad("Bad Request: MESSAGE_TOO_LONG"));
    }
    let markup = markup_param(p, true)?;
    let msg = s
        .message_mut(chat, id)
        .ok_or_else(|| ApiError::bad("Bad Request: message to edit not found"))?;
    if msg.json.get("text").is_none() {
        return Err(ApiError::bad(
            "Bad Request: there is no text in the message to edit",
        ));
    }
    let echo = inline_echo(&markup);
    let entities = entities_json(&parsed);
    if msg.json.get("text") == Some(&json!(parsed.text))
        && msg.json.get("entities") == entities.as_ref()
        && msg.json.get("reply_markup") == echo.as_ref()
    {
        return Err(ApiError::bad(NOT_MODIFIED));
    }
    set_field(&mut msg.json, "text", Some(json!(parsed.text)));
    set_field(&mut msg.json, "entities", entities);
    set_field(&mut msg.json, "reply_markup", echo);
    set_field(&mut msg.json, "edit_date", Some(json!(now_unix())));
    if let Some(meta) = msg.bot.as_mut() {
        meta.source_text = Some(text);
        meta.parse_mode = parse_mode;
        meta.reply_markup = markup;
        meta.edits += 1;
    }
    Ok(msg.json.clone())
}

fn edit_caption(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let (chat, id) = edit_target(s, p)?;
    let caption = p.str("caption").unwrap_or_default();
    let parse_mode = p.str("parse_mode");
    let parsed = parse_text(&caption, parse_mode.as_deref())?;
    if parsed.text.chars().count() > MAX_CAPTION {
        return Err(ApiError::bad("Bad Request: message caption is too long"));
    }
    let markup = markup_param(p, true)?;
    let msg = s
        .message_mut(chat, id)
        .ok_or_else(|| ApiError::bad("Bad Request: message to edit not found"))?;
    if msg.json.get("text").is_some() {
        return Err(ApiError::bad(
            "Bad Request: there is no caption in the message to edit",
        ));
    }
    let echo = inline_echo(&markup);
    let new_caption = (!parsed.text.is_empty()).then(|| json!(parsed.text));
    let entities = entities_json(&parsed);
    if msg.json.get("caption") == new_caption.as_ref()
        && msg.json.get("caption_entities") == entities.as_ref()
        && msg.json.get("reply_markup") == echo.as_ref()
    {
        return Err(ApiError::bad(NOT_MODIFIED));
    }
    set_field(&mut msg.json, "caption", new_caption);
    set_field(&mut msg.json, "caption_entities", entities);
    set_field(&mut msg.json, "reply_markup", echo);
    set_field(&mut msg.json, "edit_date", Some(json!(now_unix())));
    if let Some(meta) = msg.bot.as_mut() {
        meta.source_text = Some(caption);
        meta.parse_mode = parse_mode;
        meta.reply_markup = markup;
        meta.edits += 1;
    }
    Ok(msg.json.clone())
}

fn edit_markup(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let (chat, id) = edit_target(s, p)?;
    let markup = markup_param(p, true)?;
    let msg = s
        .message_mut(chat, id)
        .ok_or_else(|| ApiError::bad("Bad Request: message to edit not found"))?;
    let echo = inline_echo(&markup);
    if msg.json.get("reply_markup") == echo.as_ref() {
        return Err(ApiError::bad(NOT_MODIFIED));
    }
    set_field(&mut msg.json, "reply_markup", echo);
    set_field(&mut msg.json, "edit_date", Some(json!(now_unix())));
    if let Some(meta) = msg.bot.as_mut() {
        meta.reply_markup = markup;
        meta.edits += 1;
    }
    Ok(msg.json.clone())
}

fn delete(s: &mut State, chat: i64, id: i64) -> Result<(), ApiError> {
    let msg = s
        .message_mut(chat, id)
        .filter(|m| !m.deleted)
        .ok_or_else(|| ApiError::bad("Bad Request: message to delete not found"))?;
    msg.deleted = true;
    Ok(())
}

fn answer_callback(s: &mut State, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("callback_query_id").unwrap_or_default();
    // Telegram refuses unknown ids and a second answer to the same query.
    match s.callback_queries.get_mut(&id) {
        Some(answered) if !*answered => *answered = true,
        _ => {
            return Err(ApiError::bad(
                "Bad Request: query is too old and response timeout expired or query ID is invalid",
            ));
        }
    }
    let text = p.str("text");
    if text.as_ref().is_some_and(|t| t.chars().count() > 200) {
        return Err(ApiError::bad("Bad Request: MESSAGE_TOO_LONG"));
    }
    s.callback_answers.push(CallbackAnswer {
        callback_query_id: id,
        text,
        show_alert: p.flag("show_alert"),
        url: p.str("url"),
    });
    Ok(json!(true))
}

fn new_upload(s: &mut State, kind: &str, part: &FilePart) -> Result<FileRec, ApiError> {
    if part.bytes.is_empty() {
        return Err(ApiError::bad("Bad Request: file must be non-empty"));
    }
    let name = part.file_name.clone().filter(|n| !n.is_empty());
    Ok(s.add_file(kind, part.bytes.clone(), name, part.content_type.clone()))
}

/// The file of a send method: an uploaded part, `attach://name`, a known
/// `file_id`, or an http(s) URL.
fn media_input(s: &mut State, p: &Params, kind: &str) -> Result<FileRec, ApiError> {
    if let Some(part) = p.files.get(kind) {
        return new_upload(s, kind, part);
    }
    let value = p
        .str(kind)
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad(format!("Bad Request: there is no {kind} in the request")))?;
    if let Some(name) = value.strip_prefix("attach://") {
        let part = p.files.get(name).ok_or_else(|| {
            ApiError::bad(format!(
                "Bad Request: file \"{name}\" not found in the request"
            ))
        })?;
        return new_upload(s, kind, part);
    }
    if value.starts_with("http://") || value.starts_with("https://") {
        let name = value
            .rsplit('/')
            .next()
            .filter(|n| !n.is_empty())
            .map(str::to_owned);
        return Ok(s.add_file(kind, Vec::new(), name, None));
    }
    s.files
        .get(&value)
        .cloned()
        .ok_or_else(|| ApiError::bad("Bad Request: wrong file identifier/HTTP URL specified"))
}

/// The JSON of a file of `kind` inside a Message.
pub(crate) fn media_json(s: &mut State, kind: &str, f: &FileRec, duration: i64) -> Value {
    let mut m = f.meta();
    match kind {
        "photo" => {
            let mut thumb = s.add_file("photo", f.bytes.clone(), None, None).meta();
            thumb.insert("width".into(), json!(320));
            thumb.insert("height".into(), json!(240));
            m.insert("width".into(), json!(1280));
            m.insert("height".into(), json!(960));
            return json!([thumb, m]);
        }
        "document" => {
            if let Some(n) = &f.file_name {
                m.insert("file_name".into(), json!(n));
            }
            m.insert("mime_type".into(), json!(mime_for(f.file_name.as_deref())));
        }
        "voice" => {
            m.insert("duration".into(), json!(duration));
            m.insert("mime_type".into(), json!("audio/ogg"));
        }
        "audio" => {
            m.insert("duration".into(), json!(duration));
            if let Some(n) = &f.file_name {
                m.insert("file_name".into(), json!(n));
            }
            m.insert("mime_type".into(), json!("audio/mpeg"));
        }
        "video_note" => {
            m.insert("length".into(), json!(240));
            m.insert("duration".into(), json!(duration));
        }
        "sticker" => {
            m.insert("type".into(), json!("regular"));
            m.insert("width".into(), json!(512));
            m.insert("height".into(), json!(512));
            m.insert("is_animated".into(), json!(false));
            m.insert("is_video".into(), json!(false));
            m.insert("emoji".into(), json!("👍"));
        }
        _ => {}
    }
    Value::Object(m)
}

fn send_media(s: &mut State, p: &Params, kind: &str) -> Result<Value, ApiError> {
    let chat = target_chat(s, p)?;
    let file = media_input(s, p, kind)?;
    let caption = p
        .str("caption")
        .filter(|_| kind != "video_note" && kind != "sticker");
    let parse_mode = p.str("parse_mode");
    let parsed = match &caption {
        Some(c) => Some(parse_text(c, parse_mode.as_deref())?),
        None => None,
    };
    if parsed
        .as_ref()
        .is_some_and(|c| c.text.chars().count() > MAX_CAPTION)
    {
        return Err(ApiError::bad("Bad Request: message caption is too long"));
    }
    let markup = markup_param(p, false)?;
    let duration = p.int("duration")?.unwrap_or(1);
    let mut content = Map::new();
    content.insert(kind.to_owned(), media_json(s, kind, &file, duration));
    if let Some(c) = parsed.as_ref().filter(|c| !c.text.is_empty()) {
        content.insert("caption".into(), json!(c.text));
        if let Some(e) = entities_json(c) {
            content.insert("caption_entities".into(), e);
        }
    }
    common_send(s, chat, p, &mut content, markup.as_ref())?;
    let upload = file.upload();
    let mut meta = BotMeta {
        kind: kind.to_owned(),
        source_text: caption,
        parse_mode,
        reply_markup: markup,
        ..BotMeta::default()
    };
    match kind {
        "document" => meta.document = Some(upload),
        "photo" => meta.photo = Some(upload),
        _ => meta.media = Some(upload),
    }
    finish_send(s, chat, content, meta)
}

const CONTENT_KINDS: &[&str] = &[
    "text",
    "document",
    "photo",
    "voice",
    "audio",
    "video_note",
    "sticker",
    "video",
    "animation",
];

fn kind_of(json: &Value) -> String {
    CONTENT_KINDS
        .iter()
        .find(|k| json.get(**k).is_some())
        .unwrap_or(&"other")
        .to_string()
}

fn file_of(s: &State, media: Option<&Value>) -> Option<Upload> {
    let media = media?;
    let media = media.as_array().and_then(|a| a.last()).unwrap_or(media);
    let id = media.get("file_id")?.as_str()?;
    s.files.get(id).map(FileRec::upload)
}

fn copy_or_forward(s: &mut State, p: &Params, forward: bool) -> Result<Value, ApiError> {
    let chat = target_chat(s, p)?;
    let from_chat = match p.get("from_chat_id") {
        Some(Value::Number(n)) => n.as_i64(),
        Some(Value::String(v)) => v.trim().parse().ok(),
        _ => None,
    }
    .filter(|c| s.chats.contains_key(c))
    .ok_or_else(ApiError::chat_not_found)?;
    let id = p.int("message_id")?.unwrap_or(0);
    let what = if forward { "forward" } else { "copy" };
    let src = s
        .message(from_chat, id)
        .filter(|m| !m.deleted)
        .map(|m| m.json.clone())
        .ok_or_else(|| ApiError::bad(format!("Bad Request: message to {what} not found")))?;
    let mut content = Map::new();
    let skip = [
        "message_id",
        "from",
        "chat",
        "date",
        "reply_to_message",
        "reply_markup",
        "edit_date",
        "message_thread_id",
        "is_topic_message",
        "forward_origin",
    ];
    for (k, v) in src.as_object().into_iter().flatten() {
        if !skip.contains(&k.as_str()) {
            content.insert(k.clone(), v.clone());
        }
    }
    let kind = kind_of(&src);
    let mut source_text = src
        .get("text")
        .or_else(|| src.get("caption"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let mut parse_mode = None;
    if forward {
        content.insert(
            "forward_origin".into(),
            json!({
                "type": "user",
                "sender_user": src.get("from").cloned().unwrap_or_default(),
                "date": src.get("date").cloned().unwrap_or(json!(0)),
            }),
        );
    } else if let Some(caption) = p.str("caption").filter(|_| kind != "text") {
        parse_mode = p.str("parse_mode");
        let parsed = parse_text(&caption, parse_mode.as_deref())?;
        if parsed.text.chars().count() > MAX_CAPTION {
            return Err(ApiError::bad("Bad Request: message caption is too long"));
        }
        content.remove("caption_entities");
        content.insert("caption".into(), json!(parsed.text));
        if let Some(e) = entities_json(&parsed) {
            content.insert("caption_entities".into(), e);
        }
        source_text = Some(caption);
    }
    let markup = if forward {
        None
    } else {
        markup_param(p, false)?
    };
    common_send(s, chat, p, &mut content, markup.as_ref())?;
    let meta = BotMeta {
        document: file_of(s, src.get("document")),
        photo: file_of(s, src.get("photo")),
        media: ["voice", "audio", "video_note", "sticker"]
            .iter()
            .find_map(|k| file_of(s, src.get(*k))),
        kind,
        source_text,
        parse_mode,
        reply_markup: markup,
        edits: 0,
    };
    let message = finish_send(s, chat, content, meta)?;
    if forward {
        Ok(message)
    } else {
        Ok(json!({ "message_id": message["message_id"] }))
    }
}

fn get_file(s: &State, p: &Params) -> Result<Value, ApiError> {
    let id = p.str("file_id").unwrap_or_default();
    let f = s
        .files
        .get(&id)
        .ok_or_else(|| ApiError::bad("Bad Request: invalid file_id"))?;
    if f.bytes.len() > MAX_DOWNLOAD {
        return Err(ApiError::bad("Bad Request: file is too big"));
    }
    let mut m = f.meta();
    m.insert("file_path".into(), json!(f.path));
    Ok(Value::Object(m))
}
