//! Issue #19, introductions: a facilitator introduces volunteers who agreed to it; contacts
//! only when everyone accepted (nothing when one declines), the relay through the bot (both
//! ways, rate-limited, ended with a button, nothing kept), and `/forget` withdrawing a pending
//! introduction.

use coloop_core::domain::ContactConsent;
use coloop_e2e::fake_api::BotMessage;
use coloop_e2e::harness::{PATIENCE, Person, TestApp, english};

fn text_of(message: &BotMessage) -> String {
    message.source_text.clone().unwrap_or_default()
}

/// A member of water-access (with `username` set in Telegram, if given).
async fn member<'a>(app: &'a TestApp, name: &str, username: Option<&str>) -> Person<'a> {
    let person = app.user(name);
    app.tg.set_username(person.id, username);
    let water = app
        .store
        .group_by_slug(&coloop_core::domain::GroupSlug::parse("water-access").unwrap())
        .await
        .unwrap()
        .unwrap();
    person.joins_with(water.member_code.as_str()).await;
    person
}

/// The person offers help with prototype `post`, skips the text and chooses how to be
/// contacted.
async fn volunteers(person: &Person<'_>, post: i64, contact: ContactConsent) {
    let ask = person.says(&format!("/help_with {post}")).await;
    person.presses(&ask, "Skip").await;
    let choice = person.edited_message(ask.message_id).await;
    let label = match contact {
        ContactConsent::Introduce => "introduce me",
        ContactConsent::FacilitatorOnly => "Only the facilitator",
    };
    person.presses(&choice, label).await;
}

/// Fede sends a prototype; each of `people` gets it and offers help, agreeing to be
/// introduced. The prototype's number.
async fn introducible(app: &TestApp, fede: &Person<'_>, people: &[&Person<'_>]) -> i64 {
    let post = prototype(app, fede).await;
    for person in people {
        person.next_reply().await;
        volunteers(person, post, ContactConsent::Introduce).await;
    }
    post
}

/// Fede sends a prototype; its number.
async fn prototype(app: &TestApp, fede: &Person<'_>) -> i64 {
    let (_, control) = fede
        .previews(
            "/prototype water-access community Rain tanks\nShared tanks.",
            1,
        )
        .await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    app.outbox_drained(PATIENCE).await;
    1
}

/// Message `id` in `person`'s chat once edited at least `edits` times.
async fn edited(app: &TestApp, person: &Person<'_>, id: i64, edits: u32) -> BotMessage {
    let chat = person.id;
    let done = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(chat)
                .iter()
                .any(|m| m.message_id == id && m.edits >= edits)
        })
        .await;
    assert!(done, "message {id} was not edited {edits} times");
    person.message(id)
}

/// Fede picks `names` in `/introduce`, presses Next and writes `note`: the status message.
async fn introduces(app: &TestApp, fede: &Person<'_>, names: &[&str], note: &str) -> BotMessage {
    let picker = fede.says("/introduce water-access").await;
    let mut current = picker.clone();
    for (i, name) in names.iter().enumerate() {
        fede.presses(&current, name).await;
        current = edited(app, fede, picker.message_id, i as u32 + 1).await;
    }
    fede.presses(&current, "Next").await;
    let question = edited(app, fede, picker.message_id, names.len() as u32 + 1).await;
    assert!(
        text_of(&question).starts_with("Why do you introduce"),
        "{question:?}"
    );
    fede.replies_to(&question, note);
    fede.expect_reply_containing("<b>Introduction · Water access</b>")
        .await
}

/// Whatever the bot ever sent to `person`'s chat, as written (edits included).
fn everything_to(app: &TestApp, person: &Person<'_>) -> String {
    app.tg
        .messages_in(person.id)
        .iter()
        .map(|m| format!("{} {:?}", text_of(m), m.reply_markup))
        .collect::<Vec<_>>()
        .join("\n")
}

#[tokio::test]
async fn an_introduction_where_one_declines_discloses_nothing_to_anyone() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = member(&app, "Ana", Some("ana_p")).await;
    let bo = member(&app, "Bo", Some("bo_b")).await;
    let cy = member(&app, "Cy", None).await;
    let dan = member(&app, "Dan", None).await;
    let post = introducible(&app, &fede, &[&ana, &bo, &cy]).await;
    dan.next_reply().await;
    volunteers(&dan, post, ContactConsent::FacilitatorOnly).await;

    // Only those who agreed to be introduced are in the picker.
    let picker = fede.says("/introduce water-access").await;
    let labels: Vec<String> = picker.buttons().into_iter().map(|b| b.0).collect();
    assert!(labels.iter().any(|l| l.contains("Ana")), "{labels:?}");
    assert!(!labels.iter().any(|l| l.contains("Dan")), "{labels:?}");
    fede.presses(&picker, "Cancel").await;

    let status = introduces(&app, &fede, &["Ana", "Bo", "Cy"], "You all build tanks").await;
    assert!(
        text_of(&status).contains("Waiting for answers."),
        "{status:?}"
    );
    let mut invitations = Vec::new();
    for person in [&ana, &bo, &cy] {
        let invitation = person
            .expect_reply_containing("would like to introduce you to")
            .await;
        assert!(text_of(&invitation).contains("<i>You all build tanks</i>"));
        invitations.push(invitation);
    }
    assert!(text_of(&invitations[0]).contains("<b>Bo</b>, <b>Cy</b>"));
    ana.presses(&invitations[0], "Accept").await;
    bo.presses(&invitations[1], "No thanks").await;
    let declined = bo.edited_message(invitations[1].message_id).await;
    assert!(text_of(&declined).contains("Nobody gets your contact"));
    // The others are told it did not happen, never why; nobody gets a contact.
    let en = english();
    ana.expect_reply_containing("did not happen").await;
    let told = cy.expect_reply_containing("did not happen").await;
    assert_eq!(
        text_of(&told),
        en.intro_did_not_happen("Water access", &["Ana".into(), "Bo".into()])
    );
    let toast = cy.presses(&invitations[2], "Accept").await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
    for person in [&ana, &bo, &cy] {
        let all = everything_to(&app, person);
        assert!(
            !all.contains("Introduction made") && !all.contains("@ana_p") && !all.contains("@bo_b"),
            "{all}"
        );
    }
    // Nor who declined.
    for person in [&ana, &cy] {
        let all = everything_to(&app, person);
        assert!(
            !all.contains("declined") && !all.contains("said no"),
            "{all}"
        );
    }
    // The facilitator sees who accepted, declined, is waiting — not why.
    let shown = fede.message(status.message_id);
    let shown = text_of(&shown);
    assert!(shown.contains("• Ana — accepted"), "{shown}");
    assert!(shown.contains("• Bo — declined"), "{shown}");
    assert!(shown.contains("• Cy — waiting"), "{shown}");
    assert!(shown.contains("It did not happen."), "{shown}");
}

#[tokio::test]
async fn when_everyone_accepts_each_gets_the_others_contact_and_a_relay() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = member(&app, "Ana", Some("ana_p")).await;
    let bo = member(&app, "Bo", None).await;
    introducible(&app, &fede, &[&ana, &bo]).await;
    let status = introduces(&app, &fede, &["Ana", "Bo"], "Tanks and pipes").await;
    let to_ana = ana
        .expect_reply_containing("would like to introduce you to")
        .await;
    let to_bo = bo
        .expect_reply_containing("would like to introduce you to")
        .await;
    ana.presses(&to_ana, "Accept").await;
    // Nothing is disclosed while someone has not answered.
    assert!(!everything_to(&app, &bo).contains("ana_p"));
    bo.presses(&to_bo, "Accept").await;
    bo.edited_message(to_bo.message_id).await;

    // Each gets the other's contact: the @username where there is one, always the relay.
    let made_for_bo = bo.expect_reply_containing("Introduction made").await;
    assert!(
        text_of(&made_for_bo).contains("Telegram: @ana_p."),
        "{made_for_bo:?}"
    );
    let made_for_ana = ana.expect_reply_containing("Introduction made").await;
    assert!(!text_of(&made_for_ana).contains('@'), "{made_for_ana:?}");
    for person in [&ana, &bo] {
        let all = everything_to(&app, person);
        assert!(
            !all.contains(&ana.id.to_string()) && !all.contains(&bo.id.to_string()),
            "a Telegram id shown: {all}"
        );
    }
    let shown = text_of(&fede.message(status.message_id));
    assert!(shown.contains("Everyone accepted"), "{shown}");

    // The relay, both ways.
    bo.replies_to(&made_for_bo, "Hi Ana, I'm Bo <3");
    bo.expect_reply_containing("Sent to <b>Ana</b>").await;
    let passed = ana
        .expect_reply_containing("💬 <b>Bo</b>: Hi Ana, I'm Bo &lt;3")
        .await;
    ana.replies_to(&passed, "Hello Bo");
    ana.expect_reply_containing("Sent to <b>Bo</b>").await;
    let back = bo.expect_reply_containing("💬 <b>Ana</b>: Hello Bo").await;
    // Relayed texts are the two people's own: not comments, not kept.
    assert!(
        app.store
            .list_comments(water.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let mut stored = std::fs::read(app.database()).unwrap();
    if let Ok(wal) = std::fs::read(app.database().with_extension("db-wal")) {
        stored.extend(wal);
    }
    let stored = String::from_utf8_lossy(&stored);
    assert!(!stored.contains("Hi Ana, I'm Bo") && !stored.contains("Hello Bo"));

    // Rate-limited per person.
    for i in 2..=10 {
        bo.replies_to(&back, &format!("message {i}"));
        bo.expect_reply_containing("Sent to <b>Ana</b>").await;
    }
    for i in 2..=10 {
        ana.expect_reply_containing(&format!("💬 <b>Bo</b>: message {i}"))
            .await;
    }
    bo.replies_to(&back, "one too many");
    bo.expect_reply_containing("many messages through me in the last hour")
        .await;

    // Either side ends it with a button; then nothing more is passed on.
    ana.presses(&passed, "End this conversation").await;
    ana.expect_reply_containing("The conversation with <b>Bo</b> has ended.")
        .await;
    bo.expect_reply_containing("The conversation with <b>Ana</b> has ended.")
        .await;
    ana.replies_to(&passed, "Still there?");
    ana.expect_reply_containing("This conversation has ended")
        .await;

    let privacy = text_of(&ana.says("/privacy").await);
    assert!(
        privacy.contains("Messages passed on through a relay are not kept."),
        "{privacy}"
    );
    let data = {
        ana.sends("/mydata");
        let file = ana.next_reply().await;
        serde_json::from_slice::<serde_json::Value>(&file.document.unwrap().bytes).unwrap()
    };
    assert_eq!(data["introductions"][0]["state"], "made");
    assert_eq!(data["introductions"][0]["answer"], "accepted");
    assert_eq!(data["introductions"][0]["note"], "Tanks and pipes");
}

#[tokio::test]
async fn forget_withdraws_pending_introductions() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = member(&app, "Ana", Some("ana_p")).await;
    let bo = member(&app, "Bo", None).await;
    let cy = member(&app, "Cy", None).await;
    introducible(&app, &fede, &[&ana, &bo, &cy]).await;
    let status = introduces(&app, &fede, &["Ana", "Bo", "Cy"], "Neighbours").await;
    let to_ana = ana
        .expect_reply_containing("would like to introduce you to")
        .await;
    let to_bo = bo
        .expect_reply_containing("would like to introduce you to")
        .await;
    cy.expect_reply_containing("would like to introduce you to")
        .await;
    ana.presses(&to_ana, "Accept").await;
    bo.presses(&to_bo, "Accept").await;
    bo.edited_message(to_bo.message_id).await;

    // Cy erases everything while it is pending: it is withdrawn, the others told.
    let question = cy.says("/forget").await;
    cy.presses(&question, "Yes").await;
    cy.edited_message(question.message_id).await;
    let en = english();
    let told = ana.expect_reply_containing("did not happen").await;
    assert_eq!(
        text_of(&told),
        en.intro_did_not_happen("Water access", &["Bo".into()])
    );
    bo.expect_reply_containing("did not happen").await;
    let shown = text_of(&fede.edited_message(status.message_id).await);
    assert!(shown.contains("It did not happen."), "{shown}");
    for person in [&ana, &bo] {
        assert!(!everything_to(&app, person).contains("Introduction made"));
    }
    let toast = bo.presses(&to_bo, "Accept").await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
}

/// Once one side erased their data, a reply to the relay is passed on to nobody and is never
/// taken as a comment.
#[tokio::test]
async fn a_relay_ends_when_one_side_erases_their_data() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = member(&app, "Ana", None).await;
    let bo = member(&app, "Bo", None).await;
    introducible(&app, &fede, &[&ana, &bo]).await;
    introduces(&app, &fede, &["Ana", "Bo"], "Neighbours").await;
    for person in [&ana, &bo] {
        let invitation = person
            .expect_reply_containing("would like to introduce you to")
            .await;
        person.presses(&invitation, "Accept").await;
        person.edited_message(invitation.message_id).await;
    }
    let made_for_bo = bo.expect_reply_containing("Introduction made").await;
    ana.expect_reply_containing("Introduction made").await;
    let question = ana.says("/forget").await;
    ana.presses(&question, "Yes").await;
    ana.edited_message(question.message_id).await;
    bo.replies_to(&made_for_bo, "Are you there, Ana?");
    bo.expect_reply_containing("This conversation has ended")
        .await;
    assert!(
        app.store
            .list_comments(water.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
}
