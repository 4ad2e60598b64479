//! Who's who, opt-in: `/profile` (a one-line introduction, listed for the other members of
//! one's groups; `/profile off` removes it at once), `/people <group>` (members of that group
//! only: those listed, each with a contact button), and the contact request a button starts —
//! an introduction of two, answered with Accept / No thanks like any other.

use chrono::Utc;
use coloop_core::command::{Callback, ProfileArg};
use coloop_core::domain::{GroupId, GroupSlug, MessageId, PersonId};
use coloop_core::store::ContactRequest;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::{in_own_chat, invitation_keyboard, send_to, texts_for};
use crate::telegram::{Ctx, HandlerResult, answer_callback, refuse};

pub async fn profile(ctx: &Ctx<'_>, arg: ProfileArg) -> HandlerResult {
    let text = match arg {
        ProfileArg::Show => {
            let record = ctx.store().profile_record(ctx.actor.id).await?;
            ctx.texts()
                .profile_shown(record.as_ref().map(|r| r.line.as_str()))
        }
        ProfileArg::Off => {
            let removed = ctx.store().remove_profile(ctx.actor.id).await?;
            tracing::info!(removed, "off who's who");
            ctx.texts().profile_off(removed)
        }
        ProfileArg::Set(line) => {
            if ctx.store().memberships_of(ctx.actor.id).await?.is_empty()
                || !ctx
                    .store()
                    .set_profile(ctx.actor.id, &line, Utc::now())
                    .await?
            {
                return refuse(ctx.texts().not_in_any_group());
            }
            tracing::info!("listed in who's who");
            ctx.texts().profile_set(line.as_str())
        }
    };
    ctx.reply(text).await?;
    Ok(())
}

/// `/people <group>`: the group's members who chose to be listed, for its members only.
pub async fn people(ctx: &Ctx<'_>, slug: &GroupSlug) -> HandlerResult {
    if ctx.store().role_in(ctx.actor.id, slug).await?.is_none() {
        return refuse(ctx.texts().not_in_group(slug));
    }
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().not_in_group(slug));
    };
    let listed = ctx.store().listed_members(group.id).await?;
    let text = ctx.texts().people_list(group.name.as_str(), &listed);
    let buttons: Vec<[InlineKeyboardButton; 1]> = listed
        .iter()
        .filter(|p| p.telegram_id != ctx.actor.id)
        .map(|p| {
            [InlineKeyboardButton::callback(
                ctx.texts().people_contact_button(&p.name),
                Callback::ContactPerson(group.id, p.person).encode(),
            )]
        })
        .collect();
    if buttons.is_empty() {
        ctx.reply(text).await?;
    } else {
        ctx.reply_with(text, InlineKeyboardMarkup::new(buttons))
            .await?;
    }
    Ok(())
}

/// A contact button under `/people`: the listed member is asked whether they would like to be
/// in touch; only if they accept does each get the other's contact.
pub async fn on_contact(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    group: GroupId,
    person: PersonId,
) -> HandlerResult {
    let stale = || answer_callback(ctx, query, ctx.texts().stale_button());
    let Some(group) = ctx.store().group_by_id(group).await? else {
        return stale().await;
    };
    let mine = ctx
        .store()
        .role_in(ctx.actor.id, &group.slug)
        .await?
        .is_some();
    let target = ctx.store().listed_member(group.id, person).await?;
    let Some(target) =
        target.filter(|t| mine && in_own_chat(ctx, query) && t.telegram_id != ctx.actor.id)
    else {
        return stale().await;
    };
    let intro = match ctx
        .store()
        .request_contact(group.id, ctx.actor.id, person, Utc::now())
        .await?
    {
        ContactRequest::AlreadyAsked => {
            answer_callback(ctx, query, ctx.texts().contact_asked_toast()).await?;
            ctx.reply(ctx.texts().contact_already(&target.name)).await?;
            return Ok(());
        }
        ContactRequest::Asked(intro) => intro,
    };
    tracing::info!(%intro, "a contact request from who's who");
    let people = ctx.store().intro_people(intro).await?;
    let me = people.iter().find(|p| p.telegram_id == ctx.actor.id);
    if let Some(them) = people.iter().find(|p| p.person == person) {
        let texts = texts_for(ctx, them.language.as_deref());
        let keyboard = invitation_keyboard(texts, intro);
        let line = ctx.store().profile_record(ctx.actor.id).await?;
        let html = texts.contact_invitation(
            me.map_or("", |m| m.name.as_str()),
            group.name.as_str(),
            line.as_ref().map(|l| l.line.as_str()),
        );
        if let Some(sent) = send_to(ctx, them.telegram_id, html, Some(keyboard)).await? {
            ctx.store()
                .set_invitation(intro, them.person, MessageId::from(sent.id.0))
                .await?;
        }
    }
    answer_callback(ctx, query, ctx.texts().contact_asked_toast()).await?;
    ctx.reply(ctx.texts().contact_asked(&target.name)).await?;
    Ok(())
}
