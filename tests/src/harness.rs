//! `TestApp`: the real bot, started in-process against its own [`FakeTelegram`] and its own
//! SQLite file, plus helpers that read like a conversation:
//!
//! ```ignore
//! let app = TestApp::spawn().await;
//! let alice = app.user("Alice");
//! alice.sends("/start CODE").await;
//! alice.expect_reply_containing("joined").await;
//! ```
//!
//! Every test ends with one check, when its `TestApp` is dropped: the bot got no 4xx from
//! Telegram that the test did not inject ([`FakeTelegram::inject`]) or declare
//! ([`TestApp::expect_refusal`]). A refusal the bot only logs would otherwise pass unseen.

use std::cell::Cell;
use std::collections::BTreeSet;
use std::time::Duration;

use chrono::Utc;
use coloop_bot::config::CommentSettings;
use coloop_bot::config::OpsConfig;
use coloop_bot::{BaseConfig, BotToken, Config};
use coloop_core::Store;
use coloop_core::delivery::Limits;
use coloop_core::domain::TelegramId;
use coloop_core::store::Group;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::fake_api::{BotMessage, FakeTelegram, Sent};

pub const TOKEN: &str = "123456789:TESTtokenTESTtokenTESTtokenTEST_-1";
pub const BOT_USERNAME: &str = "coloop_test_bot";
/// How long a test waits for the bot before it fails.
pub const PATIENCE: Duration = Duration::from_secs(10);

pub struct TestApp {
    pub tg: FakeTelegram,
    /// The bot's database, opened a second time for the test to look into.
    pub store: Store,
    config: Config,
    bot: std::sync::Mutex<Option<RunningBot>>,
    /// Refusals the test expects: (method, part of the description).
    expected_refusals: std::sync::Mutex<Vec<(String, String)>>,
    _dir: tempfile::TempDir,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if std::thread::panicking() {
            return;
        }
        let unexpected: Vec<String> = self
            .tg
            .refusals()
            .into_iter()
            .filter(|call| !self.is_expected(call))
            .map(|call| {
                format!(
                    "{} {} → {}",
                    call.method,
                    call.params,
                    call.description().unwrap_or_default()
                )
            })
            .collect();
        assert!(
            unexpected.is_empty(),
            "Telegram refused {} call(s) the test did not expect (inject the fault, or call \
             expect_refusal, if the test means it):\n{}",
            unexpected.len(),
            unexpected.join("\n")
        );
    }
}

/// The bot runs on a runtime of its own, as it would in its own process: a crash drops that
/// runtime with every task of the bot in it (its dispatcher and its delivery worker).
struct RunningBot {
    runtime: Option<tokio::runtime::Runtime>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<anyhow::Result<()>>>,
    /// Where its HTTP server listens, when it has one.
    http: Option<std::net::SocketAddr>,
}

impl Drop for RunningBot {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

/// How a test wants its bot.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A user named in `COLOOP_COORDINATORS` (created in the fake before the bot starts).
    pub configured_coordinator: Option<&'static str>,
    /// Delivery limits; [`test_limits`] when `None`.
    pub limits: Option<Limits>,
    /// Webhook mode, HTTP server, readiness (default: polling, no server).
    pub ops: Option<OpsConfig>,
    /// Comment settings; [`test_comment_settings`] when `None`.
    pub comments: Option<CommentSettings>,
    /// Weekly digests; off when `None`.
    pub digests: Option<coloop_bot::config::DigestSchedule>,
    /// Survey settings; [`test_survey_settings`] when `None`.
    pub surveys: Option<coloop_bot::config::SurveySettings>,
    /// `COLOOP_DATABASE_MAX_MB` (no limit when `None`).
    pub database_max_mb: Option<u32>,
    /// When an author hears their broadcast is held up; production's when `None`.
    pub held: Option<coloop_bot::config::HeldSettings>,
    /// `COLOOP_RETENTION_DAYS`; comments are kept when `None`.
    pub retention_days: Option<u32>,
}

/// Production survey settings, with the keeper looking every 200 ms (it only acts on what is
/// due, so a quick look changes nothing else).
pub fn test_survey_settings() -> coloop_bot::config::SurveySettings {
    coloop_bot::config::SurveySettings {
        tick: Duration::from_millis(200),
        ..Default::default()
    }
}

/// The production flood limit; notices effectively off (a test that wants them says so).
pub fn test_comment_settings() -> CommentSettings {
    CommentSettings {
        per_minute: 10,
        // One test person runs through every command: a role matrix is no flood.
        update_burst: 10_000,
        notice_interval: Duration::from_secs(3600),
        notice_tick: Duration::from_secs(3600),
    }
}

/// Telegram's rate limits, with retries quick enough for tests.
pub fn test_limits() -> Limits {
    Limits {
        backoff_base: Duration::from_millis(200),
        backoff_cap: Duration::from_secs(2),
        outage_probe_cap: Duration::from_secs(2),
        ..Limits::default()
    }
}

impl TestApp {
    /// A bot with no configured coordinators.
    pub async fn spawn() -> TestApp {
        Self::spawn_with(Options::default()).await.0
    }

    /// A bot whose `COLOOP_COORDINATORS` names one user; returns that user's id.
    pub async fn spawn_with_configured_coordinator(first_name: &'static str) -> (TestApp, i64) {
        let (app, id) = Self::spawn_with(Options {
            configured_coordinator: Some(first_name),
            ..Options::default()
        })
        .await;
        (app, id.expect("coordinator id"))
    }

    pub async fn spawn_with(options: Options) -> (TestApp, Option<i64>) {
        coloop_bot::logging::init(Some(TOKEN));
        let tg = FakeTelegram::start(TOKEN, BOT_USERNAME).await;
        let coordinator = options
            .configured_coordinator
            .map(|name| tg.add_user(name, None, Some("en")));
        let dir = tempfile::tempdir().expect("temp dir");
        let database = dir.path().join("coloop.db");
        let config = Config {
            base: BaseConfig {
                database: database.clone(),
                coordinators: coordinator
                    .into_iter()
                    .map(TelegramId::new)
                    .collect::<BTreeSet<_>>(),
                anonymity: Default::default(),
                database_max_mb: options.database_max_mb,
            },
            token: BotToken::parse(TOKEN).expect("test token"),
            api_url: tg.api_url().parse().expect("fake api url"),
            poll_timeout_secs: 5,
            delivery: options.limits.unwrap_or_else(test_limits),
            comments: options.comments.unwrap_or_else(test_comment_settings),
            retention_days: options.retention_days,
            digests: options
                .digests
                .unwrap_or(coloop_bot::config::DigestSchedule {
                    schedule: None,
                    tick: Duration::from_secs(3600),
                }),
            ops: options.ops.unwrap_or_default(),
            surveys: options.surveys.unwrap_or_else(test_survey_settings),
            held: options.held.unwrap_or_default(),
        };
        let app = TestApp {
            tg,
            store: Store::open_and_migrate(&database)
                .await
                .expect("open the database"),
            config,
            bot: std::sync::Mutex::new(None),
            expected_refusals: std::sync::Mutex::new(Vec::new()),
            _dir: dir,
        };
        app.start_bot().await;
        (app, coordinator)
    }

    fn running(&self) -> std::sync::MutexGuard<'_, Option<RunningBot>> {
        self.bot
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    async fn start_bot(&self) {
        assert!(self.running().is_none(), "the bot is already running");
        let checks_before = self
            .tg
            .calls_to("getWebhookInfo")
            .iter()
            .filter(|call| call.is_ok())
            .count();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("bot runtime");
        let (stop, stopped) = oneshot::channel::<()>();
        let (report, reported) = oneshot::channel();
        let task = runtime.spawn(coloop_bot::app::run_reporting(
            self.config.clone(),
            async move {
                let _ = stopped.await;
            },
            move |started| {
                let _ = report.send(started);
            },
        ));
        let mut bot = RunningBot {
            runtime: Some(runtime),
            stop: Some(stop),
            task: Some(task),
            http: None,
        };
        if let Ok(Ok(started)) = tokio::time::timeout(PATIENCE, reported).await {
            bot.http = started.http;
        }
        if self.config.ops.webhook.is_some() && bot.http.is_some() {
            *self.running() = Some(bot);
            return;
        }
        // The bot is about to poll once it checked for a webhook (the fake records a call when
        // it answers it, so the first long poll itself would only show when it returns).
        // Updates pushed from now on are picked up by that first poll.
        if self
            .tg
            .wait_for_call("getWebhookInfo", checks_before + 1, PATIENCE)
            .await
            .is_err()
        {
            let task = bot.task.take().expect("task");
            if task.is_finished() {
                match task.await {
                    Ok(Err(error)) => panic!("the bot did not start: {error:#}"),
                    other => panic!("the bot did not start: {other:?}"),
                }
            }
            panic!("the bot did not start within {PATIENCE:?}");
        }
        *self.running() = Some(bot);
    }

    /// Declares that Telegram refusing a `method` call (case-insensitive) with a description
    /// containing `description` is part of the test, so the check at the end lets it pass.
    pub fn expect_refusal(&self, method: &str, description: &str) {
        self.expected_refusals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push((method.to_owned(), description.to_owned()));
    }

    fn is_expected(&self, call: &crate::fake_api::Call) -> bool {
        let description = call.description().unwrap_or_default();
        self.expected_refusals
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .iter()
            .any(|(method, part)| {
                call.method.eq_ignore_ascii_case(method) && description.contains(part.as_str())
            })
    }

    /// The bot's database file.
    pub fn database(&self) -> std::path::PathBuf {
        self.config.base.database.clone()
    }

    /// The base URL of the bot's HTTP server (`http://127.0.0.1:<port>`).
    pub fn http_url(&self) -> String {
        let addr = self
            .running()
            .as_ref()
            .and_then(|bot| bot.http)
            .expect("the bot runs with an HTTP server");
        format!("http://{addr}")
    }

    /// Kills the bot like `kill -9`: every task of it is dropped where it stands.
    pub fn crash(&self) {
        let bot = self.running().take().expect("the bot is running");
        drop(bot);
    }

    /// Starts the bot again on the same database and fake Telegram.
    pub async fn restart(&self) {
        // The new bot's first long poll ends the old one's if that is still waiting in the
        // fake (its client is gone): Telegram's 409, answered to nobody.
        self.expect_refusal(
            "getUpdates",
            "Conflict: terminated by other getUpdates request",
        );
        self.start_bot().await;
    }

    /// `n` people who joined `group` as members (through the same store call the consent
    /// button makes, without the chat round trips); their Telegram ids.
    pub async fn members_in_bulk(&self, group: &Group, n: usize) -> Vec<i64> {
        crate::fixtures::join_members(&self.store, &self.tg, group, n).await
    }

    /// Waits until no delivery is pending (the worker has worked off the outbox).
    pub async fn outbox_drained(&self, patience: Duration) {
        let started = std::time::Instant::now();
        loop {
            let counts = self.store.all_delivery_counts().await.expect("counts");
            if counts.pending == 0 {
                return;
            }
            assert!(
                started.elapsed() < patience,
                "deliveries still pending after {patience:?}: {counts:?}"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Stops the bot the way a shutdown signal does and waits for it to finish.
    pub async fn stop(&self) -> anyhow::Result<()> {
        // Its last getUpdates (confirming what it handled) ends the long poll it abandoned:
        // Telegram's 409, answered to nobody.
        self.expect_refusal(
            "getUpdates",
            "Conflict: terminated by other getUpdates request",
        );
        let mut bot = self.running().take().expect("the bot is running");
        if let Some(stop) = bot.stop.take() {
            let _ = stop.send(());
        }
        let task = bot.task.take().expect("bot task");
        tokio::time::timeout(PATIENCE * 2, task)
            .await
            .expect("the bot stops in time")
            .expect("bot task did not panic")
    }

    /// A Telegram user the fake knows; nothing about them is in coloop yet.
    pub fn user(&self, first_name: &str) -> Person<'_> {
        let id = self.tg.add_user(first_name, None, Some("en"));
        Person::new(self, id)
    }

    /// A Telegram user whose app is set to `language_code` (e.g. `es`); nothing about them is
    /// in coloop yet.
    pub fn user_speaking(&self, first_name: &str, language_code: &str) -> Person<'_> {
        let id = self.tg.add_user(first_name, None, Some(language_code));
        Person::new(self, id)
    }

    /// A user the fake already knows, by id.
    pub fn person(&self, id: i64) -> Person<'_> {
        Person::new(self, id)
    }

    /// A user made coordinator the way an operator does (`coloop admin add`).
    pub async fn coordinator(&self, first_name: &str) -> Person<'_> {
        let person = self.user(first_name);
        self.store
            .add_coordinator(TelegramId::new(person.id), Utc::now())
            .await
            .expect("add coordinator");
        person
    }

    /// A working group made directly in the database.
    pub async fn group(&self, slug: &str, name: &str) -> Group {
        crate::fixtures::group(&self.store, slug, name).await
    }

    /// A user who joined `group` through its invite link (consent included).
    pub async fn member_of(&self, first_name: &str, group: &Group) -> Person<'_> {
        let person = self.user(first_name);
        person.joins_with(group.member_code.as_str()).await;
        person
    }

    /// A user who joined `group` through its facilitator link.
    pub async fn facilitator_of(&self, first_name: &str, group: &Group) -> Person<'_> {
        let person = self.user(first_name);
        person.joins_with(group.facilitator_code.as_str()).await;
        person
    }
}

/// A Telegram user talking to the bot in their private chat.
pub struct Person<'a> {
    app: &'a TestApp,
    pub id: i64,
    /// How many of the bot's messages in this chat the test has read.
    seen: Cell<usize>,
}

impl<'a> Person<'a> {
    fn new(app: &'a TestApp, id: i64) -> Self {
        Self {
            app,
            id,
            seen: Cell::new(0),
        }
    }

    pub fn telegram_id(&self) -> TelegramId {
        TelegramId::new(self.id)
    }

    /// Sends a text message (a command or not) to the bot.
    pub fn sends(&self, text: &str) -> Sent {
        self.app.tg.send_text(self.id, self.id, text)
    }

    /// Replies (a Telegram reply) to a message in this chat.
    pub fn replies_to(&self, message: &BotMessage, text: &str) -> Sent {
        self.app
            .tg
            .send_reply(self.id, self.id, text, message.message_id)
    }

    /// Sends a text and returns the bot's next message.
    pub async fn says(&self, text: &str) -> BotMessage {
        self.sends(text);
        self.next_reply().await
    }

    /// The bot's next message in this chat (waits for it).
    pub async fn next_reply(&self) -> BotMessage {
        let want = self.seen.get() + 1;
        match self.app.tg.wait_for_messages(self.id, want, PATIENCE).await {
            Ok(messages) => {
                self.seen.set(want);
                messages[want - 1].clone()
            }
            Err(messages) => panic!(
                "user {} waited {PATIENCE:?} for bot message #{want}; the chat has: {:#?}",
                self.id,
                messages
                    .iter()
                    .map(|m| m.source_text.clone())
                    .collect::<Vec<_>>()
            ),
        }
    }

    /// The bot's next message, which must contain `needle`.
    pub async fn expect_reply_containing(&self, needle: &str) -> BotMessage {
        let reply = self.next_reply().await;
        let text = reply
            .source_text
            .clone()
            .or(reply.caption.clone())
            .unwrap_or_default();
        assert!(
            text.contains(needle),
            "user {} expected a reply containing {needle:?}, got {text:?}",
            self.id
        );
        reply
    }

    /// The current state of a bot message in this chat (after edits).
    pub fn message(&self, message_id: i64) -> BotMessage {
        self.app
            .tg
            .messages_in(self.id)
            .into_iter()
            .find(|m| m.message_id == message_id)
            .expect("message in chat")
    }

    /// The bot message once it has been edited at least once (waits for the edit).
    pub async fn edited_message(&self, message_id: i64) -> BotMessage {
        let chat = self.id;
        let edited = self
            .app
            .tg
            .wait_until(PATIENCE, |tg| {
                tg.messages_in(chat)
                    .iter()
                    .any(|m| m.message_id == message_id && m.edits > 0)
            })
            .await;
        assert!(
            edited,
            "message {message_id} was not edited within {PATIENCE:?}"
        );
        self.message(message_id)
    }

    /// Presses the button whose label contains `label` under `message`; returns the toast the
    /// bot answered the press with.
    pub async fn presses(&self, message: &BotMessage, label: &str) -> Option<String> {
        let data = message
            .button_data(label)
            .unwrap_or_else(|| panic!("no button {label:?} under {:?}", message.buttons()));
        self.presses_data(message.message_id, &data).await
    }

    /// Presses a button with arbitrary callback data (e.g. forged) on a message.
    pub async fn presses_data(&self, message_id: i64, data: &str) -> Option<String> {
        let sent = self.app.tg.press_button(self.id, self.id, message_id, data);
        let query = self
            .app
            .tg
            .callback_query_id(sent.update_id)
            .expect("a callback query");
        let answer = |tg: &FakeTelegram| {
            tg.callback_answers()
                .into_iter()
                .find(|answer| answer.callback_query_id == query)
        };
        let answered = self
            .app
            .tg
            .wait_until(PATIENCE, |tg| answer(tg).is_some())
            .await;
        assert!(
            answered,
            "the bot did not answer the press of {data:?} within {PATIENCE:?}: {:#?}",
            self.app.tg.calls_to("answerCallbackQuery")
        );
        answer(&self.app.tg).and_then(|answer| answer.text)
    }

    /// Opens an invite link and agrees to the consent text if it is shown.
    pub async fn joins_with(&self, code: &str) -> BotMessage {
        let reply = self.says(&format!("/start {code}")).await;
        if reply.button_data("I agree").is_none() {
            return reply;
        }
        self.presses(&reply, "I agree").await;
        self.expect_reply_containing("joined").await
    }

    /// Sends a broadcast command (`/outcome`, `/prototype`) and reads the preview: the post's
    /// parts as members will get them, then the control message with Send / Cancel.
    pub async fn previews(&self, command: &str, parts: usize) -> (Vec<BotMessage>, BotMessage) {
        self.sends(command);
        let mut preview = Vec::new();
        for _ in 0..parts {
            preview.push(self.next_reply().await);
        }
        let control = self.next_reply().await;
        assert!(
            control.button_data("Send").is_some(),
            "expected the Send / Cancel message, got {:?}",
            control.source_text
        );
        (preview, control)
    }

    /// Asserts the bot has sent nothing to this chat beyond what the test read (no waiting: for
    /// after a positive signal that whatever could have sent something is done, such as
    /// [`TestApp::outbox_drained`]).
    pub fn expect_nothing_unread(&self) {
        let messages = self.app.tg.messages_in(self.id);
        assert!(
            messages.len() <= self.seen.get(),
            "user {} expected no message, got {:?}",
            self.id,
            messages[self.seen.get()..]
                .iter()
                .map(|m| m.source_text.clone())
                .collect::<Vec<_>>()
        );
    }

    /// Asserts that what this person sent before was handled and answered with nothing more:
    /// sends an unknown command as a sentinel, and expects its answer to be the next message
    /// (the updates of one chat are handled one after the other, in order). Not for what other
    /// tasks send (broadcasts, reminders, notices).
    pub async fn expect_nothing_else(&self) {
        self.sends("/sentinel");
        let next = self.next_reply().await;
        let text = next.source_text.unwrap_or_default();
        assert!(
            text.contains("/sentinel"),
            "user {} expected only the answer to the sentinel, got {text:?}",
            self.id
        );
    }

    /// Asserts the bot sent nothing new to this chat within `wait`.
    pub async fn expect_silence(&self, wait: Duration) {
        let want = self.seen.get() + 1;
        if let Ok(messages) = self.app.tg.wait_for_messages(self.id, want, wait).await {
            panic!(
                "expected no message, got {:?}",
                messages[want - 1].source_text
            );
        }
    }
}

/// The bot's catalogues, built into it (for exact expected texts).
pub fn catalogues() -> &'static coloop_bot::texts::Catalogues {
    static CATALOGUES: std::sync::OnceLock<coloop_bot::texts::Catalogues> =
        std::sync::OnceLock::new();
    CATALOGUES.get_or_init(|| coloop_bot::texts::Catalogues::embedded().expect("the catalogues"))
}

/// What the bot says in English, exactly: tests compare whole answers with it rather than
/// looking for a word a dozen answers contain.
pub fn english() -> coloop_bot::texts::Texts<'static> {
    catalogues().texts("en")
}

/// The invite code inside a `https://t.me/<bot>?start=<code>` link found in `text`.
pub fn codes_in(text: &str) -> Vec<String> {
    let marker = format!("https://t.me/{BOT_USERNAME}?start=");
    text.match_indices(&marker)
        .map(|(at, _)| {
            text[at + marker.len()..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect()
        })
        .collect()
}
