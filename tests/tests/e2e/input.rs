//! Wrong, odd or hostile input: a clear answer, nothing stored, no panic.

use std::time::Duration;

use coloop_e2e::harness::{PATIENCE, TestApp};

#[tokio::test]
async fn unknown_commands_and_bad_arguments_get_usage() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fay = app.facilitator_of("Fay", &water).await;
    let (people, groups) = (
        app.store.count_people().await.unwrap(),
        app.store.count_groups().await.unwrap(),
    );
    for (text, expected) in [
        ("/frobnicate", "I don't know the command /frobnicate"),
        ("/invite", "Usage: <code>/invite &lt;group&gt;"),
        ("/invite a", "at least 3 characters"),
        ("/invite water access", "more arguments than it takes"),
        ("/leave", "Usage: <code>/leave"),
        ("/leave no_such!", "only use letters"),
        ("/<script>", "I don't know the command /&lt;script&gt;"),
    ] {
        fay.sends(text);
        fay.expect_reply_containing(expected).await;
    }
    assert_eq!(app.store.count_people().await.unwrap(), people);
    assert_eq!(app.store.count_groups().await.unwrap(), groups);
}

#[tokio::test]
async fn rights_come_before_grammar() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    let fay = app.facilitator_of("Fay", &water).await;
    let stranger = app.user("Sam");
    // A member (and a stranger) who gets a privileged command wrong is refused, as with a full
    // command, not taught its syntax.
    for person in [&ana, &stranger] {
        for text in ["/outcome water-access Hack", "/survey", "/members"] {
            let answer = person.says(text).await.text.unwrap_or_default();
            assert_eq!(
                answer,
                "Sorry, only the facilitators of a working group (and coordinators) can do that.",
                "{text}"
            );
        }
        for text in ["/newgroup", "/archive", "/export too many words"] {
            let answer = person.says(text).await.text.unwrap_or_default();
            assert_eq!(answer, "Sorry, only coordinators can do that.", "{text}");
        }
        // Commands for everyone still explain themselves.
        let answer = person.says("/leave").await.text.unwrap_or_default();
        assert!(answer.contains("Usage: /leave"), "{answer}");
    }
    // The facilitator, who may use /outcome, gets its usage.
    let answer = fay
        .says("/outcome water-access Hack")
        .await
        .text
        .unwrap_or_default();
    assert!(answer.contains("Usage: /outcome"), "{answer}");
    assert!(!answer.contains("Sorry, only"), "{answer}");
}

#[tokio::test]
async fn messages_without_context_get_a_hint() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    ana.sends("hello?");
    ana.expect_reply_containing("Send /help").await;
    app.tg.send_sticker(ana.id, ana.id);
    ana.expect_reply_containing("Send /help").await;
    app.tg.send_photo(ana.id, ana.id, Some("look"));
    ana.expect_reply_containing("Send /help").await;
    app.tg.send_voice(ana.id, ana.id, 12);
    ana.expect_reply_containing("Send /help").await;
    assert_eq!(app.store.count_people().await.unwrap(), 0);
}

#[tokio::test]
async fn group_chats_get_a_pointer_for_commands_and_silence_otherwise() {
    let app = TestApp::spawn().await;
    let ana = app.user("Ana");
    let chat = app.tg.add_group("Neighbourhood", false);
    app.tg.send_text(ana.id, chat, "just chatting");
    app.tg.send_text(ana.id, chat, "/help@some_other_bot");
    // A bare command in a group may be for another bot: silence.
    app.tg.send_text(ana.id, chat, "/help");
    app.tg.send_text(ana.id, chat, "/help@coloop_test_bot");
    let messages = app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    assert!(
        messages[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("private chat")
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.tg.messages_in(chat).len(),
        1,
        "only the command got an answer"
    );
}

#[tokio::test]
async fn what_people_type_is_escaped_in_html_answers() {
    let app = TestApp::spawn().await;
    let carla = app.coordinator("Carla").await;
    // The fake Bot API rejects malformed HTML like Telegram does, so an unescaped name would
    // surface as an error here.
    carla.sends("/newgroup tags <b>Bold</b> & <i>sneaky");
    carla
        .expect_reply_containing("&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;sneaky")
        .await;
    let code = app
        .store
        .group_by_slug(&coloop_core::domain::GroupSlug::parse("tags").unwrap())
        .await
        .unwrap()
        .unwrap()
        .member_code;
    let ana = app.user("Ana");
    ana.sends(&format!("/start {}", code.as_str()));
    ana.expect_reply_containing("&lt;b&gt;Bold").await;
    ana.sends("/groups");
    ana.expect_reply_containing("not in a working group yet")
        .await;
}

#[tokio::test]
async fn overlong_and_strange_text_does_not_break_anything() {
    let app = TestApp::spawn().await;
    let carla = app.coordinator("Carla").await;
    carla.sends(&format!("/newgroup long-one {}", "x".repeat(5000)));
    carla.expect_reply_containing("too long").await;
    carla.sends(&format!("/newgroup long-two Name\n{}", "y".repeat(3000)));
    carla.expect_reply_containing("too long").await;
    carla.sends("/newgroup emoji 🌊 Agua para todos");
    carla.expect_reply_containing("🌊 Agua para todos").await;
    carla.sends("\u{0}/\u{202e}help");
    carla.expect_reply_containing("Send /help").await;
    assert_eq!(app.store.count_groups().await.unwrap(), 1);
}
