//! The preview's Send / Cancel buttons, as broadcasts and surveys share them: the draft must
//! still exist and be the presser's (a draft without an author is for coordinators), and a
//! Cancel either cancels it or finds it already sent.

use coloop_core::domain::TelegramId;
use teloxide::types::CallbackQuery;

use crate::telegram::{Ctx, HandlerError, HandlerResult, answer_callback, edit_pressed_message};

/// The draft a Send or Cancel press is about, when the presser may act on it; `None` when the
/// press was answered with a toast instead (stale button, someone else's draft).
pub async fn pressed_draft<T>(
    ctx: &Ctx<'_>,
    query: &CallbackQuery,
    draft: Option<T>,
    author: impl FnOnce(&T) -> Option<TelegramId>,
) -> Result<Option<T>, HandlerError> {
    let Some(draft) = draft else {
        answer_callback(ctx, query, ctx.texts().stale_button()).await?;
        return Ok(None);
    };
    let allowed = match author(&draft) {
        Some(author) => author == ctx.actor.id,
        None => ctx.is_coordinator().await?,
    };
    if !allowed {
        answer_callback(ctx, query, ctx.texts().not_your_draft()).await?;
        return Ok(None);
    }
    Ok(Some(draft))
}

/// The answer to a Cancel press: `cancelled` when the draft was cancelled now, else it had
/// already been sent.
pub async fn answer_cancel(ctx: &Ctx<'_>, query: &CallbackQuery, cancelled: bool) -> HandlerResult {
    if cancelled {
        answer_callback(ctx, query, ctx.texts().cancelled_toast()).await?;
        edit_pressed_message(ctx, query, ctx.texts().cancelled()).await
    } else {
        answer_callback(ctx, query, ctx.texts().already_sent_toast()).await
    }
}
