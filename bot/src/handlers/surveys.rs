//! Surveys: `/survey` (facilitators) with a preview and Send/Cancel, delivery of the first
//! question through the outbox, then one question at a time in each member's chat — buttons
//! for rating, yes/no, choice and multi, a reply for text — and `/closesurvey`.
//!
//! Every press is checked against the database before anything is stored: the survey exists
//! and is open, the question is one of its questions, the option is one of the question's, and
//! the presser is a current member of the group. Answers are upserted per respondent and
//! question, and a person only moves on from the question they are at, so a redelivered press
//! neither counts twice nor asks the next question twice.

use chrono::{TimeZone as _, Utc};
use coloop_core::command::{Callback, Press};
use coloop_core::domain::{GroupSlug, PostKey, SurveyId};
use coloop_core::message::{Button, Markup};
use coloop_core::store::{
    AnswerValue, Answerable, Answering, ConfirmedSurvey, NewSurvey, Progress, RenderedSurvey,
    SurveyMessage, SurveyQuestion, SurveyRef, SurveyRendering,
};
use coloop_core::survey::{Closes, QuestionKind, SurveySpec};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, MessageId, ParseMode};

use super::drafts::{answer_cancel, pressed_draft};
use super::require_facilitator;
use crate::telegram::{
    Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message, refuse,
    send_cancel_buttons, send_html, with_flood_retry,
};
use crate::texts::Texts;

/// The buttons under a question (marking the current answer), or a reply request for a text
/// question.
fn question_markup(
    texts: Texts<'_>,
    survey: SurveyId,
    question: &SurveyQuestion,
    current: Option<&AnswerValue>,
) -> Markup {
    let value = current.and_then(|a| a.value);
    let button = |label: String, chosen: bool, press: Press| Button {
        text: if chosen {
            format!("✅ {label}")
        } else {
            label
        },
        data: Callback::Answer {
            survey,
            question: question.position,
            press,
        }
        .encode(),
    };
    let rows = match &question.kind {
        QuestionKind::Rating => vec![
            (1..=5u8)
                .map(|n| button(n.to_string(), value == Some(n.into()), Press::Rating(n)))
                .collect(),
        ],
        QuestionKind::YesNo => vec![vec![
            button(texts.survey_yes(), value == Some(1), Press::Yes),
            button(texts.survey_no(), value == Some(0), Press::No),
        ]],
        QuestionKind::Choice(options) => options
            .iter()
            .enumerate()
            .map(|(i, label)| {
                let i = i as u8;
                vec![button(
                    label.clone(),
                    value == Some(1 << i),
                    Press::Choice(i),
                )]
            })
            .collect(),
        QuestionKind::Multi(options) => {
            let mask = value.unwrap_or(0);
            let mut rows: Vec<Vec<Button>> = options
                .iter()
                .enumerate()
                .map(|(i, label)| {
                    let option = i as u8;
                    let on = mask & (1 << option) != 0;
                    vec![Button {
                        text: format!("{} {label}", if on { "☑" } else { "☐" }),
                        data: Callback::Answer {
                            survey,
                            question: question.position,
                            press: Press::Toggle { option, on: !on },
                        }
                        .encode(),
                    }]
                })
                .collect();
            rows.push(vec![button(texts.survey_done(), false, Press::Done)]);
            rows
        }
        QuestionKind::Text => {
            return Markup::Reply {
                placeholder: texts.survey_text_placeholder(),
            };
        }
    };
    Markup::Buttons(rows)
}

/// The answer as the member chose it, in words.
fn answer_label(
    texts: Texts<'_>,
    question: &SurveyQuestion,
    answer: &AnswerValue,
) -> Option<String> {
    let value = answer.value;
    match &question.kind {
        QuestionKind::Rating => value.map(|v| format!("{v} ★")),
        QuestionKind::YesNo => value.map(|v| {
            if v == 1 {
                texts.survey_yes()
            } else {
                texts.survey_no()
            }
        }),
        QuestionKind::Choice(options) | QuestionKind::Multi(options) => {
            let mask = value?;
            let chosen: Vec<&str> = options
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << i) != 0)
                .map(|(_, o)| o.as_str())
                .collect();
            (!chosen.is_empty()).then(|| chosen.join(", "))
        }
        QuestionKind::Text => answer.text.clone(),
    }
}

fn question_text(
    texts: Texts<'_>,
    survey: &SurveyRef,
    question: &SurveyQuestion,
    answer: Option<&AnswerValue>,
) -> String {
    let label = answer.and_then(|a| answer_label(texts, question, a));
    texts.survey_question(
        usize::from(question.position) + 1,
        usize::try_from(survey.questions).unwrap_or_default(),
        &question.prompt,
        &question.kind,
        label.as_deref(),
    )
}

/// A question message as it reads once answered. The first question came with the survey's
/// introduction, which stays: the member still sees which survey the questions belong to.
fn answered_text(
    ctx: &Ctx<'_>,
    survey: &SurveyRef,
    question: &SurveyQuestion,
    answer: &AnswerValue,
) -> String {
    let text = question_text(ctx.texts(), survey, question, Some(answer));
    if question.position != 0 {
        return text;
    }
    let closes = survey
        .closes_at
        .map(|at| at.with_timezone(&ctx.app.surveys.offset).naive_local());
    let intro = ctx.texts().survey_intro(
        &survey.group_name,
        &survey.title,
        &survey.post_title,
        usize::try_from(survey.questions).unwrap_or_default(),
        survey.anonymous,
        closes,
    );
    format!("{intro}\n\n{text}")
}

/// `/survey <group> <title>` and its questions: checks, stores a draft, shows the preview.
pub async fn create(
    ctx: &Ctx<'_>,
    msg: &Message,
    slug: &GroupSlug,
    title: &str,
    body: &str,
) -> HandlerResult {
    require_facilitator(ctx, slug).await?;
    let Some(group) = ctx.store().group_by_slug(slug).await? else {
        return refuse(ctx.texts().unknown_group(slug));
    };
    if group.archived {
        return refuse(ctx.texts().archived(group.name.as_str()));
    }
    let spec = SurveySpec::parse(title, body)
        .or_else(|problems| refuse(ctx.texts().survey_problems(&problems)))?;
    let Some((post, _)) = ctx.store().survey_post(group.id, spec.post).await? else {
        return refuse(match spec.post {
            Some(post) => ctx.texts().survey_unknown_post(group.name.as_str(), post),
            None => ctx.texts().survey_no_post(group.name.as_str()),
        });
    };
    let now = Utc::now();
    let offset = ctx.app.surveys.offset;
    let (closes_at, closes_after) = match spec.closes {
        None => (None, None),
        Some(Closes::After(delay)) => (None, Some(delay)),
        Some(Closes::At(local)) => {
            let at = offset
                .from_local_datetime(&local)
                .single()
                .map(|t| t.with_timezone(&Utc));
            match at {
                Some(at) if at > now => (Some(at), None),
                _ => return refuse(ctx.texts().survey_closes_past()),
            }
        }
    };
    let draft = ctx
        .store()
        .create_survey_draft(
            &NewSurvey {
                group: group.id,
                post,
                author: ctx.actor.id,
                source: Some((msg.chat.id.0, i64::from(msg.id.0))),
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
    let closes_local = closes_at.map(|at| at.with_timezone(&offset).naive_local());
    let mut rendered = RenderedSurvey::default();
    for texts in ctx.app.i18n.all() {
        rendered.insert(texts.code(), rendering(texts, &survey, first, closes_local));
    }
    ctx.store()
        .set_survey_rendering(draft.id, &rendered)
        .await?;
    tracing::info!(group = %group.slug, survey = %draft.id, questions = questions.len(), "survey draft for preview");

    let mine = rendering(ctx.texts(), &survey, first, closes_local).first;
    send_message(ctx, ctx.actor.chat, mine.html, mine.markup.as_ref()).await?;
    ctx.reply(ctx.texts().survey_outline(&spec)).await?;
    let recipients = ctx.store().recipient_count(group.id, ctx.actor.id).await?;
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
    let intro = texts.survey_intro(
        &survey.group_name,
        &survey.title,
        &survey.post_title,
        usize::try_from(survey.questions).unwrap_or_default(),
        survey.anonymous,
        closes,
    );
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

async fn send_message(
    ctx: &Ctx<'_>,
    chat: ChatId,
    html: String,
    markup: Option<&Markup>,
) -> Result<Message, HandlerError> {
    let markup = markup.map(crate::telegram::reply_markup);
    Ok(with_flood_retry(|| {
        let request = send_html(ctx.bot, chat, html.clone());
        match &markup {
            Some(m) => request.reply_markup(m.clone()),
            None => request,
        }
    })
    .await?)
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

/// Survey buttons work only in the presser's own private chat, where the bot sent them: a
/// forged press on some other message must not move questions into a group chat.
fn in_own_chat(ctx: &Ctx<'_>, query: &CallbackQuery) -> bool {
    query
        .regular_message()
        .is_some_and(|m| m.chat.is_private() && m.chat.id.0 == ctx.actor.id.get())
}

/// Removes the buttons under the pressed message (its survey closed).
async fn drop_buttons(ctx: &Ctx<'_>, query: &CallbackQuery) {
    if let Some(message) = query.regular_message()
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
    answer: &AnswerValue,
) {
    let text = answered_text(ctx, survey, question, answer);
    let edited = match question_markup(ctx.texts(), survey.id, question, Some(answer)) {
        Markup::Buttons(rows) => {
            crate::telegram::edit_pressed_message_with(
                ctx,
                query,
                &text,
                Some(crate::telegram::keyboard::inline_keyboard(&rows)),
            )
            .await
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
        Answerable::Unknown => {
            tracing::info!(survey = %survey_id, position, "a press on an unknown survey question");
            return answer_callback(ctx, query, ctx.texts().stale_button()).await;
        }
        Answerable::Closed(_) => {
            answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
            drop_buttons(ctx, query).await;
            return Ok(());
        }
        Answerable::NotMember(survey) => {
            return answer_callback(
                ctx,
                query,
                ctx.texts().survey_not_member_toast(&survey.group_name),
            )
            .await;
        }
    };
    let respondent =
        ctx.app
            .surveys
            .key
            .respondent(survey.id, question.id, person, survey.anonymous);
    let options = question.kind.options().len();
    let value = match (&question.kind, press) {
        (QuestionKind::Rating, Press::Rating(n)) => i64::from(n),
        (QuestionKind::YesNo, Press::Yes) => 1,
        (QuestionKind::YesNo, Press::No) => 0,
        (QuestionKind::Choice(_), Press::Choice(i)) if usize::from(i) < options => 1 << i,
        (QuestionKind::Multi(_), Press::Toggle { option, on }) if usize::from(option) < options => {
            let mask = ctx
                .store()
                .set_option(
                    &Answering {
                        survey: &survey,
                        question: &question,
                        person,
                        respondent: &respondent,
                    },
                    option,
                    on,
                    now,
                )
                .await?;
            answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
            let answer = AnswerValue {
                value: Some(mask),
                text: None,
            };
            show_answer(ctx, query, &survey, &question, &answer).await;
            return Ok(());
        }
        (QuestionKind::Multi(_), Press::Done) => {
            let answer = ctx
                .store()
                .answer(question.id, &respondent)
                .await?
                .filter(|a| a.value.unwrap_or(0) != 0);
            let Some(answer) = answer else {
                return answer_callback(ctx, query, ctx.texts().survey_pick_one_toast()).await;
            };
            let progress = ctx.store().advance(&survey, position, person, now).await?;
            answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
            show_answer(ctx, query, &survey, &question, &answer).await;
            return next(ctx, &survey, progress).await;
        }
        _ => {
            // A button this question never had: forged, or from another question.
            tracing::info!(survey = %survey_id, position, ?press, "a press that does not fit the question");
            return answer_callback(ctx, query, ctx.texts().stale_button()).await;
        }
    };
    let answer = AnswerValue {
        value: Some(value),
        text: None,
    };
    let progress = ctx
        .store()
        .save_answer(
            &Answering {
                survey: &survey,
                question: &question,
                person,
                respondent: &respondent,
            },
            &answer,
            true,
            now,
        )
        .await?;
    if progress == Progress::Closed {
        answer_callback(ctx, query, ctx.texts().survey_closed_toast()).await?;
        drop_buttons(ctx, query).await;
        return Ok(());
    }
    answer_callback(ctx, query, ctx.texts().survey_saved_toast()).await?;
    show_answer(ctx, query, &survey, &question, &answer).await;
    if progress == Progress::Stayed {
        return ask_again_if_lost(ctx, &survey, at).await;
    }
    next(ctx, &survey, progress).await
}

/// After a press that moved nobody on: if the question the person is at was never delivered
/// (sending it failed after they moved on), send it now — pressing again recovers.
async fn ask_again_if_lost(ctx: &Ctx<'_>, survey: &SurveyRef, at: i64) -> HandlerResult {
    let Some(position) = u8::try_from(at)
        .ok()
        .filter(|p| i64::from(*p) < survey.questions)
    else {
        return Ok(());
    };
    if at == 0
        || ctx
            .store()
            .question_message(ctx.actor.chat.0, survey.id, at)
            .await?
            .is_some()
    {
        return Ok(());
    }
    ask(ctx, survey, position, None).await
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
    current: Option<AnswerValue>,
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
            i64::from(position),
            ctx.actor.chat.0,
            i64::from(sent.id.0),
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
    match ctx
        .store()
        .answerable(survey_id, 0, ctx.actor.id, Utc::now())
        .await?
    {
        Answerable::Yes {
            survey, person, at, ..
        } => {
            answer_callback(ctx, query, "▶️").await?;
            match u8::try_from(at)
                .ok()
                .filter(|at| i64::from(*at) < survey.questions)
            {
                Some(at) => {
                    // Asked again: show what they already chose, if anything.
                    let questions = ctx.store().survey_questions(survey.id).await?;
                    let current = match questions.iter().find(|q| q.position == at) {
                        Some(q) => {
                            let respondent = ctx.app.surveys.key.respondent(
                                survey.id,
                                q.id,
                                person,
                                survey.anonymous,
                            );
                            ctx.store().answer(q.id, &respondent).await?
                        }
                        None => None,
                    };
                    ask(ctx, &survey, at, current).await
                }
                None => {
                    ctx.reply(ctx.texts().survey_nothing_waiting()).await?;
                    Ok(())
                }
            }
        }
        Answerable::Unknown => answer_callback(ctx, query, ctx.texts().stale_button()).await,
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
    }
}

/// A text message in a private chat that answers a text question: a reply to the question,
/// or any text while a text question waits. Whether it was taken as an answer (else it is a
/// comment).
pub async fn on_text(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    let Some(text) = msg.text().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(false);
    };
    let now = Utc::now();
    let chat = msg.chat.id.0;
    // Telegram delivered again a message that was an answer: it was taken the first time.
    if ctx
        .store()
        .was_answer_message(chat, i64::from(msg.id.0))
        .await?
    {
        return Ok(true);
    }
    // A reply to one of the survey's own messages is about the survey, never a comment.
    let replied = match msg.reply_to_message() {
        Some(replied) => {
            ctx.store()
                .survey_message(chat, i64::from(replied.id.0))
                .await?
        }
        None => None,
    };
    let target = match replied {
        Some((survey, position)) => match u8::try_from(position) {
            Ok(position) => Some((survey, position)),
            // A reply to a reminder: its Continue button asks the question.
            Err(_) => {
                ctx.reply(ctx.texts().survey_use_continue()).await?;
                return Ok(true);
            }
        },
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
    let answer = AnswerValue {
        value: None,
        text: Some(text.to_owned()),
    };
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
            true,
            Some((chat, i64::from(msg.id.0))),
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
        Some(replied) => Some(i64::from(replied.id.0)),
        None => {
            ctx.store()
                .question_message(chat, survey.id, i64::from(position))
                .await?
        }
    };
    if let Some(id) = question_message.and_then(|id| i32::try_from(id).ok()) {
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

/// `/closesurvey <id>`: facilitators of the survey's group (and coordinators).
pub async fn close(ctx: &Ctx<'_>, id: SurveyId) -> HandlerResult {
    let Some(survey) = ctx.store().survey(id).await? else {
        return refuse(ctx.texts().survey_unknown(id));
    };
    require_facilitator(ctx, &survey.group_slug).await?;
    if ctx.store().close_survey(id, Utc::now()).await? {
        tracing::info!(survey = %id, "survey closed by a facilitator");
        ctx.app.surveys.keeper.wake();
        ctx.reply(ctx.texts().survey_closed(id, &survey.title))
            .await?;
        Ok(())
    } else if survey.state == coloop_core::store::SurveyState::Closed {
        refuse(ctx.texts().survey_already_closed(id))
    } else {
        refuse(ctx.texts().survey_unknown(id))
    }
}
