//! The relay between introduced people: a reply to "reply to this message to write to Ana"
//! (or to a message passed on from her) goes to her through the bot, as a new message she can
//! reply to; rate-limited per person; until either ends it with its button. What is written
//! is passed on and not stored; no phone number or Telegram id is ever shown.

use chrono::{Duration, Utc};
use coloop_core::command::Callback;
use coloop_core::domain::{MessageId, RelayId};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::{in_own_chat, send_to, texts_for};
use crate::telegram::{Ctx, HandlerError, HandlerResult, answer_callback};

/// At most this many messages a person passes on through relays in [`RELAY_WINDOW`].
pub const RELAY_LIMIT: i64 = 10;
const RELAY_WINDOW: Duration = Duration::hours(1);

/// At most this many characters of a message are passed on.
const MAX_RELAYED_CHARS: usize = 3000;

/// A reply to a relay message. Whether it was one.
pub async fn on_reply(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    let Some(replied) = msg.reply_to_message() else {
        return Ok(false);
    };
    let Some(target) = ctx
        .store()
        .relay_for_reply(ctx.actor.id, MessageId::from(replied.id.0))
        .await?
    else {
        return Ok(false);
    };
    let Some(peer) = target.peer.as_ref().filter(|_| !target.ended) else {
        ctx.reply(ctx.texts().relay_ended()).await?;
        return Ok(true);
    };
    let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
        ctx.reply(ctx.texts().relay_text_only()).await?;
        return Ok(true);
    };
    let now = Utc::now();
    if ctx
        .store()
        .relayed_since(ctx.actor.id, now - RELAY_WINDOW)
        .await?
        >= RELAY_LIMIT
    {
        tracing::info!(relay = %target.relay, "a relayed message over the limit");
        ctx.reply(ctx.texts().relay_too_many()).await?;
        return Ok(true);
    }
    let text: String = text.chars().take(MAX_RELAYED_CHARS).collect();
    let texts = texts_for(ctx, peer.language.as_deref());
    let keyboard = end_keyboard(texts.relay_end_button(), target.relay);
    let html = texts.relay_message(&target.me.name, &text);
    let Some(sent) = send_to(ctx, peer.telegram_id, html, Some(keyboard)).await? else {
        return Err(HandlerError::Internal(anyhow::anyhow!(
            "a relayed message could not be passed on"
        )));
    };
    ctx.store()
        .add_relay_message(
            target.relay,
            peer.person,
            MessageId::from(sent.id.0),
            Some(target.me.person),
            now,
        )
        .await?;
    tracing::info!(relay = %target.relay, "a message passed on");
    ctx.reply(ctx.texts().relay_sent(&peer.name)).await?;
    Ok(true)
}

fn end_keyboard(label: String, relay: RelayId) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        label,
        Callback::RelayEnd(relay).encode(),
    )]])
}

/// "End this conversation": both are told; replies are no longer passed on.
pub async fn on_end(ctx: &Ctx<'_>, query: &CallbackQuery, relay: RelayId) -> HandlerResult {
    let ended = if in_own_chat(ctx, query) {
        ctx.store()
            .end_relay(relay, ctx.actor.id, Utc::now())
            .await?
    } else {
        None
    };
    let Some(target) = ended else {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    };
    tracing::info!(%relay, "a relay ended");
    answer_callback(ctx, query, ctx.texts().relay_ended_toast()).await?;
    let Some(peer) = target.peer else {
        return Ok(());
    };
    ctx.reply(ctx.texts().relay_ended_notice(&peer.name))
        .await?;
    let texts = texts_for(ctx, peer.language.as_deref());
    send_to(
        ctx,
        peer.telegram_id,
        texts.relay_ended_notice(&target.me.name),
        None,
    )
    .await?;
    Ok(())
}
