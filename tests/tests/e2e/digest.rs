//! `/digest` and `/export` in the chat.

use coloop_e2e::harness::{PATIENCE, TestApp};

#[tokio::test]
async fn digests_by_role_with_bars_and_anonymity() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    let carla = app.coordinator("Carla").await;

    let (_, control) = fede
        .previews("/outcome water-access Session 3\nThree tanks.", 1)
        .await;
    fede.presses(&control, "Send").await;
    let post = ana.expect_reply_containing("Session 3").await;
    bob.next_reply().await;
    app.outbox_drained(PATIENCE).await;
    ana.replies_to(&post, "I want to help <build> them");
    let thanks = ana.expect_reply_containing("Thanks").await;
    ana.presses(&thanks, "Keep my name").await;
    bob.replies_to(&post, "Too far from the market");
    bob.expect_reply_containing("Thanks").await;

    let digest = fede.says("/digest").await.source_text.unwrap();
    assert!(
        digest.contains("Feedback digest · Water access"),
        "{digest}"
    );
    assert!(digest.contains("<b>Members:</b> 3 (3 new)"), "{digest}");
    assert!(
        digest.contains("<b>Session 3</b>")
            && digest.contains("██████████</code> 100% delivered (2/2) · 2 comments"),
        "{digest}"
    );
    assert!(digest.contains("<b>Comments:</b> 2"), "{digest}");
    assert!(
        digest.contains("anonymous on “Session 3”: I want to help &lt;build&gt; them"),
        "{digest}"
    );
    assert!(
        digest.contains("Bob on “Session 3”: Too far from the market"),
        "{digest}"
    );
    assert!(!digest.contains("Ana"), "anonymous: {digest}");

    olga.sends("/digest water-access");
    olga.expect_reply_containing("only the facilitators of <code>water-access</code>")
        .await;
    ana.sends("/digest");
    ana.expect_reply_containing("only coordinators").await;
    let all = carla.says("/digest 30").await.source_text.unwrap();
    assert!(
        all.contains("all working groups") && all.contains("last 30 days"),
        "{all}"
    );

    carla.sends("/export water-access");
    let comments = carla.next_reply().await;
    let deliveries = carla.next_reply().await;
    let csv = String::from_utf8(comments.document.expect("comments file").bytes).unwrap();
    assert!(csv.starts_with("id,group,author,"), "{csv}");
    assert!(
        csv.contains("Too far from the market") && !csv.contains("Ana"),
        "{csv}"
    );
    let csv = String::from_utf8(deliveries.document.expect("deliveries file").bytes).unwrap();
    assert_eq!(csv.lines().count(), 3, "a header and two deliveries: {csv}");
    fede.sends("/export water-access");
    fede.expect_reply_containing("only coordinators").await;
}

#[tokio::test]
async fn a_digest_in_spanish() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Agua").await;
    let id = app.tg.add_user("Flor", None, Some("es"));
    let flor = app.person(id);
    let consent = flor
        .says(&format!("/start {}", water.facilitator_code.as_str()))
        .await;
    let agree = consent.buttons()[0].1.clone().expect("the agree button");
    flor.presses_data(consent.message_id, &agree).await;
    flor.next_reply().await;
    let digest = flor.says("/digest").await.source_text.unwrap();
    assert!(
        digest.contains("Resumen de lo escuchado · Agua")
            && digest.contains("No hubo publicaciones"),
        "{digest}"
    );
}

#[tokio::test]
async fn weekly_digests_go_out_once_per_period_even_across_restarts() {
    use chrono::{Datelike, Timelike, Utc};
    use coloop_bot::config::DigestSchedule;
    use coloop_core::schedule::Schedule;
    use coloop_e2e::harness::Options;

    // A schedule whose latest moment was two minutes ago: this period's digests are due now.
    let due = Utc::now() - chrono::Duration::minutes(2);
    let schedule = Schedule {
        weekday: due.weekday(),
        time: chrono::NaiveTime::from_hms_opt(due.hour(), due.minute(), 0).unwrap(),
        zone: coloop_core::zone::Zone::utc(),
    };
    let (app, _) = TestApp::spawn_with(Options {
        digests: Some(DigestSchedule {
            schedule: Some(schedule),
            tick: std::time::Duration::from_millis(100),
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    // Joined through the store: the scheduler may write to them at any moment.
    let fede = app.tg.add_user("Fede", None, Some("en"));
    app.tg.user_started_bot(fede);
    let newcomer = coloop_core::store::Newcomer {
        telegram_id: coloop_core::domain::TelegramId::new(fede),
        name: coloop_core::domain::DisplayName::from_telegram("Fede", None),
        username: None,
        language: Some("en".into()),
    };
    app.store
        .consent_and_join(
            &newcomer,
            &water.facilitator_code,
            coloop_core::CONSENT_VERSION,
            Utc::now(),
        )
        .await
        .unwrap();
    let carla = app.tg.add_user("Carla", None, Some("en"));
    app.tg.user_started_bot(carla);
    app.store
        .add_coordinator(coloop_core::domain::TelegramId::new(carla), Utc::now())
        .await
        .unwrap();

    let to_fede = app
        .tg
        .wait_for_messages(fede, 1, PATIENCE)
        .await
        .expect("Fede's digest");
    assert!(
        to_fede[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("Feedback digest · Water access")
    );
    let to_carla = app
        .tg
        .wait_for_messages(carla, 1, PATIENCE)
        .await
        .expect("Carla's digest");
    assert!(
        to_carla[0]
            .source_text
            .as_deref()
            .unwrap()
            .contains("all working groups")
    );

    // Later ticks, and a restart, send nothing again for this period.
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    app.stop().await.unwrap();
    app.restart().await;
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(app.tg.messages_in(fede).len(), 1);
    assert_eq!(app.tg.messages_in(carla).len(), 1);
}

#[tokio::test]
async fn the_weekly_schedule_walked_through_simulated_weeks() {
    use chrono::{TimeZone, Utc};

    let app = TestApp::spawn().await;
    let carla = app.tg.add_user("Carla", None, Some("en"));
    app.tg.user_started_bot(carla);
    app.store
        .add_coordinator(coloop_core::domain::TelegramId::new(carla), Utc::now())
        .await
        .unwrap();
    let offset = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
    let scheduler = || mondays_at_nine(&app, offset, Vec::new());
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    // Monday 2026-11-30 09:00 at UTC-5 is 14:00 UTC.
    let monday = offset
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    let minutes = |m: i64| monday + chrono::Duration::minutes(m);
    let first = scheduler();
    assert_eq!(
        first.send_due_at(minutes(-1), &stopped).await.unwrap(),
        1,
        "the week before's period"
    );
    assert_eq!(
        first.send_due_at(minutes(0), &stopped).await.unwrap(),
        1,
        "Monday 09:00 local"
    );
    assert_eq!(
        first.send_due_at(minutes(30), &stopped).await.unwrap(),
        0,
        "not twice"
    );
    // A restart (a new scheduler on the same database) does not send it again either.
    let restarted = scheduler();
    assert_eq!(
        restarted
            .send_due_at(minutes(60 * 24), &stopped)
            .await
            .unwrap(),
        0
    );
    // A bot that was down over the next Monday sends that week's when it comes back.
    assert_eq!(
        restarted
            .send_due_at(minutes(60 * 24 * 8), &stopped)
            .await
            .unwrap(),
        1
    );
    let digests: Vec<_> = app
        .tg
        .messages_in(carla)
        .into_iter()
        .filter(|m| {
            m.source_text
                .as_deref()
                .is_some_and(|t| t.contains("Feedback digest"))
        })
        .collect();
    assert_eq!(digests.len(), 3);
}

#[tokio::test]
async fn a_digest_nobody_can_receive_is_tried_once_a_period_not_at_every_tick() {
    use chrono::{TimeZone, Utc};

    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    // A coordinator named in the configuration who never wrote to the bot (not written to at
    // all: Telegram would refuse, and nothing is stored about them), and a facilitator who
    // blocked it after joining.
    let zoe = app.tg.add_user("Zoe", None, Some("en"));
    let fede = app.facilitator_of("Fede", &water).await;
    app.tg.block_bot(fede.id);
    let blocked = fede.telegram_id();
    let started = std::time::Instant::now();
    while !app.store.is_blocked(blocked).await.unwrap() {
        assert!(
            started.elapsed() < PATIENCE,
            "the my_chat_member update is handled"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    // As if that update had been lost: the bot does not know it is blocked.
    app.store.clear_blocked(blocked).await.unwrap();
    app.expect_refusal("sendMessage", "Forbidden: bot was blocked by the user");

    let offset = chrono::FixedOffset::east_opt(0).unwrap();
    let scheduler = mondays_at_nine(&app, offset, vec![zoe]);
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let monday = offset
        .with_ymd_and_hms(2026, 11, 30, 9, 0, 0)
        .unwrap()
        .with_timezone(&Utc);
    // Sends to each since the scheduler started (Fede got the consent and welcome before).
    let before = app.tg.calls_to("sendMessage").len();
    let attempts = |chat: i64| {
        app.tg.calls_to("sendMessage")[before..]
            .iter()
            .filter(|c| c.chat_id() == Some(chat))
            .count()
    };
    assert_eq!(scheduler.send_due_at(monday, &stopped).await.unwrap(), 0);
    assert_eq!((attempts(zoe), attempts(fede.id)), (0, 1));
    // Later ticks of the same period try nobody again.
    for minutes in [1, 2, 60] {
        let later = monday + chrono::Duration::minutes(minutes);
        assert_eq!(scheduler.send_due_at(later, &stopped).await.unwrap(), 0);
    }
    assert_eq!((attempts(zoe), attempts(fede.id)), (0, 1));
    // The facilitator is marked blocked and left out from then on; the coordinator gets
    // digests once they send /start (trust.rs).
    assert!(app.store.is_blocked(blocked).await.unwrap());
    let next_week = monday + chrono::Duration::days(7);
    assert_eq!(scheduler.send_due_at(next_week, &stopped).await.unwrap(), 0);
    assert_eq!((attempts(zoe), attempts(fede.id)), (0, 1));
    assert!(app.tg.messages_in(zoe).is_empty());
    assert!(!app.store.digest_sent(zoe, "all", monday).await.unwrap());
}

/// A scheduler of this app's bot and database that sends digests on Mondays at 09:00 at
/// `offset`, to `coordinators` named in the configuration besides the stored ones.
pub(crate) fn mondays_at_nine(
    app: &TestApp,
    offset: chrono::FixedOffset,
    coordinators: Vec<i64>,
) -> coloop_bot::tasks::digests::Scheduler {
    coloop_bot::tasks::digests::Scheduler {
        bot: teloxide::Bot::new(coloop_e2e::harness::TOKEN)
            .set_api_url(app.tg.api_url().parse().unwrap()),
        store: app.store.clone(),
        coordinators,
        i18n: std::sync::Arc::new(coloop_bot::texts::Catalogues::embedded().unwrap()),
        schedule: coloop_core::schedule::Schedule {
            weekday: chrono::Weekday::Mon,
            time: chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap(),
            zone: coloop_core::zone::Zone::Fixed(offset),
        },
    }
}

#[tokio::test]
async fn silent_members_are_named_only_to_their_groups_facilitators() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let carla = app.coordinator("Carla").await;
    app.member_of("Sigrid", &water).await;
    let bob = app.member_of("Bob", &water).await;
    bob.sends("/comment Too far from the market");
    bob.expect_reply_containing("Thanks").await;
    // Members for a month, so silent for the whole week the digest covers.
    joined_a_month_ago(&app).await;

    let silent = "🔇 <b>water-access</b>: 1 member neither commented nor answered all period";
    let to_fede = fede.says("/digest water-access").await.source_text.unwrap();
    assert!(
        to_fede.contains(&format!("{silent}\nSigrid")),
        "the group's facilitator sees who: {to_fede}"
    );
    for (who, command) in [
        (&carla, "/digest water-access"),
        (&carla, "/digest"),
        (&olga, "/digest"),
    ] {
        let digest = who.says(command).await.source_text.unwrap();
        assert!(!digest.contains("Sigrid"), "{command}: {digest}");
    }
    let to_carla = carla
        .says("/digest water-access")
        .await
        .source_text
        .unwrap();
    assert!(
        to_carla.contains(&format!("{silent}\n\n")),
        "a coordinator sees how many, not who: {to_carla}"
    );
}

/// Moves every membership's start a month back (a raw update: no feature of the bot does).
async fn joined_a_month_ago(app: &TestApp) {
    use sqlx::Connection as _;
    let month_ago = (chrono::Utc::now() - chrono::Duration::days(30))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    let mut db = sqlx::SqliteConnection::connect(&format!("sqlite://{}", app.database().display()))
        .await
        .unwrap();
    sqlx::query("UPDATE memberships SET joined_at = ?")
        .bind(month_ago)
        .execute(&mut db)
        .await
        .unwrap();
    db.close().await.unwrap();
}
