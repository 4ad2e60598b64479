//! `/digest [group] [days]` (facilitators: their groups; coordinators: any or all) and
//! `/export [group]` (coordinators): what the community said, in the chat and as CSV files.

use chrono::{DateTime, Utc};
use coloop_core::chart::Distribution;
use coloop_core::digest::{Digest, answers_csv, comments_csv, deliveries_csv};
use coloop_core::domain::{GroupSlug, Role};
use teloxide::prelude::*;
use teloxide::types::{ChatId, InputFile};

use super::require_facilitator;
use crate::dispatch::{Ctx, HandlerResult, refuse};
use crate::texts::{DigestView, Texts};

/// The window when none is given.
const DEFAULT_DAYS: u32 = 7;

pub async fn digest(ctx: &Ctx<'_>, group: Option<&GroupSlug>, days: Option<u32>) -> HandlerResult {
    let days = days.unwrap_or(DEFAULT_DAYS);
    let slug = match group {
        Some(slug) => {
            require_facilitator(ctx, slug).await?;
            Some(slug.clone())
        }
        None if ctx.is_coordinator().await? => None,
        None => {
            let mine: Vec<GroupSlug> = ctx
                .app
                .store
                .memberships_of(ctx.actor.id)
                .await?
                .into_iter()
                .filter(|m| m.role == Role::Facilitator)
                .map(|m| m.slug)
                .collect();
            match mine.as_slice() {
                [only] => Some(only.clone()),
                [] => return refuse(ctx.texts().coordinators_only()),
                several => return refuse(ctx.texts().digest_which_group(several)),
            }
        }
    };
    let name = match &slug {
        Some(slug) => match ctx.app.store.group_by_slug(slug).await? {
            Some(group) => Some(group.name.as_str().to_owned()),
            None => return refuse(ctx.texts().unknown_group(slug)),
        },
        None => None,
    };
    let digest = Digest::build(&ctx.app.store, slug.as_ref(), days, Utc::now()).await?;
    let coordinator = ctx.is_coordinator().await?;
    let facilitates: Vec<String> = ctx
        .app
        .store
        .memberships_of(ctx.actor.id)
        .await?
        .into_iter()
        .filter(|m| m.role == Role::Facilitator)
        .map(|m| m.slug.to_string())
        .collect();
    let view = DigestView {
        coordinator,
        facilitates: &facilitates,
    };
    ctx.reply(ctx.texts().digest(&digest, name.as_deref(), days, view))
        .await?;
    send_charts(ctx.bot, ctx.actor.chat, ctx.texts(), &digest).await?;
    Ok(())
}

/// One PNG chart per survey of the digest: the distribution of each question's answers.
pub async fn send_charts(
    bot: &Bot,
    chat: ChatId,
    texts: Texts<'_>,
    digest: &Digest,
) -> anyhow::Result<()> {
    for survey in &digest.surveys {
        let distributions: Vec<Distribution> = survey
            .questions
            .iter()
            .filter(|q| !q.bars.is_empty())
            .map(|q| Distribution {
                title: format!("{}. {}", q.line.number, q.line.prompt),
                bars: q
                    .bars
                    .iter()
                    .map(|b| {
                        let label = texts.digest_bar_label(&q.line.kind, b);
                        (label, u64::try_from(b.count).unwrap_or_default())
                    })
                    .collect(),
                // Multiple choice: shares of the people who answered, as in the text.
                total: (q.line.kind == "multi")
                    .then(|| u64::try_from(coloop_core::digest::bar_total(q)).unwrap_or_default()),
            })
            .collect();
        if distributions.is_empty() {
            continue;
        }
        let heading = format!(
            "#{} {} · {}",
            survey.survey.id, survey.survey.title, survey.survey.group
        );
        // Drawing is CPU work: keep it off the runtime's threads.
        let png = tokio::task::spawn_blocking(move || {
            coloop_core::chart::distributions_png(&heading, &distributions)
        })
        .await??;
        crate::dispatch::with_flood_retry(|| {
            bot.send_photo(
                chat,
                InputFile::memory(png.clone())
                    .file_name(format!("survey-{}.png", survey.survey.id)),
            )
            .caption(texts.digest_chart_caption(&survey.survey.title))
            .parse_mode(teloxide::types::ParseMode::Html)
        })
        .await?;
    }
    Ok(())
}

pub async fn export(ctx: &Ctx<'_>, group: Option<&GroupSlug>) -> HandlerResult {
    if !ctx.is_coordinator().await? {
        return refuse(ctx.texts().coordinators_only());
    }
    let (id, name) = match group {
        Some(slug) => match ctx.app.store.group_by_slug(slug).await? {
            Some(g) => (Some(g.id), Some(g.name.as_str().to_owned())),
            None => return refuse(ctx.texts().unknown_group(slug)),
        },
        None => (None, None),
    };
    let since = DateTime::<Utc>::UNIX_EPOCH;
    let comments = ctx.app.store.digest_comments(id, since, None).await?;
    let deliveries = ctx.app.store.digest_deliveries(id, since).await?;
    let answers = ctx.app.store.export_answers(id).await?;
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
        ctx.bot
            .send_document(
                ctx.actor.chat,
                InputFile::memory(csv.into_bytes()).file_name(format!("coloop-{slug}-{what}.csv")),
            )
            .caption(ctx.texts().export_caption(what, name.as_deref()))
            .parse_mode(teloxide::types::ParseMode::Html)
            .await?;
    }
    Ok(())
}
