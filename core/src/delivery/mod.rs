//! The delivery worker: sends the outbox's pending deliveries to Telegram, within Telegram's
//! limits, and records every outcome.
//!
//! # Why nothing is lost and little is doubled
//! Confirming a broadcast writes the post and all its `pending` deliveries in one transaction
//! (see [`Store::confirm_post`]). The worker is the only writer of a delivery's state after
//! that, and it works strictly one message at a time:
//!
//! 1. read due `pending` deliveries (oldest first);
//! 2. send the next part of one of them;
//! 3. commit what Telegram answered (message id, `sent` / retry time / `failed` / `blocked`).
//!
//! There is no "in flight" state in the database: a delivery is `pending` until step 3 commits.
//! So after a crash — even `kill -9` — a restarted worker simply finds every unfinished delivery
//! still pending and sends it. The only message that can arrive twice is the one whose step 2
//! had completed when the process died before step 3 committed: at most one per crash (per
//! part of a long post). Shutdown is only honoured *between* steps, so a clean stop never
//! doubles anything.
//!
//! # Limits
//! Telegram allows about 30 messages/s per bot, 1/s per private chat and 20/min per group chat
//! ([`Limits`]; configurable, e.g. higher with a local Bot API server). The worker paces itself
//! below them instead of provoking 429s. When Telegram still answers 429, the worker pauses *all*
//! sending for `retry_after` (flood control is per bot). A 5xx to one message while others go
//! out is retried with exponential backoff until the delivery is `give_up_after` old (24 h by
//! default), then it is `failed` with the last error. 5xx answers to several messages in a
//! row, or no connection at all (network down, timeouts, the token refused), mean Telegram is
//! down: the worker pauses everything, probes with backoff capped at a minute, and charges no
//! delivery for any of it (`outage.rs`): an outage delays deliveries, it never fails them. A 403 (blocked,
//! deactivated, cannot initiate) marks the person blocked and stops every pending delivery to
//! them; "chat not found" and other 400s fail the delivery.
//!
//! # Watching it
//! Every round of the loop beats a [`Heartbeat`] (readiness probes read its age), and the
//! worker records `metrics`: `coloop_deliveries_total{outcome}`, `coloop_telegram_429_total`,
//! the `coloop_telegram_outage_seconds` gauge and the `coloop_send_duration_seconds` histogram.
//!
//! This file owns the [`Transport`] seam and the [`Worker`]; `limits.rs` the [`Limits`] and
//! backoff, `heartbeat.rs` the [`Heartbeat`], `outage.rs` the [`Outage`] and telling an outage
//! from one message's failure.

mod heartbeat;
mod limits;
mod outage;

pub use heartbeat::Heartbeat;
pub use limits::{Limits, OtherSends};
pub use outage::Outage;

use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use crate::wake::Wake;
use chrono::{DateTime, Utc};
use tokio::time::Instant;

use crate::domain::{NoticeId, PostId, SurveyId};
use crate::message::Markup;
use crate::schedule::QuietHours;
use crate::store::{DueDelivery, RenderedPost, RenderedSurvey, Result, StillWanted, Store};

/// Sends one HTML message; implemented by the bot adapter over the Bot API.
pub trait Transport: Send + Sync + 'static {
    /// Sends `html` to `chat_id` (in forum topic `thread_id`, if any), with buttons or a
    /// reply request when `markup` says so, and returns Telegram's message id.
    fn send(
        &self,
        chat_id: i64,
        thread_id: Option<i64>,
        html: &str,
        markup: Option<&Markup>,
    ) -> impl Future<Output = Result<i64, SendError>> + Send;
}

/// How a send failed, as far as the worker cares.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// 429: wait this long before sending anything.
    #[error("flood control, retry after {0:?}")]
    RetryAfter(Duration),
    /// 403: the person blocked the bot, was deactivated, or never started it.
    #[error("recipient unreachable: {0}")]
    Blocked(String),
    /// 400 chat not found.
    #[error("chat not found: {0}")]
    ChatNotFound(String),
    /// Another 4xx: retrying will not help.
    #[error("rejected: {0}")]
    Rejected(String),
    /// 5xx: worth retrying; this message's failure, unless many in a row show an outage.
    #[error("transient failure: {0}")]
    Transient(String),
    /// Telegram cannot be reached at all (network down, timeout, token refused): nothing can
    /// be sent now. The worker pauses everything with backoff and charges no delivery an
    /// attempt, so an outage never fails deliveries.
    #[error("Telegram unavailable: {0}")]
    Unavailable(String),
}

/// Wall-clock time for comparing with stored times.
///
/// Normally that is the system clock. Under tokio's paused clock (tests), time moves only with
/// tokio, so the worker also derives a wall time from tokio's instant; it uses whichever is
/// later. So a system clock stepped forward (NTP at boot) or a host resumed from suspend never
/// makes due deliveries look future, and a paused test clock still makes backoffs fall due.
#[derive(Debug, Clone, Copy)]
struct Clock {
    wall: DateTime<Utc>,
    at: Instant,
}

impl Clock {
    fn new() -> Self {
        Self {
            wall: Utc::now(),
            at: Instant::now(),
        }
    }

    fn wall(&self, at: Instant) -> DateTime<Utc> {
        let elapsed = at.saturating_duration_since(self.at);
        let derived =
            self.wall + chrono::Duration::from_std(elapsed).unwrap_or(chrono::Duration::zero());
        derived.max(Utc::now())
    }

    /// The instant at which the wall clock reaches `wall`, seen from `now`.
    fn instant(&self, wall: DateTime<Utc>, now: Instant) -> Instant {
        match (wall - self.wall(now)).to_std() {
            Ok(ahead) => now + ahead,
            Err(_) => now,
        }
    }
}

/// What one step of the worker did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A part was sent; `done` when it was the delivery's last.
    Sent { chat_id: i64, done: bool },
    /// A transient failure; the delivery will be retried.
    Retrying { chat_id: i64 },
    /// The delivery failed for good.
    Failed { chat_id: i64 },
    /// The recipient blocked the bot.
    Blocked { chat_id: i64 },
    /// Not sent: the recipient paused or was erased since it was queued.
    Skipped { chat_id: i64 },
    /// Nothing may be sent before this instant (rate limit or flood control).
    Wait(Instant),
    /// Nothing is due; the next delivery falls due at this instant, if any is pending.
    Idle(Option<Instant>),
    /// A reminder fell into the quiet hours and was put off until they end.
    Postponed { chat_id: i64 },
}

/// How long an idle worker sleeps before looking again without being woken.
const IDLE_POLL: Duration = Duration::from_secs(5);

pub struct Worker<T> {
    store: Store,
    transport: T,
    limits: Limits,
    clock: Clock,
    signal: Wake,
    queue: VecDeque<DueDelivery>,
    parts: HashMap<PostId, Arc<RenderedPost>>,
    notices: HashMap<NoticeId, Arc<RenderedPost>>,
    surveys: HashMap<SurveyId, Arc<RenderedSurvey>>,
    quiet: Option<QuietHours>,
    next_send: Instant,
    chat_ready: HashMap<i64, Instant>,
    flood_until: Option<Instant>,
    /// Probes (sends while Telegram is down) since it last answered.
    probes: u32,
    /// Deliveries charged with a 5xx since Telegram last showed it works.
    suspects: Vec<outage::Suspect>,
    outage: Outage,
    /// When the worker last warned that Telegram is down.
    outage_warned: Option<Instant>,
    heartbeat: Heartbeat,
    /// Messages sent outside the outbox: each takes one of its slots.
    others: OtherSends,
}

fn count(outcome: &'static str) {
    metrics::counter!("coloop_deliveries_total", "outcome" => outcome).increment(1);
}

impl<T: Transport> Worker<T> {
    pub fn new(store: Store, transport: T, limits: Limits, signal: Wake) -> Self {
        Self {
            store,
            transport,
            limits,
            clock: Clock::new(),
            signal,
            queue: VecDeque::new(),
            parts: HashMap::new(),
            notices: HashMap::new(),
            surveys: HashMap::new(),
            quiet: None,
            next_send: Instant::now(),
            chat_ready: HashMap::new(),
            flood_until: None,
            probes: 0,
            suspects: Vec::new(),
            outage: Outage::default(),
            outage_warned: None,
            heartbeat: Heartbeat::default(),
            others: OtherSends::default(),
        }
    }

    /// Survey reminders are not sent in these hours: one that falls due in them waits for
    /// their end.
    pub fn with_quiet_hours(mut self, quiet: QuietHours) -> Self {
        self.quiet = Some(quiet);
        self
    }

    /// Counts the messages the bot sends outside the outbox (the worker leaves them room
    /// under Telegram's global limit).
    pub fn with_other_sends(mut self, others: OtherSends) -> Self {
        self.others = others;
        self
    }

    /// The worker's heartbeat: beats once per round of [`Worker::run_until_stopped`], at
    /// least every few seconds while it runs, even when idle or waiting out a limit.
    pub fn heartbeat(&self) -> Heartbeat {
        self.heartbeat.clone()
    }

    /// Since when Telegram has been unreachable, as this worker sees it.
    pub fn outage(&self) -> Outage {
        self.outage.clone()
    }

    /// One unit of work: sends at most one message and records the outcome.
    pub async fn try_deliver_next(&mut self) -> Result<Step> {
        let now = Instant::now();
        if let Some(until) = self.flood_until {
            if until > now {
                return Ok(Step::Wait(until));
            }
            self.flood_until = None;
        }
        if self.next_send > now {
            return Ok(Step::Wait(self.next_send));
        }
        let delivery = match self.take_sendable(now) {
            Some(d) => d,
            None => {
                self.refill(now).await?;
                match self.take_sendable(now) {
                    Some(d) => d,
                    None => return self.idle(now).await,
                }
            }
        };
        self.send(delivery, now).await
    }

    fn take_sendable(&mut self, now: Instant) -> Option<DueDelivery> {
        let at = self
            .queue
            .iter()
            .position(|d| self.chat_ready.get(&d.chat_id).is_none_or(|t| *t <= now))?;
        self.queue.remove(at)
    }

    async fn refill(&mut self, now: Instant) -> Result<()> {
        self.queue.clear();
        self.chat_ready.retain(|_, t| *t > now);
        let held: Vec<i64> = self.chat_ready.keys().copied().collect();
        let due = self
            .store
            .due_deliveries(self.clock.wall(now), &held, self.limits.batch)
            .await?;
        self.queue.extend(due);
        Ok(())
    }

    async fn idle(&mut self, now: Instant) -> Result<Step> {
        // Sends while nothing is due are out of the window by the next broadcast.
        self.others.take();
        let next_due = self
            .store
            .next_delivery_due()
            .await?
            .map(|t| self.clock.instant(t, now));
        let next_chat = self.chat_ready.values().copied().filter(|t| *t > now).min();
        let next = match (next_due, next_chat) {
            (Some(due), Some(chat)) if due <= now => Some(chat),
            (Some(due), Some(chat)) => Some(due.min(chat)),
            (Some(due), None) => Some(due.max(now)),
            (None, _) => None,
        };
        Ok(match next {
            Some(at) if at > now => Step::Wait(at),
            Some(_) => Step::Wait(now + Duration::from_millis(10)),
            None => Step::Idle(None),
        })
    }

    /// A post's rendered parts in every language (cached); [`RenderedPost::parts_for`] picks
    /// the recipient's.
    async fn parts_of(&mut self, post: PostId) -> Result<Arc<RenderedPost>> {
        if let Some(parts) = self.parts.get(&post) {
            return Ok(parts.clone());
        }
        if self.parts.len() > 1024 {
            self.parts.clear();
        }
        let parts = Arc::new(self.store.post_parts(post).await?);
        self.parts.insert(post, parts.clone());
        Ok(parts)
    }

    /// A group notice's rendered parts in every language (cached).
    async fn notice_of(&mut self, notice: NoticeId) -> Result<Arc<RenderedPost>> {
        if let Some(parts) = self.notices.get(&notice) {
            return Ok(parts.clone());
        }
        if self.notices.len() > 64 {
            self.notices.clear();
        }
        let parts = Arc::new(self.store.notice_parts(notice).await?);
        self.notices.insert(notice, parts.clone());
        Ok(parts)
    }

    /// A survey's rendered messages in every language (cached).
    async fn survey_of(&mut self, survey: SurveyId) -> Result<Arc<RenderedSurvey>> {
        if let Some(rendered) = self.surveys.get(&survey) {
            return Ok(rendered.clone());
        }
        if self.surveys.len() > 256 {
            self.surveys.clear();
        }
        let rendered = Arc::new(self.store.survey_rendering(survey).await?);
        self.surveys.insert(survey, rendered.clone());
        Ok(rendered)
    }

    /// What delivery `d` sends next: its parts in the recipient's language, and the markup
    /// that goes with the last part.
    async fn message_of(&mut self, d: &DueDelivery) -> Result<(Vec<String>, Option<Markup>)> {
        let language = d.language.as_deref();
        if let Some(survey) = d.survey_id {
            let rendered = self.survey_of(survey).await?;
            let Some(rendering) = rendered.for_language(language) else {
                return Ok((Vec::new(), None));
            };
            let message = if d.reminder == 0 {
                &rendering.first
            } else {
                &rendering.reminder
            };
            return Ok((vec![message.html.clone()], message.markup.clone()));
        }
        let rendered = match (d.notice_id, d.post_id) {
            (Some(notice), _) => self.notice_of(notice).await?,
            (None, Some(post)) => self.parts_of(post).await?,
            (None, None) => return Ok((Vec::new(), None)),
        };
        let parts = rendered.parts_for_recipient(language, d.with_note);
        let part = usize::try_from(d.parts_sent).unwrap_or(usize::MAX);
        // Only the part to send is copied.
        let mut out = vec![String::new(); parts.len()];
        if let (Some(slot), Some(html)) = (out.get_mut(part), parts.get(part)) {
            slot.clone_from(html);
        }
        // A prototype post's "I'd like to help" button, for people in their private chat
        // (issue #19): in a group chat, the bot could not talk to whoever pressed it.
        let help = match (d.post_id, d.notice_id) {
            (Some(post), None) if !d.is_group_chat() => rendered
                .help_label(language)
                .map(|label| help_markup(post, label)),
            _ => None,
        };
        Ok((out, help))
    }

    async fn send(&mut self, mut d: DueDelivery, now: Instant) -> Result<Step> {
        let wall = self.clock.wall(now);
        // The queue may hold it since before the recipient paused or was erased.
        match self.store.still_wanted(d.id, wall).await? {
            StillWanted::Yes => {}
            StillWanted::Gone | StillWanted::Paused => {
                count("skipped");
                return Ok(Step::Skipped { chat_id: d.chat_id });
            }
        }
        if d.reminder > 0
            && let Some(quiet) = self.quiet
            && quiet.contains(wall)
        {
            // Stored times have microsecond precision: round up so it is not early.
            let until = quiet.end_after(wall) + chrono::Duration::microseconds(1);
            self.store.postpone(d.id, until).await?;
            count("postponed");
            return Ok(Step::Postponed { chat_id: d.chat_id });
        }
        let (parts, markup) = self.message_of(&d).await?;
        let part = usize::try_from(d.parts_sent).unwrap_or(usize::MAX);
        let chat_id = d.chat_id;
        let Some(html) = parts.get(part) else {
            if d.parts_sent > 0 {
                // The recipient switched language mid-post and the other rendering has fewer
                // parts: what they got is the whole post.
                self.store.record_done(d.id, self.clock.wall(now)).await?;
                return Ok(Step::Sent {
                    chat_id,
                    done: true,
                });
            }
            self.store
                .record_failed(d.id, d.attempts, "nothing left to send")
                .await?;
            return Ok(Step::Failed { chat_id });
        };
        self.next_send = self
            .limits
            .next_slot(self.next_send, now, self.others.take());
        let started = std::time::Instant::now();
        let last = part + 1 >= parts.len();
        let markup = if last { markup.as_ref() } else { None };
        let result = self
            .transport
            .send(chat_id, d.thread_id, html, markup)
            .await;
        metrics::histogram!("coloop_send_duration_seconds").record(started.elapsed().as_secs_f64());
        let after = Instant::now();
        let interval = if d.is_group_chat() {
            self.limits.group_interval
        } else {
            self.limits.private_interval
        };
        match result {
            Ok(message_id) => {
                self.api_answered(after);
                let done = part + 1 >= parts.len();
                self.store
                    .record_part_sent(
                        d.id,
                        d.parts_sent,
                        chat_id,
                        message_id,
                        done,
                        self.clock.wall(after),
                    )
                    .await?;
                self.chat_ready.insert(chat_id, after + interval);
                if !done {
                    d.parts_sent += 1;
                    d.attempts = 0;
                    self.queue.push_front(d);
                }
                count("sent");
                Ok(Step::Sent { chat_id, done })
            }
            Err(SendError::RetryAfter(wait)) => {
                count("flood_control");
                metrics::counter!("coloop_telegram_429_total", "source" => "delivery").increment(1);
                tracing::warn!(
                    retry_after_s = wait.as_secs(),
                    "flood control: pausing all deliveries"
                );
                self.flood_until = Some(after + wait);
                self.queue.push_front(d);
                Ok(Step::Wait(after + wait))
            }
            Err(SendError::Unavailable(error)) => self.unreachable(&d, &error, after).await,
            Err(SendError::Blocked(error)) => {
                self.api_answered(after);
                tracing::info!(chat_id, %error, "recipient unreachable; marking them blocked");
                self.store
                    .record_blocked(d.id, d.person_id, &error, self.clock.wall(after))
                    .await?;
                count("blocked");
                self.queue.retain(|other| other.chat_id != chat_id);
                Ok(Step::Blocked { chat_id })
            }
            Err(SendError::ChatNotFound(error) | SendError::Rejected(error)) => {
                self.api_answered(after);
                tracing::warn!(chat_id, %error, "delivery failed");
                self.store
                    .record_failed(d.id, d.attempts + 1, &error)
                    .await?;
                count("failed");
                Ok(Step::Failed { chat_id })
            }
            Err(SendError::Transient(error)) => self.server_error(&d, &error, after).await,
        }
    }

    /// Works until `shutdown` resolves. Shutdown is honoured between steps only, so the send
    /// in hand is finished and recorded.
    pub async fn run_until_stopped(mut self, shutdown: impl Future<Output = ()>) {
        tokio::pin!(shutdown);
        loop {
            self.heartbeat.beat();
            self.watch_outage(Instant::now());
            let step = self.try_deliver_next().await;
            let now = Instant::now();
            let until = match step {
                // Never sleep longer than the idle poll: stored times may be rewritten meanwhile.
                Ok(Step::Wait(until)) => until.min(now + IDLE_POLL),
                Ok(Step::Idle(_)) => now + IDLE_POLL,
                Ok(_) => now,
                Err(error) => {
                    tracing::error!(error = %crate::error_chain(&error), "delivery worker: database error; retrying in 1 s");
                    now + Duration::from_secs(1)
                }
            };
            if until <= now {
                // More work right away. Only look at the shutdown signal: a timer, even one
                // already due, would cost a tick of the timer wheel (1 ms) per message.
                tokio::select! {
                    biased;
                    () = &mut shutdown => break,
                    () = std::future::ready(()) => continue,
                }
            }
            tokio::select! {
                biased;
                () = &mut shutdown => break,
                // Look again after IDLE_POLL at the latest, so the heartbeat stays fresh
                // through a long retry or flood wait.
                () = tokio::time::sleep_until(until.min(now + IDLE_POLL)) => {}
                () = self.signal.notified() => {}
            }
        }
        tracing::info!("delivery worker stopped");
    }
}

/// The "I'd like to help" button under a prototype post (issue #19).
fn help_markup(post: PostId, label: &str) -> Markup {
    Markup::Buttons(vec![vec![crate::message::Button {
        text: label.to_owned(),
        data: crate::command::Callback::HelpWith(post).encode(),
    }]])
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Nowhere;

    impl Transport for Nowhere {
        async fn send(
            &self,
            _chat_id: i64,
            _thread_id: Option<i64>,
            _html: &str,
            _markup: Option<&Markup>,
        ) -> Result<i64, SendError> {
            Err(SendError::Transient("nowhere".into()))
        }
    }

    #[tokio::test]
    async fn the_heartbeat_beats_while_the_worker_runs() {
        let heartbeat = Heartbeat::default();
        assert_eq!(heartbeat.age(), None);
        heartbeat.beat();
        assert!(heartbeat.age().unwrap() < Duration::from_secs(1));

        let (store, _dir) = crate::store::test_support::store().await;
        let worker = Worker::new(store, Nowhere, Limits::default(), Wake::default());
        let heartbeat = worker.heartbeat();
        assert_eq!(heartbeat.age(), None, "not started");
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(worker.run_until_stopped(async move {
            let _ = stopped.await;
        }));
        while heartbeat.age().is_none() {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        assert!(heartbeat.age().unwrap() < Duration::from_secs(1));
        let _ = stop.send(());
        running.await.unwrap();
    }
}
