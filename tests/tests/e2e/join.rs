//! Joining a working group from an invite link, with consent first.

use coloop_core::domain::Role;
use coloop_core::store::{Actor, Rotation};
use coloop_e2e::harness::TestApp;

#[tokio::test]
async fn a_new_person_sees_consent_and_is_stored_only_after_agreeing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");

    let consent = ana
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    let text = consent.source_text.clone().unwrap();
    assert!(
        text.contains("Water access") && text.contains("Do you agree"),
        "{text}"
    );
    assert!(consent.button_data("I agree").is_some());
    assert_eq!(
        app.store.count_people().await.unwrap(),
        0,
        "nothing stored before consent"
    );

    let toast = ana.presses(&consent, "I agree").await;
    assert_eq!(toast.as_deref(), Some("Thank you!"));
    ana.expect_reply_containing("You joined the <b>Water access</b> working group as a member")
        .await;

    let person = app
        .store
        .person_by_telegram(ana.telegram_id())
        .await
        .unwrap()
        .expect("stored");
    assert_eq!(person.name, "Ana");
    assert_eq!(person.language.as_deref(), Some("en"));
    assert_eq!(
        app.store
            .role_in(ana.telegram_id(), &water.slug)
            .await
            .unwrap(),
        Some(Role::Member)
    );
    // The consent message lost its buttons, so it cannot be pressed again.
    let closed = ana.message(consent.message_id);
    assert!(closed.buttons().is_empty(), "{:?}", closed.buttons());
    assert!(closed.source_text.unwrap().contains("You agreed"));
}

#[tokio::test]
async fn declining_stores_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");
    let consent = ana
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    ana.presses(&consent, "No thanks").await;
    let closed = ana.edited_message(consent.message_id).await;
    assert!(
        closed
            .source_text
            .unwrap()
            .contains("nothing about you was stored")
    );
    assert_eq!(app.store.count_people().await.unwrap(), 0);
    assert_eq!(app.store.count_membership_rows().await.unwrap(), 0);
}

#[tokio::test]
async fn a_known_person_joins_a_second_group_without_consent_again() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let ana = app.member_of("Ana", &water).await;

    let reply = ana
        .says(&format!("/start {}", housing.member_code.as_str()))
        .await;
    assert!(reply.buttons().is_empty(), "no consent the second time");
    assert!(
        reply
            .source_text
            .unwrap()
            .contains("You joined the <b>Housing</b>")
    );

    // Opening the same link again changes nothing.
    ana.says(&format!("/start {}", housing.member_code.as_str()))
        .await;
    let again = ana
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    assert!(again.source_text.unwrap().contains("already a member"));
    assert_eq!(app.store.count_people().await.unwrap(), 1);
    assert_eq!(app.store.count_membership_rows().await.unwrap(), 2);

    let groups = ana.says("/groups").await.source_text.unwrap();
    assert!(
        groups.contains("housing") && groups.contains("water-access"),
        "{groups}"
    );
}

#[tokio::test]
async fn a_facilitator_link_makes_a_facilitator_and_promotes_a_member() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    assert_eq!(
        app.store
            .role_in(fede.telegram_id(), &water.slug)
            .await
            .unwrap(),
        Some(Role::Facilitator)
    );

    let ana = app.member_of("Ana", &water).await;
    let reply = ana
        .says(&format!("/start {}", water.facilitator_code.as_str()))
        .await;
    assert!(
        reply
            .source_text
            .unwrap()
            .contains("now a <b>facilitator</b>")
    );
    assert_eq!(
        app.store
            .role_in(ana.telegram_id(), &water.slug)
            .await
            .unwrap(),
        Some(Role::Facilitator)
    );
    assert_eq!(app.store.count_membership_rows().await.unwrap(), 2);
}

#[tokio::test]
async fn bad_codes_get_a_friendly_answer_and_store_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let old_code = water.member_code.as_str().to_owned();
    app.store
        .rotate_links(
            water.id,
            Rotation::Both,
            &Actor::Operator,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    let closed = app.group("closed-group", "Closed").await;
    app.store
        .archive_group(closed.id, &Actor::Operator, chrono::Utc::now())
        .await
        .unwrap();

    let ana = app.user("Ana");
    for (code, expected) in [
        ("doesNotExist123".to_owned(), "not valid"),
        ("bad=code!".to_owned(), "not valid"),
        ("a".repeat(80), "not valid"),
        (
            old_code,
            "This invite link was replaced. Ask your facilitator for the new one.",
        ),
        (closed.member_code.as_str().to_owned(), "archived"),
    ] {
        let reply = ana.says(&format!("/start {code}")).await;
        let text = reply.source_text.unwrap();
        assert!(text.contains(expected), "{code}: {text}");
        assert!(
            reply.reply_markup.is_none(),
            "no consent button for a bad code"
        );
    }
    assert_eq!(app.store.count_people().await.unwrap(), 0);
    assert_eq!(app.store.count_membership_rows().await.unwrap(), 0);
}

#[tokio::test]
async fn a_code_rotated_while_consent_was_on_screen_stores_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");
    let consent = ana
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    app.store
        .rotate_links(
            water.id,
            Rotation::Both,
            &Actor::Operator,
            chrono::Utc::now(),
        )
        .await
        .unwrap();

    let toast = ana.presses(&consent, "I agree").await;
    assert_eq!(toast.as_deref(), Some("This invite is no longer valid."));
    ana.expect_reply_containing("This invite link was replaced.")
        .await;
    assert_eq!(app.store.count_people().await.unwrap(), 0);
}

#[tokio::test]
async fn a_redelivered_consent_press_joins_once() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");
    let consent = ana
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    let data = consent.button_data("I agree").unwrap();
    let press = app
        .tg
        .press_button(ana.id, ana.id, consent.message_id, &data);
    ana.expect_reply_containing("You joined").await;
    // Telegram refuses a second answer to the press, and an edit that changes nothing: the
    // bot can tell neither from a first delivery.
    app.expect_refusal("answerCallbackQuery", "query is too old");
    app.expect_refusal("editMessageText", "message is not modified");
    app.tg.redeliver(press.update_id);
    ana.expect_reply_containing("already a member").await;
    assert_eq!(app.store.count_people().await.unwrap(), 1);
    assert_eq!(app.store.count_membership_rows().await.unwrap(), 1);
}

#[tokio::test]
async fn start_without_a_code_explains_how_to_join() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    ana.sends("/start");
    ana.expect_reply_containing("open the invite link").await;
    assert_eq!(app.store.count_people().await.unwrap(), 0);

    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Bea", &water).await;
    ana.sends("/start");
    ana.expect_reply_containing("Welcome back! You are in 1 working group.")
        .await;
}
