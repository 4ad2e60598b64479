//! `/outcome`, `/prototype` (facilitators): a preview exactly as members will see it, then
//! Send or Cancel; and `/status`: how the group's latest posts are being delivered, with a
//! "send the failed ones again" button per post that has failed deliveries.
//!
//! The Send button carries the post's idempotency key: the first press writes the post and
//! its deliveries in one transaction; any later press (or a redelivered one) finds it sent.

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::{GroupSlug, PostContent, PostId, PostKey};
use coloop_core::store::{Confirmed, RenderedPost};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::drafts::{answer_cancel, pressed_draft};
use super::{active_group, require_facilitator};
use crate::telegram::{
    Ctx, HandlerResult, answer_callback, edit_pressed_message, refuse, send_cancel_buttons,
};

pub async fn broadcast(
    ctx: &Ctx<'_>,
    msg: &Message,
    slug: &GroupSlug,
    content: &PostContent,
    answers: &[coloop_core::domain::PostId],
) -> HandlerResult {
    let source = (msg.chat.id.0, i64::from(msg.id.0));
    let (_, group) = active_group(ctx, slug).await?;
    // Rendered now in every language: each recipient gets the post in theirs; the preview
    // shows the author's.
    let mut rendered = RenderedPost::default();
    for texts in ctx.app.i18n.all() {
        rendered.insert(
            texts.code(),
            texts.render_post(group.name.as_str(), content),
        );
    }
    // "You said, we did": the earlier posts this one answers must be sent posts of the group.
    let answered = ctx.store().answerable_posts(group.id, answers).await?;
    if answered.len() != answers.len() {
        let missing: Vec<String> = answers
            .iter()
            .filter(|id| !answered.iter().any(|(a, _)| a == *id))
            .map(|id| format!("#{id}"))
            .collect();
        return refuse(ctx.texts().not_answerable(&missing.join(", ")));
    }
    // Members get an "I'd like to help" button under a prototype (issue #19).
    if content.kind() == coloop_core::domain::PostKind::Prototype {
        for texts in ctx.app.i18n.all() {
            rendered.insert_help_label(texts.code(), texts.offer_help_button());
        }
    }
    let titles: Vec<String> = answered.into_iter().map(|(_, title)| title).collect();
    if !titles.is_empty() {
        for texts in ctx.app.i18n.all() {
            rendered.insert_with_note(
                texts.code(),
                texts.render_post_with_note(group.name.as_str(), content, &titles),
            );
        }
    }
    let parts = ctx.texts().render_post(group.name.as_str(), content);
    let draft = ctx
        .store()
        .create_draft(
            group.id,
            ctx.actor.id,
            Some(source),
            content,
            &rendered,
            Utc::now(),
        )
        .await?;
    ctx.store().set_post_answers(draft.id, answers).await?;
    tracing::info!(group = %group.slug, post = %draft.id, kind = content.kind().as_str(), "draft for preview");
    for part in &parts {
        ctx.reply(part.clone()).await?;
    }
    let recipients = ctx.store().recipient_count(group.id, ctx.actor.id).await?;
    let keyboard = send_cancel_buttons(
        ctx.texts(),
        Callback::Send(draft.key.clone()),
        Callback::Cancel(draft.key),
    );
    let chats = ctx.store().linked_chat_count(group.id).await?;
    let mut control =
        ctx.texts()
            .preview_control(group.name.as_str(), recipients, chats, parts.len());
    if !answers.is_empty() {
        let told = ctx
            .store()
            .feedback_givers(group.id, ctx.actor.id, answers)
            .await?;
        control.push('\n');
        control.push_str(&ctx.texts().preview_note_count(told));
    }
    ctx.reply_with(control, keyboard).await?;
    Ok(())
}

pub async fn on_send(ctx: &Ctx<'_>, query: &CallbackQuery, key: &PostKey) -> HandlerResult {
    let found = ctx.store().post_by_key(key).await?;
    let Some(post) = pressed_draft(ctx, query, found, |p| p.author).await? else {
        return Ok(());
    };
    // Rights may have changed since the preview: check again.
    require_facilitator(ctx, &post.group_slug).await?;
    match ctx.store().confirm_post(key, Utc::now()).await? {
        Confirmed::Sent {
            post: id,
            recipients,
        } => {
            tracing::info!(post = %id, recipients, "broadcast queued");
            super::people::audited(
                ctx,
                &post.group_slug,
                coloop_core::domain::AuditAction::PostSent,
                format!("#{id}"),
            )
            .await;
            ctx.app.outbox.wake();
            answer_callback(ctx, query, ctx.texts().broadcast_queued_toast()).await?;
            let name = ctx
                .store()
                .group_by_slug(&post.group_slug)
                .await?
                .map(|g| g.name.as_str().to_owned())
                .unwrap_or_else(|| post.group_slug.to_string());
            edit_pressed_message(ctx, query, &ctx.texts().broadcast_queued(&name, recipients)).await
        }
        Confirmed::AlreadySent { .. } => {
            answer_callback(ctx, query, ctx.texts().already_sent_toast()).await
        }
        Confirmed::Cancelled => {
            answer_callback(ctx, query, ctx.texts().draft_cancelled_toast()).await
        }
        Confirmed::Unknown => answer_callback(ctx, query, ctx.texts().stale_button()).await,
    }
}

pub async fn on_cancel(ctx: &Ctx<'_>, query: &CallbackQuery, key: &PostKey) -> HandlerResult {
    let found = ctx.store().post_by_key(key).await?;
    if pressed_draft(ctx, query, found, |p| p.author)
        .await?
        .is_none()
    {
        return Ok(());
    }
    answer_cancel(ctx, query, ctx.store().cancel_post(key).await?).await
}

pub async fn status(ctx: &Ctx<'_>, slug: Option<&GroupSlug>) -> HandlerResult {
    let slug = match slug {
        Some(slug) => slug.clone(),
        None => {
            let mine = super::facilitated_groups(ctx).await?;
            match mine.as_slice() {
                [only] => only.clone(),
                _ => return refuse(ctx.texts().which_group(&mine)),
            }
        }
    };
    require_facilitator(ctx, &slug).await?;
    let Some(group) = ctx.store().group_by_slug(&slug).await? else {
        return refuse(ctx.texts().unknown_group(&slug));
    };
    let posts = ctx.store().post_statuses(group.id, 10).await?;
    let text = ctx.texts().status(group.name.as_str(), &posts);
    let retry: Vec<[InlineKeyboardButton; 1]> = posts
        .iter()
        .filter(|p| p.failed > 0)
        .map(|p| {
            [InlineKeyboardButton::callback(
                ctx.texts().retry_failed_button(p.id, p.failed),
                Callback::RetryFailed(p.id).encode(),
            )]
        })
        .collect();
    if retry.is_empty() {
        ctx.reply(text).await?;
    } else {
        ctx.reply_with(text, InlineKeyboardMarkup::new(retry))
            .await?;
    }
    Ok(())
}

/// "Send the failed ones again" under `/status` (facilitators of the post's group,
/// coordinators): the post's failed deliveries go out again; nobody who got it gets it twice.
pub async fn on_retry_failed(ctx: &Ctx<'_>, query: &CallbackQuery, post: PostId) -> HandlerResult {
    let Some(slug) = ctx.store().group_of_post(post).await? else {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    };
    require_facilitator(ctx, &slug).await?;
    let queued = ctx.store().retry_failed(Some(post), Utc::now()).await?;
    if queued > 0 {
        ctx.app.outbox.wake();
    }
    tracing::info!(%post, queued, "failed deliveries queued again");
    answer_callback(ctx, query, ctx.texts().retry_failed_done(queued)).await
}
