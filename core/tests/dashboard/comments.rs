//! The comments page: filters and keyset paging.

use chrono::Duration;
use coloop_core::dashboard::{COMMENTS_PER_PAGE, CommentFilter, CommentKind, CommentsPage, Hidden};
use coloop_core::domain::{CommentId, MediaKind};

use crate::world::{World, world};

async fn ids(w: &World, filter: CommentFilter) -> Vec<CommentId> {
    CommentsPage::build(&w.store, w.water.id, &filter, COMMENTS_PER_PAGE)
        .await
        .unwrap()
        .comments
        .iter()
        .map(|c| c.id)
        .collect()
}

#[tokio::test]
async fn comments_filter_by_post_kind_date_moderation_and_words() {
    let w = world().await;
    let c = &w.comments;
    let all = ids(&w, CommentFilter::default()).await;
    assert_eq!(all.len(), 6, "visible and filed: {all:?}");
    assert!(!all.contains(&c.rude));
    assert_eq!(all[all.len() - 1], c.dry, "newest first");

    let on_tank = ids(
        &w,
        CommentFilter {
            post: Some(w.tank),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(on_tank, [c.on_tank]);
    let voice = CommentFilter {
        kind: Some(CommentKind::Media(MediaKind::Voice)),
        ..Default::default()
    };
    let page = CommentsPage::build(&w.store, w.water.id, &voice, 50)
        .await
        .unwrap();
    assert_eq!(page.comments.len(), 1);
    let note = &page.comments[0];
    assert_eq!(
        (
            note.id,
            note.file_id.as_deref(),
            note.duration_secs,
            note.author.as_deref()
        ),
        (c.voice, Some("voice-file"), Some(23), Some("P1"))
    );
    let titles: Vec<&str> = page.posts.iter().map(|(_, _, t)| t.as_str()).collect();
    assert_eq!(
        titles,
        ["Tank", "Pump fixed", "Tank", "Wells"],
        "the post filter's choices"
    );
    let photos = ids(
        &w,
        CommentFilter {
            kind: Some(CommentKind::Media(MediaKind::Photo)),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(photos, [c.photo]);
    let texts = ids(
        &w,
        CommentFilter {
            kind: Some(CommentKind::Text),
            ..Default::default()
        },
    )
    .await;
    assert_eq!(texts.len(), 4, "dry, quiet, on the tank, later");
    assert!(!texts.contains(&c.voice) && !texts.contains(&c.photo));

    let hidden = CommentsPage::build(
        &w.store,
        w.water.id,
        &CommentFilter {
            hidden: Hidden::Hidden,
            ..Default::default()
        },
        50,
    )
    .await
    .unwrap();
    assert_eq!(
        hidden
            .comments
            .iter()
            .map(|c| (c.id, c.hidden))
            .collect::<Vec<_>>(),
        [(c.rude, true)]
    );
    assert_eq!(
        ids(
            &w,
            CommentFilter {
                hidden: Hidden::Any,
                ..Default::default()
            }
        )
        .await
        .len(),
        7
    );

    // Dates: from is inclusive, to exclusive.
    let from = w.t0 + Duration::minutes(21);
    let to = w.t0 + Duration::minutes(23);
    assert_eq!(
        ids(
            &w,
            CommentFilter {
                from: Some(from),
                to: Some(to),
                ..Default::default()
            }
        )
        .await,
        [c.photo, c.voice]
    );

    // Words: every word, in any case; LIKE's wildcards match only themselves.
    let words = |text: &str| CommentFilter {
        words: Some(text.into()),
        ..Default::default()
    };
    assert_eq!(ids(&w, words("100%")).await, [c.dry]);
    assert_eq!(ids(&w, words("100")).await, [c.on_tank, c.dry]);
    assert_eq!(ids(&w, words("WELL dry")).await, [c.dry]);
    assert_eq!(ids(&w, words("_")).await, Vec::<CommentId>::new());
    assert_eq!(ids(&w, words("<script>")).await, [c.quiet]);

    // Another group's post: nothing of it shows in water's list.
    assert!(
        ids(
            &w,
            CommentFilter {
                post: Some(w.roads_post),
                ..Default::default()
            }
        )
        .await
        .is_empty()
    );
}

#[tokio::test]
async fn comments_come_a_page_at_a_time_without_gaps_or_repeats() {
    let w = world().await;
    let everything = CommentFilter {
        hidden: Hidden::Any,
        ..Default::default()
    };
    let all = ids(&w, everything.clone()).await;
    let mut seen = Vec::new();
    let mut filter = everything;
    let mut pages = 0;
    loop {
        let page = CommentsPage::build(&w.store, w.water.id, &filter, 2)
            .await
            .unwrap();
        pages += 1;
        assert!(page.comments.len() <= 2);
        seen.extend(page.comments.iter().map(|c| c.id));
        match page.next {
            Some(next) => {
                // The cursor survives a URL.
                filter.after = Some(next.to_string().parse().unwrap());
            }
            None => break,
        }
    }
    assert_eq!(seen, all);
    assert_eq!(pages, 4, "7 comments, 2 a page");
}
