//! `/newgroup`, `/invite`, `/groups`, `/leave`.

use coloop_core::domain::{GroupSlug, Role};
use coloop_e2e::harness::{BOT_USERNAME, TestApp, codes_in};

#[tokio::test]
async fn newgroup_replies_with_two_working_invite_links() {
    let app = TestApp::spawn().await;
    let carla = app.coordinator("Carla").await;
    let reply = carla
        .says("/newgroup water-access Water access for all\nEvery household within 200 m of safe water.")
        .await
        .source_text
        .unwrap();
    assert!(
        reply.contains("Created the <b>Water access for all</b> working group"),
        "{reply}"
    );
    let codes = codes_in(&reply);
    assert_eq!(codes.len(), 2, "{reply}");
    assert!(reply.contains(&format!("https://t.me/{BOT_USERNAME}?start=")));

    let slug = GroupSlug::parse("water-access").unwrap();
    let group = app
        .store
        .group_by_slug(&slug)
        .await
        .unwrap()
        .expect("created");
    assert_eq!(
        group.challenge.as_str(),
        "Every household within 200 m of safe water."
    );
    assert_eq!(codes[0], group.member_code.as_str());
    assert_eq!(codes[1], group.facilitator_code.as_str());

    // The links work.
    let ana = app.user("Ana");
    ana.joins_with(&codes[0]).await;
    let fede = app.user("Fede");
    fede.joins_with(&codes[1]).await;
    assert_eq!(
        app.store.role_in(ana.telegram_id(), &slug).await.unwrap(),
        Some(Role::Member)
    );
    assert_eq!(
        app.store.role_in(fede.telegram_id(), &slug).await.unwrap(),
        Some(Role::Facilitator)
    );
}

#[tokio::test]
async fn newgroup_refuses_a_taken_slug_and_bad_input() {
    let app = TestApp::spawn().await;
    let carla = app.coordinator("Carla").await;
    app.group("water-access", "Water").await;
    carla.sends("/newgroup water-access Another");
    carla
        .expect_reply_containing("already a working group called <code>water-access</code>")
        .await;
    carla.sends("/newgroup");
    carla
        .expect_reply_containing("Usage: <code>/newgroup")
        .await;
    carla.sends("/newgroup Water_Access Name");
    carla.expect_reply_containing("only use letters a–z").await;
    carla.sends("/newgroup ok-slug");
    carla.expect_reply_containing("needs more arguments").await;
    assert_eq!(app.store.count_groups().await.unwrap(), 1);
}

#[tokio::test]
async fn coordinators_from_configuration_count_too() {
    let (app, zoe_id) = TestApp::spawn_with_configured_coordinator("Zoe").await;
    let zoe = app.person(zoe_id);
    zoe.sends("/newgroup abc Abc");
    zoe.expect_reply_containing("Created").await;
    let someone = app.user("Someone");
    someone.sends("/newgroup xyz Xyz");
    someone.expect_reply_containing("only coordinators").await;
    assert_eq!(app.store.count_groups().await.unwrap(), 1);
}

#[tokio::test]
async fn invite_gives_facilitators_the_member_link_and_coordinators_both() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let carla = app.coordinator("Carla").await;

    let text = fede.says("/invite water-access").await.source_text.unwrap();
    assert_eq!(
        codes_in(&text),
        vec![water.member_code.as_str().to_owned()],
        "{text}"
    );

    let text = carla
        .says("/invite water-access")
        .await
        .source_text
        .unwrap();
    assert_eq!(
        codes_in(&text),
        vec![
            water.member_code.as_str().to_owned(),
            water.facilitator_code.as_str().to_owned()
        ]
    );

    carla.sends("/invite no-such-group");
    carla
        .expect_reply_containing("no working group called <code>no-such-group</code>")
        .await;
}

#[tokio::test]
async fn leave_ends_the_membership() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/leave water-access");
    ana.expect_reply_containing("You left <code>water-access</code>")
        .await;
    assert_eq!(
        app.store
            .role_in(ana.telegram_id(), &water.slug)
            .await
            .unwrap(),
        None
    );
    ana.sends("/leave water-access");
    ana.expect_reply_containing("not in a working group called")
        .await;
    ana.sends("/groups");
    ana.expect_reply_containing("not in a working group yet")
        .await;
}

#[tokio::test]
async fn coordinators_see_every_group_in_groups() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    app.group("housing", "Housing").await;
    app.member_of("Ana", &water).await;
    let carla = app.coordinator("Carla").await;
    let text = carla.says("/groups").await.source_text.unwrap();
    // The platform's groups first; the newcomer's "not in a group yet" is not for coordinators.
    assert!(text.starts_with("<b>All working groups</b>"), "{text}");
    assert!(!text.contains("not in a working group yet"), "{text}");
    assert!(
        text.contains("water-access</code>) — 1 member, 0 facilitators"),
        "{text}"
    );
    assert!(text.contains("housing"), "{text}");
}
