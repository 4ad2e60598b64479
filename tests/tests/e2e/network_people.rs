//! Issue #19, who's who and other actors: only opted-in members are listed, only for members
//! of the same group; a contact request discloses nothing until it is accepted; `/profile off`
//! and `/forget` take a member off at once; actors added, listed and shared with the members
//! through the outbox.

use coloop_core::domain::GroupSlug;
use coloop_e2e::fake_api::BotMessage;
use coloop_e2e::harness::{PATIENCE, TestApp, english};

fn text_of(message: &BotMessage) -> String {
    message.source_text.clone().unwrap_or_default()
}

fn labels(message: &BotMessage) -> Vec<String> {
    message.buttons().into_iter().map(|b| b.0).collect()
}

#[tokio::test]
async fn whos_who_shows_only_opted_in_members_and_only_to_members_of_the_group() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let ana = app.user("Ana");
    app.tg.set_username(ana.id, Some("ana_p"));
    ana.joins_with(water.member_code.as_str()).await;
    let bo = app.member_of("Bo", &water).await;
    let cy = app.member_of("Cy", &water).await;
    let hugo = app.member_of("Hugo", &housing).await;
    let en = english();
    let water_slug = GroupSlug::parse("water-access").unwrap();

    // Off by default.
    assert_eq!(text_of(&ana.says("/profile").await), en.profile_shown(None));
    ana.says("/profile I fix bikes & lend tools").await;
    bo.says("/profile I sew").await;
    // Hugo is listed too, but in another group.
    hugo.says("/profile I paint").await;

    // Members of the group see those listed, with a contact button for the others.
    let list = cy.says("/people water-access").await;
    let text = text_of(&list);
    assert!(
        text.starts_with("<b>Who's who · Water access</b> (2)"),
        "{text}"
    );
    assert!(
        text.contains("• <b>Ana</b> — I fix bikes &amp; lend tools"),
        "{text}"
    );
    assert!(text.contains("• <b>Bo</b> — I sew"), "{text}");
    assert!(!text.contains("Cy") && !text.contains("Hugo"), "{text}");
    assert_eq!(labels(&list), ["✉️ Ana", "✉️ Bo"]);
    let own = ana.says("/people water-access").await;
    assert_eq!(labels(&own), ["✉️ Bo"]);
    // A member of another group cannot list it.
    assert_eq!(
        text_of(&hugo.says("/people water-access").await),
        en.not_in_group(&water_slug)
    );

    // /profile off takes Bo off at once.
    assert_eq!(
        text_of(&bo.says("/profile off").await),
        en.profile_off(true)
    );
    let text = text_of(&cy.says("/people water-access").await);
    assert!(text.contains("(1)") && !text.contains("Bo"), "{text}");
    // Pressing the old button for Bo asks nobody.
    let toast = cy.presses(&list, "Bo").await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));

    // A contact request: nothing disclosed until Ana accepts.
    cy.presses(&list, "Ana").await;
    cy.expect_reply_containing("I asked <b>Ana</b>").await;
    let invitation = ana
        .expect_reply_containing(
            "<b>Cy</b>, a member of <b>Water access</b>, would like to be in touch",
        )
        .await;
    assert!(
        !app.tg
            .messages_in(cy.id)
            .iter()
            .any(|m| text_of(m).contains("ana_p"))
    );
    cy.presses(&list, "Ana").await;
    cy.expect_reply_containing("You have asked <b>Ana</b> already")
        .await;
    ana.presses(&invitation, "Accept").await;
    let made = cy.expect_reply_containing("Introduction made").await;
    assert!(text_of(&made).contains("Telegram: @ana_p."), "{made:?}");
    ana.expect_reply_containing("Introduction made").await;

    // /mydata has the line; /forget takes it off.
    ana.sends("/mydata");
    let file = ana.next_reply().await;
    let data: serde_json::Value = serde_json::from_slice(&file.document.unwrap().bytes).unwrap();
    assert_eq!(data["whos_who"]["line"], "I fix bikes & lend tools");
    let question = ana.says("/forget").await;
    ana.presses(&question, "Yes").await;
    ana.edited_message(question.message_id).await;
    assert_eq!(
        text_of(&cy.says("/people water-access").await),
        en.people_list("Water access", &[])
    );
}

#[tokio::test]
async fn actors_are_added_listed_and_shared_with_the_members() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let en = english();

    let added = fede
        .says(
            "/actor add water-access Agua Viva NGO\n\
             offers: Free water quality tests\n\
             contact: info@aguaviva.org\n\
             category: public_service",
        )
        .await;
    assert_eq!(
        text_of(&added),
        en.actor_added(1, "Agua Viva NGO", "Water access")
    );
    let refused = fede
        .says("/actor add water-access Town hall\ncontact: ask at the desk")
        .await;
    assert!(
        text_of(&refused).contains("is not a web address, an e-mail address or a phone number"),
        "{refused:?}"
    );
    let list = text_of(&fede.says("/actors water-access").await);
    assert!(
        list.starts_with("<b>Other actors · Water access</b> (1)"),
        "{list}"
    );
    assert!(
        list.contains(
            "#1 <b>Agua Viva NGO</b> · Public-service action (services, policy, regulation) — Free water quality tests — info@aguaviva.org"
        ),
        "{list}"
    );
    // Members see actors only when a facilitator shares one.
    assert_eq!(
        text_of(&ana.says("/actors water-access").await),
        en.facilitators_only(&GroupSlug::parse("water-access").unwrap())
    );
    assert_eq!(
        text_of(&olga.says("/share_actor 1").await),
        en.actor_unknown(1)
    );
    let shared = text_of(&fede.says("/share_actor 1").await);
    assert_eq!(shared, en.actor_shared("Agua Viva NGO", "Water access", 1));
    let notice = ana
        .expect_reply_containing("<b>Another actor · Water access</b>")
        .await;
    assert!(text_of(&notice).contains("<b>Agua Viva NGO</b> · Public-service action"));
    app.outbox_drained(PATIENCE).await;
    fede.expect_nothing_unread();

    // A volunteer can be introduced to an actor: once she accepts, she gets its contact.
    let (_, control) = fede
        .previews(
            "/prototype water-access community Rain tanks\nShared tanks.",
            1,
        )
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    ana.expect_reply_containing("Rain tanks").await;
    let ask = ana.says("/help_with 1").await;
    ana.presses(&ask, "Skip").await;
    let choice = ana.edited_message(ask.message_id).await;
    ana.presses(&choice, "introduce me").await;
    let picker = fede.says("/introduce water-access").await;
    fede.presses(&picker, "Ana").await;
    let wait_edits = |n: u32| {
        let chat = fede.id;
        let id = picker.message_id;
        app.tg.wait_until(PATIENCE, move |tg| {
            tg.messages_in(chat)
                .iter()
                .any(|m| m.message_id == id && m.edits >= n)
        })
    };
    assert!(wait_edits(1).await);
    fede.presses(&fede.message(picker.message_id), "Agua Viva NGO")
        .await;
    assert!(wait_edits(2).await);
    fede.presses(&fede.message(picker.message_id), "Next").await;
    assert!(wait_edits(3).await);
    fede.replies_to(&fede.message(picker.message_id), "They test wells");
    fede.expect_reply_containing("<b>Introduction · Water access</b>")
        .await;
    let invitation = ana
        .expect_reply_containing("would like to introduce you to <b>Agua Viva NGO</b>")
        .await;
    ana.presses(&invitation, "Accept").await;
    let made = ana.expect_reply_containing("Introduction made").await;
    assert!(
        text_of(&made).contains("<b>Agua Viva NGO</b> · Public-service action")
            && text_of(&made).contains("info@aguaviva.org"),
        "{made:?}"
    );

    // The digest's Network section: counts only, no names.
    fede.sends("/digest water-access");
    let digest = text_of(&fede.next_reply().await);
    let network = digest
        .split("<b>Network</b>")
        .nth(1)
        .and_then(|rest| rest.split("<b>Comments").next())
        .unwrap_or_else(|| panic!("no Network section: {digest}"));
    for line in [
        "• #1 Rain tanks (water-access): 1 offer of help",
        "• Introductions: 1 sent, 1 accepted by everyone",
        "• Other actors, Public-service action (services, policy, regulation): 1",
        "• Listed in who's who: 0",
    ] {
        assert!(network.contains(line), "{line:?} not in {network}");
    }
    assert!(
        !network.contains("Ana") && !network.contains("Fede"),
        "{network}"
    );
    let built = coloop_core::digest::Digest::build(
        &app.store,
        Some(&GroupSlug::parse("water-access").unwrap()),
        7,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let markdown = built.to_markdown();
    assert!(
        markdown.contains("## Network\n\n- #1 Rain tanks (water-access): 1 offer of help"),
        "{markdown}"
    );
    assert_eq!(built.network.listed, 0);
    assert!(built.to_json().contains("\"introductions_made\": 1"));
}
