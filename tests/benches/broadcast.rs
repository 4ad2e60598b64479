//! Broadcast benchmark: the real `coloop` binary, as a child process, works off a broadcast to
//! N members through the fake Telegram Bot API.
//!
//! ```sh
//! cargo bench -p coloop-e2e --bench broadcast                 # 2,000 members, both modes, 3 runs
//! cargo bench -p coloop-e2e --bench broadcast -- --full       # 10,000 members (~6 min a limited run)
//! cargo bench -p coloop-e2e --bench broadcast -- --members 5000 --mode unlimited --runs 5
//! ```
//!
//! Modes: `limited` — the fake enforces Telegram's limits (30/s, 1/s per chat) and the bot
//! runs with its defaults: reports messages/s and the 429s it provoked; `unlimited` — the
//! limits are lifted on both sides (a local Bot API server): reports raw throughput. Both
//! report the bot process's peak resident memory (VmHWM). Each mode is measured `--runs` times
//! (3 by default), then the median and spread of each figure are shown.
//!
//! In `limited` mode each run also measures the peer, the way most teloxide bots broadcast
//! (every message handed at once to teloxide's `Throttle` adaptor, an in-memory queue; see
//! `broadcast/peer.rs`), against its own fake with the same limits and at the same time
//! (neither needs much CPU at 30 messages/s): messages/s, 429s and peak RSS side by side, and
//! the ratio. Then, once, both are killed (`SIGKILL`) halfway through a broadcast to
//! `--crash-members` (300) members and started again: how many members got nothing, and how
//! many got the post twice. coloop resumes from its outbox; the peer has nothing to resume
//! from, so after its restart it either sends the broadcast again (a second copy for everyone
//! reached before the kill) or not (nothing for everyone after): both are shown.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use coloop_core::Store;
use coloop_e2e::bench::{self, Args, Figure};
use coloop_e2e::fake_api::{FakeTelegram, RateLimits};
use coloop_e2e::fixtures;
use coloop_e2e::process::{proc_kib, release_binary};

#[path = "broadcast/peer.rs"]
mod peer;

const TOKEN: &str = "123456789:BENCHtokenBENCHtokenBENCHtokenBE_-1";

/// The default size keeps `cargo bench` short: under Telegram's limits (30 messages/s) a
/// limited run takes members / 30 seconds.
const MEMBERS: usize = 2_000;
const FULL_MEMBERS: usize = 10_000;
/// Members of the broadcast that is killed halfway.
const CRASH_MEMBERS: usize = 300;

/// The outcome's summary.
fn summary() -> String {
    "We agreed on three rain tanks by the school. ".repeat(10)
}

/// The post as members get it (coloop renders the fixture's outcome so; the peer sends it).
fn text() -> String {
    format!("📣 <b>Session outcome · Bench</b>\n\n{}", summary())
}

fn modes(args: &Args) -> Vec<&'static str> {
    match args.value::<String>("--mode").as_deref() {
        None | Some("both") => vec!["limited", "unlimited"],
        Some("limited") => vec!["limited"],
        Some("unlimited") => vec!["unlimited"],
        Some(other) => panic!("--mode limited|unlimited|both, not {other}"),
    }
}

struct Outcome {
    rate: f64,
    refused: usize,
    peak_mib: f64,
    wall: Duration,
}

/// A fake Telegram with `members` who started the bot, and their chat ids.
async fn fake_with_members(members: usize, limited: bool) -> (FakeTelegram, Vec<i64>) {
    let tg = FakeTelegram::start(TOKEN, "coloop_bench_bot").await;
    let ids = (0..members)
        .map(|i| {
            let id = tg.add_user(&format!("Member {i}"), None, Some("en"));
            tg.user_started_bot(id);
            id
        })
        .collect();
    if limited {
        tg.enforce_rate_limits(RateLimits::default());
    }
    (tg, ids)
}

/// A database with a group of `members` (who join `tg` too) and an outcome queued for all;
/// their chat ids.
async fn queued(tg: &FakeTelegram, dir: &Path, members: usize) -> (PathBuf, Vec<i64>) {
    let database = dir.join("coloop.db");
    let store = Store::open_and_migrate(&database).await.expect("store");
    let group = fixtures::group(&store, "bench", "Bench").await;
    let ids = fixtures::join_members(&store, tg, &group, members).await;
    let recipients = fixtures::queue_outcome(&store, &group, &summary()).await;
    assert_eq!(recipients as usize, members);
    store.close().await;
    (database, ids)
}

fn start_bot(binary: &Path, tg: &FakeTelegram, database: &Path, limited: bool) -> Child {
    Command::new(binary)
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", database)
        .env("RUST_LOG", "warn")
        .envs(if limited {
            vec![]
        } else {
            vec![
                ("COLOOP_RATE_PER_SECOND", "100000"),
                ("COLOOP_PRIVATE_CHAT_INTERVAL_MS", "0"),
            ]
        })
        .stdout(Stdio::null())
        .spawn()
        .expect("start coloop")
}

/// Messages/s between the first and the last message that reached a member.
fn rate(tg: &FakeTelegram) -> f64 {
    let sends: Vec<_> = tg
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.is_ok())
        .collect();
    let first = sends.first().expect("sends").at;
    let last = sends.last().expect("sends").at;
    let span = last.duration_since(first).as_secs_f64().max(1e-9);
    (sends.len() as f64 - 1.0) / span
}

/// Polls every 250 ms until `done`, keeping the child's peak RSS (KiB); panics if it exits
/// first (unless `exits` says it may).
async fn watch(child: &mut Child, exits: bool, mut done: impl AsyncFnMut() -> bool) -> u64 {
    let mut peak = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        peak = peak.max(proc_kib(child.id(), "VmHWM:").unwrap_or(0));
        if done().await {
            return peak;
        }
        if let Ok(Some(status)) = child.try_wait() {
            assert!(exits, "the child exited early: {status}");
            return peak;
        }
    }
}

async fn run(binary: &Path, mode: &'static str, members: usize) -> Outcome {
    let limited = mode == "limited";
    let (tg, _) = fake_with_members(0, false).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, _) = queued(&tg, dir.path(), members).await;
    let store = Store::open(&database).await.expect("store");
    if limited {
        tg.enforce_rate_limits(RateLimits::default());
    }
    let mut child = start_bot(binary, &tg, &database, limited);
    let started = Instant::now();
    let peak = watch(&mut child, false, async || {
        store.all_delivery_counts().await.expect("counts").pending == 0
    })
    .await;
    let peak = peak.max(proc_kib(child.id(), "VmHWM:").unwrap_or(0));
    let wall = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();
    Outcome {
        rate: rate(&tg),
        refused: tg.rate_limited_calls(),
        peak_mib: peak as f64 / 1024.0,
        wall,
    }
}

/// The peer broadcasts the same post to `members` under the same limits.
async fn run_peer(members: usize) -> Outcome {
    let (tg, ids) = fake_with_members(members, true).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let mut child = peer::start(&tg.api_url(), TOKEN, &text(), &ids, dir.path());
    let peak = watch(&mut child, true, async || false).await;
    let wall = started.elapsed();
    let status = child.wait().expect("the peer");
    assert!(status.success(), "the peer failed to send some: {status}");
    Outcome {
        rate: rate(&tg),
        refused: tg.rate_limited_calls(),
        peak_mib: peak as f64 / 1024.0,
        wall,
    }
}

/// How many of `ids` got nothing, and how many got the post more than once.
fn nothing_and_twice(tg: &FakeTelegram, ids: &[i64]) -> (usize, usize) {
    let mut got: HashMap<i64, usize> = ids.iter().map(|id| (*id, 0)).collect();
    for call in tg.calls_to("sendMessage").iter().filter(|c| c.is_ok()) {
        if let Some(n) = call.chat_id().and_then(|chat| got.get_mut(&chat)) {
            *n += 1;
        }
    }
    (
        got.values().filter(|n| **n == 0).count(),
        got.values().filter(|n| **n > 1).count(),
    )
}

/// Waits until half the members have the post.
async fn halfway(tg: &FakeTelegram, child: &mut Child, members: usize) {
    let half = members / 2;
    watch(child, false, async || {
        tg.calls_to("sendMessage")
            .iter()
            .filter(|c| c.is_ok())
            .count()
            >= half
    })
    .await;
}

/// coloop killed halfway through a broadcast and started again: (got nothing, got two).
async fn crash(binary: &Path, members: usize) -> (usize, usize) {
    let (tg, _) = fake_with_members(0, false).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let (database, ids) = queued(&tg, dir.path(), members).await;
    tg.enforce_rate_limits(RateLimits::default());
    let mut child = start_bot(binary, &tg, &database, true);
    halfway(&tg, &mut child, members).await;
    let _ = child.kill();
    let _ = child.wait();
    let store = Store::open(&database).await.expect("store");
    let mut child = start_bot(binary, &tg, &database, true);
    watch(&mut child, false, async || {
        store.all_delivery_counts().await.expect("counts").pending == 0
    })
    .await;
    let _ = child.kill();
    let _ = child.wait();
    nothing_and_twice(&tg, &ids)
}

/// The peer killed halfway and started again, sending the broadcast again: (reached before
/// the kill, got nothing, got two).
async fn crash_peer(members: usize) -> (usize, usize, usize) {
    let (tg, ids) = fake_with_members(members, true).await;
    let dir = tempfile::tempdir().expect("temp dir");
    let mut child = peer::start(&tg.api_url(), TOKEN, &text(), &ids, dir.path());
    halfway(&tg, &mut child, members).await;
    let _ = child.kill();
    let _ = child.wait();
    let reached = members - nothing_and_twice(&tg, &ids).0;
    let mut child = peer::start(&tg.api_url(), TOKEN, &text(), &ids, dir.path());
    watch(&mut child, true, async || false).await;
    let _ = child.wait();
    let (nothing, twice) = nothing_and_twice(&tg, &ids);
    (reached, nothing, twice)
}

fn main() {
    peer::run_if_child();
    let args = Args::from_env();
    let members = args.value("--members").unwrap_or(if args.flag("--full") {
        FULL_MEMBERS
    } else {
        MEMBERS
    });
    let crash_members = args.value("--crash-members").unwrap_or(CRASH_MEMBERS);
    let binary = release_binary();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for mode in modes(&args) {
        let title = format!("broadcast, {mode}, {members} members");
        bench::repeat(&title, args.runs(), |_| {
            if mode == "unlimited" {
                let o = runtime.block_on(run(&binary, mode, members));
                return vec![
                    Figure::new("sent", o.rate, "messages/s", 1),
                    Figure::new("bot peak RSS", o.peak_mib, "MiB", 1),
                    Figure::new("wall time", o.wall.as_secs_f64(), "s", 1),
                ];
            }
            let (o, p) = runtime
                .block_on(async { tokio::join!(run(&binary, mode, members), run_peer(members)) });
            vec![
                Figure::new("coloop: sent", o.rate, "messages/s", 1),
                Figure::new("coloop: 429s", o.refused as f64, "", 0),
                Figure::new("coloop: peak RSS", o.peak_mib, "MiB", 1),
                Figure::new("coloop: wall time", o.wall.as_secs_f64(), "s", 1),
                Figure::new("Throttle peer: sent", p.rate, "messages/s", 1),
                Figure::new("Throttle peer: 429s", p.refused as f64, "", 0),
                Figure::new("Throttle peer: peak RSS", p.peak_mib, "MiB", 1),
                Figure::new("Throttle peer: wall time", p.wall.as_secs_f64(), "s", 1),
                Figure::new("ratio coloop / peer: messages/s", o.rate / p.rate, "", 2),
                Figure::new(
                    "ratio coloop / peer: peak RSS",
                    o.peak_mib / p.peak_mib,
                    "",
                    2,
                ),
            ]
        });
        if mode == "limited" {
            crashes(&runtime, &binary, crash_members);
        }
    }
}

/// Both killed halfway and restarted, once (the counts are whole members, the same each time,
/// and `cargo bench` must stay short).
fn crashes(runtime: &tokio::runtime::Runtime, binary: &Path, members: usize) {
    let title = format!("broadcast, limited, {members} members, killed halfway and restarted");
    bench::repeat(&title, 1, |_| {
        let ((nothing, twice), (reached, peer_nothing, peer_twice)) =
            runtime.block_on(async { tokio::join!(crash(binary, members), crash_peer(members)) });
        vec![
            Figure::new("coloop: got nothing", nothing as f64, "members", 0),
            Figure::new("coloop: got two", twice as f64, "members", 0),
            Figure::new(
                "peer, not sent again: got nothing",
                (members - reached) as f64,
                "members",
                0,
            ),
            Figure::new(
                "peer, sent again: got nothing",
                peer_nothing as f64,
                "members",
                0,
            ),
            Figure::new("peer, sent again: got two", peer_twice as f64, "members", 0),
        ]
    });
}
