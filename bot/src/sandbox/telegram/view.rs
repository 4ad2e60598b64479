//! What a chat client shows: the people, the group chats, a chat's messages as Telegram would
//! show them now, the files in them, and a signal on every change.

use serde::Serialize;
use serde_json::Value;
use tokio::sync::watch;

use super::FakeTelegram;
use super::model::Upload;
use super::state::ChatKind;

/// A person of the imitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Their user id, also their private chat's id.
    pub id: i64,
    pub name: String,
    /// Their Telegram app's language (`es`), if set.
    pub language: Option<String>,
}

/// A group chat of the imitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GroupChat {
    pub id: i64,
    pub title: String,
}

impl FakeTelegram {
    /// Every person, oldest first.
    pub fn people(&self) -> Vec<Person> {
        self.read(|s| {
            let mut people: Vec<Person> = s
                .users
                .values()
                .map(|u| Person {
                    id: u.id,
                    name: u.first_name.clone(),
                    language: u.language_code.clone(),
                })
                .collect();
            people.sort_by_key(|p| p.id);
            people
        })
    }

    /// Every group chat, oldest first.
    pub fn group_chats(&self) -> Vec<GroupChat> {
        self.read(|s| {
            let mut groups: Vec<GroupChat> = s
                .chats
                .iter()
                .filter_map(|(id, chat)| match &chat.kind {
                    ChatKind::Supergroup { title, .. } => Some(GroupChat {
                        id: *id,
                        title: title.clone(),
                    }),
                    ChatKind::Private { .. } => None,
                })
                .collect();
            // Group ids count down: the oldest has the largest.
            groups.sort_by_key(|g| std::cmp::Reverse(g.id));
            groups
        })
    }

    /// The messages of `chat` that are not deleted, people's and the bot's, oldest first, as
    /// Telegram's Message JSON now (after edits); `None` for an unknown chat.
    pub fn chat_history(&self, chat: i64) -> Option<Vec<Value>> {
        self.read(|s| {
            let chat = s.chats.get(&chat)?;
            Some(
                chat.messages
                    .values()
                    .filter(|m| !m.deleted)
                    .map(|m| m.json.clone())
                    .collect(),
            )
        })
    }

    /// A file the imitation knows (a person's upload or the bot's), with its bytes.
    pub fn file(&self, file_id: &str) -> Option<Upload> {
        self.read(|s| s.files.get(file_id).map(|f| f.upload()))
    }

    /// From now on remember only the latest `kept` calls of the bot (a long-running sandbox
    /// needs no full record; tests keep every call).
    pub fn keep_calls(&self, kept: usize) {
        self.shared().mutate(|s| {
            s.calls_kept = Some(kept);
            let over = s.calls.len().saturating_sub(kept);
            s.calls.drain(..over);
        });
    }

    /// How many files the imitation keeps (people's uploads and the bot's).
    pub fn file_count(&self) -> usize {
        self.read(|s| s.files.len())
    }

    /// Changes on every change of the imitation (a message, an edit, a call of the bot).
    pub fn changes(&self) -> watch::Receiver<u64> {
        self.shared().changed.subscribe()
    }
}
