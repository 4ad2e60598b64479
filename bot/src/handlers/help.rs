//! `/help`: what *this* person can do, by role.

use coloop_core::domain::Role;

use crate::telegram::{Ctx, HandlerResult};
use crate::texts::Abilities;

pub async fn help(ctx: &Ctx<'_>) -> HandlerResult {
    let groups = ctx.store().memberships_of(ctx.actor.id).await?;
    let can = Abilities {
        member: groups.iter().any(|g| g.role == Role::Member),
        facilitator: groups.iter().any(|g| g.role == Role::Facilitator),
        coordinator: ctx.is_coordinator().await?,
    };
    ctx.reply(ctx.texts().help(can)).await?;
    Ok(())
}
