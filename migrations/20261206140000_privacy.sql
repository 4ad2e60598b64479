-- Issue #20: anonymous answers, as of the last full hour and with nothing in their order.
--
-- An anonymous survey's aggregates are exactly those as of the last full hour, also when an
-- answer is changed or erased within the hour. While an answer changed this hour is held back
-- (`held_until`), the version shown is the one it had before (`prior_value`, `prior_text`;
-- `has_prior` = 1 when there was one: an answer first given this hour has none and is not
-- shown yet). An answer erased by /forget this hour loses its respondent (a random key
-- replaces the keyed hash, so it leads to no one) and its current value; only the version
-- shown before stays (`erased` = 1) until the hour ends, when the row is deleted.
--
-- The table is rebuilt, its rows written in key order (question, then the keyed hash of the
-- respondent): SQLite places a row's bytes within a page in the order rows were written, so
-- the old table's pages kept the order anonymous answers came in. From now on the answers of
-- each hour are rewritten in key order once the hour is over.
CREATE TABLE answers_by_key (
    question_id INTEGER NOT NULL REFERENCES survey_questions(id) ON DELETE CASCADE,
    respondent  TEXT    NOT NULL,
    person_id   INTEGER REFERENCES people(id) ON DELETE CASCADE,
    value       INTEGER,
    text        TEXT,
    answered_at TEXT,
    held_until  TEXT,
    prior_value INTEGER,
    prior_text  TEXT,
    has_prior   INTEGER NOT NULL DEFAULT 0,
    erased      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (question_id, respondent)
) WITHOUT ROWID;
INSERT INTO answers_by_key (question_id, respondent, person_id, value, text, answered_at, held_until)
    SELECT question_id, respondent, person_id, value, text, answered_at, held_until
    FROM answers ORDER BY question_id, respondent;
DROP TABLE answers;
ALTER TABLE answers_by_key RENAME TO answers;
CREATE INDEX answers_person ON answers(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX answers_held ON answers(held_until) WHERE held_until IS NOT NULL;

-- Issue #20: coordinators named in the configuration (COLOOP_COORDINATORS) who sent /start:
-- only they get the weekly all-groups digest (Telegram lets the bot write to no one else).
-- `/forget` deletes their row, so scheduled digests stop and no `digest_runs` row is made for
-- them again until they send /start again. Those digests already went to are kept on.
CREATE TABLE started_coordinators (
    telegram_id INTEGER PRIMARY KEY,
    started_at  TEXT NOT NULL
);
INSERT INTO started_coordinators (telegram_id, started_at)
    SELECT telegram_id, MIN(sent_at) FROM digest_runs WHERE scope = 'all' GROUP BY telegram_id;
