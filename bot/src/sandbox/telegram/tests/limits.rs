//! Flood control: the limiter alone and over HTTP.

use super::*;

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
    use super::super::rate::RateLimiter;
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
    use super::super::rate::Window;
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
