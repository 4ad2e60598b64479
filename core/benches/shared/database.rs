//! The database of the digest and dashboard benches: 50 groups of `--members N` (400 by
//! default: 1,000,000 answers), 20 posts and 10 surveys each, 100,000 comments; in a temporary
//! directory, or in the file `--keep FILE` names (replaced, and kept for `sqlite3`).

use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Utc};
use coloop_core::Store;
use coloop_core::store::bench_data::BenchSize;

use crate::bench::Args;

/// A filled database, the runtime to read it with, and the time it was filled for.
pub struct Database {
    pub runtime: tokio::runtime::Runtime,
    pub store: Store,
    pub size: BenchSize,
    pub now: DateTime<Utc>,
    /// Removed, with the database unless kept, when dropped: hold it as long as the store.
    pub dir: tempfile::TempDir,
}

pub fn database(args: &Args) -> Database {
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
    let path: PathBuf = args
        .value::<String>("--keep")
        .map_or_else(|| dir.path().join("bench.db"), Into::into);
    let _ = std::fs::remove_file(&path);
    let now = Utc::now();
    let store = runtime.block_on(async {
        let store = Store::open_and_migrate(&path).await.expect("store");
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
        store
    });
    Database {
        runtime,
        store,
        size,
        now,
        dir,
    }
}

/// The group whose pages the dashboard benches read (`group-7`), its page over the default
/// window, and what that page links to first: a survey and a prototype.
pub struct Sample {
    pub group: coloop_core::store::Group,
    pub page: coloop_core::dashboard::GroupPage,
    pub survey: coloop_core::domain::SurveyId,
    pub prototype: coloop_core::domain::PrototypeId,
}

pub async fn sample(store: &Store, now: DateTime<Utc>) -> Sample {
    use coloop_core::dashboard::{GroupPage, TimelineEntry, Window};
    let slug = coloop_core::domain::GroupSlug::parse("group-7").expect("slug");
    let group = store
        .group_by_slug(&slug)
        .await
        .expect("group")
        .expect("group-7");
    let page = GroupPage::build(store, group.id, Window::Month, now)
        .await
        .expect("group page")
        .expect("group-7");
    let survey = page
        .timeline
        .iter()
        .find_map(|e| match e {
            TimelineEntry::Survey(s) => Some(s.id),
            TimelineEntry::Post(_) => None,
        })
        .expect("a survey");
    let prototype = page.prototypes[0].row.id;
    Sample {
        group,
        page,
        survey,
        prototype,
    }
}
