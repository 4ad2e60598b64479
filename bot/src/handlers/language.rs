//! `/language`: a button per language coloop ships (labelled in that language); pressing one
//! stores the choice, and everything coloop sends that person is in it from then on. Someone
//! not stored yet (no consent) is told so, in the chosen language, and nothing is stored.

use coloop_core::command::Callback;
use coloop_core::domain::LanguageCode;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use crate::telegram::{Ctx, HandlerResult, answer_callback, edit_pressed_message};

pub async fn language(ctx: &Ctx<'_>) -> HandlerResult {
    let rows: Vec<Vec<InlineKeyboardButton>> = ctx
        .app
        .i18n
        .all()
        .filter_map(|texts| {
            let code = LanguageCode::parse(texts.code())?;
            Some(vec![InlineKeyboardButton::callback(
                texts.language_name(),
                Callback::Language(code).encode(),
            )])
        })
        .collect();
    let keyboard = InlineKeyboardMarkup::new(rows);
    let text = ctx.texts().language_choose();
    ctx.reply_with(text, keyboard).await?;
    Ok(())
}

/// A language button was pressed. Only a language we ship is taken (forged data is a stale
/// button); the answer is in the new language.
pub async fn on_button(ctx: &Ctx<'_>, query: &CallbackQuery, code: &LanguageCode) -> HandlerResult {
    if !ctx.app.i18n.codes().any(|shipped| shipped == code.as_str()) {
        tracing::info!(language = %code, "a language button for a language we do not ship");
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let texts = ctx.app.i18n.texts(code.as_str());
    answer_callback(ctx, query, texts.language_set_toast()).await?;
    if ctx.store().set_language(ctx.actor.id, code).await? {
        tracing::info!(language = %code, "language chosen");
        edit_pressed_message(ctx, query, texts.language_set()).await
    } else {
        edit_pressed_message(ctx, query, texts.language_not_stored()).await
    }
}
