//! Issue #16: a Telegram outage loses no message. The outbox worker and its real Telegram
//! transport against the fake Bot API, under tokio's paused clock, so that ten minutes of
//! outage take a second or two: the test moves the clock, the HTTP calls are real.

use std::time::Duration;

use coloop_bot::tasks::sender::TelegramTransport;
use coloop_core::Store;
use coloop_core::delivery::{Limits, Step, Worker};
use coloop_core::store::Group;
use coloop_core::wake::Wake;
use coloop_e2e::fake_api::{FakeTelegram, Fault, Scope};
use coloop_e2e::fixtures;
use coloop_e2e::harness::{BOT_USERNAME, TOKEN};
use tokio::time::Instant;

/// Keeps tokio's paused clock from jumping on its own while the worker waits for SQLite or
/// the network: time moves only when the test advances it (see core/tests/delivery.rs).
struct HeldClock(tokio::task::JoinHandle<()>);

impl HeldClock {
    fn hold() -> Self {
        Self(tokio::spawn(async {
            loop {
                tokio::task::yield_now().await;
            }
        }))
    }
}

impl Drop for HeldClock {
    fn drop(&mut self) {
        self.0.abort();
    }
}

struct Rig {
    tg: FakeTelegram,
    store: Store,
    group: Group,
    members: Vec<i64>,
    worker: Worker<TelegramTransport>,
    _clock: HeldClock,
    _dir: tempfile::TempDir,
}

async fn rig(members: usize, limits: Limits) -> Rig {
    let clock = HeldClock::hold();
    let tg = FakeTelegram::start(TOKEN, BOT_USERNAME).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
        .await
        .expect("store");
    let group = fixtures::group(&store, "garden", "Garden").await;
    let members = fixtures::join_members(&store, &tg, &group, members).await;
    let transport = TelegramTransport::at(
        reqwest::Client::new(),
        &tg.api_url().parse().expect("api url"),
        TOKEN,
    );
    let worker = Worker::new(store.clone(), transport, limits, Wake::default());
    Rig {
        tg,
        store,
        group,
        members,
        worker,
        _clock: clock,
        _dir: dir,
    }
}

async fn advance_to(until: Instant) {
    let now = Instant::now();
    if until > now {
        tokio::time::advance(until - now).await;
    }
}

impl Rig {
    /// Works the outbox until `sent` more messages went out.
    async fn send(&mut self, sent: usize) {
        let mut done = 0;
        while done < sent {
            match self.worker.try_deliver_next().await.expect("step") {
                Step::Sent { .. } => done += 1,
                Step::Wait(until) => advance_to(until).await,
                other => panic!("{other:?}"),
            }
        }
    }

    /// Works the outbox until `deadline` on the paused clock; no delivery may fail.
    async fn work_until(&mut self, deadline: Instant) {
        while Instant::now() < deadline {
            match self.worker.try_deliver_next().await.expect("step") {
                Step::Wait(until) => advance_to(until.min(deadline)).await,
                Step::Idle(_) => advance_to(deadline).await,
                Step::Failed { chat_id } => panic!("the delivery to {chat_id} failed"),
                _ => {}
            }
        }
    }

    /// Works the outbox until nothing is pending.
    async fn drain(&mut self) {
        for _ in 0..1_000_000 {
            match self.worker.try_deliver_next().await.expect("step") {
                Step::Wait(until) => advance_to(until).await,
                Step::Idle(_) => {
                    if self
                        .store
                        .all_delivery_counts()
                        .await
                        .expect("counts")
                        .pending
                        == 0
                    {
                        return;
                    }
                    tokio::time::advance(Duration::from_millis(100)).await;
                }
                _ => {}
            }
        }
        panic!("the outbox did not drain");
    }

    /// How many messages each member got.
    fn received(&self) -> Vec<usize> {
        self.members
            .iter()
            .map(|m| self.tg.messages_in(*m).len())
            .collect()
    }
}

#[tokio::test(start_paused = true)]
async fn a_ten_minute_gateway_outage_mid_broadcast_reaches_every_member_exactly_once() {
    let mut rig = rig(200, Limits::default()).await;
    fixtures::queue_outcome(&rig.store, &rig.group, "We agreed on rain tanks.").await;
    let outage = rig.worker.outage();
    rig.send(24).await;

    // Every sendMessage answers 502 Bad Gateway for ten minutes.
    rig.tg.inject(
        Fault::ServerError(502),
        Scope::method("sendMessage", u32::MAX),
    );
    let calls_before = rig.tg.calls_to("sendMessage").len();
    let started = Instant::now();
    rig.work_until(started + Duration::from_secs(600)).await;
    let since = outage.since().expect("the worker knows Telegram is down");
    let calls_during = rig.tg.calls_to("sendMessage").len() - calls_before;
    // Probes, backing off to one a minute: not a call per delivery per retry.
    assert!(
        (5..=30).contains(&calls_during),
        "{calls_during} calls during the outage"
    );
    let counts = rig.store.all_delivery_counts().await.expect("counts");
    assert_eq!((counts.sent, counts.failed, counts.pending), (24, 0, 176));

    rig.tg.clear_faults();
    rig.drain().await;
    assert_eq!(outage.since(), None, "the outage is over ({since})");
    let counts = rig.store.all_delivery_counts().await.expect("counts");
    assert_eq!((counts.sent, counts.failed, counts.pending), (200, 0, 0));
    assert!(
        rig.received().iter().all(|n| *n == 1),
        "every member exactly once: {:?}",
        rig.received()
    );
    // Sending resumed within a minute of the end and took about 200 / 30 s.
    assert!(started.elapsed() < Duration::from_secs(600 + 60 + 15));
}

#[tokio::test(start_paused = true)]
async fn a_delivery_answered_400_every_time_fails_alone_without_holding_up_the_others() {
    let mut rig = rig(30, Limits::default()).await;
    let queued = fixtures::queue_outcome(&rig.store, &rig.group, "x").await;
    assert_eq!(queued, 30);
    let broken = rig.members[3];
    rig.tg.inject(
        Fault::BadRequest("Bad Request: message is too long".into()),
        Scope::chat(broken, u32::MAX),
    );
    let started = Instant::now();
    rig.drain().await;
    let counts = rig.store.all_delivery_counts().await.expect("counts");
    assert_eq!((counts.sent, counts.failed), (29, 1));
    let to_broken = rig
        .tg
        .calls_to("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"] == broken)
        .count();
    assert_eq!(to_broken, 1, "a 400 is not worth a retry");
    // The others went out at the usual pace: 30 messages in about a second.
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "{:?}",
        started.elapsed()
    );
    rig.tg.clear_faults();
}

#[tokio::test(start_paused = true)]
async fn a_delivery_failing_alone_is_retried_until_the_give_up_age_then_failed() {
    let limits = Limits {
        give_up_after: Duration::from_secs(3600),
        ..Limits::default()
    };
    let mut rig = rig(20, limits).await;
    fixtures::queue_outcome(&rig.store, &rig.group, "x").await;
    let broken = rig.members[5];
    rig.tg
        .inject(Fault::ServerError(500), Scope::chat(broken, u32::MAX));
    let started = Instant::now();
    let outage = rig.worker.outage();
    rig.drain().await;
    assert_eq!(outage.since(), None, "one chat's 5xx is no outage");
    let counts = rig.store.all_delivery_counts().await.expect("counts");
    assert_eq!((counts.sent, counts.failed), (19, 1));
    let tries = rig
        .tg
        .calls_to("sendMessage")
        .iter()
        .filter(|c| c.params["chat_id"] == broken)
        .count();
    // 2, 4, 8 … 512 s, then every 600 s: about a dozen tries in the hour.
    assert!(tries >= 10, "retried with backoff: {tries} tries");
    assert!(
        started.elapsed() >= Duration::from_secs(3600),
        "not before the give-up age"
    );
    assert!(
        started.elapsed() < Duration::from_secs(3600 + 700),
        "at the first try after it"
    );
    rig.tg.clear_faults();
}

mod visible {
    //! The real bot with its HTTP server: `/readyz` and `/metrics` while Telegram is down.

    use std::time::{Duration, Instant};

    use coloop_bot::config::OpsConfig;
    use coloop_e2e::fake_api::{Fault, Scope};
    use coloop_e2e::harness::{Options, PATIENCE, TestApp};

    const OUTCOME: &str =
        "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";

    async fn get(app: &TestApp, path: &str) -> (u16, String) {
        let response = reqwest::get(format!("{}{path}", app.http_url()))
            .await
            .expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    /// Polls `path` until its body satisfies `want`; returns status and body.
    async fn until_body(app: &TestApp, path: &str, want: impl Fn(&str) -> bool) -> (u16, String) {
        let started = Instant::now();
        loop {
            let (status, body) = get(app, path).await;
            if want(&body) {
                return (status, body);
            }
            assert!(started.elapsed() < PATIENCE, "{path}: {status} {body}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    #[tokio::test]
    async fn readiness_and_metrics_say_telegram_is_unreachable_while_it_is() {
        let (app, _) = TestApp::spawn_with(Options {
            ops: Some(OpsConfig {
                http_listen: Some("127.0.0.1:0".parse().unwrap()),
                ..OpsConfig::default()
            }),
            ..Options::default()
        })
        .await;
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        let members = app.members_in_bulk(&water, 5).await;
        // Telegram answers 502 to every message of the broadcast (and only those, so the
        // conversation with Fede goes on).
        for member in &members {
            app.tg
                .inject(Fault::ServerError(502), Scope::chat(*member, u32::MAX));
        }
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;

        let (status, body) = until_body(&app, "/readyz", |b| {
            b.contains("Telegram unreachable since")
        })
        .await;
        assert_eq!(status, 200, "the process is fine: {body}");
        assert!(
            body.starts_with("ready; Telegram unreachable since 20"),
            "{body}"
        );
        let (_, page) = until_body(&app, "/metrics", |p| {
            p.lines()
                .any(|l| l.starts_with("coloop_telegram_outage_seconds "))
        })
        .await;
        assert!(page.contains("coloop_telegram_outage_seconds"), "{page}");

        app.tg.clear_faults();
        app.outbox_drained(PATIENCE).await;
        let (status, body) = until_body(&app, "/readyz", |b| b == "ready\n").await;
        assert_eq!(status, 200, "{body}");
        let counts = app.store.all_delivery_counts().await.expect("counts");
        assert_eq!((counts.sent, counts.failed), (5, 0));
        for member in &members {
            assert_eq!(app.tg.messages_in(*member).len(), 1);
        }
    }
}

mod again {
    //! "Send the failed ones again" under `/status`, with the real bot.

    use coloop_e2e::fake_api::{BotMessage, Fault, Scope};
    use coloop_e2e::harness::{PATIENCE, Person, TestApp};

    const OUTCOME: &str =
        "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";
    const BUTTON: &str = "Send the failed ones again";

    /// Sends `/status water-access` and returns the answer that carries the button.
    async fn status_with_button(app: &TestApp, who: &Person<'_>) -> BotMessage {
        let before = app.tg.messages_in(who.id).len();
        who.sends("/status water-access");
        let id = who.id;
        assert!(
            app.tg
                .wait_until(PATIENCE, |tg| tg.messages_in(id).len() > before)
                .await
        );
        app.tg.messages_in(who.id)[before].clone()
    }

    #[tokio::test]
    async fn send_the_failed_ones_again_reaches_those_and_only_those() {
        let app = TestApp::spawn().await;
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        let members = app.members_in_bulk(&water, 6).await;
        let unlucky = [members[1], members[4]];
        for chat in unlucky {
            app.tg.inject(
                Fault::BadRequest("Bad Request: message is too long".into()),
                Scope::chat(chat, 1),
            );
        }
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;
        app.outbox_drained(PATIENCE).await;
        let counts = app.store.all_delivery_counts().await.expect("counts");
        assert_eq!((counts.sent, counts.failed), (4, 2));

        let status = status_with_button(&app, &fede).await;
        let text = status.source_text.clone().unwrap_or_default();
        assert!(text.contains("2 failed"), "{text}");
        assert!(
            status
                .buttons()
                .iter()
                .any(|(label, _, _)| label.contains(BUTTON) && label.contains("(2)")),
            "{:?}",
            status.buttons()
        );

        // A member cannot press it (a forged press is refused).
        let data = status.button_data(BUTTON).expect("button");
        let mia = app.member_of("Mia", &water).await;
        let before = app.tg.messages_in(mia.id).len();
        let in_her_chat = app.tg.last_message_in(mia.id).expect("her welcome");
        mia.presses_data(in_her_chat.message_id, &data).await;
        let id = mia.id;
        app.tg
            .wait_until(PATIENCE, |tg| tg.messages_in(id).len() > before)
            .await;
        let refusal = app.tg.messages_in(mia.id)[before].clone();
        assert!(
            refusal
                .source_text
                .unwrap_or_default()
                .contains("facilitators"),
            "refused"
        );
        assert_eq!(
            app.store
                .all_delivery_counts()
                .await
                .expect("counts")
                .failed,
            2
        );

        let toast = fede.presses(&status, BUTTON).await.unwrap_or_default();
        assert!(
            toast.contains("2 deliveries are being sent again"),
            "{toast}"
        );
        app.outbox_drained(PATIENCE).await;
        let counts = app.store.all_delivery_counts().await.expect("counts");
        assert_eq!((counts.sent, counts.failed), (6, 0));
        for member in &members {
            assert_eq!(app.tg.messages_in(*member).len(), 1, "member {member}");
        }

        // Pressed again: nothing failed, nothing is sent twice.
        let toast = fede.presses(&status, BUTTON).await.unwrap_or_default();
        assert!(toast.contains("Nothing failed"), "{toast}");
        let status = status_with_button(&app, &fede).await;
        assert!(status.button_data(BUTTON).is_none(), "no failed ones left");
    }

    #[tokio::test]
    async fn coloop_admin_retry_failed_sends_them_again_from_the_shell() {
        let app = TestApp::spawn().await;
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        let members = app.members_in_bulk(&water, 4).await;
        app.tg.inject(
            Fault::BadRequest("Bad Request: chat not found".into()),
            Scope::chat(members[2], 1),
        );
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;
        app.outbox_drained(PATIENCE).await;
        let counts = app.store.all_delivery_counts().await.expect("counts");
        assert_eq!((counts.sent, counts.failed), (3, 1));
        let post = app.store.post_statuses(water.id, 1).await.expect("status")[0]
            .id
            .get();

        let shell = |args: &[&str]| {
            let out = std::process::Command::new(coloop_e2e::process::coloop_binary())
                .args(args)
                .env_clear()
                .env("COLOOP_DATABASE", app.database())
                .output()
                .expect("run coloop");
            assert!(out.status.success(), "{out:?}");
            String::from_utf8_lossy(&out.stdout).into_owned()
        };
        let said = shell(&["admin", "retry-failed", "--post", &(post + 1).to_string()]);
        assert!(said.contains("0 failed deliveries"), "{said}");
        let said = shell(&["admin", "retry-failed", "--post", &post.to_string()]);
        assert!(said.contains("1 failed deliveries of post"), "{said}");
        // The running bot picks it up on its next look at the outbox.
        app.outbox_drained(PATIENCE).await;
        for member in &members {
            assert_eq!(app.tg.messages_in(*member).len(), 1, "member {member}");
        }
        let said = shell(&["admin", "retry-failed"]);
        assert!(said.contains("0 failed deliveries queued again"), "{said}");
    }
}

mod full_disk {
    //! A full disk: the database's size limit (`COLOOP_DATABASE_MAX_MB`, SQLite's
    //! `max_page_count`) reached, so SQLite answers `SQLITE_FULL`.

    use std::time::{Duration, Instant};

    use chrono::Utc;
    use coloop_bot::config::OpsConfig;
    use coloop_core::Store;
    use coloop_core::domain::{GroupId, TelegramId};
    use coloop_core::store::Group;
    use coloop_core::store::{AddComment, NewComment};
    use coloop_e2e::harness::{Options, PATIENCE, Person, TestApp};

    const OUTCOME: &str =
        "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";

    async fn readyz(app: &TestApp) -> (u16, String) {
        let response = reqwest::get(format!("{}/readyz", app.http_url()))
            .await
            .expect("GET");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }

    async fn readiness_becomes(app: &TestApp, want: u16) -> String {
        let started = Instant::now();
        loop {
            let (status, body) = readyz(app).await;
            if status == want {
                return body;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "/readyz stayed {status}: {body}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Someone else's comments fill the database up to its limit; the store that wrote them
    /// (to make room again with [`room_again`]).
    async fn fill_up(app: &TestApp, group: GroupId, filler: i64) -> Store {
        let store = Store::open_limited(&app.database(), Some(256))
            .await
            .expect("store");
        let mut message_id = 1_000;
        // Long comments until one does not fit, then short ones until none does: the last
        // free pages go too, whatever the schema leaves free (a page split needs more pages
        // than a short row).
        for body in [
            "A long comment about the tanks. ".repeat(40),
            "Full.".to_owned(),
        ] {
            let full = loop {
                message_id += 1;
                let added = store
                    .add_comment(
                        &NewComment {
                            group,
                            author: TelegramId::new(filler),
                            post: None,
                            chat_id: filler,
                            message_id,
                            body: Some(body.clone()),
                            media: None,
                            unfiled: false,
                        },
                        Utc::now(),
                    )
                    .await;
                match added {
                    Ok(AddComment::Added(_)) => {}
                    Ok(other) => panic!("{other:?}"),
                    Err(error) => break error,
                }
                assert!(message_id < 100_000, "the database never filled up");
            };
            assert!(full.is_unwritable(), "{full:?}");
        }
        store
    }

    fn text_of(message: &coloop_e2e::fake_api::BotMessage) -> String {
        message.source_text.clone().unwrap_or_default()
    }

    /// Room again: the filler's comments go.
    async fn room_again(store: Store, filler: i64) {
        assert!(
            store
                .erase_person(
                    TelegramId::new(filler),
                    &coloop_core::survey::RespondentKey::generate(),
                    chrono::Utc::now(),
                )
                .await
                .expect("erase")
        );
        store.close().await;
    }

    fn limited() -> Options {
        Options {
            database_max_mb: Some(1),
            ops: Some(OpsConfig {
                http_listen: Some("127.0.0.1:0".parse().unwrap()),
                ..OpsConfig::default()
            }),
            ..Options::default()
        }
    }

    /// Fede, Ana and Filler in Water access; Fede has sent an outcome.
    async fn outcome_sent(app: &TestApp) -> (Group, Person<'_>, Person<'_>, Person<'_>) {
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        let ana = app.member_of("Ana", &water).await;
        let filler = app.member_of("Filler", &water).await;
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;
        (water, fede, ana, filler)
    }

    #[tokio::test]
    async fn a_full_database_is_survived_and_nobody_is_thanked_for_what_was_not_stored() {
        let (app, _) = TestApp::spawn_with(limited()).await;
        let (water, fede, ana, filler) = outcome_sent(&app).await;
        let post = ana.next_reply().await;
        let comment = "A long comment about the tanks. ".repeat(40);
        ana.replies_to(&post, &comment);
        ana.expect_reply_containing("Thanks").await;
        readiness_becomes(&app, 200).await;

        let store = fill_up(&app, water.id, filler.id).await;

        // Ana's next comment cannot be stored: she is told so, and not thanked.
        ana.replies_to(&post, &comment);
        let answer = ana.next_reply().await;
        let text = answer.source_text.unwrap_or_default();
        assert!(
            text.contains("not saved") && text.contains("again later"),
            "{text}"
        );
        assert!(!text.contains("Thanks"), "{text}");
        let body = readiness_becomes(&app, 503).await;
        assert!(body.contains("cannot be written"), "{body}");
        // The bot still answers (it did not crash).
        fede.sends("/help");
        fede.next_reply().await;

        room_again(store, filler.id).await;
        readiness_becomes(&app, 200).await;
        ana.replies_to(&post, &comment);
        ana.expect_reply_containing("Thanks").await;
    }

    #[tokio::test]
    async fn a_survey_answer_on_a_full_database_is_not_saved_and_the_person_is_told() {
        let (app, _) = TestApp::spawn_with(limited()).await;
        let (water, fede, ana, filler) = outcome_sent(&app).await;
        ana.expect_reply_containing("rain tanks").await;
        filler.expect_reply_containing("rain tanks").await;
        fede.sends("/survey water-access Rain tanks\ntext: What would you change?");
        fede.expect_reply_containing("What would you change").await;
        fede.expect_reply_containing("The whole survey").await;
        let control = fede.next_reply().await;
        fede.presses(&control, "Send").await;
        let sent = fede.edited_message(control.message_id).await;
        let survey: i64 = sent
            .source_text
            .unwrap_or_default()
            .split("Survey #")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next()?.parse().ok())
            .expect("the survey's number");
        let survey = coloop_core::domain::SurveyId::new(survey);
        let answers = || async { app.store.survey_answer_counts(survey).await.unwrap().0 };
        let question = ana.expect_reply_containing("What would you change").await;
        assert!(question.is_force_reply());
        filler
            .expect_reply_containing("What would you change")
            .await;
        app.outbox_drained(PATIENCE).await;

        let store = fill_up(&app, water.id, filler.id).await;

        // The answer is not stored: no thanks, and a message says to send it again later.
        let answer = "More taps and less queueing, please. ".repeat(60);
        ana.sends(&answer);
        let told = text_of(&ana.next_reply().await);
        assert!(
            told.contains("not saved") && told.contains("again later"),
            "{told}"
        );
        assert!(!told.contains("Thank"), "{told}");
        assert_eq!(answers().await, 0);
        readiness_becomes(&app, 503).await;

        // Room again: sent again, it is the answer (once), and thanked.
        room_again(store, filler.id).await;
        readiness_becomes(&app, 200).await;
        ana.sends(&answer);
        ana.expect_reply_containing("Thank you").await;
        assert_eq!(answers().await, 1);
    }
}

mod held_up {
    //! The author of a broadcast held up by an outage hears of it once, and once when it is done.

    use std::time::Duration;

    use coloop_bot::config::HeldSettings;
    use coloop_e2e::fake_api::{FakeTelegram, Fault, Scope};
    use coloop_e2e::harness::{Options, PATIENCE, TestApp};

    const OUTCOME: &str =
        "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";

    fn said(tg: &FakeTelegram, chat: i64, needle: &str) -> usize {
        tg.messages_in(chat)
            .iter()
            .filter(|m| m.source_text.as_deref().unwrap_or("").contains(needle))
            .count()
    }

    #[tokio::test]
    async fn the_author_hears_once_when_held_up_and_once_when_done() {
        let (app, _) = TestApp::spawn_with(Options {
            held: Some(HeldSettings {
                after: Duration::from_secs(1),
                tick: Duration::from_millis(100),
            }),
            ..Options::default()
        })
        .await;
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        let members = app.members_in_bulk(&water, 5).await;
        for member in &members {
            app.tg
                .inject(Fault::ServerError(502), Scope::chat(*member, u32::MAX));
        }
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;

        let chat = fede.id;
        assert!(
            app.tg
                .wait_until(PATIENCE, |tg| said(tg, chat, "is held up") > 0)
                .await,
            "no held-up message"
        );
        let held = app
            .tg
            .messages_in(chat)
            .into_iter()
            .find(|m| {
                m.source_text
                    .as_deref()
                    .unwrap_or("")
                    .contains("is held up")
            })
            .and_then(|m| m.source_text)
            .unwrap_or_default();
        assert!(
            held.contains("Session 3: rain tanks") && held.contains("5 of its messages"),
            "{held}"
        );
        // Still held a while later: no second message.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(said(&app.tg, chat, "is held up"), 1);
        assert_eq!(said(&app.tg, chat, "is done:"), 0);

        app.tg.clear_faults();
        app.outbox_drained(PATIENCE).await;
        assert!(
            app.tg
                .wait_until(PATIENCE, |tg| said(tg, chat, "is done:") > 0)
                .await,
            "no done message"
        );
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(said(&app.tg, chat, "is done:"), 1);
        assert_eq!(said(&app.tg, chat, "is held up"), 1);
        let done = app
            .tg
            .last_message_in(chat)
            .and_then(|m| m.source_text)
            .unwrap_or_default();
        assert!(done.contains("5 delivered, 0 failed"), "{done}");
    }

    #[tokio::test]
    async fn a_broadcast_that_goes_out_in_time_brings_no_such_message() {
        let (app, _) = TestApp::spawn_with(Options {
            held: Some(HeldSettings {
                after: Duration::from_secs(1),
                tick: Duration::from_millis(100),
            }),
            ..Options::default()
        })
        .await;
        let water = app.group("water-access", "Water access").await;
        let fede = app.facilitator_of("Fede", &water).await;
        app.members_in_bulk(&water, 3).await;
        let (_, control) = fede.previews(OUTCOME, 1).await;
        fede.presses(&control, "Send").await;
        app.outbox_drained(PATIENCE).await;
        tokio::time::sleep(Duration::from_millis(1_500)).await;
        assert_eq!(said(&app.tg, fede.id, "is held up"), 0);
        assert_eq!(said(&app.tg, fede.id, "is done:"), 0);
    }
}
