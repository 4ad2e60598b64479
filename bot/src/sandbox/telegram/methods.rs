//! Bot API methods other than getUpdates: synchronous functions on the
//! locked [`State`] that return the `result` JSON or an [`ApiError`].

use std::collections::HashMap;

use serde_json::{Map, Value, json};

use super::edits::{edit_caption, edit_markup, edit_text};
use super::html::{Parsed, render};
use super::media::{copy_or_forward, get_file, send_media};
use super::model::CallbackAnswer;
use super::shapes::{ApiError, json_or_string};
use super::state::{BotMeta, FilePart, State};

pub(super) const MAX_TEXT: usize = 4096;
pub(super) const MAX_CAPTION: usize = 1024;
pub(super) const NOT_MODIFIED: &str = "Bad Request: message is not modified: specified new message content \
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
    pub(crate) fn into_recorded(self) -> Value {
        let mut m = self.map;
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
pub(super) fn target_chat(s: &State, p: &Params) -> Result<i64, ApiError> {
    let chat = chat_param(s, p)?;
    reachable(s, chat)?;
    Ok(chat)
}

pub(super) fn parse_text(text: &str, parse_mode: Option<&str>) -> Result<Parsed, ApiError> {
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
pub(super) fn markup_param(p: &Params, inline_only: bool) -> Result<Option<Value>, ApiError> {
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

pub(super) fn is_inline(markup: Option<&Value>) -> bool {
    markup.is_some_and(|m| m.get("inline_keyboard").is_some())
}

/// Adds thread, reply and echoed inline markup to a message being sent. In a forum, a
/// `message_thread_id` must be a topic, and a message in a topic that replies to nothing else
/// replies to the topic's creation message, as on Telegram; a reply to a message in a topic
/// lands in that topic.
pub(super) fn common_send(
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

pub(super) fn finish_send(
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
