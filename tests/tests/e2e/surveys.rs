//! Surveys end to end: creating (and every kind of mistake), answering every kind of question,
//! changing an answer, stale / forged / redelivered presses, anonymity, reminders and closing.

use std::time::Duration;

use coloop_core::domain::SurveyId;
use coloop_e2e::fake_api::BotMessage;
use coloop_e2e::harness::{Options, PATIENCE, Person, TestApp, english, test_survey_settings};

const OUTCOME: &str = "/outcome water-access Session 3: rain tanks\nWe agreed on three rain tanks.";

const SURVEY: &str = "/survey water-access Rain tanks\n\
    rating: How useful is this for your household?\n\
    yesno: Would you help build it?\n\
    choice: Where first? | School | Market | Clinic\n\
    multi: Which days suit you? | Mon | Wed | Sat\n\
    text: What would you change?";

/// Fede sends an outcome (so a survey has a post to be about) and every member reads it.
pub(crate) async fn outcome_sent(app: &TestApp, fede: &Person<'_>, members: &[&Person<'_>]) {
    let (_, control) = fede.previews(OUTCOME, 1).await;
    fede.presses(&control, "Send").await;
    fede.edited_message(control.message_id).await;
    for member in members {
        member.expect_reply_containing("rain tanks").await;
    }
    app.outbox_drained(PATIENCE).await;
}

/// Fede writes a survey, checks the preview and presses Send; the survey's id.
pub(crate) async fn survey_sent(fede: &Person<'_>, command: &str) -> SurveyId {
    fede.sends(command);
    let first = fede.next_reply().await;
    assert!(
        first.source_text.as_deref().unwrap().contains("📋"),
        "the preview starts with the first message as members get it: {:?}",
        first.source_text
    );
    let outline = fede.expect_reply_containing("The whole survey").await;
    let control = fede.next_reply().await;
    assert!(control.button_data("Send").is_some(), "{outline:?}");
    fede.presses(&control, "Send").await;
    let queued = fede.edited_message(control.message_id).await;
    let text = queued.source_text.unwrap();
    let id: i64 = text
        .split("Survey #")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no survey number in {text:?}"));
    SurveyId::new(id)
}

fn text_of(message: &BotMessage) -> String {
    message.source_text.clone().unwrap_or_default()
}

#[tokio::test]
async fn members_answer_every_kind_of_question_one_at_a_time_and_can_change_answers() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    outcome_sent(&app, &fede, &[&ana]).await;
    let id = survey_sent(&fede, SURVEY).await;

    // 1. Rating, with the survey's introduction.
    let rating = ana.expect_reply_containing("Survey · Water access").await;
    let intro = text_of(&rating);
    assert!(
        intro.contains("Rain tanks") && intro.contains("Session 3: rain tanks"),
        "{intro}"
    );
    assert!(
        intro.contains("1/5.") && intro.contains("How useful"),
        "{intro}"
    );
    assert_eq!(rating.buttons().len(), 5);
    assert_eq!(ana.presses(&rating, "4").await.as_deref(), Some("Saved ✅"));
    let shown = ana.edited_message(rating.message_id).await;
    assert!(
        text_of(&shown).contains("Your answer:</i> 4 ★"),
        "{}",
        text_of(&shown)
    );
    assert!(
        shown.button_data("✅ 4").is_some(),
        "the answer is marked, buttons stay"
    );
    assert!(
        text_of(&shown).contains("Survey · Water access"),
        "the survey's introduction stays: {}",
        text_of(&shown)
    );

    // 2. Yes / no.
    let yesno = ana.expect_reply_containing("2/5.").await;
    ana.presses(&yesno, "Yes").await;
    // 3. Choice.
    let choice = ana.expect_reply_containing("3/5.").await;
    assert_eq!(choice.buttons().len(), 3);
    ana.presses(&choice, "Market").await;
    // 4. Multi: toggles, then Done.
    let multi = ana.expect_reply_containing("4/5.").await;
    ana.presses(&multi, "Mon").await;
    let multi = ana.edited_message(multi.message_id).await;
    assert!(
        multi.button_data("☑ Mon").is_some(),
        "{:?}",
        multi.buttons()
    );
    ana.presses(&multi, "Sat").await;
    let toggled = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(ana.id)
                .iter()
                .any(|m| m.message_id == multi.message_id && m.button_data("☑ Sat").is_some())
        })
        .await;
    assert!(toggled);
    let multi = ana.message(multi.message_id);
    ana.presses(&multi, "Done").await;
    // 5. Text, answered by simply writing.
    let text = ana.expect_reply_containing("5/5.").await;
    assert!(text.is_force_reply(), "a text question asks for a reply");
    let typed = ana.sends("More taps & less queueing");
    let thanks = ana.expect_reply_containing("Thank you").await;
    // Telegram delivers that message again: it is neither a second answer nor a comment.
    app.tg.redeliver(typed.update_id);
    ana.expect_nothing_else().await;
    assert!(
        app.store
            .list_comments(water.id, None, 10)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(text_of(&thanks).contains("Rain tanks"));
    let text = ana.edited_message(text.message_id).await;
    assert!(
        text_of(&text).contains("More taps &amp; less queueing"),
        "{}",
        text_of(&text)
    );

    // A change of mind on the first question: updated, and nothing asked again.
    let rating = ana.message(rating.message_id);
    ana.presses(&rating, "2").await;
    let changed = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(ana.id).iter().any(|m| {
                m.message_id == rating.message_id
                    && m.source_text.as_deref().is_some_and(|t| t.contains("2 ★"))
            })
        })
        .await;
    assert!(changed);
    ana.expect_nothing_else().await;

    let answers = app.store.survey_answers(id).await.unwrap();
    let got: Vec<(i64, Option<i64>, Option<&str>)> = answers
        .iter()
        .map(|a| (a.question, a.value, a.text.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (1, Some(2), None),
            (2, Some(1), None),
            (3, Some(0b010), None),
            (4, Some(0b101), None),
            (5, None, Some("More taps & less queueing")),
        ]
    );
    assert!(
        answers
            .iter()
            .all(|a| a.respondent.as_deref() == Some("Ana"))
    );
    // A reply to a question with buttons is not a comment: she is pointed to the buttons.
    let yesno = ana.message(yesno.message_id);
    ana.replies_to(&yesno, "maybe?");
    ana.expect_reply_containing("with the buttons").await;
    // Her next plain message is a comment again, not an answer.
    ana.sends("Thanks for the meeting!");
    let next = ana.next_reply().await;
    assert!(!text_of(&next).contains("Saved"), "{}", text_of(&next));
    assert_eq!(app.store.survey_answers(id).await.unwrap().len(), 5);
    // /mydata holds the survey and her answers.
    ana.sends("/mydata");
    let file = ana.next_reply().await;
    let data: serde_json::Value =
        serde_json::from_slice(&file.document.expect("a document").bytes).unwrap();
    assert_eq!(data["surveys"][0]["title"], "Rain tanks");
    assert_eq!(data["surveys"][0]["questions_answered"], 5);
    assert_eq!(data["answers"].as_array().unwrap().len(), 5);
    assert_eq!(data["answers"][4]["text"], "More taps & less queueing");
    // Each answer also as she saw it, beside the stored value (issue #18).
    let labels: Vec<(serde_json::Value, serde_json::Value)> = data["answers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["value"].clone(), a["labels"].clone()))
        .collect();
    assert_eq!(
        labels,
        vec![
            (serde_json::json!(2), serde_json::json!(["2 ★"])),
            (serde_json::json!(1), serde_json::json!(["Yes"])),
            (serde_json::json!(0b010), serde_json::json!(["Market"])),
            (serde_json::json!(0b101), serde_json::json!(["Mon", "Sat"])),
            (serde_json::Value::Null, serde_json::Value::Null),
        ]
    );
}

#[tokio::test]
async fn a_survey_with_mistakes_is_refused_line_by_line() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;

    // Nothing to be about yet.
    let reply = fede.says("/survey water-access Early\nyesno: Ok?").await;
    assert!(
        text_of(&reply).contains("has not sent anything"),
        "{}",
        text_of(&reply)
    );
    outcome_sent(&app, &fede, &[&ana]).await;

    let reply = fede
        .says(
            "/survey water-access Broken\n\
             rating: Fine\n\
             bogus: What?\n\
             choice: Where? | School\n\
             multi: Days? | Mon | mon\n\
             text:\n\
             closes: someday\n\
             for: 1\n\
             choice: Pick | A | B | Cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc",
        )
        .await;
    let text = text_of(&reply);
    for expected in [
        "line 2: “bogus” is not a kind of question",
        "line 3: a choice needs 2 to 10 options",
        "line 4: the option “mon” appears twice",
        "line 5: the question is empty",
        "line 6: “closes:” needs a date",
        "line 7: “for:” must be the first line",
        "line 8: the option “Cccccccccccccccccccc” is longer than 60 characters",
        "Usage: <code>/survey",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    assert!(!text.contains("line 1:"), "{text}");

    let reply = fede
        .says(&format!(
            "/survey water-access More\nfor: twelve\nanonymous\nanonymous\nrating: {}\nchoice: Where? | A | | C",
            "long ".repeat(70)
        ))
        .await;
    let text = text_of(&reply);
    for expected in [
        "line 1: “for:” needs a post number",
        "line 3: “anonymous” is said twice",
        "line 4: the question is longer than 300 characters",
        "line 5: an option is empty",
    ] {
        assert!(text.contains(expected), "{expected:?} missing from {text}");
    }
    let too_many: String = (1..=11).map(|i| format!("\nyesno: Q{i}?")).collect();
    let reply = fede
        .says(&format!("/survey water-access Long{too_many}"))
        .await;
    assert!(text_of(&reply).contains("at most 10 questions"));
    let reply = fede
        .says("/survey water-access Late\ncloses: 2020-01-01\nyesno: Ok?")
        .await;
    assert!(text_of(&reply).contains("already passed"));
    let reply = fede
        .says("/survey water-access Other\nfor: 999\nyesno: Ok?")
        .await;
    assert!(text_of(&reply).contains("Post #999 is not a post"));
    let reply = fede.says("/survey water-access").await;
    assert!(
        text_of(&reply).contains("Usage: <code>/survey"),
        "{}",
        text_of(&reply)
    );
    // Members cannot make surveys.
    let reply = ana.says("/survey water-access Mine\nyesno: Ok?").await;
    assert_eq!(text_of(&reply), english().facilitators_only(&water.slug));
    ana.expect_silence(Duration::from_millis(200)).await;
}

#[tokio::test]
async fn stale_forged_and_redelivered_presses_store_nothing_twice() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let housing = app.group("housing", "Housing").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let hugo = app.member_of("Hugo", &housing).await;
    outcome_sent(&app, &fede, &[&ana]).await;
    let id = survey_sent(&fede, SURVEY).await;
    let rating = ana.expect_reply_containing("1/5.").await;

    for forged in [
        format!("sv:{id}:0:c7"),
        format!("sv:{id}:0:y"),
        format!("sv:{id}:2:c3"),
        format!("sv:{id}:9:y"),
        "sv:999:0:r3".to_owned(),
        format!("sv:{id}:0:r9"),
        format!("sv:{id}:3:m7+"),
    ] {
        let toast = ana.presses_data(rating.message_id, &forged).await;
        assert_eq!(
            toast.as_deref(),
            Some("This button is no longer valid."),
            "{forged}"
        );
    }
    // Someone from another group, pressing a (forwarded or forged) button.
    let hugo_message = hugo.says("/groups").await;
    let toast = hugo
        .presses_data(hugo_message.message_id, &format!("sv:{id}:0:r3"))
        .await;
    // (Issue #20: told nothing of the survey — not its group, not whether it is open.)
    assert_eq!(toast.as_deref(), Some("This button is no longer valid."));
    assert!(app.store.survey_answers(id).await.unwrap().is_empty());

    // A press, then the same update again (Telegram redelivers it): one answer, one next
    // question.
    let data = rating.button_data("3").unwrap();
    let first = app
        .tg
        .press_button(ana.id, ana.id, rating.message_id, &data);
    ana.expect_reply_containing("2/5.").await;
    // Handled again: answered again, which Telegram refuses for a query already answered, and
    // the question shown with its answer again (the update holds the message as it was
    // before), which Telegram refuses as changing nothing.
    app.expect_refusal("answerCallbackQuery", "query is too old");
    app.expect_refusal("editMessageText", "message is not modified");
    let before = app.tg.call_count("answerCallbackQuery");
    app.tg.redeliver(first.update_id);
    app.tg
        .wait_for_attempts("answerCallbackQuery", before + 1, PATIENCE)
        .await
        .unwrap();
    ana.expect_nothing_else().await;
    let answers = app.store.survey_answers(id).await.unwrap();
    assert_eq!(answers.len(), 1);
    assert_eq!(answers[0].value, Some(3));
}

#[tokio::test]
async fn an_anonymous_survey_stores_no_link_to_the_person() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    outcome_sent(&app, &fede, &[&ana]).await;
    let id = survey_sent(
        &fede,
        "/survey water-access Honest feedback\nanonymous\nyesno: Did the session help?\ntext: What went wrong?",
    )
    .await;
    let yesno = ana.expect_reply_containing("Anonymous").await;
    ana.presses(&yesno, "No").await;
    let text = ana.expect_reply_containing("2/2.").await;
    ana.replies_to(&text, "Too long, and too loud");
    ana.expect_reply_containing("Thank you").await;

    let answers = app.store.survey_answers(id).await.unwrap();
    assert_eq!(answers.len(), 2);
    assert!(answers.iter().all(|a| a.respondent.is_none()));
    assert_eq!(app.store.survey_answer_counts(id).await.unwrap(), (2, 0));
    let person = app
        .store
        .person_by_telegram(ana.telegram_id())
        .await
        .unwrap()
        .unwrap();
    // The rows themselves: no person, no time, and a respondent that is not her id in any
    // form ("h" and a keyed digest, where a named answer has "p" and the person's id).
    let rows = raw_answer_rows(&app, id).await;
    assert_eq!(rows.len(), 2, "{rows:?}");
    for (respondent, person_id, answered_at) in &rows {
        assert_eq!((person_id, answered_at), (&None, &None), "{rows:?}");
        let digest = respondent.strip_prefix('h').unwrap_or_default();
        assert!(
            digest.len() == 64 && digest.chars().all(|c| c.is_ascii_hexdigit()),
            "not a keyed digest: {respondent}"
        );
    }
    assert_ne!(
        rows[0].0, rows[1].0,
        "one respondent per question, not a pseudonym"
    );
    let traces = app
        .store
        .person_traces(ana.telegram_id(), person.id.get())
        .await
        .unwrap();
    assert!(
        traces.iter().all(|t| !t.starts_with("answers.")),
        "{traces:?}"
    );
    // She can still change her own answer (the bot finds it with its key).
    let yesno = ana.message(yesno.message_id);
    ana.presses(&yesno, "Yes").await;
    let changed = app
        .tg
        .wait_until(PATIENCE, |tg| {
            tg.messages_in(ana.id).iter().any(|m| {
                m.message_id == yesno.message_id
                    && m.source_text
                        .as_deref()
                        .is_some_and(|t| t.contains("Your answer:</i> Yes"))
            })
        })
        .await;
    assert!(changed);
    let answers = app.store.survey_answers(id).await.unwrap();
    assert_eq!(answers.len(), 2, "changed, not added");
    // /forget erases her anonymous answers too.
    let confirm = ana.says("/forget").await;
    ana.presses(&confirm, "forget me").await;
    ana.edited_message(confirm.message_id).await;
    assert!(app.store.survey_answers(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn reminders_go_only_to_those_who_have_not_finished_and_at_most_twice() {
    let (app, _) = TestApp::spawn_with(Options {
        surveys: Some(coloop_bot::config::SurveySettings {
            reminder_delay: Duration::from_secs(1),
            quiet: None,
            ..test_survey_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&ana, &bob]).await;
    survey_sent(
        &fede,
        "/survey water-access Quick\nyesno: Coming on Saturday?\nyesno: Bringing tools?",
    )
    .await;
    let first = ana.expect_reply_containing("1/2.").await;
    ana.presses(&first, "Yes").await;
    let second = ana.expect_reply_containing("2/2.").await;
    ana.presses(&second, "No").await;
    ana.expect_reply_containing("Thank you").await;
    let bob_first = bob.expect_reply_containing("1/2.").await;

    // Bob has not answered: a reminder with a Continue button.
    let reminder = bob
        .expect_reply_containing("would still like your answers")
        .await;
    bob.presses(&reminder, "Continue").await;
    let again = bob.expect_reply_containing("1/2.").await;
    assert_ne!(again.message_id, bob_first.message_id);
    // A second reminder, then no more: none in the three reminder delays after it.
    bob.expect_reply_containing("would still like your answers")
        .await;
    bob.expect_silence(Duration::from_secs(3)).await;
    assert_eq!(reminders_to(&app, bob.id).await, 2);
    // Ana, who finished, never got one.
    ana.expect_nothing_unread();
    assert_eq!(reminders_to(&app, ana.id).await, 0);
}

/// The answers table's rows of a survey, as stored: (respondent, person_id, answered_at).
async fn raw_answer_rows(
    app: &TestApp,
    survey: SurveyId,
) -> Vec<(String, Option<i64>, Option<String>)> {
    use sqlx::Connection as _;
    let url = format!("sqlite://{}?mode=ro", app.database().display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let rows = sqlx::query_as(
        "SELECT a.respondent, a.person_id, a.answered_at FROM answers a
         JOIN survey_questions q ON q.id = a.question_id WHERE q.survey_id = ?",
    )
    .bind(survey.get())
    .fetch_all(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();
    rows
}

/// How many survey reminders the database holds for the person with this Telegram id (the
/// raw delivery rows: each reminder is one).
async fn reminders_to(app: &TestApp, telegram_id: i64) -> i64 {
    use sqlx::Connection as _;
    let url = format!("sqlite://{}?mode=ro", app.database().display());
    let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let n = sqlx::query_scalar(
        "SELECT COUNT(*) FROM deliveries WHERE reminder > 0 AND chat_id = ? AND chat_kind = 'private'",
    )
    .bind(telegram_id)
    .fetch_one(&mut db)
    .await
    .unwrap();
    db.close().await.unwrap();
    n
}

#[tokio::test]
async fn no_reminder_at_all_when_reminders_are_off() {
    let (app, _) = TestApp::spawn_with(Options {
        surveys: Some(coloop_bot::config::SurveySettings {
            reminder_delay: Duration::from_secs(1),
            max_reminders: 0,
            quiet: None,
            ..test_survey_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&bob]).await;
    survey_sent(&fede, "/survey water-access Quick\nyesno: Coming?").await;
    bob.expect_reply_containing("1/1.").await;
    // Three reminder delays go by unanswered.
    bob.expect_silence(Duration::from_secs(3)).await;
    assert_eq!(reminders_to(&app, bob.id).await, 0);
}

#[tokio::test]
async fn no_reminder_in_the_quiet_hours() {
    use chrono::Timelike;
    let now = chrono::Utc::now();
    let hour = |h: i64| {
        chrono::NaiveTime::from_hms_opt(((now.hour() as i64 + 24 + h) % 24) as u32, 0, 0).unwrap()
    };
    let (app, _) = TestApp::spawn_with(Options {
        surveys: Some(coloop_bot::config::SurveySettings {
            reminder_delay: Duration::from_secs(1),
            // Quiet from an hour ago until two hours from now (UTC).
            quiet: Some(coloop_core::schedule::QuietHours {
                start: hour(-1),
                end: hour(2),
                zone: coloop_core::zone::Zone::utc(),
            }),
            ..test_survey_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&bob]).await;
    survey_sent(&fede, "/survey water-access Quick\nyesno: Coming?").await;
    bob.expect_reply_containing("1/1.").await;
    bob.expect_silence(Duration::from_millis(2_500)).await;
}

#[tokio::test]
async fn closing_a_survey_removes_its_buttons_and_refuses_answers() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&ana, &bob]).await;
    let id = survey_sent(&fede, SURVEY).await;
    let ana_first = ana.expect_reply_containing("1/5.").await;
    ana.presses(&ana_first, "5").await;
    let ana_second = ana.expect_reply_containing("2/5.").await;
    let bob_first = bob.expect_reply_containing("1/5.").await;

    // Only facilitators of the group close it.
    // (Issue #20: to anyone else it looks like a survey that does not exist.)
    let reply = ana.says(&format!("/closesurvey {id}")).await;
    assert_eq!(text_of(&reply), english().survey_unknown(id));
    let reply = fede.says("/closesurvey 999").await;
    assert_eq!(
        text_of(&reply),
        english().survey_unknown(SurveyId::new(999))
    );

    let reply = fede.says(&format!("/closesurvey {id}")).await;
    assert_eq!(text_of(&reply), english().survey_closed(id, "Rain tanks"));
    for (person, message) in [(&ana, &ana_first), (&ana, &ana_second), (&bob, &bob_first)] {
        let chat = person.id;
        let cleared = app
            .tg
            .wait_until(PATIENCE, |tg| {
                tg.messages_in(chat)
                    .iter()
                    .any(|m| m.message_id == message.message_id && m.buttons().is_empty())
            })
            .await;
        assert!(cleared, "buttons of message {} remain", message.message_id);
    }
    // A press that was on its way (the old button) is refused and stores nothing.
    let toast = bob
        .presses_data(bob_first.message_id, &bob_first.button_data("3").unwrap())
        .await;
    assert_eq!(toast.as_deref(), Some("This survey is closed."));
    assert_eq!(app.store.survey_answers(id).await.unwrap().len(), 1);
    let reply = fede.says(&format!("/closesurvey {id}")).await;
    assert_eq!(text_of(&reply), english().survey_already_closed(id));
}

#[tokio::test]
async fn answers_reach_the_digest_the_export_and_you_said_we_did() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let carla = app.coordinator("Carla").await;
    let ana = app.member_of("Ana", &water).await;
    let bob = app.member_of("Bob", &water).await;
    outcome_sent(&app, &fede, &[&ana, &bob]).await;
    let id = survey_sent(
        &fede,
        "/survey water-access Rain tanks\nrating: How useful?\nchoice: Where first? | School | Market",
    )
    .await;
    let rating = ana.expect_reply_containing("1/2.").await;
    ana.presses(&rating, "4").await;
    let choice = ana.expect_reply_containing("2/2.").await;
    ana.presses(&choice, "Market").await;
    ana.expect_reply_containing("Thank you").await;
    bob.expect_reply_containing("1/2.").await;
    app.outbox_drained(PATIENCE).await;

    let digest = text_of(&fede.says("/digest water-access").await);
    for expected in [
        "<b>Surveys</b>",
        "<b>Rain tanks</b>",
        "reached 2 · answered 1 · finished 1",
        "<i>1. How useful?</i> — 1 answer (50% response), mean <b>4.0</b>",
        "██████████</code> 4 ★ 100% (1)",
        "Market 100% (1)",
    ] {
        assert!(
            digest.contains(expected),
            "{expected:?} missing from {digest}"
        );
    }
    assert!(
        !digest.contains("Who responds"),
        "coordinators only: {digest}"
    );
    // With it, a chart of the answers: a PNG of the documented size.
    let chart = fede
        .expect_reply_containing("Answers to “Rain tanks”")
        .await;
    let png = chart.photo.expect("a photo").bytes;
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
    let height = u32::from_be_bytes(png[20..24].try_into().unwrap());
    assert_eq!((width, height), coloop_core::chart::chart_size(2));
    let digest = text_of(&carla.says("/digest water-access").await);
    assert!(digest.contains("Who responds"), "{digest}");
    assert!(
        digest.contains("water-access · other posts: 50% (1/2)"),
        "{digest}"
    );

    carla.expect_reply_containing("Answers to").await;
    carla.sends("/export water-access");
    let answers = carla.expect_reply_containing("Survey answers").await;
    let csv = String::from_utf8(answers.document.expect("answers file").bytes).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(rows[0][6], "Ana");
    assert_eq!(rows[0][7], "4");
    assert_eq!(rows[1][7], "Market");

    // "You said, we did": Ana answered a survey about the outcome; Bob did not.
    let post = app.store.survey(id).await.unwrap().unwrap().post_id;
    let (_, control) = fede
        .previews(
            &format!("/outcome water-access Tanks ordered\nanswers: {post}\nThe market got the first tank."),
            1,
        )
        .await;
    assert!(
        text_of(&control).contains("1 of them gave feedback"),
        "{}",
        text_of(&control)
    );
    fede.presses(&control, "Send").await;
    let to_ana = ana.expect_reply_containing("Tanks ordered").await;
    assert!(
        text_of(&to_ana).contains("You gave feedback on"),
        "{}",
        text_of(&to_ana)
    );
    let to_bob = bob.expect_reply_containing("Tanks ordered").await;
    assert!(!text_of(&to_bob).contains("You gave feedback on"));
    app.outbox_drained(PATIENCE).await;
    let digest = text_of(&fede.says("/digest water-access").await);
    assert!(
        digest.contains("you said, we did: 1 person who gave feedback was told"),
        "{digest}"
    );
}

#[tokio::test]
async fn the_authors_preview_buttons_answer_nothing() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    outcome_sent(&app, &fede, &[&ana]).await;
    fede.sends(SURVEY);
    let preview = fede.next_reply().await;
    fede.next_reply().await;
    let control = fede.next_reply().await;
    // Before Send the survey is a draft; after it, still the author's preview.
    assert_eq!(
        fede.presses(&preview, "4").await.as_deref(),
        Some("This button is no longer valid.")
    );
    fede.presses(&control, "Send").await;
    let queued = fede.edited_message(control.message_id).await;
    let id: i64 = text_of(&queued)
        .split("Survey #")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    assert_eq!(
        fede.presses(&preview, "4").await.as_deref(),
        Some("This is your survey’s preview: members answer it in their own chats.")
    );
    assert!(
        app.store
            .survey_answers(SurveyId::new(id))
            .await
            .unwrap()
            .is_empty()
    );
    ana.expect_reply_containing("1/5.").await;
}

#[tokio::test]
async fn a_question_lost_on_the_way_comes_when_the_member_presses_again() {
    use coloop_e2e::fake_api::{Fault, Scope};
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    outcome_sent(&app, &fede, &[&ana]).await;
    survey_sent(&fede, SURVEY).await;
    let rating = ana.expect_reply_containing("1/5.").await;
    // The next question cannot be sent (Telegram refuses it once).
    app.tg.inject(
        Fault::BadRequest("Bad Request: something went wrong".into()),
        Scope::method_and_chat("sendMessage", ana.id, 1),
    );
    ana.presses(&rating, "4").await;
    // The apology for the failure.
    ana.expect_reply_containing("Sorry").await;
    // Pressing (the same answer) again brings the question that was lost.
    let rating = ana.message(rating.message_id);
    ana.presses(&rating, "4").await;
    ana.expect_reply_containing("2/5.").await;
}

#[tokio::test]
async fn closing_waits_out_telegrams_flood_control_before_removing_more_buttons() {
    use coloop_e2e::fake_api::{Fault, Scope};
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let members = app.members_in_bulk(&water, 3).await;
    outcome_sent(&app, &fede, &[]).await;
    let id = survey_sent(&fede, "/survey water-access Quick\nyesno: Coming?").await;
    app.outbox_drained(PATIENCE).await;
    // The first edit that removes buttons is refused: wait a second.
    app.tg.inject(
        Fault::TooManyRequests { retry_after: 1 },
        Scope::method("editMessageReplyMarkup", 1),
    );
    let reply = fede.says(&format!("/closesurvey {id}")).await;
    assert_eq!(text_of(&reply), english().survey_closed(id, "Quick"));
    let cleared = app
        .tg
        .wait_until(PATIENCE, |tg| {
            members.iter().all(|m| {
                let messages = tg.messages_in(*m);
                messages.iter().all(|message| message.buttons().is_empty())
            })
        })
        .await;
    assert!(cleared, "every question lost its buttons");
    let edits = app.tg.calls_to("editMessageReplyMarkup");
    let refused = edits.iter().position(|c| !c.is_ok()).expect("the 429");
    for later in &edits[refused + 1..] {
        assert!(
            later.at.duration_since(edits[refused].at) >= std::time::Duration::from_secs(1),
            "an edit during the flood wait"
        );
    }
    assert_eq!(edits.iter().filter(|c| c.is_ok()).count(), members.len());
}

#[tokio::test]
async fn a_survey_runs_in_spanish() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Agua").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let lucia = app.user_speaking("Lucía", "es");
    let consent = lucia
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    lucia.presses(&consent, "Acepto").await;
    lucia.expect_reply_containing("Te uniste").await;
    outcome_sent(&app, &fede, &[&lucia]).await;
    survey_sent(
        &fede,
        "/survey water-access Tanques & <caños>\nyesno: ¿Te sirve?\ntext: ¿Qué cambiarías?",
    )
    .await;
    let es = coloop_e2e::harness::catalogues().texts("es");
    let first = lucia.expect_reply_containing("1/2.").await;
    assert!(
        text_of(&first).contains("Tanques &amp; &lt;caños&gt;"),
        "{}",
        text_of(&first)
    );
    assert_eq!(
        lucia.presses(&first, &es.survey_yes()).await,
        Some(es.survey_saved_toast())
    );
    let second = lucia.expect_reply_containing("2/2.").await;
    lucia.replies_to(&second, "Más grifos & menos filas");
    let thanks = lucia.next_reply().await;
    assert_eq!(
        thanks.source_text,
        Some(es.survey_thanks("Agua", "Tanques & <caños>"))
    );
}
