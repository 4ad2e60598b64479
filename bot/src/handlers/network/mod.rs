//! Issue #19, networks: connecting the people of a community with each other, only ever by
//! their consent. `offers` owns offering help (the "I'd like to help" button, `/help_with`, a
//! `volunteer:` survey question's "yes", the two steps after an offer, `/offers` and
//! withdrawing); `volunteers` owns `/volunteers`, who offered help in a group.

pub mod offers;
pub mod volunteers;

pub use offers::{
    help_with, offer_from_survey, on_contact, on_help_with, on_skip, on_text, on_withdraw,
    own_offers,
};
pub use volunteers::volunteers;

use teloxide::types::CallbackQuery;

use crate::telegram::Ctx;

/// Offer buttons work only in the presser's own private chat, where the bot sent them: a
/// forged press on a message elsewhere must not make the bot talk there.
fn in_own_chat(ctx: &Ctx<'_>, query: &CallbackQuery) -> bool {
    query
        .regular_message()
        .is_some_and(|m| m.chat.is_private() && m.chat.id.0 == ctx.actor.id.get())
}
