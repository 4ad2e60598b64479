//! The overview: groups side by side and the equity table.

use chrono::Duration;
use coloop_core::dashboard::{EQUITY_COLUMNS, Overview, Window};
use coloop_core::digest::Digest;
use coloop_core::domain::Category;

use crate::world::world;

#[tokio::test]
async fn the_overview_shows_each_visible_group_side_by_side() {
    let w = world().await;
    let now = w.t0 + Duration::days(3);
    let both = [w.water.id, w.roads.id];
    let overview = Overview::build(&w.store, &both, Window::Month, now)
        .await
        .unwrap();
    assert_eq!((overview.window, overview.to), (Window::Month, now));
    assert_eq!(overview.from, now - Duration::days(30));
    let slugs: Vec<&str> = overview
        .groups
        .iter()
        .map(|g| g.activity.slug.as_str())
        .collect();
    assert_eq!(slugs, ["roads", "water"], "in slug order");

    let water = &overview.groups[1];
    let a = &water.activity;
    assert_eq!((a.active, a.paused, a.blocked), (4, 1, 1));
    assert_eq!(
        (a.posts, a.surveys, a.comments),
        (4, 2, 6),
        "Wells, Tank twice, Pump; two surveys; six visible filed comments (not the hidden, not the unfiled)"
    );
    assert_eq!(
        a.last_activity,
        Some(w.t0 + Duration::minutes(90) + Duration::days(1)),
        "the latest survey answer"
    );
    // The named survey reached 5 (not the one blocking the bot: its delivery is still
    // pending… every delivery went out here), 4 answered; the anonymous one 2 of 5.
    let digest = Digest::build(&w.store, Some(&w.water.slug), 30, now)
        .await
        .unwrap();
    let invited: i64 = digest.equity.iter().map(|e| e.invited).sum();
    let responded: i64 = digest.equity.iter().map(|e| e.responded).sum();
    assert_eq!((water.invited, water.responded), (invited, responded));
    assert!(invited > 0 && responded == 6, "{invited} {responded}");
    assert_eq!(water.response_rate, responded as f64 / invited as f64);
    assert_eq!(
        water.silent,
        digest.silent.first().map_or(0, |s| s.count),
        "the digest's silent members"
    );

    let roads = &overview.groups[0];
    assert_eq!(
        (
            roads.activity.active,
            roads.activity.posts,
            roads.activity.comments
        ),
        (1, 1, 1)
    );
    assert_eq!((roads.invited, roads.responded), (1, 1));

    // The equity table: a row per group with surveys, the column of each survey's post.
    assert_eq!(overview.equity.rows.len(), 2);
    let row = overview
        .equity
        .rows
        .iter()
        .find(|r| r.group == "water")
        .unwrap();
    assert_eq!(row.cells.len(), EQUITY_COLUMNS.len());
    let community = EQUITY_COLUMNS
        .iter()
        .position(|c| *c == Some(Category::Community))
        .unwrap();
    let cell = row.cells[community].expect("both surveys are about the tank, a community action");
    assert_eq!((cell.invited, cell.responded), (invited, responded));
    assert_eq!(cell.rate, water.response_rate);
    assert_eq!(cell.shade, (cell.rate * 5.0).floor() as u8);
    assert!(
        row.cells
            .iter()
            .enumerate()
            .all(|(i, c)| i == community || c.is_none())
    );
    let roads_row = overview
        .equity
        .rows
        .iter()
        .find(|r| r.group == "roads")
        .unwrap();
    let other = roads_row.cells[EQUITY_COLUMNS.len() - 1].expect("a survey about an outcome");
    assert_eq!((other.rate, other.shade), (1.0, 4));
}

#[tokio::test]
async fn the_overview_shows_only_the_groups_it_is_given_and_only_the_window() {
    let w = world().await;
    let now = w.t0 + Duration::days(3);
    let only = Overview::build(&w.store, &[w.roads.id], Window::All, now)
        .await
        .unwrap();
    assert_eq!(only.groups.len(), 1);
    assert_eq!(only.groups[0].activity.slug, "roads");
    assert!(only.equity.rows.iter().all(|r| r.group == "roads"));
    let none = Overview::build(&w.store, &[], Window::All, now)
        .await
        .unwrap();
    assert!(none.groups.is_empty() && none.equity.rows.is_empty());

    // A week that starts after the story: nothing happened in it, the members are still there.
    let later = Overview::build(
        &w.store,
        &[w.water.id],
        Window::Week,
        now + Duration::days(20),
    )
    .await
    .unwrap();
    let a = &later.groups[0].activity;
    assert_eq!((a.posts, a.comments, a.active), (0, 0, 4));
    assert!(a.last_activity.is_some(), "last activity is of all time");
    assert_eq!(
        later.groups[0].silent, 6,
        "no member said anything in that week"
    );
}
