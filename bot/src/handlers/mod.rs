//! One file per feature. Every handler checks rights first, then acts through the store.

pub mod broadcast;
pub mod comments;
pub mod digest;
pub mod drafts;
pub mod fallback;
pub mod groups;
pub mod help;
pub mod invite;
pub mod language;
pub mod lifecycle;
pub mod link;
pub mod network;
pub mod newgroup;
pub mod people;
pub mod rights;
pub mod start;
pub mod surveys;
pub mod web;

use coloop_core::command::Who;
use coloop_core::domain::{GroupSlug, Role};
use coloop_core::store::Group;

use crate::telegram::{Ctx, HandlerError, refuse};

/// How the actor may act on one group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupAccess {
    Coordinator,
    Facilitator,
}

/// Rights check shared by facilitator commands: coordinators may act on any group (which must
/// exist), facilitators only on their own. Anyone else is refused without learning whether the
/// group exists.
pub async fn require_facilitator(
    ctx: &Ctx<'_>,
    slug: &GroupSlug,
) -> Result<GroupAccess, HandlerError> {
    if ctx.is_coordinator().await? {
        return Ok(GroupAccess::Coordinator);
    }
    match ctx.store().role_in(ctx.actor.id, slug).await? {
        Some(Role::Facilitator) => Ok(GroupAccess::Facilitator),
        Some(Role::Member) => refuse(ctx.texts().facilitators_only(slug)),
        None => refuse_finished_or_not_facilitator(ctx, slug).await,
    }
}

/// A group the actor may act on as a facilitator (see [`require_facilitator`]) that is still
/// running: an unknown group is refused, and an archived one with "it has finished".
pub async fn active_group(
    ctx: &Ctx<'_>,
    slug: &GroupSlug,
) -> Result<(GroupAccess, Group), HandlerError> {
    let access = require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    if group.archived {
        return refuse(ctx.texts().group_finished(group.name.as_str()));
    }
    Ok((access, group))
}

/// A facilitator of a group that has been archived is told it has finished; anyone else is
/// refused as before.
async fn refuse_finished_or_not_facilitator<T>(
    ctx: &Ctx<'_>,
    slug: &GroupSlug,
) -> Result<T, HandlerError> {
    let store = ctx.store();
    if store.role_in_archived(ctx.actor.id, slug).await? == Some(Role::Facilitator)
        && let Some(group) = store.group_by_slug(slug).await?
    {
        return refuse(ctx.texts().group_finished(group.name.as_str()));
    }
    refuse(ctx.texts().facilitators_only(slug))
}

/// Whether the actor may act for `slug` as a facilitator (or a coordinator). For commands
/// that name an object by number: someone who may not is answered exactly as for a number
/// that does not exist, so that they learn neither its group nor its state (issue #20).
pub async fn may_facilitate(ctx: &Ctx<'_>, slug: &GroupSlug) -> Result<bool, HandlerError> {
    Ok(ctx.is_coordinator().await?
        || ctx.store().role_in(ctx.actor.id, slug).await? == Some(Role::Facilitator))
}

/// Refuses the actor a command they may not use at all (before its grammar is explained):
/// coordinator commands to everyone else, facilitator commands to people who facilitate no
/// group. Whether they may act on a given group is the handler's check.
pub async fn may_use(ctx: &Ctx<'_>, who: Who) -> Result<(), HandlerError> {
    match who {
        Who::Anyone => Ok(()),
        _ if ctx.is_coordinator().await? => Ok(()),
        Who::Coordinators => refuse(ctx.texts().coordinators_only()),
        Who::Facilitators if !facilitated_groups(ctx).await?.is_empty() => Ok(()),
        Who::Facilitators => refuse(ctx.texts().facilitators_only_command()),
    }
}

/// The groups the actor facilitates, by slug.
pub async fn facilitated_groups(ctx: &Ctx<'_>) -> Result<Vec<GroupSlug>, HandlerError> {
    Ok(ctx
        .store()
        .memberships_of(ctx.actor.id)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Facilitator)
        .map(|m| m.slug)
        .collect())
}
