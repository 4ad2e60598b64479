-- Issue #19, introductions: a facilitator introduces volunteers who agreed to be introduced;
-- each is asked, and only when everyone accepted does each get the others' contact and a
-- relay through the bot. Relayed texts are never stored: only which bot message in whose chat
-- leads to whom (so a reply can be passed on) and when it was sent (the rate limit).

-- `state`: 'picking' (the facilitator chooses people), 'noting' (the facilitator writes why),
-- 'pending' (everyone asked), 'made' (everyone accepted), 'declined' (someone said no
-- thanks), 'withdrawn' (someone erased their data while it was pending).
-- `status_message_id`: the facilitator's picker, then status message (who accepted,
-- declined, is waiting; never why).
CREATE TABLE introductions (
    id                INTEGER PRIMARY KEY,
    group_id          INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    -- `/introduce <group> <post>`: the volunteers of that post.
    post_id           INTEGER REFERENCES posts(id) ON DELETE SET NULL,
    facilitator_id    INTEGER REFERENCES people(id) ON DELETE SET NULL,
    note              TEXT,
    state             TEXT    NOT NULL DEFAULT 'picking'
                              CHECK (state IN ('picking', 'noting', 'pending', 'made', 'declined',
                                               'withdrawn')),
    status_message_id INTEGER,
    note_message_id   INTEGER,
    created_at        TEXT    NOT NULL,
    decided_at        TEXT
);
CREATE INDEX introductions_group ON introductions(group_id, state);

-- Who is introduced, and their answer ('waiting', 'accepted', 'declined'); `message_id`: the
-- invitation in their private chat.
CREATE TABLE introduction_people (
    introduction_id INTEGER NOT NULL REFERENCES introductions(id) ON DELETE CASCADE,
    person_id       INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    answer          TEXT    NOT NULL DEFAULT 'waiting'
                            CHECK (answer IN ('waiting', 'accepted', 'declined')),
    message_id      INTEGER,
    answered_at     TEXT,
    PRIMARY KEY (introduction_id, person_id)
) WITHOUT ROWID;
CREATE INDEX introduction_people_person ON introduction_people(person_id);

-- A relay between two people of a made introduction, until either ends it. A person who
-- erases their data leaves it (NULL): a reply from the other side then finds it ended, and
-- is never mistaken for a comment.
CREATE TABLE relays (
    id              INTEGER PRIMARY KEY,
    introduction_id INTEGER NOT NULL REFERENCES introductions(id) ON DELETE CASCADE,
    person_a        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    person_b        INTEGER REFERENCES people(id) ON DELETE SET NULL,
    ended_at        TEXT,
    UNIQUE (introduction_id, person_a, person_b)
);

-- A bot message in `person_id`'s private chat that a reply to reaches the other person of the
-- relay: the first "reply to this message to write to Ana", and every message passed on.
-- `sender_id`: who wrote the message passed on (NULL for the first), for the rate limit.
CREATE TABLE relay_messages (
    relay_id   INTEGER NOT NULL REFERENCES relays(id) ON DELETE CASCADE,
    person_id  INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    message_id INTEGER NOT NULL,
    sender_id  INTEGER REFERENCES people(id) ON DELETE CASCADE,
    sent_at    TEXT    NOT NULL,
    PRIMARY KEY (person_id, message_id)
) WITHOUT ROWID;
CREATE INDEX relay_messages_sender ON relay_messages(sender_id, sent_at);
