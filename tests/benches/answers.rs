//! Survey-answer benchmark: the real `coloop` binary, as a child process, takes survey
//! answers from N members pressing buttons at once, through the fake Telegram Bot API.
//!
//! ```sh
//! cargo bench -p coloop-e2e --bench answers                   # 5,000 members, 1,000 presses/s, 3 runs
//! cargo bench -p coloop-e2e --bench answers -- --members 2000 --rate 500 --runs 5
//! cargo bench -p coloop-e2e --bench answers -- --binary /tmp/coloop-before   # compare builds
//! cargo bench -p coloop-e2e --bench answers -- --timeline   # steady latency every 250 ms
//! ```
//!
//! Setup: a group of N members, an outcome and a two-question survey (rating, then yes/no)
//! sent to all of them; the bot runs with the delivery limits lifted and the outbox is drained
//! before anything is measured. Then:
//!
//! - **burst**: every member presses "4" on the rating question at once. Reports answers
//!   committed per second (N / (last commit − first press), the commit seen by polling the
//!   database every 20 ms) and checks that N answers are stored and N second questions sent.
//! - **steady**: members press "Yes" on the second (last) question, paced at R per second.
//!   Per press, the handling latency is the arrival of the bot's last call for it at the fake
//!   (the "thank you" sendMessage) minus the moment the press was queued: it includes the
//!   long-polling round trip (getUpdates), as a member's wait does.
//!
//! The steady latency is also shown stage by stage (the press taken by a getUpdates, the
//! toast, the edited question, the thanks), and the CPU time the bot and this process (the
//! fake Bot API) used in each phase. The bot's peak resident memory (VmHWM) is reported too,
//! and for the burst how the work was grouped: presses per getUpdates answer, and the answer
//! writer's transactions and writes per transaction (from the bot's `/metrics`).
//! Everything is measured `--runs` times (3 by default, about 20 s each), then the median and
//! spread of each figure are shown.

use std::collections::HashMap;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use coloop_core::Store;
use coloop_core::command::{Callback, Press};
use coloop_core::domain::{SurveyId, TelegramId};
use coloop_core::message::{Button, Markup};
use coloop_core::store::{
    ConfirmedSurvey, NewSurvey, RenderedSurvey, SurveyMessage, SurveyRendering,
};
use coloop_core::survey::SurveySpec;
use coloop_e2e::bench::{self, Args, Figure};
use coloop_e2e::fake_api::{Call, FakeTelegram};
use coloop_e2e::fixtures;
use coloop_e2e::process::{proc_kib, release_binary};

const TOKEN: &str = "123456789:BENCHtokenBENCHtokenBENCHtokenBE_-1";
/// How long any phase may take before the bench gives up.
const PATIENCE: Duration = Duration::from_secs(300);

struct Settings {
    members: usize,
    rate: u32,
    /// Print the steady latency for every 250 ms of presses (to see pauses).
    timeline: bool,
}

impl Settings {
    fn new(args: &Args) -> Self {
        let settings = Self {
            members: args.value("--members").unwrap_or(5_000),
            rate: args.value("--rate").unwrap_or(1_000),
            timeline: args.flag("--timeline"),
        };
        assert!(
            settings.members > 0 && settings.rate > 0,
            "--members and --rate must be positive"
        );
        settings
    }
}

struct Outcome {
    members: usize,
    /// Burst: answers committed per second.
    burst_rate: f64,
    /// Burst: first press → last answer committed.
    burst_commit: Duration,
    /// Burst: first press → last second question sent.
    burst_done: Duration,
    /// Burst: second questions sent, stored answers.
    next_questions: usize,
    stored: i64,
    /// Steady: the rate the presser achieved (the offered one is `--rate`).
    offered: f64,
    /// Steady: latencies from the press being queued to each of the bot's calls for it,
    /// sorted; the last stage (the thank-you sendMessage) is the handling latency.
    stages: [(&'static str, Vec<Duration>); 4],
    /// CPU used by the bot and by this process (the fake API) in each phase.
    burst_cpu: (Duration, Duration),
    steady_cpu: (Duration, Duration),
    steady_wall: Duration,
    /// Most sockets the bot had open during the burst.
    peak_sockets: usize,
    /// Burst: the answer writer's transactions and the writes (answers, questions sent) in them.
    burst_batches: (f64, f64),
    /// Burst: getUpdates answers that carried presses.
    burst_polls: usize,
    peak_mib: f64,
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Whether a call carries an inline button with exactly this callback data.
fn has_button(call: &Call, data: &str) -> bool {
    call.params.get("reply_markup").is_some_and(|markup| {
        markup
            .get("inline_keyboard")
            .and_then(|rows| rows.as_array())
            .into_iter()
            .flatten()
            .filter_map(|row| row.as_array())
            .flatten()
            .any(|b| b.get("callback_data").and_then(|d| d.as_str()) == Some(data))
    })
}

/// The message (id) in each chat whose buttons include `data`: the newest one.
fn messages_with_button(tg: &FakeTelegram, data: &str) -> HashMap<i64, i64> {
    tg.all_bot_messages()
        .into_iter()
        .filter(|m| {
            m.buttons()
                .iter()
                .any(|(_, d, _)| d.as_deref() == Some(data))
        })
        .map(|m| (m.chat_id, m.message_id))
        .collect()
}

/// CPU time (user + system) a process used so far, from `/proc/<pid>/stat` (Linux; USER_HZ
/// taken as 100).
fn cpu_time(pid: &str) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces) in parentheses.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map(|(_, rest)| rest.split_whitespace().collect())
        .unwrap_or_default();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|i| fields.get(*i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Open sockets of a process.
fn sockets(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter(|e| {
                    std::fs::read_link(e.path())
                        .is_ok_and(|l| l.to_string_lossy().starts_with("socket:"))
                })
                .count()
        })
        .unwrap_or(0)
}

/// How many presses with this callback data a getUpdates answer carried.
fn presses_in(poll: &Call, data: &str) -> usize {
    poll.response
        .get("result")
        .and_then(|r| r.as_array())
        .into_iter()
        .flatten()
        .filter(|u| u.pointer("/callback_query/data").and_then(|d| d.as_str()) == Some(data))
        .count()
}

/// A free local port (for the bot's HTTP server).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// The bot's `/metrics`, read for the answer writer's batches.
struct Metrics {
    client: reqwest::Client,
    url: String,
}

impl Metrics {
    fn new(port: u16) -> Self {
        Self {
            client: reqwest::Client::new(),
            url: format!("http://127.0.0.1:{port}/metrics"),
        }
    }

    /// The answer writer's transactions and writes so far (`coloop_answer_batch_size`'s count
    /// and sum).
    async fn batches(&self) -> (f64, f64) {
        let text = match self.client.get(&self.url).send().await {
            Ok(response) => response.text().await.unwrap_or_default(),
            Err(e) => panic!("GET {}: {e}", self.url),
        };
        let value = |name: &str| {
            text.lines()
                .find_map(|line| line.strip_prefix(name)?.trim().parse().ok())
                .unwrap_or(0.0)
        };
        (
            value("coloop_answer_batch_size_count "),
            value("coloop_answer_batch_size_sum "),
        )
    }
}

/// Waits until the bot made `count` sendMessage calls in all. Polls (cheaply: reading the
/// fake's calls holds its lock, which would slow the bot down).
async fn wait_for_sends(tg: &FakeTelegram, child: &mut Child, count: usize) {
    let since = Instant::now();
    loop {
        let sent = tg.call_count("sendMessage");
        if sent >= count {
            return;
        }
        check_alive(child);
        assert!(
            since.elapsed() < PATIENCE,
            "{sent} of {count} messages sent"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn check_alive(child: &mut Child) {
    if let Ok(Some(status)) = child.try_wait() {
        panic!("coloop exited early: {status}");
    }
}

/// A two-question survey about the group's latest post, rendered with the real rating
/// buttons and sent (its first question is queued for every member).
async fn send_survey(store: &Store, group: &coloop_core::store::Group) -> (SurveyId, i64) {
    let (post, _) = store
        .survey_post(group.id, None)
        .await
        .expect("survey post")
        .expect("a sent post");
    let spec = SurveySpec::parse("Bench", "rating: Useful?\nyesno: Again?").expect("spec");
    let draft = store
        .create_survey_draft(
            &NewSurvey {
                group: group.id,
                post,
                author: TelegramId::new(1),
                source: None,
                spec: &spec,
                closes_at: None,
                closes_after: None,
                rendered: &RenderedSurvey::default(),
            },
            Utc::now(),
        )
        .await
        .expect("survey draft");
    let buttons = (1..=5u8)
        .map(|n| Button {
            text: n.to_string(),
            data: Callback::Answer {
                survey: draft.id,
                question: 0,
                press: Press::Rating(n),
            }
            .encode(),
        })
        .collect();
    let mut rendered = RenderedSurvey::default();
    rendered.insert(
        "en",
        SurveyRendering {
            first: SurveyMessage {
                html: format!(
                    "📋 <b>Survey · {}</b>\n\n<b>1/2.</b> Useful?",
                    group.name.as_str()
                ),
                markup: Some(Markup::Buttons(vec![buttons])),
            },
            reminder: SurveyMessage {
                html: "⏰ The survey “Bench” waits for you.".into(),
                markup: None,
            },
        },
    );
    store
        .set_survey_rendering(draft.id, &rendered)
        .await
        .expect("rendering");
    match store
        .confirm_survey(&draft.key, Utc::now())
        .await
        .expect("confirm survey")
    {
        ConfirmedSurvey::Sent { recipients, .. } => (draft.id, recipients),
        other => panic!("survey not sent: {other:?}"),
    }
}

async fn run(binary: &Path, args: &Settings) -> Outcome {
    let (members, rate) = (args.members, args.rate);
    eprintln!("setting up {members} members and a survey…");
    let tg = FakeTelegram::start(TOKEN, "coloop_bench_bot").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("coloop.db");
    let store = Store::open_and_migrate(&database).await.expect("store");
    let group = fixtures::group(&store, "bench", "Bench").await;
    let ids = fixtures::join_members(&store, &tg, &group, members).await;
    let recipients =
        fixtures::queue_outcome(&store, &group, "We agreed on three rain tanks.").await;
    assert_eq!(recipients as usize, members);
    let (survey, recipients) = send_survey(&store, &group).await;
    assert_eq!(recipients as usize, members);
    let press = |question: u8, press: Press| {
        Callback::Answer {
            survey,
            question,
            press,
        }
        .encode()
    };
    let (rating_4, yes) = (press(0, Press::Rating(4)), press(1, Press::Yes));

    let port = free_port();
    let mut child: Child = Command::new(binary)
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", &database)
        .env("RUST_LOG", "warn")
        .env("COLOOP_RATE_PER_SECOND", "100000")
        .env("COLOOP_PRIVATE_CHAT_INTERVAL_MS", "0")
        .env("COLOOP_HTTP_LISTEN", format!("127.0.0.1:{port}"))
        .stdout(Stdio::null())
        .spawn()
        .expect("start coloop");
    let pid = child.id();
    let metrics = Metrics::new(port);
    let drained = Instant::now();
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        if store.all_delivery_counts().await.expect("counts").pending == 0 {
            break;
        }
        check_alive(&mut child);
        assert!(drained.elapsed() < PATIENCE, "the outbox never drained");
    }
    eprintln!(
        "outbox drained in {:.1} s; burst…",
        drained.elapsed().as_secs_f64()
    );
    let firsts = messages_with_button(&tg, &rating_4);
    assert_eq!(firsts.len(), members, "every member has the first question");

    // ---- burst: everyone presses "4" at once ----
    let bot_pid = pid.to_string();
    let (bot_cpu, bench_cpu) = (cpu_time(&bot_pid), cpu_time("self"));
    let mut peak_sockets = 0;
    let sent_before = tg.call_count("sendMessage");
    let batches_before = metrics.batches().await;
    let started = Instant::now();
    for id in &ids {
        tg.press_button(*id, *id, firsts[id], &rating_4);
    }
    let mut polls = 0u32;
    let committed = loop {
        tokio::time::sleep(Duration::from_millis(20)).await;
        // Counting the bot's sockets reads every one of its file descriptors in /proc: every
        // 100 ms is enough for the peak, and leaves the two cores to what is measured.
        polls += 1;
        if polls % 5 == 1 {
            peak_sockets = peak_sockets.max(sockets(pid));
        }
        let (answers, _) = store.survey_answer_counts(survey).await.expect("counts");
        if answers as usize >= members {
            break started.elapsed();
        }
        check_alive(&mut child);
        assert!(
            started.elapsed() < PATIENCE,
            "only {answers} answers stored"
        );
    };
    wait_for_sends(&tg, &mut child, sent_before + members).await;
    let burst_cpu = (cpu_time(&bot_pid) - bot_cpu, cpu_time("self") - bench_cpu);
    let batches = metrics.batches().await;
    let burst_batches = (batches.0 - batches_before.0, batches.1 - batches_before.1);
    let burst_polls = tg
        .calls_to("getUpdates")
        .iter()
        .filter(|poll| presses_in(poll, &rating_4) > 0)
        .count();
    // Anything late or doubled would show now.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let second: Vec<Call> = tg
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.is_ok() && has_button(c, &yes))
        .collect();
    let burst_done = second
        .iter()
        .map(|c| c.at.duration_since(started))
        .max()
        .unwrap_or_default();
    let (stored, _) = store.survey_answer_counts(survey).await.expect("counts");
    assert_eq!(stored as usize, members, "one answer per member");
    assert_eq!(second.len(), members, "one second question per member");
    let asked: std::collections::HashSet<_> = second.iter().filter_map(Call::chat_id).collect();
    assert_eq!(
        asked.len(),
        members,
        "every member asked the second question"
    );

    // ---- steady: "Yes" on the last question, R per second ----
    eprintln!("steady, {rate} presses/s…");
    let seconds = messages_with_button(&tg, &yes);
    assert_eq!(
        seconds.len(),
        members,
        "every member has the second question"
    );
    let interval = Duration::from_secs_f64(1.0 / f64::from(rate));
    let mut queued: HashMap<i64, Instant> = HashMap::with_capacity(members);
    let (bot_cpu, bench_cpu) = (cpu_time(&bot_pid), cpu_time("self"));
    let sent_before = tg.call_count("sendMessage");
    let steady = Instant::now();
    let mut next = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    while next < ids.len() {
        tick.tick().await;
        let due = (steady.elapsed().as_secs_f64() / interval.as_secs_f64()) as usize + 1;
        while next < due.min(ids.len()) {
            let id = ids[next];
            queued.insert(id, Instant::now());
            tg.press_button(id, id, seconds[&id], &yes);
            next += 1;
        }
    }
    let offered = members as f64 / steady.elapsed().as_secs_f64();
    let thanks = |tg: &FakeTelegram| -> Vec<Call> {
        tg.calls_to("sendMessage")
            .into_iter()
            .filter(|c| c.is_ok() && c.param_str("text").is_some_and(|t| t.contains("Thank you")))
            .collect()
    };
    wait_for_sends(&tg, &mut child, sent_before + members).await;
    let steady_wall = steady.elapsed();
    let steady_cpu = (cpu_time(&bot_pid) - bot_cpu, cpu_time("self") - bench_cpu);
    let peak = proc_kib(pid, "VmHWM:").unwrap_or(0);
    let _ = child.kill();
    let _ = child.wait();

    // Per press, when the bot's calls for it arrived, stage by stage.
    let after_press = |calls: Vec<(i64, Instant)>| -> Vec<Duration> {
        let mut last: HashMap<i64, Instant> = HashMap::new();
        for (chat, at) in calls {
            if queued.get(&chat).is_some_and(|queued| at >= *queued) {
                let entry = last.entry(chat).or_insert(at);
                *entry = (*entry).max(at);
            }
        }
        let mut latencies: Vec<Duration> = last
            .into_iter()
            .map(|(chat, at)| at.duration_since(queued[&chat]))
            .collect();
        latencies.sort();
        latencies
    };
    let by_chat = |calls: Vec<Call>| -> Vec<(i64, Instant)> {
        calls
            .into_iter()
            .filter_map(|c| Some((c.chat_id()?, c.at)))
            .collect()
    };
    // Taken: the bot asks for more updates right after it got a batch, so the next getUpdates
    // arrives when the bot has this press (a call is recorded once answered: the last batch,
    // whose next getUpdates still waits, is left out).
    let polls = tg.calls_to("getUpdates");
    let mut presses: HashMap<String, i64> = HashMap::new();
    let mut taken = Vec::new();
    let nexts = polls.iter().skip(1).map(Some).chain([None]);
    for (poll, next) in polls.iter().zip(nexts) {
        let updates = poll.response.get("result").and_then(|r| r.as_array());
        for query in updates
            .into_iter()
            .flatten()
            .filter_map(|u| u.get("callback_query"))
        {
            let data = query.get("data").and_then(|d| d.as_str());
            let id = query.get("id").and_then(|d| d.as_str());
            let from = query.pointer("/from/id").and_then(|d| d.as_i64());
            if let (Some(data), Some(id), Some(from)) = (data, id, from)
                && data == yes
            {
                presses.insert(id.to_owned(), from);
                taken.extend(next.map(|next| (from, next.at)));
            }
        }
    }
    let toasts: Vec<(i64, Instant)> = tg
        .calls_to("answerCallbackQuery")
        .into_iter()
        .filter_map(|c| Some((*presses.get(&c.param_str("callback_query_id")?)?, c.at)))
        .collect();
    // The pressed message edited to show the answer.
    let edits = by_chat(
        tg.calls_to("editMessageText")
            .into_iter()
            .filter(|c| {
                let chat = c.chat_id().and_then(|chat| seconds.get(&chat));
                c.is_ok()
                    && chat.is_some()
                    && c.params.get("message_id").and_then(|m| m.as_i64()) == chat.copied()
            })
            .collect(),
    );
    let thanked = by_chat(thanks(&tg));
    assert_eq!(thanked.len(), members, "one thank-you per member");
    if args.timeline {
        let mut slices: std::collections::BTreeMap<u128, Vec<Duration>> = Default::default();
        for (chat, at) in &thanked {
            let pressed = queued[chat];
            slices
                .entry(pressed.duration_since(steady).as_millis() / 250)
                .or_default()
                .push(at.duration_since(pressed));
        }
        eprintln!("steady latency by when the press was queued:");
        for (slice, mut latencies) in slices {
            latencies.sort();
            eprintln!(
                "  {:>5} ms: {:>4} presses, p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
                slice * 250,
                latencies.len(),
                ms(percentile(&latencies, 50.0)),
                ms(percentile(&latencies, 99.0)),
                ms(percentile(&latencies, 100.0))
            );
        }
    }
    let stages = [
        ("taken (next getUpdates)", after_press(taken)),
        ("answerCallbackQuery", after_press(toasts)),
        ("editMessageText", after_press(edits)),
        ("thank-you sendMessage", after_press(thanked)),
    ];
    // The bot's last getUpdates is still waiting: the last batch has no "taken" time.
    for (stage, latencies) in &stages[1..] {
        assert_eq!(latencies.len(), members, "{stage}: one per member");
    }

    Outcome {
        members,
        burst_rate: members as f64 / committed.as_secs_f64(),
        burst_commit: committed,
        burst_done,
        next_questions: second.len(),
        stored,
        offered,
        stages,
        burst_cpu,
        steady_cpu,
        steady_wall,
        peak_sockets,
        burst_batches,
        burst_polls,
        peak_mib: peak as f64 / 1024.0,
    }
}

fn figures(o: &Outcome) -> Vec<Figure> {
    let secs = |name: &str, d: Duration| Figure::new(name, d.as_secs_f64(), "s", 2);
    let mut figures = vec![
        Figure::new("burst: answers committed", o.burst_rate, "answers/s", 0),
        secs("burst: last commit", o.burst_commit),
        secs("burst: last next question", o.burst_done),
        secs("burst: CPU of the bot", o.burst_cpu.0),
        secs("burst: CPU of the fake/bench", o.burst_cpu.1),
        Figure::new("burst: bot sockets at most", o.peak_sockets as f64, "", 0),
        Figure::new(
            "burst: getUpdates with presses",
            o.burst_polls as f64,
            "",
            0,
        ),
        Figure::new(
            "burst: presses per getUpdates",
            o.members as f64 / o.burst_polls.max(1) as f64,
            "",
            1,
        ),
        Figure::new("burst: writer transactions", o.burst_batches.0, "", 0),
        Figure::new(
            "burst: writes (answers, questions sent) per transaction",
            o.burst_batches.1 / o.burst_batches.0.max(1.0),
            "",
            1,
        ),
        Figure::new("steady: offered", o.offered, "presses/s", 0),
    ];
    // The last stage, the thank-you, is the handling latency.
    for (stage, latencies) in &o.stages {
        for (name, p) in [("p50", 50.0), ("p99", 99.0), ("max", 100.0)] {
            figures.push(Figure::new(
                format!("steady: press queued → {stage}, {name}"),
                ms(percentile(latencies, p)),
                "ms",
                1,
            ));
        }
    }
    figures.extend([
        secs("steady: wall time", o.steady_wall),
        secs("steady: CPU of the bot", o.steady_cpu.0),
        secs("steady: CPU of the fake/bench", o.steady_cpu.1),
        Figure::new("bot peak RSS", o.peak_mib, "MiB", 1),
    ]);
    figures
}

fn main() {
    let args = Args::from_env();
    let settings = Settings::new(&args);
    // `--binary PATH`: a `coloop` binary to run instead of the release one (to compare builds).
    let binary = args
        .value::<std::path::PathBuf>("--binary")
        .unwrap_or_else(release_binary);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let title = format!(
        "answers, {} members, steady at {}/s",
        settings.members, settings.rate
    );
    bench::repeat(&title, args.runs(), |_| {
        let o = runtime.block_on(run(&binary, &settings));
        eprintln!(
            "checks: {} answers stored to question 1 for {} members; {} second questions sent",
            o.stored, o.members, o.next_questions
        );
        figures(&o)
    });
}
