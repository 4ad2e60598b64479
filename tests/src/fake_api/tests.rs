//! The fake driven over HTTP by a real teloxide client (and raw reqwest where
//! teloxide would get in the way).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MediaKind,
    MessageId, MessageKind, ParseMode, ReplyParameters, ThreadId, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use super::*;

const TOKEN: &str = "123456:TEST-token_abc";

async fn setup() -> (FakeTelegram, Bot) {
    let fake = FakeTelegram::start(TOKEN, "coloop_test_bot").await;
    let bot = Bot::new(TOKEN).set_api_url(fake.api_url().parse().unwrap());
    (fake, bot)
}

/// A person who has started the bot (so it may write to them).
fn user(fake: &FakeTelegram, first: &str, last: Option<&str>, language: Option<&str>) -> i64 {
    let id = fake.add_user(first, last, language);
    fake.user_started_bot(id);
    id
}

fn keyboard() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback("Yes, please", "yes:1"),
        InlineKeyboardButton::url("Site", "https://example.org/".parse().unwrap()),
    ]])
}

async fn raw_post(fake: &FakeTelegram, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", fake.api_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}

#[tokio::test]
async fn get_me_and_bot_settings() {
    let (fake, bot) = setup().await;
    let me = bot.get_me().await.unwrap();
    assert_eq!(me.id.0 as i64, fake.bot_id());
    assert_eq!(me.username(), "coloop_test_bot");
    assert!(me.is_bot && me.can_join_groups && !me.can_read_all_group_messages);
    assert_eq!(me.first_name, "coloop");

    bot.delete_webhook().await.unwrap();
    let info = bot.get_webhook_info().await.unwrap();
    assert_eq!(info.url, None);
    assert_eq!(info.pending_update_count, 0);
    bot.set_my_commands([
        BotCommand::new("start", "Start"),
        BotCommand::new("help", "Help"),
    ])
    .await
    .unwrap();
    let commands = bot.get_my_commands().await.unwrap();
    assert_eq!(commands.len(), 2);
    assert_eq!(commands[1].command, "help");
    assert_eq!(fake.commands()[0]["command"], "start");

    let user = user(&fake, "Ana", Some("Lima"), Some("pt"));
    let chat = bot.get_chat(ChatId(user)).await.unwrap();
    assert_eq!(chat.first_name(), Some("Ana"));
    let group = fake.add_group("Makers", true);
    assert!(group < -1_000_000_000_000);
    let chat = bot.get_chat(ChatId(group)).await.unwrap();
    assert_eq!(chat.title(), Some("Makers"));
}

#[tokio::test]
async fn wrong_token_and_unknown_method() {
    let (fake, _bot) = setup().await;
    let (status, body) = raw_post(&fake, "botWRONG:token/getMe", json!({})).await;
    assert_eq!(status, 401);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 401, "description": "Unauthorized"})
    );
    let (status, body) = raw_post(&fake, &format!("bot{TOKEN}/sendTelepathy"), json!({})).await;
    assert_eq!(status, 404);
    assert_eq!(
        body,
        json!({"ok": false, "error_code": 404, "description": "Not Found: method not found"})
    );
    let (status, body) = raw_post(&fake, &format!("bot{TOKEN}/getMe"), json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["ok"], true);
    assert_eq!(body["result"]["has_main_web_app"], false);
    assert_eq!(fake.calls().len(), 3);
    assert_eq!(fake.calls()[0].outcome, CallOutcome::Error(401));
}

#[tokio::test]
async fn send_message_with_keyboard_reply_and_edits() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, Some("en"));

    let msg = bot
        .send_message(ChatId(ana), "<b>Hi</b> &amp; <i>welcome</i>")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard())
        .await
        .unwrap();
    assert_eq!(msg.id, MessageId(1));
    assert_eq!(msg.text(), Some("Hi & welcome"));
    assert_eq!(msg.entities().unwrap().len(), 2);
    assert_eq!(msg.reply_markup().unwrap().inline_keyboard[0].len(), 2);
    assert_eq!(msg.from.as_ref().unwrap().id.0 as i64, BOT_ID);

    // User and bot messages share one counter per chat.
    let sent = fake.send_text(ana, ana, "hello");
    assert_eq!(sent.message_id, 2);
    let reply = bot
        .send_message(ChatId(ana), "plain")
        .reply_parameters(ReplyParameters::new(MessageId(2)))
        .await
        .unwrap();
    assert_eq!(reply.id, MessageId(3));
    assert_eq!(reply.reply_to_message().unwrap().text(), Some("hello"));

    let messages = fake.messages_in(ana);
    assert_eq!(messages.len(), 2);
    assert_eq!(messages[0].text.as_deref(), Some("Hi & welcome"));
    assert_eq!(
        messages[0].source_text.as_deref(),
        Some("<b>Hi</b> &amp; <i>welcome</i>")
    );
    assert_eq!(messages[0].parse_mode.as_deref(), Some("HTML"));
    assert_eq!(
        messages[0].buttons(),
        vec![
            ("Yes, please".to_owned(), Some("yes:1".to_owned()), None),
            (
                "Site".to_owned(),
                None,
                Some("https://example.org/".to_owned())
            ),
        ]
    );
    assert_eq!(messages[0].button_data("Yes").as_deref(), Some("yes:1"));
    assert_eq!(messages[1].reply_to_message_id, Some(2));

    // Editing to the same content is refused, like Telegram.
    let same = bot
        .edit_message_text(ChatId(ana), MessageId(1), "<b>Hi</b> &amp; <i>welcome</i>")
        .parse_mode(ParseMode::Html)
        .reply_markup(keyboard())
        .await;
    assert!(
        matches!(same, Err(RequestError::Api(ApiError::MessageNotModified))),
        "{same:?}"
    );
    // Same text, no markup: the keyboard goes away.
    let edited = bot
        .edit_message_text(ChatId(ana), MessageId(1), "<b>Hi</b> &amp; <i>welcome</i>")
        .parse_mode(ParseMode::Html)
        .await
        .unwrap();
    assert!(edited.reply_markup().is_none());
    bot.edit_message_reply_markup(ChatId(ana), MessageId(1))
        .reply_markup(keyboard())
        .await
        .unwrap();
    let again = bot
        .edit_message_reply_markup(ChatId(ana), MessageId(1))
        .reply_markup(keyboard())
        .await;
    assert!(matches!(
        again,
        Err(RequestError::Api(ApiError::MessageNotModified))
    ));
    bot.edit_message_text(ChatId(ana), MessageId(1), "Bye")
        .await
        .unwrap();
    let first = &fake.messages_in(ana)[0];
    assert_eq!(first.text.as_deref(), Some("Bye"));
    assert_eq!(first.edits, 3);
    assert!(first.buttons().is_empty());
    assert!(first.raw.get("edit_date").is_some());

    // A user's message cannot be edited; a missing one is not found.
    let err = bot
        .edit_message_text(ChatId(ana), MessageId(2), "x")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageCantBeEdited)),
        "{err:?}"
    );
    let err = bot
        .edit_message_text(ChatId(ana), MessageId(99), "x")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToEditNotFound)),
        "{err:?}"
    );

    bot.delete_message(ChatId(ana), MessageId(3)).await.unwrap();
    assert!(fake.messages_in(ana)[1].deleted);
    let err = bot
        .delete_message(ChatId(ana), MessageId(3))
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToDeleteNotFound)),
        "{err:?}"
    );
}

#[tokio::test]
async fn message_validation() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);

    let err = bot.send_message(ChatId(424242), "hi").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ChatNotFound)),
        "{err:?}"
    );
    let err = bot.send_message(ChatId(ana), "  ").await.unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageTextIsEmpty)),
        "{err:?}"
    );
    let err = bot
        .send_message(ChatId(ana), "x".repeat(4097))
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageIsTooLong)),
        "{err:?}"
    );
    bot.send_message(ChatId(ana), "é".repeat(4096))
        .await
        .unwrap();

    // Unescaped user text in HTML.
    for bad in ["Tom & Jerry", "1 < 2", "<b>bold", "<script>x</script>"] {
        let err = bot
            .send_message(ChatId(ana), bad)
            .parse_mode(ParseMode::Html)
            .await
            .unwrap_err();
        match err {
            RequestError::Api(ApiError::CantParseEntities(d)) => {
                assert!(d.starts_with("Bad Request: can't parse entities: "), "{d}")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    // The same text without parse_mode is fine.
    bot.send_message(ChatId(ana), "Tom & Jerry <3")
        .await
        .unwrap();

    let long_data =
        InlineKeyboardMarkup::new([[InlineKeyboardButton::callback("x", "d".repeat(65))]]);
    let err = bot
        .send_message(ChatId(ana), "hi")
        .reply_markup(long_data)
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::ButtonDataInvalid)),
        "{err:?}"
    );
    let err = bot
        .send_message(ChatId(ana), "hi")
        .reply_parameters(ReplyParameters::new(MessageId(77)))
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::Api(ApiError::MessageToReplyNotFound)),
        "{err:?}"
    );

    bot.send_message(ChatId(ana), "Your name?")
        .reply_markup(ForceReply::new())
        .await
        .unwrap();
    let asked = fake.last_message_in(ana).unwrap();
    assert!(asked.is_force_reply() && asked.raw.get("reply_markup").is_none());

    assert_eq!(fake.messages_in(ana).len(), 3);
    let outcomes: Vec<_> = fake
        .calls_to("sendMessage")
        .iter()
        .map(|c| c.outcome)
        .collect();
    assert_eq!(
        outcomes.iter().filter(|o| **o == CallOutcome::Ok).count(),
        3
    );
    assert!(outcomes.contains(&CallOutcome::Error(400)));
}

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

// ---- rate limits ----

fn limits(global: u32, private_ms: u64, group: u32) -> RateLimits {
    RateLimits {
        global_per_second: global,
        private_chat_interval: Duration::from_millis(private_ms),
        group_chats_per_minute: group,
    }
}

fn retry_after(body: &Value) -> u64 {
    body["parameters"]["retry_after"].as_u64().unwrap()
}

#[test]
fn the_limiter_on_made_up_instants() {
    use super::rate::RateLimiter;
    let base = Instant::now();
    let ms = |n: u64| base + Duration::from_millis(n);

    // 30 a second overall: the 31st within a second waits for the first to leave the window.
    let mut limiter = RateLimiter::new(limits(30, 1000, 20));
    for i in 0..30 {
        assert_eq!(
            limiter.admit(Some(1_000 + i as i64), ms(i * 10)),
            Ok(()),
            "{i}"
        );
    }
    assert_eq!(limiter.admit(Some(2_000), ms(500)), Err(1));
    assert_eq!(
        limiter.admit(None, ms(999)),
        Err(1),
        "chat-less calls count too"
    );
    assert_eq!(limiter.admit(Some(2_000), ms(1_000)), Ok(()));
    assert_eq!(limiter.admit(Some(2_001), ms(1_005)), Err(1));
    assert_eq!(limiter.admit(Some(2_001), ms(1_010)), Ok(()));

    // One a second to a private chat, whatever the others do; refused calls do not count.
    let mut limiter = RateLimiter::new(limits(u32::MAX, 1000, 20));
    assert_eq!(limiter.admit(Some(7), ms(0)), Ok(()));
    assert_eq!(limiter.admit(Some(7), ms(100)), Err(1));
    assert_eq!(limiter.admit(Some(8), ms(100)), Ok(()), "another chat");
    assert_eq!(limiter.admit(Some(7), ms(999)), Err(1));
    assert_eq!(
        limiter.admit(Some(7), ms(1_000)),
        Ok(()),
        "exactly the interval"
    );
    // retry_after is the remaining wait rounded up to whole seconds.
    let mut limiter = RateLimiter::new(limits(u32::MAX, 2_500, 20));
    assert_eq!(limiter.admit(Some(7), ms(0)), Ok(()));
    assert_eq!(limiter.admit(Some(7), ms(1)), Err(3));
    assert_eq!(limiter.admit(Some(7), ms(1_600)), Err(1));

    // 20 a minute to a group: the 21st waits until the first is a minute old.
    let mut limiter = RateLimiter::new(limits(u32::MAX, 0, 20));
    for i in 0..20 {
        assert_eq!(limiter.admit(Some(-100), ms(i * 1_000)), Ok(()), "{i}");
    }
    assert_eq!(limiter.admit(Some(-100), ms(20_000)), Err(40));
    assert_eq!(
        limiter.admit(Some(-200), ms(20_000)),
        Ok(()),
        "another group"
    );
    assert_eq!(limiter.admit(Some(-100), ms(59_999)), Err(1));
    assert_eq!(limiter.admit(Some(-100), ms(60_000)), Ok(()));
    assert_eq!(limiter.admit(Some(-100), ms(60_500)), Err(1));
}

#[tokio::test]
async fn rate_limits_over_http() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let bob = user(&fake, "Bob", None, None);
    // Not enforced before the call: this send is in no window.
    let first = bot.send_message(ChatId(ana), "before").await.unwrap();
    // A minute between two sends to a private chat: long enough that no test machine is
    // slow enough to let the second one through.
    fake.enforce_rate_limits(limits(u32::MAX, 60_000, 20));
    bot.send_message(ChatId(ana), "one").await.unwrap();
    let (status, body) = raw_post(
        &fake,
        &format!("bot{TOKEN}/sendMessage"),
        json!({"chat_id": ana, "text": "two"}),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    assert!((59..=60).contains(&retry_after(&body)), "{body}");
    assert_eq!(body["error_code"], 429);
    let n = retry_after(&body);
    assert_eq!(
        body["description"],
        format!("Too Many Requests: retry after {n}")
    );
    // teloxide sees the 429 as RetryAfter; edits count as sends, in the same chat's window.
    let err = bot
        .edit_message_text(ChatId(ana), first.id, "edited")
        .await
        .unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if (59..=60).contains(&s.seconds())),
        "{err:?}"
    );
    // Other chats and other methods are not held back.
    bot.send_message(ChatId(bob), "hi").await.unwrap();
    bot.get_me().await.unwrap();
    bot.send_chat_action(ChatId(ana), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    assert_eq!(fake.rate_limited_calls(), 2);
    let texts: Vec<_> = fake
        .messages_in(ana)
        .into_iter()
        .filter_map(|m| m.text)
        .collect();
    assert_eq!(texts, ["before", "one"]);
    // An injected 429 is not the limiter's, and is not a refusal the harness would flag.
    fake.inject(
        Fault::TooManyRequests { retry_after: 5 },
        Scope::method("sendMessage", 1),
    );
    let err = bot.send_message(ChatId(bob), "x").await.unwrap_err();
    assert!(
        matches!(err, RequestError::RetryAfter(s) if s.seconds() == 5),
        "{err:?}"
    );
    assert_eq!(fake.rate_limited_calls(), 2);
    let limited: Vec<_> = fake
        .calls()
        .into_iter()
        .filter(|c| c.outcome == CallOutcome::Error(429))
        .collect();
    assert_eq!(limited.len(), 3);
    assert_eq!(
        limited.iter().filter(|c| c.injected).count(),
        1,
        "{limited:?}"
    );
    assert_eq!(fake.refusals().len(), 2, "the limiter's 429s are refusals");
}

#[tokio::test]
async fn rate_limit_group_per_minute() {
    let (fake, bot) = setup().await;
    let ana = user(&fake, "Ana", None, None);
    let group = fake.add_group("Makers", false);
    let other = fake.add_group("Others", false);
    let original = fake.send_text(ana, group, "copy me").message_id;
    fake.enforce_rate_limits(limits(u32::MAX, 0, 20));

    // Every send method counts towards the group's window.
    for i in 0..17 {
        bot.send_message(ChatId(group), format!("m{i}"))
            .await
            .unwrap();
    }
    bot.send_photo(
        ChatId(group),
        InputFile::memory(b"\xff\xd8photo".to_vec()).file_name("p.jpg"),
    )
    .await
    .unwrap();
    bot.copy_message(ChatId(group), ChatId(group), MessageId(original as i32))
        .await
        .unwrap();
    bot.forward_message(ChatId(group), ChatId(group), MessageId(original as i32))
        .await
        .unwrap();
    assert_eq!(fake.rate_limited_calls(), 0);

    let err = bot
        .send_document(
            ChatId(group),
            InputFile::memory(b"x".to_vec()).file_name("x.txt"),
        )
        .await
        .unwrap_err();
    // The first of the 20 leaves the window a minute after it arrived.
    assert!(
        matches!(err, RequestError::RetryAfter(s) if (59..=60).contains(&s.seconds())),
        "{err:?}"
    );
    let (status, body) = raw_post(
        &fake,
        &format!("bot{TOKEN}/sendMessage"),
        json!({"chat_id": group, "text": "22nd"}),
    )
    .await;
    assert_eq!(status, 429, "{body}");
    assert!((59..=60).contains(&retry_after(&body)), "{body}");
    assert_eq!(fake.rate_limited_calls(), 2);
    assert_eq!(fake.messages_in(group).len(), 20);

    // Other chats and non-send methods are not affected.
    bot.send_message(ChatId(other), "hi").await.unwrap();
    bot.send_message(ChatId(ana), "hi").await.unwrap();
    bot.send_message(ChatId(ana), "again").await.unwrap();
    bot.send_chat_action(ChatId(group), teloxide::types::ChatAction::Typing)
        .await
        .unwrap();
    assert_eq!(fake.rate_limited_calls(), 2);
}

#[test]
fn rate_window_handles_out_of_order_instants() {
    use super::rate::Window;
    let base = Instant::now();
    let ms = |n: u64| base + Duration::from_millis(n);
    let second = Duration::from_secs(1);

    // Two per second, with sends already admitted at 700 ms and 1100 ms.
    let mut w = Window::default();
    w.insert(ms(1100));
    w.insert(ms(700));
    assert!(w.fits(ms(0), 2, second), "0, 700 | 1100 are 1100 ms apart");
    assert!(
        !w.fits(ms(300), 2, second),
        "300, 700, 1100 lie in one second"
    );
    assert_eq!(w.earliest(ms(300), 2, second), ms(1700));
    assert!(w.fits(ms(2100), 2, second));
    assert_eq!(w.earliest(ms(2100), 2, second), ms(2100));

    // One per 200 ms, the private chat rule: exactly the interval is fine.
    let mut p = Window::default();
    p.insert(ms(0));
    assert!(!p.fits(ms(100), 1, Duration::from_millis(200)));
    assert_eq!(p.earliest(ms(100), 1, Duration::from_millis(200)), ms(200));
    assert!(p.fits(ms(200), 1, Duration::from_millis(200)));

    // Pruning keeps only what a send at `now` can still collide with.
    w.prune(ms(1700), second);
    assert_eq!(w.len(), 1);
    w.prune(ms(2100), second);
    assert_eq!(w.len(), 0);
}

// ---- who the bot may write to ----

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
