//! Comments in the store: idempotency, anonymity, moderation and batched facilitator notices.

use chrono::{Duration, Utc};
use coloop_core::domain::{Challenge, DisplayName, GroupName, GroupSlug, MediaKind, TelegramId};
use coloop_core::store::{AddComment, CreateGroup, Group, Media, NewComment, Newcomer};
use coloop_core::{CONSENT_VERSION, Store};

const FEDE: i64 = 10;
const ANA: i64 = 11;
const BOB: i64 = 12;

async fn world() -> (Store, Group, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_and_migrate(&dir.path().join("c.db"))
        .await
        .unwrap();
    let CreateGroup::Created(group) = store
        .create_group(
            &GroupSlug::parse("water").unwrap(),
            &GroupName::parse("Water").unwrap(),
            &Challenge::default(),
            Utc::now() - Duration::days(1),
        )
        .await
        .unwrap()
    else {
        panic!()
    };
    for (id, code) in [
        (FEDE, &group.facilitator_code),
        (ANA, &group.member_code),
        (BOB, &group.member_code),
    ] {
        let who = Newcomer {
            telegram_id: TelegramId::new(id),
            name: DisplayName::from_telegram(&format!("P{id}"), None),
            username: None,
            language: None,
        };
        store
            .consent_and_join(&who, code, CONSENT_VERSION, Utc::now() - Duration::hours(2))
            .await
            .unwrap();
    }
    (store, group, dir)
}

fn comment(group: &Group, author: i64, message_id: i64, body: &str) -> NewComment {
    NewComment {
        group: group.id,
        author: TelegramId::new(author),
        post: None,
        chat_id: author,
        message_id,
        body: Some(body.to_owned()),
        media: None,
        unfiled: false,
    }
}

#[tokio::test]
async fn a_redelivered_message_is_stored_once_and_strangers_not_at_all() {
    let (store, group, _dir) = world().await;
    let now = Utc::now();
    let AddComment::Added(id) = store
        .add_comment(&comment(&group, ANA, 1, "hola"), now)
        .await
        .unwrap()
    else {
        panic!()
    };
    assert_eq!(
        store
            .add_comment(&comment(&group, ANA, 1, "hola"), now)
            .await
            .unwrap(),
        AddComment::Duplicate(id)
    );
    assert_eq!(
        store
            .add_comment(&comment(&group, 999, 1, "x"), now)
            .await
            .unwrap(),
        AddComment::NotAPerson
    );
    assert_eq!(store.count_comments().await.unwrap(), 1);
}

#[tokio::test]
async fn lists_hide_anonymous_authors_and_hidden_comments() {
    let (store, group, _dir) = world().await;
    let now = Utc::now();
    let AddComment::Added(a) = store
        .add_comment(&comment(&group, ANA, 1, "<b>mine</b>"), now)
        .await
        .unwrap()
    else {
        panic!()
    };
    let mut voice = comment(&group, BOB, 2, "");
    voice.body = None;
    voice.media = Some(Media {
        kind: MediaKind::Voice,
        file_id: "VOICE1".into(),
        duration_secs: Some(23),
    });
    let AddComment::Added(b) = store.add_comment(&voice, now).await.unwrap() else {
        panic!()
    };
    let AddComment::Added(c) = store
        .add_comment(&comment(&group, BOB, 3, "rude"), now)
        .await
        .unwrap()
    else {
        panic!()
    };
    assert!(
        store
            .make_comment_anonymous(a, TelegramId::new(ANA))
            .await
            .unwrap()
    );
    assert!(
        !store
            .make_comment_anonymous(b, TelegramId::new(ANA))
            .await
            .unwrap(),
        "only the author"
    );
    assert!(
        store
            .hide_comment(c, TelegramId::new(FEDE), now)
            .await
            .unwrap()
    );
    let list = store.list_comments(group.id, None, 10).await.unwrap();
    assert_eq!(list.iter().map(|v| v.id).collect::<Vec<_>>(), vec![b, a]);
    assert_eq!(list[1].author, None);
    assert_eq!(
        list[1].body.as_deref(),
        Some("<b>mine</b>"),
        "stored exactly"
    );
    assert_eq!(list[0].author.as_deref(), Some("P12"));
    assert_eq!(list[0].media.as_ref().unwrap().duration_secs, Some(23));
}

#[tokio::test]
async fn facilitators_get_one_notice_per_interval_with_the_count() {
    let (store, group, _dir) = world().await;
    let hour = Duration::hours(1);
    let t0 = Utc::now();
    store
        .add_comment(&comment(&group, ANA, 1, "first"), t0)
        .await
        .unwrap();
    store
        .add_comment(&comment(&group, BOB, 1, "second"), t0)
        .await
        .unwrap();
    store
        .add_comment(&comment(&group, FEDE, 1, "my own"), t0)
        .await
        .unwrap();

    let due = store.due_notices(hour, t0).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].chat_id, FEDE);
    assert_eq!(due[0].count, 2, "not the facilitator's own comment");
    assert_eq!(
        due[0]
            .first
            .iter()
            .map(|f| f.0.clone().unwrap())
            .collect::<Vec<_>>(),
        vec!["first", "second"]
    );
    store
        .mark_noticed(due[0].person_id, due[0].group, due[0].last_comment, t0)
        .await
        .unwrap();

    assert!(
        store.due_notices(hour, t0).await.unwrap().is_empty(),
        "nothing new"
    );
    let t1 = t0 + Duration::minutes(10);
    store
        .add_comment(&comment(&group, ANA, 2, "third"), t1)
        .await
        .unwrap();
    assert!(
        store.due_notices(hour, t1).await.unwrap().is_empty(),
        "within the interval"
    );
    let t2 = t0 + Duration::minutes(61);
    let due = store.due_notices(hour, t2).await.unwrap();
    assert_eq!((due.len(), due[0].count), (1, 1));
    assert_eq!(due[0].first[0].0.as_deref(), Some("third"));
}

#[tokio::test]
async fn retention_deletes_only_old_comments() {
    let (store, group, _dir) = world().await;
    let now = Utc::now();
    store
        .add_comment(&comment(&group, ANA, 1, "old"), now - Duration::days(400))
        .await
        .unwrap();
    store
        .add_comment(&comment(&group, ANA, 2, "recent"), now - Duration::days(10))
        .await
        .unwrap();
    assert_eq!(
        store
            .delete_comments_before(now - Duration::days(365))
            .await
            .unwrap(),
        1
    );
    let left = store.list_comments(group.id, None, 10).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].body.as_deref(), Some("recent"));
}

#[tokio::test]
async fn an_unfiled_comment_is_nobodys_until_filed_and_then_not_missed() {
    let (store, group, _dir) = world().await;
    let hour = Duration::hours(1);
    let t0 = Utc::now() - Duration::minutes(5);
    let mut waiting = comment(&group, ANA, 1, "for which post?");
    waiting.unfiled = true;
    let AddComment::Added(id) = store.add_comment(&waiting, t0).await.unwrap() else {
        panic!()
    };
    store
        .add_comment(&comment(&group, BOB, 1, "filed"), t0)
        .await
        .unwrap();
    assert_eq!(
        store.list_comments(group.id, None, 10).await.unwrap().len(),
        1,
        "unfiled is not listed"
    );
    let due = store.due_notices(hour, t0).await.unwrap();
    assert_eq!(due[0].count, 1, "unfiled is not announced");
    store
        .mark_noticed(
            due[0].person_id,
            due[0].group,
            due[0].last_comment,
            due[0].up_to,
        )
        .await
        .unwrap();
    // Filed later: counted in the next notice although its id is older.
    assert!(
        store
            .file_comment(id, TelegramId::new(ANA), group.id, None)
            .await
            .unwrap()
    );
    let due = store
        .due_notices(hour, Utc::now() + Duration::hours(2))
        .await
        .unwrap();
    assert_eq!(due[0].count, 1);
    assert_eq!(due[0].first[0].0.as_deref(), Some("for which post?"));
}

/// Issue #20: a facilitator who paused one group (`/stop <group>`) hears of no new comments
/// there.
#[tokio::test]
async fn a_paused_group_sends_its_facilitator_no_comment_notices() {
    let (store, group, _dir) = world().await;
    let t0 = Utc::now();
    store
        .add_comment(&comment(&group, ANA, 1, "hello"), t0)
        .await
        .unwrap();
    assert!(
        store
            .pause_group(TelegramId::new(FEDE), &group.slug, t0)
            .await
            .unwrap()
    );
    let later = t0 + Duration::hours(2);
    assert!(
        store
            .due_notices(Duration::hours(1), later)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .resume_group(TelegramId::new(FEDE), &group.slug)
            .await
            .unwrap()
    );
    assert_eq!(
        store
            .due_notices(Duration::hours(1), later)
            .await
            .unwrap()
            .len(),
        1
    );
}
