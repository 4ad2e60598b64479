//! `/link <group>` and `/unlink`, sent inside a Telegram group chat by a facilitator of the
//! working group: its posts are then also posted in that chat (or forum topic), and replies to
//! them there are comments of their authors.

use chrono::Utc;
use coloop_core::domain::GroupSlug;
use coloop_core::store::Linked;

use super::{active_group, require_facilitator};
use crate::telegram::{Ctx, HandlerResult, refuse};

pub async fn link(
    ctx: &Ctx<'_>,
    msg: &teloxide::types::Message,
    slug: &GroupSlug,
) -> HandlerResult {
    let (_, group) = active_group(ctx, slug).await?;
    let thread = msg
        .thread_id
        .filter(|_| msg.is_topic_message)
        .map(|t| i64::from(t.0.0));
    let title = msg.chat.title().unwrap_or_default();
    match ctx
        .store()
        .link_chat(
            group.id,
            msg.chat.id.0,
            thread,
            title,
            ctx.actor.id,
            Utc::now(),
        )
        .await?
    {
        Linked::Linked | Linked::Already => {
            tracing::info!(group = %group.slug, chat = msg.chat.id.0, "group chat linked");
            super::people::audited(
                ctx,
                &group.slug,
                coloop_core::domain::AuditAction::ChatLinked,
                title.to_owned(),
            )
            .await;
            ctx.reply(ctx.texts().linked(group.name.as_str(), thread.is_some()))
                .await?;
            Ok(())
        }
        Linked::OtherGroup(other) => refuse(ctx.texts().linked_elsewhere(&other)),
    }
}

pub async fn unlink(ctx: &Ctx<'_>, msg: &teloxide::types::Message) -> HandlerResult {
    let Some(slug) = ctx.store().linked_group(msg.chat.id.0).await? else {
        return refuse(ctx.texts().not_linked());
    };
    require_facilitator(ctx, &slug).await?;
    ctx.store().unlink_chat(msg.chat.id.0, Utc::now()).await?;
    let title = msg.chat.title().unwrap_or_default().to_owned();
    super::people::audited(
        ctx,
        &slug,
        coloop_core::domain::AuditAction::ChatUnlinked,
        title,
    )
    .await;
    ctx.reply(ctx.texts().unlinked()).await?;
    Ok(())
}
