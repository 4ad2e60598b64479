//! Issue #19, networks: connecting the people of a community with each other, only ever by
//! their consent. `offers` owns offering help (the "I'd like to help" button, `/help_with`, a
//! `volunteer:` survey question's "yes", the two steps after an offer, `/offers` and
//! withdrawing); `volunteers` owns `/volunteers`, who offered help in a group; `introduce`
//! owns `/introduce` (picker, note, invitations); `answers` the answers to an invitation and
//! what follows (contacts only once everyone accepted), and withdrawal on `/forget`; `relay`
//! the messages passed on between introduced people; `whos_who` `/profile`, `/people` and
//! contact requests; `actors` other actors (`/actor add`, `/actors`, `/share_actor`).

pub mod actors;
pub mod answers;
pub mod introduce;
pub mod offers;
pub mod relay;
pub mod volunteers;
pub mod whos_who;

pub use answers::{on_answer, withdraw_for_forget};
pub use introduce::{introduce, on_cancel, on_next, on_pick, on_pick_actor};
pub use offers::{
    help_with, offer_from_survey, on_contact, on_help_with, on_skip, on_withdraw, own_offers,
};
pub use relay::on_end;
pub use volunteers::volunteers;
pub use whos_who::{people, profile};

use coloop_core::command::Callback;
use coloop_core::domain::{IntroductionId, TelegramId};
use teloxide::prelude::*;
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use crate::telegram::{Ctx, HandlerError, is_unreachable, send_html, send_or_queue};
use crate::texts::Texts;

/// Offer and introduction buttons work only in the presser's own private chat, where the bot
/// sent them: a forged press on a message elsewhere must not make the bot talk there.
fn in_own_chat(ctx: &Ctx<'_>, query: &CallbackQuery) -> bool {
    query
        .regular_message()
        .is_some_and(|m| m.chat.is_private() && m.chat.id.0 == ctx.actor.id.get())
}

/// A message in a private chat that is not a command: a reply that goes through a relay,
/// a facilitator's note for an introduction, or what a volunteer can offer. Whether it was
/// taken (else it is a comment).
pub async fn on_message(ctx: &Ctx<'_>, msg: &Message) -> Result<bool, HandlerError> {
    Ok(relay::on_reply(ctx, msg).await?
        || introduce::on_note(ctx, msg).await?
        || offers::on_text(ctx, msg).await?)
}

/// Accept / No thanks under an invitation to an introduction (or a contact request).
fn invitation_keyboard(texts: Texts<'_>, intro: IntroductionId) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            texts.intro_accept_button(),
            Callback::IntroAnswer(intro, true).encode(),
        ),
        InlineKeyboardButton::callback(
            texts.intro_decline_button(),
            Callback::IntroAnswer(intro, false).encode(),
        ),
    ]])
}

/// The texts of someone other than the actor, in their stored language.
fn texts_for<'a>(ctx: &Ctx<'a>, language: Option<&str>) -> Texts<'a> {
    ctx.app.i18n.choose(language, None)
}

/// Sends a message to someone else's private chat. `None` when it could not be sent now
/// (they blocked the bot, or it waits out Telegram's flood control): logged, not an error of
/// the actor's.
async fn send_to(
    ctx: &Ctx<'_>,
    to: TelegramId,
    html: String,
    keyboard: Option<InlineKeyboardMarkup>,
) -> Result<Option<Message>, HandlerError> {
    ctx.app.other_sends.sent();
    let sent = send_or_queue(|| {
        let request = send_html(ctx.bot, ChatId(to.get()), html.clone());
        match &keyboard {
            Some(k) => request.reply_markup(k.clone()),
            None => request,
        }
    })
    .await;
    match sent {
        Ok(message) => Ok(Some(message)),
        Err(error) if is_unreachable(&error) => {
            tracing::info!(%error, "could not reach someone of an introduction");
            Ok(None)
        }
        Err(teloxide::RequestError::RetryAfter(_)) => Ok(None),
        Err(error) => Err(error.into()),
    }
}
