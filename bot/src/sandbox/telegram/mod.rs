//! A fake Telegram Bot API server for end-to-end tests.
//!
//! [`FakeTelegram::start`] binds an HTTP server on `127.0.0.1:<random port>`
//! that speaks the Bot API the way teloxide uses it: `POST
//! {api_url}/bot<token>/<method>` with JSON or `multipart/form-data`
//! parameters, answered with Telegram's `{"ok":true,"result":...}` /
//! `{"ok":false,"error_code":..,"description":..}` envelopes and the exact
//! JSON shapes of users, chats, messages and updates. Point the real bot at
//! it with `Bot::new(token).set_api_url(fake.api_url().parse()?)`.
//!
//! A test plays Telegram and its users: it creates people and groups
//! ([`add_user`](FakeTelegram::add_user), [`add_group`](FakeTelegram::add_group)),
//! queues updates as they write or press buttons
//! ([`send_text`](FakeTelegram::send_text), [`press_button`](FakeTelegram::press_button)…),
//! which the bot receives through `getUpdates` long polling, and then reads
//! what the bot did ([`messages_in`](FakeTelegram::messages_in),
//! [`calls`](FakeTelegram::calls), [`callback_answers`](FakeTelegram::callback_answers)),
//! waiting without busy loops ([`wait_for_messages`](FakeTelegram::wait_for_messages)).
//! Failures are injected with [`inject`](FakeTelegram::inject), and
//! Telegram's flood control is imitated with
//! [`enforce_rate_limits`](FakeTelegram::enforce_rate_limits).
//!
//! Like Telegram it validates what the bot sends: unknown chats, empty or
//! too long texts, HTML that Telegram would refuse (see `html.rs`; a bare `&`
//! is refused too, to catch unescaped user text), bad inline keyboards
//! (`callback_data` over 64 bytes), edits that change nothing ("message is not
//! modified"), replies to missing messages, a second answer to one callback
//! query, captions over 1,024 characters, a `message_thread_id` that is not a
//! topic of the forum. Like Telegram it refuses to write to a person who never
//! started the bot ("bot can't initiate conversation with a user") or who
//! blocked it ([`block_bot`](FakeTelegram::block_bot)), and puts a message in a
//! forum topic as a reply to the topic's creation message. Every call records
//! whether an injected fault answered it, so a test can tell Telegram's
//! refusals ([`refusals`](FakeTelegram::refusals)) from the ones it asked for.
//!
//! Every server is independent (no globals), so tests run in parallel; the
//! server task ends when the last clone of its [`FakeTelegram`] is dropped.

mod actions;
mod edits;
mod files;
mod html;
mod media;
mod methods;
mod model;
mod rate;
mod routes;
mod shapes;
mod state;
mod view;

#[cfg(test)]
mod tests;

use std::fmt;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;

pub use actions::Content;
pub use model::{
    BotMessage, Call, CallOutcome, CallbackAnswer, Fault, RateLimits, Scope, Sent, Upload,
};
pub use view::{GroupChat, Person};

use rate::RateLimiter;
use state::{Shared, State};

/// User id of the fake bot itself.
pub const BOT_ID: i64 = 7_000_000_001;

/// A running fake Telegram server. Cheap to clone; all clones share one server.
#[derive(Clone)]
pub struct FakeTelegram {
    inner: Arc<Handle>,
}

struct Handle {
    shared: Arc<Shared>,
    addr: SocketAddr,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shared.shutdown.send_replace(true);
    }
}

impl fmt::Debug for FakeTelegram {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeTelegram")
            .field("addr", &self.inner.addr)
            .finish_non_exhaustive()
    }
}

impl FakeTelegram {
    /// Starts a server on `127.0.0.1:0` for the bot with this token and
    /// username (bot user id [`BOT_ID`], first name "coloop").
    ///
    /// Panics if it cannot bind a port. Must run inside a tokio runtime.
    pub async fn start(token: &str, bot_username: &str) -> FakeTelegram {
        let shared = Arc::new(Shared::new(token, BOT_ID, bot_username));
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
            .await
            .expect("fake Telegram: bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("fake Telegram: local_addr");
        let app = routes::router(shared.clone());
        let mut stop = shared.shutdown.subscribe();
        tokio::spawn(async move {
            let signal = async move {
                let _ = stop.wait_for(|v| *v).await;
            };
            if let Err(e) = axum::serve(listener, app)
                .with_graceful_shutdown(signal)
                .await
            {
                tracing::warn!("fake Telegram server stopped: {e}");
            }
        });
        FakeTelegram {
            inner: Arc::new(Handle { shared, addr }),
        }
    }

    fn shared(&self) -> &Shared {
        &self.inner.shared
    }

    fn read<R>(&self, f: impl FnOnce(&State) -> R) -> R {
        f(&self.shared().lock())
    }

    /// Runs `f` on the state and notifies waiters.
    fn try_act<R>(&self, f: impl FnOnce(&mut State) -> Result<R, String>) -> Result<R, String> {
        self.shared().mutate(f)
    }

    /// [`try_act`](Self::try_act), panicking (outside the lock) with the message `f` returns
    /// as error.
    fn act<R>(&self, f: impl FnOnce(&mut State) -> Result<R, String>) -> R {
        self.try_act(f)
            .unwrap_or_else(|e| panic!("fake Telegram: {e}"))
    }

    /// Base URL for `Bot::set_api_url`, e.g. `http://127.0.0.1:40123/`.
    pub fn api_url(&self) -> String {
        format!("http://{}/", self.inner.addr)
    }

    /// The server's socket address.
    pub fn addr(&self) -> SocketAddr {
        self.inner.addr
    }

    /// The token the server accepts.
    pub fn token(&self) -> String {
        self.shared().token.clone()
    }

    pub fn bot_id(&self) -> i64 {
        BOT_ID
    }

    pub fn bot_username(&self) -> String {
        self.read(|s| s.bot_username.clone())
    }

    // ---- people and chats ----

    /// Adds a person; the returned user id is also their private chat's id.
    /// Ids are positive, start at 100000001 and grow by one per server.
    pub fn add_user(
        &self,
        first_name: &str,
        last_name: Option<&str>,
        language_code: Option<&str>,
    ) -> i64 {
        self.shared()
            .mutate(|s| s.add_user(first_name, last_name, language_code))
    }

    /// Sets (or clears) a person's @username, shown in later messages.
    pub fn set_username(&self, user: i64, username: Option<&str>) {
        self.act(|s| s.set_username(user, username));
    }

    /// Adds a supergroup; ids are `-1001000000001`, `-1001000000002`, …
    pub fn add_group(&self, title: &str, forum: bool) -> i64 {
        self.shared().mutate(|s| s.add_group(title, forum))
    }

    /// Creates a topic in the forum `chat` (made with `add_group(.., true)`), as `from` would;
    /// returns its `message_thread_id`. Telegram refuses sends to a thread that is not a topic.
    pub fn add_topic(&self, chat: i64, from: i64, name: &str) -> i64 {
        self.act(|s| s.add_topic(chat, from, name))
    }

    /// `user` started the bot before the test (no update is queued). Until a person starts
    /// the bot — or writes to it, which starts it too — Telegram refuses to let the bot
    /// write to them ("bot can't initiate conversation with a user").
    pub fn user_started_bot(&self, user: i64) {
        self.act(|s| s.mark_started(user));
    }

    /// `user` blocks the bot: the bot gets a `my_chat_member` update (`kicked`), and its
    /// messages to them are refused ("bot was blocked by the user") until they unblock it.
    /// Returns the update's id.
    pub fn block_bot(&self, user: i64) -> i64 {
        self.act(|s| s.set_blocked(user, true))
    }

    /// `user` unblocks the bot (a `my_chat_member` update, `member`). Writing to the bot
    /// unblocks it too. Returns the update's id.
    pub fn unblock_bot(&self, user: i64) -> i64 {
        self.act(|s| s.set_blocked(user, false))
    }

    /// Title of a group, or first name of a private chat's person.
    pub fn chat_title(&self, chat: i64) -> Option<String> {
        self.read(|s| s.chat_title(chat))
    }

    // ---- what the bot did ----

    /// Every call so far, in the order they completed.
    pub fn calls(&self) -> Vec<Call> {
        self.read(|s| s.calls.clone())
    }

    /// Calls of `method` (case-insensitive), in order.
    pub fn calls_to(&self, method: &str) -> Vec<Call> {
        self.read(|s| {
            s.calls
                .iter()
                .filter(|c| c.method.eq_ignore_ascii_case(method))
                .cloned()
                .collect()
        })
    }

    /// How many calls of `method` (case-insensitive) were answered so far: like
    /// `calls_to(method).len()`, without copying the calls (for polling while the bot works).
    pub fn call_count(&self, method: &str) -> usize {
        self.read(|s| {
            s.calls
                .iter()
                .filter(|c| c.method.eq_ignore_ascii_case(method))
                .count()
        })
    }

    /// Messages the bot successfully sent to `chat` (sendMessage, sendDocument,
    /// sendPhoto, other media, copies and forwards), in order, as they are now
    /// (after edits; deleted ones stay, flagged `deleted`).
    pub fn messages_in(&self, chat: i64) -> Vec<BotMessage> {
        self.read(|s| s.bot_messages(Some(chat)))
    }

    /// All messages the bot sent, in every chat, in order.
    pub fn all_bot_messages(&self) -> Vec<BotMessage> {
        self.read(|s| s.bot_messages(None))
    }

    /// The newest bot message in `chat`.
    pub fn last_message_in(&self, chat: i64) -> Option<BotMessage> {
        self.messages_in(chat).pop()
    }

    /// The stored JSON of any message (user's or bot's) as Telegram would
    /// show it now.
    pub fn message_json(&self, chat: i64, message_id: i64) -> Option<Value> {
        self.read(|s| s.message(chat, message_id).map(|m| m.json.clone()))
    }

    /// Bytes of a file the fake knows (uploaded by the bot or made up for a
    /// user's voice/photo/document).
    pub fn file_bytes(&self, file_id: &str) -> Option<Vec<u8>> {
        self.read(|s| s.files.get(file_id).map(|f| f.bytes.clone()))
    }

    /// The `id` of the callback query queued as update `update_id` (by
    /// [`press_button`](Self::press_button)).
    pub fn callback_query_id(&self, update_id: i64) -> Option<String> {
        self.read(|s| s.callback_query_of(update_id))
    }

    /// `answerCallbackQuery` calls that succeeded, in order.
    pub fn callback_answers(&self) -> Vec<CallbackAnswer> {
        self.read(|s| s.callback_answers.clone())
    }

    /// Updates queued and not yet confirmed by a getUpdates `offset`.
    pub fn pending_updates(&self) -> usize {
        self.read(State::pending_count)
    }

    /// The command list of the last setMyCommands (`[]` before).
    pub fn commands(&self) -> Value {
        self.read(|s| s.commands.clone())
    }

    /// `(url, secret_token)` of the webhook set with setWebhook, if any.
    pub fn webhook(&self) -> Option<(String, Option<String>)> {
        self.read(|s| s.webhook.clone())
    }

    // ---- waiting ----

    /// Waits until `cond` holds (checked now and after every change of the
    /// fake's state). Returns whether it held before `timeout`.
    pub async fn wait_until(
        &self,
        timeout: Duration,
        mut cond: impl FnMut(&FakeTelegram) -> bool,
    ) -> bool {
        let mut changed = self.shared().changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            changed.borrow_and_update();
            if cond(self) {
                return true;
            }
            match tokio::time::timeout_at(deadline, changed.changed()).await {
                Ok(Ok(())) => {}
                _ => return cond(self),
            }
        }
    }

    /// Resolves when the bot has sent at least `count` messages to `chat`:
    /// `Ok(all of them)`, or `Err(what there is)` after `timeout`.
    pub async fn wait_for_messages(
        &self,
        chat: i64,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<BotMessage>, Vec<BotMessage>> {
        let done = self
            .wait_until(timeout, |f| f.read(|s| s.bot_message_count(chat)) >= count)
            .await;
        let messages = self.messages_in(chat);
        if done { Ok(messages) } else { Err(messages) }
    }

    /// Resolves when at least `count` calls of `method` succeeded (a refused call is not
    /// what a test waits for): `Ok(the successful calls)`, or `Err(every call of the
    /// method, refused ones included)` after `timeout`.
    pub async fn wait_for_call(
        &self,
        method: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Call>, Vec<Call>> {
        let ok = |f: &FakeTelegram| {
            f.calls_to(method)
                .into_iter()
                .filter(Call::is_ok)
                .collect::<Vec<_>>()
        };
        let done = self.wait_until(timeout, |f| ok(f).len() >= count).await;
        if done {
            Ok(ok(self))
        } else {
            Err(self.calls_to(method))
        }
    }

    /// Resolves when at least `count` calls of `method` were answered, whatever the answer
    /// (for tests that wait for a refusal).
    pub async fn wait_for_attempts(
        &self,
        method: &str,
        count: usize,
        timeout: Duration,
    ) -> Result<Vec<Call>, Vec<Call>> {
        let done = self
            .wait_until(timeout, |f| f.call_count(method) >= count)
            .await;
        let calls = self.calls_to(method);
        if done { Ok(calls) } else { Err(calls) }
    }

    /// Calls answered with a 4xx that no injected fault caused: what Telegram would have
    /// refused. The harness fails a test that leaves any it did not expect.
    pub fn refusals(&self) -> Vec<Call> {
        self.read(|s| s.calls.iter().filter(|c| c.is_refusal()).cloned().collect())
    }

    /// Resolves when no update is pending, i.e. the bot fetched every queued
    /// update and confirmed it with its next getUpdates (teloxide confirms
    /// when it polls again, before it has necessarily handled them).
    pub async fn wait_for_no_pending(&self, timeout: Duration) -> bool {
        self.wait_until(timeout, |f| f.pending_updates() == 0).await
    }

    // ---- faults ----

    /// Adds a fault rule. Before answering a call, the first rule whose scope
    /// matches (method if set, `chat_id` if set) and has `times` left is
    /// applied and its count decremented. Failed calls are recorded and
    /// create no messages.
    pub fn inject(&self, fault: Fault, scope: Scope) {
        self.shared().mutate(|s| s.faults.push((fault, scope)));
    }

    /// How many fault rules are not used up yet (a `Slow` one is used up when the call it
    /// holds arrives).
    pub fn faults_left(&self) -> usize {
        self.read(|s| s.faults.len())
    }

    /// Removes all fault rules not used up yet.
    pub fn clear_faults(&self) {
        self.shared().mutate(|s| s.faults.clear());
    }

    // ---- flood control ----

    /// From now on, "send" methods (sendMessage, sendPhoto, sendDocument,
    /// sendVoice, sendAudio, sendVideoNote, sendSticker, copyMessage,
    /// forwardMessage) and edits (editMessageText, editMessageCaption,
    /// editMessageReplyMarkup) that would exceed a limit are answered 429 with
    /// `retry_after` (seconds, at least 1: the time until the call would have
    /// been allowed, rounded up).
    ///
    /// Limits are measured on the arrival [`Call::at`] of each accepted send
    /// (one that passed the limiter, whatever the method then answered):
    /// at most `global_per_second` in any sliding second, sends to one
    /// private chat (id > 0) at least `private_chat_interval` apart, at most
    /// `group_chats_per_minute` to one group (id < 0) in any sliding minute.
    /// Refused calls do not count. Injected faults are applied first; a call
    /// answered by a fault never reaches the limiter. Calling this again
    /// replaces the limits and starts with empty windows.
    ///
    /// Panics if `global_per_second` or `group_chats_per_minute` is 0 (use
    /// `u32::MAX` for "no limit").
    pub fn enforce_rate_limits(&self, limits: RateLimits) {
        assert!(
            limits.global_per_second > 0 && limits.group_chats_per_minute > 0,
            "fake Telegram: rate limits must allow at least one send ({limits:?})"
        );
        self.shared()
            .mutate(|s| s.rate_limiter = Some(RateLimiter::new(limits)));
    }

    /// How many calls were refused with 429 by the rate limiter (not by
    /// injected faults).
    pub fn rate_limited_calls(&self) -> usize {
        self.read(|s| s.rate_limited)
    }
}

/// Parses `text` as Telegram parses a message sent with `parse_mode` "HTML" (the fake's rules:
/// see `html.rs`): `Ok(the text people see)`, or `Err(Telegram's "Bad Request: can't parse
/// entities: …")`.
pub fn parse_telegram_html(text: &str) -> Result<String, String> {
    html::render(text, Some("HTML")).map(|parsed| parsed.text)
}
