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
    let messages = bot_messages_until(&client, &sandbox, coordinator, |messages| {
        messages.iter().any(|m| {
            m["text"]
                .as_str()
                .unwrap_or_default()
                .contains("Water access")
        })
    })
    .await;
    assert!(
        messages[0]["text"].as_str().unwrap().contains("Welcome"),
        "{messages:?}"
    );

    // Issue #21: the coordinator's /web link opens the dashboard on the sandbox's own server.
    client
        .post(format!("{}/sandbox/api/send", sandbox.url))
        .json(&json!({"person": coordinator, "chat": coordinator, "text": "/web"}))
        .send()
        .await
        .unwrap();
    let messages = bot_messages_until(&client, &sandbox, coordinator, |messages| {
        messages.iter().any(|m| {
            m["text"]
                .as_str()
                .unwrap_or_default()
                .contains("/web/login?t=")
        })
    })
    .await;
    let link = messages
        .iter()
        .filter_map(|m| m["text"].as_str())
        .find(|text| text.contains("/web/login?t="))
        .and_then(coloop_e2e::dashboard::link_in)
        .expect("a sign-in link");
    assert!(
        link.starts_with(&format!("{}/web/login", sandbox.url)),
        "{link}"
    );
    let mut browser = coloop_e2e::dashboard::Browser::new(&sandbox.url);
    assert_eq!(browser.get_url(&link).await.status.as_u16(), 200);
    let token = coloop_e2e::dashboard::token_of(&link);
    assert_eq!(
        browser
            .post("/web/login", &[("t", &token)])
            .await
            .status
            .as_u16(),
        303
    );
    let overview = browser.get("/web/").await;
    assert_eq!(overview.status.as_u16(), 200, "{}", overview.body);
    assert!(overview.body.contains("Water access"), "{}", overview.body);
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

/// The bot's messages in `person`'s private chat, once `done` accepts them (at most 30 s).
async fn bot_messages_until(
    client: &reqwest::Client,
    sandbox: &SandboxProcess,
    person: i64,
    done: impl Fn(&[Value]) -> bool,
) -> Vec<Value> {
    let url = format!(
        "{}/sandbox/api/chats/{person}/messages?person={person}",
        sandbox.url
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        let messages = get(client, url.clone()).await;
        let from_bot: Vec<Value> = messages["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["from"]["is_bot"] == true)
            .cloned()
            .collect();
        if done(&from_bot) {
            return from_bot;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "not there after 30 s: {from_bot:#?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn the_demo_gives_digest_comments_and_export_something_to_show_at_once() {
    let sandbox = SandboxProcess::start(&["--demo"]);
    sandbox.wait_for_line("the demo is ready", Duration::from_secs(90));
    let client = reqwest::Client::new();
    let world = get(&client, format!("{}/sandbox/api/world", sandbox.url)).await;
    let people = world["people"].as_array().unwrap();
    assert_eq!(
        people.len(),
        10,
        "a coordinator, a facilitator, eight members"
    );
    let spanish = people.iter().filter(|p| p["language"] == "es").count();
    assert!(spanish >= 3, "{people:?}");
    let coordinator = people[0]["id"].as_i64().unwrap();
    for command in [
        "/digest water-access",
        "/comments water-access",
        "/export water-access",
    ] {
        let response = client
            .post(format!("{}/sandbox/api/send", sandbox.url))
            .json(&json!({"person": coordinator, "chat": coordinator, "text": command}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 202, "{command}");
    }
    let messages = bot_messages_until(&client, &sandbox, coordinator, |messages| {
        messages
            .iter()
            .filter(|m| m["document"].is_object())
            .count()
            == 3
            && messages.iter().any(|m| m["photo"].is_array())
            && messages.iter().any(|m| m["voice"].is_object())
    })
    .await;
    let text = |m: &Value| m["text"].as_str().unwrap_or_default().to_owned();
    let digest = messages
        .iter()
        .map(text)
        .find(|t| t.contains("Feedback digest"))
        .expect("the digest");
    assert!(digest.contains("1 paused"), "{digest}");
    assert!(digest.contains("Rain tanks"), "{digest}");
    let comments = messages
        .iter()
        .map(text)
        .find(|t| t.contains("Latest comments"))
        .expect("the comments");
    assert!(
        comments.contains("Count me in") && comments.contains("voice"),
        "{comments}"
    );
    // The chart is a real PNG the page can show.
    let chart = messages.iter().find(|m| m["photo"].is_array()).unwrap();
    let file = chart["photo"][1]["file_id"].as_str().unwrap();
    let response = client
        .get(format!("{}/sandbox/api/files/{file}", sandbox.url))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "image/png");
    // The exports download as the CSV files they are.
    let export = messages
        .iter()
        .find(|m| {
            m["document"]["file_name"]
                .as_str()
                .is_some_and(|n| n.ends_with("-comments.csv"))
        })
        .expect("the comments export");
    let file = export["document"]["file_id"].as_str().unwrap();
    let response = client
        .get(format!("{}/sandbox/api/files/{file}", sandbox.url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let disposition = response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        disposition.starts_with("attachment; filename=\"coloop-water-access-comments"),
        "{disposition}"
    );
    let csv = response.text().await.unwrap();
    assert!(csv.contains("Count me in for the weekend builds."), "{csv}");
}
