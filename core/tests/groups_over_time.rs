//! Working groups over time in the store: removal and role changes (audited), invite links
//! rotated, capped and expiring, archiving, the audit trail and its erasure.

mod common;

use chrono::{Duration, Utc};
use coloop_core::domain::{
    AuditAction, DisplayName, PostContent, PostTitle, Role, Summary, TelegramId,
};
use coloop_core::store::{
    Actor, Confirmed, JoinOutcome, LinkLimit, MemberState, Newcomer, Party, RenderedPost,
    RoleChange, Rotation,
};
use coloop_core::{CONSENT_VERSION, Store};

fn carla() -> Actor {
    Actor::Person {
        telegram_id: TelegramId::new(1),
        name: DisplayName::from_telegram("Carla", None),
    }
}

fn newcomer(id: i64) -> Newcomer {
    Newcomer {
        telegram_id: TelegramId::new(id),
        name: DisplayName::from_telegram(&format!("N{id}"), None),
        username: None,
        language: None,
    }
}

async fn send_post(store: &Store, group: coloop_core::domain::GroupId) {
    let content = PostContent::Outcome {
        title: PostTitle::parse("T").unwrap(),
        session_date: None,
        summary: Summary::parse("S").unwrap(),
    };
    let parts = RenderedPost::same_for_all(vec!["hi".into()]);
    let draft = store
        .create_draft(
            group,
            TelegramId::new(1),
            None,
            &content,
            &parts,
            Utc::now(),
        )
        .await
        .unwrap();
    assert!(matches!(
        store.confirm_post(&draft.key, Utc::now()).await.unwrap(),
        Confirmed::Sent { .. }
    ));
}

async fn pending_for(store: &Store, telegram_id: i64) -> usize {
    store
        .due_deliveries(Utc::now() + Duration::days(1), &[], 100)
        .await
        .unwrap()
        .into_iter()
        .filter(|d| d.chat_id == telegram_id)
        .count()
}

#[tokio::test]
async fn removal_ends_the_membership_cancels_the_queue_and_is_audited() {
    let (store, group, ids, _dir) = common::group_with_members(100, 3).await;
    send_post(&store, group.id).await;
    assert_eq!(pending_for(&store, ids[0]).await, 1);
    let people = store.current_people(group.id).await.unwrap();
    assert_eq!(people.len(), 3);
    let target = people
        .iter()
        .find(|p| p.telegram_id.get() == ids[0])
        .unwrap();

    // A facilitator may remove members only; nobody outranks the cap.
    let removed = store
        .remove_member(group.id, target.person, Role::Member, &carla(), Utc::now())
        .await
        .unwrap();
    assert_eq!(removed, Some(Role::Member));
    assert_eq!(pending_for(&store, ids[0]).await, 0);
    assert_eq!(pending_for(&store, ids[1]).await, 1);
    assert_eq!(
        store
            .remove_member(
                group.id,
                target.person,
                Role::Facilitator,
                &carla(),
                Utc::now()
            )
            .await
            .unwrap(),
        None,
        "removing twice changes nothing"
    );
    let lines = store.group_people(group.id).await.unwrap();
    let line = lines.iter().find(|p| p.person == target.person).unwrap();
    assert_eq!(line.state, MemberState::Left);
    assert_eq!(store.current_people(group.id).await.unwrap().len(), 2);

    let events = store
        .audit_of_group(group.id, Utc::now() - Duration::days(1), 10)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].action, AuditAction::MemberRemoved);
    assert_eq!(events[0].actor, Party::Person("Carla".into()));
    assert_eq!(events[0].target, Some(Party::Person("P0".into())));

    // Rejoining takes a current link.
    assert!(matches!(
        store
            .join_with_code(TelegramId::new(ids[0]), &group.member_code, Utc::now())
            .await
            .unwrap(),
        JoinOutcome::Joined(_)
    ));
}

#[tokio::test]
async fn a_facilitator_is_not_removed_under_a_member_cap_and_roles_change() {
    let (store, group, ids, _dir) = common::group_with_members(200, 2).await;
    let person = store.current_people(group.id).await.unwrap()[0].person;
    assert_eq!(
        store
            .set_role(group.id, person, Role::Facilitator, &carla(), Utc::now())
            .await
            .unwrap(),
        RoleChange::Changed
    );
    assert_eq!(
        store
            .set_role(group.id, person, Role::Facilitator, &carla(), Utc::now())
            .await
            .unwrap(),
        RoleChange::Unchanged
    );
    assert_eq!(
        store
            .remove_member(group.id, person, Role::Member, &carla(), Utc::now())
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .set_role(group.id, person, Role::Member, &carla(), Utc::now())
            .await
            .unwrap(),
        RoleChange::Changed
    );
    assert_eq!(
        store
            .count_audit_events(AuditAction::Promoted)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .count_audit_events(AuditAction::Demoted)
            .await
            .unwrap(),
        1
    );
    let _ = ids;
}

#[tokio::test]
async fn leaving_cancels_queued_posts_too() {
    let (store, group, ids, _dir) = common::group_with_members(300, 2).await;
    send_post(&store, group.id).await;
    assert!(
        store
            .leave(TelegramId::new(ids[0]), &group.slug, Utc::now())
            .await
            .unwrap()
    );
    assert_eq!(pending_for(&store, ids[0]).await, 0);
    assert_eq!(pending_for(&store, ids[1]).await, 1);
}

#[tokio::test]
async fn rotated_capped_and_expired_links_answer_replaced() {
    let (store, group, _ids, _dir) = common::group_with_members(400, 0).await;
    let now = Utc::now();
    let fresh = store
        .rotate_links(group.id, Rotation::Both, &Actor::Operator, now)
        .await
        .unwrap()
        .unwrap();
    for old in [&group.member_code, &group.facilitator_code] {
        let outcome = store
            .consent_and_join(&newcomer(1), old, CONSENT_VERSION, now)
            .await
            .unwrap();
        assert_eq!(outcome, JoinOutcome::Replaced);
    }
    assert_eq!(store.count_people().await.unwrap(), 0);

    // A cap of 2: the third newcomer is refused.
    let cap = LinkLimit {
        max_uses: Some(2),
        ..LinkLimit::default()
    };
    store
        .limit_link(group.id, Role::Member, &cap, &carla(), now)
        .await
        .unwrap();
    for id in [11, 12] {
        let outcome = store
            .consent_and_join(&newcomer(id), &fresh.member_code, CONSENT_VERSION, now)
            .await
            .unwrap();
        assert!(matches!(outcome, JoinOutcome::Joined(_)), "{outcome:?}");
    }
    let outcome = store
        .consent_and_join(&newcomer(13), &fresh.member_code, CONSENT_VERSION, now)
        .await
        .unwrap();
    assert_eq!(outcome, JoinOutcome::Replaced);
    assert_eq!(
        store
            .join_with_code(TelegramId::new(13), &fresh.member_code, now)
            .await
            .unwrap(),
        JoinOutcome::Replaced
    );

    // An expiry: open before it, closed after.
    let expiring = LinkLimit {
        expires_at: Some(now + Duration::days(7)),
        ..LinkLimit::default()
    };
    store
        .limit_link(group.id, Role::Facilitator, &expiring, &carla(), now)
        .await
        .unwrap();
    let later = now + Duration::days(8);
    assert_eq!(
        store
            .consent_and_join(
                &newcomer(14),
                &fresh.facilitator_code,
                CONSENT_VERSION,
                later
            )
            .await
            .unwrap(),
        JoinOutcome::Replaced
    );
    assert!(matches!(
        store
            .consent_and_join(&newcomer(14), &fresh.facilitator_code, CONSENT_VERSION, now)
            .await
            .unwrap(),
        JoinOutcome::Joined(_)
    ));
    assert_eq!(
        store
            .count_audit_events(AuditAction::LinkRotated)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .count_audit_events(AuditAction::LinkLimited)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn archive_and_unarchive() {
    let (store, group, _ids, _dir) = common::group_with_members(500, 1).await;
    let now = Utc::now();
    let archived = store.archive_group(group.id, &carla(), now).await.unwrap();
    assert!(archived.is_some());
    assert!(
        store
            .archive_group(group.id, &carla(), now)
            .await
            .unwrap()
            .is_none()
    );
    assert!(matches!(
        store
            .consent_and_join(&newcomer(1), &group.member_code, CONSENT_VERSION, now)
            .await
            .unwrap(),
        JoinOutcome::Archived { .. }
    ));
    assert!(
        store
            .unarchive_group(group.id, &carla(), now)
            .await
            .unwrap()
    );
    assert!(
        !store
            .unarchive_group(group.id, &carla(), now)
            .await
            .unwrap()
    );
    // The old links stay dead; the group has new ones.
    assert_eq!(
        store
            .consent_and_join(&newcomer(1), &group.member_code, CONSENT_VERSION, now)
            .await
            .unwrap(),
        JoinOutcome::Replaced
    );
    let reopened = store.group_by_id(group.id).await.unwrap().unwrap();
    assert!(!reopened.archived);
    assert_ne!(reopened.member_code, group.member_code);
    assert_eq!(
        store
            .count_audit_events(AuditAction::Archived)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store
            .count_audit_events(AuditAction::Unarchived)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test]
async fn forgetting_keeps_the_event_without_the_person() {
    let (store, group, ids, _dir) = common::group_with_members(600, 2).await;
    let actor_id = TelegramId::new(ids[0]);
    let actor = Actor::Person {
        telegram_id: actor_id,
        name: DisplayName::from_telegram("ignored", None),
    };
    let target = store.current_people(group.id).await.unwrap()[1].clone();
    store
        .set_role(
            group.id,
            target.person,
            Role::Facilitator,
            &actor,
            Utc::now(),
        )
        .await
        .unwrap();
    let mine = store.audit_of_person(actor_id).await.unwrap();
    assert_eq!(mine.len(), 1);
    // The stored name is recorded, not the one passed.
    assert_eq!(mine[0].actor, Party::Person("P0".into()));
    assert_eq!(
        store
            .audit_of_person(target.telegram_id)
            .await
            .unwrap()
            .len(),
        1
    );

    let person = store.person_by_telegram(actor_id).await.unwrap().unwrap();
    assert!(
        store
            .erase_person(
                actor_id,
                &coloop_core::survey::RespondentKey::generate(),
                chrono::Utc::now(),
            )
            .await
            .unwrap()
    );
    let events = store
        .audit_of_group(group.id, Utc::now() - Duration::days(1), 10)
        .await
        .unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].actor, Party::Erased);
    assert_eq!(events[0].target, Some(Party::Person(target.name.clone())));
    assert!(store.audit_of_person(actor_id).await.unwrap().is_empty());
    assert_eq!(
        store
            .person_traces(actor_id, person.id.get())
            .await
            .unwrap(),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn archiving_queues_the_thanks_once_for_those_still_listening() {
    let (store, group, ids, _dir) = common::group_with_members(700, 4).await;
    let now = Utc::now();
    // One paused, one blocked the bot: they are not thanked.
    assert!(store.pause(TelegramId::new(ids[2]), now).await.unwrap());
    assert!(
        store
            .mark_blocked(TelegramId::new(ids[3]), now)
            .await
            .unwrap()
    );
    let mut thanks = RenderedPost::default();
    thanks.insert("en", vec!["Thank you".into()]);
    thanks.insert("es", vec!["Gracias".into()]);
    let archived = store
        .archive_group_thanking(group.id, &Actor::Operator, &thanks, now)
        .await
        .unwrap()
        .expect("archived");
    assert_eq!(archived.thanked, 2);
    assert_eq!(pending_for(&store, ids[0]).await, 1);
    assert_eq!(pending_for(&store, ids[1]).await, 1);
    assert_eq!(pending_for(&store, ids[2]).await, 0);
    assert_eq!(pending_for(&store, ids[3]).await, 0);
    // Archiving again thanks nobody twice.
    assert!(
        store
            .archive_group_thanking(group.id, &Actor::Operator, &thanks, now)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(store.all_delivery_counts().await.unwrap().pending, 2);

    // The notice's parts, in every language; not a post.
    let due = store
        .due_deliveries(now + Duration::days(1), &[], 10)
        .await
        .unwrap();
    let first = &due[0];
    assert_eq!(first.post_id, None);
    let notice = first.notice_id.expect("a notice");
    let parts = store.notice_parts(notice).await.unwrap();
    assert_eq!(parts.parts_for(Some("es")), ["Gracias"]);
    assert_eq!(parts.parts_for(None), ["Thank you"]);

    // Someone who leaves before it goes out gets nothing: it is dropped, not sent.
    let leaver = due.iter().find(|d| d.chat_id == ids[1]).unwrap();
    assert!(
        store
            .leave(
                TelegramId::new(ids[1]),
                &group.slug,
                now + Duration::seconds(1)
            )
            .await
            .unwrap()
    );
    assert_eq!(
        store.still_wanted(leaver.id, now).await.unwrap(),
        coloop_core::store::StillWanted::Gone
    );
    assert_eq!(store.all_delivery_counts().await.unwrap().pending, 1);
    let stayer = due.iter().find(|d| d.chat_id == ids[0]).unwrap();
    assert_eq!(
        store.still_wanted(stayer.id, now).await.unwrap(),
        coloop_core::store::StillWanted::Yes
    );
}
