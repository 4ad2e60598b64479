//! `coloop sandbox` (issue #14): the real binary starts with no token and no network, serves
//! its page, and the bot in it answers a person who writes through the page's endpoints.

use std::time::Duration;

use coloop_e2e::sandbox::SandboxProcess;
use serde_json::{Value, json};

async fn get(client: &reqwest::Client, url: String) -> Value {
    client.get(url).send().await.unwrap().json().await.unwrap()
}

#[tokio::test]
async fn the_sandbox_starts_serves_its_page_and_the_bot_answers() {
    let sandbox = SandboxProcess::start(&[]);
    let client = reqwest::Client::new();
    let page = client
        .get(&sandbox.url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("nothing reaches Telegram") || page.contains("Nothing reaches Telegram"));

    let world = get(&client, format!("{}/sandbox/api/world", sandbox.url)).await;
    let coordinator = world["people"][0]["id"].as_i64().unwrap();
    let response = client
        .post(format!("{}/sandbox/api/send", sandbox.url))
        .json(&json!({"person": coordinator, "chat": coordinator, "text": "/newgroup water-access Water access"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 202);

    // The coordinator's /start (sent as the sandbox starts) and /newgroup both get answers.
    let url = format!(
        "{}/sandbox/api/chats/{coordinator}/messages?person={coordinator}",
        sandbox.url
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(20);
    loop {
        let messages = get(&client, url.clone()).await;
        let texts: Vec<String> = messages["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["from"]["is_bot"] == true)
            .filter_map(|m| m["text"].as_str().map(str::to_owned))
            .collect();
        if texts.iter().any(|t| t.contains("Water access")) {
            assert!(texts[0].contains("Welcome"), "{texts:?}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the bot did not answer /newgroup: {texts:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(sandbox.stop(), "the sandbox stops cleanly on SIGTERM");
}

#[test]
fn the_sandbox_refuses_an_address_others_can_reach_without_public() {
    let output = std::process::Command::new(coloop_e2e::process::coloop_binary())
        .args(["sandbox", "--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let error = String::from_utf8_lossy(&output.stderr);
    assert!(
        error.contains("not a loopback address") && error.contains("--public"),
        "{error}"
    );
}
