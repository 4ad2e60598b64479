//! Every message in the reader's language: Telegram's language by default, `/language` to
//! choose, broadcasts rendered per recipient.

use std::time::Duration;

use coloop_bot::config::CommentSettings;
use coloop_e2e::harness::{Options, PATIENCE, TestApp, test_comment_settings};

#[tokio::test]
async fn a_spanish_speaker_gets_help_in_spanish_without_choosing() {
    let app = TestApp::spawn().await;
    let lucia = app.user_speaking("Lucía", "es-AR");
    let text = lucia.says("/help").await.source_text.unwrap();
    assert!(text.contains("Lo que puedes hacer"), "{text}");
    assert!(!text.contains("What you can do"), "{text}");
    // Commands stay as they are.
    assert!(
        text.contains("/groups") && text.contains("/language"),
        "{text}"
    );

    // A language we do not ship falls back to English.
    let pierre = app.user_speaking("Pierre", "fr");
    let text = pierre.says("/help").await.source_text.unwrap();
    assert!(text.contains("What you can do"), "{text}");
}

#[tokio::test]
async fn choosing_a_language_changes_the_answers() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    ana.sends("/help");
    ana.expect_reply_containing("What you can do").await;

    let buttons = ana.says("/language").await;
    assert!(
        buttons.button_data("English").is_some(),
        "{:?}",
        buttons.buttons()
    );
    let toast = ana.presses(&buttons, "Español").await;
    assert_eq!(toast.as_deref(), Some("Español"));
    let edited = ana.edited_message(buttons.message_id).await;
    assert!(
        edited
            .source_text
            .as_deref()
            .unwrap()
            .contains("te escribo en español"),
        "{:?}",
        edited.source_text
    );
    assert!(edited.buttons().is_empty());
    assert_eq!(
        app.store
            .language_of(ana.telegram_id())
            .await
            .unwrap()
            .as_deref(),
        Some("es")
    );
    ana.sends("/help");
    ana.expect_reply_containing("Lo que puedes hacer").await;

    // And back, even though Telegram still says English.
    let buttons = ana.says("/language").await;
    ana.presses(&buttons, "English").await;
    ana.sends("/help");
    ana.expect_reply_containing("What you can do").await;
}

#[tokio::test]
async fn someone_not_stored_is_answered_in_the_chosen_language_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let nadia = app.user("Nadia");
    let buttons = nadia.says("/language").await;
    nadia.presses(&buttons, "Español").await;
    let edited = nadia.edited_message(buttons.message_id).await;
    assert!(
        edited
            .source_text
            .as_deref()
            .unwrap()
            .contains("no guardo nada sobre ti"),
        "{:?}",
        edited.source_text
    );
    assert_eq!(app.store.count_people().await.unwrap(), 0);
    nadia.sends("/help");
    nadia.expect_reply_containing("What you can do").await;
}

#[tokio::test]
async fn a_forged_language_button_is_stale() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let ana = app.member_of("Ana", &water).await;
    let buttons = ana.says("/language").await;
    for forged in ["lang:xx", "lang:ES", "lang:es-ar", "lang:"] {
        let toast = ana.presses_data(buttons.message_id, forged).await;
        assert_eq!(
            toast.as_deref(),
            Some("This button is no longer valid."),
            "{forged}"
        );
    }
    assert_eq!(
        app.store
            .language_of(ana.telegram_id())
            .await
            .unwrap()
            .as_deref(),
        Some("en")
    );
}

#[tokio::test]
async fn a_broadcast_reaches_each_member_in_their_language() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let lucia = app.user_speaking("Lucía", "es");
    let consent = lucia
        .says(&format!("/start {}", water.member_code.as_str()))
        .await;
    assert!(
        consent
            .source_text
            .as_deref()
            .unwrap()
            .contains("¿Estás de acuerdo?"),
        "{:?}",
        consent.source_text
    );
    lucia.presses(&consent, "Acepto").await;
    lucia.expect_reply_containing("Te uniste").await;

    let (preview, control) = fede
        .previews(
            "/outcome water-access Rain tanks\ndate: 2026-11-20\nThree tanks by the school.",
            1,
        )
        .await;
    let english = preview[0].source_text.clone().unwrap();
    assert!(
        english.contains("Session outcome · Water access"),
        "{english}"
    );
    fede.presses(&control, "Send").await;

    let got = ana.next_reply().await.source_text.unwrap();
    assert_eq!(got, english);
    let spanish = lucia.next_reply().await.source_text.unwrap();
    assert!(
        spanish.contains("Resultado de sesión · Water access"),
        "{spanish}"
    );
    assert!(spanish.contains("20 de noviembre de 2026"), "{spanish}");
    assert!(spanish.contains("Responde a este mensaje"), "{spanish}");
    assert!(!spanish.contains("Session outcome"), "{spanish}");
    // The facilitator's own words are the same for everyone.
    for text in [&english, &spanish] {
        assert!(
            text.contains("<b>Rain tanks</b>") && text.contains("Three tanks by the school."),
            "{text}"
        );
    }
    app.outbox_drained(PATIENCE).await;

    // Her reply to the Spanish post is a comment on that post, thanked in Spanish.
    let post = lucia.message(lucia_last_id(&app, lucia.id));
    lucia.replies_to(&post, "¡Qué bueno!");
    lucia.expect_reply_containing("Gracias").await;
}

fn lucia_last_id(app: &TestApp, chat: i64) -> i64 {
    app.tg
        .messages_in(chat)
        .last()
        .map(|m| m.message_id)
        .expect("a message")
}

#[tokio::test]
async fn a_facilitator_gets_comment_notices_in_their_language() {
    let (app, _) = TestApp::spawn_with(Options {
        comments: Some(CommentSettings {
            per_minute: 100,
            notice_interval: Duration::from_secs(2),
            notice_tick: Duration::from_millis(100),
            ..test_comment_settings()
        }),
        ..Options::default()
    })
    .await;
    let water = app.group("water-access", "Water access").await;
    let fede = app.facilitator_of("Fede", &water).await;
    let ana = app.member_of("Ana", &water).await;
    let buttons = fede.says("/language").await;
    fede.presses(&buttons, "Español").await;

    ana.sends("/comment First!");
    ana.expect_reply_containing("Thanks").await;
    fede.expect_reply_containing("1 comentario nuevo en <b>Water access</b>")
        .await;
}
