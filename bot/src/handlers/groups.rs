//! `/groups` and `/leave <group>`.

use chrono::Utc;
use coloop_core::domain::GroupSlug;

use crate::telegram::{Ctx, HandlerResult, refuse};

pub async fn groups(ctx: &Ctx<'_>) -> HandlerResult {
    let mine = ctx.store().memberships_of(ctx.actor.id).await?;
    let finished = ctx.store().finished_groups_of(ctx.actor.id).await?;
    // Coordinators see the platform's groups first; "you are in no group yet" is for people
    // who can do nothing else.
    let mut text = if ctx.is_coordinator().await? {
        let all = ctx.texts().all_groups(&ctx.store().list_groups().await?);
        let mut text = all.trim_start().to_owned();
        if !mine.is_empty() {
            text.push_str("\n\n");
            text.push_str(&ctx.texts().my_groups(&mine));
        }
        text
    } else {
        ctx.texts().my_groups(&mine)
    };
    if !finished.is_empty() {
        text.push('\n');
        text.push_str(&ctx.texts().finished_groups(&finished));
    }
    ctx.reply(text).await?;
    Ok(())
}

pub async fn leave(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    if !ctx.store().leave(ctx.actor.id, slug, Utc::now()).await? {
        return refuse(ctx.texts().not_in_group(slug));
    }
    ctx.reply(ctx.texts().left(slug)).await?;
    Ok(())
}
