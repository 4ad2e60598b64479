//! Databases filled through the store (the same calls the bot makes), for the harness, the
//! tests that run the real binary, and the benchmarks.

use chrono::Utc;
use coloop_core::domain::{
    Challenge, DisplayName, GroupName, GroupSlug, PostContent, PostTitle, Summary, TelegramId,
};
use coloop_core::store::{Confirmed, CreateGroup, Group, Newcomer, RenderedPost};
use coloop_core::{CONSENT_VERSION, Store};

use crate::fake_api::FakeTelegram;

/// A working group.
pub async fn group(store: &Store, slug: &str, name: &str) -> Group {
    match store
        .create_group(
            &GroupSlug::parse(slug).expect("slug"),
            &GroupName::parse(name).expect("name"),
            &Challenge::default(),
            Utc::now(),
        )
        .await
        .expect("create group")
    {
        CreateGroup::Created(group) => group,
        CreateGroup::SlugTaken => panic!("group {slug} exists"),
    }
}

/// `n` people the fake knows, joined to `group` as members (the store call the consent button
/// makes); their Telegram ids. They have started the bot (joining starts with `/start`), so it
/// may write to them.
pub async fn join_members(store: &Store, tg: &FakeTelegram, group: &Group, n: usize) -> Vec<i64> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let name = format!("Member {i}");
        let id = tg.add_user(&name, None, Some("en"));
        tg.user_started_bot(id);
        let newcomer = Newcomer {
            telegram_id: TelegramId::new(id),
            name: DisplayName::from_telegram(&name, None),
            username: None,
            language: Some("en".into()),
        };
        store
            .consent_and_join(&newcomer, &group.member_code, CONSENT_VERSION, Utc::now())
            .await
            .expect("join");
        ids.push(id);
    }
    ids
}

/// A session outcome to `group`, confirmed as Send does (by someone outside the group): the
/// outbox then holds one pending delivery per member. Returns how many.
pub async fn queue_outcome(store: &Store, group: &Group, summary: &str) -> i64 {
    let content = PostContent::Outcome {
        title: PostTitle::parse("Session 3: rain tanks").expect("title"),
        session_date: None,
        summary: Summary::parse(summary).expect("summary"),
    };
    let parts = vec![format!(
        "📣 <b>Session outcome · {}</b>\n\n{summary}",
        group.name.as_str()
    )];
    let draft = store
        .create_draft(
            group.id,
            TelegramId::new(1),
            None,
            &content,
            &RenderedPost::same_for_all(parts),
            Utc::now(),
        )
        .await
        .expect("draft");
    match store
        .confirm_post(&draft.key, Utc::now())
        .await
        .expect("confirm")
    {
        Confirmed::Sent { recipients, .. } => recipients,
        other => panic!("not sent: {other:?}"),
    }
}
