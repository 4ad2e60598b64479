-- Telegram group chats linked to a working group: its posts are also posted there, and
-- replies to them there are comments of their authors.

CREATE TABLE group_chats (
    id          INTEGER PRIMARY KEY,
    group_id    INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    chat_id     INTEGER NOT NULL,
    -- The forum topic the link was made in, if any: posts go to that topic.
    thread_id   INTEGER,
    title       TEXT    NOT NULL DEFAULT '',
    linked_by   INTEGER NOT NULL,
    linked_at   TEXT    NOT NULL,
    unlinked_at TEXT
);
-- A chat is linked to at most one working group at a time.
CREATE UNIQUE INDEX group_chats_current ON group_chats(chat_id) WHERE unlinked_at IS NULL;

-- Deliveries to a forum topic carry the topic.
ALTER TABLE deliveries ADD COLUMN thread_id INTEGER;
