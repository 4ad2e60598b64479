//! Retention (`COLOOP_RETENTION_DAYS`): old comments go at start and then once a day.

use std::time::Duration;

use chrono::Utc;
use coloop_core::Store;
use coloop_core::store::{Group, NewComment};
use coloop_e2e::harness::{Options, PATIENCE, TestApp};

/// A comment by `author` in `group`, written `days` ago.
async fn comment_from(store: &Store, group: &Group, author: i64, days: i64, body: &str) {
    let comment = NewComment {
        group: group.id,
        author: coloop_core::domain::TelegramId::new(author),
        post: None,
        chat_id: author,
        message_id: 1_000_000 + days,
        body: Some(body.into()),
        media: None,
        unfiled: false,
    };
    store
        .add_comment(&comment, Utc::now() - chrono::Duration::days(days))
        .await
        .unwrap();
}

/// The bodies of the group's comments, sorted.
async fn bodies(store: &Store, group: &Group) -> Vec<String> {
    let mut bodies: Vec<String> = store
        .list_comments(group.id, None, 50)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|c| c.body)
        .collect();
    bodies.sort();
    bodies
}

#[tokio::test]
async fn the_app_deletes_comments_past_the_retention_when_it_starts() {
    let (app, _) = TestApp::spawn_with(Options {
        retention_days: Some(365),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/comment A recent one");
    ana.expect_reply_containing("Thanks").await;
    comment_from(&app.store, &water, ana.id, 400, "From long ago").await;
    comment_from(&app.store, &water, ana.id, 300, "From this year").await;
    // The task the app started ran at its start (before these were written); a restart runs it
    // again.
    app.stop().await.unwrap();
    app.restart().await;
    let started = std::time::Instant::now();
    while bodies(&app.store, &water).await.len() > 2 {
        assert!(
            started.elapsed() < PATIENCE,
            "the old comment is still there"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        bodies(&app.store, &water).await,
        ["A recent one", "From this year"]
    );
}

/// Keeps a paused clock from moving on its own while the database answers from its own
/// thread (tokio does not auto-advance while a blocking task runs): the test moves it.
struct HeldClock {
    /// Dropped with the guard: the blocking task ends.
    _release: std::sync::mpsc::Sender<()>,
}

impl HeldClock {
    fn hold() -> HeldClock {
        let (release, released) = std::sync::mpsc::channel::<()>();
        tokio::task::spawn_blocking(move || {
            let _ = released.recv();
        });
        HeldClock { _release: release }
    }
}

/// Waits (yielding, as the paused clock does not move) until `check` holds.
async fn until<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let started = std::time::Instant::now();
    while !check().await {
        assert!(started.elapsed() < PATIENCE, "{what}");
        tokio::task::yield_now().await;
    }
}

#[tokio::test(start_paused = true)]
async fn the_retention_task_runs_at_start_and_then_once_a_day() {
    let _clock = HeldClock::hold();
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_and_migrate(&dir.path().join("coloop.db"))
        .await
        .unwrap();
    let water = coloop_e2e::fixtures::group(&store, "water-access", "Water access").await;
    let tg = coloop_e2e::fake_api::FakeTelegram::start("1:x", "coloop_test_bot").await;
    let ana = coloop_e2e::fixtures::join_members(&store, &tg, &water, 1).await[0];
    comment_from(&store, &water, ana, 400, "From long ago").await;
    comment_from(&store, &water, ana, 1, "Yesterday").await;

    // The task exactly as the app starts it.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let task = tokio::spawn(coloop_bot::tasks::retention::run_until_stopped(
        store.clone(),
        365,
        stopped,
    ));
    until("deleted at start", || async {
        bodies(&store, &water).await == ["Yesterday"]
    })
    .await;

    // Another old one (restored from a backup, say) waits for the next day's round.
    comment_from(&store, &water, ana, 500, "Restored").await;
    tokio::time::advance(Duration::from_secs(24 * 3600 - 60)).await;
    for _ in 0..100 {
        tokio::task::yield_now().await;
    }
    assert_eq!(bodies(&store, &water).await, ["Restored", "Yesterday"]);
    tokio::time::advance(Duration::from_secs(60)).await;
    until("deleted a day later", || async {
        bodies(&store, &water).await == ["Yesterday"]
    })
    .await;

    stop.send(true).unwrap();
    tokio::time::timeout(PATIENCE, task)
        .await
        .expect("the task stops")
        .unwrap();
}
