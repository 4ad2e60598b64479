//! Sending: answers sent now or, after Telegram's flood control, from a queue (tasks, which
//! have no lane, wait it out instead), toasts, edits of the pressed
//! message, photos and documents.

use std::time::Duration;

use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, ChatId, InputFile, LinkPreviewOptions, ParseMode};

use super::{Ctx, HandlerResult};
use crate::texts::SurveyChart;

/// The longest `retry_after` a direct answer waits for; longer floods fail the answer.
const MAX_ANSWER_WAIT: Duration = Duration::from_secs(30);

/// Sends the request made by `make`; when Telegram answers 429, waits `retry_after` and tries
/// again (twice at most). Broadcasts have their own, durable, worker; this is for answers.
pub async fn with_flood_retry<R, F>(
    make: F,
) -> Result<<R::Payload as teloxide::requests::Payload>::Output, teloxide::RequestError>
where
    F: Fn() -> R,
    R: teloxide::requests::Request<Err = teloxide::RequestError>,
{
    let mut attempt = 0;
    loop {
        match make().send().await {
            Err(teloxide::RequestError::RetryAfter(wait))
                if attempt < 2 && wait.duration() <= MAX_ANSWER_WAIT =>
            {
                attempt += 1;
                metrics::counter!("coloop_telegram_429_total", "source" => "answer").increment(1);
                tracing::warn!(
                    retry_after_s = wait.seconds(),
                    "flood control: waiting before answering"
                );
                tokio::time::sleep(wait.duration()).await;
            }
            result => return result,
        }
    }
}

/// Whether Telegram refused because the person cannot be written to: they blocked the bot,
/// never started it, or deleted their account. Telegram words the never-started case "Forbidden:
/// bot can't initiate conversation with a user", which teloxide 0.17 does not recognise (it
/// expects "Unauthorized: …"), so any other "Forbidden:" counts too.
pub fn is_unreachable(error: &teloxide::RequestError) -> bool {
    use teloxide::ApiError;
    match error {
        teloxide::RequestError::Api(
            ApiError::BotBlocked | ApiError::UserDeactivated | ApiError::CantInitiateConversation,
        ) => true,
        teloxide::RequestError::Api(ApiError::Unknown(description)) => {
            description.starts_with("Forbidden:")
        }
        _ => false,
    }
}

/// Sends the request made by `make` now, for a handler: when Telegram answers 429, the
/// request is handed to a background task that sends it once `retry_after` is over (twice
/// more at most) — a queue, like broadcasts have — and the 429 is returned, so that no handler
/// waits in its lane (which would hold up every chat that shares it). The caller's `?` turns
/// it into [`super::HandlerError::Queued`].
pub async fn send_or_queue<R, F>(
    make: F,
) -> Result<<R::Payload as teloxide::requests::Payload>::Output, teloxide::RequestError>
where
    F: Fn() -> R,
    R: teloxide::requests::Request<Err = teloxide::RequestError> + Send + Sync + 'static,
    R::SendRef: Send,
{
    match make().send().await {
        Err(teloxide::RequestError::RetryAfter(wait)) => {
            metrics::counter!("coloop_telegram_429_total", "source" => "answer").increment(1);
            tracing::warn!(
                retry_after_s = wait.seconds(),
                "flood control: the answer is queued"
            );
            let later = make();
            tokio::spawn(async move {
                let mut wait = wait.duration();
                for _ in 0..2 {
                    if wait > MAX_ANSWER_WAIT {
                        break;
                    }
                    tokio::time::sleep(wait).await;
                    match later.send_ref().await {
                        Err(teloxide::RequestError::RetryAfter(again)) => wait = again.duration(),
                        Err(error) => {
                            tracing::warn!(%error, "a queued answer failed");
                            return;
                        }
                        Ok(_) => return,
                    }
                }
                tracing::warn!("a queued answer was dropped: flood control kept refusing it");
            });
            Err(teloxide::RequestError::RetryAfter(wait))
        }
        result => result,
    }
}

/// An HTML message with link previews off (invite links would otherwise unfurl).
pub fn send_html(
    bot: &Bot,
    chat: ChatId,
    text: impl Into<String>,
) -> teloxide::requests::JsonRequest<teloxide::payloads::SendMessage> {
    bot.send_message(chat, text)
        .parse_mode(ParseMode::Html)
        .link_preview_options(LinkPreviewOptions {
            is_disabled: true,
            url: None,
            prefer_small_media: false,
            prefer_large_media: false,
            show_above_text: false,
        })
}

/// Answers a button press with a short toast. The toast is a courtesy: if Telegram refuses it
/// (a redelivered press whose query was already answered, or one older than Telegram keeps),
/// the press is still handled.
pub async fn answer_callback(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: impl AsRef<str>,
) -> HandlerResult {
    ctx.mark_answered();
    if let Err(error) = ctx
        .bot
        .answer_callback_query(query.id.clone())
        .text(text.as_ref())
        .await
    {
        tracing::info!(error = %error, "could not answer the button press");
    }
    Ok(())
}

/// Replaces the text (and removes the buttons) of the message whose button was pressed, so
/// they cannot be pressed again. A redelivered press finds it already changed; that is fine.
pub async fn edit_pressed_message(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: impl AsRef<str>,
) -> HandlerResult {
    edit_pressed_message_with(ctx, query, text.as_ref(), None).await
}

/// Like [`edit_pressed_message`], with new buttons.
pub async fn edit_pressed_message_with(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    text: &str,
    keyboard: Option<teloxide::types::InlineKeyboardMarkup>,
) -> HandlerResult {
    let Some(message) = query.regular_message() else {
        return Ok(());
    };
    ctx.app.other_sends.sent();
    let mut edit = ctx
        .bot
        .edit_message_text(message.chat.id, message.id, text)
        .parse_mode(ParseMode::Html);
    if let Some(keyboard) = keyboard {
        edit = edit.reply_markup(keyboard);
    }
    match edit.await {
        Ok(_) | Err(teloxide::RequestError::Api(teloxide::ApiError::MessageNotModified)) => Ok(()),
        Err(error) => Err(error.into()),
    }
}

/// Draws each chart as a PNG (off the runtime's threads: it is CPU work) and sends it as a
/// photo with its caption.
pub async fn send_charts(bot: &Bot, chat: ChatId, charts: Vec<SurveyChart>) -> anyhow::Result<()> {
    for chart in charts {
        let SurveyChart {
            heading,
            distributions,
            file_name,
            caption,
        } = chart;
        let png = tokio::task::spawn_blocking(move || {
            coloop_core::chart::distributions_png(&heading, &distributions)
        })
        .await??;
        send_or_queue(|| {
            bot.send_photo(
                chat,
                InputFile::memory(png.clone()).file_name(file_name.clone()),
            )
            .caption(caption.clone())
            .parse_mode(ParseMode::Html)
        })
        .await?;
    }
    Ok(())
}

/// Sends a file (a CSV export, say) with an HTML caption.
pub async fn send_document(
    bot: &Bot,
    chat: ChatId,
    bytes: Vec<u8>,
    file_name: String,
    caption: String,
) -> Result<Message, teloxide::RequestError> {
    send_or_queue(|| {
        bot.send_document(
            chat,
            InputFile::memory(bytes.clone()).file_name(file_name.clone()),
        )
        .caption(caption.clone())
        .parse_mode(ParseMode::Html)
    })
    .await
}
