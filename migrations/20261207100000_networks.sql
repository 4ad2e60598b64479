-- Issue #19, offering help: a member's offer to help with a post (a prototype, or the post a
-- survey with a `volunteer:` question is about), by consent.

-- An offer: who offered help with which post, what they can offer (free text, optional) and
-- how they agree to be contacted: 'introduce' (the facilitator may introduce them to others
-- working on it; the default) or 'facilitator' (only the facilitator may contact them).
-- `step` is where the two-step conversation after the offer stands: 'text' (what can you
-- offer?), 'contact' (how may you be contacted?), 'done'. `prompt_message_id` is the bot's
-- question in the person's private chat that a reply answers. `question_id`: the `volunteer:`
-- survey question whose "yes" made it, if any. Withdrawing deletes the row; it goes with the
-- person (`/forget`) and with the post.
CREATE TABLE offers (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    post_id           INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
    question_id       INTEGER REFERENCES survey_questions(id) ON DELETE SET NULL,
    text              TEXT,
    contact           TEXT    NOT NULL DEFAULT 'introduce'
                              CHECK (contact IN ('introduce', 'facilitator')),
    step              TEXT    NOT NULL DEFAULT 'text' CHECK (step IN ('text', 'contact', 'done')),
    prompt_message_id INTEGER,
    created_at        TEXT    NOT NULL,
    updated_at        TEXT    NOT NULL,
    UNIQUE (person_id, post_id)
);
CREATE INDEX offers_post ON offers(post_id, created_at);

-- A yes/no question whose "yes" is an offer of help (`volunteer:` in the survey syntax).
ALTER TABLE survey_questions ADD COLUMN volunteer INTEGER NOT NULL DEFAULT 0;
