//! Footprint of the release binary, measured rather than guessed (the README's figures):
//! binary size, cold start to the first getUpdates, idle RSS, and RSS while a broadcast to
//! 10,000 members is queued and being sent.
//!
//! ```sh
//! cargo bench -p coloop-e2e --bench footprint                  # 10,000 members, 3 runs
//! cargo bench -p coloop-e2e --bench footprint -- --members 2000 --runs 5
//! ```
//!
//! A run takes about 30 s (five cold starts, then 3 s idle and 20 s sending); the median and
//! spread of each figure over the runs are shown.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use coloop_core::Store;
use coloop_e2e::bench::{self, Args, Figure};
use coloop_e2e::fake_api::{FakeTelegram, RateLimits};
use coloop_e2e::fixtures;
use coloop_e2e::process::{proc_kib, release_binary};
use coloop_e2e::sandbox::SandboxProcess;

const TOKEN: &str = "123456789:FOOTtokenFOOTtokenFOOTtokenFOOTto_-1";

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

fn start(binary: &Path, tg: &FakeTelegram, database: &Path, extra: &[(&str, &str)]) -> Child {
    Command::new(binary)
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", database)
        .env("RUST_LOG", "warn")
        .envs(extra.iter().copied())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start coloop")
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// Cold start: from spawning the process (database already migrated, as on every start but
/// the first) to the arrival of its first getUpdates at the fake.
async fn cold_start(binary: &Path) -> Duration {
    let tg = FakeTelegram::start(TOKEN, "coloop_bench_bot").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("coloop.db");
    Store::open_and_migrate(&database)
        .await
        .expect("store")
        .close()
        .await;
    // A pending update makes the first getUpdates answer at once (the fake records a call
    // when it answers it).
    let ana = tg.add_user("Ana", None, None);
    tg.send_text(ana, ana, "hello");
    let spawned = std::time::Instant::now();
    let child = start(binary, &tg, &database, &[]);
    assert!(
        tg.wait_for_call("getUpdates", 1, Duration::from_secs(10))
            .await
            .is_ok(),
        "no getUpdates"
    );
    let first = tg.calls_to("getUpdates")[0].at;
    stop(child);
    first.duration_since(spawned)
}

/// Idle RSS after `settle`, then VmRSS/VmHWM while a broadcast to `members` is sent under
/// Telegram's limits for `sending`.
async fn memory(binary: &Path, members: usize) -> (u64, u64, u64) {
    let tg = FakeTelegram::start(TOKEN, "coloop_bench_bot").await;
    let dir = tempfile::tempdir().expect("temp dir");
    let database = dir.path().join("coloop.db");
    let store = Store::open_and_migrate(&database).await.expect("store");
    let group = fixtures::group(&store, "bench", "Bench").await;
    fixtures::join_members(&store, &tg, &group, members).await;
    tg.enforce_rate_limits(RateLimits::default());
    let child = start(binary, &tg, &database, &[]);
    tokio::time::sleep(Duration::from_secs(3)).await;
    let idle = proc_kib(child.id(), "VmRSS:").unwrap_or(0);

    fixtures::queue_outcome(
        &store,
        &group,
        &"We agreed on three rain tanks by the school. ".repeat(10),
    )
    .await;
    // The bot finds the queue on its next look (at most 5 s) and sends at 30/s.
    let until = Instant::now() + Duration::from_secs(20);
    let mut rss = 0;
    while Instant::now() < until {
        tokio::time::sleep(Duration::from_millis(200)).await;
        rss = rss.max(proc_kib(child.id(), "VmRSS:").unwrap_or(0));
    }
    let peak = proc_kib(child.id(), "VmHWM:").unwrap_or(0);
    let sent = store.all_delivery_counts().await.expect("counts").sent;
    assert!(sent > 0, "the broadcast was being sent");
    stop(child);
    (idle, rss, peak)
}

/// RSS of `coloop sandbox --demo` once its story is in place and the coordinator ran
/// `/digest` (text and chart), `/comments` (with a voice note) and `/export` (three CSV files):
/// `(RSS, peak RSS)` in KiB.
async fn sandbox_demo(binary: &Path) -> (u64, u64) {
    let sandbox = SandboxProcess::start_binary(binary, &["--demo"]);
    sandbox.wait_for_line("the demo is ready", Duration::from_secs(120));
    let client = reqwest::Client::new();
    let world: serde_json::Value = client
        .get(format!("{}/sandbox/api/world", sandbox.url))
        .send()
        .await
        .and_then(|r| r.error_for_status())
        .expect("the sandbox's people")
        .json()
        .await
        .expect("JSON");
    let coordinator = world["people"][0]["id"].as_i64().expect("the coordinator");
    for command in [
        "/digest water-access",
        "/comments water-access",
        "/export water-access",
    ] {
        client
            .post(format!("{}/sandbox/api/send", sandbox.url))
            .json(&serde_json::json!({"person": coordinator, "chat": coordinator, "text": command}))
            .send()
            .await
            .and_then(|r| r.error_for_status())
            .expect("the coordinator's command");
    }
    // The digest's chart and the exports take well under a second.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss = proc_kib(sandbox.pid(), "VmRSS:").unwrap_or(0);
    let peak = proc_kib(sandbox.pid(), "VmHWM:").unwrap_or(0);
    assert!(sandbox.stop(), "the sandbox stops cleanly");
    (rss, peak)
}

fn main() {
    let args = Args::from_env();
    let members = args.value("--members").unwrap_or(10_000);
    let binary = release_binary();
    let size = std::fs::metadata(&binary).expect("binary").len();
    println!(
        "release binary size: {:.1} MiB\n",
        size as f64 / 1024.0 / 1024.0
    );
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    bench::repeat("footprint", args.runs(), |_| {
        let mut starts: Vec<Duration> = (0..5)
            .map(|_| runtime.block_on(cold_start(&binary)))
            .collect();
        starts.sort();
        let (idle, rss, peak) = runtime.block_on(memory(&binary, members));
        let (sandbox, sandbox_peak) = runtime.block_on(sandbox_demo(&binary));
        vec![
            Figure::new(
                "cold start to first getUpdates (median of 5)",
                starts[2].as_secs_f64() * 1000.0,
                "ms",
                1,
            ),
            Figure::new("idle RSS", mib(idle), "MiB", 1),
            Figure::new(
                format!("RSS while a {members}-member broadcast is queued and sending"),
                mib(rss),
                "MiB",
                1,
            ),
            Figure::new("peak RSS (VmHWM)", mib(peak), "MiB", 1),
            Figure::new(
                "sandbox RSS with the demo loaded, after /digest, /comments and /export",
                mib(sandbox),
                "MiB",
                1,
            ),
            Figure::new("sandbox peak RSS (VmHWM)", mib(sandbox_peak), "MiB", 1),
        ]
    });
}
