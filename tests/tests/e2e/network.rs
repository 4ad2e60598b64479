//! Issue #19, networks: offering help (the button under a prototype, `/help_with`, a
//! `volunteer:` survey question), the two steps after an offer, `/offers` and withdrawing,
//! `/volunteers`, and offers in `/mydata` and `/forget`.

use coloop_core::domain::{GroupSlug, PostId};
use coloop_core::survey::SurveySpec;
use coloop_e2e::fake_api::BotMessage;
use coloop_e2e::harness::{PATIENCE, Person, TestApp, english};

fn text_of(message: &BotMessage) -> String {
    message
        .source_text
        .clone()
        .or(message.caption.clone())
        .unwrap_or_default()
}

async fn my_data(person: &Person<'_>) -> serde_json::Value {
    person.sends("/mydata");
    let file = person.next_reply().await;
    let upload = file.document.expect("a document");
    serde_json::from_slice(&upload.bytes).expect("JSON")
}

/// Fede sends a prototype of water-access; each member gets it, with the "I'd like to help"
/// button. Its post number, and what each member got.
async fn prototype_sent<'a>(
    app: &TestApp,
    fede: &Person<'_>,
    title: &str,
    members: &[&Person<'a>],
) -> (PostId, Vec<BotMessage>) {
    let (_, control) = fede
        .previews(
            &format!("/prototype water-access community {title}\nShared rain tanks."),
            1,
        )
        .await;
    // The preview shows the post as members get it; the button is theirs, not the author's.
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    let mut got = Vec::new();
    for member in members {
        got.push(member.expect_reply_containing(title).await);
    }
    app.outbox_drained(PATIENCE).await;
    let post = app
        .store
        .post_statuses(
            app.store
                .group_by_slug(&GroupSlug::parse("water-access").unwrap())
                .await
                .unwrap()
                .unwrap()
                .id,
            1,
        )
        .await
        .unwrap()[0]
        .id;
    (post, got)
}

#[tokio::test]
async fn a_member_offers_help_with_a_skill_and_the_facilitator_lists_it() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bea = app.member_of("Bea", &water).await;
    let olga = app.facilitator_of("Olga", &housing).await;
    let en = english();

    let (post, got) = prototype_sent(&app, &fede, "Rain tanks", &[&ana, &bea]).await;
    let under = &got[0];
    assert_eq!(
        under.button_data("I'd like to help").as_deref(),
        Some(format!("help:{post}").as_str()),
        "{:?}",
        under.buttons()
    );

    // The button: thanks, then "what can you offer?" with Skip.
    let toast = ana.presses(under, "I'd like to help").await;
    assert_eq!(toast.as_deref(), Some("Thank you!"));
    let ask = ana.next_reply().await;
    assert_eq!(
        text_of(&ask),
        en.offer_ask_text(post, "Rain tanks", "Water access")
    );
    assert!(ask.button_data("Skip").is_some());
    // Her reply is what she can offer (not a comment); then how she may be contacted.
    ana.replies_to(&ask, "I'm a plumber");
    let contact = ana.next_reply().await;
    assert_eq!(text_of(&contact), en.offer_ask_contact("Rain tanks"));
    ana.presses(&contact, "Only the facilitator").await;
    let done = ana.edited_message(contact.message_id).await;
    assert_eq!(
        text_of(&done),
        en.offer_done(
            "Rain tanks",
            coloop_core::domain::ContactConsent::FacilitatorOnly
        )
    );
    assert!(
        app.store
            .list_comments(water.id, None, 10)
            .await
            .unwrap()
            .is_empty(),
        "what she can offer is not a comment"
    );

    // The facilitator lists it: who, on what, what they can offer, how to reach them.
    let list = text_of(&fede.says("/volunteers water-access").await);
    assert!(
        list.starts_with("<b>Volunteers · Water access</b> (1, newest first)"),
        "{list}"
    );
    assert!(
        list.contains(&format!(
            "<b>Ana</b> — #{post} Rain tanks: “I'm a plumber” — only you may contact them"
        )),
        "{list}"
    );
    assert!(!list.contains("Bea"), "{list}");
    let one = text_of(&fede.says(&format!("/volunteers water-access {post}")).await);
    assert!(one.contains("<b>Ana</b>"), "{one}");
    let none = text_of(&fede.says("/volunteers water-access 999").await);
    assert_eq!(none, "Nobody has offered help with post #999 yet.");

    // Only the group's facilitators (and coordinators) may list it.
    let water_slug = GroupSlug::parse("water-access").unwrap();
    assert_eq!(
        text_of(&olga.says("/volunteers water-access").await),
        en.facilitators_only(&water_slug)
    );
    assert_eq!(
        text_of(&ana.says("/volunteers water-access").await),
        en.facilitators_only(&water_slug)
    );
    let carla = app.coordinator("Carla").await;
    assert!(text_of(&carla.says("/volunteers water-access").await).contains("<b>Ana</b>"));

    // /help tells each what they can do.
    assert!(text_of(&ana.says("/help").await).contains("/help_with &lt;post number&gt;"));
    assert!(text_of(&fede.says("/help").await).contains("/volunteers &lt;group&gt;"));
    assert!(!text_of(&carla.says("/help").await).contains("/help_with"));

    // Help is offered on prototypes of one's own groups.
    assert_eq!(
        text_of(&olga.says(&format!("/help_with {post}")).await),
        en.offer_unknown_post(post)
    );

    // /mydata has the offer; /forget erases it, and she is off the list.
    let data = my_data(&ana).await;
    assert_eq!(data["offers"][0]["post_id"], post.get());
    assert_eq!(data["offers"][0]["text"], "I'm a plumber");
    assert_eq!(data["offers"][0]["contact"], "facilitator");
    let question = ana.says("/forget").await;
    ana.presses(&question, "Yes").await;
    ana.edited_message(question.message_id).await;
    assert_eq!(
        text_of(&fede.says("/volunteers water-access").await),
        en.volunteers_list("Water access", None, &[])
    );
}

#[tokio::test]
async fn withdrawing_removes_the_offer_everywhere() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let en = english();
    let (tanks, _) = prototype_sent(&app, &fede, "Rain tanks", &[&ana]).await;
    let (loans, got) = prototype_sent(&app, &fede, "Tank loans", &[&ana]).await;

    // /help_with, then a plain text soon after is what she can offer.
    let ask = ana.says(&format!("/help_with {tanks}")).await;
    assert_eq!(
        text_of(&ask),
        en.offer_ask_text(tanks, "Rain tanks", "Water access")
    );
    let contact = ana.says("I can host a meeting").await;
    ana.presses(&contact, "introduce me").await;
    ana.edited_message(contact.message_id).await;
    // The button, then Skip: no text, the default way to be contacted.
    ana.presses(&got[0], "I'd like to help").await;
    let ask = ana.next_reply().await;
    ana.presses(&ask, "Skip").await;
    let contact = ana.edited_message(ask.message_id).await;
    assert_eq!(text_of(&contact), en.offer_ask_contact("Tank loans"));
    ana.presses(&contact, "introduce me").await;
    // A plain text now is a comment again, not what she can offer.
    let reply = text_of(&ana.says("Thanks for the tanks").await);
    assert!(
        reply != en.offer_text_saved("Tank loans") && !reply.contains("How may people reach you"),
        "{reply}"
    );

    let list = fede.says("/volunteers water-access").await;
    assert!(text_of(&list).contains("(2, newest first)"), "{list:?}");

    // /offers: both, newest first, each with a Withdraw button.
    let offers = ana.says("/offers").await;
    let text = text_of(&offers);
    assert!(text.starts_with("<b>Your offers of help</b> (2)"), "{text}");
    assert!(
        text.find("Tank loans").unwrap() < text.find("Rain tanks").unwrap(),
        "{text}"
    );
    assert!(text.contains("“I can host a meeting”"), "{text}");
    let toast = ana
        .presses(&offers, &format!("Withdraw #{tanks} Rain tanks"))
        .await;
    assert_eq!(
        toast.as_deref(),
        Some("Withdrawn: you are off every list for it")
    );
    let shown = ana.edited_message(offers.message_id).await;
    assert!(text_of(&shown).starts_with("<b>Your offers of help</b> (1)"));
    assert!(shown.button_data("Rain tanks").is_none());
    assert!(shown.button_data("Tank loans").is_some());

    // Gone from every list at once.
    let list = text_of(&fede.says("/volunteers water-access").await);
    assert!(list.contains("(1, newest first)"), "{list}");
    assert!(!list.contains("Rain tanks"), "{list}");
    assert_eq!(
        text_of(
            &fede
                .says(&format!("/volunteers water-access {tanks}"))
                .await
        ),
        en.volunteers_list("Water access", Some(tanks), &[])
    );
    let data = my_data(&ana).await;
    assert_eq!(data["offers"].as_array().unwrap().len(), 1);
    assert_eq!(data["offers"][0]["post_id"], loans.get());

    // Pressing Withdraw again (or a forged one) changes nothing.
    let toast = ana
        .presses_data(offers.message_id, &format!("ofw:{}", 1))
        .await;
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
    // Leaving the group takes her off its list too.
    ana.says("/leave water-access").await;
    assert_eq!(
        text_of(&fede.says("/volunteers water-access").await),
        en.volunteers_list("Water access", None, &[])
    );
}

#[tokio::test]
async fn a_volunteer_survey_question_offers_help_and_is_never_anonymous() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let en = english();
    let (post, _) = prototype_sent(&app, &fede, "Rain tanks", &[&ana]).await;

    // Offering help is not anonymous: the parser says so, with the line.
    let body = "anonymous\nvolunteer: Would you help build it?";
    let refused = fede
        .says(&format!("/survey water-access Helpers\n{body}"))
        .await;
    let problems = SurveySpec::parse("Helpers", body).unwrap_err();
    assert_eq!(text_of(&refused), en.survey_problems(&problems));
    assert!(
        text_of(&refused).contains("line 2: a volunteer question cannot be in an anonymous survey"),
        "{refused:?}"
    );

    crate::surveys::survey_sent(
        &fede,
        &format!("/survey water-access Helpers\nfor: {post}\nvolunteer: Would you help build it?"),
    )
    .await;
    let question = ana
        .expect_reply_containing("Would you help build it?")
        .await;
    ana.presses(&question, "Yes").await;
    // "Yes" is an offer of help: the two steps follow.
    let ask = ana
        .expect_reply_containing("Thank you for offering to help with <b>Rain tanks</b>")
        .await;
    ana.expect_reply_containing("Thank you").await;
    ana.replies_to(&ask, "Two free Saturdays");
    let contact = ana.next_reply().await;
    ana.presses(&contact, "introduce me").await;
    let list = text_of(&fede.says("/volunteers water-access").await);
    assert!(
        list.contains("<b>Ana</b> — #")
            && list.contains("“Two free Saturdays” — may be introduced to others"),
        "{list}"
    );
    // Changing the answer to "no" withdraws that offer (after the press is answered).
    ana.presses(&question, "No").await;
    let deadline = tokio::time::Instant::now() + PATIENCE;
    while !app
        .store
        .volunteers(water.id, None)
        .await
        .unwrap()
        .is_empty()
    {
        assert!(tokio::time::Instant::now() < deadline, "the offer stays");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        text_of(&fede.says("/volunteers water-access").await),
        en.volunteers_list("Water access", None, &[])
    );
}
