//! Participant rights: pause, my data, forget me, blocking.

use std::time::Duration;

use coloop_core::domain::TelegramId;
use coloop_e2e::harness::{PATIENCE, Person, TestApp};

async fn broadcast(fede: &Person<'_>, title: &str) {
    let (_, control) = fede
        .previews(&format!("/outcome water-access {title}\nDetails."), 1)
        .await;
    fede.presses(&control, "Send").await;
}

#[tokio::test]
async fn stop_and_the_word_stop_pause_and_resume_restores() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;

    ana.sends("STOP");
    ana.expect_reply_containing("Paused").await;
    broadcast(&fede, "While paused").await;
    bob.expect_reply_containing("While paused").await;
    app.outbox_drained(PATIENCE).await;
    ana.expect_nothing_unread();

    ana.sends("/resume");
    ana.expect_reply_containing("Welcome back").await;
    broadcast(&fede, "After resuming").await;
    ana.expect_reply_containing("After resuming").await;

    ana.sends("/stop");
    ana.expect_reply_containing("Paused").await;
    ana.sends("/resume");
    ana.expect_reply_containing("Welcome back").await;
    ana.sends("/resume");
    ana.expect_reply_containing("Nothing was paused").await;
}

#[tokio::test]
async fn stop_one_group_only() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let hana = app.facilitator_of("Hana", &housing).await;
    let ana = app.member_of("Ana", &water).await;
    ana.says(&format!("/start {}", housing.member_code.as_str()))
        .await;

    ana.sends("/stop water-access");
    ana.expect_reply_containing("Paused <code>water-access</code>")
        .await;
    broadcast(&fede, "Water news").await;
    let (_, control) = hana
        .previews("/outcome housing Housing news\nDetails.", 1)
        .await;
    hana.presses(&control, "Send").await;
    ana.expect_reply_containing("Housing news").await;
    app.outbox_drained(PATIENCE).await;
    ana.expect_nothing_unread();

    ana.sends("/resume water-access");
    ana.expect_reply_containing("Resumed <code>water-access</code>")
        .await;
    broadcast(&fede, "More water news").await;
    ana.expect_reply_containing("More water news").await;
}

#[tokio::test]
async fn mydata_holds_everything_stored_about_the_person() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    broadcast(&fede, "Session 3").await;
    let post = ana.expect_reply_containing("Session 3").await;
    ana.replies_to(&post, "Count me in");
    ana.expect_reply_containing("Thanks").await;
    app.tg.send_custom(ana.id, ana.id, serde_json::json!({
        "voice": {"file_id": "VOICE-ANA", "file_unique_id": "u", "duration": 9, "mime_type": "audio/ogg"},
        "reply_to_message": post.raw,
    }));
    ana.expect_reply_containing("Thanks").await;
    app.outbox_drained(PATIENCE).await;

    ana.sends("/mydata");
    let file = ana.next_reply().await;
    let upload = file.document.expect("a document");
    assert_eq!(upload.file_name.as_deref(), Some("coloop-my-data.json"));
    let data: serde_json::Value = serde_json::from_slice(&upload.bytes).expect("JSON");
    assert_eq!(data["profile"]["telegram_id"], ana.id);
    assert_eq!(data["profile"]["display_name"], "Ana");
    assert_eq!(
        data["profile"]["consent_version"],
        coloop_core::CONSENT_VERSION
    );
    assert_eq!(data["memberships"][0]["group"], "water-access");
    assert_eq!(data["memberships"][0]["role"], "member");
    let comments = data["comments"].as_array().unwrap();
    assert_eq!(comments.len(), 2);
    assert_eq!(comments[0]["text"], "Count me in");
    assert_eq!(comments[0]["post_title"], "Session 3");
    assert_eq!(comments[1]["file_id"], "VOICE-ANA");
    assert_eq!(data["deliveries"][0]["post_title"], "Session 3");
    assert_eq!(data["deliveries"][0]["state"], "sent");

    let stranger = app.user("Sol");
    stranger.sends("/mydata");
    stranger
        .expect_reply_containing("I store nothing about you")
        .await;
}

#[tokio::test]
async fn forget_leaves_no_trace_of_the_person_anywhere() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    // Fede is the one who asks to be forgotten: a facilitator who did a bit of everything.
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let chat = app.tg.add_group("Barrio", false);
    app.tg.send_text(fede.id, chat, "/link water-access");
    app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    broadcast(&fede, "Session 3").await;
    let post = ana.expect_reply_containing("Session 3").await;
    ana.replies_to(&post, "Nice");
    ana.expect_reply_containing("Thanks").await;
    let (_, control) = carla
        .previews("/outcome water-access From the coordinator\nHello.", 1)
        .await;
    carla.presses(&control, "Send").await;
    let coordinator_post = fede.expect_reply_containing("From the coordinator").await;
    fede.replies_to(&coordinator_post, "I agree");
    fede.expect_reply_containing("Thanks").await;
    let ana_comment = app
        .store
        .list_comments(water.id, None, 10)
        .await
        .unwrap()
        .iter()
        .find(|c| c.author.as_deref() == Some("Ana"))
        .unwrap()
        .id;
    fede.sends(&format!("/hide {ana_comment}"));
    fede.expect_reply_containing("hidden").await;
    app.outbox_drained(PATIENCE).await;
    // Surveys: one Fede wrote, one he answered (Carla's).
    for (author, title) in [(&fede, "Fede asks"), (&carla, "Carla asks")] {
        author.sends(&format!("/survey water-access {title}\nyesno: All good?"));
        author.next_reply().await;
        author.next_reply().await;
        let control = author.next_reply().await;
        author.presses(&control, "Send").await;
        author.edited_message(control.message_id).await;
    }
    let question = fede.expect_reply_containing("Carla asks").await;
    fede.presses(&question, "Yes").await;
    fede.expect_reply_containing("Thank you").await;
    app.outbox_drained(PATIENCE).await;

    let person = app
        .store
        .person_by_telegram(fede.telegram_id())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !app.store
            .person_traces(fede.telegram_id(), person.id.get())
            .await
            .unwrap()
            .is_empty()
    );

    fede.sends("/forget");
    let confirm = fede.expect_reply_containing("Are you sure?").await;
    fede.presses(&confirm, "Yes, forget me").await;
    let done = fede.edited_message(confirm.message_id).await;
    assert!(
        done.source_text
            .unwrap()
            .contains("everything I kept about you is erased")
    );

    let traces = app
        .store
        .person_traces(fede.telegram_id(), person.id.get())
        .await
        .unwrap();
    assert!(traces.is_empty(), "traces left: {traces:?}");
    // Others' data is intact.
    assert!(
        app.store
            .person_by_telegram(ana.telegram_id())
            .await
            .unwrap()
            .is_some()
    );
    assert_eq!(
        app.store
            .list_comments(water.id, None, 10)
            .await
            .unwrap()
            .len(),
        0,
        "Ana's is hidden, Fede's gone"
    );
    // A later /start starts fresh.
    fede.sends("/start");
    fede.expect_reply_containing("open the invite link").await;
}

#[tokio::test]
async fn blocking_and_unblocking_through_my_chat_member() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    let update = |status: &str| {
        serde_json::json!({
            "my_chat_member": {
                "chat": {"id": ana.id, "type": "private", "first_name": "Ana"},
                "from": {"id": ana.id, "is_bot": false, "first_name": "Ana"},
                "date": 1_800_000_000,
                "old_chat_member": {"status": "member", "user": {"id": app.tg.bot_id(), "is_bot": true, "first_name": "coloop"}},
                "new_chat_member": if status == "kicked" {
                    serde_json::json!({"status": "kicked", "until_date": 0, "user": {"id": app.tg.bot_id(), "is_bot": true, "first_name": "coloop"}})
                } else {
                    serde_json::json!({"status": "member", "user": {"id": app.tg.bot_id(), "is_bot": true, "first_name": "coloop"}})
                },
            }
        })
    };
    app.tg.push_raw_update(update("kicked"));
    let id = TelegramId::new(ana.id);
    assert!(
        wait_for(|| async { app.store.is_blocked(id).await.unwrap() }).await,
        "marked blocked"
    );
    app.tg.push_raw_update(update("member"));
    assert!(
        wait_for(|| async { !app.store.is_blocked(id).await.unwrap() }).await,
        "unblocked"
    );
}

async fn wait_for<F, Fut>(check: F) -> bool
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while started.elapsed() < PATIENCE {
        if check().await {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    false
}

#[tokio::test]
async fn the_retention_task_deletes_old_comments_only() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/comment A recent one");
    ana.expect_reply_containing("Thanks").await;
    let old = coloop_core::store::NewComment {
        group: water.id,
        author: ana.telegram_id(),
        post: None,
        chat_id: ana.id,
        message_id: 999_999,
        body: Some("From long ago".into()),
        media: None,
        unfiled: false,
    };
    app.store
        .add_comment(&old, chrono::Utc::now() - chrono::Duration::days(400))
        .await
        .unwrap();
    assert_eq!(app.store.count_comments().await.unwrap(), 2);
    let deleted = coloop_bot::tasks::retention::run_once(&app.store, 365)
        .await
        .unwrap();
    assert_eq!(deleted, 1);
    let left = app.store.list_comments(water.id, None, 10).await.unwrap();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].body.as_deref(), Some("A recent one"));
}
