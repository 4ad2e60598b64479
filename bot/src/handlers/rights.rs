//! Participant rights: `/stop`, `/resume` (and the word STOP), `/privacy`, `/mydata`,
//! `/forget`, and noticing when someone blocks or unblocks the bot.

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::{GroupSlug, TelegramId};
use teloxide::prelude::*;
use teloxide::types::{
    CallbackQuery, ChatMemberKind, ChatMemberUpdated, InlineKeyboardButton, InlineKeyboardMarkup,
    InputFile,
};

use crate::telegram::App;
use crate::telegram::{Ctx, HandlerResult, answer_callback, edit_pressed_message, refuse};

pub async fn stop(ctx: &Ctx<'_>, group: Option<&GroupSlug>) -> HandlerResult {
    let store = ctx.store();
    if store.person_by_telegram(ctx.actor.id).await?.is_none() {
        return refuse(ctx.texts().nothing_stored());
    }
    match group {
        None => {
            let text = if store.pause(ctx.actor.id, Utc::now()).await? {
                tracing::info!("paused everything");
                ctx.texts().paused_all()
            } else {
                ctx.texts().already_paused()
            };
            ctx.reply(text).await?;
        }
        Some(slug) => {
            if store.role_in(ctx.actor.id, slug).await?.is_none() {
                return refuse(ctx.texts().not_in_group(slug));
            }
            store.pause_group(ctx.actor.id, slug, Utc::now()).await?;
            ctx.reply(ctx.texts().paused_group(slug)).await?;
        }
    }
    Ok(())
}

pub async fn resume(ctx: &Ctx<'_>, group: Option<&GroupSlug>) -> HandlerResult {
    let store = ctx.store();
    match group {
        None => {
            let lifted = store.resume_all(ctx.actor.id).await?;
            ctx.reply(if lifted > 0 {
                ctx.texts().resumed()
            } else {
                ctx.texts().nothing_to_resume()
            })
            .await?;
        }
        Some(slug) => {
            if store.role_in(ctx.actor.id, slug).await?.is_none() {
                return refuse(ctx.texts().not_in_group(slug));
            }
            store.resume_group(ctx.actor.id, slug).await?;
            let still_paused = store.is_paused(ctx.actor.id).await?;
            ctx.reply(ctx.texts().resumed_group(slug, still_paused))
                .await?;
        }
    }
    Ok(())
}

pub async fn privacy(ctx: &Ctx<'_>) -> HandlerResult {
    let anonymity = ctx
        .texts()
        .privacy_anonymity(ctx.store().anonymity().min_answers);
    ctx.reply(format!(
        "{}\n\n{anonymity}\n\n{}",
        ctx.texts().privacy(),
        ctx.texts().privacy_network()
    ))
    .await?;
    Ok(())
}

pub async fn my_data(ctx: &Ctx<'_>) -> HandlerResult {
    let Some(mut data) = ctx
        .store()
        .personal_data(ctx.actor.id, &ctx.app.surveys.key)
        .await?
    else {
        return refuse(ctx.texts().nothing_stored());
    };
    // Each answer also as the person saw it, in their language, beside the stored value.
    for record in &mut data.answers {
        if let Some(answer) = &record.answer {
            record.labels = super::surveys::choice_labels(ctx.texts(), answer, &record.options);
        }
    }
    let json = serde_json::to_vec_pretty(&data).map_err(anyhow::Error::from)?;
    ctx.bot
        .send_document(
            ctx.actor.chat,
            InputFile::memory(json).file_name("coloop-my-data.json"),
        )
        .caption(ctx.texts().mydata_caption())
        .await?;
    Ok(())
}

pub async fn forget(ctx: &Ctx<'_>) -> HandlerResult {
    if !ctx.store().stores_anything_about(ctx.actor.id).await? {
        return refuse(ctx.texts().nothing_stored());
    }
    let keyboard = InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(ctx.texts().forget_yes(), Callback::ForgetConfirm.encode()),
        InlineKeyboardButton::callback(ctx.texts().forget_no(), Callback::ForgetCancel.encode()),
    ]]);
    ctx.reply_with(ctx.texts().forget_confirm(), keyboard)
        .await?;
    Ok(())
}

pub async fn on_forget_button(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    confirmed: bool,
) -> HandlerResult {
    if !confirmed {
        answer_callback(ctx, query, ctx.texts().not_forgotten()).await?;
        return edit_pressed_message(ctx, query, ctx.texts().not_forgotten()).await;
    }
    // Their introductions not decided yet are withdrawn, and the others told (issue #19).
    super::network::withdraw_for_forget(ctx).await?;
    // Their anonymous answers are found with the key, in the erasing transaction.
    let erased = ctx
        .store()
        .erase_person(ctx.actor.id, &ctx.app.surveys.key, Utc::now())
        .await?;
    tracing::info!(erased, "person erased on request");
    answer_callback(ctx, query, ctx.texts().forgotten_toast()).await?;
    edit_pressed_message(ctx, query, ctx.texts().forgotten()).await
}

/// `my_chat_member` in a private chat: the person blocked the bot (`kicked`) or unblocked it.
pub async fn on_my_chat_member(app: &App, update: &ChatMemberUpdated) -> anyhow::Result<()> {
    if !update.chat.is_private() {
        return Ok(());
    }
    let who = TelegramId::new(update.from.id.0 as i64);
    let changed = match update.new_chat_member.kind {
        ChatMemberKind::Banned(_) => app
            .store
            .mark_blocked(who, Utc::now())
            .await?
            .then_some("the person blocked the bot"),
        ChatMemberKind::Member { .. } => app
            .store
            .clear_blocked(who)
            .await?
            .then_some("the person unblocked the bot"),
        _ => None,
    };
    if let Some(what) = changed {
        tracing::info!("{what}");
    }
    Ok(())
}
