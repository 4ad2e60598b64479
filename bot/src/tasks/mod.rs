//! The background loops, started by [`crate::app`] and stopped by its one shutdown signal. They
//! use the Telegram toolkit and the texts, never a handler.
//!
//! - [`sender`]: the outbox's Telegram transport (one `sendMessage`, statuses kept); the worker
//!   itself is `coloop_core::delivery::Worker`.
//! - [`notices`]: batched "new comments" notices to facilitators.
//! - [`held`]: tells a broadcast's author when it is held up (Telegram down) and when it is done.
//! - [`digests`]: the weekly digests to coordinators and facilitators.
//! - [`survey_keeper`]: closes due surveys, removes closed surveys' buttons, queues reminders;
//!   the anonymous-answer key.
//! - [`retention`]: the daily deletion of old comments, when configured.

pub mod digests;
pub mod held;
pub mod notices;
pub mod retention;
pub mod sender;
pub mod survey_keeper;
