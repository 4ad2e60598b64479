//! `/digest [group] [days]` (facilitators: their groups; coordinators: any or all) and
//! `/export [group]` (coordinators): what the community said, in the chat and as CSV files.

use chrono::Utc;
use coloop_core::digest::{Digest, ExportFile, export_csv};
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
    let mut files = Vec::new();
    for file in ExportFile::ALL {
        let csv = export_csv(ctx.store(), file, id, Utc::now())
            .await
            .map_err(anyhow::Error::from)?;
        if !csv.is_empty() {
            files.push((file, csv));
        }
    }
    if files.is_empty() {
        return refuse(ctx.texts().export_empty());
    }
    let slug = group
        .map(|g| g.to_string())
        .unwrap_or_else(|| "all".to_owned());
    for (file, csv) in files {
        send_document(
            ctx.bot,
            ctx.actor.chat,
            csv.into_bytes(),
            format!("coloop-{slug}-{}.csv", file.name()),
            ctx.texts().export_caption(file.name(), name.as_deref()),
        )
        .await?;
    }
    Ok(())
}
