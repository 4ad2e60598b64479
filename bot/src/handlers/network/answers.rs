//! The answers to an introduction: Accept or No thanks. Only when everyone accepted does each
//! get the others' contact (the @username where there is one, and always the relay); when
//! someone declines — or erases their data while it is pending (`/forget`) — the others are
//! told it did not happen, never why. The facilitator's status message shows each answer.

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::{IntroState, IntroductionId, MessageId};
use coloop_core::store::{Answered, IntroPerson, IntroView};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, ParseMode};

use super::introduce::{actor_of, others, with_actor};
use super::{in_own_chat, send_to, texts_for};
use crate::telegram::{Ctx, HandlerResult, answer_callback, edit_pressed_message};

pub async fn on_answer(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    intro: IntroductionId,
    accept: bool,
) -> HandlerResult {
    let answered = if in_own_chat(ctx, query) {
        ctx.store()
            .answer_introduction(intro, ctx.actor.id, accept, Utc::now())
            .await?
    } else {
        Answered::Stale
    };
    let view = match (&answered, ctx.store().intro(intro).await?) {
        (Answered::Stale, _) | (_, None) => {
            return answer_callback(ctx, query, ctx.texts().stale_button()).await;
        }
        (_, Some(view)) => view,
    };
    tracing::info!(%intro, accept, outcome = ?answered, "an answer to an introduction");
    let people = ctx.store().intro_people(intro).await?;
    let Some(me) = people.iter().find(|p| p.telegram_id == ctx.actor.id) else {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    };
    let actor = actor_of(ctx, &view).await?;
    answer_callback(ctx, query, ctx.texts().intro_answer_toast()).await?;
    edit_pressed_message(
        ctx,
        query,
        ctx.texts()
            .intro_answered(&with_actor(others(&people, me), actor.as_ref()), accept),
    )
    .await?;
    show_status(ctx, &view, &people).await;
    match answered {
        Answered::Made => disclose(ctx, &view, &people).await,
        Answered::Declined => did_not_happen(ctx, &view, &people, me).await,
        Answered::Waiting | Answered::Stale => Ok(()),
    }
}

/// The facilitator's status message, shown again (best effort).
async fn show_status(ctx: &Ctx<'_>, view: &IntroView, people: &[IntroPerson]) {
    let (Some(chat), Some(message)) = (
        view.facilitator,
        view.status_message_id.and_then(MessageId::to_i32),
    ) else {
        return;
    };
    let state = ctx
        .store()
        .intro(view.id)
        .await
        .ok()
        .flatten()
        .map_or(view.state, |v| v.state);
    let texts = texts_for(ctx, view.facilitator_language.as_deref());
    ctx.app.other_sends.sent();
    if let Err(error) = ctx
        .bot
        .edit_message_text(
            ChatId(chat.get()),
            teloxide::types::MessageId(message),
            texts.intro_status(&view.group_name, people, state),
        )
        .parse_mode(ParseMode::Html)
        .await
    {
        tracing::info!(%error, "could not show an introduction's status");
    }
}

/// Everyone accepted: each gets, for each other person, their contact and a relay to them,
/// and the actor's published contact if they were introduced to one.
async fn disclose(ctx: &Ctx<'_>, view: &IntroView, people: &[IntroPerson]) -> HandlerResult {
    let now = Utc::now();
    if let Some(actor) = actor_of(ctx, view).await? {
        for person in people {
            let texts = texts_for(ctx, person.language.as_deref());
            let html = texts.intro_made_actor(&view.group_name, &actor);
            send_to(ctx, person.telegram_id, html, None).await?;
        }
    }
    for (relay, a, b) in ctx.store().relays_of(view.id).await? {
        let (Some(a), Some(b)) = (
            people.iter().find(|p| p.person == a),
            people.iter().find(|p| p.person == b),
        ) else {
            continue;
        };
        for (to, peer) in [(a, b), (b, a)] {
            let texts = texts_for(ctx, to.language.as_deref());
            let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
                texts.relay_end_button(),
                Callback::RelayEnd(relay).encode(),
            )]]);
            let html = texts.intro_made(&view.group_name, &peer.name, peer.username.as_deref());
            if let Some(sent) = send_to(ctx, to.telegram_id, html, Some(keyboard)).await? {
                ctx.store()
                    .add_relay_message(relay, to.person, MessageId::from(sent.id.0), None, now)
                    .await?;
            }
        }
    }
    tracing::info!(intro = %view.id, "an introduction is made");
    Ok(())
}

/// Someone declined or withdrew: everyone else is told it did not happen, without why.
async fn did_not_happen(
    ctx: &Ctx<'_>,
    view: &IntroView,
    people: &[IntroPerson],
    who: &IntroPerson,
) -> HandlerResult {
    for person in people.iter().filter(|p| p.person != who.person) {
        let texts = texts_for(ctx, person.language.as_deref());
        let html = texts.intro_did_not_happen(&view.group_name, &others(people, person));
        send_to(ctx, person.telegram_id, html, None).await?;
    }
    Ok(())
}

/// `/forget` confirmed: the person's introductions not decided yet are withdrawn first, and
/// their other people (and facilitator) told it did not happen.
pub async fn withdraw_for_forget(ctx: &Ctx<'_>) -> HandlerResult {
    let withdrawn = ctx
        .store()
        .withdraw_introductions_of(ctx.actor.id, Utc::now())
        .await?;
    for (view, rest) in withdrawn {
        tracing::info!(intro = %view.id, "an introduction withdrawn by an erasure");
        // Only those who were asked hear of it.
        if view.note.is_some() {
            for person in &rest {
                let texts = texts_for(ctx, person.language.as_deref());
                let html = texts.intro_did_not_happen(&view.group_name, &others(&rest, person));
                send_to(ctx, person.telegram_id, html, None).await?;
            }
        }
        if view.facilitator != Some(ctx.actor.id) {
            let mut shown = view.clone();
            shown.state = IntroState::Withdrawn;
            show_status(ctx, &shown, &rest).await;
        }
    }
    Ok(())
}
