//! A group's links and life (issue #13): `/rotate`, `/invite` with an expiry or a use cap,
//! `/archive` (confirmed with a button) and `/unarchive`, and `/audit`.

use chrono::{Duration, Utc};
use coloop_core::command::Callback;
use coloop_core::domain::{GroupId, GroupSlug, Role};
use coloop_core::store::{Group, LinkLimit, Rotation};
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::people::{ack, audit_actor};
use super::{GroupAccess, require_facilitator};
use crate::telegram::{Ctx, HandlerError, HandlerResult, edit_pressed_message, refuse};
use crate::texts;

async fn group_for(ctx: &Ctx<'_>, slug: &GroupSlug) -> Result<(Group, GroupAccess), HandlerError> {
    let access = require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    Ok((group, access))
}

async fn coordinator_group(ctx: &Ctx<'_>, slug: &GroupSlug) -> Result<Group, HandlerError> {
    if !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    match ctx.store().group_by_slug(slug).await? {
        Some(group) => Ok(group),
        None => refuse(ctx.texts().unknown_group(slug)),
    }
}

/// The new link(s), after a rotation.
fn rotated_text(ctx: &Ctx<'_>, group: &Group, which: Rotation) -> String {
    let bot = &ctx.app.bot_username;
    let member = texts::invite_link(bot, &group.member_code);
    let facilitator = texts::invite_link(bot, &group.facilitator_code);
    let links = match which {
        Rotation::Member => ctx.texts().invite_links(group.name.as_str(), &member, None),
        Rotation::Facilitator | Rotation::Both => {
            ctx.texts()
                .invite_links(group.name.as_str(), &member, Some(&facilitator))
        }
    };
    format!("{}\n\n{links}", ctx.texts().rotated(group.name.as_str()))
}

/// `/rotate <group>`: a facilitator replaces the member link; a coordinator chooses.
pub async fn rotate(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    let (group, access) = group_for(ctx, slug).await?;
    if group.archived {
        return refuse(ctx.texts().group_finished(group.name.as_str()));
    }
    if access == GroupAccess::Facilitator {
        let Some(group) = ctx
            .store()
            .rotate_links(group.id, Rotation::Member, &audit_actor(ctx), Utc::now())
            .await?
        else {
            return refuse(ctx.texts().unknown_group(slug));
        };
        ctx.reply(rotated_text(ctx, &group, Rotation::Member))
            .await?;
        return Ok(());
    }
    let button = |role: Option<Role>| {
        InlineKeyboardButton::callback(
            ctx.texts().rotate_button(role),
            Callback::Rotate(group.id, role).encode(),
        )
    };
    let keyboard = InlineKeyboardMarkup::new([
        vec![
            button(Some(Role::Member)),
            button(Some(Role::Facilitator)),
            button(None),
        ],
        vec![InlineKeyboardButton::callback(
            ctx.texts().dismiss_button(),
            Callback::Dismiss.encode(),
        )],
    ]);
    ctx.reply_with(ctx.texts().rotate_choose(group.name.as_str()), keyboard)
        .await?;
    Ok(())
}

pub async fn on_rotate(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: GroupId,
    role: Option<Role>,
) -> HandlerResult {
    let Some(found) = ctx.store().group_by_id(group).await? else {
        return refuse(ctx.texts().stale_button());
    };
    let access = require_facilitator(ctx, &found.slug).await?;
    let which = match role {
        Some(Role::Member) => Rotation::Member,
        Some(Role::Facilitator) => Rotation::Facilitator,
        None => Rotation::Both,
    };
    if access != GroupAccess::Coordinator && which != Rotation::Member {
        return refuse(ctx.texts().coordinators_only());
    }
    ack(ctx, query).await;
    let Some(group) = ctx
        .store()
        .rotate_links(group, which, &audit_actor(ctx), Utc::now())
        .await?
    else {
        return refuse(ctx.texts().stale_button());
    };
    edit_pressed_message(ctx, query, rotated_text(ctx, &group, which)).await
}

/// `/invite <group> [expires 7d] [uses 50]`: the member link with an expiry and/or a cap.
pub async fn invite_limited(
    ctx: &Ctx<'_>,
    slug: &GroupSlug,
    expires_days: Option<u32>,
    uses: Option<u32>,
) -> HandlerResult {
    let (group, access) = group_for(ctx, slug).await?;
    if group.archived {
        return refuse(ctx.texts().archived(group.name.as_str()));
    }
    let now = Utc::now();
    let limit = LinkLimit {
        expires_at: expires_days.map(|d| now + Duration::days(i64::from(d))),
        max_uses: uses.map(i64::from),
        uses: 0,
    };
    ctx.store()
        .limit_link(group.id, Role::Member, &limit, &audit_actor(ctx), now)
        .await?;
    let bot = &ctx.app.bot_username;
    let facilitator_link = (access == GroupAccess::Coordinator)
        .then(|| texts::invite_link(bot, &group.facilitator_code));
    let links = ctx.texts().invite_links(
        group.name.as_str(),
        &texts::invite_link(bot, &group.member_code),
        facilitator_link.as_deref(),
    );
    ctx.reply(format!("{links}\n\n{}", ctx.texts().invite_limit(&limit)))
        .await?;
    Ok(())
}

/// `/archive <group>` (coordinators): what happens, and a confirm button.
pub async fn archive(ctx: &Ctx<'_>, slug: &GroupSlug, farewell: Option<&str>) -> HandlerResult {
    let group = coordinator_group(ctx, slug).await?;
    if group.archived {
        return refuse(ctx.texts().already_archived(group.name.as_str()));
    }
    ctx.store().set_farewell(group.id, farewell).await?;
    let keyboard = InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            ctx.texts().archive_button(),
            Callback::ConfirmArchive(group.id).encode(),
        ),
        InlineKeyboardButton::callback(ctx.texts().dismiss_button(), Callback::Dismiss.encode()),
    ]]);
    ctx.reply_with(
        ctx.texts().archive_confirm(group.name.as_str(), farewell),
        keyboard,
    )
    .await?;
    Ok(())
}

pub async fn on_confirm_archive(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: GroupId,
) -> HandlerResult {
    if !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let Some(group) = ctx.store().group_by_id(group).await? else {
        return refuse(ctx.texts().stale_button());
    };
    ack(ctx, query).await;
    let name = group.name.as_str();
    // The thanks go through the outbox, queued with the archiving itself: within Telegram's
    // limits, after a restart too, and once.
    let farewell = ctx.store().farewell(group.id).await?;
    let thanks = texts::farewell_rendering(&ctx.app.i18n, name, farewell.as_deref());
    let Some(archived) = ctx
        .store()
        .archive_group_thanking(group.id, &audit_actor(ctx), &thanks, Utc::now())
        .await?
    else {
        return edit_pressed_message(ctx, query, ctx.texts().already_archived(name)).await;
    };
    ctx.store().set_farewell(group.id, None).await?;
    if !archived.closed_surveys.is_empty() {
        ctx.app.surveys.keeper.wake();
    }
    if archived.thanked > 0 {
        ctx.app.outbox.wake();
    }
    tracing::info!(
        group = %group.slug,
        surveys = archived.closed_surveys.len(),
        thanked = archived.thanked,
        "group archived"
    );
    edit_pressed_message(
        ctx,
        query,
        ctx.texts().archived_done(name, archived.thanked),
    )
    .await
}

/// `/unarchive <group>` (coordinators).
pub async fn unarchive(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    let group = coordinator_group(ctx, slug).await?;
    if !ctx
        .store()
        .unarchive_group(group.id, &audit_actor(ctx), Utc::now())
        .await?
    {
        return refuse(ctx.texts().not_archived(group.name.as_str()));
    }
    ctx.reply(ctx.texts().unarchived(group.name.as_str()))
        .await?;
    Ok(())
}

/// `/audit <group> [days]`: the latest events (coordinators any group, facilitators theirs).
pub async fn audit(ctx: &Ctx<'_>, slug: &GroupSlug, days: Option<u32>) -> HandlerResult {
    let (group, _) = group_for(ctx, slug).await?;
    let days = days.unwrap_or(30);
    let since = Utc::now() - Duration::days(i64::from(days));
    let events = ctx.store().audit_of_group(group.id, since, 50).await?;
    ctx.reply(ctx.texts().audit(group.name.as_str(), days, &events))
        .await?;
    Ok(())
}
