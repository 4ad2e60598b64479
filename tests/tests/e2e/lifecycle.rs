//! A group's people found by name or @username, the thanks of an archived group through the
//! durable outbox (from the chat and from the command line), and links after `/unarchive`
//! (issue #13).

use std::time::Duration;

use chrono::Utc;
use coloop_core::store::Actor;
use coloop_e2e::harness::{PATIENCE, Person, TestApp, codes_in};

const REPLACED: &str = "This invite link was replaced. Ask your facilitator for the new one.";
const THANKS: &str = "has finished its work. Thank you for taking part!";

/// Someone who joined `group` with `username` set in Telegram.
async fn member_with_username<'a>(
    app: &'a TestApp,
    first_name: &str,
    username: &str,
    code: &str,
) -> Person<'a> {
    let person = app.user(first_name);
    app.tg.set_username(person.id, Some(username));
    person.joins_with(code).await;
    person
}

fn buttons(message: &coloop_e2e::fake_api::BotMessage) -> Vec<String> {
    message
        .reply_markup
        .as_ref()
        .and_then(|m| m["inline_keyboard"].as_array().cloned())
        .unwrap_or_default()
        .iter()
        .flat_map(|row| row.as_array().cloned().unwrap_or_default())
        .filter_map(|b| b["text"].as_str().map(str::to_owned))
        .collect()
}

async fn my_data(person: &Person<'_>) -> serde_json::Value {
    person.sends("/mydata");
    let file = person.next_reply().await;
    let upload = file.document.expect("a document");
    serde_json::from_slice(&upload.bytes).expect("JSON")
}

#[tokio::test]
async fn remove_finds_people_by_part_of_their_name_or_their_username() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let code = water.member_code.as_str();
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = member_with_username(&app, "Ana", "ana_p", code).await;
    let _mariana = member_with_username(&app, "Mariana", "mrn", code).await;

    // Part of a name that fits two people: a picker of those two.
    let picker = fede.says("/remove water-access AN").await;
    let labels = buttons(&picker);
    assert!(
        labels.contains(&"Ana".to_owned()) && labels.contains(&"Mariana".to_owned()),
        "{labels:?}"
    );
    assert!(!labels.contains(&"Fede".to_owned()), "{labels:?}");
    fede.presses(&picker, "Cancel").await;
    fede.edited_message(picker.message_id).await;

    // An @username (any case) names one person: a confirm button.
    let confirm = fede.says("/remove water-access @ANA_P").await;
    assert!(
        confirm
            .source_text
            .as_deref()
            .unwrap()
            .contains("Remove <b>Ana</b>"),
        "{confirm:?}"
    );
    assert!(buttons(&confirm).contains(&"Remove".to_owned()));
    fede.presses(&confirm, "Cancel").await;
    fede.edited_message(confirm.message_id).await;

    // The username is refreshed from her updates, like her name; /mydata lists it.
    app.tg.set_username(ana.id, Some("ana_new"));
    ana.says("/help").await;
    let data = my_data(&ana).await;
    assert_eq!(data["profile"]["username"], "ana_new");
    let refused = fede.says("/remove water-access @ana_p").await;
    assert!(
        refused
            .source_text
            .unwrap()
            .contains("Nobody in <b>Water access</b> is called"),
    );
    let confirm = fede.says("/remove water-access @ana_new").await;
    assert!(
        confirm
            .source_text
            .as_deref()
            .unwrap()
            .contains("Remove <b>Ana</b>")
    );
    fede.presses(&confirm, "Remove").await;
    fede.edited_message(confirm.message_id).await;
    ana.expect_reply_containing("You are no longer in the <b>Water access</b>")
        .await;

    // /forget erases it with everything else.
    let question = ana.says("/forget").await;
    ana.presses(&question, "Yes").await;
    let done = ana.edited_message(question.message_id).await;
    assert!(done.source_text.unwrap().contains("is erased"));
    ana.sends("/mydata");
    ana.expect_reply_containing("I store nothing about you")
        .await;
}

/// Waits until the bot has marked `person` as having blocked it.
async fn marked_blocked(app: &TestApp, person: &Person<'_>) {
    for _ in 0..200 {
        if app.store.is_blocked(person.telegram_id()).await.unwrap() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("the bot did not take in that they blocked it");
}

#[tokio::test]
async fn archive_thanks_members_through_the_outbox_once_and_only_those_still_listening() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let mia = app.member_of("Mia", &water).await;
    let paul = app.member_of("Paul", &water).await;
    let lea = app.member_of("Lea", &water).await;
    let bob = app.member_of("Bob", &water).await;
    paul.sends("/stop");
    paul.expect_reply_containing("Paused").await;
    lea.sends("/leave water-access");
    lea.expect_reply_containing("You left").await;
    app.tg.block_bot(bob.id);
    marked_blocked(&app, &bob).await;

    let confirm = carla
        .says("/archive water-access\nThank you for a wonderful year.")
        .await;
    carla.presses(&confirm, "Archive").await;
    let done = carla
        .edited_message(confirm.message_id)
        .await
        .source_text
        .unwrap();
    assert!(done.contains("is archived; 2 people were told"), "{done}");
    // The thanks were queued in the outbox (with the archiving), and it sends them.
    let counts = app.store.all_delivery_counts().await.unwrap();
    assert_eq!(counts.pending + counts.sent, 2, "{counts:?}");
    app.outbox_drained(PATIENCE).await;
    for person in [&mia, &fede] {
        let thanks = person.expect_reply_containing(THANKS).await;
        assert!(
            thanks
                .source_text
                .unwrap()
                .contains("Thank you for a wonderful year.")
        );
    }
    for quiet in [&paul, &lea, &bob] {
        assert!(
            !app.tg
                .messages_in(quiet.id)
                .iter()
                .any(|m| m.source_text.as_deref().is_some_and(|t| t.contains(THANKS))),
            "someone who paused, left or blocked the bot was thanked"
        );
    }
    // Told once: a second confirmation queues nothing.
    carla.presses(&confirm, "Archive").await;
    mia.expect_silence(Duration::from_millis(500)).await;
    assert_eq!(app.store.all_delivery_counts().await.unwrap().sent, 2);
}

#[tokio::test]
async fn the_cli_queues_the_thanks_and_the_bot_sends_them_on_its_next_run() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let mia = app.member_of("Mia", &water).await;
    let paul = app.member_of("Paul", &water).await;
    paul.sends("/stop");
    paul.expect_reply_containing("Paused").await;
    app.crash();

    // `coloop group archive water-access --last-words …`, while no bot runs.
    let said = coloop_bot::ops::groups::archive(
        &app.store,
        "water-access",
        Some("  See you at the fair.  "),
    )
    .await
    .expect("archived");
    assert!(
        said.contains("water-access is archived")
            && said.contains("queued for 1 member(s)")
            && said.contains("the bot sends it on its next run"),
        "{said}"
    );
    let again = coloop_bot::ops::groups::archive(&app.store, "water-access", None)
        .await
        .expect("answered");
    assert!(again.contains("nobody was messaged again"), "{again}");
    mia.expect_silence(Duration::from_millis(300)).await;

    app.restart().await;
    let thanks = mia.expect_reply_containing(THANKS).await;
    assert!(
        thanks
            .source_text
            .unwrap()
            .contains("\u{201c}See you at the fair.\u{201d}"),
        "the last words, trimmed"
    );
    app.outbox_drained(PATIENCE).await;
    mia.expect_silence(Duration::from_millis(300)).await;
    let told = app
        .tg
        .messages_in(mia.id)
        .iter()
        .filter(|m| m.source_text.as_deref().is_some_and(|t| t.contains(THANKS)))
        .count();
    assert_eq!(told, 1, "told once");
    assert!(
        !app.tg
            .messages_in(paul.id)
            .iter()
            .any(|m| m.source_text.as_deref().is_some_and(|t| t.contains(THANKS)))
    );
}

#[tokio::test]
async fn unarchive_keeps_the_old_links_dead_until_they_are_rotated() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let carla = app.coordinator("Carla").await;
    let people = app.store.count_people().await.unwrap();
    app.store
        .archive_group(water.id, &Actor::Operator, Utc::now())
        .await
        .unwrap();

    let reply = carla
        .says("/unarchive water-access")
        .await
        .source_text
        .unwrap();
    assert!(reply.contains("is open again"), "{reply}");
    assert!(reply.contains("send /rotate to make new ones"), "{reply}");
    // Neither old link works, and nobody is handed a fresh one silently.
    let late = app.user("Late");
    for code in [water.member_code.as_str(), water.facilitator_code.as_str()] {
        let refused = late.says(&format!("/start {code}")).await;
        assert_eq!(refused.source_text.as_deref(), Some(REPLACED));
    }
    assert_eq!(
        app.store.count_people().await.unwrap(),
        people,
        "nobody joined"
    );

    // After a rotation the new links work.
    let choose = carla.says("/rotate water-access").await;
    carla.presses(&choose, "Both").await;
    let rotated = carla
        .edited_message(choose.message_id)
        .await
        .source_text
        .unwrap();
    let codes = codes_in(&rotated);
    assert_eq!(codes.len(), 2, "{rotated}");
    assert!(!codes.contains(&water.member_code.as_str().to_owned()));
    let joined = late.joins_with(&codes[0]).await;
    assert!(
        joined.source_text.unwrap().contains("Water access"),
        "the new member link works"
    );
    let refused = app
        .user("Later")
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    assert_eq!(refused.source_text.as_deref(), Some(REPLACED));
}
