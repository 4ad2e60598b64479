//! coloop's core: everything the bot knows that is not Telegram.
//!
//! # Layout
//! - [`domain`]: values parsed once at the edge — group slugs, invite codes, roles, names, ids.
//! - [`command`]: the grammar of the chat commands and of button callback data, parsed into
//!   typed values; no I/O.
//! - [`chart`]: bar charts of survey answer distributions, PNG for the digest and SVG for the
//!   dashboard, from the same drawing code; fonts embedded.
//! - [`dashboard`]: read models of the web dashboard's pages (overview, group, survey,
//!   prototype, comments) over a time window; no HTML.
//! - [`delivery`]: the outbox worker: paced, retried, crash-safe sending of queued deliveries.
//! - [`digest`]: what the community said over a window, per group, post and survey; CSV exports.
//! - [`survey`]: survey specs, question kinds, answers and anonymous respondents.
//! - [`keyed`]: secrets derived from another secret (HMAC), so they are never stored.
//! - [`message`]: message shapes independent of Telegram (markup, splitting long texts).
//! - [`schedule`]: weekly schedules and quiet hours in the deployment's time zone.
//! - [`zone`]: the deployment's time zone (IANA names with daylight saving, or UTC offsets).
//! - [`wake`]: waking a background loop when work is waiting.
//! - [`store`]: the SQLite storage layer. Every SQL statement of the project lives here, behind
//!   named functions, one file per aggregate; migrations are embedded from `migrations/`.
//!
//! Handlers in the `bot` crate parse input with [`command`], decide with the values of
//! [`domain`], and read or write through [`store::Store`].

/// `FromStr` for a closed set of values with `ALL` and `as_str`: exactly the canonical text,
/// nothing else (`Err(())`).
macro_rules! from_str_by_all {
    ($($ty:ty),* $(,)?) => {$(
        impl std::str::FromStr for $ty {
            type Err = ();
            fn from_str(s: &str) -> std::result::Result<Self, ()> {
                Self::ALL.into_iter().find(|v| v.as_str() == s).ok_or(())
            }
        }
    )*};
}

pub mod chart;
pub mod command;
pub mod dashboard;
pub mod delivery;
pub mod digest;
pub mod domain;
pub mod keyed;
pub mod message;
pub mod schedule;
pub mod store;
pub mod survey;
pub mod wake;
pub mod zone;

pub use store::{Store, StoreError};

/// Version of the consent text a person agrees to. Raise it when the text changes materially;
/// the version is stored with the consent time, and people who agreed to an older one are asked
/// again (at most once a week) until they agree to this one.
///
/// 1: the first text. 2: it says the @username is kept (issue #13); it is kept only for people
/// who agreed to version 2 or later.
pub const CONSENT_VERSION: i64 = 2;

/// An error and its causes, one after the other (`a: b: c`), for log lines.
pub fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
