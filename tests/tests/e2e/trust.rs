//! Issue #20: privacy promises under attack, end to end — `/stop` honoured by every kind of
//! message the bot sends on its own.

use std::time::Duration;

use chrono::Utc;
use coloop_bot::tasks::digests::Scheduler;
use coloop_core::domain::TelegramId;
use coloop_core::schedule::Schedule;
use coloop_e2e::harness::{PATIENCE, TestApp};

#[tokio::test]
async fn scheduled_digests_skip_whoever_paused_or_blocked_the_bot() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let gina = app.facilitator_of("Gina", &water).await;
    // Coordinators who agreed to the consent text (here by joining a group as members).
    let roads = app.group("roads", "Roads").await;
    let carla = app.coordinator("Carla").await;
    carla.joins_with(roads.member_code.as_str()).await;
    let dora = app.coordinator("Dora").await;
    dora.joins_with(roads.member_code.as_str()).await;
    let ema = app.coordinator("Ema").await;
    ema.joins_with(roads.member_code.as_str()).await;
    // Fede pauses the group, Carla everything; Dora blocks the bot. Gina and Ema do nothing.
    fede.says("/stop water-access").await;
    carla.says("/stop").await;
    app.store
        .mark_blocked(TelegramId::new(dora.id), Utc::now())
        .await
        .unwrap();
    let before = |id: i64| app.tg.messages_in(id).len();
    let counts = [fede.id, gina.id, carla.id, dora.id, ema.id].map(before);
    let scheduler = Scheduler {
        bot: teloxide::Bot::new(coloop_e2e::harness::TOKEN)
            .set_api_url(app.tg.api_url().parse().unwrap()),
        store: app.store.clone(),
        coordinators: Vec::new(),
        i18n: std::sync::Arc::new(coloop_bot::texts::Catalogues::embedded().unwrap()),
        schedule: Schedule {
            weekday: chrono::Weekday::Mon,
            time: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            zone: coloop_core::zone::Zone::utc(),
        },
    };
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let sent = scheduler.send_due_at(Utc::now(), &stopped).await.unwrap();
    assert_eq!(sent, 2, "Gina's group digest and Ema's all-groups digest");
    let after = [fede.id, gina.id, carla.id, dora.id, ema.id].map(before);
    let got: Vec<bool> = after.iter().zip(counts).map(|(a, b)| *a > b).collect();
    assert_eq!(got, vec![false, true, false, false, true]);
    tokio::time::sleep(Duration::from_millis(50)).await;
}

/// Issue #20, item 3: the webhook secret is derived from the bot token, not kept in the
/// database — so a backup cannot be used to post forged updates.
#[tokio::test]
async fn the_webhook_secret_in_use_is_nowhere_in_a_backup() {
    use coloop_bot::config::OpsConfig;
    use coloop_bot::config::ops::WebhookConfig;
    let (app, _) = TestApp::spawn_with(coloop_e2e::harness::Options {
        ops: Some(OpsConfig {
            http_listen: Some("127.0.0.1:0".parse().unwrap()),
            webhook: Some(WebhookConfig {
                url: "https://coloop.example.org/telegram/hook".parse().unwrap(),
                secret: None,
            }),
            ..OpsConfig::default()
        }),
        ..Default::default()
    })
    .await;
    let (_, secret) = app.tg.webhook().expect("webhook set");
    let secret = secret.expect("a secret token");
    assert!(secret.len() >= 32);
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("backup.db");
    coloop_bot::ops::maintenance::backup(&app.database(), &copy)
        .await
        .expect("backup");
    let bytes = std::fs::read(&copy).unwrap();
    assert!(
        !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
        "the secret is in the backup"
    );
    assert_eq!(app.store.setting("webhook_secret").await.unwrap(), None);
}

/// Issue #20, item 6: in a linked group chat, only the group's members' replies are stored;
/// someone who belongs to another group only is told once (a day) in private. (Someone who
/// left or was removed is answered in the chat: the groups change's rule.)
#[tokio::test]
async fn replies_in_a_linked_chat_from_outside_the_group_are_not_stored() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let roads = app.group("roads", "Roads").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let rita = app.member_of("Rita", &roads).await;
    let chat = app.tg.add_group("Barrio Norte", false);
    app.tg.send_text(fede.id, chat, "/link water-access");
    app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    let (_, control) = fede
        .previews("/outcome water-access Session 4\nPipes ordered.", 1)
        .await;
    fede.presses(&control, "Send").await;
    ana.next_reply().await;
    let in_chat = app.tg.wait_for_messages(chat, 2, PATIENCE).await.unwrap();
    let post = in_chat[1].clone();
    app.outbox_drained(PATIENCE).await;

    let rita_before = app.tg.messages_in(rita.id).len();
    for n in 1..=2 {
        app.tg.send_reply(
            rita.id,
            chat,
            &format!("outsider reply {n}"),
            post.message_id,
        );
    }
    // A member's reply after hers: once it is thanked, hers were handled.
    app.tg
        .send_reply(ana.id, chat, "When do they arrive?", post.message_id);
    let thanked = app.tg.wait_for_messages(chat, 3, PATIENCE).await.unwrap();
    assert!(thanked[2].source_text.as_deref().unwrap().contains("Ana"));
    assert_eq!(app.store.count_comments().await.unwrap(), 1, "only Ana's");
    let note = app
        .tg
        .wait_for_messages(rita.id, rita_before + 1, PATIENCE)
        .await
        .unwrap();
    assert!(
        note.last()
            .unwrap()
            .source_text
            .as_deref()
            .unwrap()
            .contains("not a member")
    );
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        app.tg.messages_in(rita.id).len(),
        rita_before + 1,
        "told once a day"
    );
    assert_eq!(
        app.tg.messages_in(chat).len(),
        3,
        "nothing said in the chat"
    );
}

/// Issue #20, item 7: a stranger flooding the bot does not stall anyone else — no handler
/// waits out flood control in its lane, and every kind of update has a per-person limit.
#[tokio::test]
async fn a_strangers_flood_does_not_stall_a_members_survey_press() {
    use coloop_e2e::fake_api::RateLimits;
    use coloop_e2e::harness::{Options, test_comment_settings};
    // Production's per-person limit, not the tests' generous one.
    let (app, _) = TestApp::spawn_with(Options {
        comments: Some(coloop_bot::config::CommentSettings {
            update_burst: 100,
            ..test_comment_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let (_, control) = fede
        .previews(
            "/outcome water-access Session 3: rain tanks\nThree tanks.",
            1,
        )
        .await;
    fede.presses(&control, "Send").await;
    ana.expect_reply_containing("rain tanks").await;
    app.outbox_drained(PATIENCE).await;
    fede.sends("/survey water-access Tanks\nyesno: Would you help build it?");
    fede.next_reply().await;
    fede.expect_reply_containing("The whole survey").await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    let question = ana.expect_reply_containing("help build").await;
    app.outbox_drained(PATIENCE).await;

    app.tg.enforce_rate_limits(RateLimits::default());
    // The stranger's flood meets Telegram's flood control: those 429s are the point.
    app.expect_refusal("sendMessage", "Too Many Requests");
    assert_eq!(
        coloop_bot::config::CommentSettings::default().update_burst,
        100,
        "production's per-person burst"
    );
    let stranger = app.tg.add_user("Flood", None, Some("en"));
    for n in 0..300 {
        app.tg.send_text(stranger, stranger, &format!("spam {n}"));
    }
    let group_chat = app.tg.add_group("Elsewhere", false);
    for n in 0..20 {
        app.tg
            .send_text(stranger, group_chat, &format!("/help@coloop_test_bot {n}"));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let toast = ana.presses(&question, "Yes").await;
    let took = started.elapsed();
    assert!(toast.is_some());
    assert!(took < Duration::from_secs(2), "the press took {took:?}");
}

/// An outcome and a one-question survey sent to Ana; the question message in her chat and the
/// survey's number.
async fn survey_for<'a>(
    app: &TestApp,
    fede: &coloop_e2e::harness::Person<'a>,
    ana: &coloop_e2e::harness::Person<'a>,
    body: &str,
) -> (coloop_e2e::fake_api::BotMessage, i64) {
    let (_, control) = fede
        .previews(
            "/outcome water-access Session 3: rain tanks\nThree tanks.",
            1,
        )
        .await;
    fede.presses(&control, "Send").await;
    ana.expect_reply_containing("rain tanks").await;
    app.outbox_drained(PATIENCE).await;
    fede.sends(&format!("/survey water-access Tanks\n{body}"));
    fede.next_reply().await;
    fede.expect_reply_containing("The whole survey").await;
    let control = fede.next_reply().await;
    fede.presses(&control, "Send").await;
    let queued = fede.edited_message(control.message_id).await;
    let text = queued.source_text.unwrap();
    let id: i64 = text
        .split("Survey #")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let question = ana.expect_reply_containing("Survey · Water access").await;
    app.outbox_drained(PATIENCE).await;
    (question, id)
}

/// Issue #20, item 11: `/closesurvey`, `/hide` and forged survey buttons tell someone outside
/// the group nothing — an existing object and a missing one get the same words.
#[tokio::test]
async fn objects_of_other_groups_look_exactly_like_missing_ones() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let roads = app.group("roads", "Roads").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let rosa = app.facilitator_of("Rosa", &roads).await;
    let (_question, id) = survey_for(&app, &fede, &ana, "yesno: Build it?").await;
    ana.sends("A comment");
    ana.next_reply().await;
    let comment: i64 = app.store.count_comments().await.unwrap();
    assert_eq!(comment, 1);

    let answer = |text: &str| {
        let text = text.to_owned();
        let rosa = &rosa;
        async move { rosa.says(&text).await.source_text.unwrap() }
    };
    let existing = answer(&format!("/closesurvey {id}")).await;
    let missing = answer(&format!("/closesurvey {}", id + 50)).await;
    assert_eq!(
        existing.replace(&id.to_string(), "N"),
        missing.replace(&(id + 50).to_string(), "N")
    );
    let existing = answer("/hide 1").await;
    let missing = answer("/hide 51").await;
    assert_eq!(existing.replace('1', "N"), missing.replace("51", "N"));
    assert!(!existing.contains("water"), "{existing}");

    // A forged button of that open survey, pressed by someone never sent it.
    let in_her_chat = rosa.says("/help").await.message_id;
    let known = rosa
        .presses_data(in_her_chat, &format!("sv:{id}:0:y"))
        .await;
    let unknown = rosa
        .presses_data(in_her_chat, &format!("sv:{}:0:y", id + 50))
        .await;
    assert_eq!(known, unknown);
    let (answers, _) = app
        .store
        .survey_answer_counts(coloop_core::domain::SurveyId::new(id))
        .await
        .unwrap();
    assert_eq!(answers, 0);
}

/// Issue #20, item 12: a forged press cannot answer a question not reached yet, and the
/// survey's author cannot answer it through Continue.
#[tokio::test]
async fn a_question_not_reached_and_the_authors_own_survey_cannot_be_answered() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let (question, id) = survey_for(
        &app,
        &fede,
        &ana,
        "yesno: Build it?\nyesno: Help?\nyesno: Pay?",
    )
    .await;
    let survey = coloop_core::domain::SurveyId::new(id);
    // Ana is at question 1; a forged press on question 3.
    let toast = ana
        .presses_data(question.message_id, &format!("sv:{id}:2:y"))
        .await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
    assert_eq!(app.store.survey_answer_counts(survey).await.unwrap().0, 0);
    // The author presses Continue (forged in their own chat).
    let toast = fede.presses_data(1, &format!("svgo:{id}")).await;
    assert!(toast.unwrap().contains("preview"));
    // The rightful press still works.
    assert_eq!(
        ana.presses(&question, "Yes").await.as_deref(),
        Some("Saved ✅")
    );
    assert_eq!(app.store.survey_answer_counts(survey).await.unwrap().0, 1);
}

/// Issue #20, items 1 and 13: `/privacy` says exactly what holds — a comment is named until
/// the button is pressed; anonymous answers are totals from the threshold, as of the hour.
#[tokio::test]
async fn privacy_says_exactly_what_is_and_is_not_protected() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    let text = ana
        .says("/privacy")
        .await
        .source_text
        .unwrap()
        .replace(['\u{2068}', '\u{2069}'], "");
    assert!(
        text.contains("shown with your name until you press"),
        "{text}"
    );
    assert!(text.contains("at least 5 answers"), "{text}");
    assert!(text.contains("last full hour"), "{text}");
}

/// Issue #20, item 15: a coordinator named in the configuration who `/forget`s themselves
/// leaves nothing behind, and scheduled digests neither reach them nor record them again —
/// until they send `/start` again.
#[tokio::test]
async fn a_configured_coordinator_who_forgets_themselves_gets_no_digest_until_they_start_again() {
    use chrono::TimeZone;
    let (app, carla_id) = TestApp::spawn_with_configured_coordinator("Carla").await;
    app.group("water-access", "Water access").await;
    let carla = app.person(carla_id);
    carla.says("/start").await;
    let offset = chrono::FixedOffset::east_opt(0).unwrap();
    let scheduler = crate::digest::mondays_at_nine(&app, offset, vec![carla_id]);
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let monday = offset
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let digests = || {
        app.tg
            .messages_in(carla_id)
            .iter()
            .filter(|m| {
                m.text
                    .as_deref()
                    .is_some_and(|t| t.contains("Feedback digest"))
            })
            .count()
    };
    assert_eq!(scheduler.send_due_at(monday, &stopped).await.unwrap(), 1);
    assert_eq!(digests(), 1);
    carla.expect_reply_containing("Feedback digest").await;
    // Her /mydata holds the digest sent to her (no profile: she joined no group).
    carla.sends("/mydata");
    let file = carla.next_reply().await;
    let data: serde_json::Value =
        serde_json::from_slice(&file.document.expect("a document").bytes).expect("JSON");
    assert_eq!(data["profile"], serde_json::Value::Null);
    assert_eq!(data["digest_runs"][0]["scope"], "all", "{data}");

    carla.sends("/forget");
    let confirm = carla.expect_reply_containing("Are you sure?").await;
    carla.presses(&confirm, "Yes, forget me").await;
    carla.edited_message(confirm.message_id).await;
    let traces = |app: &TestApp| {
        let store = app.store.clone();
        async move {
            store
                .person_traces(TelegramId::new(carla_id), -1)
                .await
                .unwrap()
        }
    };
    assert_eq!(traces(&app).await, Vec::<String>::new());

    // The next weeks: no digest, and no digest_runs row made for her again.
    for week in [7, 14] {
        let later = monday + chrono::Duration::days(week);
        assert_eq!(scheduler.send_due_at(later, &stopped).await.unwrap(), 0);
    }
    assert_eq!(digests(), 1);
    assert_eq!(traces(&app).await, Vec::<String>::new());

    // She starts the bot again: digests go to her again.
    carla.says("/start").await;
    let later = monday + chrono::Duration::days(21);
    assert_eq!(scheduler.send_due_at(later, &stopped).await.unwrap(), 1);
    assert_eq!(digests(), 2);
}

/// Issue #20, item 7: no handler waits in its lane, not even for a record being written — a
/// stranger's replies to a bot message that is no post, in a group chat that shares a member's
/// lane, do not hold up her survey press (each used to wait 300 ms there for a second look).
#[tokio::test]
async fn replies_to_a_bot_message_nobody_knows_do_not_hold_up_a_lane() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let (question, _) = survey_for(&app, &fede, &ana, "yesno: Would you help build it?").await;
    // A group chat whose updates are handled in Ana's lane.
    let lane = |chat: i64| chat.rem_euclid(coloop_bot::router::LANES);
    let chat = loop {
        let chat = app.tg.add_group("Elsewhere", false);
        if lane(chat) == lane(ana.id) {
            break chat;
        }
    };
    let stranger = app.tg.add_user("Flood", None, Some("en"));
    app.tg.send_text(stranger, chat, "/help@coloop_test_bot");
    let answered = app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    for n in 0..30 {
        app.tg
            .send_reply(stranger, chat, &format!("re {n}"), answered[0].message_id);
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    let started = std::time::Instant::now();
    let toast = ana.presses(&question, "Yes").await;
    let took = started.elapsed();
    assert!(toast.is_some());
    assert!(took < Duration::from_secs(2), "the press took {took:?}");
    // The replies were looked at twice and ignored: nothing said in the chat.
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.tg.messages_in(chat).len(), 1);
}
