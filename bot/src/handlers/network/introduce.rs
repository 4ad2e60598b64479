//! `/introduce <group> [post]` (the group's facilitators, coordinators): a picker of the
//! volunteers who agreed to be introduced (two or more), then the facilitator's note (why),
//! then an invitation to each with Accept / No thanks, and a status message for the
//! facilitator that shows each answer (never why).

use chrono::{Duration, Utc};
use coloop_core::command::Callback;
use coloop_core::domain::{GroupSlug, IntroState, IntroductionId, MessageId, PersonId, PostId};
use coloop_core::store::{ActorView, IntroPerson, IntroView};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use super::{in_own_chat, invitation_keyboard, send_to, texts_for};
use crate::handlers::{active_group, require_facilitator};
use crate::telegram::{
    Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message,
    edit_pressed_message_with, refuse,
};

/// How long after "why?" a text that replies to nothing is taken as the note.
const NOTE_WAIT: Duration = Duration::hours(1);

/// At most this many characters of a note are kept.
const MAX_NOTE_CHARS: usize = 500;

pub async fn introduce(ctx: &Ctx<'_>, slug: &GroupSlug, post: Option<PostId>) -> HandlerResult {
    let (_, group) = active_group(ctx, slug).await?;
    let candidates = ctx
        .store()
        .intro_candidates(group.id, post, ctx.actor.id)
        .await?;
    let actors = ctx.store().actors_of(group.id).await?;
    // Two volunteers, or one and an actor.
    if candidates.is_empty() || candidates.len() + usize::from(!actors.is_empty()) < 2 {
        return refuse(ctx.texts().intro_nobody(group.name.as_str()));
    }
    let intro = ctx
        .store()
        .start_introduction(group.id, post, ctx.actor.id, Utc::now())
        .await?;
    tracing::info!(group = %group.slug, %intro, "an introduction is picked");
    let sent = ctx
        .reply_with(
            ctx.texts().intro_picker(group.name.as_str(), 0),
            picker_keyboard(ctx, intro, &candidates, &[], &actors, None),
        )
        .await?;
    ctx.store()
        .set_intro_messages(intro, Some(MessageId::from(sent.id.0)), None)
        .await?;
    Ok(())
}

/// A button per candidate and per actor of the group (chosen or not), then Next and Cancel.
fn picker_keyboard(
    ctx: &Ctx<'_>,
    intro: IntroductionId,
    candidates: &[coloop_core::store::IntroCandidate],
    chosen: &[PersonId],
    actors: &[ActorView],
    actor: Option<i64>,
) -> InlineKeyboardMarkup {
    let mut rows: Vec<Vec<InlineKeyboardButton>> = candidates
        .iter()
        .map(|c| {
            let on = chosen.contains(&c.person);
            vec![InlineKeyboardButton::callback(
                ctx.texts().intro_person_button(&c.name, on),
                Callback::IntroPick {
                    intro,
                    person: c.person,
                    on: !on,
                }
                .encode(),
            )]
        })
        .collect();
    rows.extend(actors.iter().map(|a| {
        let on = actor == Some(a.id);
        vec![InlineKeyboardButton::callback(
            ctx.texts().intro_actor_button(&a.name, on),
            Callback::IntroPickActor {
                intro,
                actor: a.id,
                on: !on,
            }
            .encode(),
        )]
    }));
    rows.push(vec![
        InlineKeyboardButton::callback(
            ctx.texts().intro_next_button(),
            Callback::IntroNext(intro).encode(),
        ),
        InlineKeyboardButton::callback(
            ctx.texts().intro_cancel_button(),
            Callback::IntroCancel(intro).encode(),
        ),
    ]);
    InlineKeyboardMarkup::new(rows)
}

/// The actor's introduction a button names, still in `state`; a stale-button toast when it
/// is not theirs, gone or past that, or they may no longer facilitate its group.
async fn pressed_intro(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    intro: IntroductionId,
    state: IntroState,
) -> Result<Option<IntroView>, HandlerError> {
    let found = if in_own_chat(ctx, query) {
        ctx.store()
            .intro_for(intro, ctx.actor.id)
            .await?
            .filter(|view| view.state == state)
    } else {
        None
    };
    match found {
        Some(view) => {
            require_facilitator(ctx, &view.group_slug).await?;
            Ok(Some(view))
        }
        None => {
            answer_callback(ctx, query, ctx.texts().stale_button()).await?;
            Ok(None)
        }
    }
}

/// A person in the picker pressed: chosen, or not any more.
pub async fn on_pick(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    intro: IntroductionId,
    person: PersonId,
    on: bool,
) -> HandlerResult {
    let Some(view) = pressed_intro(ctx, query, intro, IntroState::Picking).await? else {
        return Ok(());
    };
    let candidates = ctx
        .store()
        .intro_candidates(view.group_id, view.post, ctx.actor.id)
        .await?;
    if (on && !candidates.iter().any(|c| c.person == person))
        || !ctx.store().pick_intro_person(intro, person, on).await?
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    answer_callback(ctx, query, ctx.texts().intro_picked_toast(on)).await?;
    show_picker(ctx, query, &view, &candidates).await
}

/// An actor in the picker pressed: the one the people are introduced to, or none.
pub async fn on_pick_actor(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    intro: IntroductionId,
    actor: i64,
    on: bool,
) -> HandlerResult {
    let Some(view) = pressed_intro(ctx, query, intro, IntroState::Picking).await? else {
        return Ok(());
    };
    if !ctx
        .store()
        .pick_intro_actor(intro, on.then_some(actor))
        .await?
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let candidates = ctx
        .store()
        .intro_candidates(view.group_id, view.post, ctx.actor.id)
        .await?;
    answer_callback(ctx, query, ctx.texts().intro_picked_toast(on)).await?;
    let view = IntroView {
        actor: on.then_some(actor),
        ..view
    };
    show_picker(ctx, query, &view, &candidates).await
}

/// The picker again, showing who (and which actor) is chosen.
async fn show_picker(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    view: &IntroView,
    candidates: &[coloop_core::store::IntroCandidate],
) -> HandlerResult {
    let chosen: Vec<PersonId> = ctx
        .store()
        .intro_people(view.id)
        .await?
        .into_iter()
        .map(|p| p.person)
        .collect();
    let actors = ctx.store().actors_of(view.group_id).await?;
    let count = chosen.len() + usize::from(view.actor.is_some());
    edit_pressed_message_with(
        ctx,
        query,
        &ctx.texts().intro_picker(&view.group_name, count),
        Some(picker_keyboard(
            ctx, view.id, candidates, &chosen, &actors, view.actor,
        )),
    )
    .await
}

/// The actor the introduction is to, if any.
pub(super) async fn actor_of(
    ctx: &Ctx<'_>,
    view: &IntroView,
) -> Result<Option<ActorView>, HandlerError> {
    Ok(match view.actor {
        Some(id) => ctx.store().actor(id).await?,
        None => None,
    })
}

/// Next under the picker: two or more chosen, then "why?".
pub async fn on_next(ctx: &Ctx<'_>, query: &CallbackQuery, intro: IntroductionId) -> HandlerResult {
    let Some(view) = pressed_intro(ctx, query, intro, IntroState::Picking).await? else {
        return Ok(());
    };
    let people = ctx.store().intro_people(intro).await?;
    let actor = actor_of(ctx, &view).await?;
    if people.is_empty() || people.len() + usize::from(actor.is_some()) < 2 {
        return answer_callback(ctx, query, ctx.texts().intro_pick_two_toast()).await;
    }
    if !ctx
        .store()
        .move_intro(intro, IntroState::Picking, IntroState::Noting)
        .await?
    {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let mut names: Vec<String> = people.into_iter().map(|p| p.name).collect();
    names.extend(actor.map(|a| a.name));
    answer_callback(ctx, query, ctx.texts().intro_next_button()).await?;
    // The picker becomes the question: a reply to it is the note.
    if let Some(message) = query.regular_message() {
        ctx.store()
            .set_intro_messages(intro, None, Some(MessageId::from(message.id.0)))
            .await?;
    }
    edit_pressed_message(ctx, query, ctx.texts().intro_ask_note(&names)).await
}

/// Cancel under the picker: nobody is asked.
pub async fn on_cancel(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    intro: IntroductionId,
) -> HandlerResult {
    let own =
        in_own_chat(ctx, query) && ctx.store().intro_for(intro, ctx.actor.id).await?.is_some();
    if !own || !ctx.store().cancel_introduction(intro).await? {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    answer_callback(ctx, query, ctx.texts().intro_cancelled()).await?;
    edit_pressed_message(ctx, query, ctx.texts().intro_cancelled()).await
}

/// The facilitator's note (a reply to "why?", or a text soon after it): each chosen person
/// gets an invitation, and the facilitator a status message. Whether the text was taken.
pub async fn on_note(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let replied = msg.reply_to_message().map(|m| MessageId::from(m.id.0));
    let Some(view) = ctx
        .store()
        .intro_waiting_note(ctx.actor.id, replied, Utc::now() - NOTE_WAIT)
        .await?
    else {
        return Ok(false);
    };
    require_facilitator(ctx, &view.group_slug).await?;
    let note: String = text.chars().take(MAX_NOTE_CHARS).collect();
    if !ctx.store().send_introduction(view.id, &note).await? {
        return Ok(false);
    }
    let people = ctx.store().intro_people(view.id).await?;
    let actor = actor_of(ctx, &view).await?;
    for person in &people {
        let texts = texts_for(ctx, person.language.as_deref());
        let keyboard = invitation_keyboard(texts, view.id);
        let html = texts.intro_invitation(
            view.facilitator_name.as_deref(),
            &view.group_name,
            &with_actor(others(&people, person), actor.as_ref()),
            &note,
        );
        if let Some(sent) = send_to(ctx, person.telegram_id, html, Some(keyboard)).await? {
            ctx.store()
                .set_invitation(view.id, person.person, MessageId::from(sent.id.0))
                .await?;
        }
    }
    tracing::info!(intro = %view.id, people = people.len(), "an introduction is sent");
    let status = ctx
        .reply(
            ctx.texts()
                .intro_status(&view.group_name, &people, IntroState::Pending),
        )
        .await?;
    ctx.store()
        .set_intro_messages(view.id, Some(MessageId::from(status.id.0)), None)
        .await?;
    Ok(true)
}

/// The names, and the actor's after them.
pub(super) fn with_actor(mut names: Vec<String>, actor: Option<&ActorView>) -> Vec<String> {
    names.extend(actor.map(|a| a.name.clone()));
    names
}

/// The names of everyone in `people` but `me`.
pub(super) fn others(people: &[IntroPerson], me: &IntroPerson) -> Vec<String> {
    people
        .iter()
        .filter(|p| p.person != me.person)
        .map(|p| p.name.clone())
        .collect()
}
