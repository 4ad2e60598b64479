//! The router: the handler tree ([`schema`]), the lanes updates are handled in, one table that
//! sends each command to its handler and one that sends each button to its handler, one
//! tracing span per update, and the single place where a handler's error becomes an answer:
//! a [`HandlerError::User`] is shown as is, an internal error is logged with its whole cause
//! chain and answered with a short apology.

use std::sync::Arc;

use coloop_core::command::{self, Callback, Command, PickWhat};
use coloop_core::domain::{DisplayName, Username};
use teloxide::dispatching::UpdateHandler;
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, ChatId, ChatMemberUpdated, User};
use tracing::Instrument as _;

use crate::handlers;
use crate::telegram::{App, Ctx, HandlerError, HandlerResult, answer_callback, refuse};

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
/// would also delay the chats that share its lane — so no handler waits in it: not out flood
/// control (answers go through [`crate::telegram::send_or_queue`]), nor for a record being
/// written (a second look is taken outside the lane, [`look_again`]); and one person's updates
/// beyond a burst are dropped before any work ([`crate::telegram::limit`]).
pub fn lane(update: &Update) -> Option<i64> {
    update.chat().map(|chat| chat.id.0.rem_euclid(LANES))
}

/// The span an update is handled in. Telegram ids are personal data, and most updates come
/// before anyone agreed to anything (a stranger's `/start`): the chat and user ids are in
/// it only when debug logging is on (issue #20); at info level, only the update's id.
fn span_for(update: &Update, chat: Option<ChatId>, user: Option<&User>) -> tracing::Span {
    if tracing::enabled!(tracing::Level::DEBUG) {
        tracing::info_span!(
            "update",
            update_id = update.id.0,
            chat_id = chat.map(|c| c.0),
            user_id = user.map(|u| u.id.0),
        )
    } else {
        tracing::info_span!("update", update_id = update.id.0)
    }
}

async fn on_message(bot: Bot, update: Update, msg: Message, app: Arc<App>) -> anyhow::Result<()> {
    let span = span_for(&update, Some(msg.chat.id), msg.from.as_ref());
    async move {
        let Some(user) = msg.from.clone().filter(|u| !u.is_bot) else {
            tracing::debug!("ignored a message without a human sender");
            return;
        };
        if !app.limits.admit(user.id.0, std::time::Instant::now()) {
            tracing::debug!("over the per-person update limit: ignored");
            return;
        }
        let topic = msg.thread_id.filter(|_| msg.is_topic_message);
        let ctx = Ctx::new(&bot, &app, user.clone(), msg.chat.id)
            .await
            .in_topic(topic);
        match route_message(&ctx, &msg).await {
            Err(HandlerError::LookAgain) => look_again(bot.clone(), app.clone(), user, msg),
            result => finish(&ctx, result).await,
        }
    }
    .instrument(span)
    .await;
    Ok(())
}

/// How long a message referring to a bot message not known yet waits for its record.
const SECOND_LOOK_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// Handles a message once more after [`SECOND_LOOK_AFTER`], in a task of its own: its lane
/// goes on at once (no handler may hold up the chats that share it), and this one message is
/// handled after the wait — possibly after later messages of its chat.
fn look_again(bot: Bot, app: Arc<App>, user: User, msg: Message) {
    tokio::spawn(
        async move {
            tokio::time::sleep(SECOND_LOOK_AFTER).await;
            let topic = msg.thread_id.filter(|_| msg.is_topic_message);
            let ctx = Ctx::new(&bot, &app, user, msg.chat.id)
                .await
                .in_topic(topic)
                .looking_again();
            let result = route_message(&ctx, &msg).await;
            finish(&ctx, result).await;
        }
        .in_current_span(),
    );
}

async fn route_message(ctx: &Ctx<'_>, msg: &Message) -> HandlerResult {
    if msg.chat.is_private() {
        seen_in_private(ctx).await;
        if ctx.consent_outdated {
            handlers::start::ask_consent_again(ctx).await?;
        }
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
            // So does a reply through a relay, a facilitator's note for an introduction, or
            // "what can you offer?" after an offer of help.
            if handlers::network::on_message(ctx, msg).await? {
                return Ok(());
            }
            return handlers::comments::on_message(ctx, msg).await;
        }
        Some(Err(problem)) => {
            // Rights before grammar: the usage is for those who may use the command.
            handlers::may_use(ctx, problem.command().who()).await?;
            return refuse(ctx.texts().bad_input(&problem));
        }
        Some(Ok(command)) => command,
    };
    tracing::info!(command = ?command.as_str(), "command");
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
        Command::InviteLimited {
            group,
            expires_days,
            uses,
        } => handlers::lifecycle::invite_limited(ctx, &group, expires_days, uses).await,
        Command::Members(slug) => handlers::people::members(ctx, &slug).await,
        Command::Remove { group, name } => {
            handlers::people::pick_command(ctx, PickWhat::Remove, &group, name.as_deref()).await
        }
        Command::Promote { group, name } => {
            handlers::people::pick_command(ctx, PickWhat::Promote, &group, name.as_deref()).await
        }
        Command::Demote { group, name } => {
            handlers::people::pick_command(ctx, PickWhat::Demote, &group, name.as_deref()).await
        }
        Command::Rotate(slug) => handlers::lifecycle::rotate(ctx, &slug).await,
        Command::Archive { group, farewell } => {
            handlers::lifecycle::archive(ctx, &group, farewell.as_deref()).await
        }
        Command::Unarchive(slug) => handlers::lifecycle::unarchive(ctx, &slug).await,
        Command::Audit { group, days } => handlers::lifecycle::audit(ctx, &group, days).await,
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
        Command::Web(action) => handlers::web::web(ctx, action).await,
        Command::HelpWith(post) => handlers::network::help_with(ctx, post).await,
        Command::Offers => handlers::network::own_offers(ctx).await,
        Command::Volunteers { group, post } => {
            handlers::network::volunteers(ctx, &group, post).await
        }
        Command::Introduce { group, post } => handlers::network::introduce(ctx, &group, post).await,
        Command::ActorAdd(actor) => handlers::network::actors::add(ctx, &actor).await,
        Command::Actors(group) => handlers::network::actors::list(ctx, &group).await,
        Command::ShareActor(id) => handlers::network::actors::share(ctx, id).await,
        Command::Profile(arg) => handlers::network::profile(ctx, arg).await,
        Command::People(group) => handlers::network::people(ctx, &group).await,
        Command::Unknown(name) => refuse(ctx.texts().unknown_command(&name)),
    }
}

/// A private message: the sender's name and @username are refreshed, and they no longer block
/// the bot. A failure (a full disk) is logged, never in the way of what they asked.
async fn seen_in_private(ctx: &Ctx<'_>) {
    let user = &ctx.actor.user;
    let name = DisplayName::from_telegram(&user.first_name, user.last_name.as_deref());
    let username = user.username.as_deref().and_then(Username::parse);
    match ctx
        .store()
        .seen_in_private(ctx.actor.id, &name, username.as_ref())
        .await
    {
        Ok(true) => tracing::info!("a person who had blocked the bot is back"),
        Ok(false) => {}
        Err(error) => tracing::warn!(
            error = %coloop_core::error_chain(&error),
            "could not refresh a person's name"
        ),
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
        Some(Err(problem)) if problem.command().place() == command::Place::GroupChat => {
            handlers::may_use(ctx, problem.command().who()).await?;
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
        if !app.limits.admit(user.id.0, std::time::Instant::now()) {
            tracing::debug!("over the per-person update limit: ignored");
            return;
        }
        // Answers go to the person's private chat (its id is their user id).
        let chat = chat.unwrap_or(ChatId(user.id.0 as i64));
        let ctx = Ctx::new(&bot, &app, user, chat).await;
        let result = match query.data.as_deref().and_then(Callback::parse) {
            Some(callback) => route_callback(&ctx, &query, callback).await,
            None => {
                tracing::info!("stale or unknown button");
                answer_callback(&ctx, &query, ctx.texts().stale_button()).await
            }
        };
        if result.is_err() && !ctx.answered() {
            // Stop the button's spinner whatever happened (Telegram refuses a second answer,
            // so only if the handler gave none); the answer follows as a message.
            let _ = ctx.bot.answer_callback_query(query.id.clone()).await;
        }
        finish(&ctx, result).await;
    }
    .instrument(span)
    .await;
    Ok(())
}

/// Every button, to the handler of its feature.
async fn route_callback(ctx: &Ctx<'_>, query: &CallbackQuery, callback: Callback) -> HandlerResult {
    use handlers::{
        broadcast, comments, language, lifecycle, network, people, rights, start, surveys,
    };
    match callback {
        Callback::Consent(code) => start::on_consent(ctx, query, code).await,
        Callback::Decline => start::on_decline(ctx, query).await,
        Callback::RenewConsent(version) => start::on_renew_consent(ctx, query, version).await,
        Callback::Send(key) => broadcast::on_send(ctx, query, &key).await,
        Callback::Cancel(key) => broadcast::on_cancel(ctx, query, &key).await,
        Callback::AboutPost(comment, post) => {
            comments::on_about(ctx, query, comment, Some(post), None).await
        }
        Callback::AboutGroup(comment, group) => {
            comments::on_about(ctx, query, comment, None, Some(group)).await
        }
        Callback::Anonymous(comment) => comments::on_anonymous(ctx, query, comment).await,
        Callback::ForgetConfirm => rights::on_forget_button(ctx, query, true).await,
        Callback::ForgetCancel => rights::on_forget_button(ctx, query, false).await,
        Callback::Language(code) => language::on_button(ctx, query, &code).await,
        Callback::SendSurvey(key) => surveys::on_send(ctx, query, &key).await,
        Callback::CancelSurvey(key) => surveys::on_cancel(ctx, query, &key).await,
        Callback::Answer {
            survey,
            question,
            press,
        } => surveys::on_answer(ctx, query, survey, question, press).await,
        Callback::ContinueSurvey(survey) => surveys::on_continue(ctx, query, survey).await,
        Callback::MembersPage(group, page) => {
            people::on_members_page(ctx, query, group, page).await
        }
        Callback::Pick {
            what,
            group,
            person,
        } => people::on_pick(ctx, query, what, group, person).await,
        Callback::PickPage { what, group, page } => {
            people::on_pick_page(ctx, query, what, group, page).await
        }
        Callback::ConfirmRemove(group, person) => {
            people::on_confirm_remove(ctx, query, group, person).await
        }
        Callback::Rotate(group, role) => lifecycle::on_rotate(ctx, query, group, role).await,
        Callback::ConfirmArchive(group) => lifecycle::on_confirm_archive(ctx, query, group).await,
        Callback::Dismiss => people::on_dismiss(ctx, query).await,
        Callback::RetryFailed(post) => broadcast::on_retry_failed(ctx, query, post).await,
        Callback::HelpWith(post) => network::on_help_with(ctx, query, post).await,
        Callback::OfferSkip(offer) => network::on_skip(ctx, query, offer).await,
        Callback::OfferContact(offer, contact) => {
            network::on_contact(ctx, query, offer, contact).await
        }
        Callback::WithdrawOffer(offer) => network::on_withdraw(ctx, query, offer).await,
        Callback::IntroPick { intro, person, on } => {
            network::on_pick(ctx, query, intro, person, on).await
        }
        Callback::IntroPickActor { intro, actor, on } => {
            network::on_pick_actor(ctx, query, intro, actor, on).await
        }
        Callback::IntroNext(intro) => network::on_next(ctx, query, intro).await,
        Callback::IntroCancel(intro) => network::on_cancel(ctx, query, intro).await,
        Callback::IntroAnswer(intro, accept) => network::on_answer(ctx, query, intro, accept).await,
        Callback::RelayEnd(relay) => network::on_end(ctx, query, relay).await,
        Callback::ContactPerson(group, person) => {
            network::whos_who::on_contact(ctx, query, group, person).await
        }
    }
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

/// Whether `error` is the database refusing writes (full disk, read-only file, I/O error).
fn unwritable(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<coloop_core::StoreError>()
            .is_some_and(coloop_core::StoreError::is_unwritable)
    })
}

async fn finish(ctx: &Ctx<'_>, result: HandlerResult) {
    let answer = match result {
        // A second look comes from `look_again`; one asked for there finds nothing more.
        Ok(()) | Err(HandlerError::Queued | HandlerError::LookAgain) => return,
        Err(HandlerError::User(text)) => text,
        Err(HandlerError::Internal(error)) if unwritable(&error) => {
            // A full disk or a read-only database: nothing was stored, so say so (never a
            // "thanks"), and let the person send it again once there is room.
            metrics::counter!("coloop_handler_errors_total").increment(1);
            tracing::error!(
                error = format!("{error:#}"),
                "the database cannot be written: nothing was saved"
            );
            ctx.texts().not_saved()
        }
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
            HandlerError::Queued | HandlerError::LookAgain => return,
        };
        tracing::error!(error = format!("{error:#}"), "could not answer");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an info event inside an update's span writes, with logging at `level`.
    fn logged_at(level: tracing::Level) -> String {
        let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = lines.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(level)
            .with_ansi(false)
            .with_writer(move || Sink(sink.clone()))
            .finish();
        let update: Update =
            serde_json::from_value(serde_json::json!({"update_id": 7})).expect("an update");
        let user: User = serde_json::from_value(
            serde_json::json!({"id": 987654321, "is_bot": false, "first_name": "Sol"}),
        )
        .expect("a user");
        tracing::subscriber::with_default(subscriber, || {
            let span = span_for(&update, Some(ChatId(987654321)), Some(&user));
            let _entered = span.enter();
            tracing::info!("command");
        });
        let bytes = lines.lock().unwrap().clone();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    struct Sink(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Issue #20, item 15: no Telegram id at info level; at debug level they help.
    #[test]
    fn telegram_ids_are_logged_at_debug_level_only() {
        let info = logged_at(tracing::Level::INFO);
        assert!(info.contains("update_id=7"), "{info}");
        assert!(!info.contains("987654321"), "{info}");
        let debug = logged_at(tracing::Level::DEBUG);
        assert!(debug.contains("user_id=987654321"), "{debug}");
    }
}
