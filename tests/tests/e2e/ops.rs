//! Running coloop in production: webhook mode, health and readiness, metrics, backups while
//! the bot writes, and a SIGTERM in the middle of a broadcast (the real binary, as a process).

use std::fs::File;
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use chrono::Utc;
use coloop_bot::config::OpsConfig;
use coloop_bot::config::ops::{WebhookConfig, WebhookSecret};
use coloop_core::Store;
use coloop_core::delivery::Limits;
use coloop_core::domain::TelegramId;
use coloop_e2e::fake_api::{FakeTelegram, Fault, Scope, Sent};
use coloop_e2e::fixtures;
use coloop_e2e::harness::{BOT_USERNAME, Options, PATIENCE, TOKEN, TestApp, test_limits};
use coloop_e2e::process::coloop_binary;
use reqwest::StatusCode;
use serde_json::json;
use sqlx::Connection as _;

const SECRET: &str = "test-Secret_123";
const HOOK: &str = "https://coloop.example.org/telegram/hook";
const OUTCOME: &str = "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";

fn webhook_ops(secret: Option<&str>) -> OpsConfig {
    OpsConfig {
        http_listen: Some("127.0.0.1:0".parse().unwrap()),
        webhook: Some(WebhookConfig {
            url: HOOK.parse().unwrap(),
            secret: secret.map(|s| WebhookSecret::parse(s).unwrap()),
        }),
        ..OpsConfig::default()
    }
}

fn polling_with_http() -> OpsConfig {
    OpsConfig {
        http_listen: Some("127.0.0.1:0".parse().unwrap()),
        ..OpsConfig::default()
    }
}

async fn spawn(ops: OpsConfig) -> TestApp {
    TestApp::spawn_with(Options {
        ops: Some(ops),
        ..Options::default()
    })
    .await
    .0
}

/// The update Telegram would post for a message a person sent.
fn update_of(app: &TestApp, chat: i64, sent: &Sent) -> String {
    let message = app
        .tg
        .message_json(chat, sent.message_id)
        .expect("the message is in the fake");
    json!({ "update_id": sent.update_id, "message": message }).to_string()
}

/// POSTs `body` to the bot's webhook route as Telegram would, with `secret` in the header.
async fn post(app: &TestApp, body: impl Into<reqwest::Body>, secret: Option<&str>) -> StatusCode {
    post_at(&app.http_url(), body, secret).await
}

/// [`post`] to the bot's HTTP server at `base` (`http://127.0.0.1:<port>`).
async fn post_at(base: &str, body: impl Into<reqwest::Body>, secret: Option<&str>) -> StatusCode {
    let mut request = reqwest::Client::new()
        .post(format!("{base}/telegram/hook"))
        .header("content-type", "application/json")
        .body(body);
    if let Some(secret) = secret {
        request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
    }
    request.send().await.expect("webhook request").status()
}

/// Starts a webhook POST that announces a `length`-byte body and returns the status the bot
/// answers before any of the body is sent.
async fn post_declaring(app: &TestApp, length: usize) -> u16 {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let addr = app.http_url().trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /telegram/hook HTTP/1.1\r\nHost: {addr}\r\nX-Telegram-Bot-Api-Secret-Token: \
         {SECRET}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).await.expect("write");
    let mut answer = vec![0; 512];
    let n = stream.read(&mut answer).await.expect("read");
    let answer = String::from_utf8_lossy(&answer[..n]);
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP answer: {answer:?}"))
}

async fn get(app: &TestApp, path: &str) -> (StatusCode, String) {
    let response = reqwest::get(format!("{}{path}", app.http_url()))
        .await
        .expect("GET");
    let status = response.status();
    (status, response.text().await.expect("body"))
}

/// Polls `/readyz` until it answers `want`; returns the last body.
async fn readiness_becomes(app: &TestApp, want: StatusCode) -> String {
    let started = Instant::now();
    loop {
        let (status, body) = get(app, "/readyz").await;
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

/// The sum of the samples of `metric` (a name with its labels, e.g. `x{a="b"}`) in a
/// Prometheus text page.
fn sample(page: &str, metric: &str) -> f64 {
    page.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| line.strip_prefix(metric))
        .filter_map(|rest| rest.strip_prefix(' '))
        .filter_map(|value| value.trim().parse::<f64>().ok())
        .sum()
}

#[tokio::test]
async fn webhook_updates_with_the_right_secret_are_handled_once() {
    let app = spawn(webhook_ops(Some(SECRET))).await;
    assert_eq!(
        app.tg.webhook(),
        Some((HOOK.to_owned(), Some(SECRET.to_owned())))
    );
    let allowed = app.tg.calls_to("setWebhook")[0].params["allowed_updates"].to_string();
    for kind in ["message", "callback_query", "my_chat_member"] {
        assert!(allowed.contains(kind), "{allowed}");
    }

    let ana = app.user("Ana");
    let sent = ana.sends("/help");
    let update = update_of(&app, ana.id, &sent);
    assert_eq!(
        post(&app, update.clone(), Some(SECRET)).await,
        StatusCode::OK
    );
    ana.expect_reply_containing("What you can do").await;
    // Telegram sends it again (it gave up waiting for our answer): 200, not handled again. The
    // bot tells a duplicate before it answers, and counts it. (Metrics are per process, and
    // `cargo test` runs every test in one: count from what was there before.)
    const DUPLICATES: &str = "coloop_webhook_requests_total{outcome=\"duplicate\"}";
    let before = sample(&get(&app, "/metrics").await.1, DUPLICATES);
    assert_eq!(post(&app, update, Some(SECRET)).await, StatusCode::OK);
    let (_, page) = get(&app, "/metrics").await;
    assert_eq!(sample(&page, DUPLICATES), before + 1.0, "{page}");
    ana.expect_nothing_unread();
    assert!(
        app.tg.calls_to("getUpdates").is_empty(),
        "no polling in webhook mode"
    );
    let (status, _) = get(&app, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    readiness_becomes(&app, StatusCode::OK).await;
    app.stop().await.expect("clean stop");
}

#[tokio::test]
async fn webhook_requests_without_the_secret_or_with_a_bad_body_are_refused() {
    let app = spawn(webhook_ops(Some(SECRET))).await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");
    let sent = ana.sends(&format!("/start {}", water.member_code.as_str()));
    let update = update_of(&app, ana.id, &sent);

    for secret in [
        None,
        Some("wrong"),
        Some("test-Secret_12"),
        Some("test-Secret_1234"),
    ] {
        assert_eq!(
            post(&app, update.clone(), secret).await,
            StatusCode::UNAUTHORIZED,
            "{secret:?}"
        );
    }
    for body in ["not json", "{}", "[1, 2]", r#"{"update_id": "seven"}"#, ""] {
        assert_eq!(
            post(&app, body, Some(SECRET)).await,
            StatusCode::BAD_REQUEST,
            "{body:?}"
        );
    }
    assert_eq!(post_declaring(&app, 2 * 1024 * 1024).await, 413);
    assert_eq!(app.store.count_people().await.unwrap(), 0);

    // The refused attempts did not count as "seen": with the secret it is handled. (A refused
    // request is answered before anything is handled, so its answer would have come first.)
    assert_eq!(post(&app, update, Some(SECRET)).await, StatusCode::OK);
    let consent = ana.next_reply().await;
    assert!(consent.button_data("I agree").is_some(), "{consent:?}");
    ana.expect_nothing_unread();

    let (_, page) = get(&app, "/metrics").await;
    for (outcome, at_least) in [
        ("unauthorized", 4.0),
        ("malformed", 5.0),
        ("too_large", 1.0),
        ("accepted", 1.0),
    ] {
        let metric = format!("coloop_webhook_requests_total{{outcome=\"{outcome}\"}}");
        assert!(sample(&page, &metric) >= at_least, "{metric}: {page}");
    }
}

#[tokio::test]
async fn while_stopping_the_webhook_answers_503_so_telegram_sends_the_update_again() {
    let app = spawn(webhook_ops(Some(SECRET))).await;
    let ana = app.user("Ana");
    // An answer Telegram holds: the bot stops only after it, and takes nothing new meanwhile.
    app.tg.inject(
        Fault::Slow(Duration::from_secs(3)),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    let sent = ana.sends("/help");
    let update = update_of(&app, ana.id, &sent);
    assert_eq!(post(&app, update, Some(SECRET)).await, StatusCode::OK);
    assert!(
        app.tg
            .wait_until(PATIENCE, |tg| tg.faults_left() == 0)
            .await
    );
    let base = app.http_url();
    // Someone else writes meanwhile (Ana's chat is held up behind her answer).
    let bob = app.user("Bob");
    let refused = async {
        let started = Instant::now();
        loop {
            // A new update each time: one taken before the stop began is handled (and a
            // repeat of it would only be a duplicate).
            let sent = bob.sends("/groups");
            let update = update_of(&app, bob.id, &sent);
            match post_at(&base, update.clone(), Some(SECRET)).await {
                StatusCode::SERVICE_UNAVAILABLE => return update,
                StatusCode::OK => {}
                other => panic!("the webhook answered {other}"),
            }
            assert!(started.elapsed() < PATIENCE, "never refused while stopping");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    };
    let (stopped, refused) = tokio::join!(app.stop(), refused);
    stopped.expect("clean stop");
    let help = ana.next_reply().await;
    assert!(
        help.source_text.unwrap().contains("What you can do"),
        "the answer in hand was sent before the bot stopped"
    );
    // Telegram sends the refused update again once the bot is back: now it is handled.
    let wanted = "not in a working group yet";
    let answers = |tg: &FakeTelegram| {
        tg.messages_in(bob.id)
            .iter()
            .filter(|m| m.source_text.as_deref().is_some_and(|t| t.contains(wanted)))
            .count()
    };
    let before = answers(&app.tg);
    app.restart().await;
    assert_eq!(post(&app, refused, Some(SECRET)).await, StatusCode::OK);
    assert!(
        app.tg
            .wait_until(PATIENCE, |tg| answers(tg) == before + 1)
            .await
    );
}

#[tokio::test]
async fn a_generated_webhook_secret_is_kept_across_restarts() {
    let app = spawn(webhook_ops(None)).await;
    let (url, secret) = app.tg.webhook().expect("webhook set");
    assert_eq!(url, HOOK);
    let secret = secret.expect("a secret token");
    let parsed = WebhookSecret::parse(&secret).expect("Telegram's secret token rules");
    assert_eq!(parsed.expose(), secret);
    assert!(secret.len() >= 32, "{secret}");
    app.stop().await.expect("clean stop");
    app.restart().await;
    assert_eq!(
        app.tg.webhook().unwrap().1.as_deref(),
        Some(secret.as_str())
    );
    let ana = app.user("Ana");
    let sent = ana.sends("/help");
    assert_eq!(
        post(&app, update_of(&app, ana.id, &sent), Some(&secret)).await,
        StatusCode::OK
    );
    ana.expect_reply_containing("What you can do").await;
}

#[tokio::test]
async fn readiness_fails_while_the_database_is_locked_or_gone() {
    let app = spawn(polling_with_http()).await;
    let (status, body) = get(&app, "/healthz").await;
    assert_eq!((status, body.trim()), (StatusCode::OK, "ok"));
    readiness_becomes(&app, StatusCode::OK).await;

    // Another process holds the write lock (a stuck sqlite3 shell, a long transaction).
    let mut other =
        sqlx::SqliteConnection::connect(&format!("sqlite://{}", app.database().display()))
            .await
            .expect("second connection");
    sqlx::query("BEGIN IMMEDIATE")
        .execute(&mut other)
        .await
        .expect("take the write lock");
    let reason = readiness_becomes(&app, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(reason.starts_with("database:"), "{reason}");
    assert_eq!(reason.trim().lines().count(), 1, "{reason}");
    assert_eq!(get(&app, "/healthz").await.0, StatusCode::OK, "still alive");
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    other.close().await.unwrap();
    readiness_becomes(&app, StatusCode::OK).await;

    // The file is deleted under the running bot.
    std::fs::remove_file(app.database()).unwrap();
    let reason = readiness_becomes(&app, StatusCode::SERVICE_UNAVAILABLE).await;
    assert!(reason.contains("missing"), "{reason}");
}

#[tokio::test]
async fn metrics_count_a_broadcast() {
    let app = spawn(polling_with_http()).await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    app.members_in_bulk(&water, 5).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;
    app.outbox_drained(PATIENCE).await;

    let (status, page) = get(&app, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        sample(&page, "coloop_deliveries{state=\"sent\"}"),
        5.0,
        "{page}"
    );
    assert_eq!(sample(&page, "coloop_outbox_depth"), 0.0, "{page}");
    assert_eq!(sample(&page, "coloop_database_up"), 1.0, "{page}");
    assert!(
        sample(&page, "coloop_deliveries_total{outcome=\"sent\"}") >= 5.0,
        "{page}"
    );
    assert!(
        sample(&page, "coloop_send_duration_seconds_count") >= 5.0,
        "{page}"
    );
    assert!(
        page.contains("coloop_send_duration_seconds_bucket{le=\"0.1\"}"),
        "{page}"
    );
    assert!(
        sample(&page, "coloop_updates_total{kind=\"message\"}") >= 2.0,
        "{page}"
    );
    assert!(
        sample(&page, "coloop_updates_total{kind=\"callback_query\"}") >= 1.0,
        "{page}"
    );
}

#[tokio::test]
async fn a_backup_taken_while_the_bot_writes_is_sound_and_holds_the_committed_rows() {
    let (app, _) = TestApp::spawn_with(Options {
        limits: Some(Limits {
            global_per_second: 200,
            ..test_limits()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 150).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;
    let received =
        |tg: &FakeTelegram| -> usize { members.iter().map(|m| tg.messages_in(*m).len()).sum() };
    assert!(app.tg.wait_until(PATIENCE, |tg| received(tg) >= 20).await);

    // A writer of our own commits a row after another while the backup runs.
    let committed = Arc::new(AtomicUsize::new(0));
    let stop = Arc::new(AtomicBool::new(false));
    let writer = tokio::spawn({
        let (store, committed, stop) = (app.store.clone(), committed.clone(), stop.clone());
        async move {
            let mut id = 1_000;
            while !stop.load(Ordering::SeqCst) {
                store
                    .add_coordinator(TelegramId::new(id), Utc::now())
                    .await
                    .expect("write");
                committed.fetch_add(1, Ordering::SeqCst);
                id += 1;
                tokio::time::sleep(Duration::from_millis(2)).await;
            }
        }
    });
    tokio::time::sleep(Duration::from_millis(100)).await;
    let rows_before = committed.load(Ordering::SeqCst);
    let sent_before = app.store.all_delivery_counts().await.unwrap().sent;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    let report = coloop_bot::ops::maintenance::backup(&app.database(), &target)
        .await
        .expect("backup");
    assert!(report.contains("integrity check: ok"), "{report}");
    let rows_after = committed.load(Ordering::SeqCst);
    stop.store(true, Ordering::SeqCst);
    writer.await.unwrap();
    assert!(rows_before > 0);
    assert!(
        sent_before < members.len() as i64,
        "the worker was still writing while the backup ran"
    );

    let copy = Store::open_existing(&target).await.unwrap();
    let rows = copy.list_coordinators().await.unwrap().len();
    assert!(
        (rows_before..=rows_after).contains(&rows),
        "{rows_before} ≤ {rows} ≤ {rows_after}"
    );
    let counts = copy.all_delivery_counts().await.unwrap();
    assert_eq!(
        counts.sent + counts.pending + counts.failed + counts.blocked,
        members.len() as i64
    );
    assert!(counts.sent >= sent_before, "{counts:?} vs {sent_before}");
    assert_eq!(copy.count_people().await.unwrap(), members.len() as i64 + 1);
    copy.close().await;
    // A second backup to the same file is refused.
    let again = coloop_bot::ops::maintenance::backup(&app.database(), &target).await;
    assert!(format!("{:#}", again.unwrap_err()).contains("refusing to overwrite"));
}

#[tokio::test]
async fn stopping_lets_the_handler_in_flight_finish() {
    let app = spawn(OpsConfig::default()).await;
    let ana = app.user("Ana");
    app.tg.inject(
        Fault::Slow(Duration::from_millis(800)),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    ana.sends("/help");
    // The bot took the update (it confirmed it with its next poll); its answer is on the way.
    assert!(app.tg.wait_for_no_pending(PATIENCE).await);
    app.stop().await.expect("clean stop");
    assert_eq!(
        app.tg.messages_in(ana.id).len(),
        1,
        "the answer in flight was sent before the bot stopped"
    );
}

#[tokio::test]
async fn a_handler_stuck_past_the_grace_period_does_not_hold_up_the_stop() {
    let app = spawn(OpsConfig {
        shutdown_grace: Duration::from_secs(1),
        ..OpsConfig::default()
    })
    .await;
    let ana = app.user("Ana");
    app.tg.inject(
        Fault::Slow(Duration::from_secs(60)),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    ana.sends("/help");
    assert!(app.tg.wait_for_no_pending(PATIENCE).await);
    tokio::time::sleep(Duration::from_millis(100)).await;
    let stopping = Instant::now();
    app.stop().await.expect("clean stop");
    assert!(
        stopping.elapsed() < Duration::from_secs(4),
        "stopped after {:?}",
        stopping.elapsed()
    );
}

// ---- the real binary ----

/// A database with `n` members in one group and a confirmed broadcast to all of them.
async fn database_with_a_queued_broadcast(
    tg: &FakeTelegram,
    database: &Path,
    n: usize,
) -> (Store, Vec<i64>) {
    let store = Store::open_and_migrate(database).await.expect("store");
    let group = fixtures::group(&store, "water-access", "Water access").await;
    let ids = fixtures::join_members(&store, tg, &group, n).await;
    let recipients = fixtures::queue_outcome(
        &store,
        &group,
        "We agreed on three rain tanks by the school.",
    )
    .await;
    assert_eq!(recipients as usize, n);
    (store, ids)
}

fn start_coloop(tg: &FakeTelegram, database: &Path, log: &Path, env: &[(&str, &str)]) -> Child {
    Command::new(coloop_binary())
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", database)
        .env("COLOOP_RATE_PER_SECOND", "100")
        .env("RUST_LOG", "info")
        .envs(env.iter().copied())
        .stdout(Stdio::null())
        .stderr(File::create(log).expect("log file"))
        .spawn()
        .expect("start coloop")
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(status.success());
}

/// The address the bot's HTTP server listens on, from its JSON log.
async fn http_address_in(log: &Path) -> String {
    let started = Instant::now();
    loop {
        let text = std::fs::read_to_string(log).unwrap_or_default();
        let found = text
            .lines()
            .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
            .find(|line| line["message"] == "HTTP server listening")
            .and_then(|line| line["address"].as_str().map(str::to_owned));
        if let Some(address) = found {
            return address;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "no HTTP server in the log:\n{text}"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

async fn exits_within(child: &mut Child, patience: Duration, log: &Path) -> ExitStatus {
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            return status;
        }
        if started.elapsed() > patience {
            let _ = child.kill();
            panic!(
                "coloop did not exit within {patience:?}; its log:\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_mid_broadcast_then_restart_delivers_every_message_exactly_once() {
    let tg = FakeTelegram::start(TOKEN, BOT_USERNAME).await;
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("coloop.db");
    const MEMBERS: usize = 220;
    let (store, members) = database_with_a_queued_broadcast(&tg, &database, MEMBERS).await;
    let received =
        |tg: &FakeTelegram| -> usize { members.iter().map(|m| tg.messages_in(*m).len()).sum() };

    // Left over from webhook mode: polling removes it at start.
    let set = reqwest::Client::new()
        .post(format!("{}bot{TOKEN}/setWebhook", tg.api_url()))
        .json(&json!({ "url": HOOK }))
        .send()
        .await
        .expect("setWebhook");
    assert!(set.status().is_success() && tg.webhook().is_some());

    let first_log = dir.path().join("first.log");
    let mut bot = start_coloop(&tg, &database, &first_log, &[]);
    assert!(
        tg.wait_until(PATIENCE * 2, |tg| received(tg) >= 40).await,
        "the broadcast started; log:\n{}",
        std::fs::read_to_string(&first_log).unwrap_or_default()
    );
    assert_eq!(tg.webhook(), None, "polling removed the webhook");
    sigterm(&bot);
    let status = exits_within(&mut bot, Duration::from_secs(15), &first_log).await;
    assert!(
        status.success(),
        "exit {status}; log:\n{}",
        std::fs::read_to_string(&first_log).unwrap_or_default()
    );
    let at_stop = received(&tg);
    assert!(
        at_stop < MEMBERS,
        "stopped halfway ({at_stop} of {MEMBERS})"
    );
    // A clean stop waits for the sends in flight and records every send it made: nothing is
    // left in between, and nothing more comes (the process is gone).
    let counts = store.all_delivery_counts().await.unwrap();
    assert_eq!(
        (counts.sent, counts.pending),
        (at_stop as i64, (MEMBERS - at_stop) as i64),
        "{counts:?}"
    );
    let log = std::fs::read_to_string(&first_log).unwrap();
    assert!(
        log.contains("shutting down") && log.contains("stopped"),
        "{log}"
    );
    assert!(
        !log.contains(TOKEN.split(':').nth(1).unwrap()),
        "token leaked"
    );

    // The second run also serves HTTP on a free port, and logs JSON lines.
    let second_log = dir.path().join("second.log");
    let mut bot = start_coloop(
        &tg,
        &database,
        &second_log,
        &[
            ("COLOOP_HTTP_LISTEN", "127.0.0.1:0"),
            ("COLOOP_LOG_FORMAT", "json"),
        ],
    );
    let address = http_address_in(&second_log).await;
    let health = Command::new(coloop_binary())
        .arg("health")
        .env_clear()
        .env("COLOOP_HTTP_LISTEN", &address)
        .output()
        .expect("coloop health");
    assert!(health.status.success(), "{health:?}");
    let started = Instant::now();
    while store.all_delivery_counts().await.unwrap().pending > 0 {
        assert!(
            started.elapsed() < PATIENCE * 3,
            "deliveries still pending; log:\n{}",
            std::fs::read_to_string(&second_log).unwrap_or_default()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    sigterm(&bot);
    assert!(
        exits_within(&mut bot, Duration::from_secs(15), &second_log)
            .await
            .success()
    );
    for member in &members {
        assert_eq!(tg.messages_in(*member).len(), 1, "member {member}");
    }
    let counts = store.all_delivery_counts().await.unwrap();
    assert_eq!((counts.sent, counts.pending), (MEMBERS as i64, 0));
}
