//! Public value types of the fake: what tests read back and how they inject faults.

use std::time::{Duration, Instant};

use serde_json::Value;

/// Ids of an update queued by one of the "acting as Telegram" helpers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sent {
    /// `update_id` of the queued update.
    pub update_id: i64,
    /// Id of the message the update is about: the new message for `send_*`,
    /// the pressed message for [`press_button`](super::FakeTelegram::press_button).
    pub message_id: i64,
}

/// How the fake answered a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CallOutcome {
    /// `{"ok":true,...}`.
    Ok,
    /// `{"ok":false,...}` with this HTTP status / `error_code`.
    Error(u16),
}

/// One HTTP call the bot made to the fake.
#[derive(Debug, Clone)]
pub struct Call {
    /// Method name as it appeared in the URL (e.g. `sendMessage`).
    pub method: String,
    /// Parameters as a JSON object. For multipart requests, text fields are
    /// JSON values where they parse as JSON, else strings; file parts appear as
    /// `{"file_name":..,"content_type":..,"size":..}` under their part name.
    pub params: Value,
    /// When the request arrived.
    pub at: Instant,
    /// Success or the error code answered.
    pub outcome: CallOutcome,
    /// The full JSON body the fake answered with.
    pub response: Value,
    /// `true` when an injected [`Fault`] answered it (not the fake playing Telegram).
    pub injected: bool,
}

impl Call {
    /// `true` if the fake answered `ok: true`.
    pub fn is_ok(&self) -> bool {
        self.outcome == CallOutcome::Ok
    }

    /// The `description` of an error answer.
    pub fn description(&self) -> Option<&str> {
        self.response.get("description").and_then(Value::as_str)
    }

    /// `true` for a 4xx answer the fake gave as Telegram would (a refusal the test did not
    /// inject): what a test must not get unless it expects it.
    pub fn is_refusal(&self) -> bool {
        matches!(self.outcome, CallOutcome::Error(400..=499)) && !self.injected
    }

    /// The `chat_id` parameter, if any (number or numeric string).
    pub fn chat_id(&self) -> Option<i64> {
        match self.params.get("chat_id")? {
            Value::Number(n) => n.as_i64(),
            Value::String(s) => s.trim().parse().ok(),
            _ => None,
        }
    }

    /// A parameter rendered as a string (strings as-is, other values as JSON).
    pub fn param_str(&self, key: &str) -> Option<String> {
        match self.params.get(key)? {
            Value::Null => None,
            Value::String(s) => Some(s.clone()),
            other => Some(other.to_string()),
        }
    }
}

/// A file the bot sent (uploaded in the request or referenced by `file_id`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upload {
    /// File name given in the multipart part (or known for the `file_id`).
    pub file_name: Option<String>,
    /// The bytes (empty when the bot referenced a `file_id` or URL the fake
    /// has no bytes for).
    pub bytes: Vec<u8>,
    /// `Content-Type` of the multipart part, if any (teloxide sends none).
    pub content_type: Option<String>,
    /// The `file_id` the fake assigned (or the one the bot referenced).
    pub file_id: String,
}

/// A message the bot sent, as the fake currently stores it.
#[derive(Debug, Clone)]
pub struct BotMessage {
    pub message_id: i64,
    pub chat_id: i64,
    /// `text`, `document`, `photo`, `voice`, `audio`, `video_note`, `sticker`,
    /// or the kind of the copied/forwarded message.
    pub kind: String,
    /// Text as Telegram shows it (HTML tags removed, entities decoded,
    /// surrounding whitespace trimmed), current after edits.
    pub text: Option<String>,
    /// The text or caption exactly as the bot last sent it (with markup).
    pub source_text: Option<String>,
    /// Caption as Telegram shows it, current after edits.
    pub caption: Option<String>,
    /// `parse_mode` of the last send/edit.
    pub parse_mode: Option<String>,
    /// The `reply_markup` as the bot last sent it (inline keyboard, force
    /// reply, reply keyboard…), `None` once an edit removed it.
    pub reply_markup: Option<Value>,
    pub reply_to_message_id: Option<i64>,
    pub message_thread_id: Option<i64>,
    pub document: Option<Upload>,
    pub photo: Option<Upload>,
    /// The file of a voice/audio/video_note/sticker message.
    pub media: Option<Upload>,
    /// Successful edits (text, caption or markup).
    pub edits: u32,
    /// `true` once the bot deleted it (it stays in the list).
    pub deleted: bool,
    /// The full Message JSON as the fake would return it now.
    pub raw: Value,
}

impl BotMessage {
    /// All inline keyboard buttons, row by row: `(text, callback_data, url)`.
    pub fn buttons(&self) -> Vec<(String, Option<String>, Option<String>)> {
        let Some(rows) = self
            .reply_markup
            .as_ref()
            .and_then(|m| m.get("inline_keyboard"))
            .and_then(Value::as_array)
        else {
            return Vec::new();
        };
        rows.iter()
            .filter_map(Value::as_array)
            .flatten()
            .map(|b| {
                let s = |k: &str| b.get(k).and_then(Value::as_str).map(str::to_owned);
                (s("text").unwrap_or_default(), s("callback_data"), s("url"))
            })
            .collect()
    }

    /// `callback_data` of the first button whose text contains `label_contains`.
    pub fn button_data(&self, label_contains: &str) -> Option<String> {
        self.buttons()
            .into_iter()
            .find(|(text, data, _)| text.contains(label_contains) && data.is_some())
            .and_then(|(_, data, _)| data)
    }

    /// `true` if the message currently carries a `force_reply` markup.
    pub fn is_force_reply(&self) -> bool {
        self.reply_markup
            .as_ref()
            .and_then(|m| m.get("force_reply"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// An `answerCallbackQuery` the bot made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallbackAnswer {
    pub callback_query_id: String,
    pub text: Option<String>,
    pub show_alert: bool,
    pub url: Option<String>,
}

/// A failure to answer with instead of the normal result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// HTTP 429, `"Too Many Requests: retry after N"`, `parameters.retry_after`.
    TooManyRequests { retry_after: u32 },
    /// HTTP 403 with this description, e.g. `"Forbidden: bot was blocked by the user"`.
    Forbidden(String),
    /// HTTP 400 with this description, e.g. `"Bad Request: chat not found"`.
    BadRequest(String),
    /// This HTTP status (500, 502…) with description `"Internal Server Error"`.
    ServerError(u16),
    /// Wait this long, then answer normally.
    Slow(Duration),
}

/// Which calls a [`Fault`] applies to, and how many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Method name (case-insensitive); `None` = any method.
    pub method: Option<String>,
    /// The call's `chat_id` parameter; `None` = any (or no) chat.
    pub chat_id: Option<i64>,
    /// How many matching calls get the fault.
    pub times: u32,
}

impl Scope {
    /// The next `times` calls of `method`.
    pub fn method(method: &str, times: u32) -> Scope {
        Scope {
            method: Some(method.to_owned()),
            chat_id: None,
            times,
        }
    }

    /// The next `times` calls with `chat_id` = `chat`, whatever the method.
    pub fn chat(chat: i64, times: u32) -> Scope {
        Scope {
            method: None,
            chat_id: Some(chat),
            times,
        }
    }

    /// The next `times` calls of `method` with `chat_id` = `chat`.
    pub fn method_and_chat(method: &str, chat: i64, times: u32) -> Scope {
        Scope {
            method: Some(method.to_owned()),
            chat_id: Some(chat),
            times,
        }
    }

    /// The next `times` calls, whatever they are (getUpdates included).
    pub fn any(times: u32) -> Scope {
        Scope {
            method: None,
            chat_id: None,
            times,
        }
    }

    pub(crate) fn matches(&self, method: &str, chat_id: Option<i64>) -> bool {
        self.times > 0
            && self
                .method
                .as_deref()
                .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.chat_id.is_none_or(|c| chat_id == Some(c))
    }
}

/// Flood-control limits for "send" methods, enforced with
/// [`enforce_rate_limits`](super::FakeTelegram::enforce_rate_limits).
///
/// [`Default`] gives Telegram's documented limits: 30 sends per second
/// overall, one per second to a private chat, 20 per minute to a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RateLimits {
    /// At most this many accepted sends in any sliding 1-second window.
    pub global_per_second: u32,
    /// Minimum time between two accepted sends to one private chat (id > 0).
    pub private_chat_interval: Duration,
    /// At most this many accepted sends to one group (id < 0) in any sliding
    /// 60-second window.
    pub group_chats_per_minute: u32,
}

impl Default for RateLimits {
    fn default() -> RateLimits {
        RateLimits {
            global_per_second: 30,
            private_chat_interval: Duration::from_secs(1),
            group_chats_per_minute: 20,
        }
    }
}
