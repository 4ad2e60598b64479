//! The fake driven over HTTP by a real teloxide client (and raw reqwest where
//! teloxide would get in the way).

use std::time::{Duration, Instant};

use serde_json::{Value, json};
use teloxide::net::Download;
use teloxide::prelude::*;
use teloxide::types::{
    BotCommand, ForceReply, InlineKeyboardButton, InlineKeyboardMarkup, InputFile, MediaKind,
    MessageId, MessageKind, ParseMode, ReplyParameters, ThreadId, UpdateKind,
};
use teloxide::{ApiError, RequestError};

use super::*;

mod faults;
mod limits;
mod messages;
mod reach;
mod updates;

const TOKEN: &str = "123456:TEST-token_abc";

async fn setup() -> (FakeTelegram, Bot) {
    let fake = FakeTelegram::start(TOKEN, "coloop_test_bot").await;
    let bot = Bot::new(TOKEN).set_api_url(fake.api_url().parse().unwrap());
    (fake, bot)
}

/// A person who has started the bot (so it may write to them).
fn user(fake: &FakeTelegram, first: &str, last: Option<&str>, language: Option<&str>) -> i64 {
    let id = fake.add_user(first, last, language);
    fake.user_started_bot(id);
    id
}

fn keyboard() -> InlineKeyboardMarkup {
    InlineKeyboardMarkup::new([[
        InlineKeyboardButton::callback("Yes, please", "yes:1"),
        InlineKeyboardButton::url("Site", "https://example.org/".parse().unwrap()),
    ]])
}

async fn raw_post(fake: &FakeTelegram, path: &str, body: Value) -> (u16, Value) {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", fake.api_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap())
}
