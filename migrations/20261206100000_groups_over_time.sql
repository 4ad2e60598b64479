-- Working groups change over time (issue #13): who removed whom, invite links that expire, are
-- capped or were replaced, and an append-only audit trail of every change.

-- Who ended a membership (NULL: the person left, or the remover was erased or is no stored
-- person) and whether it was a removal rather than leaving.
ALTER TABLE memberships ADD COLUMN left_by INTEGER REFERENCES people(id) ON DELETE SET NULL;
ALTER TABLE memberships ADD COLUMN removed INTEGER NOT NULL DEFAULT 0;

-- Optional expiry and use cap per invite link; uses counts joins through the current code.
-- Rotating a link clears its limits and count.
ALTER TABLE working_groups ADD COLUMN member_expires_at TEXT;
ALTER TABLE working_groups ADD COLUMN member_max_uses INTEGER;
ALTER TABLE working_groups ADD COLUMN member_uses INTEGER NOT NULL DEFAULT 0;
ALTER TABLE working_groups ADD COLUMN facilitator_expires_at TEXT;
ALTER TABLE working_groups ADD COLUMN facilitator_max_uses INTEGER;
ALTER TABLE working_groups ADD COLUMN facilitator_uses INTEGER NOT NULL DEFAULT 0;

-- The last words of an `/archive` waiting for its confirm button (sent to members with it).
ALTER TABLE working_groups ADD COLUMN farewell TEXT;

-- Codes replaced by a rotation: an old link is told it was replaced (and nothing is stored).
CREATE TABLE retired_invite_codes (
    code       TEXT    PRIMARY KEY NOT NULL,
    group_id   INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
    retired_at TEXT    NOT NULL
) WITHOUT ROWID;

-- The audit trail: append-only. The actor is a person (by Telegram id, with the name they had)
-- or the operator (the CLI); `/forget` blanks an erased person's id and name and marks them
-- 'erased', so the event stays true without the person.
CREATE TABLE audit_events (
    id              INTEGER PRIMARY KEY,
    at              TEXT    NOT NULL,
    group_id        INTEGER REFERENCES working_groups(id) ON DELETE CASCADE,
    action          TEXT    NOT NULL CHECK (action IN (
                        'group_created', 'member_removed', 'promoted', 'demoted',
                        'link_rotated', 'link_limited', 'archived', 'unarchived',
                        'chat_linked', 'chat_unlinked', 'comment_hidden', 'survey_closed',
                        'post_sent', 'survey_sent')),
    actor_kind      TEXT    NOT NULL CHECK (actor_kind IN ('person', 'operator', 'erased')),
    actor_telegram  INTEGER,
    actor_name      TEXT,
    target_kind     TEXT    CHECK (target_kind IN ('person', 'erased')),
    target_telegram INTEGER,
    target_name     TEXT,
    -- What exactly (which link, which role, the post or comment id), for reading only.
    detail          TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX audit_events_group ON audit_events(group_id, at);
CREATE INDEX audit_events_actor ON audit_events(actor_telegram) WHERE actor_telegram IS NOT NULL;
CREATE INDEX audit_events_target ON audit_events(target_telegram) WHERE target_telegram IS NOT NULL;
