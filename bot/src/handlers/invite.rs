//! `/invite <group>`: the member link for facilitators; both links for coordinators.

use coloop_core::domain::GroupSlug;

use super::{GroupAccess, require_facilitator};
use crate::telegram::{Ctx, HandlerResult, refuse};
use crate::texts;

pub async fn invite(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    let access = require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    if group.archived {
        return refuse(ctx.texts().archived(group.name.as_str()));
    }
    let bot = &ctx.app.bot_username;
    let facilitator_link = (access == GroupAccess::Coordinator)
        .then(|| texts::invite_link(bot, &group.facilitator_code));
    ctx.reply(ctx.texts().invite_links(
        group.name.as_str(),
        &texts::invite_link(bot, &group.member_code),
        facilitator_link.as_deref(),
    ))
    .await?;
    Ok(())
}
