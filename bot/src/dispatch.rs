//! The handler tree, one tracing span per update, and the single place where a handler's
//! error becomes an answer: a [`HandlerError::User`] is shown as is, an internal error is logged
//! with its whole cause chain and answered with a short apology.

use std::sync::Arc;
use std::time::Duration;

use coloop_core::command::{self, Callback, Command};
use coloop_core::domain::TelegramId;
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQuery, ChatId, ChatMemberUpdated, LinkPreviewOptions, ParseMode, User,
};
use tracing::Instrument as _;

use crate::app::App;
use crate::handlers;
use crate::texts::Texts;

/// What a handler can fail with.
#[derive(Debug)]
pub enum HandlerError {
    /// The person did something we cannot do; this text (HTML) tells them why.
    User(String),
    /// Something broke on our side.
    Internal(anyhow::Error),
}

impl From<coloop_core::StoreError> for HandlerError {
    fn from(error: coloop_core::StoreError) -> Self {
        HandlerError::Internal(anyhow::Error::new(error).context("database"))
    }
}

impl From<teloxide::RequestError> for HandlerError {
    fn from(error: teloxide::RequestError) -> Self {
        HandlerError::Internal(anyhow::Error::new(error).context("Telegram request"))
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
}

impl<'a> Ctx<'a> {
    /// The context of an update from `user`, answered in `chat`, in the user's language: the
    /// stored one when we ship it, else their Telegram app's, else English.
    pub async fn new(bot: &'a Bot, app: &'a App, user: User, chat: ChatId) -> Ctx<'a> {
        let id = TelegramId::new(user.id.0 as i64);
        let stored = match app.store.language_of(id).await {
            Ok(stored) => stored,
            Err(error) => {
                tracing::warn!(error = %error, "could not read the person's language");
                None
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
        }
    }

    /// Everything the actor reads, in their language.
    pub fn texts(&self) -> Texts<'a> {
        self.texts
    }

    /// Sends an HTML message to the actor's chat (waiting out Telegram's flood control).
    /// A text over Telegram's limit (a long list) goes as several messages, cut between lines.
    pub async fn reply(&self, text: impl Into<String>) -> Result<Message, HandlerError> {
        let mut last = None;
        for part in coloop_core::message::pack_lines(&text.into()) {
            last = Some(
                with_flood_retry(|| send_html(self.bot, self.actor.chat, part.clone())).await?,
            );
        }
        last.ok_or_else(|| HandlerError::Internal(anyhow::anyhow!("an empty reply")))
    }

    pub async fn is_coordinator(&self) -> Result<bool, HandlerError> {
        Ok(self.app.is_coordinator(self.actor.id).await?)
    }
}

/// The longest `retry_after` a direct answer waits for; longer floods fail the answer.
const MAX_ANSWER_WAIT: Duration = Duration::from_secs(30);

/// Sends the request made by `make`; when Telegram answers 429, waits `retry_after` and tries
/// again (twice at most). Broadcasts have their own, durable, worker; this is for answers.
pub async fn with_flood_retry<R, F>(
    make: F,
) -> Result<<R::Payload as teloxide::requests::Payload>::Output, teloxide::RequestError>
where
    F: Fn() -> R,
    R: teloxide::requests::Request<Err = teloxide::RequestError>,
{
    let mut attempt = 0;
    loop {
        match make().send().await {
            Err(teloxide::RequestError::RetryAfter(wait))
                if attempt < 2 && wait.duration() <= MAX_ANSWER_WAIT =>
            {
                attempt += 1;
                metrics::counter!("coloop_telegram_429_total", "source" => "answer").increment(1);
                tracing::warn!(
                    retry_after_s = wait.seconds(),
                    "flood control: waiting before answering"
                );
                tokio::time::sleep(wait.duration()).await;
            }
            result => return result,
        }
    }
}

/// An HTML message with link previews off (invite links would otherwise unfurl).
pub fn send_html(
    bot: &Bot,
    chat: ChatId,
    text: impl Into<String>,
) -> teloxide::requests::JsonRequest<teloxide::payloads::SendMessage> {
    bot.send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        })
}

/// The handler tree. Tests drive the same tree through the fake Bot API.
pub fn schema() -> UpdateHandler<anyhow::Error> {
    dptree::entry()
        .branch(Update::filter_message().endpoint(on_message))
        .branch(Update::filter_callback_query().endpoint(on_callback))
        .branch(Update::filter_my_chat_member().endpoint(on_my_chat_member))
}

/// How many lanes updates are handled in ([`lane`]).
pub const LANES: i64 = 256;

/// The lane of an update. Updates of one chat are handled one after the other, in order, in
/// their chat's lane; lanes run concurrently, so at most [`LANES`] updates are handled at once.
///
/// teloxide's default is a lane per chat. It keeps a worker task for every chat it has seen,
/// and whenever there are more of them than were ever busy at once, it stops dispatching until
/// it has ended every idle one, one after the other: once a survey has reached thousands of
/// members, pauses of tens to hundreds of milliseconds every few seconds (the `answers` bench).
/// A fixed number of lanes bounds that work, and the workers' memory. The price: a slow update
/// (a flood-control wait) also delays the chats that share its lane.
pub fn lane(update: &Update) -> Option<i64> {
    update.chat().map(|chat| chat.id.0.rem_euclid(LANES))
}

fn span_for(update: &Update, chat: Option<ChatId>, user: Option<&User>) -> tracing::Span {
    tracing::info_span!(
        "update",
        update_id = update.id.0,
        chat_id = chat.map(|c| c.0),
        user_id = user.map(|u| u.id.0),
    )
}

async fn on_message(bot: Bot, update: Update, msg: Message, app: Arc<App>) -> anyhow::Result<()> {
    let span = span_for(&update, Some(msg.chat.id), msg.from.as_ref());
    async move {
        let Some(user) = msg.from.clone().filter(|u| !u.is_bot) else {
            tracing::debug!("ignored a message without a human sender");
            return;
        };
        let ctx = Ctx::new(&bot, &app, user, msg.chat.id).await;
        let result = route_message(&ctx, &msg).await;
        finish(&ctx, result).await;
    }
    .instrument(span)
    .await;
    Ok(())
}

async fn route_message(ctx: &Ctx<'_>, msg: &Message) -> HandlerResult {
    if msg.chat.is_private() && ctx.app.store.clear_blocked(ctx.actor.id).await? {
        tracing::info!("a person who had blocked the bot is back");
    }
    let parsed = msg
        .text()
        .and_then(|text| command::parse(text, &ctx.app.bot_username));
    if !msg.chat.is_private() {
        return route_group_message(ctx, msg, parsed).await;
    }
    let command = match parsed {
        None if msg.text().is_some_and(command::is_stop_word) => Command::Stop(None),
        None => {
            // A text question waiting for this person takes their next text.
            if handlers::surveys::on_text(ctx, msg).await? {
                return Ok(());
            }
            return handlers::comments::on_message(ctx, msg).await;
        }
        Some(Err(problem)) => {
            return refuse(ctx.texts().bad_input(&problem));
        }
        Some(Ok(command)) => command,
    };
    tracing::info!(command = ?command_name(&command), "command");
    match command {
        Command::Start(arg) => handlers::start::start(ctx, arg).await,
        Command::Help => handlers::help::help(ctx).await,
        Command::Groups => handlers::groups::groups(ctx).await,
        Command::Leave(slug) => handlers::groups::leave(ctx, &slug).await,
        Command::NewGroup {
            slug,
            name,
            challenge,
        } => handlers::newgroup::newgroup(ctx, &slug, &name, &challenge).await,
        Command::Invite(slug) => handlers::invite::invite(ctx, &slug).await,
        Command::Broadcast {
            group,
            content,
            answers,
        } => handlers::broadcast::broadcast(ctx, msg, &group, &content, &answers).await,
        Command::Status(group) => handlers::broadcast::status(ctx, group.as_ref()).await,
        Command::Comment { group, rest, text } => {
            handlers::comments::comment_command(ctx, msg, group.as_ref(), &rest, &text).await
        }
        Command::Comments { group, post } => handlers::comments::list(ctx, &group, post).await,
        Command::Hide(id) => handlers::comments::hide(ctx, id).await,
        Command::Link(_) | Command::Unlink => refuse(ctx.texts().link_in_a_group()),
        Command::Stop(group) => handlers::rights::stop(ctx, group.as_ref()).await,
        Command::Resume(group) => handlers::rights::resume(ctx, group.as_ref()).await,
        Command::Language => handlers::language::language(ctx).await,
        Command::Privacy => handlers::rights::privacy(ctx).await,
        Command::MyData => handlers::rights::my_data(ctx).await,
        Command::Forget => handlers::rights::forget(ctx).await,
        Command::Digest { group, days } => {
            handlers::digest::digest(ctx, group.as_ref(), days).await
        }
        Command::Export(group) => handlers::digest::export(ctx, group.as_ref()).await,
        Command::Survey { group, title, body } => {
            handlers::surveys::create(ctx, msg, &group, &title, &body).await
        }
        Command::CloseSurvey(id) => handlers::surveys::close(ctx, id).await,
        Command::Unknown(name) => refuse(ctx.texts().unknown_command(&name)),
    }
}

/// In group chats coloop answers `/link` and `/unlink`, points every other command addressed
/// to it by name (`/help@bot`) to the private chat, and takes replies to its own posts as comments. Other talk in
/// the group is not for us.
async fn route_group_message(
    ctx: &Ctx<'_>,
    msg: &Message,
    parsed: Option<Result<Command, command::ParseError>>,
) -> HandlerResult {
    match parsed {
        Some(Ok(Command::Link(slug))) => handlers::link::link(ctx, msg, &slug).await,
        Some(Ok(Command::Unlink)) => handlers::link::unlink(ctx, msg).await,
        Some(Err(problem)) if problem.command() == command::CommandName::Link => {
            refuse(ctx.texts().bad_input(&problem))
        }
        Some(_)
            if msg
                .text()
                .is_some_and(|t| command::is_addressed_to(t, &ctx.app.bot_username)) =>
        {
            ctx.reply(ctx.texts().private_only(&ctx.app.bot_username))
                .await?;
            Ok(())
        }
        // A bare command in a group may be meant for another bot.
        Some(_) => Ok(()),
        None => match handlers::comments::replied_post(ctx, msg).await? {
            Some(post) => handlers::comments::on_group_reply(ctx, msg, post).await,
            None => {
                tracing::debug!("ignored group chat talk");
                Ok(())
            }
        },
    }
}

fn command_name(command: &Command) -> &str {
    match command {
        Command::Start(_) => "start",
        Command::Help => "help",
        Command::Groups => "groups",
        Command::Leave(_) => "leave",
        Command::NewGroup { .. } => "newgroup",
        Command::Invite(_) => "invite",
        Command::Broadcast { content, .. } => content.kind().as_str(),
        Command::Status(_) => "status",
        Command::Comment { .. } => "comment",
        Command::Comments { .. } => "comments",
        Command::Hide(_) => "hide",
        Command::Link(_) => "link",
        Command::Unlink => "unlink",
        Command::Stop(_) => "stop",
        Command::Resume(_) => "resume",
        Command::Language => "language",
        Command::Privacy => "privacy",
        Command::MyData => "mydata",
        Command::Forget => "forget",
        Command::Digest { .. } => "digest",
        Command::Export(_) => "export",
        Command::Survey { .. } => "survey",
        Command::CloseSurvey(_) => "closesurvey",
        Command::Unknown(name) => name,
    }
}

async fn on_callback(
    bot: Bot,
    update: Update,
    query: CallbackQuery,
    app: Arc<App>,
) -> anyhow::Result<()> {
    let chat = query.regular_message().map(|m| m.chat.id);
    let span = span_for(&update, chat, Some(&query.from));
    async move {
        let user = query.from.clone();
        // Answers go to the person's private chat (its id is their user id).
        let chat = chat.unwrap_or(ChatId(user.id.0 as i64));
        let ctx = Ctx::new(&bot, &app, user, chat).await;
        let result = match query.data.as_deref().and_then(Callback::parse) {
            Some(callback) => handlers::start::on_button(&ctx, &query, callback).await,
            None => {
                tracing::info!("stale or unknown button");
                answer_callback(&ctx, &query, ctx.texts().stale_button()).await
            }
        };
        if result.is_err() {
            // Stop the button's spinner whatever happened; the answer follows as a message.
            let _ = ctx.bot.answer_callback_query(query.id.clone()).await;
        }
        finish(&ctx, result).await;
    }
    .instrument(span)
    .await;
    Ok(())
}

async fn on_my_chat_member(
    update: Update,
    member: ChatMemberUpdated,
    app: Arc<App>,
) -> anyhow::Result<()> {
    let span = span_for(&update, Some(member.chat.id), Some(&member.from));
    async move {
        if let Err(error) = handlers::rights::on_my_chat_member(&app, &member).await {
            metrics::counter!("coloop_handler_errors_total").increment(1);
            tracing::error!(
                error = format!("{error:#}"),
                "handling a chat member update failed"
            );
        }
    }
    .instrument(span)
    .await;
    Ok(())
}

/// Answers a button press with a short toast. The toast is a courtesy: if Telegram refuses it
/// (a redelivered press whose query was already answered, or one older than Telegram keeps),
/// the press is still handled.
pub async fn answer_callback(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: impl AsRef<str>,
) -> HandlerResult {
    if let Err(error) = ctx
        .bot
        .answer_callback_query(query.id.clone())
        .text(text.as_ref())
        .await
    {
        tracing::info!(error = %error, "could not answer the button press");
    }
    Ok(())
}

/// Replaces the text (and removes the buttons) of the message whose button was pressed, so
/// they cannot be pressed again. A redelivered press finds it already changed; that is fine.
pub async fn edit_pressed_message(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: impl AsRef<str>,
) -> HandlerResult {
    edit_pressed_message_with(ctx, query, text.as_ref(), None).await
}

/// Like [`edit_pressed_message`], with new buttons.
pub async fn edit_pressed_message_with(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: &str,
    keyboard: Option<teloxide::types::InlineKeyboardMarkup>,
) -> HandlerResult {
    let Some(message) = query.regular_message() else {
        return Ok(());
    };
    let mut edit = ctx
        .bot
        .edit_message_text(message.chat.id, message.id, text)
        .parse_mode(ParseMode::Html);
    if let Some(keyboard) = keyboard {
        edit = edit.reply_markup(keyboard);
    }
    match edit.await {
        Ok(_) | Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

async fn finish(ctx: &Ctx<'_>, result: HandlerResult) {
    let answer = match result {
        Ok(()) => return,
        Err(HandlerError::User(text)) => text,
        Err(HandlerError::Internal(error)) => {
            metrics::counter!("coloop_handler_errors_total").increment(1);
            tracing::error!(error = format!("{error:#}"), "handler failed");
            ctx.texts().internal_error()
        }
    };
    if let Err(error) = ctx.reply(answer).await {
        let error = match error {
            HandlerError::Internal(e) => e,
            HandlerError::User(text) => anyhow::anyhow!(text),
        };
        tracing::error!(error = format!("{error:#}"), "could not answer");
    }
}
