//! The page's endpoints over HTTP, against an imitation with no bot: what they refuse (and
//! that a refusal leaves nothing behind), and what they do as a person.

use std::net::SocketAddr;

use reqwest::multipart::{Form, Part};
use serde_json::{Value, json};

use super::*;
use crate::sandbox::telegram::FakeTelegram;

struct Fixture {
    tg: FakeTelegram,
    base: String,
    client: reqwest::Client,
    ana: i64,
    _stop: watch::Sender<bool>,
}

async fn fixture() -> Fixture {
    let tg = FakeTelegram::start("1:x", "coloop_sandbox_bot").await;
    let ana = tg.add_user("Ana", None, Some("es"));
    let (stop, stopped) = watch::channel(false);
    let page = Page {
        tg: tg.clone(),
        i18n: Arc::new(Catalogues::embedded().unwrap()),
        stop: stopped,
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr: SocketAddr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router(page)).await });
    Fixture {
        tg,
        base: format!("http://{addr}"),
        client: reqwest::Client::new(),
        ana,
        _stop: stop,
    }
}

impl Fixture {
    async fn post(&self, path: &str, body: Value) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}{path}", self.base))
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    async fn upload(&self, form: Form) -> (u16, Value) {
        let response = self
            .client
            .post(format!("{}/sandbox/api/upload", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        (status, response.json().await.unwrap_or(Value::Null))
    }

    /// Everything a refusal must leave as it was.
    fn stored(&self) -> (usize, usize, usize, usize) {
        let messages: usize = std::iter::once(self.ana)
            .chain(self.tg.group_chats().iter().map(|g| g.id))
            .map(|chat| self.tg.chat_history(chat).unwrap().len())
            .sum();
        (
            messages,
            self.tg.pending_updates(),
            self.tg.file_count(),
            self.tg.people().len(),
        )
    }
}

fn photo_form(person: i64, chat: i64, bytes: Vec<u8>, mime: &str) -> Form {
    Form::new()
        .text("person", person.to_string())
        .text("chat", chat.to_string())
        .part(
            "file",
            Part::bytes(bytes)
                .file_name("x.jpg")
                .mime_str(mime)
                .unwrap(),
        )
}

#[tokio::test]
async fn bad_input_gets_a_clear_4xx_and_stores_nothing() {
    let f = fixture().await;
    let group = f.tg.add_group("Water access", false);
    let other = f.tg.add_user("Bo", None, None);
    let before = f.stored();
    let cases = [
        (
            "/sandbox/api/send",
            json!({"person": 1, "chat": 1, "text": "hi"}),
            404,
            "unknown-person",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": f.ana, "text": "  \n "}),
            400,
            "empty-text",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": f.ana, "text": "x".repeat(4097)}),
            400,
            "text-too-long",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": other, "text": "hi"}),
            403,
            "not-your-chat",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": -5, "text": "hi"}),
            404,
            "unknown-chat",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": group, "text": "hi", "reply_to": 99}),
            404,
            "unknown-message",
        ),
        (
            "/sandbox/api/send",
            json!({"person": f.ana, "text": "no chat"}),
            400,
            "bad-request",
        ),
        (
            "/sandbox/api/press",
            json!({"person": f.ana, "chat": f.ana, "message": 7, "data": "x"}),
            404,
            "unknown-message",
        ),
        (
            "/sandbox/api/press",
            json!({"person": 3, "chat": 3, "message": 1, "data": "x"}),
            404,
            "unknown-person",
        ),
        (
            "/sandbox/api/people",
            json!({"name": "   "}),
            400,
            "bad-name",
        ),
        (
            "/sandbox/api/people",
            json!({"name": "Eve", "language": "<script>"}),
            400,
            "bad-language",
        ),
        (
            "/sandbox/api/groups",
            json!({"title": ""}),
            400,
            "bad-title",
        ),
    ];
    for (path, body, status, code) in cases {
        let (got, answer) = f.post(path, body.clone()).await;
        assert_eq!(
            (got, answer["error"].as_str()),
            (status, Some(code)),
            "{path} {body}"
        );
    }
    // Not JSON at all.
    let response = f
        .client
        .post(format!("{}/sandbox/api/send", f.base))
        .body("text=hi")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 400);

    // Uploads: too large, empty, of a kind that is neither voice nor photo, by nobody.
    let (status, answer) = f
        .upload(photo_form(
            f.ana,
            f.ana,
            vec![0xff; MAX_UPLOAD + 1],
            "image/jpeg",
        ))
        .await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (413, Some("file-too-large"))
    );
    let (status, answer) = f
        .upload(photo_form(f.ana, f.ana, Vec::new(), "image/jpeg"))
        .await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (400, Some("empty-file"))
    );
    let (status, answer) = f
        .upload(photo_form(
            f.ana,
            f.ana,
            b"%PDF".to_vec(),
            "application/pdf",
        ))
        .await;
    assert_eq!((status, answer["error"].as_str()), (415, Some("file-kind")));
    let (status, answer) = f
        .upload(photo_form(42, 42, vec![1, 2, 3], "image/jpeg"))
        .await;
    assert_eq!(
        (status, answer["error"].as_str()),
        (404, Some("unknown-person"))
    );

    assert_eq!(f.stored(), before, "a refusal leaves nothing behind");
}

#[tokio::test]
async fn a_person_writes_replies_presses_and_uploads_as_on_a_phone() {
    let f = fixture().await;
    let (status, made) = f
        .post(
            "/sandbox/api/people",
            json!({"name": "Bo", "language": "pt_BR"}),
        )
        .await;
    assert_eq!(status, 201);
    let bo = made["id"].as_i64().unwrap();
    assert_eq!(
        f.tg.people()
            .last()
            .map(|p| (p.name.clone(), p.language.clone())),
        Some(("Bo".to_owned(), Some("pt-br".to_owned())))
    );
    let (status, made) = f
        .post("/sandbox/api/groups", json!({"title": "Water access"}))
        .await;
    assert_eq!(status, 201);
    let group = made["id"].as_i64().unwrap();

    let (status, sent) = f
        .post(
            "/sandbox/api/send",
            json!({"person": bo, "chat": group, "text": " /help "}),
        )
        .await;
    assert_eq!(status, 202);
    let first = sent["message_id"].as_i64().unwrap();
    let (status, _) = f
        .post(
            "/sandbox/api/send",
            json!({"person": f.ana, "chat": group, "text": "me too", "reply_to": first}),
        )
        .await;
    assert_eq!(status, 202);
    let (status, _) = f
        .post(
            "/sandbox/api/press",
            json!({"person": f.ana, "chat": group, "message": first, "data": "vote:1"}),
        )
        .await;
    assert_eq!(status, 202);
    let form = photo_form(bo, group, vec![0xff, 0xd8, 0xff, 0xe0, 1, 2], "image/jpeg")
        .text("reply_to", first.to_string())
        .text("caption", "our tank");
    assert_eq!(f.upload(form).await.0, 202);
    let voice = Form::new()
        .text("person", bo.to_string())
        .text("chat", bo.to_string())
        .part(
            "file",
            Part::bytes(b"OggS....".to_vec())
                .mime_str("audio/ogg")
                .unwrap(),
        );
    assert_eq!(f.upload(voice).await.0, 202);

    let response = f
        .client
        .get(format!(
            "{}/sandbox/api/chats/{group}/messages?person={bo}",
            f.base
        ))
        .send()
        .await
        .unwrap();
    let messages: Value = response.json().await.unwrap();
    let messages = messages["messages"].as_array().unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[0]["text"], "/help");
    assert_eq!(messages[0]["entities"][0]["type"], "bot_command");
    assert_eq!(messages[1]["reply_to_message"]["message_id"], first);
    assert_eq!(messages[2]["caption"], "our tank");
    assert_eq!(messages[2]["reply_to_message"]["message_id"], first);
    let photo = messages[2]["photo"][1]["file_id"].as_str().unwrap();
    let response = f
        .client
        .get(format!("{}/sandbox/api/files/{photo}", f.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-type"], "image/jpeg");
    assert_eq!(
        response.bytes().await.unwrap().as_ref(),
        [0xff, 0xd8, 0xff, 0xe0, 1, 2]
    );
    let voice = f.tg.chat_history(bo).unwrap().pop().unwrap();
    assert!(voice["voice"]["file_id"].is_string(), "{voice}");
    // Five updates for the bot: two texts, a press, a photo, a voice note.
    assert_eq!(f.tg.pending_updates(), 5);

    // Another person's private chat stays closed to reading too.
    let response = f
        .client
        .get(format!(
            "{}/sandbox/api/chats/{bo}/messages?person={}",
            f.base, f.ana
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
}

#[tokio::test]
async fn the_page_comes_whole_in_the_browsers_language_with_a_strict_policy() {
    let f = fixture().await;
    let response = f
        .client
        .get(format!("{}/", f.base))
        .header("accept-language", "es-ES,es;q=0.9")
        .send()
        .await
        .unwrap();
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        policy.contains("script-src 'self'") && !policy.contains("unsafe"),
        "{policy}"
    );
    let page = response.text().await.unwrap();
    assert!(!page.contains("{{"), "every placeholder is filled:\n{page}");
    assert!(page.contains("<html lang=\"es\">"));
    assert!(page.contains("Añadir una persona"));
    let labels = page
        .split("<script id=\"labels\" type=\"application/json\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let labels: Value = serde_json::from_str(labels).unwrap();
    assert_eq!(labels["send"], "Enviar");
    for asset in ["/sandbox/sandbox.js", "/sandbox/sandbox.css"] {
        let response = f
            .client
            .get(format!("{}{asset}", f.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{asset}");
    }
}

#[tokio::test]
async fn the_page_hears_of_every_change() {
    let f = fixture().await;
    let mut events = f
        .client
        .get(format!("{}/sandbox/api/events", f.base))
        .send()
        .await
        .unwrap();
    assert_eq!(events.headers()["content-type"], "text/event-stream");
    f.tg.send_text(f.ana, f.ana, "hello");
    let mut seen = String::new();
    while !seen.contains("event: change") {
        let chunk = tokio::time::timeout(std::time::Duration::from_secs(5), events.chunk())
            .await
            .expect("an event within 5 s")
            .unwrap()
            .expect("the stream goes on");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
}

#[test]
fn language_tags_are_telegrams() {
    assert_eq!(language_tag("es").as_deref(), Some("es"));
    assert_eq!(language_tag("pt_BR").as_deref(), Some("pt-br"));
    assert_eq!(language_tag("zh-Hant").as_deref(), Some("zh-hant"));
    for bad in ["e", "english", "es-", "e$", "<b>", "es-ES-x"] {
        assert_eq!(language_tag(bad), None, "{bad}");
    }
}
