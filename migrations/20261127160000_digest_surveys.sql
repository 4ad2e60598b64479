-- When a named answer was last given: digests show the most recent text answers first.
-- Anonymous answers keep no time — a time would let someone holding the database match an
-- answer to the participation rows (who was asked, and when they moved on).
ALTER TABLE answers ADD COLUMN answered_at TEXT;

-- Digests read a group's comments over a time window.
CREATE INDEX comments_group_time ON comments(group_id, created_at);

-- When a participant last answered anything (named or anonymous): digests count members who
-- stayed silent over a window. It says that they answered, never what.
ALTER TABLE survey_participants ADD COLUMN last_answered_at TEXT;
