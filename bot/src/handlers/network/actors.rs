//! Other actors: `/actor add <group> <name>` (+ `offers:`, `contact:`, `category:` lines),
//! `/actors <group>` (the group's facilitators, coordinators), and `/share_actor <number>`: a
//! notice to the group's members through the durable, rate-limited outbox, like a post.

use chrono::Utc;
use coloop_core::command::NewActor;
use coloop_core::domain::GroupSlug;
use coloop_core::store::RenderedPost;

use crate::handlers::{active_group, may_facilitate, require_facilitator};
use crate::telegram::{Ctx, HandlerResult, refuse};

pub async fn add(ctx: &Ctx<'_>, actor: &NewActor) -> HandlerResult {
    let (_, group) = active_group(ctx, &actor.group).await?;
    let id = ctx
        .store()
        .add_actor(group.id, actor, ctx.actor.id, Utc::now())
        .await?;
    tracing::info!(group = %group.slug, actor = id, "an actor added");
    ctx.reply(
        ctx.texts()
            .actor_added(id, actor.name.as_str(), group.name.as_str()),
    )
    .await?;
    Ok(())
}

pub async fn list(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    let actors = ctx.store().actors_of(group.id).await?;
    ctx.reply(ctx.texts().actors_list(group.name.as_str(), &actors))
        .await?;
    Ok(())
}

/// `/share_actor <number>`: facilitators of the actor's group (coordinators); to anyone else
/// the actor does not exist.
pub async fn share(ctx: &Ctx<'_>, id: i64) -> HandlerResult {
    let Some(actor) = ctx.store().actor(id).await? else {
        return refuse(ctx.texts().actor_unknown(id));
    };
    let Some(group) = ctx.store().group_by_id(actor.group_id).await? else {
        return refuse(ctx.texts().actor_unknown(id));
    };
    if !may_facilitate(ctx, &group.slug).await? {
        return refuse(ctx.texts().actor_unknown(id));
    }
    let (_, group) = active_group(ctx, &group.slug).await?;
    let mut rendered = RenderedPost::default();
    for texts in ctx.app.i18n.all() {
        rendered.insert(
            texts.code(),
            vec![texts.actor_notice(group.name.as_str(), &actor)],
        );
    }
    let sharer = ctx
        .store()
        .person_by_telegram(ctx.actor.id)
        .await?
        .map(|p| p.id);
    let queued = ctx
        .store()
        .share_actor(group.id, &rendered, sharer, Utc::now())
        .await?;
    ctx.app.outbox.wake();
    tracing::info!(actor = id, queued, "an actor shared");
    ctx.reply(
        ctx.texts()
            .actor_shared(&actor.name, group.name.as_str(), queued),
    )
    .await?;
    Ok(())
}
