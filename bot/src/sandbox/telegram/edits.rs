//! Edits of the bot's messages: text, caption, inline keyboard — refused, as Telegram does,
//! when they change nothing.

use serde_json::{Value, json};

use super::html::Parsed;
use super::methods::{
    MAX_CAPTION, MAX_TEXT, NOT_MODIFIED, Params, is_inline, markup_param, parse_text, target_chat,
};
use super::shapes::{ApiError, now_unix};
use super::state::State;

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

pub(super) fn entities_json(parsed: &Parsed) -> Option<Value> {
    (!parsed.entities.is_empty()).then(|| json!(parsed.entities))
}

fn inline_echo(markup: &Option<Value>) -> Option<Value> {
    markup.clone().filter(|m| is_inline(Some(m)))
}

pub(super) fn edit_text(s: &mut State, p: &Params) -> Result<Value, ApiError> {
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

pub(super) fn edit_caption(s: &mut State, p: &Params) -> Result<Value, ApiError> {
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

pub(super) fn edit_markup(s: &mut State, p: &Params) -> Result<Value, ApiError> {
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
