//! The fake's world: people, chats, every message, the update queue, files,
//! recorded calls, fault rules and rate limits. Guarded by one `std::sync::Mutex` that is
//! never held across an `.await`.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Instant;

use serde_json::{Map, Value, json};
use tokio::sync::watch;

pub(crate) use super::files::{FilePart, FileRec};
use super::model::{BotMessage, Call, CallbackAnswer, Fault, Scope, Upload};
use super::rate::RateLimiter;
use super::shapes::{UserRec, bot_user_json, now_unix, supergroup_chat_json};

/// First name of the fake bot user.
pub(crate) const BOT_FIRST_NAME: &str = "coloop";
/// Ids of people the fake creates start above this.
const FIRST_USER_ID: i64 = 100_000_000;
/// Supergroup ids are `-(GROUP_BASE + n)`, i.e. `-100` followed by ten digits.
const GROUP_BASE: i64 = 1_001_000_000_000;
const FIRST_UPDATE_ID: i64 = 500_000_000;

/// State plus the channels that announce its changes.
pub(crate) struct Shared {
    pub state: Mutex<State>,
    /// Bumped after every change; waiters (`wait_*`, long polls) watch it.
    pub changed: watch::Sender<u64>,
    /// Set to `true` when the last `FakeTelegram` handle is dropped.
    pub shutdown: watch::Sender<bool>,
    pub token: String,
}

impl Shared {
    pub(crate) fn new(token: &str, bot_id: i64, bot_username: &str) -> Shared {
        Shared {
            state: Mutex::new(State::new(bot_id, bot_username)),
            changed: watch::channel(0).0,
            shutdown: watch::channel(false).0,
            token: token.to_owned(),
        }
    }

    /// Locks the state (a panic elsewhere never poisons it for good).
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Wakes everyone waiting for a change.
    pub(crate) fn notify(&self) {
        self.changed.send_modify(|v| *v = v.wrapping_add(1));
    }

    /// Runs `f` on the locked state, then notifies.
    pub(crate) fn mutate<R>(&self, f: impl FnOnce(&mut State) -> R) -> R {
        let r = {
            let mut s = self.lock();
            f(&mut s)
        };
        self.notify();
        r
    }

    pub(crate) fn is_shut_down(&self) -> bool {
        *self.shutdown.borrow()
    }
}

#[derive(Debug, Clone)]
pub(crate) enum ChatKind {
    Private {
        user: i64,
    },
    Supergroup {
        title: String,
        forum: bool,
        /// Forum topics: thread id (the id of the message that created the topic) → name.
        topics: BTreeMap<i64, String>,
    },
}

/// What the fake remembers about a message the bot sent.
#[derive(Debug, Clone, Default)]
pub(crate) struct BotMeta {
    pub kind: String,
    pub source_text: Option<String>,
    pub parse_mode: Option<String>,
    pub reply_markup: Option<Value>,
    pub document: Option<Upload>,
    pub photo: Option<Upload>,
    pub media: Option<Upload>,
    pub edits: u32,
}

#[derive(Debug, Clone)]
pub(crate) struct StoredMessage {
    pub json: Value,
    pub deleted: bool,
    /// `Some` for the bot's own messages.
    pub bot: Option<BotMeta>,
}

#[derive(Debug, Clone)]
pub(crate) struct ChatRec {
    pub kind: ChatKind,
    pub json: Value,
    next_message_id: i64,
    pub messages: BTreeMap<i64, StoredMessage>,
}

#[derive(Debug, Clone)]
struct PendingUpdate {
    id: i64,
    json: Value,
    /// Redelivered: survives one `offset` past it until delivered again.
    sticky: bool,
}

pub(crate) struct State {
    pub bot_id: i64,
    pub bot_username: String,
    pub users: HashMap<i64, UserRec>,
    pub chats: HashMap<i64, ChatRec>,
    next_user: i64,
    next_group: i64,
    pending: Vec<PendingUpdate>,
    history: HashMap<i64, Value>,
    next_update_id: i64,
    pub allowed_updates: Option<Vec<String>>,
    pub poll_generation: u64,
    /// Bot messages in the order they were sent: (chat, message id).
    bot_order: Vec<(i64, i64)>,
    pub calls: Vec<Call>,
    /// Keep only this many of the latest calls (`None`: all, as tests want).
    pub calls_kept: Option<usize>,
    pub callback_queries: HashMap<String, bool>,
    next_callback: u64,
    pub callback_answers: Vec<CallbackAnswer>,
    pub faults: Vec<(Fault, Scope)>,
    /// Flood control, once `enforce_rate_limits` was called.
    pub rate_limiter: Option<RateLimiter>,
    /// Sends the rate limiter refused with 429.
    pub rate_limited: usize,
    pub webhook: Option<(String, Option<String>)>,
    pub commands: Value,
    pub files: HashMap<String, FileRec>,
    pub(super) next_file: u64,
}

impl State {
    fn new(bot_id: i64, bot_username: &str) -> State {
        State {
            bot_id,
            bot_username: bot_username.to_owned(),
            users: HashMap::new(),
            chats: HashMap::new(),
            next_user: FIRST_USER_ID,
            next_group: 0,
            pending: Vec::new(),
            history: HashMap::new(),
            next_update_id: FIRST_UPDATE_ID,
            allowed_updates: None,
            poll_generation: 0,
            bot_order: Vec::new(),
            calls: Vec::new(),
            calls_kept: None,
            callback_queries: HashMap::new(),
            next_callback: 0,
            callback_answers: Vec::new(),
            faults: Vec::new(),
            rate_limiter: None,
            rate_limited: 0,
            webhook: None,
            commands: json!([]),
            files: HashMap::new(),
            next_file: 0,
        }
    }

    pub(crate) fn bot_json(&self) -> Value {
        bot_user_json(self.bot_id, BOT_FIRST_NAME, &self.bot_username)
    }

    // ---- people and chats ----

    pub(crate) fn add_user(
        &mut self,
        first_name: &str,
        last_name: Option<&str>,
        language_code: Option<&str>,
    ) -> i64 {
        self.next_user += 1;
        let user = UserRec {
            id: self.next_user,
            first_name: first_name.to_owned(),
            last_name: last_name.map(str::to_owned),
            username: None,
            language_code: language_code.map(str::to_owned),
            started: false,
            blocked: false,
        };
        let chat = ChatRec {
            kind: ChatKind::Private { user: user.id },
            json: user.private_chat_json(),
            next_message_id: 1,
            messages: BTreeMap::new(),
        };
        self.chats.insert(user.id, chat);
        self.users.insert(user.id, user);
        self.next_user
    }

    pub(crate) fn set_username(&mut self, user: i64, username: Option<&str>) -> Result<(), String> {
        let u = self
            .users
            .get_mut(&user)
            .ok_or_else(|| format!("unknown user {user}"))?;
        u.username = username.map(str::to_owned);
        let chat_json = u.private_chat_json();
        if let Some(c) = self.chats.get_mut(&user) {
            c.json = chat_json;
        }
        Ok(())
    }

    pub(crate) fn add_group(&mut self, title: &str, forum: bool) -> i64 {
        self.next_group += 1;
        let id = -(GROUP_BASE + self.next_group);
        let chat = ChatRec {
            kind: ChatKind::Supergroup {
                title: title.to_owned(),
                forum,
                topics: BTreeMap::new(),
            },
            json: supergroup_chat_json(id, title, forum),
            next_message_id: 1,
            messages: BTreeMap::new(),
        };
        self.chats.insert(id, chat);
        id
    }

    pub(crate) fn is_forum(&self, chat: i64) -> bool {
        matches!(
            self.chats.get(&chat).map(|c| &c.kind),
            Some(ChatKind::Supergroup { forum: true, .. })
        )
    }

    /// Creates a forum topic: `from` posts its `forum_topic_created` service message, whose id
    /// is the topic's `message_thread_id`.
    pub(crate) fn add_topic(&mut self, chat: i64, from: i64, name: &str) -> Result<i64, String> {
        if !self.is_forum(chat) {
            return Err(format!("chat {chat} is not a forum"));
        }
        let user = self
            .users
            .get(&from)
            .ok_or_else(|| format!("unknown user {from}"))?
            .json();
        let mut content = Map::new();
        content.insert(
            "forum_topic_created".into(),
            json!({ "name": name, "icon_color": 7_322_096 }),
        );
        let (id, _) = self
            .store_message(chat, user, content, None)
            .ok_or_else(|| format!("unknown chat {chat}"))?;
        if let Some(ChatRec {
            kind: ChatKind::Supergroup { topics, .. },
            ..
        }) = self.chats.get_mut(&chat)
        {
            topics.insert(id, name.to_owned());
        }
        Ok(id)
    }

    /// Whether `thread` is a topic of the forum `chat`.
    pub(crate) fn has_topic(&self, chat: i64, thread: i64) -> bool {
        matches!(
            self.chats.get(&chat).map(|c| &c.kind),
            Some(ChatKind::Supergroup { topics, .. }) if topics.contains_key(&thread)
        )
    }

    /// The person of a private chat.
    pub(crate) fn private_user(&self, chat: i64) -> Option<&UserRec> {
        match self.chats.get(&chat).map(|c| &c.kind) {
            Some(ChatKind::Private { user }) => self.users.get(user),
            _ => None,
        }
    }

    /// Marks that `user` has a private chat with the bot (no update: it happened before).
    pub(crate) fn mark_started(&mut self, user: i64) -> Result<(), String> {
        let u = self
            .users
            .get_mut(&user)
            .ok_or_else(|| format!("unknown user {user}"))?;
        u.started = true;
        Ok(())
    }

    /// `user` blocks (`true`) or unblocks the bot: Telegram tells the bot with a
    /// `my_chat_member` update.
    pub(crate) fn set_blocked(&mut self, user: i64, blocked: bool) -> Result<i64, String> {
        let u = self
            .users
            .get_mut(&user)
            .ok_or_else(|| format!("unknown user {user}"))?;
        u.blocked = blocked;
        if !blocked {
            u.started = true;
        }
        let (from, chat) = (u.json(), u.private_chat_json());
        let bot = self.bot_json();
        let member = json!({ "status": "member", "user": bot });
        let kicked = json!({ "status": "kicked", "until_date": 0, "user": bot });
        let (old, new) = if blocked {
            (member, kicked)
        } else {
            (kicked, member)
        };
        Ok(self.queue_update(
            "my_chat_member",
            json!({
                "chat": chat,
                "from": from,
                "date": now_unix(),
                "old_chat_member": old,
                "new_chat_member": new,
            }),
        ))
    }

    pub(crate) fn chat_title(&self, chat: i64) -> Option<String> {
        match &self.chats.get(&chat)?.kind {
            ChatKind::Supergroup { title, .. } => Some(title.clone()),
            ChatKind::Private { user } => self.users.get(user).map(|u| u.first_name.clone()),
        }
    }

    // ---- messages ----

    /// Allocates the next message id of `chat` and stores the message built
    /// from `content` (text, media, reply…). Returns its id and JSON.
    pub(crate) fn store_message(
        &mut self,
        chat: i64,
        from: Value,
        content: Map<String, Value>,
        bot: Option<BotMeta>,
    ) -> Option<(i64, Value)> {
        let rec = self.chats.get_mut(&chat)?;
        let id = rec.next_message_id;
        rec.next_message_id += 1;
        let mut m = Map::new();
        m.insert("message_id".into(), json!(id));
        m.insert("from".into(), from);
        m.insert("chat".into(), rec.json.clone());
        m.insert("date".into(), json!(now_unix()));
        m.extend(content);
        let json = Value::Object(m);
        let is_bot = bot.is_some();
        rec.messages.insert(
            id,
            StoredMessage {
                json: json.clone(),
                deleted: false,
                bot,
            },
        );
        if is_bot {
            self.bot_order.push((chat, id));
        }
        Some((id, json))
    }

    pub(crate) fn message(&self, chat: i64, id: i64) -> Option<&StoredMessage> {
        self.chats.get(&chat)?.messages.get(&id)
    }

    pub(crate) fn message_mut(&mut self, chat: i64, id: i64) -> Option<&mut StoredMessage> {
        self.chats.get_mut(&chat)?.messages.get_mut(&id)
    }

    /// The message as it appears inside `reply_to_message` (no nested reply).
    pub(crate) fn embedded_message(&self, chat: i64, id: i64) -> Option<Value> {
        let mut json = self.message(chat, id)?.json.clone();
        if let Some(o) = json.as_object_mut() {
            o.remove("reply_to_message");
        }
        Some(json)
    }

    pub(crate) fn bot_messages(&self, chat: Option<i64>) -> Vec<BotMessage> {
        self.bot_order
            .iter()
            .filter(|(c, _)| chat.is_none_or(|want| want == *c))
            .filter_map(|(c, id)| {
                let m = self.message(*c, *id)?;
                let meta = m.bot.as_ref()?;
                let s = |k: &str| m.json.get(k).and_then(Value::as_str).map(str::to_owned);
                Some(BotMessage {
                    message_id: *id,
                    chat_id: *c,
                    kind: meta.kind.clone(),
                    text: s("text"),
                    source_text: meta.source_text.clone(),
                    caption: s("caption"),
                    parse_mode: meta.parse_mode.clone(),
                    reply_markup: meta.reply_markup.clone(),
                    reply_to_message_id: m
                        .json
                        .get("reply_to_message")
                        .and_then(|r| r.get("message_id"))
                        .and_then(Value::as_i64),
                    message_thread_id: m.json.get("message_thread_id").and_then(Value::as_i64),
                    document: meta.document.clone(),
                    photo: meta.photo.clone(),
                    media: meta.media.clone(),
                    edits: meta.edits,
                    deleted: m.deleted,
                    raw: m.json.clone(),
                })
            })
            .collect()
    }

    pub(crate) fn bot_message_count(&self, chat: i64) -> usize {
        self.bot_order.iter().filter(|(c, _)| *c == chat).count()
    }

    // ---- updates ----

    /// Queues `{"update_id": N, key: payload}` and returns N.
    pub(crate) fn queue_update(&mut self, key: &str, payload: Value) -> i64 {
        let mut update = Map::new();
        update.insert(key.to_owned(), payload);
        self.queue_raw(Value::Object(update))
    }

    pub(crate) fn queue_raw(&mut self, mut update: Value) -> i64 {
        self.next_update_id += 1;
        let id = self.next_update_id;
        if let Some(o) = update.as_object_mut() {
            o.insert("update_id".into(), json!(id));
        }
        self.history.insert(id, update.clone());
        self.pending.push(PendingUpdate {
            id,
            json: update,
            sticky: false,
        });
        id
    }

    pub(crate) fn redeliver(&mut self, id: i64) -> bool {
        if let Some(p) = self.pending.iter_mut().find(|p| p.id == id) {
            p.sticky = true;
            return true;
        }
        let Some(json) = self.history.get(&id).cloned() else {
            return false;
        };
        let at = self.pending.partition_point(|p| p.id < id);
        self.pending.insert(
            at,
            PendingUpdate {
                id,
                json,
                sticky: true,
            },
        );
        true
    }

    /// The callback query id of a queued `callback_query` update.
    pub(crate) fn callback_query_of(&self, update_id: i64) -> Option<String> {
        self.history
            .get(&update_id)?
            .get("callback_query")?
            .get("id")?
            .as_str()
            .map(str::to_owned)
    }

    pub(crate) fn pending_count(&self) -> usize {
        self.pending.len()
    }

    /// Applies getUpdates' `offset`: confirms updates below it; a negative
    /// offset keeps only the last `-offset` updates.
    pub(crate) fn confirm(&mut self, offset: i64) {
        if offset < 0 {
            let keep = offset.unsigned_abs() as usize;
            let drop = self.pending.len().saturating_sub(keep);
            self.pending.drain(..drop);
        } else {
            self.pending.retain(|p| p.id >= offset || p.sticky);
        }
    }

    /// The next batch for getUpdates; drops updates of kinds not allowed.
    pub(crate) fn take_batch(&mut self, limit: usize) -> Vec<Value> {
        if let Some(allowed) = &self.allowed_updates
            && !allowed.is_empty()
        {
            self.pending.retain(|p| {
                p.json
                    .as_object()
                    .and_then(|o| o.keys().find(|k| *k != "update_id"))
                    .is_none_or(|k| allowed.iter().any(|a| a == k))
            });
        }
        self.pending
            .iter_mut()
            .take(limit)
            .map(|p| {
                p.sticky = false;
                p.json.clone()
            })
            .collect()
    }

    /// Records a call the bot made, forgetting the oldest beyond [`State::calls_kept`].
    pub(crate) fn record_call(&mut self, call: Call) {
        self.calls.push(call);
        if let Some(kept) = self.calls_kept
            && self.calls.len() > kept
        {
            let over = self.calls.len() - kept;
            self.calls.drain(..over);
        }
    }

    // ---- callbacks ----

    pub(crate) fn new_callback_id(&mut self) -> String {
        self.next_callback += 1;
        let id = format!("{}", 4_000_000_000_000_000_000u64 + self.next_callback);
        self.callback_queries.insert(id.clone(), false);
        id
    }

    // ---- faults ----

    pub(crate) fn take_fault(&mut self, method: &str, chat: Option<i64>) -> Option<Fault> {
        let (fault, scope) = self
            .faults
            .iter_mut()
            .find(|(_, s)| s.matches(method, chat))?;
        scope.times -= 1;
        let fault = fault.clone();
        self.faults.retain(|(_, s)| s.times > 0);
        Some(fault)
    }

    // ---- rate limits ----

    /// Passes a send to `chat` that arrived at `at` through the rate
    /// limiter, if any: `Err(retry_after)` (and counted) if refused.
    pub(crate) fn rate_check(&mut self, chat: Option<i64>, at: Instant) -> Result<(), u32> {
        let Some(limiter) = self.rate_limiter.as_mut() else {
            return Ok(());
        };
        limiter
            .admit(chat, at)
            .inspect_err(|_| self.rate_limited += 1)
    }
}

/// Telegram's `chat_instance` for callback queries from `chat`.
pub(crate) fn chat_instance(chat: i64) -> String {
    format!(
        "{}",
        (chat as i128)
            .wrapping_mul(7_919)
            .wrapping_add(-3_458_764_513_820_540_928)
    )
}
