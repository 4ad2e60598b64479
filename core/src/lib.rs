//! coloop's core: everything the bot knows that is not Telegram.
//!
//! # Layout
//! - [`domain`]: values parsed once at the edge — group slugs, invite codes, roles, names, ids.
//! - [`command`]: the grammar of the chat commands and of button callback data, parsed into
//!   typed values; no I/O.
//! - [`store`]: the SQLite storage layer. Every SQL statement of the project lives here, behind
//!   named functions, one file per aggregate; migrations are embedded from `migrations/`.
//!
//! Handlers in the `bot` crate parse input with [`command`], decide with the values of
//! [`domain`], and read or write through [`store::Store`].

pub mod command;
pub mod domain;
pub mod store;

pub use store::{Store, StoreError};

/// Version of the consent text a person agrees to. Raise it when the text changes materially;
/// the version is stored with the consent time.
pub const CONSENT_VERSION: i64 = 1;
