//! Updates in Telegram'\''s shapes, and getUpdates long polling.

use super::*;

#[tokio::test]
async fn updates_have_telegram_shapes() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", Some("Lima"), Some("pt-br"));
    let group = fake.add_group("Makers", true);

    fake.send_text(ana, ana, "/start@coloop_test_bot abc");
    let voice = fake.send_voice(ana, ana, 7);
    fake.send_photo(ana, ana, Some("look"));
    fake.send_sticker(ana, ana);
    fake.send_document(ana, ana, "a.txt", b"doc".to_vec(), None);
    let first = fake.send_text(ana, group, "hello group");
    fake.send_reply(ana, group, "a reply", first.message_id);
    let topic = fake.add_topic(group, ana, "Pipes");
    fake.send_text_in_topic(ana, group, topic, "in topic");
    let bot_msg = bot
        .send_message(ChatId(ana), "pick")
        .reply_markup(keyboard())
        .await
        .unwrap();
    let press = fake.press_button(ana, ana, bot_msg.id.0 as i64, "yes:1");
    assert_eq!(press.message_id, bot_msg.id.0 as i64);

    let updates = bot.get_updates().await.unwrap();
    assert_eq!(updates.len(), 9);
    let ids: Vec<i64> = updates.iter().map(|u| u.id.0 as i64).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(ids[1], voice.update_id);
    for u in &updates {
        assert!(
            !matches!(u.kind, UpdateKind::Error(_)),
            "unparsed update {u:?}"
        );
    }
    let UpdateKind::Message(m) = &updates[0].kind else {
        panic!()
    };
    assert_eq!(m.text(), Some("/start@coloop_test_bot abc"));
    assert_eq!(
        m.from.as_ref().unwrap().language_code.as_deref(),
        Some("pt-br")
    );
    assert_eq!(m.from.as_ref().unwrap().last_name.as_deref(), Some("Lima"));
    assert!(m.chat.is_private());
    assert_eq!(m.entities().unwrap()[0].length, 22);
    let UpdateKind::Message(m) = &updates[1].kind else {
        panic!()
    };
    assert_eq!(m.voice().unwrap().duration.seconds(), 7);
    assert_eq!(
        m.voice().unwrap().mime_type.as_ref().unwrap().essence_str(),
        "audio/ogg"
    );
    let UpdateKind::Message(m) = &updates[2].kind else {
        panic!()
    };
    assert_eq!(m.photo().unwrap().len(), 2);
    assert_eq!(m.caption(), Some("look"));
    let UpdateKind::Message(m) = &updates[3].kind else {
        panic!()
    };
    assert!(m.sticker().unwrap().is_static());
    let UpdateKind::Message(m) = &updates[4].kind else {
        panic!()
    };
    assert_eq!(m.document().unwrap().file_name.as_deref(), Some("a.txt"));
    let UpdateKind::Message(m) = &updates[5].kind else {
        panic!()
    };
    assert!(m.chat.is_supergroup());
    assert_eq!(m.chat.title(), Some("Makers"));
    assert_eq!(m.id, MessageId(1));
    let UpdateKind::Message(m) = &updates[6].kind else {
        panic!()
    };
    assert_eq!(m.reply_to_message().unwrap().text(), Some("hello group"));
    let UpdateKind::Message(m) = &updates[7].kind else {
        panic!()
    };
    assert_eq!(m.thread_id, Some(ThreadId(MessageId(topic as i32))));
    assert!(m.is_topic_message);
    // Inside a topic, Telegram makes the message a reply to the topic's creation message.
    let root = m.reply_to_message().expect("the topic's creation message");
    assert_eq!(root.id, MessageId(topic as i32));
    assert!(root.forum_topic_created().is_some(), "{root:?}");
    let UpdateKind::CallbackQuery(q) = &updates[8].kind else {
        panic!()
    };
    assert_eq!(q.data.as_deref(), Some("yes:1"));
    assert_eq!(q.regular_message().unwrap().id, bot_msg.id);
    assert_eq!(
        q.regular_message()
            .unwrap()
            .reply_markup()
            .unwrap()
            .inline_keyboard
            .len(),
        1
    );

    // Voice bytes can be downloaded through getFile.
    let UpdateKind::Message(m) = &updates[1].kind else {
        panic!()
    };
    let file = bot
        .get_file(m.voice().unwrap().file.id.clone())
        .await
        .unwrap();
    let mut bytes = Vec::new();
    bot.download_file(&file.path, &mut bytes).await.unwrap();
    assert!(bytes.starts_with(b"OggS"));
    assert_eq!(Some(bytes), fake.file_bytes(&m.voice().unwrap().file.id.0));

    // Answer the button press once; a second answer or an unknown id fails.
    bot.answer_callback_query(q.id.clone())
        .text("Done")
        .await
        .unwrap();
    // (Telegram writes "query ID", teloxide 0.17 expects "query id": Unknown.)
    let err = bot.answer_callback_query(q.id.clone()).await.unwrap_err();
    assert!(
        matches!(&err, RequestError::Api(ApiError::Unknown(d)) if d.contains("query ID is invalid")),
        "{err:?}"
    );
    assert_eq!(
        fake.callback_answers(),
        vec![CallbackAnswer {
            callback_query_id: q.id.0.clone(),
            text: Some("Done".into()),
            show_alert: false,
            url: None,
        }]
    );

    // push_raw_update assigns an id.
    let id = fake.push_raw_update(json!({"edited_message": m}));
    assert!(id > ids[8]);
}

#[tokio::test]
async fn get_updates_polling_semantics() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let a = fake.send_text(ana, ana, "one");
    let b = fake.send_text(ana, ana, "two");
    assert_eq!(fake.pending_updates(), 2);

    // Unconfirmed updates come again.
    assert_eq!(bot.get_updates().await.unwrap().len(), 2);
    let again = bot.get_updates().limit(1).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id.0 as i64, a.update_id);
    // offset confirms everything below it.
    let rest = bot
        .get_updates()
        .offset(a.update_id as i32 + 1)
        .await
        .unwrap();
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0].id.0 as i64, b.update_id);
    assert_eq!(fake.pending_updates(), 1);
    assert!(
        bot.get_updates()
            .offset(b.update_id as i32 + 1)
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(fake.pending_updates(), 0);

    // A long poll wakes as soon as an update is pushed.
    let poll = tokio::spawn({
        let bot = bot.clone();
        async move {
            bot.get_updates()
                .offset(b.update_id as i32 + 1)
                .timeout(10)
                .await
        }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = Instant::now();
    let c = fake.send_text(ana, ana, "three");
    let got = poll.await.unwrap().unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(got[0].id.0 as i64, c.update_id);

    // Redelivery: the same update again, even though the bot confirmed it.
    bot.get_updates()
        .offset(c.update_id as i32 + 1)
        .await
        .unwrap();
    fake.redeliver(a.update_id);
    assert_eq!(fake.pending_updates(), 1);
    let re = bot
        .get_updates()
        .offset(c.update_id as i32 + 1)
        .await
        .unwrap();
    assert_eq!(re.len(), 1);
    assert_eq!(re[0].id.0 as i64, a.update_id);
    let UpdateKind::Message(m) = &re[0].kind else {
        panic!()
    };
    assert_eq!(m.text(), Some("one"));
    assert!(
        bot.get_updates()
            .offset(c.update_id as i32 + 1)
            .await
            .unwrap()
            .is_empty()
    );

    // With nothing to deliver, a poll returns [] after its timeout.
    let started = Instant::now();
    let empty = bot
        .get_updates()
        .offset(c.update_id as i32 + 1)
        .timeout(1)
        .await
        .unwrap();
    assert!(empty.is_empty());
    assert!(started.elapsed() >= Duration::from_millis(950));

    // A second poller terminates the first one, as on Telegram.
    let first = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(10).await }
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let second = bot.get_updates().timeout(0).await;
    assert!(second.unwrap().is_empty());
    let err = first.await.unwrap().unwrap_err();
    assert!(
        matches!(
            err,
            RequestError::Api(ApiError::TerminatedByOtherGetUpdates)
        ),
        "{err:?}"
    );

    // allowed_updates filters kinds.
    fake.send_text(ana, ana, "text");
    let msg = bot
        .send_message(ChatId(ana), "btn")
        .reply_markup(keyboard())
        .await
        .unwrap();
    fake.press_button(ana, ana, msg.id.0 as i64, "yes:1");
    let only = bot
        .get_updates()
        .allowed_updates([teloxide::types::AllowedUpdate::CallbackQuery])
        .await
        .unwrap();
    assert_eq!(only.len(), 1);
    assert!(matches!(only[0].kind, UpdateKind::CallbackQuery(_)));
}
