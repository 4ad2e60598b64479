//! `/volunteers <group> [post]` (the group's facilitators, coordinators): who offered help
//! with what, with what they can offer and how they agreed to be contacted, newest first.

use coloop_core::domain::{GroupSlug, PostId};

use crate::handlers::require_facilitator;
use crate::telegram::{Ctx, HandlerResult, refuse};

pub async fn volunteers(ctx: &Ctx<'_>, slug: &GroupSlug, post: Option<PostId>) -> HandlerResult {
    require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    let lines = ctx.store().volunteers(group.id, post).await?;
    ctx.reply(
        ctx.texts()
            .volunteers_list(group.name.as_str(), post, &lines),
    )
    .await?;
    Ok(())
}
