//! A group's people (issue #13): `/members` in pages, and `/remove`, `/promote`, `/demote`
//! through a picker of the group's people (or a name). Rights are checked on every command
//! and every press, against the database as it is then.

use chrono::Utc;
use coloop_core::command::{Callback, PickWhat};
use coloop_core::domain::{DisplayName, GroupId, PersonId, Role, TelegramId};
use coloop_core::store::{Actor, Group, MemberLine, RoleChange, matching};
use teloxide::prelude::Requester as _;
use teloxide::types::{CallbackQuery, ChatId, InlineKeyboardButton, InlineKeyboardMarkup};

use super::{GroupAccess, require_facilitator};
use crate::telegram::{
    Ctx, HandlerError, HandlerResult, edit_pressed_message, edit_pressed_message_with, refuse,
    send_html, send_or_queue,
};

/// People per `/members` page.
const MEMBERS_PAGE: usize = 20;
/// People per picker page.
const PICKER_PAGE: usize = 8;

/// The actor as the audit trail records them.
pub fn audit_actor(ctx: &Ctx<'_>) -> Actor {
    let user = &ctx.actor.user;
    Actor::Person {
        telegram_id: ctx.actor.id,
        name: DisplayName::from_telegram(&user.first_name, user.last_name.as_deref()),
    }
}

/// Records an action done elsewhere in the audit trail; a failure is logged, not answered
/// (the action itself happened).
pub async fn audited(
    ctx: &Ctx<'_>,
    group: &coloop_core::domain::GroupSlug,
    action: coloop_core::domain::AuditAction,
    detail: String,
) {
    let result = async {
        let Some(group) = ctx.store().group_by_slug(group).await? else {
            return Ok(());
        };
        let event = coloop_core::store::NewAuditEvent::new(group.id, action, audit_actor(ctx))
            .detail(detail);
        ctx.store().record_audit(&event, Utc::now()).await
    }
    .await;
    if let Err(error) = result {
        tracing::error!(error = %error, "could not record an audit event");
    }
}

/// Stops a button's spinner, without a toast.
pub async fn ack(ctx: &Ctx<'_>, query: &CallbackQuery) {
    if let Err(error) = ctx.bot.answer_callback_query(query.id.clone()).await {
        tracing::info!(error = %error, "could not answer the button press");
    }
}

/// Tells someone else something, in their language. A person who blocked the bot is not an
/// error here: the change stands.
pub async fn notify(
    ctx: &Ctx<'_>,
    to: TelegramId,
    language: Option<&str>,
    text: impl Fn(crate::texts::Texts<'_>) -> String,
) {
    let texts = ctx.app.i18n.choose(language, None);
    let body = text(texts);
    // Sent now, or queued after a 429 (no handler waits in its lane).
    match send_or_queue(|| send_html(ctx.bot, ChatId(to.get()), body.clone())).await {
        Ok(_) | Err(teloxide::RequestError::RetryAfter(_)) => {}
        Err(error) => tracing::info!(error = %error, "could not tell a person about a change"),
    }
}

/// The group of a button, with the presser's access checked again.
async fn pressed_group(
    ctx: &Ctx<'_>,
    group: GroupId,
) -> Result<(Group, GroupAccess), HandlerError> {
    let Some(group) = ctx.store().group_by_id(group).await? else {
        return refuse(ctx.texts().stale_button());
    };
    let access = require_facilitator(ctx, &group.slug).await?;
    Ok((group, access))
}

async fn group_for(
    ctx: &Ctx<'_>,
    slug: &coloop_core::domain::GroupSlug,
) -> Result<(Group, GroupAccess), HandlerError> {
    let access = require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    Ok((group, access))
}

/// ◀ ▶ buttons for page `page` of `pages`.
fn pager(
    ctx: &Ctx<'_>,
    page: usize,
    pages: usize,
    to: impl Fn(u16) -> Callback,
) -> Vec<InlineKeyboardButton> {
    let mut row = Vec::new();
    if page > 0 {
        row.push(InlineKeyboardButton::callback(
            ctx.texts().page_previous(),
            to((page - 1) as u16).encode(),
        ));
    }
    if page + 1 < pages {
        row.push(InlineKeyboardButton::callback(
            ctx.texts().page_next(),
            to((page + 1) as u16).encode(),
        ));
    }
    row
}

fn pages_of(count: usize, size: usize) -> usize {
    count.div_ceil(size).max(1)
}

fn members_view(
    ctx: &Ctx<'_>,
    group: &Group,
    people: &[MemberLine],
    page: usize,
) -> (String, InlineKeyboardMarkup) {
    let pages = pages_of(people.len(), MEMBERS_PAGE);
    let page = page.min(pages - 1);
    let shown = people
        .iter()
        .skip(page * MEMBERS_PAGE)
        .take(MEMBERS_PAGE)
        .cloned()
        .collect::<Vec<_>>();
    let text = ctx
        .texts()
        .members_page(group.name.as_str(), &shown, people.len(), page, pages);
    let row = pager(ctx, page, pages, |p| Callback::MembersPage(group.id, p));
    (text, InlineKeyboardMarkup::new([row]))
}

/// `/members <group>`.
pub async fn members(ctx: &Ctx<'_>, slug: &coloop_core::domain::GroupSlug) -> HandlerResult {
    let (group, _) = group_for(ctx, slug).await?;
    let people = ctx.store().group_people(group.id).await?;
    let (text, keyboard) = members_view(ctx, &group, &people, 0);
    if keyboard.inline_keyboard.iter().all(|row| row.is_empty()) {
        ctx.reply(text).await?;
    } else {
        ctx.reply_with(text, keyboard).await?;
    }
    Ok(())
}

pub async fn on_members_page(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: GroupId,
    page: u16,
) -> HandlerResult {
    let (group, _) = pressed_group(ctx, group).await?;
    let people = ctx.store().group_people(group.id).await?;
    let (text, keyboard) = members_view(ctx, &group, &people, usize::from(page));
    ack(ctx, query).await;
    edit_pressed_message_with(ctx, query, &text, Some(keyboard)).await
}

/// Who may be picked for `what` by someone with `access`.
fn candidates(people: Vec<MemberLine>, what: PickWhat, access: GroupAccess) -> Vec<MemberLine> {
    people
        .into_iter()
        .filter(|p| match what {
            PickWhat::Remove => access == GroupAccess::Coordinator || p.role == Role::Member,
            PickWhat::Promote => p.role == Role::Member,
            PickWhat::Demote => p.role == Role::Facilitator,
        })
        .collect()
}

fn picker(
    ctx: &Ctx<'_>,
    what: PickWhat,
    group: &Group,
    people: &[MemberLine],
    page: usize,
) -> (String, InlineKeyboardMarkup) {
    let pages = pages_of(people.len(), PICKER_PAGE);
    let page = page.min(pages - 1);
    let mut rows: Vec<Vec<InlineKeyboardButton>> = people
        .iter()
        .skip(page * PICKER_PAGE)
        .take(PICKER_PAGE)
        .map(|p| {
            vec![InlineKeyboardButton::callback(
                p.name.clone(),
                Callback::Pick {
                    what,
                    group: group.id,
                    person: p.person,
                }
                .encode(),
            )]
        })
        .collect();
    let nav = pager(ctx, page, pages, |page| Callback::PickPage {
        what,
        group: group.id,
        page,
    });
    if !nav.is_empty() {
        rows.push(nav);
    }
    rows.push(vec![InlineKeyboardButton::callback(
        ctx.texts().dismiss_button(),
        Callback::Dismiss.encode(),
    )]);
    (
        ctx.texts().pick(what.as_str(), group.name.as_str()),
        InlineKeyboardMarkup::new(rows),
    )
}

/// `/remove`, `/promote`, `/demote`: a picker, or straight to the one person a name matches.
pub async fn pick_command(
    ctx: &Ctx<'_>,
    what: PickWhat,
    slug: &coloop_core::domain::GroupSlug,
    name: Option<&str>,
) -> HandlerResult {
    if what == PickWhat::Demote && !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let (group, access) = group_for(ctx, slug).await?;
    let mut people = candidates(ctx.store().current_people(group.id).await?, what, access);
    if let Some(query) = name {
        let found: Vec<MemberLine> = matching(&people, query).into_iter().cloned().collect();
        match found.as_slice() {
            [] => return refuse(ctx.texts().pick_no_match(group.name.as_str(), query)),
            [one] => return picked_first(ctx, what, &group, access, one).await,
            _ => people = found,
        }
    }
    if people.is_empty() {
        return refuse(ctx.texts().pick_nobody(group.name.as_str()));
    }
    let (text, keyboard) = picker(ctx, what, &group, &people, 0);
    ctx.reply_with(text, keyboard).await?;
    Ok(())
}

/// One person chosen by name: a removal asks to confirm; a role change is done.
async fn picked_first(
    ctx: &Ctx<'_>,
    what: PickWhat,
    group: &Group,
    access: GroupAccess,
    person: &MemberLine,
) -> HandlerResult {
    match what {
        PickWhat::Remove => {
            ctx.reply_with(
                ctx.texts()
                    .remove_confirm(&person.name, group.name.as_str()),
                confirm_remove(ctx, group.id, person.person),
            )
            .await?;
            Ok(())
        }
        PickWhat::Promote | PickWhat::Demote => {
            let text = change_role(ctx, what, group, access, person.person).await?;
            ctx.reply(text).await?;
            Ok(())
        }
    }
}

fn confirm_remove(ctx: &Ctx<'_>, group: GroupId, person: PersonId) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            ctx.texts().remove_button(),
            Callback::ConfirmRemove(group, person).encode(),
        ),
        InlineKeyboardButton::callback(ctx.texts().dismiss_button(), Callback::Dismiss.encode()),
    ]])
}

pub async fn on_pick_page(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    what: PickWhat,
    group: GroupId,
    page: u16,
) -> HandlerResult {
    let (group, access) = pressed_group(ctx, group).await?;
    let people = candidates(ctx.store().current_people(group.id).await?, what, access);
    let (text, keyboard) = picker(ctx, what, &group, &people, usize::from(page));
    ack(ctx, query).await;
    edit_pressed_message_with(ctx, query, &text, Some(keyboard)).await
}

pub async fn on_pick(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    what: PickWhat,
    group: GroupId,
    person: PersonId,
) -> HandlerResult {
    if what == PickWhat::Demote && !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let (group, access) = pressed_group(ctx, group).await?;
    let Some(line) = pressed_person(ctx, query, &group, person).await? else {
        return Ok(());
    };
    ack(ctx, query).await;
    match what {
        PickWhat::Remove => {
            let text = ctx.texts().remove_confirm(&line.name, group.name.as_str());
            edit_pressed_message_with(
                ctx,
                query,
                &text,
                Some(confirm_remove(ctx, group.id, person)),
            )
            .await
        }
        PickWhat::Promote | PickWhat::Demote => {
            let text = change_role(ctx, what, &group, access, person).await?;
            edit_pressed_message(ctx, query, text).await
        }
    }
}

async fn change_role(
    ctx: &Ctx<'_>,
    what: PickWhat,
    group: &Group,
    access: GroupAccess,
    person: PersonId,
) -> Result<String, HandlerError> {
    let role = if what == PickWhat::Demote {
        Role::Member
    } else {
        Role::Facilitator
    };
    if role == Role::Member && access != GroupAccess::Coordinator {
        return refuse(ctx.texts().coordinators_only());
    }
    let Some(line) = ctx.store().current_member(group.id, person).await? else {
        return Ok(ctx.texts().person_not_in_group(group.name.as_str()));
    };
    let name = group.name.as_str();
    Ok(
        match ctx
            .store()
            .set_role(group.id, person, role, &audit_actor(ctx), Utc::now())
            .await?
        {
            RoleChange::Changed => {
                tracing::info!(group = %group.slug, role = %role, "role changed");
                notify(ctx, line.telegram_id, line.language.as_deref(), |t| {
                    t.role_notice(name, role)
                })
                .await;
                ctx.texts().role_changed(&line.name, name, role)
            }
            RoleChange::Unchanged => ctx.texts().role_unchanged(&line.name),
            RoleChange::NotInGroup => ctx.texts().person_not_in_group(name),
        },
    )
}

/// The person a button is about, if still in the group; otherwise the pressed message says
/// they are not (and `None`).
async fn pressed_person(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: &Group,
    person: PersonId,
) -> Result<Option<MemberLine>, HandlerError> {
    let line = ctx.store().current_member(group.id, person).await?;
    if line.is_none() {
        ack(ctx, query).await;
        edit_pressed_message(
            ctx,
            query,
            ctx.texts().person_not_in_group(group.name.as_str()),
        )
        .await?;
    }
    Ok(line)
}

/// "Remove" confirmed: facilitators remove members; coordinators anyone.
pub async fn on_confirm_remove(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: GroupId,
    person: PersonId,
) -> HandlerResult {
    let (group, access) = pressed_group(ctx, group).await?;
    let Some(line) = pressed_person(ctx, query, &group, person).await? else {
        return Ok(());
    };
    let up_to = match access {
        GroupAccess::Coordinator => Role::Facilitator,
        GroupAccess::Facilitator => Role::Member,
    };
    if line.role > up_to {
        return refuse(ctx.texts().remove_facilitator_coordinators_only());
    }
    ack(ctx, query).await;
    let name = group.name.as_str();
    match ctx
        .store()
        .remove_member(group.id, person, up_to, &audit_actor(ctx), Utc::now())
        .await?
    {
        Some(_) => {
            tracing::info!(group = %group.slug, "member removed");
            notify(ctx, line.telegram_id, line.language.as_deref(), |t| {
                t.removed_notice(name)
            })
            .await;
            edit_pressed_message(ctx, query, ctx.texts().removed(&line.name, name)).await
        }
        None => edit_pressed_message(ctx, query, ctx.texts().person_not_in_group(name)).await,
    }
}

/// "Cancel" under a picker or a confirmation.
pub async fn on_dismiss(ctx: &Ctx<'_>, query: &CallbackQuery) -> HandlerResult {
    ack(ctx, query).await;
    edit_pressed_message(ctx, query, ctx.texts().dismissed()).await
}
