//! Dashboard pages benchmark (issue #21): the real `coloop` binary serves the dashboard on the
//! digest bench's database — 1,000,000 survey answers, 100,000 comments, 50 working groups —
//! and a coordinator's browser asks for each page. A page's time runs from the request to the
//! last byte of its HTML, over loopback: the read models, the template, the HTTP answer.
//! Goals: every page of one group under 100 ms, the overview of all 50 groups under 300 ms.
//!
//! ```sh
//! cargo bench -p coloop-e2e --bench pages                   # 3 runs, about a minute in all
//! cargo bench -p coloop-e2e --bench pages -- --runs 5
//! cargo bench -p coloop-e2e --bench pages -- --members 100  # a smaller database
//! cargo bench -p coloop-e2e --bench pages -- --binary /tmp/coloop-before
//! ```
//!
//! The database is filled once (about 15 s; `core/benches/shared/database.rs`, shared with
//! the digest and dashboard benches). Once the bot has sent the digests that fell due while it
//! was off, and after one warm-up request per page, a run asks for
//! each page 5 times and takes the median; the median and spread of the runs are shown.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Utc;
use coloop_core::domain::{LanguageCode, TelegramId};
use coloop_e2e::bench::{self, Args, Figure};
use coloop_e2e::fake_api::FakeTelegram;
use coloop_e2e::process::release_binary;

#[allow(dead_code)]
#[path = "../../core/benches/shared/database.rs"]
mod database;

const TOKEN: &str = "123456789:BENCHtokenBENCHtokenBENCHtokenBE_-1";
const COORDINATOR: i64 = 9_000_000_001;
/// Requests per page in a run (the run's figure is their median).
const TIMES: usize = 5;
const PATIENCE: Duration = Duration::from_secs(60);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

/// The time of one GET to its last byte; the page must be a 200 with HTML.
async fn fetch(client: &reqwest::Client, url: &str, cookie: &str) -> Duration {
    let started = Instant::now();
    let answer = client
        .get(url)
        .header(reqwest::header::COOKIE, cookie)
        .send()
        .await
        .unwrap_or_else(|e| panic!("GET {url}: {e}"));
    let status = answer.status();
    let body = answer.text().await.expect("the page's body");
    let took = started.elapsed();
    assert!(
        status.is_success() && body.contains("</html>"),
        "GET {url}: {status}\n{body}"
    );
    took
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let args = Args::from_env();
    let binary: PathBuf = args
        .value::<String>("--binary")
        .map_or_else(release_binary, Into::into);
    let database::Database {
        runtime,
        store,
        now,
        dir,
        ..
    } = database::database(&args);
    let database = dir.path().join("bench.db");
    let database = args
        .value::<String>("--keep")
        .map_or(database, PathBuf::from);

    // The coordinator's session, opened as the sign-in link's button opens it; what one
    // group's pages show: its first survey and first prototype.
    let (cookie, slug, survey, prototype) = runtime.block_on(async {
        let english = LanguageCode::parse("en").expect("en");
        let link = store
            .issue_sign_in(TelegramId::new(COORDINATOR), &english, Utc::now())
            .await
            .expect("a sign-in");
        let (session, _) = store
            .redeem_sign_in(&link, Utc::now())
            .await
            .expect("signed in")
            .expect("a session");
        let database::Sample {
            group,
            survey,
            prototype,
            ..
        } = database::sample(&store, now).await;
        let slug = group.slug;
        (
            format!("coloop_session={}", session.expose()),
            slug,
            survey,
            prototype,
        )
    });
    drop(store);

    let (port, tg) = runtime.block_on(async {
        (
            free_port(),
            FakeTelegram::start(TOKEN, "coloop_bench_bot").await,
        )
    });
    let mut child: Child = Command::new(&binary)
        .arg("run")
        .env_clear()
        .env("COLOOP_BOT_TOKEN", TOKEN)
        .env("COLOOP_API_URL", tg.api_url())
        .env("COLOOP_DATABASE", &database)
        .env("COLOOP_COORDINATORS", COORDINATOR.to_string())
        .env("COLOOP_HTTP_LISTEN", format!("127.0.0.1:{port}"))
        // The due digests' chats are unknown to this Telegram: their warnings are expected.
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .spawn()
        .expect("start coloop");
    let base = format!("http://127.0.0.1:{port}");
    let group = format!("{base}/web/g/{slug}");
    let pages: Vec<(&str, String)> = vec![
        ("overview, 50 groups", format!("{base}/web/")),
        (
            "overview, 50 groups, all time",
            format!("{base}/web/?window=all"),
        ),
        ("group", group.clone()),
        ("group, all time", format!("{group}?window=all")),
        ("prototype", format!("{group}/p/{prototype}")),
        ("survey (SVG charts)", format!("{group}/s/{survey}")),
        ("comments", format!("{group}/comments")),
        (
            "comments: voice notes",
            format!("{group}/comments?kind=voice"),
        ),
        (
            "comments: two words",
            format!("{group}/comments?q=Comment+12"),
        ),
        ("export", format!("{group}/export")),
    ];

    let client = reqwest::Client::new();
    runtime.block_on(async {
        let up = Instant::now();
        while client.get(format!("{base}/healthz")).send().await.is_err() {
            if let Ok(Some(status)) = child.try_wait() {
                panic!("coloop exited early: {status}");
            }
            assert!(up.elapsed() < PATIENCE, "the HTTP server never came up");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The bot sends the digests that fell due while it was off (the bench data schedules
        // them, to chats this Telegram does not know); measure once that is done.
        let sent = || {
            ["sendMessage", "sendPhoto", "sendDocument"]
                .iter()
                .map(|method| tg.call_count(method))
                .sum::<usize>()
        };
        let mut before = usize::MAX;
        while sent() != before {
            before = sent();
            assert!(up.elapsed() < PATIENCE, "the bot never settled");
            tokio::time::sleep(Duration::from_secs(2)).await;
        }
        for (_, url) in &pages {
            fetch(&client, url, &cookie).await;
        }
    });
    bench::repeat("dashboard pages (1 M answers)", args.runs(), |_| {
        runtime.block_on(async {
            let mut figures = Vec::new();
            for (name, url) in &pages {
                let mut times = Vec::with_capacity(TIMES);
                for _ in 0..TIMES {
                    times.push(fetch(&client, url, &cookie).await);
                }
                let took = median(times).as_secs_f64() * 1000.0;
                figures.push(Figure::new(*name, took, "ms", 1));
            }
            figures
        })
    });
    let _ = child.kill();
    let _ = child.wait();
}
