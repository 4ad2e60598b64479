//! Acting as Telegram's people: what they write, send and press becomes an update for the bot.
//!
//! Each action exists twice: `try_…` answers `Err(why)` when Telegram would not let the person
//! do it (an unknown person, chat or message; someone else's private chat), for the sandbox's
//! page to show; the plain one panics with that reason, which is what a test wants.

use serde_json::{Map, Value, json};

use super::model::{BotMessage, Sent};
use super::shapes::command_entities;
use super::state::{State, chat_instance};
use super::{FakeTelegram, media};

/// Bytes of a voice message the fake makes up: an Ogg page header and filler.
fn fake_voice_bytes(duration_secs: u32) -> Vec<u8> {
    let mut b = b"OggS\x00\x02".to_vec();
    b.resize(64 + 16 * duration_secs.min(600) as usize, 0x5a);
    b
}

/// Bytes of a photo the fake makes up: a JPEG start/end marker and filler.
fn fake_photo_bytes() -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0];
    b.resize(128, 0x11);
    b.extend_from_slice(&[0xff, 0xd9]);
    b
}

/// What a person sends: the content of their message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// A text (`bot_command` entities are added for `/commands`, as Telegram does).
    Text(String),
    /// A voice note (Ogg/Opus) with these bytes.
    Voice { bytes: Vec<u8>, duration_secs: u32 },
    /// A photo with these bytes, optionally with a caption.
    Photo {
        bytes: Vec<u8>,
        caption: Option<String>,
    },
}

impl Content {
    /// A voice note of made-up bytes (an Ogg page header and filler) that lasts this long.
    pub fn made_up_voice(duration_secs: u32) -> Content {
        Content::Voice {
            bytes: fake_voice_bytes(duration_secs),
            duration_secs,
        }
    }
}

impl FakeTelegram {
    /// `from` sends `content` in `chat`, as a reply to message `reply_to` of that chat when
    /// given (the full stored message is embedded; a reply to a message in a forum topic is in
    /// that topic). `Err` says why Telegram would not have it.
    pub fn try_send(
        &self,
        from: i64,
        chat: i64,
        reply_to: Option<i64>,
        content: Content,
    ) -> Result<Sent, String> {
        self.try_act(|s| {
            // Checked before a file is stored: a refused action leaves nothing behind.
            may_write(s, from, chat)?;
            let mut fields = Map::new();
            if let Some(id) = reply_to {
                reply_fields(s, chat, id, &mut fields)?;
            }
            fields.extend(match content {
                Content::Text(text) => text_content(&text),
                Content::Voice {
                    bytes,
                    duration_secs,
                } => voice_content(s, bytes, duration_secs),
                Content::Photo { bytes, caption } => photo_content(s, bytes, caption.as_deref()),
            });
            user_message(s, from, chat, fields)
        })
    }

    /// `from` presses an inline button carrying `data` under message `message_id` of `chat`:
    /// queues a `callback_query` update with a fresh id and the stored (current) message.
    /// `Sent::message_id` is that message. `Err` for an unknown person or message.
    pub fn try_press_button(
        &self,
        from: i64,
        chat: i64,
        message_id: i64,
        data: &str,
    ) -> Result<Sent, String> {
        self.try_act(|s| {
            let user = s
                .users
                .get(&from)
                .ok_or_else(|| format!("unknown user {from}"))?
                .json();
            let message = s
                .message(chat, message_id)
                .ok_or_else(|| format!("no message {message_id} in chat {chat}"))?
                .json
                .clone();
            let id = s.new_callback_id();
            let update_id = s.queue_update(
                "callback_query",
                json!({
                    "id": id,
                    "from": user,
                    "message": message,
                    "chat_instance": chat_instance(chat),
                    "data": data,
                }),
            );
            Ok(Sent {
                update_id,
                message_id,
            })
        })
    }

    fn user_message(&self, from: i64, chat: i64, content: Map<String, Value>) -> Sent {
        self.act(|s| user_message(s, from, chat, content))
    }

    /// `from` writes `text` in `chat` (`bot_command` entities are added for
    /// `/commands`, as Telegram does).
    pub fn send_text(&self, from: i64, chat: i64, text: &str) -> Sent {
        self.user_message(from, chat, text_content(text))
    }

    /// `from` writes `text` in forum topic `thread_id` of `chat` (made with
    /// [`add_topic`](Self::add_topic)). Like Telegram, the message replies to the topic's
    /// creation message.
    pub fn send_text_in_topic(&self, from: i64, chat: i64, thread_id: i64, text: &str) -> Sent {
        let content = text_content(text);
        self.act(|s| {
            if !s.has_topic(chat, thread_id) {
                return Err(format!("no topic {thread_id} in chat {chat}"));
            }
            let mut content = content;
            content.insert("message_thread_id".into(), json!(thread_id));
            content.insert("is_topic_message".into(), json!(true));
            let root = s
                .embedded_message(chat, thread_id)
                .ok_or_else(|| format!("no message {thread_id} in chat {chat}"))?;
            content.insert("reply_to_message".into(), root);
            user_message(s, from, chat, content)
        })
    }

    /// `from` replies with `text` to message `reply_to_message_id` of `chat`
    /// (the bot's or a user's); the full stored message is embedded. A reply to a
    /// message in a forum topic is in that topic.
    pub fn send_reply(&self, from: i64, chat: i64, text: &str, reply_to_message_id: i64) -> Sent {
        let content = Content::Text(text.to_owned());
        self.try_send(from, chat, Some(reply_to_message_id), content)
            .unwrap_or_else(|e| panic!("fake Telegram: {e}"))
    }

    /// `from` sends a voice message (Ogg/Opus, made-up bytes downloadable via
    /// getFile).
    pub fn send_voice(&self, from: i64, chat: i64, duration_secs: u32) -> Sent {
        self.send_voice_bytes(from, chat, duration_secs, fake_voice_bytes(duration_secs))
    }

    /// Like [`send_voice`](Self::send_voice) with the file's bytes given.
    pub fn send_voice_bytes(
        &self,
        from: i64,
        chat: i64,
        duration_secs: u32,
        bytes: Vec<u8>,
    ) -> Sent {
        let content = Content::Voice {
            bytes,
            duration_secs,
        };
        self.try_send(from, chat, None, content)
            .unwrap_or_else(|e| panic!("fake Telegram: {e}"))
    }

    /// A voice file the fake knows (its bytes downloadable through getFile), as the `voice`
    /// object of a message: for [`send_custom`](Self::send_custom) messages that carry a
    /// voice note and more (a reply, say).
    pub fn voice_json(&self, duration_secs: u32) -> Value {
        self.shared().mutate(|s| {
            let bytes = fake_voice_bytes(duration_secs);
            let file = s.add_file("voice", bytes, None, Some("audio/ogg".into()));
            media::media_json(s, "voice", &file, i64::from(duration_secs))
        })
    }

    /// `from` sends a photo (two sizes), optionally with a caption.
    pub fn send_photo(&self, from: i64, chat: i64, caption: Option<&str>) -> Sent {
        let content = Content::Photo {
            bytes: fake_photo_bytes(),
            caption: caption.map(str::to_owned),
        };
        self.try_send(from, chat, None, content)
            .unwrap_or_else(|e| panic!("fake Telegram: {e}"))
    }

    /// `from` sends a document with these bytes, optionally with a caption.
    pub fn send_document(
        &self,
        from: i64,
        chat: i64,
        file_name: &str,
        bytes: Vec<u8>,
        caption: Option<&str>,
    ) -> Sent {
        self.act(|s| {
            let file = s.add_file("document", bytes, Some(file_name.to_owned()), None);
            let mut content = Map::new();
            content.insert(
                "document".into(),
                media::media_json(s, "document", &file, 0),
            );
            if let Some(c) = caption {
                content.insert("caption".into(), json!(c));
            }
            user_message(s, from, chat, content)
        })
    }

    /// `from` sends a (regular, static) sticker.
    pub fn send_sticker(&self, from: i64, chat: i64) -> Sent {
        self.act(|s| {
            let file = s.add_file("sticker", b"RIFF\0\0\0\0WEBP".to_vec(), None, None);
            let mut content = Map::new();
            content.insert("sticker".into(), media::media_json(s, "sticker", &file, 0));
            user_message(s, from, chat, content)
        })
    }

    /// `from` sends a message whose content fields (e.g. `{"location": {...}}`
    /// or `{"text": .., "entities": [..]}`) are given; the fake adds
    /// `message_id`, `from`, `chat` and `date`.
    pub fn send_custom(&self, from: i64, chat: i64, content: Value) -> Sent {
        let content = match content {
            Value::Object(m) => m,
            other => panic!("fake Telegram: send_custom needs a JSON object, got {other}"),
        };
        self.user_message(from, chat, content)
    }

    /// `from` presses an inline button carrying `data` under message
    /// `message_id` of `chat`: queues a `callback_query` update with a fresh
    /// id and the stored (current) message. `Sent::message_id` is that message.
    pub fn press_button(&self, from: i64, chat: i64, message_id: i64, data: &str) -> Sent {
        self.try_press_button(from, chat, message_id, data)
            .unwrap_or_else(|e| panic!("fake Telegram: {e}"))
    }

    /// Presses the first button of `message` whose label contains
    /// `label_contains`; panics if there is none with callback data.
    pub fn click(&self, from: i64, message: &BotMessage, label_contains: &str) -> Sent {
        let data = message.button_data(label_contains).unwrap_or_else(|| {
            panic!(
                "fake Telegram: no button containing {label_contains:?} in message {} \
                 (buttons: {:?})",
                message.message_id,
                message.buttons()
            )
        });
        self.press_button(from, message.chat_id, message.message_id, &data)
    }

    /// Queues update `update_id` again, same JSON and id, as Telegram does
    /// when the bot did not confirm it. It is delivered by the next
    /// getUpdates even if that call's `offset` is past it, and confirmed by a
    /// later offset as usual.
    pub fn redeliver(&self, update_id: i64) {
        self.act(|s| {
            s.redeliver(update_id)
                .then_some(())
                .ok_or_else(|| format!("unknown update {update_id}"))
        })
    }

    /// Queues any update JSON (its `update_id` is set by the fake) and
    /// returns the assigned update id.
    pub fn push_raw_update(&self, update: Value) -> i64 {
        self.shared().mutate(|s| s.queue_raw(update))
    }
}

fn text_content(text: &str) -> Map<String, Value> {
    let mut content = Map::new();
    content.insert("text".into(), json!(text));
    let entities = command_entities(text);
    if !entities.is_empty() {
        content.insert("entities".into(), json!(entities));
    }
    content
}

fn voice_content(s: &mut State, bytes: Vec<u8>, duration_secs: u32) -> Map<String, Value> {
    let file = s.add_file("voice", bytes, None, Some("audio/ogg".into()));
    let voice = media::media_json(s, "voice", &file, i64::from(duration_secs));
    let mut content = Map::new();
    content.insert("voice".into(), voice);
    content
}

fn photo_content(s: &mut State, bytes: Vec<u8>, caption: Option<&str>) -> Map<String, Value> {
    let file = s.add_file("photo", bytes, None, Some("image/jpeg".into()));
    let mut content = Map::new();
    content.insert("photo".into(), media::media_json(s, "photo", &file, 0));
    if let Some(c) = caption {
        content.insert("caption".into(), json!(c));
    }
    content
}

/// Makes `content` a reply to message `id` of `chat`: the target embedded, and its forum topic
/// kept.
fn reply_fields(
    s: &State,
    chat: i64,
    id: i64,
    content: &mut Map<String, Value>,
) -> Result<(), String> {
    let target = s
        .embedded_message(chat, id)
        .ok_or_else(|| format!("no message {id} in chat {chat}"))?;
    if target.get("is_topic_message") == Some(&json!(true))
        && let Some(thread) = target.get("message_thread_id")
    {
        content.insert("message_thread_id".into(), thread.clone());
        content.insert("is_topic_message".into(), json!(true));
    }
    content.insert("reply_to_message".into(), target);
    Ok(())
}

/// Whether `from` may write in `chat`: a known person, in a known chat that is a group or
/// their own private chat.
fn may_write(s: &State, from: i64, chat: i64) -> Result<(), String> {
    if !s.users.contains_key(&from) {
        return Err(format!("unknown user {from}"));
    }
    if chat > 0 && chat != from {
        return Err(format!(
            "user {from} cannot write in the private chat of {chat}"
        ));
    }
    if !s.chats.contains_key(&chat) {
        return Err(format!("unknown chat {chat}"));
    }
    Ok(())
}

/// Stores a user's message and queues its update. Writing in their private chat starts it
/// (and unblocks the bot, as Telegram's Restart button does: a `my_chat_member` update first).
fn user_message(
    s: &mut State,
    from: i64,
    chat: i64,
    content: Map<String, Value>,
) -> Result<Sent, String> {
    may_write(s, from, chat)?;
    let user = &s.users[&from];
    let (json, blocked) = (user.json(), user.blocked);
    if chat == from {
        if blocked {
            s.set_blocked(from, false)?;
        }
        s.mark_started(from)?;
    }
    let (message_id, json) = s
        .store_message(chat, json, content, None)
        .ok_or_else(|| format!("unknown chat {chat}"))?;
    let update_id = s.queue_update("message", json);
    Ok(Sent {
        update_id,
        message_id,
    })
}
