//! `/newgroup <slug> <name>` (coordinators): creates a working group and hands out its links.

use chrono::Utc;
use coloop_core::domain::{Challenge, GroupName, GroupSlug};
use coloop_core::store::CreateGroup;

use crate::telegram::{Ctx, HandlerResult, refuse};
use crate::texts;

pub async fn newgroup(
    ctx: &Ctx<'_>,
    slug: &GroupSlug,
    name: &GroupName,
    challenge: &Challenge,
) -> HandlerResult {
    if !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let group = match ctx
        .store()
        .create_group_by(
            slug,
            name,
            challenge,
            Some(&super::people::audit_actor(ctx)),
            Utc::now(),
        )
        .await?
    {
        CreateGroup::Created(group) => group,
        CreateGroup::SlugTaken => return refuse(ctx.texts().slug_taken(slug)),
    };
    tracing::info!(group = %group.slug, "working group created");
    let bot = &ctx.app.bot_username;
    ctx.reply(ctx.texts().group_created(
        group.name.as_str(),
        &group.slug,
        &texts::invite_link(bot, &group.member_code),
        &texts::invite_link(bot, &group.facilitator_code),
    ))
    .await?;
    Ok(())
}
