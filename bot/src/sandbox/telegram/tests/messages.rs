//! getMe, tokens, sending and editing messages, and what Telegram refuses in them.

use super::*;

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
