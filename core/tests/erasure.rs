//! Issue #20: what `/forget` erases is gone from the disk too — not left in SQLite's free pages
//! nor in the write-ahead log — and no coordinator row outlives the person.

mod common;

use chrono::Utc;
use coloop_core::domain::TelegramId;
use coloop_core::store::{AddComment, NewComment};
use coloop_core::survey::RespondentKey;

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn an_erased_comment_is_in_neither_the_database_file_nor_its_log() {
    let (store, group, ids, dir) = common::group_with_members(100, 3).await;
    let marker = "MARKER-7f3a9c-unique-comment-text";
    let ana = TelegramId::new(ids[0]);
    // Enough other rows that the comment's page is not simply dropped.
    for (i, &id) in ids.iter().enumerate() {
        for n in 0..20 {
            let body = if i == 0 && n == 7 {
                marker.to_owned()
            } else {
                format!("an ordinary comment {i}-{n} {}", "x".repeat(60))
            };
            let added = store
                .add_comment(
                    &NewComment {
                        group: group.id,
                        author: TelegramId::new(id),
                        post: None,
                        chat_id: id,
                        message_id: n,
                        body: Some(body),
                        media: None,
                        unfiled: false,
                    },
                    Utc::now(),
                )
                .await
                .unwrap();
            assert!(matches!(added, AddComment::Added(_)));
        }
    }
    store.add_coordinator(ana, Utc::now()).await.unwrap();
    let db = dir.path().join("coloop.db");
    let wal = dir.path().join("coloop.db-wal");
    let on_disk = || {
        let mut bytes = std::fs::read(&db).unwrap();
        bytes.extend(std::fs::read(&wal).unwrap_or_default());
        bytes
    };
    assert!(
        contains(&on_disk(), marker.as_bytes()),
        "the marker was written"
    );
    assert!(
        store
            .erase_person(ana, &RespondentKey::generate(), chrono::Utc::now())
            .await
            .unwrap()
    );
    let bytes = on_disk();
    assert!(
        !contains(&bytes, marker.as_bytes()),
        "the comment is gone from the disk"
    );
    assert!(
        !store.list_coordinators().await.unwrap().contains(&ana),
        "no coordinator row is left"
    );
    store.close().await;
}
