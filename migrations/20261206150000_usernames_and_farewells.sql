-- Issue #13: people are found by their Telegram @username as well as their name, and a group's
-- farewell reaches its members through the durable outbox.

-- The person's Telegram @username (without the @), refreshed from their updates like their
-- name; NULL when they have none. Erased with the person (`/forget`).
ALTER TABLE people ADD COLUMN username TEXT;

-- A message to a group's members that is not a post (no comments, no digest line): the thanks
-- of `/archive` (or `coloop group archive`), rendered in every language when it is queued, as
-- a JSON object language → parts, like `posts.rendered`.
CREATE TABLE group_notices (
    id         INTEGER PRIMARY KEY,
    group_id   INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL CHECK (kind IN ('farewell')),
    rendered   TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
CREATE INDEX group_notices_group ON group_notices(group_id);

-- The outbox carries notices too: a delivery is of a post (and maybe a survey of it) or of a
-- notice. SQLite cannot relax `post_id NOT NULL` in place, so the table is rebuilt as in
-- 20261127150000_surveys.sql, with `delivered_messages` carried over by hand.
CREATE TABLE deliveries_new (
    id              INTEGER PRIMARY KEY,
    post_id         INTEGER REFERENCES posts(id) ON DELETE CASCADE,
    survey_id       INTEGER REFERENCES surveys(id) ON DELETE CASCADE,
    notice_id       INTEGER REFERENCES group_notices(id) ON DELETE CASCADE,
    -- 0: the survey itself; 1, 2: its reminders.
    reminder        INTEGER NOT NULL DEFAULT 0,
    person_id       INTEGER REFERENCES people(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    thread_id       INTEGER,
    chat_kind       TEXT    NOT NULL CHECK (chat_kind IN ('private', 'group')),
    state           TEXT    NOT NULL CHECK (state IN ('pending', 'sent', 'failed', 'blocked')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    parts_sent      INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    message_id      INTEGER,
    with_note       INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT,
    CHECK ((post_id IS NULL) <> (notice_id IS NULL)),
    CHECK (survey_id IS NULL OR post_id IS NOT NULL)
);
INSERT INTO deliveries_new (id, post_id, survey_id, reminder, person_id, chat_id, thread_id,
                            chat_kind, state, attempts, next_attempt_at, parts_sent, last_error,
                            message_id, with_note, created_at, sent_at)
    SELECT id, post_id, survey_id, reminder, person_id, chat_id, thread_id, chat_kind, state,
           attempts, next_attempt_at, parts_sent, last_error, message_id, with_note, created_at,
           sent_at
    FROM deliveries;

CREATE TEMP TABLE delivered_messages_copy AS SELECT * FROM delivered_messages;
DROP TABLE delivered_messages;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;

-- (A notice's deliveries have no post: NULLs never collide in a unique index.)
CREATE UNIQUE INDEX deliveries_post_chat ON deliveries(post_id, chat_id) WHERE survey_id IS NULL;
CREATE UNIQUE INDEX deliveries_survey_chat ON deliveries(survey_id, chat_id, reminder)
    WHERE survey_id IS NOT NULL;
CREATE UNIQUE INDEX deliveries_notice_chat ON deliveries(notice_id, chat_id)
    WHERE notice_id IS NOT NULL;
CREATE INDEX deliveries_due ON deliveries(next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX deliveries_person ON deliveries(person_id);

CREATE TABLE delivered_messages (
    delivery_id INTEGER NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
    part        INTEGER NOT NULL,
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    PRIMARY KEY (delivery_id, part)
);
CREATE UNIQUE INDEX delivered_messages_chat ON delivered_messages(chat_id, message_id);
INSERT INTO delivered_messages SELECT delivery_id, part, chat_id, message_id FROM delivered_messages_copy;
DROP TABLE delivered_messages_copy;
