//! Working groups over time (issue #13): `/members`, `/remove`, `/promote`, `/demote`,
//! `/rotate`, invite limits, `/archive`, `/audit`; rights take effect at once.

use chrono::{Duration, Utc};
use coloop_core::domain::{AuditAction, Role, TelegramId};
use coloop_core::store::{Actor, LinkLimit};
use coloop_e2e::harness::{PATIENCE, TestApp, codes_in};

const REPLACED: &str = "This invite link was replaced. Ask your facilitator for the new one.";

#[tokio::test]
async fn remove_promote_demote_take_effect_at_once() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let carla = app.coordinator("Carla").await;

    // Activity counts only what is shown with a name: the anonymous comment is not counted.
    mia.says("/comment water-access Named idea").await;
    let thanks = mia.says("/comment water-access A secret idea").await;
    mia.presses(&thanks, "Keep my name").await;
    let list = fede
        .says("/members water-access")
        .await
        .source_text
        .unwrap();
    assert!(list.contains("<b>People · Water access</b> (3)"), "{list}");
    assert!(
        list.contains("active · 1 named comments, 0 named surveys"),
        "{list}"
    );
    assert!(list.contains("<b>Mia</b> — member"), "{list}");
    assert!(list.contains("<b>Fede</b> — facilitator"), "{list}");

    // A facilitator removes a member by name, with a confirm button.
    let confirm = fede.says("/remove water-access mia").await;
    assert!(
        confirm
            .source_text
            .as_deref()
            .unwrap()
            .contains("Remove <b>Mia</b>")
    );
    fede.presses(&confirm, "Remove").await;
    let done = fede.edited_message(confirm.message_id).await;
    assert!(
        done.source_text
            .unwrap()
            .contains("<b>Mia</b> is no longer in")
    );
    mia.expect_reply_containing(
        "You are no longer in the <b>Water access</b> working group. Thank you for taking part.",
    )
    .await;
    assert_eq!(
        app.store
            .role_in(mia.telegram_id(), &water.slug)
            .await
            .unwrap(),
        None
    );
    // Her next update: no longer in the group.
    mia.sends("/comment water-access still here?");
    mia.expect_reply_containing("not in a working group").await;
    let list = fede
        .says("/members water-access")
        .await
        .source_text
        .unwrap();
    assert!(list.contains("<b>Mia</b> — member · joined"), "{list}");
    assert!(list.contains("· left ·"), "{list}");

    // The coordinator promotes Ana; she is told, and /help changes at once.
    let reply = carla
        .says("/promote water-access Ana")
        .await
        .source_text
        .unwrap();
    assert!(reply.contains("<b>Ana</b> is now a facilitator"), "{reply}");
    ana.expect_reply_containing("You are now a facilitator of the <b>Water access</b>")
        .await;
    let help = ana.says("/help").await.source_text.unwrap();
    assert!(help.contains("<b>As a facilitator</b>"), "{help}");

    // A facilitator cannot remove another facilitator.
    let refused = fede
        .says("/remove water-access Ana")
        .await
        .source_text
        .unwrap();
    assert!(
        refused.contains("Nobody in <b>Water access</b> is called"),
        "{refused}"
    );
    // Nor demote anyone.
    let refused = fede
        .says("/demote water-access Ana")
        .await
        .source_text
        .unwrap();
    assert_eq!(refused, "Sorry, only coordinators can do that.");

    // Ana previews a post, then is demoted: her Send button must not send.
    let (_, control) = ana
        .previews("/outcome water-access Session 9\nDetails.", 1)
        .await;
    let picker = carla.says("/demote water-access").await;
    carla.presses(&picker, "Ana").await;
    let done = carla.edited_message(picker.message_id).await;
    assert!(
        done.source_text
            .unwrap()
            .contains("<b>Ana</b> is now a member")
    );
    ana.expect_reply_containing("You are now a member of the <b>Water access</b>")
        .await;
    ana.presses(&control, "Send").await;
    ana.expect_reply_containing("only the facilitators of <code>water-access</code>")
        .await;
    assert_eq!(app.store.all_delivery_counts().await.unwrap().sent, 0);
    ana.sends("/export water-access");
    ana.expect_reply_containing("only coordinators").await;
    for command in [
        "/digest water-access",
        "/comments water-access",
        "/members water-access",
    ] {
        ana.sends(command);
        ana.expect_reply_containing("only the facilitators of <code>water-access</code>")
            .await;
    }

    // Every change is one audit event.
    for (action, count) in [
        (AuditAction::MemberRemoved, 1),
        (AuditAction::Promoted, 1),
        (AuditAction::Demoted, 1),
    ] {
        assert_eq!(
            app.store.count_audit_events(action).await.unwrap(),
            count,
            "{action}"
        );
    }
    let audit = fede.says("/audit water-access").await.source_text.unwrap();
    assert!(audit.contains("Fede: removed Mia"), "{audit}");
    assert!(audit.contains("Carla: made Ana a facilitator"), "{audit}");
    assert!(audit.contains("Carla: made Ana a member"), "{audit}");

    // Mia rejoins only through a current link.
    mia.joins_with(water.member_code.as_str()).await;
    assert_eq!(
        app.store
            .role_in(mia.telegram_id(), &water.slug)
            .await
            .unwrap(),
        Some(Role::Member)
    );
}

#[tokio::test]
async fn a_member_who_left_gets_no_queued_post() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ids = app.members_in_bulk(&water, 2).await;
    app.crash();
    coloop_e2e::fixtures::queue_outcome(&app.store, &water, "Queued before she left").await;
    assert!(
        app.store
            .leave(TelegramId::new(ids[0]), &water.slug, Utc::now())
            .await
            .unwrap()
    );
    app.restart().await;
    app.outbox_drained(PATIENCE).await;
    assert!(app.tg.messages_in(ids[0]).is_empty());
    assert_eq!(app.tg.messages_in(ids[1]).len(), 1);
}

#[tokio::test]
async fn rotated_capped_and_expired_links_are_refused() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    let fede = app.facilitator_of("Fede", &water).await;

    let choose = carla.says("/rotate water-access").await;
    carla.presses(&choose, "Both").await;
    let rotated = carla
        .edited_message(choose.message_id)
        .await
        .source_text
        .unwrap();
    let codes = codes_in(&rotated);
    assert_eq!(codes.len(), 2, "{rotated}");
    for old in [water.member_code.as_str(), water.facilitator_code.as_str()] {
        let who = app.user("Late");
        let reply = who.says(&format!("/start {old}")).await;
        assert_eq!(reply.source_text.as_deref(), Some(REPLACED));
    }
    let newcomer = app.user("Nico");
    newcomer.joins_with(&codes[1]).await;
    let slug = water.slug.clone();
    assert_eq!(
        app.store
            .role_in(newcomer.telegram_id(), &slug)
            .await
            .unwrap(),
        Some(Role::Facilitator)
    );

    // A facilitator rotates the member link only.
    let reply = fede.says("/rotate water-access").await.source_text.unwrap();
    let fresh = codes_in(&reply);
    assert_eq!(fresh.len(), 1, "{reply}");
    assert_ne!(fresh[0], codes[0]);

    // A 50-use link: the 51st use is refused.
    let reply = fede
        .says("/invite water-access uses 50")
        .await
        .source_text
        .unwrap();
    assert!(reply.contains("can be used 50 times"), "{reply}");
    let group = app.store.group_by_slug(&slug).await.unwrap().unwrap();
    app.members_in_bulk(&group, 50).await;
    let late = app.user("Fifty-one");
    let reply = late.says(&format!("/start {}", fresh[0])).await;
    assert_eq!(reply.source_text.as_deref(), Some(REPLACED));

    // An expired link (the clock injected as an expiry in the past).
    let past = LinkLimit {
        expires_at: Some(Utc::now() - Duration::minutes(1)),
        ..LinkLimit::default()
    };
    app.store
        .limit_link(
            group.id,
            Role::Facilitator,
            &past,
            &Actor::Operator,
            Utc::now(),
        )
        .await
        .unwrap();
    let reply = late.says(&format!("/start {}", codes[1])).await;
    assert_eq!(reply.source_text.as_deref(), Some(REPLACED));
    assert_eq!(
        app.store
            .count_audit_events(AuditAction::LinkRotated)
            .await
            .unwrap(),
        2
    );
    assert_eq!(
        app.store
            .count_audit_events(AuditAction::LinkLimited)
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn archive_closes_surveys_thanks_members_once_and_keeps_the_digest() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let (_, control) = fede
        .previews("/outcome water-access Session 1\nDetails.", 1)
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    app.outbox_drained(PATIENCE).await;
    mia.expect_reply_containing("Session 1").await;
    fede.sends("/survey water-access Tanks\nyesno: Build them?");
    fede.next_reply().await;
    fede.next_reply().await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    app.outbox_drained(PATIENCE).await;
    let question = mia.next_reply().await;
    assert!(question.button_data("Yes").is_some());

    let confirm = carla
        .says("/archive water-access\nThank you for a wonderful year.")
        .await;
    assert!(
        confirm
            .source_text
            .as_deref()
            .unwrap()
            .contains("its open surveys close")
    );
    carla.presses(&confirm, "Archive").await;
    let done = carla
        .edited_message(confirm.message_id)
        .await
        .source_text
        .unwrap();
    assert!(done.contains("is archived; 2 people were told"), "{done}");
    let thanks = mia
        .expect_reply_containing("has finished its work. Thank you for taking part!")
        .await;
    assert!(
        thanks
            .source_text
            .unwrap()
            .contains("Thank you for a wonderful year.")
    );
    // The survey's buttons are removed, as /closesurvey does.
    let closed = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(mia.id)
                .iter()
                .find(|m| m.message_id == question.message_id)
                .is_some_and(|m| m.reply_markup.is_none())
        })
        .await;
    assert!(closed, "the question's buttons were not removed");
    // Links dead; no new posts (a clear message); the digest still works.
    let late = app.user("Late");
    let reply = late
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    assert!(reply.source_text.unwrap().contains("is archived"));
    carla.sends("/outcome water-access After the end\nDetails.");
    carla
        .expect_reply_containing("has finished: it takes no new posts")
        .await;
    let groups = mia.says("/groups").await.source_text.unwrap();
    assert!(groups.contains("Finished: Water access"), "{groups}");
    carla.sends("/digest water-access");
    carla
        .expect_reply_containing("Feedback digest · Water access")
        .await;
    // Told once: a second confirmation changes nothing.
    carla.presses(&confirm, "Archive").await;
    mia.expect_silence(std::time::Duration::from_millis(500))
        .await;
    assert_eq!(
        app.store
            .count_audit_events(AuditAction::Archived)
            .await
            .unwrap(),
        1
    );

    // (The digest's charts may still be arriving: look for the answer among them.)
    carla.sends("/unarchive water-access");
    let reopened = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(carla.id).iter().any(|m| {
                m.source_text
                    .as_deref()
                    .is_some_and(|t| t.contains("is open again"))
            })
        })
        .await;
    assert!(reopened);
    let reply = late
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    assert_eq!(reply.source_text.as_deref(), Some(REPLACED));
}

#[tokio::test]
async fn forgetting_an_actor_keeps_the_event_without_them() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let carla = app.coordinator("Carla").await;
    let picker = fede.says("/promote water-access").await;
    fede.presses(&picker, "Mia").await;
    fede.edited_message(picker.message_id).await;
    // /mydata lists the events where the person is the actor or the target.
    mia.expect_reply_containing("You are now a facilitator")
        .await;
    for (who, key) in [(&mia, "target"), (&fede, "actor")] {
        who.sends("/mydata");
        let file = who.next_reply().await;
        let upload = file.document.expect("a document");
        let data: serde_json::Value = serde_json::from_slice(&upload.bytes).expect("JSON");
        let events = data["audit"].as_array().expect("audit events");
        assert_eq!(events.len(), 1, "{events:?}");
        assert_eq!(events[0]["action"], "promoted");
        assert_eq!(events[0]["actor"]["person"], "Fede");
        assert_eq!(events[0]["target"]["person"], "Mia");
        assert!(events[0][key].is_object());
    }
    let data = fede.says("/forget").await;
    fede.presses(&data, "Yes").await;
    let gone = async {
        for _ in 0..100 {
            if app
                .store
                .person_by_telegram(fede.telegram_id())
                .await
                .unwrap()
                .is_none()
            {
                return true;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        false
    };
    assert!(gone.await);
    let audit = carla.says("/audit water-access").await.source_text.unwrap();
    assert!(
        audit.contains("an erased person: made Mia a facilitator"),
        "{audit}"
    );
    assert!(!audit.contains("Fede"), "{audit}");
}

#[tokio::test]
async fn replies_of_a_removed_member_are_refused_politely_and_not_stored() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    // Mia stays in another group, so her replies are not "no group at all".
    mia.joins_with(housing.member_code.as_str()).await;
    let chat = app.tg.add_group("Barrio", false);
    app.store
        .link_chat(
            water.id,
            chat,
            None,
            "Barrio",
            fede.telegram_id(),
            Utc::now(),
        )
        .await
        .unwrap();
    let (_, control) = fede
        .previews("/outcome water-access Session 4\nPipes ordered.", 1)
        .await;
    fede.presses(&control, "Send").await;
    let post = mia.expect_reply_containing("Session 4").await;
    let in_chat = app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    app.outbox_drained(PATIENCE).await;
    fede.sends("/survey water-access Tanks\nyesno: Build them?");
    fede.next_reply().await;
    fede.next_reply().await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    let question = mia.expect_reply_containing("Build them?").await;

    let carla = app.coordinator("Carla").await;
    let confirm = carla.says("/remove water-access Mia").await;
    carla.presses(&confirm, "Remove").await;
    mia.expect_reply_containing("You are no longer in the <b>Water access</b>")
        .await;

    // In private: a reply to the old post is refused, and not stored.
    mia.replies_to(&post, "Still thinking about it");
    mia.expect_reply_containing(
        "You are no longer in the <b>Water access</b> working group, so I can't pass this on",
    )
    .await;
    // In the linked chat: the same.
    app.tg
        .send_reply(mia.id, chat, "Me too", in_chat[0].message_id);
    let answered = app.tg.wait_for_messages(chat, 2, PATIENCE).await.unwrap();
    assert!(
        answered[1]
            .source_text
            .as_deref()
            .unwrap()
            .contains("no longer in the <b>Water access</b>"),
        "{:?}",
        answered[1].source_text
    );
    assert_eq!(app.store.count_comments().await.unwrap(), 0);
    // Her survey buttons no longer take an answer.
    let toast = mia.presses(&question, "Yes").await;
    assert_eq!(
        toast.as_deref(),
        Some("Only members of Water access can answer this survey.")
    );
    // And she is no longer a recipient of the group's posts.
    let (_, control) = fede
        .previews("/outcome water-access Session 5\nMore pipes.", 1)
        .await;
    assert!(
        control
            .source_text
            .as_deref()
            .unwrap()
            .contains("working group — 0 people"),
        "{:?}",
        control.source_text
    );
}

#[tokio::test]
async fn a_facilitator_of_an_archived_group_is_told_it_has_finished() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    app.store
        .archive_group(water.id, &Actor::Operator, Utc::now())
        .await
        .unwrap();
    for command in [
        "/outcome water-access After\nDetails.",
        "/survey water-access Late\nyesno: Ok?",
    ] {
        let reply = fede.says(command).await.source_text.unwrap();
        assert_eq!(
            reply,
            "The <b>Water access</b> working group has finished: it takes no new posts, surveys or questions.",
            "{command}"
        );
    }
}

/// Waits until the bot message has been edited `edits` times; its state then.
async fn edited_times(
    app: &TestApp,
    chat: i64,
    message_id: i64,
    edits: usize,
) -> coloop_e2e::fake_api::BotMessage {
    let done = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(chat)
                .iter()
                .any(|m| m.message_id == message_id && m.edits as usize >= edits)
        })
        .await;
    assert!(done, "message {message_id} was not edited {edits} times");
    app.tg
        .messages_in(chat)
        .into_iter()
        .find(|m| m.message_id == message_id)
        .unwrap()
}

#[tokio::test]
async fn long_lists_and_pickers_come_in_pages() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    app.members_in_bulk(&water, 25).await;
    let list = carla.says("/members water-access").await;
    let text = list.source_text.clone().unwrap();
    assert!(
        text.contains("(25)") && text.contains("Page 1 of 2"),
        "{text}"
    );
    assert!(list.button_data("◀").is_none());
    carla.presses(&list, "▶").await;
    let page = edited_times(&app, carla.id, list.message_id, 1).await;
    let text = page.source_text.clone().unwrap();
    assert!(text.contains("Page 2 of 2"), "{text}");
    assert!(page.button_data("▶").is_none() && page.button_data("◀").is_some());

    let picker = carla.says("/remove water-access").await;
    assert_eq!(picker.buttons().len(), 8 + 1 + 1, "{:?}", picker.buttons());
    carla.presses(&picker, "▶").await;
    let page = edited_times(&app, carla.id, picker.message_id, 1).await;
    assert!(page.button_data("◀").is_some());
    carla.presses(&page, "Cancel").await;
    let gone = edited_times(&app, carla.id, picker.message_id, 2).await;
    assert_eq!(gone.source_text.as_deref(), Some("Nothing changed."));
    assert_eq!(
        app.store
            .count_current_members(&water.slug, Role::Member)
            .await
            .unwrap(),
        25
    );
}

#[tokio::test]
async fn every_group_action_writes_one_audit_event() {
    let app = TestApp::spawn().await;
    let carla = app.coordinator("Carla").await;
    carla.sends("/newgroup water-access Water access");
    carla.expect_reply_containing("Created").await;
    let water = app
        .store
        .group_by_slug(&coloop_core::domain::GroupSlug::parse("water-access").unwrap())
        .await
        .unwrap()
        .unwrap();
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let chat = app.tg.add_group("Barrio", false);
    app.tg
        .send_text(fede.id, chat, "/link@coloop_test_bot water-access");
    app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    app.tg.send_text(fede.id, chat, "/unlink@coloop_test_bot");
    app.tg.wait_for_messages(chat, 2, PATIENCE).await.unwrap();
    let (_, control) = fede
        .previews("/outcome water-access Session 1\nDetails.", 1)
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    mia.expect_reply_containing("Session 1").await;
    mia.says("/comment water-access Too far").await;
    let comment = app.store.list_comments(water.id, None, 10).await.unwrap()[0].id;
    fede.says(&format!("/hide {comment}")).await;
    fede.sends("/survey water-access Tanks\nyesno: Build them?");
    fede.next_reply().await;
    fede.next_reply().await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    fede.says("/closesurvey 1").await;
    for action in [
        AuditAction::GroupCreated,
        AuditAction::ChatLinked,
        AuditAction::ChatUnlinked,
        AuditAction::PostSent,
        AuditAction::CommentHidden,
        AuditAction::SurveySent,
        AuditAction::SurveyClosed,
    ] {
        assert_eq!(
            app.store.count_audit_events(action).await.unwrap(),
            1,
            "{action}"
        );
    }
    let audit = fede
        .says("/audit water-access 7")
        .await
        .source_text
        .unwrap();
    for line in [
        "Carla: created the group",
        "Fede: linked a Telegram group (Barrio)",
        "Fede: sent a post (#1)",
        "Fede: hid a comment (#1)",
        "Fede: closed a survey (#1)",
    ] {
        assert!(audit.contains(line), "{line}: {audit}");
    }
}
