-- Issue #21: signing in to the dashboard with no password. `/web` makes a sign-in token (single
-- use, valid 10 minutes); posting it from the sign-in page makes a session (valid 12 hours).
-- Only SHA-256 hashes of both secrets are kept: the database (and its backups) cannot be used
-- to sign in. Rows belong to a Telegram account, not to a `people` row: a coordinator named in
-- the configuration may have none. `/forget`, `/web logout`, a removal and a demotion delete
-- them in the transaction of the change.
CREATE TABLE web_sign_ins (
    token_hash  BLOB    PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    -- The language the person read `/web`'s answer in, for the pages until they choose one.
    language    TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sign_ins_person ON web_sign_ins(telegram_id);

CREATE TABLE web_sessions (
    token_hash  BLOB    PRIMARY KEY,
    telegram_id INTEGER NOT NULL,
    language    TEXT    NOT NULL,
    created_at  TEXT    NOT NULL,
    expires_at  TEXT    NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_person ON web_sessions(telegram_id);
