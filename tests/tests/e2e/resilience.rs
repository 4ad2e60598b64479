//! The bot against a Telegram that pushes back: rate limits, blocked users, slow answers.

use std::time::{Duration, Instant};

use coloop_e2e::fake_api::{Fault, Scope};
use coloop_e2e::harness::TestApp;

#[tokio::test]
async fn a_rate_limited_reply_is_sent_after_retry_after() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    app.tg.inject(
        Fault::TooManyRequests { retry_after: 1 },
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    let started = Instant::now();
    ana.sends("/help");
    ana.expect_reply_containing("What you can do").await;
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited retry_after"
    );
    let sends: Vec<_> = app.tg.calls_to("sendMessage");
    assert_eq!(sends.len(), 2, "one refused, one sent");
    assert!(sends[1].at.duration_since(sends[0].at) >= Duration::from_secs(1));
    // Exactly one message, no apology.
    ana.expect_nothing_else().await;
}

#[tokio::test]
async fn a_person_who_blocked_the_bot_does_not_stop_the_others() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    let bob = app.user("Bob");
    app.tg.inject(
        Fault::Forbidden("Forbidden: bot was blocked by the user".into()),
        Scope::chat(ana.id, 10),
    );
    ana.sends("/help");
    bob.sends("/help");
    bob.expect_reply_containing("What you can do").await;
    // The refused reply (and the refused apology) were tried, nothing reached Ana.
    let ana_id = ana.id;
    let tried = app
        .tg
        .wait_until(coloop_e2e::harness::PATIENCE, |tg| {
            tg.calls_to("sendMessage")
                .iter()
                .filter(|c| c.chat_id() == Some(ana_id))
                .count()
                >= 2
        })
        .await;
    assert!(tried, "the answer and the apology to Ana were tried");
    assert!(app.tg.messages_in(ana.id).is_empty());
    // And the bot still answers Bob afterwards.
    bob.sends("/groups");
    bob.expect_reply_containing("not in a working group yet")
        .await;
}

#[tokio::test]
async fn a_bad_request_is_logged_and_answered_with_an_apology() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    app.tg.inject(
        Fault::BadRequest("Bad Request: something odd".into()),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    ana.sends("/help");
    let apology = ana.next_reply().await;
    assert_eq!(
        apology.source_text,
        Some(coloop_e2e::harness::english().internal_error())
    );
}

#[tokio::test]
async fn a_slow_chat_does_not_hold_up_another() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    let bob = app.user("Bob");
    app.tg.inject(
        Fault::Slow(Duration::from_secs(5)),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    ana.sends("/help");
    // Ana's answer is on its way (held by Telegram) before Bob writes.
    let ana_id = ana.id;
    assert!(
        app.tg
            .wait_until(coloop_e2e::harness::PATIENCE, |tg| tg.faults_left() == 0)
            .await
    );
    bob.sends("/help");
    bob.expect_reply_containing("What you can do").await;
    assert!(
        app.tg.messages_in(ana_id).is_empty(),
        "Bob's answer came while Ana's was still held, not after it"
    );
    ana.expect_reply_containing("What you can do").await;
}

#[tokio::test]
async fn polling_recovers_from_a_rate_limited_get_updates() {
    let app = TestApp::spawn().await;
    app.tg.inject(
        Fault::TooManyRequests { retry_after: 1 },
        Scope::method("getUpdates", 1),
    );
    let ana = app.user("Ana");
    ana.sends("/help");
    ana.expect_reply_containing("What you can do").await;
}

#[tokio::test]
async fn stopping_finishes_cleanly() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    ana.sends("/help");
    ana.expect_reply_containing("What you can do").await;
    app.stop().await.expect("clean stop");
}

#[tokio::test]
async fn a_press_whose_toast_is_rate_limited_still_takes_effect() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    let buttons = ana.says("/language").await;
    app.tg.inject(
        Fault::TooManyRequests { retry_after: 1 },
        Scope::method("answerCallbackQuery", 1),
    );
    let data = buttons.button_data("Español").unwrap();
    app.tg
        .press_button(ana.id, ana.id, buttons.message_id, &data);
    // The toast is a courtesy; the choice is made and shown all the same.
    let edited = ana.edited_message(buttons.message_id).await;
    assert_eq!(
        edited.source_text,
        Some(coloop_e2e::harness::catalogues().texts("es").language_set())
    );
    assert_eq!(
        app.store
            .language_of(ana.telegram_id())
            .await
            .unwrap()
            .as_deref(),
        Some("es")
    );
}
