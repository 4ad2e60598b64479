//! coloop's Telegram adapter: it turns Telegram updates into calls on `coloop-core` and the
//! answers back into Telegram messages.
//!
//! # Layout
//! Dependencies point one way, down this list (a test, `tests/layering.rs`, holds it):
//! - [`app`]: [`app::run`] starts everything (`coloop run`) and stops it on one shutdown signal.
//! - [`doctor`]: `coloop doctor`, a readable check of a deployment.
//! - [`sandbox`]: `coloop sandbox`, the real bot against an imitation of Telegram with a chat
//!   client in the browser; its [`sandbox::telegram`] imitation (used by the tests too) sits
//!   below every other module and uses none.
//! - [`router`]: the handler tree ([`router::schema`]), lanes, one table for commands and one for
//!   buttons, one tracing span per update, and the one place where errors become answers.
//! - [`handlers`]: one file per feature, each owning its commands and its buttons; each parses
//!   nothing itself (that is `coloop_core::command`) and checks rights first.
//! - [`tasks`]: the background loops — the outbox's sender, comment notices, scheduled digests,
//!   the survey keeper, retention. They never call a handler.
//! - [`ops`]: webhook mode, the HTTP server (health, readiness, metrics), the update intake.
//! - [`dashboard`]: the pages coordinators and facilitators sign in to with `/web` (served by
//!   the HTTP server, beside handlers, tasks and ops).
//! - [`telegram`]: the toolkit below handlers and tasks: [`telegram::App`], [`telegram::Ctx`],
//!   [`telegram::HandlerError`], answering, editing, keyboards, photos and files.
//! - [`texts`]: every sentence a person reads, built in the reader's language from the message
//!   catalogues (`bot/locales/<code>.ftl`), one file per feature.
//! - [`web`]: the plumbing of the pages the HTTP server serves (assets, security headers,
//!   escaped templates, JSON refusals, server-sent events).
//! - [`config`]: environment → typed [`config::Config`]; the token is a secret.
//! - [`logging`]: tracing set-up that redacts the bot token from every line.

pub mod app;
pub mod config;
pub mod dashboard;
pub mod doctor;
pub mod handlers;
pub mod logging;
pub mod ops;
pub mod router;
pub mod sandbox;
pub mod tasks;
pub mod telegram;
pub mod texts;
pub mod web;

pub use app::run;
pub use config::{BaseConfig, BotToken, Config, ConfigError};
pub use telegram::App;
