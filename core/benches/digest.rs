//! Digest benchmark: a database with 1,000,000 survey answers and 100,000 comments across 50
//! working groups (all within the week), and the time to build one group's digest and the
//! all-groups digest — the numbers come from SQL aggregates, so this is mostly SQLite's time.
//!
//! ```sh
//! cargo bench -p coloop-core --bench digest                    # 3 runs, about 1 min in all
//! cargo bench -p coloop-core --bench digest -- --members 100   # a smaller database
//! cargo bench -p coloop-core --bench digest -- --runs 5
//! ```
//!
//! The database is filled once (about 10 s); after one warm-up build of each digest, a run
//! is the median of 5 builds of each, and the median and spread of the runs are shown.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::GroupSlug;
use coloop_core::store::bench_data::BenchSize;

// Shared by every bench; this one needs no flag.
#[allow(dead_code)]
#[path = "../../tests/src/bench.rs"]
mod bench;
use bench::{Args, Figure};

fn main() {
    let args = Args::from_env();
    let size = BenchSize {
        groups: 50,
        members_per_group: args.value("--members").unwrap_or(400),
        posts_per_group: 20,
        surveys_per_group: 10,
        comments: 100_000,
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let now = Utc::now();
    let store = runtime.block_on(fill(&dir.path().join("bench.db"), size, now));
    let one = GroupSlug::parse("group-7").expect("slug");
    if std::env::var("PROFILE").is_ok() {
        runtime.block_on(profile(&store, &one, now));
    }
    let scopes = [("one group", Some(&one)), ("all groups", None)];
    // One warm-up each (the first read pulls pages into SQLite's cache).
    for (label, group) in scopes {
        let digest = runtime
            .block_on(Digest::build(&store, group, 7, now))
            .expect("digest");
        let questions: usize = digest.surveys.iter().map(|s| s.questions.len()).sum();
        println!(
            "{label}: {} surveys, {questions} questions",
            digest.surveys.len()
        );
    }
    bench::repeat("digest", args.runs(), |_| {
        scopes
            .iter()
            .map(|(label, group)| {
                let mut times: Vec<Duration> = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        runtime
                            .block_on(Digest::build(&store, *group, 7, now))
                            .expect("digest");
                        t.elapsed()
                    })
                    .collect();
                times.sort();
                let median = times[2].as_secs_f64() * 1000.0;
                Figure::new(format!("{label} (median of 5)"), median, "ms", 1)
            })
            .collect()
    });
}

async fn fill(path: &Path, size: BenchSize, now: DateTime<Utc>) -> Store {
    let store = Store::open_and_migrate(path).await.expect("store");
    let started = Instant::now();
    store
        .fill_for_benchmark(size, now)
        .await
        .expect("fill the database");
    let size_mib = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
    println!(
        "filled: {} answers, {} comments, {} groups in {:.1} s ({size_mib:.0} MiB)",
        size.answers(),
        size.comments,
        size.groups,
        started.elapsed().as_secs_f64()
    );
    store
}

/// `PROFILE=1`: the time of each digest query, for one group and for all.
async fn profile(store: &Store, one: &GroupSlug, now: DateTime<Utc>) {
    let g = store.group_by_slug(one).await.unwrap().map(|g| g.id);
    let from = now - chrono::Duration::days(7);
    for scope in [g, None] {
        macro_rules! t {
            ($name:literal, $e:expr) => {{
                let t = Instant::now();
                let _ = $e.await.unwrap();
                println!(
                    "{:?} {} {:.1} ms",
                    scope.is_some(),
                    $name,
                    t.elapsed().as_secs_f64() * 1000.0
                );
            }};
        }
        t!("members", store.digest_members(scope, from));
        t!("posts", store.digest_posts(scope, from));
        t!("comments", store.digest_comments(scope, from, Some(5)));
        t!("comment_count", store.digest_comment_count(scope, from));
        t!("surveys", store.digest_surveys(scope, from));
        t!("questions", store.digest_questions(scope, from, now));
        t!("bars", store.digest_bars(scope, from, now));
        t!("samples", store.digest_text_samples(scope, from, now));
        t!("equity", store.digest_equity(scope, from));
        t!("silent", store.digest_silent(scope, from));
    }
}
