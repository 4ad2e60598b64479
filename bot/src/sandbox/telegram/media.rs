//! Files: uploads in send methods, the file objects inside messages, copies and forwards of
//! messages with their files, and getFile.

use serde_json::{Map, Value, json};

use super::edits::entities_json;

const MAX_DOWNLOAD: usize = 20 * 1024 * 1024;
use super::methods::{
    MAX_CAPTION, Params, common_send, finish_send, markup_param, parse_text, target_chat,
};
use super::model::Upload;
use super::shapes::{ApiError, mime_for};
use super::state::{BotMeta, FilePart, FileRec, State};

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

pub(super) fn send_media(s: &mut State, p: &Params, kind: &str) -> Result<Value, ApiError> {
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

pub(super) fn copy_or_forward(s: &mut State, p: &Params, forward: bool) -> Result<Value, ApiError> {
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

pub(super) fn get_file(s: &State, p: &Params) -> Result<Value, ApiError> {
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
