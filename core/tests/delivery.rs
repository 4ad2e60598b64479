//! The delivery worker under tokio's paused clock, against a scripted transport.

mod common;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use chrono::Utc;
use coloop_core::Store;
use coloop_core::delivery::{Limits, SendError, Step, Transport, Worker};
use coloop_core::domain::{GroupId, PostContent, PostId, PostTitle, Summary, TelegramId};
use coloop_core::store::Confirmed;
use coloop_core::wake::Wake;
use tokio::time::Instant;

#[derive(Default)]
struct Script {
    sent: Vec<(i64, String, Instant)>,
    attempts: Vec<(i64, Instant)>,
    /// Per chat: answers to give before succeeding.
    per_chat: HashMap<i64, VecDeque<SendError>>,
    /// Answers for the next sends, whatever the chat.
    next: VecDeque<SendError>,
    /// Chats that always fail like this.
    always: HashMap<i64, SendError>,
    next_id: i64,
}

#[derive(Clone, Default)]
struct FakeTransport(Arc<Mutex<Script>>);

impl FakeTransport {
    fn sent(&self) -> Vec<(i64, String, Instant)> {
        self.0.lock().unwrap().sent.clone()
    }
    fn attempts_to(&self, chat: i64) -> Vec<Instant> {
        self.0
            .lock()
            .unwrap()
            .attempts
            .iter()
            .filter(|(c, _)| *c == chat)
            .map(|(_, t)| *t)
            .collect()
    }
    fn script(&self, f: impl FnOnce(&mut Script)) {
        f(&mut self.0.lock().unwrap());
    }
}

impl Transport for FakeTransport {
    fn send(
        &self,
        chat_id: i64,
        _thread_id: Option<i64>,
        html: &str,
        _markup: Option<&coloop_core::message::Markup>,
    ) -> impl Future<Output = Result<i64, SendError>> + Send {
        let mut s = self.0.lock().unwrap();
        let now = Instant::now();
        s.attempts.push((chat_id, now));
        let result = if let Some(e) = s.next.pop_front() {
            Err(e)
        } else if let Some(e) = s.always.get(&chat_id) {
            Err(e.clone())
        } else if let Some(e) = s.per_chat.get_mut(&chat_id).and_then(VecDeque::pop_front) {
            Err(e)
        } else {
            s.next_id += 1;
            s.sent.push((chat_id, html.to_owned(), now));
            Ok(s.next_id)
        };
        std::future::ready(result)
    }
}

struct World {
    store: Store,
    group: GroupId,
    members: Vec<i64>,
    _dir: tempfile::TempDir,
}

async fn world(members: usize) -> World {
    let (store, group, members, dir) = common::group_with_members(1_000, members).await;
    World {
        store,
        group: group.id,
        members,
        _dir: dir,
    }
}

async fn broadcast(w: &World, parts: &[&str]) -> PostId {
    let content = PostContent::Outcome {
        title: PostTitle::parse("T").unwrap(),
        session_date: None,
        summary: Summary::parse("S").unwrap(),
    };
    let parts = coloop_core::store::RenderedPost::same_for_all(
        parts.iter().map(|p| p.to_string()).collect(),
    );
    // Written by someone who is not a member, so every member is a recipient.
    let author = TelegramId::new(1);
    let draft = w
        .store
        .create_draft(w.group, author, None, &content, &parts, Utc::now())
        .await
        .unwrap();
    match w.store.confirm_post(&draft.key, Utc::now()).await.unwrap() {
        Confirmed::Sent { post, .. } => post,
        other => panic!("{other:?}"),
    }
}

fn worker(w: &World, transport: &FakeTransport, limits: Limits) -> Worker<FakeTransport> {
    Worker::new(w.store.clone(), transport.clone(), limits, Wake::default())
}

/// Keeps tokio's paused clock from advancing on its own.
///
/// A paused clock normally jumps to the next timer whenever the runtime would wait. Here the
/// runtime waits on SQLite's worker thread for every query, and sqlx guards connection
/// acquisition with a timer: the jump would fire that timer and fail the query. A task that
/// always has work keeps the runtime from ever waiting, so time only moves when the test
/// calls `tokio::time::advance` — which makes every timing in these tests exact.
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

/// Moves the held clock forward to `until`.
async fn advance_to(until: Instant) {
    let now = Instant::now();
    if until > now {
        tokio::time::advance(until - now).await;
    }
}

/// Steps the worker, sleeping on the paused clock, until nothing is pending.
async fn drain(worker: &mut Worker<FakeTransport>, store: &Store) {
    for _ in 0..100_000 {
        match worker.try_deliver_next().await.unwrap() {
            Step::Wait(until) => advance_to(until).await,
            Step::Idle(_) => {
                if store.all_delivery_counts().await.unwrap().pending == 0 {
                    return;
                }
                tokio::time::advance(Duration::from_millis(100)).await;
            }
            _ => {}
        }
    }
    panic!("the worker did not finish");
}

fn max_in_any_second(times: &[Instant]) -> usize {
    let mut times = times.to_vec();
    times.sort();
    (0..times.len())
        .map(|i| {
            times[i..]
                .iter()
                .take_while(|t| t.duration_since(times[i]) < Duration::from_secs(1))
                .count()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(start_paused = true)]
async fn every_member_gets_each_post_once_within_the_limits() {
    let _clock = HeldClock::hold();
    let w = world(60).await;
    let first = broadcast(&w, &["<b>one</b>"]).await;
    let second = broadcast(&w, &["<b>two</b>"]).await;
    let t = FakeTransport::default();
    let mut worker = worker(&w, &t, Limits::default());
    let started = Instant::now();
    drain(&mut worker, &w.store).await;

    let sent = t.sent();
    assert_eq!(sent.len(), 120);
    for member in &w.members {
        let to_member: Vec<_> = sent.iter().filter(|(c, _, _)| c == member).collect();
        assert_eq!(to_member.len(), 2, "member {member}");
        assert!(
            to_member[1].2.duration_since(to_member[0].2) >= Duration::from_secs(1),
            "1/s per chat"
        );
    }
    let times: Vec<Instant> = sent.iter().map(|s| s.2).collect();
    assert!(
        max_in_any_second(&times) <= 30,
        "{} in one second",
        max_in_any_second(&times)
    );
    // ~30/s: 120 messages take about 4 s, not much more.
    let took = sent.last().unwrap().2.duration_since(started);
    assert!(took < Duration::from_secs(6), "{took:?}");
    for post in [first, second] {
        let counts = w.store.delivery_counts(post).await.unwrap();
        assert_eq!((counts.pending, counts.sent), (0, 60));
    }
}

#[tokio::test(start_paused = true)]
async fn flood_control_pauses_all_sending_for_retry_after() {
    let _clock = HeldClock::hold();
    let w = world(5).await;
    broadcast(&w, &["x"]).await;
    let t = FakeTransport::default();
    t.script(|s| {
        s.next
            .push_back(SendError::RetryAfter(Duration::from_secs(7)))
    });
    let mut worker = worker(&w, &t, Limits::default());
    let started = Instant::now();
    drain(&mut worker, &w.store).await;
    let sent = t.sent();
    assert_eq!(sent.len(), 5);
    assert!(
        sent.iter()
            .all(|s| s.2.duration_since(started) >= Duration::from_secs(7)),
        "nothing during the wait"
    );
}

#[tokio::test(start_paused = true)]
async fn transient_failures_back_off_then_succeed() {
    let _clock = HeldClock::hold();
    let w = world(3).await;
    let post = broadcast(&w, &["x"]).await;
    let flaky = w.members[1];
    let t = FakeTransport::default();
    t.script(|s| {
        s.per_chat.insert(
            flaky,
            VecDeque::from([
                SendError::Transient("502".into()),
                SendError::Transient("timeout".into()),
            ]),
        );
    });
    let limits = Limits::default();
    let mut worker = worker(&w, &t, limits.clone());
    drain(&mut worker, &w.store).await;
    let attempts = t.attempts_to(flaky);
    assert_eq!(attempts.len(), 3);
    assert!(attempts[1].duration_since(attempts[0]) >= limits.backoff(1));
    assert!(attempts[2].duration_since(attempts[1]) >= limits.backoff(2));
    assert_eq!(limits.backoff(2), limits.backoff(1) * 2);
    assert_eq!(w.store.delivery_counts(post).await.unwrap().sent, 3);
}

#[tokio::test(start_paused = true)]
async fn a_delivery_still_failing_at_the_give_up_age_is_marked_failed() {
    let _clock = HeldClock::hold();
    let w = world(3).await;
    let post = broadcast(&w, &["x"]).await;
    let broken = w.members[2];
    let t = FakeTransport::default();
    t.script(|s| {
        s.always.insert(
            broken,
            SendError::Transient("500 Internal Server Error".into()),
        );
    });
    let limits = Limits {
        give_up_after: Duration::from_secs(600),
        ..Limits::default()
    };
    let started = Instant::now();
    let mut worker = worker(&w, &t, limits.clone());
    drain(&mut worker, &w.store).await;
    let attempts = t.attempts_to(broken);
    // Retried with backoff (2, 4, 8… s, capped) for as long as it was young enough.
    assert!(attempts.len() >= 6, "{} tries", attempts.len());
    let last = *attempts.last().unwrap();
    assert!(last.duration_since(started) >= limits.give_up_after);
    assert!(
        attempts[attempts.len() - 2].duration_since(started) < limits.give_up_after,
        "given up at the first try past the age"
    );
    let counts = w.store.delivery_counts(post).await.unwrap();
    assert_eq!((counts.sent, counts.failed, counts.pending), (2, 1, 0));
    let error = w.store.delivery_error(post, broken).await.unwrap();
    assert_eq!(error.as_deref(), Some("500 Internal Server Error"));
}

#[tokio::test(start_paused = true)]
async fn a_blocked_recipient_is_marked_and_skipped_from_then_on() {
    let _clock = HeldClock::hold();
    let w = world(4).await;
    let first = broadcast(&w, &["one"]).await;
    let second = broadcast(&w, &["two"]).await;
    let gone = w.members[3];
    let t = FakeTransport::default();
    t.script(|s| {
        s.always.insert(
            gone,
            SendError::Blocked("Forbidden: bot was blocked by the user".into()),
        );
    });
    let mut worker = worker(&w, &t, Limits::default());
    drain(&mut worker, &w.store).await;
    assert_eq!(t.attempts_to(gone).len(), 1, "one try, then no more");
    for post in [first, second] {
        let counts = w.store.delivery_counts(post).await.unwrap();
        assert_eq!((counts.sent, counts.blocked), (3, 1));
    }
    assert!(w.store.is_blocked(TelegramId::new(gone)).await.unwrap());
    assert_eq!(
        w.store
            .recipient_count(w.group, TelegramId::new(1))
            .await
            .unwrap(),
        3
    );
}

#[tokio::test(start_paused = true)]
async fn chat_not_found_fails_the_delivery() {
    let _clock = HeldClock::hold();
    let w = world(2).await;
    let post = broadcast(&w, &["x"]).await;
    let t = FakeTransport::default();
    t.script(|s| {
        s.always.insert(
            w.members[0],
            SendError::ChatNotFound("Bad Request: chat not found".into()),
        );
    });
    let mut worker = worker(&w, &t, Limits::default());
    drain(&mut worker, &w.store).await;
    let counts = w.store.delivery_counts(post).await.unwrap();
    assert_eq!((counts.sent, counts.failed), (1, 1));
    assert_eq!(t.attempts_to(w.members[0]).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn a_long_post_arrives_in_order_and_every_part_is_traceable() {
    let _clock = HeldClock::hold();
    let w = world(2).await;
    let post = broadcast(&w, &["part 1", "part 2", "part 3"]).await;
    let t = FakeTransport::default();
    let mut worker = worker(&w, &t, Limits::default());
    drain(&mut worker, &w.store).await;
    let sent = t.sent();
    assert_eq!(sent.len(), 6);
    for member in &w.members {
        let texts: Vec<&str> = sent
            .iter()
            .filter(|(c, _, _)| c == member)
            .map(|(_, h, _)| h.as_str())
            .collect();
        assert_eq!(texts, vec!["part 1", "part 2", "part 3"]);
    }
    // Telegram's message ids (1..=6 from the fake) all lead back to the post.
    for (i, (chat, _, _)) in sent.iter().enumerate() {
        assert_eq!(
            w.store.post_of_message(*chat, i as i64 + 1).await.unwrap(),
            Some(post)
        );
    }
    assert_eq!(w.store.delivery_counts(post).await.unwrap().sent, 2);
}

#[tokio::test(start_paused = true)]
async fn a_new_worker_resumes_what_a_stopped_one_left() {
    let _clock = HeldClock::hold();
    let w = world(40).await;
    let post = broadcast(&w, &["x"]).await;
    let t = FakeTransport::default();
    {
        let mut first = worker(&w, &t, Limits::default());
        let mut sent = 0;
        while sent < 15 {
            match first.try_deliver_next().await.unwrap() {
                Step::Sent { .. } => sent += 1,
                Step::Wait(until) => advance_to(until).await,
                other => panic!("{other:?}"),
            }
        }
        // Dropped mid-broadcast, as if the process died between two steps.
    }
    let mut second = worker(&w, &t, Limits::default());
    drain(&mut second, &w.store).await;
    let sent = t.sent();
    assert_eq!(sent.len(), 40);
    let mut chats: Vec<i64> = sent.iter().map(|s| s.0).collect();
    chats.sort();
    chats.dedup();
    assert_eq!(chats.len(), 40, "everyone exactly once");
    assert_eq!(w.store.delivery_counts(post).await.unwrap().sent, 40);
}

#[tokio::test(start_paused = true)]
async fn run_until_stopped_wakes_for_new_work_and_stops_on_signal() {
    let _clock = HeldClock::hold();
    let w = world(3).await;
    let t = FakeTransport::default();
    let signal = Wake::default();
    let worker = Worker::new(
        w.store.clone(),
        t.clone(),
        Limits::default(),
        signal.clone(),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(worker.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    tokio::time::advance(Duration::from_secs(1)).await;
    broadcast(&w, &["x"]).await;
    signal.wake();
    // The worker paces its sends with timers: move the clock until all three went out.
    // (Bounded in real time: the worker also waits on SQLite, which takes real time.)
    let patience = std::time::Instant::now();
    while t.sent().len() < 3 && patience.elapsed() < Duration::from_secs(10) {
        tokio::time::advance(Duration::from_millis(5)).await;
        tokio::task::yield_now().await;
    }
    assert_eq!(t.sent().len(), 3);
    stop.send(()).unwrap();
    task.await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn an_outage_pauses_everything_and_fails_nothing() {
    let _clock = HeldClock::hold();
    let w = world(3).await;
    let post = broadcast(&w, &["x"]).await;
    let t = FakeTransport::default();
    // Ten failed tries in a row, longer than the give-up age, but none is the deliveries' fault.
    t.script(|s| {
        for _ in 0..10 {
            s.next
                .push_back(SendError::Unavailable("connection refused".into()));
        }
    });
    let limits = Limits {
        give_up_after: Duration::from_secs(30),
        ..Limits::default()
    };
    let mut worker = worker(&w, &t, limits);
    drain(&mut worker, &w.store).await;
    let counts = w.store.delivery_counts(post).await.unwrap();
    assert_eq!((counts.sent, counts.failed), (3, 0));
}

#[tokio::test(start_paused = true)]
async fn gateway_errors_to_many_messages_are_an_outage_that_fails_nothing() {
    let _clock = HeldClock::hold();
    let w = world(50).await;
    let post = broadcast(&w, &["x"]).await;
    let t = FakeTransport::default();
    let limits = Limits {
        // Shorter than the outage: were any of it charged, deliveries would fail.
        give_up_after: Duration::from_secs(120),
        ..Limits::default()
    };
    let mut worker = worker(&w, &t, limits.clone());
    // 12 go out, then every call answers 502 for ten minutes.
    let mut sent = 0;
    while sent < 12 {
        match worker.try_deliver_next().await.unwrap() {
            Step::Sent { .. } => sent += 1,
            Step::Wait(until) => advance_to(until).await,
            other => panic!("{other:?}"),
        }
    }
    let outage_start = Instant::now();
    let outage_end = outage_start + Duration::from_secs(600);
    t.script(|s| {
        s.always.extend(
            w.members
                .iter()
                .map(|m| (*m, SendError::Transient("502 Bad Gateway".into()))),
        )
    });
    let outage = worker.outage();
    for _ in 0..100_000 {
        if Instant::now() >= outage_end {
            break;
        }
        match worker.try_deliver_next().await.unwrap() {
            Step::Wait(until) => advance_to(until.min(outage_end)).await,
            Step::Idle(_) => tokio::time::advance(Duration::from_millis(100)).await,
            Step::Failed { chat_id } => panic!("{chat_id} failed during the outage"),
            _ => {}
        }
    }
    assert!(
        outage.since().is_some(),
        "the worker knows Telegram is down"
    );
    t.script(|s| s.always.clear());
    drain(&mut worker, &w.store).await;
    assert_eq!(outage.since(), None);

    let counts = w.store.delivery_counts(post).await.unwrap();
    assert_eq!((counts.sent, counts.failed, counts.pending), (50, 0, 0));
    let sent = t.sent();
    let mut chats: Vec<i64> = sent.iter().map(|s| s.0).collect();
    chats.sort();
    chats.dedup();
    assert_eq!((sent.len(), chats.len()), (50, 50), "everyone exactly once");
    // During the outage the worker probed with one message at a time, backing off to one a
    // minute: a handful of calls, not one per delivery per backoff.
    let during: Vec<Instant> = {
        let s = t.0.lock().unwrap();
        s.attempts
            .iter()
            .map(|(_, at)| *at)
            .filter(|at| *at >= outage_start && *at < outage_end)
            .collect()
    };
    assert!(
        during.len() < 30,
        "{} calls during the outage",
        during.len()
    );
    for pair in during.windows(2) {
        assert!(
            pair[1].duration_since(pair[0]) <= limits.outage_probe_cap + Duration::from_secs(1)
        );
    }
    // Sending resumed within a minute of the end.
    let first_after = sent
        .iter()
        .map(|s| s.2)
        .filter(|at| *at >= outage_end)
        .min()
        .unwrap();
    assert!(first_after.duration_since(outage_end) <= limits.outage_probe_cap);
}

#[tokio::test(start_paused = true)]
async fn a_5xx_to_one_message_while_others_go_out_is_charged_to_it_alone() {
    let _clock = HeldClock::hold();
    let w = world(6).await;
    let post = broadcast(&w, &["x"]).await;
    let broken = w.members[0];
    let t = FakeTransport::default();
    t.script(|s| {
        s.per_chat.insert(
            broken,
            VecDeque::from([
                SendError::Transient("500".into()),
                SendError::Transient("500".into()),
            ]),
        );
    });
    let mut worker = worker(&w, &t, Limits::default());
    let outage = worker.outage();
    let mut waited_for_outage = false;
    for _ in 0..10_000 {
        match worker.try_deliver_next().await.unwrap() {
            Step::Wait(until) => advance_to(until).await,
            Step::Idle(_) => {
                if w.store.all_delivery_counts().await.unwrap().pending == 0 {
                    break;
                }
                tokio::time::advance(Duration::from_millis(100)).await;
            }
            _ => {}
        }
        waited_for_outage |= outage.since().is_some();
    }
    assert!(!waited_for_outage, "one message's 5xx is no outage");
    let attempts = t.attempts_to(broken);
    assert_eq!(attempts.len(), 3);
    assert!(attempts[2].duration_since(attempts[1]) >= Limits::default().backoff(2));
    assert_eq!(w.store.delivery_counts(post).await.unwrap().sent, 6);
}

/// Log lines written while a test runs, each with the paused clock's time.
#[derive(Clone, Default)]
struct Logged(Arc<Mutex<Vec<(Instant, String)>>>);

struct LogLine(Logged, Vec<u8>);

impl std::io::Write for LogLine {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.1.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for LogLine {
    fn drop(&mut self) {
        let line = String::from_utf8_lossy(&self.1).into_owned();
        (self.0).0.lock().unwrap().push((Instant::now(), line));
    }
}

impl Logged {
    fn at(&self, needle: &str) -> Vec<Instant> {
        self.0
            .lock()
            .unwrap()
            .iter()
            .filter(|(_, line)| line.contains(needle))
            .map(|(at, _)| *at)
            .collect()
    }
}

/// One second on the paused clock, then a moment of real time for SQLite's thread to answer
/// what the worker asked, so the worker runs each second as it would.
async fn tick() {
    tokio::time::advance(Duration::from_secs(1)).await;
    tokio::task::spawn_blocking(|| std::thread::sleep(Duration::from_millis(2)))
        .await
        .unwrap();
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn while_telegram_is_down_the_worker_warns_once_a_minute_and_once_when_it_is_back() {
    let logged = Logged::default();
    let sink = logged.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .with_writer(move || LogLine(sink.clone(), Vec::new()))
        .finish();
    let _logging = tracing::subscriber::set_default(subscriber);
    let _clock = HeldClock::hold();
    let w = world(3).await;
    let t = FakeTransport::default();
    t.script(|s| {
        s.always.extend(
            w.members
                .iter()
                .map(|m| (*m, SendError::Unavailable("connection refused".into()))),
        )
    });
    let worker = Worker::new(
        w.store.clone(),
        t.clone(),
        Limits::default(),
        Wake::default(),
    );
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(worker.run_until_stopped(async move {
        let _ = stopped.await;
    }));
    let post = broadcast(&w, &["x"]).await;
    let start = Instant::now();
    // Five and a half minutes of outage, one second at a time.
    while Instant::now() < start + Duration::from_secs(330) {
        tick().await;
    }
    let began = logged.at("pausing all deliveries");
    assert_eq!(began.len(), 1, "one warning when the outage begins");
    let mut warnings = began.clone();
    warnings.extend(logged.at("Telegram unreachable since"));
    assert!(
        (5..=6).contains(&(warnings.len() - 1)),
        "{} reminders in five and a half minutes",
        warnings.len() - 1
    );
    for pair in warnings.windows(2) {
        let gap = pair[1].duration_since(pair[0]);
        assert!(
            gap >= Duration::from_secs(60) && gap <= Duration::from_secs(67),
            "reminders {gap:?} apart"
        );
    }
    assert!(t.sent().is_empty());

    // Telegram answers again: one line says so, the post goes out, the reminders stop.
    t.script(|s| s.always.clear());
    let back = Instant::now();
    let patience = std::time::Instant::now();
    while w.store.delivery_counts(post).await.unwrap().sent < 3
        && patience.elapsed() < Duration::from_secs(10)
    {
        tick().await;
    }
    assert_eq!(w.store.delivery_counts(post).await.unwrap().sent, 3);
    assert_eq!(t.sent().len(), 3);
    // Probes back off to one a minute at most.
    assert!(
        back.elapsed() <= Duration::from_secs(70),
        "{:?}",
        back.elapsed()
    );
    assert_eq!(logged.at("Telegram reachable again").len(), 1);
    let reminders = logged.at("Telegram unreachable since").len();
    for _ in 0..180 {
        tick().await;
    }
    assert_eq!(
        logged.at("Telegram unreachable since").len(),
        reminders,
        "no reminder once it is back"
    );
    stop.send(()).unwrap();
    task.await.unwrap();
}
