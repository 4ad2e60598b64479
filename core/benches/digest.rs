//! Digest benchmark: a database with 1,000,000 survey answers and 100,000 comments across 50
//! working groups (all within the week), and the time to build one group's digest and the
//! all-groups digest — the numbers come from SQL aggregates, so this is mostly SQLite's time.
//!
//! ```sh
//! cargo bench -p coloop-core --bench digest
//! cargo bench -p coloop-core --bench digest -- --members 100   # a smaller database
//! ```

use std::time::{Duration, Instant};

use chrono::Utc;
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::GroupSlug;
use coloop_core::store::bench_data::BenchSize;

fn main() {
    let mut size = BenchSize {
        groups: 50,
        members_per_group: 400,
        posts_per_group: 20,
        surveys_per_group: 10,
        comments: 100_000,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--members" {
            size.members_per_group = args
                .next()
                .and_then(|v| v.parse().ok())
                .expect("--members N");
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run(size));
}

async fn run(size: BenchSize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("bench.db");
    let store = Store::open_and_migrate(&path).await.expect("store");
    let now = Utc::now();
    let started = Instant::now();
    store
        .fill_for_benchmark(size, now)
        .await
        .expect("fill the database");
    let size_mib = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) as f64 / 1048576.0;
    println!(
        "filled: {} answers, {} comments, {} groups in {:.1} s ({size_mib:.0} MiB)",
        size.answers(),
        size.comments,
        size.groups,
        started.elapsed().as_secs_f64()
    );
    let one = GroupSlug::parse("group-7").expect("slug");
    // `PROFILE=1`: the time of each digest query, for one group and for all.
    if std::env::var("PROFILE").is_ok() {
        let g = store.group_by_slug(&one).await.unwrap().map(|g| g.id);
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
            t!("questions", store.digest_questions(scope, from));
            t!("bars", store.digest_bars(scope, from));
            t!("samples", store.digest_text_samples(scope, from));
            t!("equity", store.digest_equity(scope, from));
            t!("silent", store.digest_silent(scope, from));
        }
    }
    // One warm-up each (the first read pulls pages into SQLite's cache), then the median of 9.
    let mut results = Vec::new();
    for (label, group) in [("one group", Some(&one)), ("all groups", None)] {
        let _ = Digest::build(&store, group, 7, now).await.expect("digest");
        let mut times: Vec<Duration> = Vec::new();
        let mut digest = None;
        for _ in 0..9 {
            let t = Instant::now();
            digest = Some(Digest::build(&store, group, 7, now).await.expect("digest"));
            times.push(t.elapsed());
        }
        times.sort();
        let digest = digest.expect("built");
        let questions: usize = digest.surveys.iter().map(|s| s.questions.len()).sum();
        results.push((label, times[4], times[8], digest.surveys.len(), questions));
    }
    println!("\n| digest | median | slowest of 9 | surveys | questions |");
    println!("|---|---|---|---|---|");
    for (label, median, max, surveys, questions) in results {
        println!(
            "| {label} | {:.1} ms | {:.1} ms | {surveys} | {questions} |",
            median.as_secs_f64() * 1000.0,
            max.as_secs_f64() * 1000.0
        );
    }
}
