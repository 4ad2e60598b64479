//! Keyboards: our [`Markup`] as Telegram's, and the buttons several features share.

use coloop_core::command::Callback;
use coloop_core::message::{Button, Markup};
use teloxide::types::{ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, ReplyMarkup};

use crate::texts::Texts;

/// Telegram's markup for ours.
pub fn reply_markup(markup: &Markup) -> ReplyMarkup {
    match markup {
        Markup::Buttons(rows) => ReplyMarkup::InlineKeyboard(inline_keyboard(rows)),
        Markup::Reply { placeholder } => ReplyMarkup::ForceReply(
            ForceReply::new().input_field_placeholder(Some(placeholder.clone())),
        ),
    }
}

/// Telegram's inline keyboard for rows of our buttons.
pub fn inline_keyboard(rows: &[Vec<Button>]) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new(rows.iter().map(|row| {
        row.iter()
            .map(|b| InlineKeyboardButton::callback(b.text.clone(), b.data.clone()))
            .collect::<Vec<_>>()
    }))
}

/// The Send / Cancel buttons under a preview.
pub fn send_cancel_buttons(
    texts: Texts<'_>,
    send: Callback,
    cancel: Callback,
) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(texts.preview_send_button(), send.encode()),
        InlineKeyboardButton::callback(texts.preview_cancel_button(), cancel.encode()),
    ]])
}
