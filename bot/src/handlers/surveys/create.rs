//! Making a survey: `/survey <group> <title>` and its questions — checked, stored as a draft
//! with what the outbox will send in every language, shown to its author as a preview — and
//! the preview's Send and Cancel.

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::{ChatMessage, GroupSlug, PostKey, TelegramId};
use coloop_core::message::{Button, Markup};
use coloop_core::store::{
    ConfirmedSurvey, NewSurvey, RenderedSurvey, SurveyMessage, SurveyQuestion, SurveyRef,
    SurveyRendering,
};
use coloop_core::survey::{Closes, SurveySpec};
use teloxide::prelude::*;
use teloxide::types::CallbackQuery;

use super::{intro, question_markup, question_text, require_facilitator, send_message};
use crate::handlers::active_group;
use crate::handlers::drafts::{answer_cancel, pressed_draft};
use crate::telegram::{
    Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message, refuse,
    send_cancel_buttons,
};
use crate::texts::Texts;

/// `/survey <group> <title>` and its questions: checks, stores a draft, shows the preview.
pub async fn create(
    ctx: &Ctx<'_>,
    msg: &Message,
    slug: &GroupSlug,
    title: &str,
    body: &str,
) -> HandlerResult {
    let (_, group) = active_group(ctx, slug).await?;
    let spec = SurveySpec::parse(title, body)
        .or_else(|problems| refuse(ctx.texts().survey_problems(&problems)))?;
    let Some((post, _)) = ctx.store().survey_post(group.id, spec.post).await? else {
        return refuse(match spec.post {
            Some(post) => ctx.texts().survey_unknown_post(group.name.as_str(), post),
            None => ctx.texts().survey_no_post(group.name.as_str()),
        });
    };
    let now = Utc::now();
    let zone = ctx.app.surveys.zone;
    let (closes_at, closes_after) = match spec.closes {
        None => (None, None),
        Some(Closes::After(delay)) => (None, Some(delay)),
        Some(Closes::At(local)) => match Some(coloop_core::zone::local_to_utc(zone, local)) {
            Some(at) if at > now => (Some(at), None),
            _ => return refuse(ctx.texts().survey_closes_past()),
        },
    };
    let draft = ctx
        .app
        .store
        .create_survey_draft(
            &NewSurvey {
                group: group.id,
                post,
                author: ctx.actor.id,
                source: Some(ChatMessage::new(TelegramId::new(msg.chat.id.0), msg.id.0)),
                spec: &spec,
                closes_at,
                closes_after,
                rendered: &RenderedSurvey::default(),
            },
            now,
        )
        .await?;
    // The buttons carry the survey's id, known only now: render, then store the rendering.
    let Some(survey) = ctx.store().survey(draft.id).await? else {
        return Err(HandlerError::Internal(anyhow::anyhow!(
            "the new survey is gone"
        )));
    };
    let questions = ctx.store().survey_questions(draft.id).await?;
    let Some(first) = questions.first() else {
        return Err(HandlerError::Internal(anyhow::anyhow!(
            "a survey without questions"
        )));
    };
    let closes_local = closes_at.map(|at| at.with_timezone(&zone).naive_local());
    let mut rendered = RenderedSurvey::default();
    for texts in ctx.app.i18n.all() {
        rendered.insert(texts.code(), rendering(texts, &survey, first, closes_local));
    }
    ctx.app
        .store
        .set_survey_rendering(draft.id, &rendered)
        .await?;
    tracing::info!(group = %group.slug, survey = %draft.id, questions = questions.len(), "survey draft for preview");

    let mine = rendering(ctx.texts(), &survey, first, closes_local).first;
    send_message(ctx, ctx.actor.chat, mine.html, mine.markup.as_ref()).await?;
    ctx.reply(ctx.texts().survey_outline(&spec)).await?;
    let recipients = ctx
        .app
        .store
        .recipient_count(group.id, ctx.actor.id)
        .await?;
    let keyboard = send_cancel_buttons(
        ctx.texts(),
        Callback::SendSurvey(draft.key.clone()),
        Callback::CancelSurvey(draft.key),
    );
    let control = ctx
        .texts()
        .survey_preview_control(group.name.as_str(), recipients);
    ctx.reply_with(control, keyboard).await?;
    Ok(())
}

/// What the outbox sends for a survey in one language.
fn rendering(
    texts: Texts<'_>,
    survey: &SurveyRef,
    first: &SurveyQuestion,
    closes: Option<chrono::NaiveDateTime>,
) -> SurveyRendering {
    let intro = intro(texts, survey, closes);
    SurveyRendering {
        first: SurveyMessage {
            html: format!("{intro}\n\n{}", question_text(texts, survey, first, None)),
            markup: Some(question_markup(texts, survey.id, first, None)),
        },
        reminder: SurveyMessage {
            html: texts.survey_reminder(&survey.group_name, &survey.title),
            markup: Some(Markup::Buttons(vec![vec![Button {
                text: texts.survey_continue(),
                data: Callback::ContinueSurvey(survey.id).encode(),
            }]])),
        },
    }
}

pub async fn on_send(ctx: &Ctx<'_>, query: &CallbackQuery, key: &PostKey) -> HandlerResult {
    let found = ctx.store().survey_by_key(key).await?;
    let Some(survey) = pressed_draft(ctx, query, found, |s| s.author).await? else {
        return Ok(());
    };
    require_facilitator(ctx, &survey.group_slug).await?;
    match ctx.store().confirm_survey(key, Utc::now()).await? {
        ConfirmedSurvey::Sent {
            survey: id,
            recipients,
            ..
        } => {
            tracing::info!(survey = %id, recipients, "survey queued");
            crate::handlers::people::audited(
                ctx,
                &survey.group_slug,
                coloop_core::domain::AuditAction::SurveySent,
                format!("#{id}"),
            )
            .await;
            ctx.app.outbox.wake();
            answer_callback(ctx, query, ctx.texts().broadcast_queued_toast()).await?;
            edit_pressed_message(
                ctx,
                query,
                ctx.texts()
                    .survey_queued(&survey.group_name, id, recipients),
            )
            .await
        }
        ConfirmedSurvey::AlreadySent => {
            answer_callback(ctx, query, ctx.texts().already_sent_toast()).await
        }
        ConfirmedSurvey::Cancelled => {
            answer_callback(ctx, query, ctx.texts().draft_cancelled_toast()).await
        }
        ConfirmedSurvey::Expired => {
            answer_callback(ctx, query, ctx.texts().survey_expired()).await?;
            edit_pressed_message(ctx, query, ctx.texts().survey_expired()).await
        }
        ConfirmedSurvey::Unknown => answer_callback(ctx, query, ctx.texts().stale_button()).await,
    }
}

pub async fn on_cancel(ctx: &Ctx<'_>, query: &CallbackQuery, key: &PostKey) -> HandlerResult {
    let found = ctx.store().survey_by_key(key).await?;
    if pressed_draft(ctx, query, found, |s| s.author)
        .await?
        .is_none()
    {
        return Ok(());
    }
    answer_cancel(ctx, query, ctx.store().cancel_survey(key).await?).await
}
