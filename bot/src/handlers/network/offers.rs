//! Offering help: "I'd like to help" under a prototype post, `/help_with <post>`, or "yes" to
//! a `volunteer:` survey question records an offer; then two short steps — what the person can
//! offer (a reply, optional: Skip) and how they may be contacted (the facilitator may
//! introduce them, the default; or only the facilitator may). `/offers` lists their offers,
//! each with a Withdraw button: withdrawing takes them off every list at once.

use chrono::{Duration, Utc};
use coloop_core::command::Callback;
use coloop_core::domain::{ContactConsent, MessageId, OfferId, PostId, QuestionId};
use coloop_core::store::{OfferTarget, OfferView, Offerable, SurveyRef};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::in_own_chat;
use crate::telegram::{
    Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message,
    edit_pressed_message_with, refuse,
};

/// How long after the bot asked "what can you offer?" a text that replies to nothing is
/// taken as the answer (a reply to the question itself is taken at any time).
const TEXT_WAIT: Duration = Duration::hours(1);

/// At most this many characters of what a person can offer are kept.
const MAX_OFFER_CHARS: usize = 500;

/// `/help_with <post>`: offer help with a prototype of one of the person's groups.
pub async fn help_with(ctx: &Ctx<'_>, post: PostId) -> HandlerResult {
    match ctx.store().offer_target(ctx.actor.id, post, true).await? {
        Offerable::Yes(target) => start(ctx, &target, None).await,
        Offerable::NotPrototype => refuse(ctx.texts().offer_not_prototype(post)),
        Offerable::Unknown => refuse(ctx.texts().offer_unknown_post(post)),
    }
}

/// "I'd like to help" under a prototype post.
pub async fn on_help_with(ctx: &Ctx<'_>, query: &CallbackQuery, post: PostId) -> HandlerResult {
    if !in_own_chat(ctx, query) {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    match ctx.store().offer_target(ctx.actor.id, post, true).await? {
        Offerable::Yes(target) => {
            answer_callback(ctx, query, ctx.texts().offer_thanks_toast()).await?;
            start(ctx, &target, None).await
        }
        // The person left the group, or the group finished.
        Offerable::NotPrototype | Offerable::Unknown => {
            answer_callback(ctx, query, ctx.texts().stale_button()).await
        }
    }
}

/// A `volunteer:` question answered: "yes" offers help with the survey's post (the two steps
/// are asked once, when the offer is new); "no" withdraws the offer that question's "yes" made.
pub async fn offer_from_survey(
    ctx: &Ctx<'_>,
    survey: &SurveyRef,
    question: QuestionId,
    yes: bool,
) -> HandlerResult {
    if !yes {
        if ctx
            .store()
            .withdraw_question_offer(ctx.actor.id, question)
            .await?
        {
            tracing::info!(survey = %survey.id, "an offer withdrawn by a survey answer");
        }
        return Ok(());
    }
    let Offerable::Yes(target) = ctx
        .store()
        .offer_target(ctx.actor.id, survey.post_id, false)
        .await?
    else {
        return Ok(());
    };
    let Some((offer, new)) = ctx
        .store()
        .record_offer(ctx.actor.id, target.post, Some(question), Utc::now())
        .await?
    else {
        return Ok(());
    };
    if new {
        ask_text(ctx, &target, offer).await?;
    }
    Ok(())
}

/// Records the offer and asks the first step.
async fn start(ctx: &Ctx<'_>, target: &OfferTarget, question: Option<QuestionId>) -> HandlerResult {
    let Some((offer, _)) = ctx
        .store()
        .record_offer(ctx.actor.id, target.post, question, Utc::now())
        .await?
    else {
        return Err(HandlerError::Internal(anyhow::anyhow!(
            "a member offering help is not stored"
        )));
    };
    ask_text(ctx, target, offer).await
}

/// "What can you offer?", with Skip; a reply to it is the answer.
async fn ask_text(ctx: &Ctx<'_>, target: &OfferTarget, offer: OfferId) -> HandlerResult {
    tracing::info!(post = %target.post, %offer, "an offer of help");
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        ctx.texts().offer_skip_button(),
        Callback::OfferSkip(offer).encode(),
    )]]);
    let sent = ctx
        .reply_with(
            ctx.texts()
                .offer_ask_text(target.post, &target.title, &target.group_name),
            keyboard,
        )
        .await?;
    ctx.store()
        .set_offer_prompt(offer, MessageId::from(sent.id.0))
        .await?;
    Ok(())
}

/// The second step's buttons: how may people reach you?
fn contact_keyboard(ctx: &Ctx<'_>, offer: OfferId) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(
        [ContactConsent::Introduce, ContactConsent::FacilitatorOnly].map(|consent| {
            [InlineKeyboardButton::callback(
                ctx.texts().offer_contact_button(consent),
                Callback::OfferContact(offer, consent).encode(),
            )]
        }),
    )
}

/// A text in a private chat that says what the person can offer: a reply to the bot's
/// question, or any text soon after it while it waits. Whether it was taken (else it is
/// someone else's: a comment).
pub async fn on_text(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let replied = msg.reply_to_message().map(|m| MessageId::from(m.id.0));
    let now = Utc::now();
    let Some(offer) = ctx
        .store()
        .offer_for_text(ctx.actor.id, replied, now - TEXT_WAIT)
        .await?
    else {
        return Ok(false);
    };
    let text: String = text.chars().take(MAX_OFFER_CHARS).collect();
    if ctx
        .store()
        .set_offer_text(offer.id, Some(&text), now)
        .await?
    {
        ctx.reply_with(
            ctx.texts().offer_ask_contact(&offer.post_title),
            contact_keyboard(ctx, offer.id),
        )
        .await?;
    } else {
        ctx.reply(ctx.texts().offer_text_saved(&offer.post_title))
            .await?;
    }
    Ok(true)
}

/// The person's offer a button names; a stale-button toast when it is not theirs or gone.
async fn pressed_offer(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    offer: OfferId,
) -> Result<Option<OfferView>, HandlerError> {
    let found = if in_own_chat(ctx, query) {
        ctx.store().offer_of(ctx.actor.id, offer).await?
    } else {
        None
    };
    if found.is_none() {
        answer_callback(ctx, query, ctx.texts().stale_button()).await?;
    }
    Ok(found)
}

/// Skip under "what can you offer?": on to how they may be contacted.
pub async fn on_skip(ctx: &Ctx<'_>, query: &CallbackQuery, offer: OfferId) -> HandlerResult {
    let Some(view) = pressed_offer(ctx, query, offer).await? else {
        return Ok(());
    };
    ctx.store().set_offer_text(offer, None, Utc::now()).await?;
    answer_callback(ctx, query, ctx.texts().offer_saved_toast()).await?;
    edit_pressed_message_with(
        ctx,
        query,
        &ctx.texts().offer_ask_contact(&view.post_title),
        Some(contact_keyboard(ctx, offer)),
    )
    .await
}

/// How the person agrees to be contacted: the offer is complete.
pub async fn on_contact(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    offer: OfferId,
    contact: ContactConsent,
) -> HandlerResult {
    let Some(view) = pressed_offer(ctx, query, offer).await? else {
        return Ok(());
    };
    ctx.store()
        .set_offer_contact(offer, contact, Utc::now())
        .await?;
    answer_callback(ctx, query, ctx.texts().offer_saved_toast()).await?;
    edit_pressed_message(
        ctx,
        query,
        ctx.texts().offer_done(&view.post_title, contact),
    )
    .await
}

/// The Withdraw buttons under `/offers`, one per offer.
fn withdraw_keyboard(ctx: &Ctx<'_>, offers: &[OfferView]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(offers.iter().map(|offer| {
        [InlineKeyboardButton::callback(
            ctx.texts()
                .offer_withdraw_button(offer.post, &offer.post_title),
            Callback::WithdrawOffer(offer.id).encode(),
        )]
    }))
}

/// `/offers`: what the person offered, each with a Withdraw button.
pub async fn own_offers(ctx: &Ctx<'_>) -> HandlerResult {
    let offers = ctx.store().offers_of(ctx.actor.id).await?;
    let text = ctx.texts().offers_list(&offers);
    if offers.is_empty() {
        ctx.reply(text).await?;
    } else {
        ctx.reply_with(text, withdraw_keyboard(ctx, &offers))
            .await?;
    }
    Ok(())
}

/// Withdraw under `/offers`: the offer is gone from every list; the list is shown again.
pub async fn on_withdraw(ctx: &Ctx<'_>, query: &CallbackQuery, offer: OfferId) -> HandlerResult {
    if !in_own_chat(ctx, query) || !ctx.store().withdraw_offer(ctx.actor.id, offer).await? {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    tracing::info!(%offer, "an offer withdrawn");
    answer_callback(ctx, query, ctx.texts().offer_withdrawn_toast()).await?;
    let offers = ctx.store().offers_of(ctx.actor.id).await?;
    let keyboard = (!offers.is_empty()).then(|| withdraw_keyboard(ctx, &offers));
    edit_pressed_message_with(ctx, query, &ctx.texts().offers_list(&offers), keyboard).await
}
