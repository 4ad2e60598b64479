//! Scheduled digests: every week at the configured day and hour (the deployment's time zone),
//! each coordinator gets the all-groups digest and each facilitator their group's, covering
//! the week before. A coordinator named in the configuration gets it once they sent `/start`
//! (Telegram lets the bot write to no one else), and no longer once they `/forget` themselves,
//! until they send `/start` again. What was sent is recorded per recipient and period, so a period is never
//! sent twice and a bot that was down at the hour sends it when it comes back. A recipient
//! Telegram will not let the bot write to (they never started it, or blocked it) is recorded
//! for the period too, and marked blocked: tried once a period, not at every tick.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use coloop_core::Store;
use coloop_core::digest::Digest;
use coloop_core::domain::TelegramId;
use coloop_core::schedule::Schedule;
use teloxide::prelude::*;
use teloxide::types::ChatId;
use tokio::sync::watch;

use crate::telegram::{send_html, with_flood_retry};
use crate::texts::Catalogues;

/// The days a scheduled digest covers.
pub const DIGEST_DAYS: u32 = 7;

pub struct Scheduler {
    pub bot: Bot,
    pub store: Store,
    pub coordinators: Vec<i64>,
    pub i18n: Arc<Catalogues>,
    pub schedule: Schedule,
}

impl Scheduler {
    pub async fn run_until_stopped(self, tick: Duration, mut stop: watch::Receiver<bool>) {
        let mut ticks = tokio::time::interval(tick);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tracing::info!(schedule = %self.schedule, "weekly digests scheduled");
        loop {
            tokio::select! {
                biased;
                _ = stop.wait_for(|stop| *stop) => break,
                _ = ticks.tick() => {}
            }
            if let Err(error) = self.send_due(&stop).await {
                tracing::error!(
                    error = format!("{error:#}"),
                    "scheduled digests failed; trying again later"
                );
            }
        }
    }

    /// Sends every digest due for the current period and not sent yet; how many went out.
    pub async fn send_due(&self, stop: &watch::Receiver<bool>) -> anyhow::Result<usize> {
        self.send_due_at(Utc::now(), stop).await
    }

    /// [`Scheduler::send_due`] as if it were `now` (tests walk through weeks this way).
    pub async fn send_due_at(
        &self,
        now: chrono::DateTime<Utc>,
        stop: &watch::Receiver<bool>,
    ) -> anyhow::Result<usize> {
        let period = self.schedule.period_start(now);
        let mut recipients = Vec::new();
        let mut coordinators = self.coordinators.clone();
        let configured = |id: i64| self.coordinators.contains(&id);
        coordinators.extend(
            self.store
                .list_coordinators()
                .await?
                .into_iter()
                .map(|id| id.get()),
        );
        coordinators.sort_unstable();
        coordinators.dedup();
        for telegram_id in coordinators {
            // A configured coordinator who never sent /start or forgot themselves, or anyone
            // who paused everything (`/stop`) or blocked the bot: no digest, nothing stored.
            if let Some(recipient) = self
                .store
                .coordinator_digest_recipient(TelegramId::new(telegram_id), configured(telegram_id))
                .await?
            {
                recipients.push(recipient);
            }
        }
        recipients.extend(self.store.facilitator_digest_recipients().await?);
        let mut sent = 0;
        for r in recipients {
            if *stop.borrow() {
                break;
            }
            let scope = r
                .group
                .as_ref()
                .map_or_else(|| "all".to_owned(), |g| g.to_string());
            if self
                .store
                .digest_sent(r.telegram_id, &scope, period)
                .await?
            {
                continue;
            }
            let name = match &r.group {
                Some(slug) => match self.store.group_by_slug(slug).await? {
                    Some(g) => Some(g.name.as_str().to_owned()),
                    None => continue,
                },
                None => None,
            };
            let digest = Digest::build(&self.store, r.group.as_ref(), DIGEST_DAYS, period).await?;
            let facilitates: Vec<String> = r.group.iter().map(|g| g.to_string()).collect();
            let view = crate::texts::DigestView {
                coordinator: r.group.is_none(),
                facilitates: &facilitates,
            };
            let text = self.i18n.choose(r.language.as_deref(), None).digest(
                &digest,
                name.as_deref(),
                DIGEST_DAYS,
                view,
            );
            let mut delivered = true;
            for part in coloop_core::message::pack_lines(&text) {
                if let Err(error) =
                    with_flood_retry(|| send_html(&self.bot, ChatId(r.telegram_id), part.clone()))
                        .await
                {
                    delivered = false;
                    // Telegram ids only at debug level (issue #20): the scope says enough.
                    tracing::debug!(chat_id = r.telegram_id, %scope, "a scheduled digest failed");
                    if !crate::telegram::is_unreachable(&error) {
                        tracing::warn!(%scope, %error, "could not send a scheduled digest");
                        break;
                    }
                    tracing::info!(
                        %scope,
                        %error,
                        "a scheduled digest's recipient cannot be reached; skipped for this period"
                    );
                    let id = coloop_core::domain::TelegramId::new(r.telegram_id);
                    self.store.mark_blocked(id, Utc::now()).await?;
                    self.store
                        .record_digest_sent(r.telegram_id, &scope, period, Utc::now())
                        .await?;
                    break;
                }
            }
            if delivered {
                let texts = self.i18n.choose(r.language.as_deref(), None);
                if let Err(error) = crate::telegram::send_charts(
                    &self.bot,
                    ChatId(r.telegram_id),
                    texts.digest_charts(&digest),
                )
                .await
                {
                    // The text went out: the period counts as sent; a missing chart is not worth a
                    // second copy of the digest.
                    tracing::warn!(
                        %scope,
                        error = format!("{error:#}"),
                        "could not send a scheduled digest's charts"
                    );
                }
                self.store
                    .record_digest_sent(r.telegram_id, &scope, period, Utc::now())
                    .await?;
                sent += 1;
            }
        }
        Ok(sent)
    }
}
