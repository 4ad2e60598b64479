//! `/help` shows what *this* person can do.

use coloop_e2e::harness::TestApp;

#[tokio::test]
async fn help_lists_what_each_role_can_do() {
    let app = TestApp::spawn().await;
    let water = app.group("water-access", "Water access").await;
    let nobody = app.user("Nadia");
    let member = app.member_of("Mia", &water).await;
    let facilitator = app.facilitator_of("Fede", &water).await;
    let coordinator = app.coordinator("Carla").await;

    let text = nobody.says("/help").await.source_text.unwrap();
    assert!(
        text.contains("/groups") && text.contains("not in a working group yet"),
        "{text}"
    );
    assert!(
        !text.contains("/leave") && !text.contains("/invite") && !text.contains("/newgroup"),
        "{text}"
    );

    let text = member.says("/help").await.source_text.unwrap();
    assert!(text.contains("/leave"), "{text}");
    assert!(
        !text.contains("/invite") && !text.contains("/newgroup"),
        "{text}"
    );

    let text = facilitator.says("/help").await.source_text.unwrap();
    assert!(
        text.contains("As a facilitator") && text.contains("/invite"),
        "{text}"
    );
    assert!(!text.contains("/newgroup"), "{text}");

    let text = coordinator.says("/help").await.source_text.unwrap();
    assert!(
        text.contains("As a coordinator") && text.contains("/newgroup") && text.contains("/invite"),
        "{text}"
    );
}

#[tokio::test]
async fn the_command_menu_is_registered_at_start() {
    let app = TestApp::spawn().await;
    let calls = app.tg.calls_to("setMyCommands");
    // The English menu for everyone, then one per other language (for Telegram apps set to it).
    assert_eq!(calls.len(), 2);
    assert!(calls[0].params.get("language_code").is_none());
    assert_eq!(calls[1].params["language_code"], "es");
    assert!(
        calls[1].params["commands"]
            .to_string()
            .contains("Elegir tu idioma"),
        "{}",
        calls[1].params
    );
    let commands = calls[0].params["commands"]
        .as_array()
        .expect("commands")
        .clone();
    let names: Vec<&str> = commands
        .iter()
        .filter_map(|c| c["command"].as_str())
        .collect();
    for expected in [
        "start", "help", "groups", "leave", "invite", "newgroup", "language",
    ] {
        assert!(names.contains(&expected), "{names:?}");
    }
    assert!(
        !app.tg.calls_to("getWebhookInfo").is_empty(),
        "polling checks for a stale webhook"
    );
}
