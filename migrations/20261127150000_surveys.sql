-- Surveys: short questionnaires attached to a post, delivered through the outbox, answered
-- with buttons (or a reply for text questions).

CREATE TABLE surveys (
    id              INTEGER PRIMARY KEY,
    group_id        INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    -- The post it asks about (the group's latest when the facilitator did not say).
    post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    title           TEXT    NOT NULL,
    anonymous       INTEGER NOT NULL,
    -- `closes: 3d`: resolved into closes_at when the survey is sent.
    closes_after_s  INTEGER,
    closes_at       TEXT,
    author_id       INTEGER REFERENCES people(id) ON DELETE SET NULL,
    idempotency_key TEXT    NOT NULL UNIQUE,
    state           TEXT    NOT NULL CHECK (state IN ('draft', 'open', 'closed', 'cancelled')),
    -- JSON: per language, the first message (intro and first question, with its buttons) and
    -- the reminder, exactly as the outbox sends them.
    rendered        TEXT    NOT NULL,
    source_chat_id  INTEGER,
    source_message_id INTEGER,
    created_at      TEXT    NOT NULL,
    sent_at         TEXT,
    closed_at       TEXT
);
CREATE UNIQUE INDEX surveys_source ON surveys(source_chat_id, source_message_id)
    WHERE source_message_id IS NOT NULL;
CREATE INDEX surveys_open ON surveys(state, closes_at);
CREATE INDEX surveys_group ON surveys(group_id, sent_at);

CREATE TABLE survey_questions (
    id        INTEGER PRIMARY KEY,
    survey_id INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    -- 0-based order.
    position  INTEGER NOT NULL,
    kind      TEXT    NOT NULL CHECK (kind IN ('rating', 'yesno', 'choice', 'multi', 'text')),
    prompt    TEXT    NOT NULL,
    UNIQUE (survey_id, position)
);

-- The options of choice and multi questions (0-based; at most 10).
CREATE TABLE survey_options (
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL CHECK (position BETWEEN 0 AND 9),
    label       TEXT    NOT NULL,
    PRIMARY KEY (question_id, position)
) WITHOUT ROWID;

-- One answer per respondent per question, changed in place while the survey is open.
-- `respondent` is 'p<person id>' for a named survey; for an anonymous one a keyed hash of the
-- person and the survey, whose key is not in the database, and `person_id` is NULL. The
-- table has no row ids and no times, so neither insertion order nor timing links an
-- anonymous answer to the participation rows below.
-- `value`: rating 1–5; yes/no 1/0; choice and multi a bit mask of the chosen options.
CREATE TABLE answers (
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    respondent  TEXT    NOT NULL,
    person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
    value       INTEGER,
    text        TEXT,
    PRIMARY KEY (question_id, respondent)
) WITHOUT ROWID;
CREATE INDEX answers_person ON answers(person_id) WHERE person_id IS NOT NULL;

-- Who a survey went to and how far they got: the question waiting for them (position; the
-- question count once finished) and the reminders they were sent.
CREATE TABLE survey_participants (
    survey_id   INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL DEFAULT 0,
    invited_at  TEXT    NOT NULL,
    -- When the waiting question was sent.
    asked_at    TEXT,
    finished_at TEXT,
    reminders   INTEGER NOT NULL DEFAULT 0,
    reminded_at TEXT,
    PRIMARY KEY (survey_id, person_id)
) WITHOUT ROWID;
CREATE INDEX survey_participants_person ON survey_participants(person_id);

-- Every question message the bot sent, so that a reply can be matched to its question and
-- the buttons can be removed when the survey closes.
CREATE TABLE survey_messages (
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    survey_id  INTEGER NOT NULL REFERENCES surveys(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    -- Its buttons were removed (or could not be) after the survey closed.
    cleared    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX survey_messages_uncleared ON survey_messages(survey_id) WHERE cleared = 0;

-- The outbox also carries surveys (their first question) and survey reminders: a delivery
-- gets an optional survey and a reminder number, and its uniqueness becomes "one post per
-- chat" for posts and "one survey message per chat and round" for surveys. SQLite cannot
-- change a table's constraints in place, and sqlx runs this file in a transaction (where
-- foreign keys cannot be switched off), so the table is rebuilt with its dependent
-- `delivered_messages` carried over by hand rather than dropped by cascade.
CREATE TABLE deliveries_new (
    id              INTEGER PRIMARY KEY,
    post_id         INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    survey_id       INTEGER REFERENCES surveys(id) ON DELETE CASCADE,
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
    sent_at         TEXT
);
INSERT INTO deliveries_new (id, post_id, person_id, chat_id, thread_id, chat_kind, state, attempts,
                            next_attempt_at, parts_sent, last_error, message_id, with_note,
                            created_at, sent_at)
    SELECT id, post_id, person_id, chat_id, thread_id, chat_kind, state, attempts,
           next_attempt_at, parts_sent, last_error, message_id, with_note, created_at, sent_at
    FROM deliveries;

CREATE TEMP TABLE delivered_messages_copy AS SELECT * FROM delivered_messages;
DROP TABLE delivered_messages;
DROP TABLE deliveries;
ALTER TABLE deliveries_new RENAME TO deliveries;

CREATE UNIQUE INDEX deliveries_post_chat ON deliveries(post_id, chat_id) WHERE survey_id IS NULL;
CREATE UNIQUE INDEX deliveries_survey_chat ON deliveries(survey_id, chat_id, reminder)
    WHERE survey_id IS NOT NULL;
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
