//! `/mydata` holds everything stored about the person (issues #20 item 14, #18): anonymous
//! answers found with the answer key, what they wrote, linked and hid, the digests sent to
//! them and the audit events about them — and every answer in words as they saw it, beside
//! the stored value.

use coloop_e2e::harness::{PATIENCE, Person, TestApp};
use serde_json::{Value, json};

use crate::surveys::{outcome_sent, survey_sent};

/// `who` presses `labels` on the question message containing `question`, one after the
/// other, each once the message shows the previous press marked (☑ or ✅).
async fn answers(app: &TestApp, who: &Person<'_>, question: &str, labels: &[&str]) {
    let message = who.expect_reply_containing(question).await;
    for label in labels {
        who.presses(&who.message(message.message_id), label).await;
        if *label == "Done" {
            continue;
        }
        let marked = app
            .tg
            .wait_until(PATIENCE, |tg| {
                tg.messages_in(who.id).iter().any(|m| {
                    m.message_id == message.message_id
                        && (m.button_data(&format!("☑ {label}")).is_some()
                            || m.button_data(&format!("✅ {label}")).is_some())
                })
            })
            .await;
        assert!(marked, "{label} marked");
    }
}

/// Their `/mydata` file, read (whatever else reached them meanwhile).
async fn my_data(app: &TestApp, who: &Person<'_>) -> Value {
    who.sends("/mydata");
    let is_file = |m: &coloop_e2e::fake_api::BotMessage| {
        m.document
            .as_ref()
            .is_some_and(|d| d.file_name.as_deref() == Some("coloop-my-data.json"))
    };
    assert!(
        app.tg
            .wait_until(PATIENCE, |tg| tg.messages_in(who.id).iter().any(is_file))
            .await
    );
    let file = app
        .tg
        .messages_in(who.id)
        .into_iter()
        .find(is_file)
        .unwrap();
    serde_json::from_slice(&file.document.unwrap().bytes).expect("JSON")
}

/// Waits until the bot told `who` something containing `needle` (whatever else reached them).
async fn told(app: &TestApp, who: &Person<'_>, needle: &str) {
    let told = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(who.id)
                .iter()
                .any(|m| m.source_text.as_deref().is_some_and(|t| t.contains(needle)))
        })
        .await;
    assert!(told, "{needle}");
}

/// The entries of `data[section]` whose `field` is `value`.
fn entries<'a>(data: &'a Value, section: &str, field: &str, value: &str) -> Vec<&'a Value> {
    data[section]
        .as_array()
        .unwrap_or_else(|| panic!("no {section} in {data}"))
        .iter()
        .filter(|e| e[field] == value)
        .collect()
}

#[tokio::test]
async fn mydata_holds_anonymous_answers_what_they_wrote_linked_hid_and_were_sent_with_labels() {
    use chrono::TimeZone;
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&ana, &bob]).await;

    // Ana answers a named survey and an anonymous one.
    survey_sent(
        &fede,
        "/survey water-access Named one\nyesno: Would you help?\nmulti: Which days? | Mon | Wed | Sat",
    )
    .await;
    answers(&app, &ana, "Would you help?", &["Yes"]).await;
    answers(&app, &ana, "Which days?", &["Mon", "Sat", "Done"]).await;
    ana.expect_reply_containing("Thank you").await;
    survey_sent(
        &fede,
        "/survey water-access Secret one\nanonymous\nrating: How useful?\nchoice: Where? | School | Market | Clinic",
    )
    .await;
    answers(&app, &ana, "How useful?", &["4"]).await;
    answers(&app, &ana, "Where?", &["Market"]).await;
    ana.expect_reply_containing("Thank you").await;
    app.outbox_drained(PATIENCE).await;

    // Fede makes her a facilitator (an audit event about her); she writes a post and a survey,
    // links a group chat and hides Bob's comment.
    let picker = fede.says("/promote water-access").await;
    fede.presses(&picker, "Ana").await;
    fede.edited_message(picker.message_id).await;
    ana.expect_reply_containing("You are now a facilitator")
        .await;
    let (_, control) = ana
        .previews("/outcome water-access Ana's session\nWe dug a trench.", 1)
        .await;
    ana.presses(&control, "Send").await;
    ana.edited_message(control.message_id).await;
    survey_sent(
        &ana,
        "/survey water-access Ana asks\nyesno: Trench deep enough?",
    )
    .await;
    let chat = app.tg.add_group("Barrio Norte", false);
    app.tg.send_text(ana.id, chat, "/link water-access");
    app.tg.wait_for_messages(chat, 1, PATIENCE).await.unwrap();
    app.outbox_drained(PATIENCE).await;
    bob.sends("/comment water-access Spam spam spam");
    told(&app, &bob, "Thanks").await;
    let spam = app
        .store
        .list_comments(water.id, None, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.body.as_deref() == Some("Spam spam spam"))
        .expect("Bob's comment")
        .id;
    ana.sends(&format!("/hide {spam}"));
    told(&app, &ana, &format!("Comment #{spam} is hidden")).await;

    // A scheduled digest reaches her as the group's facilitator.
    let offset = chrono::FixedOffset::east_opt(0).unwrap();
    let scheduler = crate::digest::mondays_at_nine(&app, offset, Vec::new());
    let (_stop, stopped) = tokio::sync::watch::channel(false);
    let monday = offset.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap();
    scheduler
        .send_due_at(monday.with_timezone(&chrono::Utc), &stopped)
        .await
        .unwrap();

    let data = my_data(&app, &ana).await;
    // Answers: named and anonymous, each with its words beside the stored value.
    let answered = |prompt: &str| {
        let found = entries(&data, "answers", "prompt", prompt);
        assert_eq!(found.len(), 1, "{prompt}: {data}");
        found[0].clone()
    };
    let help = answered("Would you help?");
    assert_eq!(
        (&help["value"], &help["labels"]),
        (&1.into(), &json!(["Yes"]))
    );
    assert_eq!(help["anonymous"], false);
    let days = answered("Which days?");
    assert_eq!(days["value"], 0b101);
    assert_eq!(days["labels"], json!(["Mon", "Sat"]));
    let useful = answered("How useful?");
    assert_eq!(
        (&useful["value"], &useful["labels"]),
        (&4.into(), &json!(["4 ★"]))
    );
    assert_eq!(useful["anonymous"], true, "found with the answer key");
    assert_eq!(
        useful["answered_at"],
        Value::Null,
        "anonymous answers keep no time"
    );
    let place = answered("Where?");
    assert_eq!(
        (&place["value"], &place["labels"]),
        (&0b010.into(), &json!(["Market"]))
    );
    // What she wrote, linked and hid.
    assert_eq!(
        entries(&data, "posts_written", "title", "Ana's session").len(),
        1
    );
    assert_eq!(
        entries(&data, "surveys_written", "title", "Ana asks").len(),
        1
    );
    assert!(
        entries(&data, "posts_written", "title", "Session 3: rain tanks").is_empty(),
        "Fede's post is not hers"
    );
    let linked = entries(&data, "chats_linked", "title", "Barrio Norte");
    assert_eq!(linked.len(), 1, "{data}");
    assert_eq!(linked[0]["group"], "water-access");
    let hidden = data["comments_hidden"].as_array().unwrap();
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0]["comment_id"], spam.get());
    assert!(
        !data.to_string().contains("Spam spam spam"),
        "the hidden comment's text is Bob's, not hers"
    );
    // The digest sent to her, and the event that made her a facilitator.
    let runs = entries(&data, "digest_runs", "scope", "water-access");
    assert_eq!(runs.len(), 1, "{data}");
    assert!(
        data["audit"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "promoted" && e["target"]["person"] == "Ana"),
        "{data}"
    );
}
