//! coloop's Telegram adapter: it turns Telegram updates into calls on `coloop-core` and the
//! answers back into Telegram messages.
//!
//! # Layout
//! - [`config`]: environment → typed [`config::Config`]; the token is a secret.
//! - [`app`]: [`app::run`] starts everything (`coloop run`) and stops it on one shutdown signal.
//! - [`dispatch`]: the handler tree ([`dispatch::schema`]), one tracing span per update, and the
//!   one place where errors become answers.
//! - [`handlers`]: one file per feature; each parses nothing itself (that is `coloop_core::command`)
//!   and checks rights first.
//! - [`notices`]: batched "new comments" notices to facilitators.
//! - [`outbox`]: the delivery worker's transport (one `sendMessage`, statuses kept).
//! - [`retention`]: the daily deletion of old comments, when configured.
//! - [`scheduled`]: the weekly digests to coordinators and facilitators.
//! - [`survey_keeper`]: closes due surveys, removes closed surveys' buttons, queues reminders;
//!   the anonymous-answer key.
//! - [`texts`]: every sentence a person reads, built in the reader's language from
//!   [`i18n`]'s message catalogues (`bot/locales/<code>.ftl`).
//! - [`logging`]: tracing set-up that redacts the bot token from every line.
//! - [`ops`]: webhook mode, the HTTP server (health, readiness, metrics), the update intake.

pub mod app;
pub mod config;
pub mod dispatch;
pub mod handlers;
pub mod i18n;
pub mod logging;
pub mod notices;
pub mod ops;
pub mod outbox;
pub mod retention;
pub mod scheduled;
pub mod survey_keeper;
pub mod texts;

pub use app::{App, run};
pub use config::{BaseConfig, BotToken, Config, ConfigError};
