//! `/digest [group] [days]` (facilitators: their groups; coordinators: any or all) and
//! `/export [group]` (coordinators): what the community said, in the chat and as CSV files.

use chrono::{DateTime, Utc};
use coloop_core::digest::{Digest, answers_csv, comments_csv, deliveries_csv};
use coloop_core::domain::GroupSlug;

use super::{facilitated_groups, require_facilitator};
use crate::telegram::{Ctx, HandlerResult, refuse, send_charts, send_document};
use crate::texts::DigestView;

/// The window when none is given.
const DEFAULT_DAYS: u32 = 7;

pub async fn digest(ctx: &Ctx<'_>, group: Option<&GroupSlug>, days: Option<u32>) -> HandlerResult {
    let days = days.unwrap_or(DEFAULT_DAYS);
    let coordinator = ctx.is_coordinator().await?;
    let mine = facilitated_groups(ctx).await?;
    let slug = match group {
        Some(slug) => {
            require_facilitator(ctx, slug).await?;
            Some(slug.clone())
        }
        None if coordinator => None,
        None => match mine.as_slice() {
            [only] => Some(only.clone()),
            [] => return refuse(ctx.texts().coordinators_only()),
            several => return refuse(ctx.texts().digest_which_group(several)),
        },
    };
    let name = match &slug {
        Some(slug) => match ctx.store().group_by_slug(slug).await? {
            Some(group) => Some(group.name.as_str().to_owned()),
            None => return refuse(ctx.texts().unknown_group(slug)),
        },
        None => None,
    };
    let digest = Digest::build(ctx.store(), slug.as_ref(), days, Utc::now()).await?;
    let facilitates: Vec<String> = mine.iter().map(GroupSlug::to_string).collect();
    let view = DigestView {
        coordinator,
        facilitates: &facilitates,
    };
    ctx.reply(ctx.texts().digest(&digest, name.as_deref(), days, view))
        .await?;
    send_charts(ctx.bot, ctx.actor.chat, ctx.texts().digest_charts(&digest)).await?;
    Ok(())
}

pub async fn export(ctx: &Ctx<'_>, group: Option<&GroupSlug>) -> HandlerResult {
    if !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let (id, name) = match group {
        Some(slug) => match ctx.store().group_by_slug(slug).await? {
            Some(g) => (Some(g.id), Some(g.name.as_str().to_owned())),
            None => return refuse(ctx.texts().unknown_group(slug)),
        },
        None => (None, None),
    };
    let since = DateTime::<Utc>::UNIX_EPOCH;
    let comments = ctx.store().digest_comments(id, since, None).await?;
    let deliveries = ctx.store().digest_deliveries(id, since).await?;
    let answers = ctx.store().export_answers(id, Utc::now()).await?;
    if comments.is_empty() && deliveries.is_empty() && answers.is_empty() {
        return refuse(ctx.texts().export_empty());
    }
    let slug = group
        .map(|g| g.to_string())
        .unwrap_or_else(|| "all".to_owned());
    for (what, csv) in [
        (
            "answers",
            answers_csv(&answers).map_err(anyhow::Error::from)?,
        ),
        (
            "comments",
            comments_csv(&comments).map_err(anyhow::Error::from)?,
        ),
        (
            "deliveries",
            deliveries_csv(&deliveries).map_err(anyhow::Error::from)?,
        ),
    ] {
        if csv.is_empty() {
            continue;
        }
        send_document(
            ctx.bot,
            ctx.actor.chat,
            csv.into_bytes(),
            format!("coloop-{slug}-{what}.csv"),
            ctx.texts().export_caption(what, name.as_deref()),
        )
        .await?;
    }
    Ok(())
}
