-- Comments: what people answer, threaded to the post they reply to; facilitator notices.

CREATE TABLE comments (
    id            INTEGER PRIMARY KEY,
    group_id      INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    person_id     INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    -- The post it answers; NULL for a general comment to the group.
    post_id       INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    -- The Telegram message it came from: a redelivered update stores nothing twice.
    chat_id       INTEGER NOT NULL,
    message_id    INTEGER NOT NULL,
    -- Text, or a media caption, exactly as sent.
    body          TEXT,
    media_kind    TEXT CHECK (media_kind IN ('voice', 'audio', 'photo', 'document', 'video_note', 'video')),
    file_id       TEXT,
    duration_secs INTEGER,
    -- Waiting for the person to say which post it is about ("which post?" buttons).
    unfiled       INTEGER NOT NULL DEFAULT 0,
    anonymous     INTEGER NOT NULL DEFAULT 0,
    hidden_at     TEXT,
    hidden_by     INTEGER,
    created_at    TEXT    NOT NULL,
    UNIQUE (chat_id, message_id)
);
CREATE INDEX comments_group ON comments(group_id, id);
CREATE INDEX comments_post ON comments(post_id);
CREATE INDEX comments_person ON comments(person_id, created_at);

-- Per facilitator and group: the last comment they were told about, and when.
CREATE TABLE comment_notices (
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    group_id        INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    last_comment_id INTEGER NOT NULL,
    notified_at     TEXT    NOT NULL,
    PRIMARY KEY (person_id, group_id)
);
