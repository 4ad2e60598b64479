//! What an operator does to working groups from the command line, for when no coordinator
//! can (the only one lost their phone): `coloop group list`, `coloop group rotate <slug>`,
//! `coloop group archive <slug>`. Each change is recorded in the audit trail as the operator's.

use anyhow::Context as _;
use chrono::Utc;
use coloop_core::Store;
use coloop_core::domain::GroupSlug;
use coloop_core::store::{Actor, Group, Rotation};

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
/// their buttons). Members are not messaged from here.
pub async fn archive(store: &Store, slug: &str) -> anyhow::Result<String> {
    let found = group(store, slug).await?;
    match store
        .archive_group(found.id, &Actor::Operator, Utc::now())
        .await?
    {
        Some(archived) => Ok(format!(
            "{} is archived; {} open survey(s) closed. Members were not messaged.\n",
            found.slug,
            archived.closed_surveys.len()
        )),
        None => Ok(format!("{} already was archived.\n", found.slug)),
    }
}
