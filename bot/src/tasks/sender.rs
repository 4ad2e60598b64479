//! The delivery worker's Telegram side: one `sendMessage` over the Bot API, with the HTTP
//! status kept (teloxide folds it away and sleeps 10 s after every 5xx; the worker needs the
//! status to choose between retrying, failing and marking a person blocked).

use std::time::Duration;

use coloop_core::delivery::{SendError, Transport};
use serde::Deserialize;

use crate::config::Config;

/// Sends HTML messages with the bot's HTTP client.
pub struct TelegramTransport {
    client: reqwest::Client,
    /// `<api>/bot<token>/sendMessage` — holds the token: never log it.
    send_message_url: reqwest::Url,
}

impl TelegramTransport {
    pub fn new(client: reqwest::Client, config: &Config) -> Self {
        Self::at(client, &config.api_url, config.token.expose())
    }

    /// A transport to the Bot API at `api_url` (a base URL) with this bot token.
    pub fn at(client: reqwest::Client, api_url: &reqwest::Url, token: &str) -> Self {
        let mut url = api_url.clone();
        url.path_segments_mut()
            .expect("the API URL was checked to be a base URL")
            .pop_if_empty()
            .push(&format!("bot{token}"))
            .push("sendMessage");
        Self {
            client,
            send_message_url: url,
        }
    }
}

#[derive(Deserialize)]
struct Answer {
    ok: bool,
    result: Option<Sent>,
    description: Option<String>,
    parameters: Option<Parameters>,
}

#[derive(Deserialize)]
struct Sent {
    message_id: i64,
}

#[derive(Deserialize)]
struct Parameters {
    retry_after: Option<u64>,
}

impl Transport for TelegramTransport {
    async fn send(
        &self,
        chat_id: i64,
        thread_id: Option<i64>,
        html: &str,
        markup: Option<&coloop_core::message::Markup>,
    ) -> Result<i64, SendError> {
        let mut body = serde_json::json!({
            "chat_id": chat_id,
            "text": html,
            "parse_mode": "HTML",
            "link_preview_options": { "is_disabled": true },
        });
        if let Some(thread_id) = thread_id {
            body["message_thread_id"] = thread_id.into();
        }
        if let Some(markup) = markup {
            body["reply_markup"] = serde_json::to_value(crate::telegram::reply_markup(markup))
                .map_err(|e| SendError::Rejected(format!("markup: {e}")))?;
        }
        let response = self
            .client
            .post(self.send_message_url.clone())
            .json(&body)
            .send()
            .await
            // The error would print the URL, and the URL holds the token.
            .map_err(|e| SendError::Unavailable(e.without_url().to_string()))?;
        let status = response.status();
        let answer: Option<Answer> = response.json().await.ok();
        classify(status.as_u16(), answer)
    }
}

fn classify(status: u16, answer: Option<Answer>) -> Result<i64, SendError> {
    let description = answer
        .as_ref()
        .and_then(|a| a.description.clone())
        .unwrap_or_else(|| format!("HTTP {status}"));
    match (status, answer) {
        (
            200..=299,
            Some(Answer {
                ok: true,
                result: Some(sent),
                ..
            }),
        ) => Ok(sent.message_id),
        (429, answer) => {
            let secs = answer
                .and_then(|a| a.parameters)
                .and_then(|p| p.retry_after)
                .unwrap_or(1)
                .max(1);
            Err(SendError::RetryAfter(Duration::from_secs(secs)))
        }
        (403, _) => Err(SendError::Blocked(description)),
        (400, _) if description.to_lowercase().contains("chat not found") => {
            Err(SendError::ChatNotFound(description))
        }
        // A revoked or wrong token: nothing can be sent until the operator fixes it; keep the
        // deliveries pending rather than failing them all.
        (401, _) => Err(SendError::Unavailable(description)),
        (400..=499, _) => Err(SendError::Rejected(description)),
        _ => Err(SendError::Transient(format!(
            "HTTP {status}: {description}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(json: &str) -> Option<Answer> {
        serde_json::from_str(json).ok()
    }

    #[test]
    fn statuses_map_to_what_the_worker_does() {
        assert_eq!(
            classify(200, answer(r#"{"ok":true,"result":{"message_id":7}}"#)),
            Ok(7)
        );
        assert_eq!(
            classify(
                429,
                answer(
                    r#"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}"#
                )
            ),
            Err(SendError::RetryAfter(Duration::from_secs(5)))
        );
        assert!(matches!(
            classify(403, answer(r#"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#)),
            Err(SendError::Blocked(d)) if d.contains("blocked")
        ));
        assert!(matches!(
            classify(
                400,
                answer(
                    r#"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#
                )
            ),
            Err(SendError::ChatNotFound(_))
        ));
        assert!(matches!(
            classify(
                400,
                answer(
                    r#"{"ok":false,"error_code":400,"description":"Bad Request: can't parse entities"}"#
                )
            ),
            Err(SendError::Rejected(_))
        ));
        assert!(matches!(classify(502, None), Err(SendError::Transient(d)) if d.contains("502")));
        assert!(matches!(
            classify(200, answer("{}")),
            Err(SendError::Transient(_))
        ));
    }
}
