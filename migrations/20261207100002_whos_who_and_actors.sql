-- Issue #19, who's who and other actors.

-- Who's who, opt-in: a member's one-line introduction, listed for the other members of their
-- groups (`/profile`); `/profile off` deletes the row at once. Erased with the person.
CREATE TABLE profiles (
    person_id INTEGER PRIMARY KEY REFERENCES people(id) ON DELETE CASCADE,
    line      TEXT    NOT NULL,
    listed_at TEXT    NOT NULL
);

-- A contact request from who's who is an introduction of two whose requester has accepted
-- already: 'contact' (no facilitator), beside a facilitator's 'introduction'.
ALTER TABLE introductions ADD COLUMN kind TEXT NOT NULL DEFAULT 'introduction'
    CHECK (kind IN ('introduction', 'contact'));

-- Other actors of a group: organisations, experts, public offices. `contact` is what the
-- actor agreed to publish (`contact_kind`: 'url', 'email' or 'phone'); `category` one of the
-- four prototype categories, optional.
CREATE TABLE actors (
    id           INTEGER PRIMARY KEY,
    group_id     INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    offers       TEXT,
    contact_kind TEXT    CHECK (contact_kind IN ('url', 'email', 'phone')),
    contact      TEXT,
    category     TEXT    CHECK (category IN ('community', 'sme', 'large_scale', 'public_service')),
    added_by     INTEGER REFERENCES people(id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    CHECK ((contact IS NULL) = (contact_kind IS NULL))
);
CREATE INDEX actors_group ON actors(group_id, name);
