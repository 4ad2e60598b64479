//! Ids: Telegram ids and the database ids of posts, comments, groups and surveys, each its own type.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A Telegram user (or chat) id, as Telegram gives it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[sqlx(transparent)]
pub struct TelegramId(i64);

impl TelegramId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for TelegramId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for TelegramId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse().map(Self)
    }
}

/// Row id of a working group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct GroupId(i64);

impl GroupId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

/// Row id of a person (not their Telegram id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct PersonId(i64);

impl PersonId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

/// Row id of a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct PostId(i64);

impl PostId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for PostId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Row id of a group notice (a message to a group's members that is not a post: the farewell
/// of an archived group).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct NoticeId(i64);

impl NoticeId {
    pub const fn get(self) -> i64 {
        self.0
    }
}

/// Row id of a delivery.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type)]
#[sqlx(transparent)]
pub struct DeliveryId(i64);

impl DeliveryId {
    pub const fn get(self) -> i64 {
        self.0
    }
}

/// Row id of a comment (shown to facilitators, e.g. for `/hide`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct CommentId(i64);

impl CommentId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for CommentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for CommentId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: i64 = s.trim().trim_start_matches('#').parse()?;
        Ok(Self(id))
    }
}

impl FromStr for PostId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: i64 = s.trim().trim_start_matches('#').parse()?;
        Ok(Self(id))
    }
}

/// Row id of a survey (shown to facilitators, e.g. for `/closesurvey`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, sqlx::Type,
)]
#[sqlx(transparent)]
#[serde(transparent)]
pub struct SurveyId(i64);

impl SurveyId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for SurveyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for SurveyId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let id: i64 = s.trim().trim_start_matches('#').parse()?;
        Ok(Self(id))
    }
}

/// Row id of a prototype: the latest version of what a group's prototype posts of one title
/// said (each such post is a step of its history).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct PrototypeId(i64);

impl PrototypeId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for PrototypeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl FromStr for PrototypeId {
    type Err = std::num::ParseIntError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        s.trim().parse().map(Self)
    }
}

/// Row id of a survey question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct QuestionId(i64);

impl QuestionId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }
}

impl fmt::Display for QuestionId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// A message's id within its Telegram chat.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, sqlx::Type)]
#[sqlx(transparent)]
pub struct MessageId(i64);

impl MessageId {
    pub const fn new(id: i64) -> Self {
        Self(id)
    }

    pub const fn get(self) -> i64 {
        self.0
    }

    /// As Telegram's API takes it (message ids are 32-bit there); `None` for one that is not.
    pub fn to_i32(self) -> Option<i32> {
        i32::try_from(self.0).ok()
    }
}

impl From<i32> for MessageId {
    fn from(id: i32) -> Self {
        Self(i64::from(id))
    }
}

/// One message in one Telegram chat: the chat (a user's private chat has the user's id) and
/// the message's id there.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::FromRow)]
pub struct ChatMessage {
    #[sqlx(rename = "chat_id")]
    pub chat: TelegramId,
    #[sqlx(rename = "message_id")]
    pub message: MessageId,
}

impl ChatMessage {
    pub fn new(chat: TelegramId, message: impl Into<MessageId>) -> Self {
        Self {
            chat,
            message: message.into(),
        }
    }
}
