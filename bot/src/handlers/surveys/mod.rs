//! Surveys: `/survey` (facilitators) with a preview and Send/Cancel ([`create`]), delivery of
//! the first question through the outbox, then one question at a time in each member's chat —
//! buttons for rating, yes/no, choice and multi, a reply for text ([`answer`]) — and
//! `/closesurvey`.
//!
//! What a question offers and what a press means come from [`coloop_core::survey`]; this
//! module only gives its keys a label from the catalogue and a Telegram button, and back.

mod answer;
mod create;

use chrono::Utc;
use coloop_core::command::Callback;
use coloop_core::domain::SurveyId;
use coloop_core::message::{Button, Markup};
use coloop_core::store::{SurveyQuestion, SurveyRef, SurveyState};
use coloop_core::survey::{Answer, Face, Key, Mark};
use teloxide::prelude::*;

pub use answer::{on_answer, on_continue, on_text};
pub use create::{create, on_cancel, on_send};

use super::require_facilitator;
use crate::telegram::{Ctx, HandlerError, HandlerResult, refuse, send_html, send_or_queue};
use crate::texts::Texts;

/// The buttons under a question (marking the current answer), or a reply request for a text
/// question.
fn question_markup(
    texts: Texts<'_>,
    survey: SurveyId,
    question: &SurveyQuestion,
    current: Option<&Answer>,
) -> Markup {
    let Some(rows) = question.kind.keys(current) else {
        return Markup::Reply {
            placeholder: texts.survey_text_placeholder(),
        };
    };
    let button = |key: &Key<'_>| {
        let label = match key.face {
            Face::Rating(n) => n.to_string(),
            Face::Yes => texts.survey_yes(),
            Face::No => texts.survey_no(),
            Face::Option(option) => option.to_owned(),
            Face::Done => texts.survey_done(),
        };
        Button {
            text: match key.mark {
                Mark::Plain => label,
                Mark::Chosen => texts.survey_button_chosen(&label),
                Mark::Ticked(on) => texts.survey_button_ticked(&label, on),
            },
            data: Callback::Answer {
                survey,
                question: question.position,
                press: key.press,
            }
            .encode(),
        }
    };
    Markup::Buttons(
        rows.iter()
            .map(|row| row.iter().map(button).collect())
            .collect(),
    )
}

/// The answer as the member chose it, in words.
fn answer_label(texts: Texts<'_>, question: &SurveyQuestion, answer: &Answer) -> Option<String> {
    match answer {
        Answer::Text(text) => Some(text.clone()),
        _ => {
            let labels = choice_labels(texts, answer, question.kind.options());
            (!labels.is_empty()).then(|| labels.join(", "))
        }
    }
}

/// The label(s) of the button(s) a member chose for `answer` (`options`: the question's, in
/// order): `4 ★`, `Yes`, the chosen options; none for a text answer.
pub(crate) fn choice_labels(texts: Texts<'_>, answer: &Answer, options: &[String]) -> Vec<String> {
    match answer {
        Answer::Rating(n) => vec![texts.survey_rating(*n)],
        Answer::YesNo(true) => vec![texts.survey_yes()],
        Answer::YesNo(false) => vec![texts.survey_no()],
        Answer::Choice(_) | Answer::Multi(_) => answer
            .chosen(options)
            .into_iter()
            .map(str::to_owned)
            .collect(),
        Answer::Text(_) => Vec::new(),
    }
}

fn question_text(
    texts: Texts<'_>,
    survey: &SurveyRef,
    question: &SurveyQuestion,
    answer: Option<&Answer>,
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

/// The survey's introduction, above its first question.
fn intro(texts: Texts<'_>, survey: &SurveyRef, closes: Option<chrono::NaiveDateTime>) -> String {
    texts.survey_intro(
        &survey.group_name,
        &survey.title,
        &survey.post_title,
        usize::try_from(survey.questions).unwrap_or_default(),
        survey.anonymous,
        closes,
    )
}

async fn send_message(
    ctx: &Ctx<'_>,
    chat: ChatId,
    html: String,
    markup: Option<&Markup>,
) -> Result<Message, HandlerError> {
    let markup = markup.map(crate::telegram::reply_markup);
    Ok(send_or_queue(|| {
        let request = send_html(ctx.bot, chat, html.clone());
        match &markup {
            Some(m) => request.reply_markup(m.clone()),
            None => request,
        }
    })
    .await?)
}

/// `/closesurvey <id>`: facilitators of the survey's group (and coordinators).
pub async fn close(ctx: &Ctx<'_>, id: SurveyId) -> HandlerResult {
    let Some(survey) = ctx.store().survey(id).await? else {
        return refuse(ctx.texts().survey_unknown(id));
    };
    if !super::may_facilitate(ctx, &survey.group_slug).await? {
        return refuse(ctx.texts().survey_unknown(id));
    }
    if ctx.store().close_survey(id, Utc::now()).await? {
        tracing::info!(survey = %id, "survey closed by a facilitator");
        crate::handlers::people::audited(
            ctx,
            &survey.group_slug,
            coloop_core::domain::AuditAction::SurveyClosed,
            format!("#{id}"),
        )
        .await;
        ctx.app.surveys.keeper.wake();
        ctx.reply(ctx.texts().survey_closed(id, &survey.title))
            .await?;
        Ok(())
    } else if survey.state == SurveyState::Closed {
        refuse(ctx.texts().survey_already_closed(id))
    } else {
        refuse(ctx.texts().survey_unknown(id))
    }
}
