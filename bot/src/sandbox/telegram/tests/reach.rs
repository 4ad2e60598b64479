//! Who the bot may write to, forum topics, and captions.

use super::*;

#[tokio::test]
async fn the_bot_writes_only_to_people_who_started_it_and_did_not_block_it() {
    let (fake, bot) = setup().await;
    let ana = fake.add_user("Ana", None, Some("en"));
    // Never started: Telegram's 403 (teloxide 0.17 expects another wording, so Unknown).
    let err = bot.send_message(ChatId(ana), "hi").await.unwrap_err();
    assert!(
        matches!(&err, RequestError::Api(ApiError::Unknown(d))
            if d == "Forbidden: bot can't initiate conversation with a user"),
        "{err:?}"
    );
    let err = bot
        .send_document(
            ChatId(ana),
            InputFile::memory(b"x".to_vec()).file_name("x.txt"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::Unknown(_))),
        "{err:?}"
    );
    assert_eq!(fake.calls()[0].outcome, CallOutcome::Error(403));
    assert!(fake.calls()[0].is_refusal());
    assert!(fake.messages_in(ana).is_empty());

    // Writing to the bot starts the chat.
    fake.send_text(ana, ana, "/start");
    bot.send_message(ChatId(ana), "welcome").await.unwrap();

    // Blocking: a my_chat_member update, then 403 for sends, edits and chat actions.
    let blocked = fake.block_bot(ana);
    let updates = bot.get_updates().await.unwrap();
    let last = updates.last().unwrap();
    assert_eq!(last.id.0 as i64, blocked);
    let UpdateKind::MyChatMember(m) = &last.kind else {
        panic!("{last:?}")
    };
    assert!(m.new_chat_member.is_banned(), "{m:?}");
    assert_eq!(m.chat.id, ChatId(ana));
    let err = bot
        .send_message(ChatId(ana), "still there?")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    let welcome = fake.messages_in(ana)[0].message_id;
    let err = bot
        .edit_message_text(ChatId(ana), MessageId(welcome as i32), "edited")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::BotBlocked)),
        "{err:?}"
    );
    // Writing to it again unblocks it (a my_chat_member update comes first).
    let offset = blocked as i32 + 1;
    fake.send_text(ana, ana, "I'm back");
    let updates = bot.get_updates().offset(offset).await.unwrap();
    assert_eq!(updates.len(), 2);
    let UpdateKind::MyChatMember(m) = &updates[0].kind else {
        panic!("{updates:?}")
    };
    assert!(m.new_chat_member.is_present() && !m.new_chat_member.is_banned());
    bot.send_message(ChatId(ana), "welcome back").await.unwrap();
    fake.block_bot(ana);
    fake.unblock_bot(ana);
    bot.send_message(ChatId(ana), "and again").await.unwrap();
    assert_eq!(fake.messages_in(ana).len(), 3);
    // Groups are not people: the bot writes there.
    let group = fake.add_group("Makers", false);
    bot.send_message(ChatId(group), "hello all").await.unwrap();
}

#[tokio::test]
async fn forum_topics_thread_ids_and_replies() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let forum = fake.add_group("Barrio forum", true);
    let plain = fake.add_group("Plain", false);
    let topic = fake.add_topic(forum, ana, "Water");

    // A thread that is not a topic is refused.
    let err = bot
        .send_message(ChatId(forum), "lost")
        .message_thread_id(ThreadId(MessageId(topic as i32 + 50)))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, RequestError::Api(ApiError::Unknown(d)) if d.contains("message thread not found")),
        "{err:?}"
    );
    // In a topic, a message that replies to nothing replies to the topic's creation message.
    let posted = bot
        .send_message(ChatId(forum), "in the topic")
        .message_thread_id(ThreadId(MessageId(topic as i32)))
        .await
        .unwrap();
    assert_eq!(posted.thread_id, Some(ThreadId(MessageId(topic as i32))));
    assert!(posted.is_topic_message);
    assert_eq!(
        posted.reply_to_message().map(|m| m.id),
        Some(MessageId(topic as i32))
    );
    let stored = fake.last_message_in(forum).unwrap();
    assert_eq!(stored.message_thread_id, Some(topic));
    assert_eq!(stored.reply_to_message_id, Some(topic));
    // A person's reply to it is in the topic, and replies to the post.
    let reply = fake.send_reply(ana, forum, "me too", posted.id.0 as i64);
    let json = fake.message_json(forum, reply.message_id).unwrap();
    assert_eq!(json["message_thread_id"], json!(topic));
    assert_eq!(json["is_topic_message"], json!(true));
    assert_eq!(json["reply_to_message"]["message_id"], posted.id.0);
    // So is the bot's answer to that reply, even without a thread id.
    let answer = bot
        .send_message(ChatId(forum), "thanks")
        .reply_parameters(ReplyParameters::new(MessageId(reply.message_id as i32)))
        .await
        .unwrap();
    assert_eq!(answer.thread_id, Some(ThreadId(MessageId(topic as i32))));
    // Outside forums a thread id is not about topics (Telegram ignores it here).
    let plain_post = bot
        .send_message(ChatId(plain), "hello")
        .message_thread_id(ThreadId(MessageId(77)))
        .await
        .unwrap();
    assert_eq!(plain_post.thread_id, None);
    // The General topic's messages are not topic messages.
    let general = fake.send_text(ana, forum, "in General");
    let json = fake.message_json(forum, general.message_id).unwrap();
    assert!(json.get("message_thread_id").is_none() && json.get("reply_to_message").is_none());
}

#[tokio::test]
async fn captions_over_1024_characters_are_refused_everywhere() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let long = "é".repeat(1025);
    let fits = "é".repeat(1024);
    let photo = || InputFile::memory(b"\xff\xd8photo".to_vec()).file_name("p.jpg");
    let too_long = |err: RequestError| {
        assert!(
            matches!(&err, RequestError::Api(ApiError::Unknown(d)) if d.contains("caption is too long")),
            "{err:?}"
        );
    };
    too_long(
        bot.send_photo(ChatId(ana), photo())
            .caption(long.clone())
            .await
            .unwrap_err(),
    );
    too_long(
        bot.send_document(
            ChatId(ana),
            InputFile::memory(b"x".to_vec()).file_name("x.txt"),
        )
        .caption(long.clone())
        .await
        .unwrap_err(),
    );
    // Markup does not count: 1024 characters once the HTML is parsed.
    let sent = bot
        .send_photo(ChatId(ana), photo())
        .caption(format!("<b>{fits}</b>"))
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    too_long(
        bot.edit_message_caption(ChatId(ana), sent.id)
            .caption(long.clone())
            .await
            .unwrap_err(),
    );
    too_long(
        bot.copy_message(ChatId(ana), ChatId(ana), sent.id)
            .caption(long)
            .await
            .unwrap_err(),
    );
    assert_eq!(fake.messages_in(ana).len(), 1);
}
