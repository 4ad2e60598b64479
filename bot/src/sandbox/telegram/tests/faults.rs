//! Injected faults, recorded uploads, waiting and shutdown.

use super::*;

#[tokio::test]
async fn faults_surface_as_teloxide_errors() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let bob = user(&fake, "Bob", None, None);

    fake.inject(
        Fault::TooManyRequests { retry_after: 3 },
        Scope::method("sendMessage", 1),
    );
    let err = bot.send_message(ChatId(ana), "hi").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 3),
        "{err:?}"
    );

    fake.inject(
        Fault::Forbidden("Forbidden: bot was blocked by the user".into()),
        Scope::chat(ana, 2),
    );
    // Other chats and chat-less methods are not affected.
    bot.get_me().await.unwrap();
    bot.send_message(ChatId(bob), "hi").await.unwrap();
    for _ in 0..2 {
        let err = bot.send_message(ChatId(ana), "hi").await.unwrap_err();
        assert!(
            matches!(err, RequestError::Api(ApiError::BotBlocked)),
            "{err:?}"
        );
    }
    bot.send_message(ChatId(ana), "hi").await.unwrap();

    fake.inject(
        Fault::BadRequest("Bad Request: chat not found".into()),
        Scope::method_and_chat("sendDocument", ana, 1),
    );
    let err = bot
        .send_document(
            ChatId(ana),
            InputFile::memory(b"x".to_vec()).file_name("x.txt"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );

    fake.inject(
        Fault::Slow(Duration::from_millis(300)),
        Scope::method("getMe", 1),
    );
    let started = Instant::now();
    bot.get_me().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));

    // 5xx through raw HTTP (teloxide sleeps 10 s after a 5xx).
    fake.inject(Fault::ServerError(502), Scope::method("sendMessage", 1));
    let (status, body) = raw_post(
        &fake,
        &format!("bot{TOKEN}/sendMessage"),
        json!({"chat_id": ana, "text": "hi"}),
    )
    .await;
    assert_eq!(status, 502);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 502, "description": "Internal Server Error"})
    );

    // Raw 429 shape.
    fake.inject(Fault::TooManyRequests { retry_after: 7 }, Scope::any(1));
    let (status, body) = raw_post(&fake, &format!("bot{TOKEN}/getMe"), json!({})).await;
    assert_eq!(status, 429);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 429, "description": "Too Many Requests: retry after 7",
               "parameters": {"retry_after": 7}})
    );

    // Only the successful sends became messages; every call was recorded.
    assert_eq!(fake.messages_in(ana).len(), 1);
    assert_eq!(fake.messages_in(bob).len(), 1);
    let outcomes: Vec<_> = fake
        .calls_to("sendMessage")
        .iter()
        .filter(|c| c.chat_id() == Some(ana))
        .map(|c| c.outcome)
        .collect();
    assert_eq!(
        outcomes,
        vec![
            CallOutcome::Error(429),
            CallOutcome::Error(403),
            CallOutcome::Error(403),
            CallOutcome::Ok,
            CallOutcome::Error(502),
        ]
    );
}

#[tokio::test]
async fn uploads_are_recorded() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);

    let msg = bot
        .send_document(
            ChatId(ana),
            InputFile::memory(b"hello, file".to_vec()).file_name("notes.txt"),
        )
        .caption("<b>Your</b> notes")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard())
        .await
        .unwrap();
    let MessageKind::Common(common) = &msg.kind else {
        panic!()
    };
    let MediaKind::Document(doc) = &common.media_kind else {
        panic!("{msg:?}")
    };
    assert_eq!(doc.document.file_name.as_deref(), Some("notes.txt"));
    assert_eq!(doc.document.file.size, 11);
    assert_eq!(
        doc.document.mime_type.as_ref().unwrap().essence_str(),
        "text/plain"
    );
    assert_eq!(doc.caption.as_deref(), Some("Your notes"));

    let call = &fake.calls_to("sendDocument")[0];
    assert_eq!(call.chat_id(), Some(ana));
    assert_eq!(
        call.param_str("caption").as_deref(),
        Some("<b>Your</b> notes")
    );
    assert!(call.params["reply_markup"]["inline_keyboard"].is_array());

    // Re-send by file_id (multipart without a file part).
    bot.send_document(
        ChatId(ana),
        InputFile::file_id(doc.document.file.id.clone()),
    )
    .await
    .unwrap();
    let photo = bot
        .send_photo(ChatId(ana), InputFile::memory(vec![0xff, 0xd8, 1, 2, 3]))
        .await
        .unwrap();
    assert_eq!(photo.photo().unwrap().len(), 2);
    bot.send_voice(ChatId(ana), InputFile::memory(b"OggS..".to_vec()))
        .await
        .unwrap();

    let messages = fake.messages_in(ana);
    assert_eq!(messages.len(), 4);
    let d = messages[0].document.as_ref().unwrap();
    assert_eq!(d.bytes, b"hello, file");
    assert_eq!(d.file_name.as_deref(), Some("notes.txt"));
    assert_eq!(messages[0].caption.as_deref(), Some("Your notes"));
    assert_eq!(messages[0].button_data("Yes").as_deref(), Some("yes:1"));
    assert_eq!(messages[1].document.as_ref().unwrap().bytes, b"hello, file");
    assert_eq!(
        messages[2].photo.as_ref().unwrap().bytes,
        vec![0xff, 0xd8, 1, 2, 3]
    );
    assert_eq!(messages[3].kind, "voice");
    assert_eq!(messages[3].media.as_ref().unwrap().bytes, b"OggS..");

    // An empty upload and an unknown file id are refused.
    let err = bot
        .send_document(ChatId(ana), InputFile::memory(Vec::new()))
        .await
        .unwrap_err();
    assert!(matches!(err, RequestError::Api(_)), "{err:?}");
    let err = bot
        .send_document(ChatId(ana), InputFile::file_id("nope".into()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::WrongFileIdOrUrl)),
        "{err:?}"
    );

    // Captions can be edited; copy and forward make new messages.
    bot.edit_message_caption(ChatId(ana), MessageId(1))
        .caption("new")
        .await
        .unwrap();
    assert_eq!(fake.messages_in(ana)[0].caption.as_deref(), Some("new"));
    let copied = bot
        .copy_message(ChatId(ana), ChatId(ana), MessageId(1))
        .await
        .unwrap();
    assert_eq!(copied, MessageId(5));
    let user_msg = fake.send_text(ana, ana, "forward me");
    bot.forward_message(
        ChatId(ana),
        ChatId(ana),
        MessageId(user_msg.message_id as i32),
    )
    .await
    .unwrap();
    let messages = fake.messages_in(ana);
    assert_eq!(messages[4].document.as_ref().unwrap().bytes, b"hello, file");
    assert_eq!(messages[5].text.as_deref(), Some("forward me"));
}

#[tokio::test]
async fn waiting_and_shutdown() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);

    let nothing = fake
        .wait_for_messages(ana, 1, Duration::from_millis(50))
        .await;
    assert_eq!(nothing.unwrap_err().len(), 0);
    let later = tokio::spawn({
        let bot = bot.clone();
        async move {
            tokio::time::sleep(Duration::from_millis(100)).await;
            bot.send_message(ChatId(ana), "late").await.unwrap();
        }
    });
    let got = fake
        .wait_for_messages(ana, 1, Duration::from_secs(5))
        .await
        .unwrap();
    assert_eq!(got[0].text.as_deref(), Some("late"));
    later.await.unwrap();
    assert_eq!(
        fake.wait_for_call("sendMessage", 1, Duration::ZERO)
            .await
            .unwrap()
            .len(),
        1
    );
    assert!(
        fake.wait_for_call("getMe", 1, Duration::from_millis(20))
            .await
            .is_err()
    );

    // A pending long poll does not keep the server alive after the drop.
    let poll = tokio::spawn({
        let bot = bot.clone();
        async move { bot.get_updates().timeout(30).await }
    });
    tokio::time::sleep(Duration::from_millis(150)).await;
    let addr = fake.addr();
    let clone = fake.clone();
    drop(fake);
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_ok(),
        "a clone keeps it alive"
    );
    drop(clone);
    let result = tokio::time::timeout(Duration::from_secs(3), poll)
        .await
        .unwrap()
        .unwrap();
    assert!(result.map(|u| u.is_empty()).unwrap_or(true));
    let mut closed = false;
    for _ in 0..100 {
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert!(closed, "the server stopped listening");
}

#[tokio::test]
async fn a_sandbox_keeps_only_the_latest_calls() {
    let (fake, bot) = setup().await;
    fake.keep_calls(2);
    for _ in 0..5 {
        bot.get_me().await.unwrap();
    }
    assert_eq!(fake.calls().len(), 2);
    assert_eq!(fake.call_count("getMe"), 2);
}
