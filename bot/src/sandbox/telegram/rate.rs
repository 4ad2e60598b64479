//! Telegram-like flood control for sends and edits: sliding windows over the
//! arrival instants of the calls the limiter accepted.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

use super::model::RateLimits;

/// Methods the limiter applies to (compared case-insensitively): every send, and the
/// edits, which Telegram counts against the same limits.
const LIMITED_METHODS: &[&str] = &[
    "sendMessage",
    "sendPhoto",
    "sendDocument",
    "sendVoice",
    "sendAudio",
    "sendVideoNote",
    "sendSticker",
    "copyMessage",
    "forwardMessage",
    "editMessageText",
    "editMessageCaption",
    "editMessageReplyMarkup",
];

const SECOND: Duration = Duration::from_secs(1);
const MINUTE: Duration = Duration::from_secs(60);

pub(crate) fn is_limited(method: &str) -> bool {
    LIMITED_METHODS
        .iter()
        .any(|m| m.eq_ignore_ascii_case(method))
}

/// Arrival instants of accepted sends, sorted, none older than the window.
///
/// Instants may be inserted out of order (concurrent requests are checked
/// in lock order, not arrival order), so a new instant is checked against
/// every window of `span` that contains it, not only the one ending at it.
#[derive(Debug, Default)]
pub(crate) struct Window {
    times: VecDeque<Instant>,
}

impl Window {
    pub(crate) fn len(&self) -> usize {
        self.times.len()
    }

    /// Whether one more send at `t` keeps every half-open interval of length
    /// `span` at no more than `limit` sends, i.e. no `limit + 1` consecutive
    /// sends lie less than `span` apart.
    pub(crate) fn fits(&self, t: Instant, limit: u32, span: Duration) -> bool {
        let n = limit as usize;
        if n == 0 {
            return false;
        }
        let at = self.times.partition_point(|e| *e <= t);
        let len = self.times.len() + 1;
        // The sorted sequence with `t` inserted at index `at`.
        let get = |i: usize| match i.cmp(&at) {
            std::cmp::Ordering::Less => self.times[i],
            std::cmp::Ordering::Equal => t,
            std::cmp::Ordering::Greater => self.times[i - 1],
        };
        (at.saturating_sub(n)..=at).all(|first| match first.checked_add(n) {
            Some(last) if last < len => get(last).duration_since(get(first)) >= span,
            _ => true,
        })
    }

    /// The earliest instant `>= t` at which a send would fit. A send only
    /// becomes possible when an accepted one leaves the window, so the
    /// candidates are `t` and `e + span` for the accepted instants `e`.
    pub(crate) fn earliest(&self, t: Instant, limit: u32, span: Duration) -> Instant {
        if self.fits(t, limit, span) {
            return t;
        }
        self.times
            .iter()
            .filter_map(|e| e.checked_add(span))
            .filter(|c| *c > t)
            .find(|c| self.fits(*c, limit, span))
            // Unreachable for limit >= 1: past the last send + span all fit.
            .unwrap_or(t)
    }

    pub(crate) fn insert(&mut self, t: Instant) {
        let at = self.times.partition_point(|e| *e <= t);
        self.times.insert(at, t);
    }

    /// Drops the sends that no longer matter for a send at `now`: those at
    /// least `span` before it.
    pub(crate) fn prune(&mut self, now: Instant, span: Duration) {
        let Some(cutoff) = now.checked_sub(span) else {
            return;
        };
        while self.times.front().is_some_and(|e| *e <= cutoff) {
            self.times.pop_front();
        }
    }
}

/// The limits in force and the accepted sends they are measured on.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    limits: RateLimits,
    global: Window,
    private: HashMap<i64, Window>,
    groups: HashMap<i64, Window>,
}

impl RateLimiter {
    pub(crate) fn new(limits: RateLimits) -> RateLimiter {
        RateLimiter {
            limits,
            global: Window::default(),
            private: HashMap::new(),
            groups: HashMap::new(),
        }
    }

    /// Admits a send to `chat` (if known as a number) that arrived at `t`,
    /// or returns `retry_after` in whole seconds (at least 1): the time from
    /// `t` until it would have fit every limit, rounded up.
    pub(crate) fn admit(&mut self, chat: Option<i64>, t: Instant) -> Result<(), u32> {
        let RateLimits {
            global_per_second,
            private_chat_interval,
            group_chats_per_minute,
        } = self.limits;
        self.global.prune(t, SECOND);
        for w in self.private.values_mut() {
            w.prune(t, private_chat_interval);
        }
        self.private.retain(|_, w| w.len() > 0);
        for w in self.groups.values_mut() {
            w.prune(t, MINUTE);
        }
        self.groups.retain(|_, w| w.len() > 0);

        let (chat_window, limit, span) = match chat {
            Some(c) if c > 0 => (
                Some(self.private.entry(c).or_default()),
                1,
                private_chat_interval,
            ),
            Some(c) if c < 0 => (
                Some(self.groups.entry(c).or_default()),
                group_chats_per_minute,
                MINUTE,
            ),
            _ => (None, 0, Duration::ZERO),
        };
        // Earliest instant that fits both windows: alternate until neither
        // moves it (each step lands on one of finitely many candidates).
        let mut allowed = t;
        loop {
            let g = self.global.earliest(allowed, global_per_second, SECOND);
            let c = chat_window
                .as_ref()
                .map_or(g, |w| w.earliest(g, limit, span));
            if c == g {
                allowed = g;
                break;
            }
            allowed = c;
        }
        if allowed == t {
            self.global.insert(t);
            if let Some(w) = chat_window {
                w.insert(t);
            }
            return Ok(());
        }
        let wait = allowed.duration_since(t);
        let secs = wait.as_nanos().div_ceil(1_000_000_000).max(1);
        Err(u32::try_from(secs).unwrap_or(u32::MAX))
    }
}
