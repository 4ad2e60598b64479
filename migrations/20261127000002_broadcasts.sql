-- Broadcasts: prototypes, posts (drafts awaiting Send, then sent) and the delivery outbox.

CREATE TABLE prototypes (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    title      TEXT    NOT NULL,
    -- Lower-cased, whitespace-collapsed title: "the same title" in a group means the same prototype.
    title_key  TEXT    NOT NULL,
    category   TEXT    NOT NULL CHECK (category IN ('community', 'sme', 'large_scale', 'public_service')),
    status     TEXT    NOT NULL CHECK (status IN ('idea', 'prototyping', 'testing', 'adopted', 'discarded')),
    summary    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    UNIQUE (group_id, title_key)
);

CREATE TABLE posts (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('outcome', 'prototype', 'question')),
    title           TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    session_date    TEXT,
    -- Prototype posts: a snapshot of what was announced; the prototype row holds the latest.
    category        TEXT,
    status          TEXT,
    prototype_id    INTEGER REFERENCES prototypes(id) ON DELETE SET NULL,
    author_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    -- Carried by the preview's Send button: confirming twice sends once.
    idempotency_key TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'sent', 'cancelled')),
    -- JSON array of the HTML parts exactly as recipients see them.
    rendered        TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT
);
CREATE INDEX posts_group ON posts(group_id, state, id);

CREATE TABLE deliveries (
    id              INTEGER PRIMARY KEY,
    post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    -- The recipient; NULL for a linked group chat.
    person_id       INTEGER REFERENCES people(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    chat_kind       TEXT    NOT NULL CHECK (chat_kind IN ('private', 'group')),
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'blocked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    -- Parts of the post already sent (a long post is several messages).
    parts_sent      INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    -- Telegram's id of the first message of this delivery.
    message_id      INTEGER,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT,
    UNIQUE (post_id, chat_id)
);
CREATE INDEX deliveries_due ON deliveries(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_person ON deliveries(person_id);

-- Every Telegram message a delivery produced, so a reply can be traced to its post.
CREATE TABLE delivered_messages (
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    part        INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, part)
);
CREATE UNIQUE INDEX delivered_messages_chat ON delivered_messages(chat_id, message_id);
