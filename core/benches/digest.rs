//! Digest benchmark: a database with 1,000,000 survey answers and 100,000 comments across 50
//! working groups (all within the week), and the time to build one group's digest and the
//! all-groups digest — the numbers come from SQL aggregates, so this is mostly SQLite's time.
//!
//! ```sh
//! cargo bench -p coloop-core --bench digest                    # 3 runs, about 1 min in all
//! cargo bench -p coloop-core --bench digest -- --members 100   # a smaller database
//! cargo bench -p coloop-core --bench digest -- --runs 5
//! cargo bench -p coloop-core --bench digest -- --keep /tmp/bench.db  # keep the database
//! ```
//!
//! The database is filled once (about 10 s); after one warm-up build of each digest, a run
//! is the median of 5 builds of each, and the median and spread of the runs are shown.

use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::GroupSlug;

// Shared by every bench; this one needs no flag.
#[allow(dead_code)]
#[path = "../../tests/src/bench.rs"]
mod bench;
use bench::{Args, Figure};
// Shared with the dashboard bench, which reads more of it.
#[allow(dead_code)]
#[path = "shared/database.rs"]
mod database;
use database::{Database, database};

fn main() {
    let args = Args::from_env();
    let Database {
        runtime,
        store,
        now,
        dir: _dir,
        ..
    } = database(&args);
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
