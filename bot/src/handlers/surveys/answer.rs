//! Answering a survey: a press on a question's button, "Continue" under a reminder, a text
//! message that answers a text question — then the next question, or thanks after the last.
//!
//! Every press is checked against the database before anything is stored: the survey exists
//! and is open, the question is one of its questions, the option is one of the question's, and
//! the presser is a current member of the group. Answers are upserted per respondent and
//! question, and a person only moves on from the question they are at, so a redelivered press
//! neither counts twice nor asks the next question twice.

use chrono::Utc;
use coloop_core::command::Press;
use coloop_core::domain::{ChatMessage, SurveyId, TelegramId};
use coloop_core::message::Markup;
use coloop_core::store::{
    Answerable, Answering, Progress, SurveyMessageKind, SurveyQuestion, SurveyRef,
};
use coloop_core::survey::{Answer, Pressed, QuestionKind};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, MessageId, ParseMode};

use super::{intro, question_markup, question_text, send_message};
use crate::telegram::{Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message};

/// A question message as it reads once answered. The first question came with the survey's
/// introduction, which stays: the member still sees which survey the questions belong to.
fn answered_text(
    ctx: &Ctx<'_>,
    survey: &SurveyRef,
    question: &SurveyQuestion,
    answer: &Answer,
) -> String {
    let text = question_text(ctx.texts(), survey, question, Some(answer));
    if question.position != 0 {
        return text;
    }
    let closes = survey
        .closes_at
        .map(|at| at.with_timezone(&ctx.app.surveys.zone).naive_local());
    format!("{}\n\n{text}", intro(ctx.texts(), survey, closes))
}

/// The actor's private chat, as the store keeps chats.
fn own_chat(ctx: &Ctx<'_>) -> TelegramId {
    TelegramId::new(ctx.actor.chat.0)
}

/// Survey buttons work only in the presser's own private chat, where the bot sent them: a
/// forged press on some other message must not move questions into a group chat.
fn in_own_chat(ctx: &Ctx<'_>, query: &CallbackQuery) -> bool {
    query
        .regular_message()
        .is_some_and(|m| m.chat.is_private() && m.chat.id.0 == ctx.actor.id.get())
}

/// Removes the buttons under the pressed message (its survey closed).
async fn drop_buttons(ctx: &Ctx<'_>, query: &CallbackQuery) {
    // The survey keeper may have removed them already (Telegram refuses an edit that changes
    // nothing).
    if let Some(message) = query.regular_message()
        && message.reply_markup().is_some()
        && let Err(error) = ctx
            .bot
            .edit_message_reply_markup(message.chat.id, message.id)
            .await
    {
        tracing::debug!(%error, "could not remove the buttons of a closed survey");
    }
}

/// Replaces the pressed message with the question showing its current answer (buttons kept,
/// so the answer can still be changed). Best effort: the answer is stored whatever Telegram
/// says, and the next question must not wait on this edit.
async fn show_answer(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    survey: &SurveyRef,
    question: &SurveyQuestion,
    answer: &Answer,
) {
    let text = answered_text(ctx, survey, question, answer);
    let edited = match question_markup(ctx.texts(), survey.id, question, Some(answer)) {
        Markup::Buttons(rows) => {
            let keyboard = crate::telegram::keyboard::inline_keyboard(&rows);
            // Its buttons mark the answer: when they already mark this one (Done after the
            // toggles, the same button pressed again), the message shows it already, and
            // Telegram would refuse an edit that changes nothing.
            if query
                .regular_message()
                .and_then(|m| m.reply_markup())
                .is_some_and(|shown| *shown == keyboard)
            {
                return;
            }
            crate::telegram::edit_pressed_message_with(ctx, query, &text, Some(keyboard)).await
        }
        Markup::Reply { .. } => edit_pressed_message(ctx, query, text).await,
    };
    match edited {
        Ok(()) => {}
        Err(HandlerError::Internal(error)) => {
            tracing::warn!(
                error = format!("{error:#}"),
                "could not show the answer on its question"
            );
        }
        Err(HandlerError::User(error)) => {
            tracing::warn!(%error, "could not show the answer on its question");
        }
        Err(HandlerError::Queued | HandlerError::LookAgain) => {}
    }
}

/// Tells the presser why their press answers nothing: the survey or question is unknown
/// (a stale or forged button), the survey closed (its buttons go), or they are not a member.
async fn press_refused(ctx: &Ctx<'_>, query: &CallbackQuery, refused: Answerable) -> HandlerResult {
    match refused {
        Answerable::Closed(_) => {
            answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
            drop_buttons(ctx, query).await;
            Ok(())
        }
        Answerable::NotMember(survey) => {
            answer_callback(
                ctx,
                query,
                ctx.texts().survey_not_member_toast(&survey.group_name),
            )
            .await
        }
        Answerable::Unknown | Answerable::Yes { .. } => {
            answer_callback(ctx, query, ctx.texts().stale_button()).await
        }
    }
}

pub async fn on_answer(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    survey_id: SurveyId,
    position: u8,
    press: Press,
) -> HandlerResult {
    if !in_own_chat(ctx, query) {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let now = Utc::now();
    let (survey, question, person, at) = match ctx
        .store()
        .answerable(survey_id, position, ctx.actor.id, now)
        .await?
    {
        // Its author saw it as the preview; their presses would count as answers nobody
        // was asked for.
        Answerable::Yes { survey, .. } if survey.author == Some(ctx.actor.id) => {
            return answer_callback(ctx, query, ctx.texts().survey_preview_toast()).await;
        }
        Answerable::Yes {
            survey,
            question,
            person,
            at,
        } => (survey, question, person, at),
        refused => {
            if matches!(refused, Answerable::Unknown) {
                tracing::info!(survey = %survey_id, position, "a press on an unknown survey question");
            }
            return press_refused(ctx, query, refused).await;
        }
    };
    // A question they have not reached yet (a forged button): not theirs to answer.
    if position > at {
        tracing::info!(survey = %survey_id, position, at, "a press on a question not reached");
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let Some(pressed) = question.kind.press(press) else {
        // A button this question never had: forged, or from another question.
        tracing::info!(survey = %survey_id, position, ?press, "a press that does not fit the question");
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    };
    let respondent =
        ctx.app
            .surveys
            .key
            .respondent(survey.id, question.id, person, survey.anonymous);
    let who = Answering {
        survey: &survey,
        question: &question,
        person,
        respondent: &respondent,
    };
    let answer = match pressed {
        Pressed::Answer(answer) => answer,
        Pressed::Toggle { option, on } => {
            let Some(ticked) = ctx.store().set_option(&who, option, on, now).await? else {
                answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
                drop_buttons(ctx, query).await;
                return Ok(());
            };
            answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
            show_answer(ctx, query, &survey, &question, &Answer::Multi(ticked)).await;
            return Ok(());
        }
        Pressed::Done => {
            let answer = ctx
                .store()
                .answer(&question, &respondent)
                .await?
                .filter(Answer::is_given);
            let Some(answer) = answer else {
                return answer_callback(ctx, query, ctx.texts().survey_pick_one_toast()).await;
            };
            let progress = ctx.store().advance(&survey, position, person, now).await?;
            if progress == Progress::Closed {
                answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
                drop_buttons(ctx, query).await;
                return Ok(());
            }
            answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
            show_answer(ctx, query, &survey, &question, &answer).await;
            return next(ctx, &survey, progress).await;
        }
    };
    let progress = ctx.store().save_answer(&who, &answer, now).await?;
    if progress == Progress::Closed {
        answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
        drop_buttons(ctx, query).await;
        return Ok(());
    }
    answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
    show_answer(ctx, query, &survey, &question, &answer).await;
    // A `volunteer:` question's "yes" offers help (issue #19).
    if question.volunteer
        && let Answer::YesNo(yes) = answer
    {
        crate::handlers::network::offer_from_survey(ctx, &survey, question.id, yes).await?;
    }
    if progress == Progress::Stayed {
        return ask_again_if_lost(ctx, &survey, at).await;
    }
    next(ctx, &survey, progress).await
}

/// After a press that moved nobody on: if the question the person is at was never delivered
/// (sending it failed after they moved on), send it now — pressing again recovers.
async fn ask_again_if_lost(ctx: &Ctx<'_>, survey: &SurveyRef, at: u8) -> HandlerResult {
    if at == 0
        || i64::from(at) >= survey.questions
        || ctx
            .store()
            .question_message(own_chat(ctx), survey.id, at)
            .await?
            .is_some()
    {
        return Ok(());
    }
    ask(ctx, survey, at, None).await
}

/// After an answer: the next question, or thanks after the last.
async fn next(ctx: &Ctx<'_>, survey: &SurveyRef, progress: Progress) -> HandlerResult {
    match progress {
        Progress::Stayed | Progress::Repeated | Progress::Closed => Ok(()),
        // A question they never reached: nothing to show as chosen yet.
        Progress::Advanced(Some(position)) => ask(ctx, survey, position, None).await,
        Progress::Advanced(None) => {
            ctx.reply(ctx.texts().survey_thanks(&survey.group_name, &survey.title))
                .await?;
            Ok(())
        }
    }
}

/// Sends question `position` to the actor, marking `current` as chosen, and records it.
async fn ask(
    ctx: &Ctx<'_>,
    survey: &SurveyRef,
    position: u8,
    current: Option<Answer>,
) -> HandlerResult {
    let questions = ctx.store().survey_questions(survey.id).await?;
    let Some(question) = questions.iter().find(|q| q.position == position) else {
        return Err(HandlerError::Internal(anyhow::anyhow!(
            "survey {} has no question {position}",
            survey.id
        )));
    };
    let text = question_text(ctx.texts(), survey, question, None);
    let markup = question_markup(ctx.texts(), survey.id, question, current.as_ref());
    let sent = send_message(ctx, ctx.actor.chat, text, Some(&markup)).await?;
    ctx.store()
        .record_question_sent(
            survey.id,
            position,
            ChatMessage::new(own_chat(ctx), sent.id.0),
        )
        .await?;
    Ok(())
}

/// "Continue" under a reminder: the question the person is at, again.
pub async fn on_continue(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    survey_id: SurveyId,
) -> HandlerResult {
    if !in_own_chat(ctx, query) {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let (survey, person, at) = match ctx
        .store()
        .answerable(survey_id, 0, ctx.actor.id, Utc::now())
        .await?
    {
        // The author's own survey is not theirs to answer (issue #20).
        Answerable::Yes { survey, .. } if survey.author == Some(ctx.actor.id) => {
            return answer_callback(ctx, query, ctx.texts().survey_preview_toast()).await;
        }
        Answerable::Yes {
            survey, person, at, ..
        } => (survey, person, at),
        refused => return press_refused(ctx, query, refused).await,
    };
    answer_callback(ctx, query, ctx.texts().survey_continue_toast()).await?;
    if i64::from(at) >= survey.questions {
        ctx.reply(ctx.texts().survey_nothing_waiting()).await?;
        return Ok(());
    }
    // Asked again: show what they already chose, if anything.
    let questions = ctx.store().survey_questions(survey.id).await?;
    let current = match questions.iter().find(|q| q.position == at) {
        Some(q) => {
            let respondent =
                ctx.app
                    .surveys
                    .key
                    .respondent(survey.id, q.id, person, survey.anonymous);
            ctx.store().answer(q, &respondent).await?
        }
        None => None,
    };
    ask(ctx, &survey, at, current).await
}

/// A text message in a private chat that answers a text question: a reply to the question,
/// or any text while a text question waits. Whether it was taken as an answer (else it is a
/// comment).
pub async fn on_text(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let now = Utc::now();
    let chat = TelegramId::new(msg.chat.id.0);
    let message = ChatMessage::new(chat, msg.id.0);
    // Telegram delivered again a message that was an answer: it was taken the first time.
    if ctx.store().was_answer_message(message).await? {
        return Ok(true);
    }
    // A reply to one of the survey's own messages is about the survey, never a comment.
    let replied = match msg.reply_to_message() {
        Some(replied) => {
            ctx.store()
                .survey_message(ChatMessage::new(chat, replied.id.0))
                .await?
        }
        None => None,
    };
    let target = match replied {
        Some((survey, SurveyMessageKind::Question(position))) => Some((survey, position)),
        // A reply to a reminder: its Continue button asks the question.
        Some((_, SurveyMessageKind::Reminder)) => {
            ctx.reply(ctx.texts().survey_use_continue()).await?;
            return Ok(true);
        }
        None if msg.reply_to_message().is_none() => {
            ctx.store().waiting_text_question(ctx.actor.id, now).await?
        }
        // A reply to something else is a comment on that.
        None => None,
    };
    let Some((survey_id, position)) = target else {
        return Ok(false);
    };
    let (survey, question, person) = match ctx
        .store()
        .answerable(survey_id, position, ctx.actor.id, now)
        .await?
    {
        // Not the author's to answer, nor a question not reached yet (issue #20).
        Answerable::Yes { survey, at, .. }
            if survey.author == Some(ctx.actor.id) || position > at =>
        {
            if replied.is_some() {
                ctx.reply(ctx.texts().stale_button()).await?;
                return Ok(true);
            }
            return Ok(false);
        }
        Answerable::Yes {
            survey,
            question,
            person,
            ..
        } => (survey, question, person),
        Answerable::Closed(_) if replied.is_some() => {
            ctx.reply(ctx.texts().survey_closed_toast()).await?;
            return Ok(true);
        }
        _ if replied.is_some() => {
            ctx.reply(ctx.texts().stale_button()).await?;
            return Ok(true);
        }
        _ => return Ok(false),
    };
    if question.kind != QuestionKind::Text {
        // A reply to a question with buttons.
        ctx.reply(ctx.texts().survey_use_buttons()).await?;
        return Ok(true);
    }
    let respondent =
        ctx.app
            .surveys
            .key
            .respondent(survey.id, question.id, person, survey.anonymous);
    let answer = Answer::Text(text.to_owned());
    let progress = ctx
        .store()
        .save_answer_from(
            &Answering {
                survey: &survey,
                question: &question,
                person,
                respondent: &respondent,
            },
            &answer,
            message,
            now,
        )
        .await?;
    match progress {
        // Telegram delivered this message again: it was taken the first time.
        Progress::Repeated => return Ok(true),
        Progress::Closed => {
            ctx.reply(ctx.texts().survey_closed_toast()).await?;
            return Ok(true);
        }
        Progress::Stayed | Progress::Advanced(_) => {}
    }
    // Show the answer on the question message.
    let question_message = match msg.reply_to_message() {
        Some(replied) => Some(coloop_core::domain::MessageId::from(replied.id.0)),
        None => {
            ctx.store()
                .question_message(chat, survey.id, position)
                .await?
        }
    };
    if let Some(id) = question_message.and_then(|id| id.to_i32()) {
        let shown = answered_text(ctx, &survey, &question, &answer);
        if let Err(error) = ctx
            .bot
            .edit_message_text(msg.chat.id, MessageId(id), shown)
            .parse_mode(ParseMode::Html)
            .await
        {
            tracing::debug!(%error, "could not show the text answer on its question");
        }
    }
    if progress == Progress::Stayed {
        ctx.reply(ctx.texts().survey_saved_toast()).await?;
    }
    next(ctx, &survey, progress).await?;
    Ok(true)
}
