//! `coloop sandbox`: the real bot against an imitation of Telegram, in one process.
//!
//! - [`telegram`]: the Telegram Bot API imitation — people, chats, messages, buttons, files and
//!   Telegram's refusals — that the sandbox and every end-to-end test drive the bot with. It uses
//!   no other module of this crate.

pub mod telegram;
