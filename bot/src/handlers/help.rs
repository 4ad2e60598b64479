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
    let mut text = ctx.texts().help(can);
    let more = ctx.texts().help_groups(can.facilitator, can.coordinator);
    if !more.is_empty() {
        text.push('\n');
        text.push_str(&more);
    }
    if can.member || can.facilitator {
        text.push('\n');
        text.push_str(&ctx.texts().help_member_network());
        text.push('\n');
        text.push_str(&ctx.texts().help_member_whos_who());
    }
    if can.facilitator || can.coordinator {
        text.push('\n');
        text.push_str(&ctx.texts().help_facilitator_network());
        text.push('\n');
        text.push_str(&ctx.texts().help_facilitator_introduce());
        text.push('\n');
        text.push_str(&ctx.texts().help_facilitator_actors());
        text.push('\n');
        text.push_str(&ctx.texts().web_help());
    }
    ctx.reply(text).await?;
    Ok(())
}
