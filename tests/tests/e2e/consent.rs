//! Consent text version 2 says the @username is kept; people who agreed to version 1 are shown
//! it again at their next message (at most once a week), keep no @username until they agree,
//! and are not asked again once they did.

use chrono::Utc;
use coloop_core::domain::{DisplayName, TelegramId, Username};
use coloop_core::store::Newcomer;
use coloop_e2e::harness::{PATIENCE, Person, TestApp};

const RENEWAL: &str = "has changed a little";

/// Her `/mydata` file, the newest (whatever else reached her meanwhile).
async fn my_data(app: &TestApp, person: &Person<'_>) -> serde_json::Value {
    let files = |tg: &coloop_e2e::fake_api::FakeTelegram| {
        tg.messages_in(person.id)
            .into_iter()
            .filter_map(|m| m.document)
            .collect::<Vec<_>>()
    };
    let before = files(&app.tg).len();
    person.sends("/mydata");
    assert!(
        app.tg
            .wait_until(PATIENCE, |tg| files(tg).len() > before)
            .await
    );
    let file = files(&app.tg).pop().expect("a document");
    serde_json::from_slice(&file.bytes).expect("JSON")
}

/// How many times the bot has shown `who` the current consent text again.
fn renewals(app: &TestApp, who: &Person<'_>) -> usize {
    app.tg
        .messages_in(who.id)
        .iter()
        .filter(|m| {
            m.source_text
                .as_deref()
                .is_some_and(|t| t.contains(RENEWAL))
        })
        .count()
}

#[tokio::test]
async fn someone_who_agreed_to_the_first_text_is_asked_once_and_keeps_no_username_until_they_agree()
{
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.user("Ana");
    app.tg.set_username(ana.id, Some("ana_p"));
    // She agreed to version 1 (before it said the @username is kept).
    let newcomer = Newcomer {
        telegram_id: TelegramId::new(ana.id),
        name: DisplayName::from_telegram("Ana", None),
        username: Username::parse("ana_p"),
        language: Some("en".into()),
    };
    app.store
        .consent_and_join(&newcomer, &water.member_code, 1, Utc::now())
        .await
        .unwrap();

    // Her next message: the current text with "I agree", and her command answered as usual.
    ana.sends("/groups");
    let shown = app
        .tg
        .wait_until(PATIENCE, |tg| {
            let messages = tg.messages_in(ana.id);
            let text = |needle: &str| {
                messages
                    .iter()
                    .any(|m| m.source_text.as_deref().is_some_and(|t| t.contains(needle)))
            };
            text(RENEWAL) && text("Water access")
        })
        .await;
    assert!(shown, "{:#?}", app.tg.messages_in(ana.id));
    let data = my_data(&app, &ana).await;
    assert!(data["profile"]["username"].is_null(), "{data:#}");
    // Not again within the week.
    ana.says("/help").await;
    assert_eq!(renewals(&app, &ana), 1);

    let renewal = app
        .tg
        .messages_in(ana.id)
        .into_iter()
        .find(|m| {
            m.source_text
                .as_deref()
                .is_some_and(|t| t.contains(RENEWAL))
        })
        .unwrap();
    ana.presses(&renewal, "✅ I agree").await;
    let edited = ana.edited_message(renewal.message_id).await;
    assert!(
        edited
            .source_text
            .as_deref()
            .unwrap()
            .contains("You agreed"),
        "{edited:?}"
    );
    let person = app
        .store
        .person_by_telegram(TelegramId::new(ana.id))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(person.consent_version, coloop_core::CONSENT_VERSION);
    let data = my_data(&app, &ana).await;
    assert_eq!(data["profile"]["username"], "ana_p");
    // The text shown became "You agreed"; nothing asks again.
    ana.says("/groups").await;
    assert_eq!(renewals(&app, &ana), 0, "not asked once agreed");
}
