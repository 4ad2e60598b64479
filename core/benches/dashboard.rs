//! Dashboard benchmark (issue #21): on the digest bench's database — 1,000,000 survey answers
//! and 100,000 comments across 50 working groups — the time to build every read model of one
//! group's pages and the overview of all 50 groups. The web adds its HTML to these; its goals
//! are one group's page under 100 ms and the overview under 300 ms at the server.
//!
//! ```sh
//! cargo bench -p coloop-core --bench dashboard                   # 3 runs, about 20 s in all
//! cargo bench -p coloop-core --bench dashboard -- --runs 5
//! cargo bench -p coloop-core --bench dashboard -- --members 100  # a smaller database
//! cargo bench -p coloop-core --bench dashboard -- --keep /tmp/bench.db  # keep the database
//! PROFILE=1 cargo bench -p coloop-core --bench dashboard -- --runs 0   # time each query
//! ```
//!
//! With `--keep`, `sqlite3 /tmp/bench.db 'EXPLAIN QUERY PLAN …'` shows how SQLite reads a
//! statement (look for `SCAN` of a large table).
//!
//! The database is filled once (about 15 s); after one warm-up build of each model, a run is the
//! median of 5 builds of each, and the median and spread of the runs are shown.

use std::future::Future;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use coloop_core::Store;
use coloop_core::dashboard::{
    COMMENTS_PER_PAGE, CommentFilter, CommentKind, CommentsPage, GroupPage, Overview,
    PrototypePage, SurveyPage, Window,
};
use coloop_core::digest::bar_label;
use coloop_core::domain::{GroupId, MediaKind};
use coloop_core::store::Scope;

// Shared by every bench; this one needs no flag.
#[allow(dead_code)]
#[path = "../../tests/src/bench.rs"]
mod bench;
use bench::{Args, Figure};
#[path = "shared/database.rs"]
mod database;
use database::{Database, database};

fn main() {
    let args = Args::from_env();
    let Database {
        runtime,
        store,
        size,
        now,
        dir: _dir,
        ..
    } = database(&args);
    let all: Vec<GroupId> = (1..=size.groups).map(GroupId::new).collect();
    // What one group's pages show: its first survey, its first prototype, its second page of
    // comments.
    let (group, page, survey, prototype, second_page) = runtime.block_on(async {
        let database::Sample {
            group,
            page,
            survey,
            prototype,
        } = database::sample(&store, now).await;
        let first = CommentsPage::build(
            &store,
            group.id,
            &CommentFilter::default(),
            COMMENTS_PER_PAGE,
        )
        .await
        .expect("comments");
        (group.id, page, survey, prototype, first.next)
    });
    println!(
        "group-7: {} timeline steps, {} prototypes, {} you-said-we-did links",
        page.timeline.len(),
        page.prototypes.len(),
        page.you_said_we_did.len()
    );

    if std::env::var("PROFILE").is_ok() {
        runtime.block_on(profile(&store, group, &all, now));
    }
    let voice = CommentFilter {
        kind: Some(CommentKind::Media(MediaKind::Voice)),
        ..CommentFilter::default()
    };
    let words = CommentFilter {
        words: Some("Comment 12".into()),
        ..CommentFilter::default()
    };
    let next = CommentFilter {
        after: second_page,
        ..CommentFilter::default()
    };
    let (store, voice, words, next, all) = (&store, &voice, &words, &next, all.as_slice());
    let models: Vec<(&str, Model<'_>)> = vec![
        (
            "overview, all 50 groups",
            Box::new(move || {
                Box::pin(async move {
                    Overview::build(store, all, Window::Month, now)
                        .await
                        .map(|o| o.groups.len())
                })
            }),
        ),
        (
            "group page",
            Box::new(move || {
                Box::pin(async move {
                    GroupPage::build(store, group, Window::Month, now)
                        .await
                        .map(|p| p.map_or(0, |p| p.timeline.len()))
                })
            }),
        ),
        (
            "survey page (with its SVG charts)",
            Box::new(move || {
                Box::pin(async move {
                    let page = SurveyPage::build(store, group, survey, now)
                        .await?
                        .expect("survey");
                    Ok(page.charts(bar_label).expect("charts").len())
                })
            }),
        ),
        (
            "prototype page",
            Box::new(move || {
                Box::pin(async move {
                    PrototypePage::build(store, group, prototype, now)
                        .await
                        .map(|p| p.map_or(0, |p| p.comments.len()))
                })
            }),
        ),
        (
            "comments, first page",
            Box::new(move || {
                Box::pin(async move {
                    CommentsPage::build(store, group, &CommentFilter::default(), COMMENTS_PER_PAGE)
                        .await
                        .map(|p| p.comments.len())
                })
            }),
        ),
        (
            "comments, second page",
            Box::new(move || {
                Box::pin(async move {
                    CommentsPage::build(store, group, next, COMMENTS_PER_PAGE)
                        .await
                        .map(|p| p.comments.len())
                })
            }),
        ),
        (
            "comments, voice notes",
            Box::new(move || {
                Box::pin(async move {
                    CommentsPage::build(store, group, voice, COMMENTS_PER_PAGE)
                        .await
                        .map(|p| p.comments.len())
                })
            }),
        ),
        (
            "comments, words",
            Box::new(move || {
                Box::pin(async move {
                    CommentsPage::build(store, group, words, COMMENTS_PER_PAGE)
                        .await
                        .map(|p| p.comments.len())
                })
            }),
        ),
    ];
    // One warm-up each (the first read pulls pages into SQLite's cache).
    for (label, model) in &models {
        let items = runtime.block_on(model()).expect(label);
        println!("{label}: {items} items");
    }
    bench::repeat("dashboard", args.runs(), |_| {
        models
            .iter()
            .map(|(label, model)| {
                let mut times: Vec<Duration> = (0..5)
                    .map(|_| {
                        let t = Instant::now();
                        runtime.block_on(model()).expect(label);
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

/// A read model to time: builds it, and says how many items it holds.
type Model<'a> = Box<
    dyn Fn() -> std::pin::Pin<Box<dyn Future<Output = coloop_core::store::Result<usize>> + 'a>>
        + 'a,
>;

/// `PROFILE=1`: the time of each query of the overview (all groups) and the group page.
async fn profile(store: &Store, group: GroupId, all: &[GroupId], now: DateTime<Utc>) {
    let from = Window::Month.since(now);
    let scope = Scope::Groups(all);
    for _ in 0..2 {
        macro_rules! t {
            ($name:literal, $e:expr) => {{
                let t = Instant::now();
                let _ = $e.await.unwrap();
                println!("{} {:.1} ms", $name, t.elapsed().as_secs_f64() * 1000.0);
            }};
        }
        t!("group_activity", store.group_activity(all, from));
        t!("equity", store.digest_equity(scope, from));
        t!("silent", store.digest_silent(scope, from));
        t!("posts", store.digest_posts(Some(group), from));
        t!("surveys", store.digest_surveys(Some(group), from));
        t!("prototype_history", store.prototype_history(group, None));
        t!("answer_links", store.answer_links(group, from));
        t!("answered_comments", store.answered_comments(group, from));
    }
}
