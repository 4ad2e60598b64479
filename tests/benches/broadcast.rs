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

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use coloop_core::Store;
use coloop_e2e::bench::{self, Args, Figure};
use coloop_e2e::fake_api::{FakeTelegram, RateLimits};
use coloop_e2e::fixtures;
use coloop_e2e::process::{proc_kib, release_binary};

const TOKEN: &str = "123456789:BENCHtokenBENCHtokenBENCHtokenBE_-1";

/// The default size keeps `cargo bench` short: under Telegram's limits (30 messages/s) a
/// limited run takes members / 30 seconds.
const MEMBERS: usize = 2_000;
const FULL_MEMBERS: usize = 10_000;

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

async fn run(binary: &Path, mode: &'static str, members: usize) -> Outcome {
    let tg = FakeTelegram::start(TOKEN, "coloop_bench_bot").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("coloop.db");
    let store = Store::open_and_migrate(&database).await.expect("store");
    let group = fixtures::group(&store, "bench", "Bench").await;
    fixtures::join_members(&store, &tg, &group, members).await;
    let recipients = fixtures::queue_outcome(
        &store,
        &group,
        &"We agreed on three rain tanks by the school. ".repeat(10),
    )
    .await;
    assert_eq!(recipients as usize, members);

    let mut child: Child = Command::new(binary)
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", &database)
        .env("RUST_LOG", "warn")
        .envs(if mode == "limited" {
            vec![]
        } else {
            vec![
                ("COLOOP_RATE_PER_SECOND", "100000"),
                ("COLOOP_PRIVATE_CHAT_INTERVAL_MS", "0"),
            ]
        })
        .stdout(Stdio::null())
        .spawn()
        .expect("start coloop");
    if mode == "limited" {
        tg.enforce_rate_limits(RateLimits::default());
    }
    let started = Instant::now();
    let mut peak = 0;
    loop {
        tokio::time::sleep(Duration::from_millis(250)).await;
        peak = peak.max(proc_kib(child.id(), "VmHWM:").unwrap_or(0));
        let counts = store.all_delivery_counts().await.expect("counts");
        if counts.pending == 0 {
            break;
        }
        if let Ok(Some(status)) = child.try_wait() {
            panic!("coloop exited early: {status}");
        }
    }
    peak = peak.max(proc_kib(child.id(), "VmHWM:").unwrap_or(0));
    let wall = started.elapsed();
    let _ = child.kill();
    let _ = child.wait();

    let sends: Vec<_> = tg
        .calls_to("sendMessage")
        .into_iter()
        .filter(|c| c.is_ok())
        .collect();
    let first = sends.first().expect("sends").at;
    let last = sends.last().expect("sends").at;
    let span = last.duration_since(first).as_secs_f64().max(1e-9);
    Outcome {
        rate: (sends.len() as f64 - 1.0) / span,
        refused: tg.rate_limited_calls(),
        peak_mib: peak as f64 / 1024.0,
        wall,
    }
}

fn main() {
    let args = Args::from_env();
    let members = args.value("--members").unwrap_or(if args.flag("--full") {
        FULL_MEMBERS
    } else {
        MEMBERS
    });
    let binary = release_binary();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for mode in modes(&args) {
        let title = format!("broadcast, {mode}, {members} members");
        bench::repeat(&title, args.runs(), |_| {
            let o = runtime.block_on(run(&binary, mode, members));
            vec![
                Figure::new("sent", o.rate, "messages/s", 1),
                Figure::new("429s", o.refused as f64, "", 0),
                Figure::new("bot peak RSS", o.peak_mib, "MiB", 1),
                Figure::new("wall time", o.wall.as_secs_f64(), "s", 1),
            ]
        });
    }
}
