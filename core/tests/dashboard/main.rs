//! The web dashboard's read models (issue #21) on a real SQLite file: every page's numbers,
//! the same as the chat digest's where both show them, and nothing of another group.

#[path = "../common/mod.rs"]
mod common;
mod world;

mod comments;
mod overview;
mod pages;
