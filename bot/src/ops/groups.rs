//! What an operator does to working groups from the command line, for when no coordinator
//! can (the only one lost their phone): `coloop group list`, `coloop group rotate <slug>`,
//! `coloop group archive <slug> [--last-words <text>]`. Each change is recorded in the audit trail as the operator's.

use anyhow::Context as _;
use chrono::Utc;
use coloop_core::Store;
use coloop_core::domain::GroupSlug;
use coloop_core::store::{Actor, Group, Rotation};

use crate::texts::{Catalogues, farewell_rendering};

async fn group(store: &Store, slug: &str) -> anyhow::Result<Group> {
    let slug = GroupSlug::parse(slug).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    store
        .group_by_slug(&slug)
        .await?
        .with_context(|| format!("there is no working group called {slug}"))
}

/// Every group: slug, name, members, facilitators, and whether it is archived.
pub async fn list(store: &Store) -> anyhow::Result<String> {
    let groups = store.list_groups().await.context("listing the groups")?;
    if groups.is_empty() {
        return Ok("No working groups yet.\n".to_owned());
    }
    let mut out = String::from("slug\tname\tmembers\tfacilitators\tstate\n");
    for g in groups {
        out.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\n",
            g.slug,
            g.name.as_str(),
            g.members,
            g.facilitators,
            if g.archived { "archived" } else { "open" }
        ));
    }
    Ok(out)
}

/// New member and facilitator codes; the old links answer that they were replaced.
pub async fn rotate(store: &Store, slug: &str) -> anyhow::Result<String> {
    let found = group(store, slug).await?;
    let group = store
        .rotate_links(found.id, Rotation::Both, &Actor::Operator, Utc::now())
        .await?
        .context("the group vanished")?;
    Ok(format!(
        "New invite codes for {} (open them as https://t.me/<bot>?start=<code>):\nmember\t{}\nfacilitator\t{}\n",
        group.slug,
        group.member_code.as_str(),
        group.facilitator_code.as_str()
    ))
}

/// Archives a group: no new posts or members; its open surveys close (the running bot removes
/// their buttons). Its members' thanks (with the optional last words) are queued in the
/// outbox, once: the bot sends them, within Telegram's limits, as soon as it runs.
pub async fn archive(store: &Store, slug: &str, farewell: Option<&str>) -> anyhow::Result<String> {
    let found = group(store, slug).await?;
    let catalogues = Catalogues::embedded().context("loading the message catalogues")?;
    // As in the chat: at most 1000 characters of last words, none when blank.
    let farewell: Option<String> = farewell
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().take(1000).collect());
    let thanks = farewell_rendering(&catalogues, found.name.as_str(), farewell.as_deref());
    match store
        .archive_group_thanking(found.id, &Actor::Operator, &thanks, Utc::now())
        .await?
    {
        Some(archived) => Ok(format!(
            "{} is archived; {} open survey(s) closed. A thank-you message is queued for {} member(s): \
             the bot sends it on its next run (within seconds if it is running now).\n",
            found.slug,
            archived.closed_surveys.len(),
            archived.thanked,
        )),
        None => Ok(format!(
            "{} already was archived; nobody was messaged again.\n",
            found.slug
        )),
    }
}
