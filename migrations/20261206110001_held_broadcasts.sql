-- Issue #16: a broadcast held up (Telegram down) is told to its author once, and its end once.
ALTER TABLE posts ADD COLUMN held_noticed_at TEXT;
ALTER TABLE posts ADD COLUMN done_noticed_at TEXT;
