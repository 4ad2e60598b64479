//! `/start [code]` and the consent buttons: joining a working group from an invite link.
//!
//! Nothing about a person is stored before they press "I agree": the consent message carries
//! the invite code in its button, and the press stores the person and the membership in one
//! transaction. The one exception is a coordinator the operator named in the configuration:
//! their `/start` is recorded, so that weekly digests go to them.

use chrono::Utc;
use coloop_core::CONSENT_VERSION;
use coloop_core::command::{Callback, StartArg};
use coloop_core::domain::{DisplayName, InviteCode, Username};
use coloop_core::store::{JoinOutcome, Newcomer};
use teloxide::types::{CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup};

use crate::telegram::{Ctx, HandlerResult, answer_callback, edit_pressed_message, refuse};
use crate::texts::Texts;

pub async fn start(ctx: &Ctx<'_>, arg: StartArg) -> HandlerResult {
    // A coordinator named in the configuration: weekly digests go to them from now on (the
    // operator named them; until they `/forget` themselves).
    if ctx.app.coordinators.contains(&ctx.actor.id) {
        ctx.store()
            .record_coordinator_start(ctx.actor.id, Utc::now())
            .await?;
    }
    let code = match arg {
        StartArg::None => {
            let groups = ctx.store().memberships_of(ctx.actor.id).await?;
            let text = if groups.is_empty() {
                ctx.texts().welcome().to_owned()
            } else {
                ctx.texts().welcome_back(&groups)
            };
            ctx.reply(text).await?;
            return Ok(());
        }
        StartArg::Malformed => return refuse(ctx.texts().unknown_code()),
        StartArg::Code(code) => code,
    };
    match ctx
        .store()
        .join_with_code(ctx.actor.id, &code, Utc::now())
        .await?
    {
        JoinOutcome::NeedsConsent { name, role } => {
            let text = ctx.texts().consent(name.as_str(), role);
            ctx.reply_with(text, consent_keyboard(ctx.texts(), &code))
                .await?;
            Ok(())
        }
        outcome => answer_join(ctx, outcome).await,
    }
}

fn consent_keyboard(texts: Texts<'_>, code: &InviteCode) -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback(
            texts.consent_agree_button(),
            Callback::Consent(code.clone()).encode(),
        ),
        InlineKeyboardButton::callback(texts.consent_decline_button(), Callback::Decline.encode()),
    ]])
}

async fn answer_join(ctx: &Ctx<'_>, outcome: JoinOutcome) -> HandlerResult {
    let text = match outcome {
        JoinOutcome::UnknownCode => return refuse(ctx.texts().unknown_code()),
        JoinOutcome::Replaced => return refuse(ctx.texts().link_replaced()),
        JoinOutcome::Archived { name } => return refuse(ctx.texts().archived(name.as_str())),
        JoinOutcome::NeedsConsent { .. } => {
            return Err(anyhow::anyhow!("join asked for consent after consent was given").into());
        }
        JoinOutcome::Joined(joined) => {
            tracing::info!(group = %joined.slug, role = %joined.role, change = ?joined.change, "joined");
            ctx.texts().joined(&joined)
        }
    };
    ctx.reply(text).await?;
    Ok(())
}

/// "I agree": the person and the membership are stored in one transaction.
pub async fn on_consent(ctx: &Ctx<'_>, query: &CallbackQuery, code: InviteCode) -> HandlerResult {
    let user = &ctx.actor.user;
    let newcomer = Newcomer {
        telegram_id: ctx.actor.id,
        name: DisplayName::from_telegram(&user.first_name, user.last_name.as_deref()),
        username: user.username.as_deref().and_then(Username::parse),
        // Stored as a language we ship (or none): replies, posts and notices then
        // all choose the same way.
        language: user
            .language_code
            .as_deref()
            .and_then(|tag| ctx.app.i18n.find(tag))
            .map(|lang| lang.code().to_owned()),
    };
    let outcome = ctx
        .store()
        .consent_and_join(&newcomer, &code, CONSENT_VERSION, Utc::now())
        .await?;
    let agreed = matches!(outcome, JoinOutcome::Joined(_));
    let toast = if agreed {
        ctx.texts().consent_accepted_toast()
    } else {
        ctx.texts().stale_invite_toast()
    };
    answer_callback(ctx, query, toast).await?;
    let closing = match &outcome {
        JoinOutcome::Joined(_) => ctx.texts().consent_accepted(),
        JoinOutcome::Replaced => ctx.texts().link_replaced(),
        _ => ctx.texts().unknown_code(),
    };
    edit_pressed_message(ctx, query, closing).await?;
    answer_join(ctx, outcome).await
}

/// "No thanks": nothing is stored.
pub async fn on_decline(ctx: &Ctx<'_>, query: &CallbackQuery) -> HandlerResult {
    answer_callback(ctx, query, ctx.texts().declined_toast()).await?;
    edit_pressed_message(ctx, query, ctx.texts().declined()).await
}

/// Someone who agreed to an older consent text writes to the bot: the current one, with an
/// "I agree" button, at most once a week until they agree (their message is handled as usual).
pub async fn ask_consent_again(ctx: &Ctx<'_>) -> HandlerResult {
    if !ctx
        .store()
        .ask_consent_again(ctx.actor.id, Utc::now())
        .await?
    {
        return Ok(());
    }
    let keyboard = InlineKeyboardMarkup::new([[InlineKeyboardButton::callback(
        ctx.texts().consent_agree_button(),
        Callback::RenewConsent(CONSENT_VERSION).encode(),
    )]]);
    ctx.reply_with(ctx.texts().consent_renewal(), keyboard)
        .await?;
    Ok(())
}

/// "I agree" under the current consent text shown again: recorded, with the @username it says
/// is kept. A button for another version than the current one is stale.
pub async fn on_renew_consent(ctx: &Ctx<'_>, query: &CallbackQuery, version: i64) -> HandlerResult {
    if version != CONSENT_VERSION {
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    let username = ctx.actor.user.username.as_deref().and_then(Username::parse);
    let renewed = ctx
        .store()
        .renew_consent(ctx.actor.id, version, username.as_ref(), Utc::now())
        .await?;
    if renewed {
        tracing::info!(version, "consent renewed");
    } else if ctx
        .store()
        .language_and_consent(ctx.actor.id)
        .await?
        .is_none()
    {
        // Not stored (any more): there is nothing to agree for.
        return answer_callback(ctx, query, ctx.texts().stale_button()).await;
    }
    answer_callback(ctx, query, ctx.texts().consent_accepted_toast()).await?;
    edit_pressed_message(ctx, query, ctx.texts().consent_renewed()).await
}
