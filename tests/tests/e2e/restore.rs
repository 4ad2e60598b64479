//! The restore drill of issue #18: the nightly backup (`coloop backup --dir … --keep …`) taken
//! while the bot writes restores as the README says, `coloop doctor` passes on it, and the bot
//! starts on it and carries on.

use std::collections::HashMap;
use std::time::Duration;

use chrono::{TimeZone as _, Utc};
use coloop_bot::ops::maintenance::{backup_into, dated_name};
use coloop_core::Store;
use coloop_core::delivery::Limits;
use coloop_e2e::fake_api::FakeTelegram;
use coloop_e2e::harness::{Options, PATIENCE, TOKEN, TestApp, test_limits};

const OUTCOME: &str = "/outcome water-access Session 4\nWe chose the school roof for the tanks.";

#[tokio::test]
async fn a_nightly_backup_taken_while_the_bot_writes_restores_passes_the_doctor_and_runs() {
    let (app, _) = TestApp::spawn_with(Options {
        limits: Some(Limits {
            global_per_second: 100,
            ..test_limits()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let _carla = app.coordinator("Carla").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 120).await;
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;
    let received =
        |tg: &FakeTelegram| -> usize { members.iter().map(|m| tg.messages_in(*m).len()).sum() };
    assert!(app.tg.wait_until(PATIENCE, |tg| received(tg) >= 10).await);

    // Three nights' backups while the worker sends (and records) the broadcast: the newest two
    // are kept.
    let backups = tempfile::tempdir().unwrap();
    let nights: Vec<_> = (1..=3)
        .map(|day| Utc.with_ymd_and_hms(2026, 12, day, 3, 30, 0).unwrap())
        .collect();
    for night in &nights {
        let report = backup_into(&app.database(), backups.path(), 2, *night)
            .await
            .expect("backup");
        assert!(report.contains("integrity check: ok"), "{report}");
    }
    let mut kept: Vec<String> = std::fs::read_dir(backups.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    kept.sort();
    assert_eq!(kept, [dated_name(nights[1]), dated_name(nights[2])]);

    // Restore as the README says: stop coloop, remove the WAL files, put the backup in place.
    app.stop().await.expect("clean stop");
    app.store.close().await;
    let database = app.database();
    for suffix in ["", "-wal", "-shm"] {
        let file = format!("{}{suffix}", database.display());
        let _ = std::fs::remove_file(file);
    }
    std::fs::copy(backups.path().join(dated_name(nights[2])), &database).expect("restore");
    let at_backup = {
        let restored = Store::open_existing(&database).await.unwrap();
        let counts = restored.all_delivery_counts().await.unwrap();
        restored.close().await;
        counts
    };
    assert!(
        at_backup.pending > 0,
        "the worker was still sending at the backup: {at_backup:?}"
    );

    // `coloop doctor` passes on it (its answer key was kept apart, and is still in place).
    let vars = HashMap::from([
        ("COLOOP_BOT_TOKEN".to_owned(), TOKEN.to_owned()),
        ("COLOOP_API_URL".to_owned(), app.tg.api_url()),
        ("COLOOP_DATABASE".to_owned(), database.display().to_string()),
    ]);
    let report = coloop_bot::doctor::check(move |name| vars.get(name).cloned()).await;
    let text = report.to_string();
    assert!(!report.has_errors(), "{text}");
    assert!(text.contains("migrations current"), "{text}");
    assert!(text.contains("present and matches the database"), "{text}");

    // The bot starts on it: it answers, and finishes the broadcast the backup had pending.
    app.restart().await;
    let status = fede.says("/status water-access").await;
    assert!(
        status.source_text.unwrap().contains("Session 4"),
        "the restored post is there"
    );
    let store = Store::open_existing(&database).await.unwrap();
    let started = std::time::Instant::now();
    loop {
        let counts = store.all_delivery_counts().await.unwrap();
        if counts.pending == 0 {
            assert_eq!(counts.sent, members.len() as i64, "{counts:?}");
            break;
        }
        assert!(started.elapsed() < PATIENCE, "still pending: {counts:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // Everyone has the post: what the backup had pending went out after the restore.
    for member in &members {
        assert!(!app.tg.messages_in(*member).is_empty(), "member {member}");
    }
    store.close().await;
}
