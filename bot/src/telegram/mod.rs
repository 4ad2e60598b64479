//! The Telegram toolkit every handler and task stands on: the running bot's shared [`App`],
//! the per-update [`Ctx`], the [`HandlerError`] a handler fails with, and (in [`send`] and
//! [`keyboard`]) the ways to answer — replies with flood-control retries, toasts, edits in
//! place, photos and files, and our [`Markup`](coloop_core::message::Markup) as Telegram's.
//!
//! It knows nothing of features: handlers and tasks call it, never the other way round.

pub mod keyboard;
pub mod limit;
pub mod send;

use std::collections::BTreeSet;
use std::sync::Arc;

use coloop_core::Store;
use coloop_core::delivery::OtherSends;
use coloop_core::domain::TelegramId;
use coloop_core::wake::Wake;
use teloxide::prelude::*;
use teloxide::types::{ChatId, ReplyMarkup, User};

use crate::texts::{Catalogues, Texts};

pub use keyboard::{reply_markup, send_cancel_buttons};
pub use send::{
    answer_callback, edit_pressed_message, edit_pressed_message_with, is_unreachable, send_charts,
    send_document, send_html, send_or_queue, with_flood_retry,
};

/// The Telegram client for this configuration. The token only lives inside it.
pub fn telegram_client(config: &crate::config::Config) -> Bot {
    Bot::new(config.token.expose()).set_api_url(config.api_url.clone())
}

/// What every handler gets: the store, who the configured coordinators are, who the bot is.
#[derive(Debug)]
pub struct App {
    pub store: Store,
    pub coordinators: BTreeSet<TelegramId>,
    pub bot_username: String,
    /// Wakes the delivery worker when a broadcast was queued.
    pub outbox: Wake,
    /// Counts the answers and edits sent outside the outbox: the delivery worker leaves them
    /// room under Telegram's global limit.
    pub other_sends: OtherSends,
    /// The comment flood limit and notice interval.
    pub comments: crate::config::CommentSettings,
    /// The message catalogues, one per shipped language.
    pub i18n: Arc<Catalogues>,
    /// What survey handlers need beyond the store.
    pub surveys: SurveyRuntime,
    /// Per-person limits on updates of every kind.
    pub limits: limit::UpdateLimits,
    /// Where the dashboard's links start (issue #21), set once the HTTP server listens; unset
    /// when there is no HTTP server.
    pub dashboard: std::sync::OnceLock<reqwest::Url>,
}

/// The survey side of the running bot.
#[derive(Debug)]
pub struct SurveyRuntime {
    /// Keys anonymous respondents (kept outside the database).
    pub key: coloop_core::survey::RespondentKey,
    /// The deployment's time zone, for `closes:` times.
    pub zone: coloop_core::zone::Zone,
    /// Wakes the survey keeper (a survey was closed: remove its buttons now).
    pub keeper: Wake,
}

impl App {
    /// Coordinators come from configuration and from `coloop admin add`.
    pub async fn is_coordinator(&self, id: TelegramId) -> coloop_core::store::Result<bool> {
        if self.coordinators.contains(&id) {
            return Ok(true);
        }
        self.store.is_stored_coordinator(id).await
    }
}

/// What a handler can fail with.
#[derive(Debug)]
pub enum HandlerError {
    /// The person did something we cannot do; this text (HTML) tells them why.
    User(String),
    /// Something broke on our side.
    Internal(anyhow::Error),
    /// Telegram's flood control refused an answer, which was queued to be sent once the wait
    /// is over ([`send_or_queue`]); the rest of the handler is skipped.
    Queued,
    /// The update refers to a message of the bot whose record may not be committed yet (a
    /// person can reply quicker than the delivery worker records the message's id): the
    /// router handles it once more a moment later, outside its lane ([`Ctx::second_look`]).
    LookAgain,
}

impl From<coloop_core::StoreError> for HandlerError {
    fn from(error: coloop_core::StoreError) -> Self {
        HandlerError::Internal(anyhow::Error::new(error).context("database"))
    }
}

impl From<teloxide::RequestError> for HandlerError {
    fn from(error: teloxide::RequestError) -> Self {
        match error {
            teloxide::RequestError::RetryAfter(_) => HandlerError::Queued,
            error => HandlerError::Internal(anyhow::Error::new(error).context("Telegram request")),
        }
    }
}

impl From<anyhow::Error> for HandlerError {
    fn from(error: anyhow::Error) -> Self {
        HandlerError::Internal(error)
    }
}

pub type HandlerResult = Result<(), HandlerError>;

/// A user error with the given text.
pub fn refuse<T>(text: impl Into<String>) -> Result<T, HandlerError> {
    Err(HandlerError::User(text.into()))
}

/// Who sent an update, and where to answer.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: TelegramId,
    pub chat: ChatId,
    pub user: User,
}

/// Everything a handler needs, passed by reference.
pub struct Ctx<'a> {
    pub bot: &'a Bot,
    pub app: &'a App,
    pub actor: Actor,
    /// The actor's language, chosen once per update.
    texts: Texts<'a>,
    /// The pressed button's query was answered (Telegram refuses a second answer).
    answered: std::sync::atomic::AtomicBool,
    /// The forum topic the message was written in: answers go there, not to the General topic.
    topic: Option<teloxide::types::ThreadId>,
    /// The update is handled a second time ([`HandlerError::LookAgain`]): no third.
    second_look: bool,
    /// The actor is stored and agreed to an older consent text than the current one.
    pub consent_outdated: bool,
}

impl<'a> Ctx<'a> {
    /// The context of an update from `user`, answered in `chat`, in the user's language: the
    /// stored one when we ship it, else their Telegram app's, else English.
    pub async fn new(bot: &'a Bot, app: &'a App, user: User, chat: ChatId) -> Ctx<'a> {
        let id = TelegramId::new(user.id.0 as i64);
        let (stored, consent_outdated) = match app.store.language_and_consent(id).await {
            Ok(Some((language, outdated))) => (language, outdated),
            Ok(None) => (None, false),
            Err(error) => {
                tracing::warn!(error = %error, "could not read the person's language");
                (None, false)
            }
        };
        let texts = app
            .i18n
            .choose(stored.as_deref(), user.language_code.as_deref());
        Ctx {
            bot,
            app,
            actor: Actor { id, chat, user },
            texts,
            answered: std::sync::atomic::AtomicBool::new(false),
            topic: None,
            second_look: false,
            consent_outdated,
        }
    }

    /// Answers go to this forum topic (the one the message came from).
    pub fn in_topic(mut self, topic: Option<teloxide::types::ThreadId>) -> Self {
        self.topic = topic;
        self
    }

    /// This context handles an update a second time ([`HandlerError::LookAgain`]).
    pub fn looking_again(mut self) -> Self {
        self.second_look = true;
        self
    }

    /// Whether the update is handled a second time: then what was not found is not there.
    pub fn second_look(&self) -> bool {
        self.second_look
    }

    /// Whether the press this context handles was answered already.
    pub fn answered(&self) -> bool {
        self.answered.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn mark_answered(&self) {
        self.answered
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }

    /// The database.
    pub fn store(&self) -> &'a Store {
        &self.app.store
    }

    /// Everything the actor reads, in their language.
    pub fn texts(&self) -> Texts<'a> {
        self.texts
    }

    /// Sends an HTML message to the actor's chat (after Telegram's flood control, from a
    /// queue: see [`send_or_queue`]).
    /// A text over Telegram's limit (a long list) goes as several messages, cut between lines.
    pub async fn reply(&self, text: impl Into<String>) -> Result<Message, HandlerError> {
        let mut last = None;
        for part in coloop_core::message::pack_lines(&text.into()) {
            self.app.other_sends.sent();
            last = Some(
                send_or_queue(|| {
                    let request = send_html(self.bot, self.actor.chat, part.clone());
                    match self.topic {
                        Some(topic) => request.message_thread_id(topic),
                        None => request,
                    }
                })
                .await?,
            );
        }
        last.ok_or_else(|| HandlerError::Internal(anyhow::anyhow!("an empty reply")))
    }

    /// Sends an HTML message with buttons (or a reply request) to the actor's chat.
    pub async fn reply_with(
        &self,
        text: impl Into<String>,
        markup: impl Into<ReplyMarkup>,
    ) -> Result<Message, HandlerError> {
        let text = text.into();
        let markup = markup.into();
        self.app.other_sends.sent();
        Ok(send_or_queue(|| {
            send_html(self.bot, self.actor.chat, text.clone()).reply_markup(markup.clone())
        })
        .await?)
    }

    pub async fn is_coordinator(&self) -> Result<bool, HandlerError> {
        Ok(self.app.is_coordinator(self.actor.id).await?)
    }
}
