//! Telegram's JSON shapes: response envelopes, errors, users, chats, files.

use serde_json::{Map, Value, json};

use super::html::utf16_len;

/// An `{"ok":false,...}` answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    pub code: u16,
    pub description: String,
    pub retry_after: Option<u32>,
}

impl ApiError {
    pub(crate) fn new(code: u16, description: impl Into<String>) -> ApiError {
        ApiError {
            code,
            description: description.into(),
            retry_after: None,
        }
    }

    /// 400 with this description (should start with "Bad Request: ").
    pub(crate) fn bad(description: impl Into<String>) -> ApiError {
        ApiError::new(400, description)
    }

    pub(crate) fn chat_not_found() -> ApiError {
        ApiError::bad("Bad Request: chat not found")
    }

    pub(crate) fn body(&self) -> Value {
        let mut body = json!({
            "ok": false,
            "error_code": self.code,
            "description": self.description,
        });
        if let Some(n) = self.retry_after {
            body["parameters"] = json!({ "retry_after": n });
        }
        body
    }
}

pub(crate) fn ok_body(result: Value) -> Value {
    json!({ "ok": true, "result": result })
}

pub(crate) fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// A person known to the fake.
#[derive(Debug, Clone)]
pub(crate) struct UserRec {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub username: Option<String>,
    pub language_code: Option<String>,
    /// Has a private chat with the bot (pressed Start, or wrote to it): until then Telegram
    /// refuses the bot's messages to them.
    pub started: bool,
    /// Blocked the bot (`my_chat_member: kicked`): Telegram refuses its messages.
    pub blocked: bool,
}

impl UserRec {
    pub(crate) fn json(&self) -> Value {
        let mut u = Map::new();
        u.insert("id".into(), json!(self.id));
        u.insert("is_bot".into(), json!(false));
        u.insert("first_name".into(), json!(self.first_name));
        if let Some(v) = &self.last_name {
            u.insert("last_name".into(), json!(v));
        }
        if let Some(v) = &self.username {
            u.insert("username".into(), json!(v));
        }
        if let Some(v) = &self.language_code {
            u.insert("language_code".into(), json!(v));
        }
        Value::Object(u)
    }

    pub(crate) fn private_chat_json(&self) -> Value {
        let mut c = Map::new();
        c.insert("id".into(), json!(self.id));
        c.insert("type".into(), json!("private"));
        c.insert("first_name".into(), json!(self.first_name));
        if let Some(v) = &self.last_name {
            c.insert("last_name".into(), json!(v));
        }
        if let Some(v) = &self.username {
            c.insert("username".into(), json!(v));
        }
        Value::Object(c)
    }
}

pub(crate) fn bot_user_json(id: i64, first_name: &str, username: &str) -> Value {
    json!({ "id": id, "is_bot": true, "first_name": first_name, "username": username })
}

pub(crate) fn supergroup_chat_json(id: i64, title: &str, forum: bool) -> Value {
    let mut c = json!({ "id": id, "type": "supergroup", "title": title });
    if forum {
        c["is_forum"] = json!(true);
    }
    c
}

/// `bot_command` entities Telegram adds to a user's text (UTF-16 offsets).
pub(crate) fn command_entities(text: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut prev: Option<char> = None;
    let mut offset16 = 0usize;
    for (i, c) in text.char_indices() {
        if c == '/' && prev.is_none_or(char::is_whitespace) {
            let rest = &text[i + 1..];
            let name_len = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                .count();
            if name_len > 0 {
                let mut len = 1 + name_len;
                let after = &rest[name_len..];
                if let Some(mention) = after.strip_prefix('@') {
                    let m = mention
                        .bytes()
                        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
                        .count();
                    if m > 0 {
                        len += 1 + m;
                    }
                }
                out.push(json!({
                    "type": "bot_command",
                    "offset": offset16,
                    "length": utf16_len(&text[i..i + len]),
                }));
            }
        }
        prev = Some(c);
        offset16 += c.len_utf16();
    }
    out
}

/// Telegram's MIME guess from a file name.
pub(crate) fn mime_for(file_name: Option<&str>) -> &'static str {
    let ext = file_name
        .and_then(|n| n.rsplit_once('.'))
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "txt" | "log" => "text/plain",
        "md" => "text/markdown",
        "csv" => "text/csv",
        "html" | "htm" => "text/html",
        "json" => "application/json",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        "ics" => "text/calendar",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ogg" | "oga" | "opus" => "audio/ogg",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        _ => "application/octet-stream",
    }
}

/// Multipart/JSON text parameter normalisation: JSON where it parses, else a string.
pub(crate) fn json_or_string(s: &str) -> Value {
    serde_json::from_str(s).unwrap_or_else(|_| Value::String(s.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands() {
        assert_eq!(
            command_entities("/start@coloop_bot x /help"),
            vec![
                json!({"type":"bot_command","offset":0,"length":17}),
                json!({"type":"bot_command","offset":20,"length":5}),
            ]
        );
        assert!(command_entities("a/b").is_empty());
        assert_eq!(command_entities("😀 /x")[0]["offset"], json!(3));
    }
}
