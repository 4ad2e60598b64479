//! Updates on their way from Telegram to the dispatcher. Both sources — long polling and the
//! webhook — push into one bounded channel; the dispatcher reads it through [`Listener`].
//!
//! Stopping ([`Listener`]'s stop token, used by the dispatcher's shutdown) closes the channel:
//! the sources stop taking updates (the poller stops polling and confirms what it fetched, the
//! webhook answers 503 so that Telegram sends the update again later), while the updates
//! already taken are still handed to the dispatcher before its stream ends.

use std::convert::Infallible;
use std::time::Duration;

use coloop_core::delivery::Heartbeat;
use futures_util::StreamExt as _;
use futures_util::stream::BoxStream;
use teloxide::prelude::*;
use teloxide::stop::{StopFlag, StopToken, mk_stop_token};
use teloxide::types::{AllowedUpdate, Update};
use teloxide::update_listeners::{AsUpdateStream, UpdateListener};
use tokio::sync::mpsc;

/// What coloop asks Telegram for, in both modes.
pub const ALLOWED_UPDATES: [AllowedUpdate; 3] = [
    AllowedUpdate::Message,
    AllowedUpdate::CallbackQuery,
    AllowedUpdate::MyChatMember,
];

/// How many taken updates may wait for the dispatcher.
const CAPACITY: usize = 1024;

/// The sources' end of the channel. The sources learn that the dispatcher stopped taking
/// updates from `tx.closed()`.
#[derive(Clone)]
pub struct Intake {
    pub tx: mpsc::Sender<Update>,
    /// Beats whenever Telegram answered a poll or a webhook request came in.
    pub activity: Heartbeat,
}

/// The dispatcher's end of the channel.
pub struct Listener {
    rx: Option<mpsc::Receiver<Update>>,
    stopping: StopFlag,
    token: StopToken,
}

/// A connected intake and listener.
pub fn channel() -> (Intake, Listener) {
    let (tx, rx) = mpsc::channel(CAPACITY);
    let (token, stopping) = mk_stop_token();
    (
        Intake {
            tx,
            activity: Heartbeat::default(),
        },
        Listener {
            rx: Some(rx),
            stopping,
            token,
        },
    )
}

impl<'a> AsUpdateStream<'a> for Listener {
    type StreamErr = Infallible;
    type Stream = BoxStream<'a, Result<Update, Infallible>>;

    fn as_stream(&'a mut self) -> Self::Stream {
        let state = (self.rx.take(), Some(self.stopping.clone()));
        futures_util::stream::unfold(state, |(rx, mut stopping)| async move {
            let mut rx = rx?;
            loop {
                let Some(flag) = stopping.as_mut() else {
                    let update = rx.recv().await?;
                    return Some((Ok(update), (Some(rx), None)));
                };
                tokio::select! {
                    biased;
                    () = flag => {
                        // No new updates; those already in the channel still come out.
                        rx.close();
                        stopping = None;
                    }
                    update = rx.recv() => {
                        let update = update?;
                        return Some((Ok(update), (Some(rx), stopping)));
                    }
                }
            }
        })
        .boxed()
    }
}

impl UpdateListener for Listener {
    type Err = Infallible;

    fn stop_token(&mut self) -> StopToken {
        self.token.clone()
    }
}

/// A Telegram request error, described without the request URL (it holds the bot token).
pub fn describe(error: &teloxide::RequestError) -> String {
    match error {
        teloxide::RequestError::Network(e) => {
            let mut text = String::from(if e.is_timeout() {
                "network error: timed out"
            } else if e.is_connect() {
                "network error: cannot connect"
            } else {
                "network error"
            });
            let mut source = std::error::Error::source(e.as_ref());
            while let Some(cause) = source {
                text.push_str(": ");
                text.push_str(&cause.to_string());
                source = cause.source();
            }
            text
        }
        other => other.to_string(),
    }
}

/// Long polling: removes a webhook left from webhook mode, then fetches updates until the
/// dispatcher stops the intake; finally confirms the fetched updates to Telegram, so that a
/// restart does not get them again.
pub async fn poll(bot: Bot, intake: Intake, timeout_secs: u32) {
    let check = bot.get_webhook_info().await;
    if check.is_ok() {
        // Telegram answers: ready to poll.
        intake.activity.beat();
    }
    match check {
        Ok(info) if info.url.is_some() => {
            tracing::info!("removing the webhook: this bot now uses long polling");
            if let Err(error) = bot.delete_webhook().await {
                tracing::warn!(
                    error = describe(&error),
                    "could not remove the webhook (deleteWebhook)"
                );
            }
        }
        Ok(_) => {}
        Err(error) => {
            tracing::warn!(
                error = describe(&error),
                "could not check for a webhook (getWebhookInfo)"
            )
        }
    }
    let mut offset: i32 = 0;
    let mut backoff = Duration::from_secs(1);
    loop {
        let mut request = bot
            .get_updates()
            .timeout(timeout_secs)
            .allowed_updates(ALLOWED_UPDATES);
        if offset != 0 {
            request = request.offset(offset);
        }
        let answer = tokio::select! {
            biased;
            () = intake.tx.closed() => break,
            answer = request.send() => answer,
        };
        let wait = match answer {
            Ok(updates) => {
                intake.activity.beat();
                backoff = Duration::from_secs(1);
                for update in updates {
                    // `UpdateId::as_offset` would debug-assert on ids past i32::MAX.
                    offset = offset.max(
                        i32::try_from(update.id.0)
                            .unwrap_or(i32::MAX)
                            .saturating_add(1),
                    );
                    super::telemetry::update_taken(&update);
                    if intake.tx.send(update).await.is_err() {
                        // The dispatcher stopped taking updates: confirm what was taken.
                        confirm(&bot, offset).await;
                        return;
                    }
                }
                continue;
            }
            Err(teloxide::RequestError::RetryAfter(wait)) => {
                metrics::counter!("coloop_telegram_429_total", "source" => "getUpdates")
                    .increment(1);
                tracing::warn!(
                    retry_after_s = wait.seconds(),
                    "flood control on getUpdates"
                );
                wait.duration()
            }
            Err(error) => {
                tracing::warn!(
                    error = describe(&error),
                    retry_in_s = backoff.as_secs(),
                    "fetching updates failed"
                );
                let wait = backoff;
                backoff = (backoff * 2).min(Duration::from_secs(30));
                wait
            }
        };
        tokio::select! {
            biased;
            () = intake.tx.closed() => break,
            () = tokio::time::sleep(wait) => {}
        }
    }
    confirm(&bot, offset).await;
}

/// Tells Telegram every update before `offset` was taken (a getUpdates that waits for
/// nothing; what it returns stays unconfirmed and comes again after a restart).
async fn confirm(bot: &Bot, offset: i32) {
    if offset == 0 {
        return;
    }
    let request = bot.get_updates().offset(offset).limit(1).timeout(0);
    match tokio::time::timeout(Duration::from_secs(5), request.send()).await {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => {
            tracing::warn!(
                error = describe(&error),
                "could not confirm the last updates"
            )
        }
        Err(_) => tracing::warn!("could not confirm the last updates: no answer within 5 s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(id: u32) -> Update {
        serde_json::from_value(serde_json::json!({
            "update_id": id,
            "message": {
                "message_id": 1, "date": 0,
                "chat": {"id": 5, "type": "private", "first_name": "A"},
                "from": {"id": 5, "is_bot": false, "first_name": "A"},
                "text": "hi"
            }
        }))
        .unwrap()
    }

    #[tokio::test]
    async fn stopping_closes_the_intake_but_hands_over_what_was_taken() {
        let (intake, mut listener) = channel();
        intake.tx.send(update(1)).await.unwrap();
        intake.tx.send(update(2)).await.unwrap();
        let token = listener.stop_token();
        let mut stream = listener.as_stream();
        assert_eq!(stream.next().await.unwrap().unwrap().id.0, 1);
        token.stop();
        assert_eq!(stream.next().await.unwrap().unwrap().id.0, 2);
        assert!(stream.next().await.is_none());
        assert!(
            intake.tx.send(update(3)).await.is_err(),
            "closed for new updates"
        );
    }
}
