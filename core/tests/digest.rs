//! The digest's numbers from a populated database.

use chrono::{Duration, Utc};
use coloop_core::digest::{Digest, comments_csv};
use coloop_core::domain::{
    Challenge, DisplayName, GroupName, GroupSlug, PostContent, PostTitle, Summary, TelegramId,
};
use coloop_core::store::{AddComment, Confirmed, CreateGroup, NewComment, Newcomer};
use coloop_core::{CONSENT_VERSION, Store};

#[tokio::test]
async fn a_digest_counts_what_the_group_heard() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_and_migrate(&dir.path().join("d.db"))
        .await
        .unwrap();
    let slug = GroupSlug::parse("water").unwrap();
    let CreateGroup::Created(group) = store
        .create_group(
            &slug,
            &GroupName::parse("Water").unwrap(),
            &Challenge::default(),
            Utc::now(),
        )
        .await
        .unwrap()
    else {
        panic!()
    };
    let now = Utc::now();
    for (id, name) in [(1, "Ana"), (2, "Bob"), (3, "Pia"), (4, "Blas")] {
        let who = Newcomer {
            telegram_id: TelegramId::new(id),
            name: DisplayName::from_telegram(name, None),
            username: None,
            language: None,
        };
        store
            .consent_and_join(
                &who,
                &group.member_code,
                CONSENT_VERSION,
                now - Duration::days(if id == 1 { 30 } else { 1 }),
            )
            .await
            .unwrap();
    }
    store.pause(TelegramId::new(3), now).await.unwrap();
    store.mark_blocked(TelegramId::new(4), now).await.unwrap();

    let content = PostContent::Outcome {
        title: PostTitle::parse("Session 3").unwrap(),
        session_date: None,
        summary: Summary::parse("Tanks.").unwrap(),
    };
    let draft = store
        .create_draft(
            group.id,
            TelegramId::new(99),
            None,
            &content,
            &coloop_core::store::RenderedPost::same_for_all(vec!["x".into()]),
            now,
        )
        .await
        .unwrap();
    let Confirmed::Sent { post, recipients } = store.confirm_post(&draft.key, now).await.unwrap()
    else {
        panic!()
    };
    assert_eq!(recipients, 2, "Ana and Bob");

    let comment = |author: i64, message_id: i64, body: &str, post_id| NewComment {
        group: group.id,
        author: TelegramId::new(author),
        post: post_id,
        chat_id: author,
        message_id,
        body: Some(body.to_owned()),
        media: None,
        unfiled: false,
    };
    let AddComment::Added(anonymous) = store
        .add_comment(&comment(1, 1, "quietly", Some(post)), now)
        .await
        .unwrap()
    else {
        panic!()
    };
    store
        .make_comment_anonymous(anonymous, TelegramId::new(1))
        .await
        .unwrap();
    store
        .add_comment(&comment(2, 1, "loudly, with \"quotes\"", Some(post)), now)
        .await
        .unwrap();
    let AddComment::Added(rude) = store
        .add_comment(&comment(2, 2, "rude", None), now)
        .await
        .unwrap()
    else {
        panic!()
    };
    store
        .hide_comment(rude, TelegramId::new(99), now)
        .await
        .unwrap();
    let mut waiting = comment(1, 2, "not filed yet", None);
    waiting.unfiled = true;
    store.add_comment(&waiting, now).await.unwrap();

    let digest = Digest::build(&store, Some(&slug), 7, now + Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(
        (
            digest.members.total,
            digest.members.joined,
            digest.members.paused,
            digest.members.blocked
        ),
        (4, 3, 1, 1)
    );
    assert_eq!(digest.posts.len(), 1);
    assert_eq!((digest.posts[0].pending, digest.posts[0].comments), (2, 2));
    assert_eq!(
        digest.comment_count, 2,
        "not the hidden one, not the unfiled one"
    );
    let authors: Vec<Option<&str>> = digest
        .latest_comments
        .iter()
        .map(|c| c.author.as_deref())
        .collect();
    assert!(
        authors.contains(&None)
            && authors.contains(&Some("Bob"))
            && !authors.contains(&Some("Ana"))
    );
    let md = digest.to_markdown();
    assert!(
        md.contains("# Feedback digest — water")
            && md.contains("**Session 3**")
            && md.contains("anonymous"),
        "{md}"
    );
    assert!(digest.to_json().contains("\"comment_count\": 2"));
    let csv = comments_csv(&digest.latest_comments).unwrap();
    assert!(
        csv.contains("\"loudly, with \"\"quotes\"\"\"") && !csv.contains("Ana"),
        "{csv}"
    );

    // All groups, and a window that starts after everything.
    let all = Digest::build(&store, None, 7, now + Duration::seconds(1))
        .await
        .unwrap();
    assert_eq!(all.members.total, 4);
    let later = Digest::build(&store, Some(&slug), 7, now + Duration::days(30))
        .await
        .unwrap();
    assert!(later.posts.is_empty() && later.comment_count == 0);
}
