//! Facilitators broadcast outcomes and prototypes: preview, Send, and the outbox delivers.

use std::time::Duration;

use coloop_core::delivery::Limits;
use coloop_core::domain::TelegramId;
use coloop_core::store::PostState;
use coloop_e2e::fake_api::{Fault, RateLimits, Scope};
use coloop_e2e::harness::{Options, PATIENCE, TestApp, test_limits};

const OUTCOME: &str = "/outcome water-access Session 3: rain tanks\ndate: 2026-11-20\nWe agreed on three rain tanks by the school.\n\nNext session: costs.";

#[tokio::test]
async fn an_outcome_reaches_every_member_of_the_group_and_nobody_else() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    let paused = app.member_of("Pia", &water).await;
    let blocked = app.member_of("Blas", &water).await;
    let hugo = app.member_of("Hugo", &housing).await;
    app.store
        .pause(paused.telegram_id(), chrono::Utc::now())
        .await
        .unwrap();
    app.store
        .mark_blocked(blocked.telegram_id(), chrono::Utc::now())
        .await
        .unwrap();

    let (preview, control) = fede.previews(OUTCOME, 1).await;
    let post_html = preview[0].source_text.clone().unwrap();
    assert!(
        post_html.contains("Session outcome · Water access"),
        "{post_html}"
    );
    assert!(
        post_html.contains("<b>Session 3: rain tanks</b>"),
        "{post_html}"
    );
    assert!(
        post_html.contains("Session of 20 November 2026"),
        "{post_html}"
    );
    assert!(
        post_html.contains("three rain tanks by the school.\n\nNext session: costs."),
        "{post_html}"
    );
    let control_text = control.source_text.clone().unwrap();
    assert!(
        control_text.contains("2 people"),
        "Ana and Bob (not the author): {control_text}"
    );
    assert_eq!(
        app.store.count_posts(PostState::Sent).await.unwrap(),
        0,
        "nothing sent before Send"
    );

    let toast = fede.presses(&control, "Send").await;
    assert_eq!(toast.as_deref(), Some("Sending…"));
    let queued = fede.edited_message(control.message_id).await;
    assert!(
        queued
            .source_text
            .as_deref()
            .unwrap()
            .contains("on its way to 2 people")
    );
    assert!(queued.buttons().is_empty());

    // Members get exactly the preview.
    for member in [&ana, &bob] {
        let got = member.next_reply().await;
        assert_eq!(got.source_text.as_deref(), Some(post_html.as_str()));
    }
    app.outbox_drained(PATIENCE).await;
    // The author saw it as the preview; outsiders, paused and blocked people get nothing (the
    // outbox is worked off: whatever it had to send is sent).
    for outsider in [&fede, &hugo, &paused, &blocked] {
        outsider.expect_nothing_unread();
    }
    assert_eq!(app.store.all_delivery_counts().await.unwrap().sent, 2);
}

#[tokio::test]
async fn a_prototype_shows_its_category_and_a_repost_updates_it() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;

    let (preview, control) = fede
        .previews(
            "/prototype water-access public-service Water kiosks\nTwo kiosks run by the council.",
            1,
        )
        .await;
    let html = preview[0].source_text.clone().unwrap();
    assert!(html.contains("Prototype · Water access"), "{html}");
    assert!(
        html.contains("Public-service action (services, policy, regulation) · status: <b>Idea</b>"),
        "{html}"
    );
    fede.presses(&control, "Send").await;
    assert_eq!(
        ana.next_reply().await.source_text.as_deref(),
        Some(html.as_str())
    );

    let (preview, control) = fede
        .previews(
            "/prototype water-access public_service water kiosks\nstatus: testing\nOpen 6–10 am from Monday.",
            1,
        )
        .await;
    assert!(
        preview[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("status: <b>Testing</b>")
    );
    fede.presses(&control, "Send").await;
    ana.expect_reply_containing("Open 6–10 am from Monday.")
        .await;

    let prototypes = app.store.prototypes_of(water.id).await.unwrap();
    assert_eq!(
        prototypes.len(),
        1,
        "same title, same prototype: {prototypes:?}"
    );
    assert_eq!(prototypes[0].2, "testing");
    assert_eq!(prototypes[0].3, "Open 6–10 am from Monday.");
    assert_eq!(
        app.store
            .prototype_history_len(water.id, "Water kiosks")
            .await
            .unwrap(),
        2
    );
}

#[tokio::test]
async fn wrong_role_unknown_group_and_bad_input_store_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let ana = app.member_of("Ana", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let fede = app.facilitator_of("Fede", &water).await;

    ana.sends(OUTCOME);
    ana.expect_reply_containing("only the facilitators of <code>water-access</code>")
        .await;
    olga.sends(OUTCOME);
    olga.expect_reply_containing("only the facilitators of <code>water-access</code>")
        .await;
    let carla = app.coordinator("Carla").await;
    carla.sends("/outcome no-such-group Title\nBody");
    carla
        .expect_reply_containing("no working group called <code>no-such-group</code>")
        .await;
    for (text, expected) in [
        (
            "/prototype water-access business Kiosks\nBody",
            "is not a category",
        ),
        (
            "/prototype water-access sme Kiosks\nstatus: finished\nBody",
            "is not a status",
        ),
        ("/outcome water-access\nBody", "needs more arguments"),
        (
            "/outcome water-access Title",
            "the summary on the lines after the command: it is empty",
        ),
        (
            "/outcome water-access Title\ndate: tomorrow\nBody",
            "is not a date",
        ),
    ] {
        fede.sends(text);
        fede.expect_reply_containing(expected).await;
    }
    assert_eq!(app.store.count_posts(PostState::Draft).await.unwrap(), 0);
    assert_eq!(app.store.count_posts(PostState::Sent).await.unwrap(), 0);
    assert_eq!(app.store.all_delivery_counts().await.unwrap().pending, 0);
}

#[tokio::test]
async fn send_twice_or_redelivered_sends_once_and_cancel_sends_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 5).await;

    let (_, control) = fede.previews(OUTCOME, 1).await;
    let data = control.button_data("Send").unwrap();
    let first = app
        .tg
        .press_button(fede.id, fede.id, control.message_id, &data);
    fede.edited_message(control.message_id).await;
    let toast = fede.presses_data(control.message_id, &data).await;
    assert_eq!(
        toast.as_deref(),
        Some("Already sent — it goes out only once.")
    );
    // Telegram refuses a second answer to the redelivered press.
    app.expect_refusal("answerCallbackQuery", "query is too old");
    let answers = app.tg.call_count("answerCallbackQuery");
    app.tg.redeliver(first.update_id);
    // Handled (answered again) before the outbox is looked at.
    app.tg
        .wait_for_attempts("answerCallbackQuery", answers + 1, PATIENCE)
        .await
        .expect("the redelivered press is handled");
    app.outbox_drained(PATIENCE).await;
    let counts = app.store.all_delivery_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (members.len() as i64, 0));
    for member in &members {
        assert_eq!(app.tg.messages_in(*member).len(), 1, "member {member}");
    }
    assert_eq!(app.store.count_posts(PostState::Sent).await.unwrap(), 1);

    let (_, control) = fede
        .previews("/outcome water-access Never mind\nA draft.", 1)
        .await;
    fede.presses(&control, "Cancel").await;
    let cancelled = fede.edited_message(control.message_id).await;
    assert!(cancelled.source_text.unwrap().contains("nothing was sent"));
    // Send on a cancelled draft (a stale button) does nothing.
    let toast = fede
        .presses_data(control.message_id, &control.button_data("Send").unwrap())
        .await;
    assert_eq!(toast.as_deref(), Some("This draft was cancelled."));
    // The press is answered once it is handled: nothing was queued.
    let counts = app.store.all_delivery_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (members.len() as i64, 0));
    for member in &members {
        assert_eq!(app.tg.messages_in(*member).len(), 1);
    }
    assert_eq!(
        app.store.count_posts(PostState::Cancelled).await.unwrap(),
        1
    );
}

#[tokio::test]
async fn a_redelivered_outcome_command_makes_one_draft() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 2).await;
    let sent = fede.sends(OUTCOME);
    fede.next_reply().await;
    let first = fede.next_reply().await;
    app.tg.redeliver(sent.update_id);
    fede.next_reply().await;
    let second = fede.next_reply().await;
    assert_eq!(
        first.button_data("Send"),
        second.button_data("Send"),
        "the same draft"
    );
    fede.presses(&first, "Send").await;
    fede.presses(&second, "Send").await;
    app.outbox_drained(PATIENCE).await;
    for member in &members {
        assert_eq!(app.tg.messages_in(*member).len(), 1);
    }
}

#[tokio::test]
async fn a_long_summary_is_split_into_numbered_parts_in_order() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let paragraph = "Families told us that water <arrives> late & unevenly. ".repeat(12);
    let body = [paragraph.trim(); 6].join("\n\n");
    assert!(body.chars().count() < 4096 && body.chars().count() > 3500);
    let (preview, control) = fede
        .previews(
            &format!("/outcome water-access Listening report\n{body}"),
            2,
        )
        .await;
    assert!(
        preview[0]
            .source_text
            .as_deref()
            .unwrap()
            .starts_with("<i>(1/2)</i>")
    );
    assert!(
        preview[1]
            .source_text
            .as_deref()
            .unwrap()
            .starts_with("<i>(2/2)</i>")
    );
    fede.presses(&control, "Send").await;
    let first = ana.next_reply().await;
    let second = ana.next_reply().await;
    assert_eq!(first.source_text, preview[0].source_text);
    assert_eq!(second.source_text, preview[1].source_text);
    // Escaped, so the fake's HTML check accepted it, and Telegram shows the text as typed.
    assert!(
        first
            .text
            .as_deref()
            .unwrap()
            .contains("water <arrives> late & unevenly")
    );
}

#[tokio::test]
async fn status_shows_delivery_counts() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 3).await;
    app.tg.inject(
        Fault::Forbidden("Forbidden: bot was blocked by the user".into()),
        Scope::chat(members[0], 10),
    );
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;
    app.outbox_drained(PATIENCE).await;
    let status = fede.says("/status").await.source_text.unwrap();
    assert!(status.contains("Session 3: rain tanks"), "{status}");
    assert!(
        status.contains("✅ 2 sent · ⏳ 0 pending · ⚠️ 0 failed · 🚫 1 blocked"),
        "{status}"
    );
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/status water-access");
    ana.expect_reply_containing("only the facilitators").await;
}

#[tokio::test]
async fn flood_control_is_waited_out_and_everyone_gets_the_post() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 6).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    // A storm: the next three sends are refused with retry_after 1 s.
    app.tg.inject(
        Fault::TooManyRequests { retry_after: 1 },
        Scope::method("sendMessage", 3),
    );
    fede.presses(&control, "Send").await;
    app.outbox_drained(PATIENCE).await;
    for member in &members {
        assert_eq!(app.tg.messages_in(*member).len(), 1);
    }
    let sends = app.tg.calls_to("sendMessage");
    let refusals: Vec<_> = sends.iter().filter(|c| !c.is_ok()).collect();
    assert_eq!(refusals.len(), 3);
    for refusal in &refusals {
        let during_wait = sends.iter().filter(|c| {
            c.at > refusal.at && c.at.duration_since(refusal.at) < Duration::from_millis(990)
        });
        assert_eq!(
            during_wait.count(),
            0,
            "nothing may be sent during retry_after"
        );
    }
}

#[tokio::test]
async fn server_errors_are_retried_and_a_blocked_member_is_marked() {
    // A delivery failing alone is retried until it is this old, then failed (issue #16).
    let give_up_after = Duration::from_secs(2);
    let (app, _) = TestApp::spawn_with(Options {
        limits: Some(Limits {
            give_up_after,
            ..test_limits()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 4).await;
    let (flaky, gone, broken) = (members[0], members[1], members[2]);
    app.tg.inject(
        Fault::ServerError(502),
        Scope::method_and_chat("sendMessage", flaky, 1),
    );
    app.tg.inject(
        Fault::Forbidden("Forbidden: bot was blocked by the user".into()),
        Scope::method_and_chat("sendMessage", gone, 1),
    );
    app.tg.inject(
        Fault::ServerError(500),
        Scope::method_and_chat("sendMessage", broken, 100),
    );
    let (_, control) = fede.previews(OUTCOME, 1).await;
    let sent = std::time::Instant::now();
    fede.presses(&control, "Send").await;
    app.outbox_drained(PATIENCE).await;
    assert!(sent.elapsed() >= give_up_after, "failed by age, not before");

    assert_eq!(app.tg.messages_in(flaky).len(), 1, "retried after the 502");
    assert_eq!(app.tg.messages_in(members[3]).len(), 1);
    assert!(app.tg.messages_in(gone).is_empty());
    assert!(app.store.is_blocked(TelegramId::new(gone)).await.unwrap());
    let to_broken = app
        .tg
        .calls_to("sendMessage")
        .iter()
        .filter(|c| c.chat_id() == Some(broken))
        .count();
    // Backing off from 200 ms (capped at 2 s) for 2 s: 0, 0.2, 0.6, 1.4, then past 2 s (fewer
    // on a busy machine, where each try takes longer).
    assert!((2..=8).contains(&to_broken), "{to_broken} tries");
    let counts = app.store.all_delivery_counts().await.unwrap();
    assert_eq!(
        (counts.sent, counts.failed, counts.blocked, counts.pending),
        (2, 1, 1, 0)
    );

    // The blocked member is left out of the next broadcast.
    let (_, control) = fede
        .previews("/outcome water-access Second\nMore.", 1)
        .await;
    assert!(
        control.source_text.unwrap().contains("3 people"),
        "not the author, not the blocked one"
    );
}

#[tokio::test]
async fn a_crash_mid_broadcast_loses_nothing_and_doubles_at_most_the_message_in_flight() {
    let (app, _) = TestApp::spawn_with(Options {
        limits: Some(Limits {
            global_per_second: 100,
            ..test_limits()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 220).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;

    let received = |tg: &coloop_e2e::fake_api::FakeTelegram| -> usize {
        members.iter().map(|m| tg.messages_in(*m).len()).sum()
    };
    assert!(
        app.tg.wait_until(PATIENCE, |tg| received(tg) >= 80).await,
        "the broadcast started"
    );
    app.crash();
    let at_crash = received(&app.tg);
    assert!(
        at_crash < members.len(),
        "crashed halfway ({at_crash} of {})",
        members.len()
    );
    app.restart().await;
    app.outbox_drained(PATIENCE * 2).await;
    let mut doubled = 0;
    for member in &members {
        match app.tg.messages_in(*member).len() {
            1 => {}
            2 => doubled += 1,
            n => panic!("member {member} got {n} messages"),
        }
    }
    assert!(
        doubled <= 1,
        "{doubled} members got the post twice; only the one in flight may"
    );
    let counts = app.store.all_delivery_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (members.len() as i64, 0));
}

#[tokio::test]
async fn a_300_member_broadcast_stays_under_telegrams_limits() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 300).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    // From here on the fake answers 429 like Telegram whenever a limit is exceeded (the
    // preview's quick replies to Fede came before: Telegram tolerates such short bursts).
    app.tg.enforce_rate_limits(RateLimits::default());
    fede.presses(&control, "Send").await;
    // 300 messages at 30/s: about 10 s.
    app.outbox_drained(Duration::from_secs(30)).await;
    // The limits are measured where the sends arrive, so a loaded machine that holds a few
    // back and lets them go together may earn a 429 however well the worker paces itself
    // (Telegram would measure the same way). A worker that did not pace itself would be
    // refused hundreds of times: a handful at most shows the pacing.
    let refused = app.tg.rate_limited_calls();
    assert!(
        refused <= 5,
        "the worker paces itself under the limits: {refused} refused"
    );
    for member in &members {
        assert_eq!(app.tg.messages_in(*member).len(), 1);
    }
}

#[tokio::test]
async fn posts_to_a_linked_group_chat_are_at_least_3_s_apart() {
    // Telegram allows 20 messages a minute in one group: the worker spaces them 3 s or more.
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let chat = app.tg.add_group("Barrio Norte", false);
    app.tg.send_text(fede.id, chat, "/link water-access");
    app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    for session in 1..=3 {
        let (_, control) = fede
            .previews(
                &format!("/outcome water-access Session {session}\nNotes."),
                1,
            )
            .await;
        fede.presses(&control, "Send").await;
    }
    app.outbox_drained(Duration::from_secs(30)).await;
    let posts: Vec<_> = app
        .tg
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.chat_id() == Some(chat) && c.is_ok())
        .filter(|c| {
            c.param_str("text")
                .is_some_and(|t| t.contains("Session outcome"))
        })
        .collect();
    assert_eq!(posts.len(), 3);
    // Measured where they arrive: the worker starts them 3.1 s apart, and a loaded machine
    // may hold one back a little on the way.
    for pair in posts.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(gap >= Duration::from_millis(2_900), "posts {gap:?} apart");
    }
}
