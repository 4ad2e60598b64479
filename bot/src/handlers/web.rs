//! `/web`: a sign-in link to the dashboard (issue #21), and `/web logout`. The link's token is
//! stored hashed, works once and for 10 minutes; what the person may see there is asked again
//! on every page (`crate::dashboard`).

use chrono::Utc;
use coloop_core::command::{WebAction, Who};
use coloop_core::domain::LanguageCode;

use crate::telegram::{Ctx, HandlerResult};

pub async fn web(ctx: &Ctx<'_>, action: WebAction) -> HandlerResult {
    super::may_use(ctx, Who::Facilitators).await?;
    match action {
        WebAction::SignIn => sign_in(ctx).await,
        WebAction::SignOut => {
            let ended = ctx.store().end_web_sessions(ctx.actor.id).await?;
            ctx.reply(ctx.texts().web_signed_out(ended)).await?;
            Ok(())
        }
    }
}

async fn sign_in(ctx: &Ctx<'_>) -> HandlerResult {
    let Some(base) = ctx.app.dashboard.get() else {
        ctx.reply(ctx.texts().web_no_server()).await?;
        return Ok(());
    };
    // The language the person reads now; the catalogues' codes are all valid ones.
    let language = LanguageCode::parse(ctx.texts().code())
        .ok_or_else(|| anyhow::anyhow!("a catalogue's code is no language code"))?;
    let token = ctx
        .store()
        .issue_sign_in(ctx.actor.id, &language, Utc::now())
        .await?;
    let mut link = base
        .join("web/login")
        .map_err(|e| anyhow::anyhow!("the dashboard's address: {e}"))?;
    link.query_pairs_mut().append_pair("t", token.expose());
    ctx.reply(ctx.texts().web_sign_in_link(link.as_str()))
        .await?;
    Ok(())
}
