//! `/invite <group>`: the member link for facilitators; both links for coordinators.

use coloop_core::domain::GroupSlug;

use super::{GroupAccess, active_group};
use crate::telegram::{Ctx, HandlerResult};
use crate::texts;

pub async fn invite(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    let (access, group) = active_group(ctx, slug).await?;
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
