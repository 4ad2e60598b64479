//! Comments and listening questions: every reply lands, threaded to what it answers.

use std::time::Duration;

use coloop_bot::config::CommentSettings;
use coloop_core::domain::{GroupSlug, PostId};
use coloop_core::store::CommentView;
use coloop_e2e::harness::{Options, PATIENCE, Person, TestApp, english, test_comment_settings};

async fn comments(app: &TestApp, slug: &str, post: Option<PostId>) -> Vec<CommentView> {
    let group = app
        .store
        .group_by_slug(&GroupSlug::parse(slug).unwrap())
        .await
        .unwrap()
        .unwrap();
    app.store.list_comments(group.id, post, 50).await.unwrap()
}

/// Fede broadcasts `command`; returns the post as `member` received it.
async fn push(
    app: &TestApp,
    fede: &Person<'_>,
    member: &Person<'_>,
    command: &str,
) -> coloop_e2e::fake_api::BotMessage {
    let (_, control) = fede.previews(command, 1).await;
    fede.presses(&control, "Send").await;
    let got = member.next_reply().await;
    app.outbox_drained(PATIENCE).await;
    got
}

#[tokio::test]
async fn a_reply_to_any_pushed_message_is_a_comment_on_that_post() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;

    let outcome = push(
        &app,
        &fede,
        &ana,
        "/outcome water-access Session 3\nThree tanks.",
    )
    .await;
    let prototype = push(
        &app,
        &fede,
        &ana,
        "/prototype water-access community Tank crew\nNeighbours maintain the tanks.",
    )
    .await;
    let question = push(
        &app,
        &fede,
        &ana,
        "/ask water-access Where should the first tank go?",
    )
    .await;
    assert!(
        question
            .source_text
            .as_deref()
            .unwrap()
            .contains("A question from the Water access working group")
    );
    assert!(
        question
            .source_text
            .as_deref()
            .unwrap()
            .contains("Reply to this message to comment.")
    );

    for (post, text, title) in [
        (&outcome, "Great news!", "Session 3"),
        (&prototype, "I can help on Saturdays.", "Tank crew"),
        (
            &question,
            "Next to the school, please.",
            "Where should the first tank go?",
        ),
    ] {
        ana.replies_to(post, text);
        let thanks = ana
            .expect_reply_containing("Thanks — shared with the <b>Water access</b> working group")
            .await;
        assert!(
            thanks
                .source_text
                .as_deref()
                .unwrap()
                .contains(&format!("as a reply to “{title}”"))
        );
        assert!(thanks.button_data("Keep my name").is_some());
    }
    let all = comments(&app, "water-access", None).await;
    assert_eq!(all.len(), 3);
    for c in &all {
        let (_, title) = c.post.as_ref().expect("linked to its post");
        let expected = match c.body.as_deref().unwrap() {
            "Great news!" => "Session 3",
            "I can help on Saturdays." => "Tank crew",
            _ => "Where should the first tank go?",
        };
        assert_eq!(title, expected);
    }
}

#[tokio::test]
async fn comment_command_with_and_without_the_group() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/comment The tanks are too far from the market.");
    ana.expect_reply_containing("shared with the <b>Water access</b>")
        .await;
    ana.sends("/comment water-access And the school?");
    ana.expect_reply_containing("shared with the <b>Water access</b>")
        .await;

    let bob = app.member_of("Bob", &water).await;
    bob.sends(&format!("/start {}", housing.member_code.as_str()));
    bob.next_reply().await;
    bob.sends("/comment Which one?");
    bob.expect_reply_containing("Which group is this for?")
        .await;
    bob.sends("/comment housing Rents went up again.");
    bob.expect_reply_containing("shared with the <b>Housing</b>")
        .await;

    let water_comments = comments(&app, "water-access", None).await;
    let bodies: Vec<_> = water_comments
        .iter()
        .map(|c| c.body.clone().unwrap())
        .collect();
    assert_eq!(
        bodies,
        vec!["And the school?", "The tanks are too far from the market."]
    );
    assert!(water_comments.iter().all(|c| c.post.is_none()));
    assert_eq!(
        comments(&app, "housing", None).await[0].body.as_deref(),
        Some("Rents went up again.")
    );
}

#[tokio::test]
async fn plain_text_asks_which_post_and_files_it_there() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    // No posts yet: a general comment straight away.
    ana.sends("Is anyone working on the leaks?");
    ana.expect_reply_containing("shared with the <b>Water access</b> working group.")
        .await;

    push(
        &app,
        &fede,
        &ana,
        "/outcome water-access Session 1\nLeaks mapped.",
    )
    .await;
    push(
        &app,
        &fede,
        &ana,
        "/outcome water-access Session 2\nTanks chosen.",
    )
    .await;
    ana.sends("I disagree with the location.");
    let ask = ana
        .expect_reply_containing("Which post is this about?")
        .await;
    let labels: Vec<String> = ask.buttons().into_iter().map(|b| b.0).collect();
    assert_eq!(
        labels,
        vec![
            "📣 Session 2",
            "📣 Session 1",
            "💬 General comment to Water access"
        ],
        "{labels:?}"
    );
    // Stored before the answer: nothing can be lost.
    assert_eq!(app.store.count_comments().await.unwrap(), 2);
    ana.presses(&ask, "Session 1").await;
    let filed = ana.edited_message(ask.message_id).await;
    assert!(
        filed
            .source_text
            .as_deref()
            .unwrap()
            .contains("as a reply to “Session 1”")
    );
    let latest = &comments(&app, "water-access", None).await[0];
    assert_eq!(latest.post.as_ref().unwrap().1, "Session 1");
    // The question cannot be answered twice.
    let toast = ana
        .presses_data(ask.message_id, &ask.button_data("General").unwrap())
        .await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
}

#[tokio::test]
async fn voice_notes_and_photos_are_comments_and_facilitators_get_them_back() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let post = push(
        &app,
        &fede,
        &ana,
        "/outcome water-access Session 3\nThree tanks.",
    )
    .await;

    // A voice note in reply to the post, and a photo with a caption.
    let voice = app.tg.voice_json(83);
    let file_id = voice["file_id"].as_str().unwrap().to_owned();
    app.tg.send_custom(
        ana.id,
        ana.id,
        serde_json::json!({ "voice": voice, "reply_to_message": post.raw }),
    );
    ana.expect_reply_containing("as a reply to “Session 3”")
        .await;
    let photo = app.tg.send_photo(ana.id, ana.id, Some("The <broken> pipe"));
    let sizes = app.tg.message_json(ana.id, photo.message_id).unwrap()["photo"].clone();
    let ask = ana
        .expect_reply_containing("Which post is this about?")
        .await;
    ana.presses(&ask, "General").await;

    let list = fede
        .says("/comments water-access")
        .await
        .source_text
        .unwrap();
    assert!(list.contains("[voice 1:23]"), "{list}");
    assert!(list.contains("[photo] The &lt;broken&gt; pipe"), "{list}");
    let voices = app
        .tg
        .wait_for_call("sendVoice", 1, PATIENCE)
        .await
        .expect("voice re-sent");
    assert_eq!(voices[0].param_str("voice"), Some(file_id));
    let photos = app
        .tg
        .wait_for_call("sendPhoto", 1, PATIENCE)
        .await
        .expect("photo re-sent");
    let sent = photos[0].param_str("photo").unwrap();
    assert!(
        sizes
            .as_array()
            .unwrap()
            .iter()
            .any(|size| size["file_id"] == sent.as_str()),
        "the photo she sent, by its file_id: {sent} not in {sizes}"
    );
    let stored = comments(&app, "water-access", None).await;
    assert_eq!(
        stored[0].body.as_deref(),
        Some("The <broken> pipe"),
        "stored exactly"
    );
}

#[tokio::test]
async fn anonymous_hidden_and_redelivered_comments() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;

    let sent = ana.sends("/comment I'd rather not be named.");
    let thanks = ana.expect_reply_containing("Thanks").await;
    ana.presses(&thanks, "Keep my name").await;
    let edited = ana.edited_message(thanks.message_id).await;
    assert!(
        edited
            .source_text
            .as_deref()
            .unwrap()
            .contains("Your name is hidden")
    );
    assert!(edited.buttons().is_empty());
    app.tg.redeliver(sent.update_id);
    ana.expect_reply_containing("Thanks").await;
    assert_eq!(
        app.store.count_comments().await.unwrap(),
        1,
        "a redelivered update stores nothing twice"
    );

    bob.sends("/comment Spam spam spam");
    bob.expect_reply_containing("Thanks").await;
    let spam = comments(&app, "water-access", None).await[0].id;
    bob.sends(&format!("/hide {spam}"));
    // Issue #20: as if there were no such comment — a member learns nothing of it.
    bob.expect_reply_containing(&format!("There is no comment #{spam}."))
        .await;
    fede.sends(&format!("/hide {spam}"));
    fede.expect_reply_containing(&format!("Comment #{spam} is hidden"))
        .await;

    let list = fede
        .says("/comments water-access")
        .await
        .source_text
        .unwrap();
    assert!(list.contains("anonymous"), "{list}");
    assert!(!list.contains("Ana"), "{list}");
    assert!(!list.contains("Spam"), "{list}");
    fede.sends("/hide 99999");
    fede.expect_reply_containing("There is no comment #99999")
        .await;
}

#[tokio::test]
async fn a_comment_flood_is_slowed_politely() {
    let (app, _) = TestApp::spawn_with(Options {
        comments: Some(CommentSettings {
            per_minute: 3,
            ..test_comment_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    for i in 0..3 {
        ana.sends(&format!("/comment number {i}"));
        ana.expect_reply_containing("Thanks").await;
    }
    ana.sends("/comment number 4");
    ana.expect_reply_containing("please wait a minute").await;
    assert_eq!(app.store.count_comments().await.unwrap(), 3);
}

#[tokio::test]
async fn facilitators_get_batched_notices() {
    let (app, _) = TestApp::spawn_with(Options {
        comments: Some(CommentSettings {
            per_minute: 100,
            notice_interval: Duration::from_secs(2),
            notice_tick: Duration::from_millis(100),
            ..test_comment_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;

    ana.sends("/comment First!");
    ana.expect_reply_containing("Thanks").await;
    let notice = fede
        .expect_reply_containing("1 new comment in <b>Water access</b>")
        .await;
    assert!(notice.source_text.as_deref().unwrap().contains("• First!"));

    for (who, text) in [(&ana, "Second"), (&bob, "Third"), (&bob, "Fourth")] {
        who.sends(&format!("/comment {text}"));
        who.expect_reply_containing("Thanks").await;
    }
    let notice = fede
        .expect_reply_containing("3 new comments in <b>Water access</b>")
        .await;
    // When the two notices reached Telegram: the second not before the interval was over
    // (the bot counts it from when Telegram accepted the first, a little after it arrived).
    let notices: Vec<_> = app
        .tg
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.chat_id() == Some(fede.id) && c.is_ok())
        .filter(|c| {
            c.param_str("text")
                .is_some_and(|t| t.contains("new comment"))
        })
        .collect();
    assert_eq!(notices.len(), 2);
    assert!(
        notices[1].at.duration_since(notices[0].at) >= Duration::from_secs(2),
        "at most one notice per interval"
    );
    let text = notice.source_text.unwrap();
    assert!(
        text.contains("• Second") && text.contains("• Third") && text.contains("• Fourth"),
        "{text}"
    );
    fede.expect_silence(Duration::from_millis(500)).await;
}

#[tokio::test]
async fn a_linked_group_chat_gets_the_posts_and_its_replies_are_comments() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let chat = app.tg.add_group("Barrio Norte", false);

    // Only a facilitator of the group may link it.
    app.tg.send_text(ana.id, chat, "/link water-access");
    let refused = app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    assert!(
        refused[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("only the facilitators")
    );
    app.tg
        .send_text(fede.id, chat, "/link@coloop_test_bot water-access");
    let linked = app.tg.wait_for_messages(chat, 2, PATIENCE).await.unwrap();
    assert_eq!(
        linked[1].source_text,
        Some(english().linked("Water access", false))
    );

    let (_, control) = fede
        .previews("/outcome water-access Session 4\nPipes ordered.", 1)
        .await;
    assert!(
        control
            .source_text
            .as_deref()
            .unwrap()
            .contains("1 person and 1 linked group chat")
    );
    fede.presses(&control, "Send").await;
    ana.next_reply().await;
    let in_chat = app.tg.wait_for_messages(chat, 3, PATIENCE).await.unwrap();
    let post = in_chat[2].clone();
    assert!(post.source_text.as_deref().unwrap().contains("Session 4"));
    app.outbox_drained(PATIENCE).await;

    // Ana (who agreed in private) replies in the group: her comment, on that post.
    let reply = app
        .tg
        .send_reply(ana.id, chat, "When do they arrive?", post.message_id);
    let thanks = app.tg.wait_for_messages(chat, 4, PATIENCE).await.unwrap();
    assert!(
        thanks[3]
            .source_text
            .as_deref()
            .unwrap()
            .contains("Thanks, Ana — shared with the <b>Water access</b>")
    );
    assert_eq!(
        thanks[3].reply_to_message_id,
        Some(reply.message_id),
        "answered as a reply"
    );
    let stored = comments(&app, "water-access", None).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].author.as_deref(), Some("Ana"));
    assert_eq!(stored[0].post.as_ref().unwrap().1, "Session 4");

    // Someone who never agreed is asked to, in private; nothing is stored.
    let stranger = app.tg.add_user("Sol", None, None);
    app.tg
        .send_reply(stranger, chat, "Me too!", post.message_id);
    let asked = app.tg.wait_for_messages(chat, 5, PATIENCE).await.unwrap();
    let text = asked[4].source_text.clone().unwrap();
    assert!(
        text.contains("Thanks, Sol!")
            && text.contains(&format!("?start={}", water.member_code.as_str())),
        "{text}"
    );
    assert_eq!(app.store.count_comments().await.unwrap(), 1);
    assert!(
        app.store
            .person_by_telegram(coloop_core::domain::TelegramId::new(stranger))
            .await
            .unwrap()
            .is_none()
    );

    // Unlinked: the next post stays out of the chat.
    app.tg.send_text(fede.id, chat, "/unlink");
    let unlinked = app.tg.wait_for_messages(chat, 6, PATIENCE).await.unwrap();
    assert_eq!(unlinked[5].source_text, Some(english().unlinked()));
    let (_, control) = fede
        .previews("/outcome water-access Session 5\nMore pipes.", 1)
        .await;
    fede.presses(&control, "Send").await;
    ana.next_reply().await;
    app.outbox_drained(PATIENCE).await;
    assert_eq!(app.tg.messages_in(chat).len(), 6);
}

#[tokio::test]
async fn a_chat_linked_in_a_forum_topic_gets_posts_in_that_topic() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let forum = app.tg.add_group("Barrio forum", true);
    let topic = app.tg.add_topic(forum, fede.id, "Water");
    app.tg
        .send_text_in_topic(fede.id, forum, topic, "/link water-access");
    let linked = app.tg.wait_for_messages(forum, 1, PATIENCE).await.unwrap();
    assert!(
        linked[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("in this topic")
    );
    let (_, control) = fede
        .previews("/outcome water-access Session 4\nPipes ordered.", 1)
        .await;
    fede.presses(&control, "Send").await;
    let posted = app.tg.wait_for_messages(forum, 2, PATIENCE).await.unwrap();
    assert_eq!(posted[1].message_thread_id, Some(topic));
}

#[tokio::test]
async fn a_reply_inside_a_linked_forum_topic_is_a_comment_and_is_answered_there() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let forum = app.tg.add_group("Barrio forum", true);
    let topic = app.tg.add_topic(forum, fede.id, "Water");
    let other_topic = app.tg.add_topic(forum, fede.id, "Chatter");
    app.tg
        .send_text_in_topic(fede.id, forum, topic, "/link water-access");
    let linked = app.tg.wait_for_messages(forum, 1, PATIENCE).await.unwrap();
    assert_eq!(
        linked[0].source_text,
        Some(english().linked("Water access", true))
    );
    assert_eq!(
        linked[0].message_thread_id,
        Some(topic),
        "answered in the topic it was asked in"
    );
    let post = push(
        &app,
        &fede,
        &ana,
        "/outcome water-access Session 4\nPipes ordered.",
    )
    .await;
    assert!(post.source_text.unwrap().contains("Session 4"));
    let in_forum = app.tg.wait_for_messages(forum, 2, PATIENCE).await.unwrap();
    let posted = in_forum[1].clone();
    assert_eq!(posted.message_thread_id, Some(topic));

    // Talk in the topic replies (for Telegram) to the topic's first message: not a comment.
    app.tg
        .send_text_in_topic(ana.id, forum, topic, "Anyone for tea?");
    app.tg
        .send_text_in_topic(ana.id, forum, other_topic, "Off topic");
    // Ana's reply to the post, inside the topic: her comment on it, thanked in the topic.
    let reply = app
        .tg
        .send_reply(ana.id, forum, "When do they arrive?", posted.message_id);
    let answered = app.tg.wait_for_messages(forum, 3, PATIENCE).await.unwrap();
    let thanks = &answered[2];
    assert_eq!(
        thanks.source_text,
        Some(english().group_comment_thanks("Ana", "Water access"))
    );
    assert_eq!(thanks.reply_to_message_id, Some(reply.message_id));
    assert_eq!(thanks.message_thread_id, Some(topic));
    let stored = comments(&app, "water-access", None).await;
    assert_eq!(stored.len(), 1, "only the reply is a comment");
    assert_eq!(stored[0].body.as_deref(), Some("When do they arrive?"));
    assert_eq!(stored[0].post.as_ref().unwrap().1, "Session 4");
    assert_eq!(app.tg.messages_in(forum).len(), 3);
}

#[tokio::test]
async fn you_said_we_did_reaches_exactly_the_commenters_of_the_answered_post() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    let cleo = app.member_of("Cleo", &water).await;

    let asked = push(
        &app,
        &fede,
        &ana,
        "/ask water-access Where should the first tank go?",
    )
    .await;
    bob.next_reply().await;
    cleo.next_reply().await;
    ana.replies_to(&asked, "Next to the school");
    ana.expect_reply_containing("Thanks").await;
    let question_id = app.store.list_comments(water.id, None, 1).await.unwrap()[0]
        .post
        .clone()
        .unwrap()
        .0;

    // A post in another group cannot be answered from here.
    fede.sends("/outcome water-access We chose\nanswers: 999\nThe school it is.");
    fede.expect_reply_containing("is not one of them").await;

    let (_, control) = fede
        .previews(&format!("/outcome water-access We chose the school\nanswers: {question_id}\nThe first tank goes next to the school."), 1)
        .await;
    assert!(
        control
            .source_text
            .as_deref()
            .unwrap()
            .contains("1 of them gave feedback"),
        "{:?}",
        control.source_text
    );
    fede.presses(&control, "Send").await;
    let to_ana = ana.expect_reply_containing("We chose the school").await;
    let to_bob = bob.expect_reply_containing("We chose the school").await;
    let to_cleo = cleo.expect_reply_containing("We chose the school").await;
    let note = "You gave feedback on “Where should the first tank go?”";
    assert!(
        to_ana.source_text.as_deref().unwrap().contains(note),
        "{:?}",
        to_ana.source_text
    );
    assert!(!to_bob.source_text.as_deref().unwrap().contains(note));
    assert!(!to_cleo.source_text.as_deref().unwrap().contains(note));
    // A reply to the noted post is a comment on it like any other.
    ana.replies_to(&to_ana, "Thank you!");
    ana.expect_reply_containing("as a reply to “We chose the school”")
        .await;
}
