-- Foundation: working groups, people, memberships, coordinators.
-- Times are stored as UTC RFC 3339 text (chrono's DateTime<Utc>).

CREATE TABLE working_groups (
    id               INTEGER PRIMARY KEY,
    slug             TEXT    NOT NULL UNIQUE,
    name             TEXT    NOT NULL,
    challenge        TEXT    NOT NULL DEFAULT '',
    member_code      TEXT    NOT NULL UNIQUE,
    facilitator_code TEXT    NOT NULL UNIQUE,
    created_at       TEXT    NOT NULL,
    archived_at      TEXT
);

CREATE TABLE people (
    id              INTEGER PRIMARY KEY,
    telegram_id     INTEGER NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    language        TEXT,
    consent_at      TEXT    NOT NULL,
    consent_version INTEGER NOT NULL,
    paused_at       TEXT,
    blocked_at      TEXT,
    created_at      TEXT    NOT NULL
);

CREATE TABLE memberships (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    group_id  INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    role      TEXT    NOT NULL CHECK (role IN ('member', 'facilitator')),
    joined_at TEXT    NOT NULL,
    left_at   TEXT
);

-- At most one current membership per person and group; past ones stay as history.
CREATE UNIQUE INDEX memberships_current ON memberships(person_id, group_id) WHERE left_at IS NULL;
CREATE INDEX memberships_group ON memberships(group_id, left_at);

-- Coordinators added with `coloop admin add`; COLOOP_COORDINATORS adds more at run time.
CREATE TABLE coordinators (
    telegram_id INTEGER PRIMARY KEY,
    added_at    TEXT    NOT NULL
);
